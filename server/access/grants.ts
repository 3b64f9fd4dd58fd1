import type { Types } from 'mongoose';
import type { PolicyGrant } from '../policy/types';
import { AccessRequest } from './model';

/**
 * The grants a user holds on a dataset: approved access requests whose `expiresAt` is still
 * ahead of `now`. Expiry is decided here, at read time, so an expired grant never allows anything
 * even if nothing has marked it `expired` yet. Enclave sessions are not download grants.
 */
export async function activeGrantsFor(userId: Types.ObjectId, datasetId: Types.ObjectId, now = new Date()): Promise<PolicyGrant[]> {
  const docs = await AccessRequest.find(
    { requesterId: userId, datasetId, status: 'approved', kind: 'access', expiresAt: { $gt: now } },
    { scope: 1, purpose: 1 },
  ).lean();
  const seen = new Set<string>();
  const grants: PolicyGrant[] = [];
  for (const d of docs) {
    const key = `${d.scope}:${d.purpose}`;
    if (seen.has(key)) continue;
    seen.add(key);
    grants.push({ scope: d.scope, purpose: d.purpose });
  }
  return grants;
}

/** Every active grant a user holds, by dataset id (for filtering a whole catalogue by purpose). */
export async function activeGrantsByDataset(userId: Types.ObjectId, now = new Date()): Promise<Map<string, PolicyGrant[]>> {
  const docs = await AccessRequest.find(
    { requesterId: userId, status: 'approved', kind: 'access', expiresAt: { $gt: now } },
    { datasetId: 1, scope: 1, purpose: 1 },
  ).lean();
  const out = new Map<string, PolicyGrant[]>();
  for (const d of docs) {
    const list = out.get(String(d.datasetId)) ?? [];
    if (!list.some((g) => g.scope === d.scope && g.purpose === d.purpose)) list.push({ scope: d.scope, purpose: d.purpose });
    out.set(String(d.datasetId), list);
  }
  return out;
}

/** An active grant with the request it came from (what "your access" and "Can I use this?" name). */
export interface GrantRecord extends PolicyGrant {
  requestId: string;
  expiresAt: Date;
}

/** A user's active grants on a dataset with their requests, latest expiry first. */
export async function activeGrantRecords(userId: Types.ObjectId, datasetId: Types.ObjectId, now = new Date()): Promise<GrantRecord[]> {
  const docs = await AccessRequest.find(
    { requesterId: userId, datasetId, status: 'approved', kind: 'access', expiresAt: { $gt: now } },
    { scope: 1, purpose: 1, expiresAt: 1 },
  )
    .sort({ expiresAt: -1 })
    .lean();
  return docs.map((d) => ({ requestId: String(d._id), scope: d.scope, purpose: d.purpose, expiresAt: d.expiresAt! }));
}
