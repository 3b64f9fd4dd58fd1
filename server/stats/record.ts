// The recording hooks called by the dataset view, the download route and the access-request
// commands (docs/statistics.md "Events"). Each decides synchronously whether the event counts, then
// leaves the counter write to run after the response has been sent.
import type { Request, Response } from 'express';
import { isbot } from 'isbot';
import { Types } from 'mongoose';
import type { AccessRequestDoc, AccessRequestState } from '../access/model';
import type { ReadableDataset } from '../datasets/read';
import { isMemberOf, type AuthUser } from '../http/context';
import { depsOf } from '../http/deps';
import { Organization } from '../organizations/model';
import { currentRuntime, inBackground, increment, useRuntime, type StatsRuntime } from './counters';
import { RepeatFilter } from './double-click';
import { ANONYMOUS_REQUESTER, type RequesterKind, type UsageEvent } from './events';

const repeats = new RepeatFilter();

function runtimeOf(req: Request): StatsRuntime {
  const { config, log } = depsOf(req);
  const r = { enabled: config.statsEnabled, log };
  useRuntime(r);
  return r;
}

/** The caller as the repeat filter knows them (session, token holder, or address and browser); null for bots and callers without a User-Agent. */
function viewerOf(req: Request): string | null {
  const ua = req.get('user-agent');
  if (!ua || isbot(ua)) return null;
  const { user, sessionId } = req.ctx;
  if (sessionId) return `s:${String(sessionId)}`;
  if (user) return `u:${String(user.id)}`;
  return `a:${req.ip ?? ''}|${ua}`;
}

/** The requester dimensions of a signed-in caller: their organisation's country and type. */
export function requesterKindOf(user: AuthUser | null): RequesterKind {
  return user?.organization ? { country: user.organization.country, orgType: user.organization.type } : ANONYMOUS_REQUESTER;
}

/** Resolves true once the response has been sent with a success status; false when it failed or the client left. */
function sentOk(res: Response): Promise<boolean> {
  return new Promise((resolve) => {
    res.once('finish', () => resolve(res.statusCode < 400));
    res.once('close', () => resolve(res.writableFinished && res.statusCode < 400));
  });
}

/** Counts an event of a web request (view, download) by a non-member, not a bot, once per viewer and target per 30 minutes. */
function countHit(
  req: Request,
  res: Response,
  dataset: { id: string; providerId: Types.ObjectId | string },
  event: UsageEvent,
  target: string,
): void {
  const rt = runtimeOf(req);
  if (!rt.enabled || isMemberOf(req.ctx.user, String(dataset.providerId))) return;
  const viewer = viewerOf(req);
  if (!viewer || !repeats.firstWithin(viewer, `${event}:${target}`)) return;
  const key = {
    datasetId: new Types.ObjectId(dataset.id),
    providerId: new Types.ObjectId(String(dataset.providerId)),
    event,
    requester: requesterKindOf(req.ctx.user),
  };
  inBackground(sentOk(res), () => increment(key), rt.log);
}

/** Hook of GET /datasets/{id}: counts a view when the caller was shown the published face. */
export function countView(req: Request, res: Response, found: ReadableDataset): void {
  if (found.entry) countHit(req, res, { id: found.entry.id, providerId: found.entry.providerId }, 'view', found.entry.id);
  else if (found.view === 'live')
    countHit(req, res, { id: String(found.doc._id), providerId: found.doc.providerId }, 'view', String(found.doc._id));
}

/** Hook of the download route: counts an issued download URL by the file's scope. */
export function countDownload(
  req: Request,
  res: Response,
  doc: { _id: Types.ObjectId; providerId: Types.ObjectId },
  artifactId: string,
  scope: string,
): void {
  const event: UsageEvent = scope === 'full' ? 'full_download' : 'sample_download';
  countHit(req, res, { id: String(doc._id), providerId: doc.providerId }, event, `${String(doc._id)}/${artifactId}`);
}

const DECISION_EVENTS: Partial<Record<AccessRequestState, UsageEvent>> = { approved: 'request_approved', rejected: 'request_rejected' };

/** Hook of access-request creation and transitions: counts the events a request just went through (in the background). */
export function countRequest(doc: AccessRequestDoc, states: readonly AccessRequestState[]): void {
  const rt = currentRuntime();
  const events = states.map((s) => (s === 'submitted' ? 'request_submitted' : DECISION_EVENTS[s])).filter((e): e is UsageEvent => !!e);
  if (!rt.enabled || !events.length) return;
  inBackground(
    Promise.resolve(true),
    async () => {
      const org = doc.requesterOrgId ? await Organization.findById(doc.requesterOrgId, { country: 1, type: 1 }).lean() : null;
      const requester = org ? { country: org.country, orgType: org.type } : ANONYMOUS_REQUESTER;
      for (const event of events) await increment({ datasetId: doc.datasetId, providerId: doc.providerId, event, requester });
    },
    rt.log,
  );
}

/** Hook of the transition command: counts approvals and rejections (a resubmission is not a new request). */
export function countDecision(doc: AccessRequestDoc, to: AccessRequestState): void {
  if (DECISION_EVENTS[to]) countRequest(doc, [to]);
}
