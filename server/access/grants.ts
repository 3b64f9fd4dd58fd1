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
