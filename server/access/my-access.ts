// "Your access" on a dataset page (docs/design.md §5 Downloads: once a grant is active every page counts
// it): the caller's active grants on one dataset with what each opens, the grants that ended
// recently (so the page can offer to request again) and the requests still open.
import { downloadScope } from '../artifacts/download-rule';
import { loadReadableDataset } from '../datasets/load';
import { externalAccessOf } from '../datasets/external-access';
import { filesOf } from '../datasets/files';
import type { DatasetDoc } from '../datasets/model';
import { presentArtifact } from '../datasets/presenter';
import type { AuthUser } from '../http/context';
import { policyDatasetOf } from '../policy/dataset-rules';
import { evaluate } from '../policy/evaluate';
import { requesterOf } from '../policy/requester';
import type { PolicyDataset } from '../policy/types';
import { AccessRequest, OPEN_STATES, type AccessRequestDoc } from './model';
import { days, effectiveStatus } from './status';
import { expireIfDue } from './transition';

/** How long an expired or revoked grant is still shown as "ended" (with "request again"). */
const ENDED_SHOWN_DAYS = 180;
/** At most this many of the caller's requests on one dataset are read (newest first). */
const REQUESTS_READ = 100;
const DAY_MS = days(1);

/** The client page of a request (the API resource is `/api/v1/access-requests/{id}`). */
const pageOf = (doc: AccessRequestDoc) => `/requests/${doc._id}`;

/** What one active grant opens on the published face: the files and external access the engine allows with it. */
function opens(doc: AccessRequestDoc, dataset: DatasetDoc, rules: PolicyDataset | null, user: AuthUser) {
  if (!rules || !dataset.live) return { files: [], externalAccess: [] };
  // Only this grant counts: a file another grant (or the open rules) allows is not this grant's doing.
  const requester = requesterOf(user, dataset.providerId, [{ scope: doc.scope, purpose: doc.purpose }]);
  const allowed = (scope: 'samples' | 'full') =>
    (doc.scope === 'full' || scope === 'samples') && evaluate(rules, requester, doc.purpose, scope).decision === 'allow';
  const id = String(dataset._id);
  const files = filesOf(dataset, 'live')
    .filter((a) => a.status === 'available' && allowed(downloadScope(a.kind)))
    .map((a) => {
      const presented = presentArtifact(a, id);
      // The download asks the engine for this grant's purpose (the endpoint's default is research).
      return { ...presented, scope: downloadScope(a.kind), downloadUrl: `${presented.downloadUrl}?purpose=${doc.purpose}` };
    });
  return { files, externalAccess: allowed('full') ? externalAccessOf(dataset.live) : [] };
}

/**
 * The caller's standing on one dataset they may read (404 otherwise, as for the dataset itself).
 * Expiries found on the way are persisted (the status is computed from `expiresAt` either way).
 */
export async function myAccess(user: AuthUser, idOrSlug: string, now = new Date()) {
  const { doc: dataset } = await loadReadableDataset(idOrSlug, user);
  const stored = await AccessRequest.find({ requesterId: user.id, datasetId: dataset._id })
    .sort({ createdAt: -1, _id: -1 })
    .limit(REQUESTS_READ)
    .lean<AccessRequestDoc[]>();
  const requests = await Promise.all(stored.map((d) => expireIfDue(d, now)));
  // A withdrawn dataset's published face still serves its grantees (as downloads do).
  const rules = dataset.live ? policyDatasetOf(dataset.live) : null;

  const active = [];
  const ended = [];
  const open = [];
  for (const doc of requests) {
    const status = effectiveStatus(doc, now);
    const base = { requestId: String(doc._id), link: pageOf(doc), kind: doc.kind, scope: doc.scope, purpose: doc.purpose, status };
    if (status === 'approved' && doc.expiresAt) {
      const msLeft = doc.expiresAt.getTime() - now.getTime();
      active.push({
        ...base,
        conditions: doc.conditions ?? [],
        decidedAt: doc.decidedAt,
        decidedBySystem: doc.decidedBySystem,
        expiresAt: doc.expiresAt,
        daysLeft: Math.ceil(msLeft / DAY_MS),
        ...opens(doc, dataset, rules, user),
      });
    } else if (status === 'expired' || status === 'revoked') {
      const endedAt = status === 'revoked' ? doc.revokedAt : doc.expiresAt;
      if (!endedAt || now.getTime() - endedAt.getTime() > ENDED_SHOWN_DAYS * DAY_MS) continue;
      ended.push({ ...base, endedAt, expiresAt: doc.expiresAt, revokeReason: status === 'revoked' ? doc.revokeReason : null });
    } else if ((OPEN_STATES as readonly string[]).includes(status)) {
      open.push({ ...base, submittedAt: doc.submittedAt, durationDays: doc.durationDays });
    }
  }
  active.sort((a, b) => b.expiresAt.getTime() - a.expiresAt.getTime());
  return { dataset: { id: String(dataset._id), slug: dataset.slug }, active, ended, open };
}
