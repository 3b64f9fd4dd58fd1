// The caller as a requester of one stored dataset: loads their grants here and hands them to the pure policy/requester.ts.
import type { Types } from 'mongoose';
import type { AuthUser } from '../http/context';
import { requesterOf } from '../policy/requester';
import type { PolicyGrant, Requester } from '../policy/types';
import { activeGrantsFor } from './grants';

/** Loads the active grants a user holds on a dataset. */
export type GrantLoader = (userId: Types.ObjectId, datasetId: Types.ObjectId) => Promise<PolicyGrant[]>;

/** The caller as a requester of one stored dataset, loading their active grants on it (approved, unexpired access requests by default). */
export async function callerRequester(
  user: AuthUser | null,
  dataset: { _id: Types.ObjectId; providerId: Types.ObjectId },
  load: GrantLoader = activeGrantsFor,
): Promise<Requester> {
  const grants = user ? await load(user.id, dataset._id) : [];
  return requesterOf(user, dataset.providerId, grants);
}
