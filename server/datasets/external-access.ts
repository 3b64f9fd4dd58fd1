// Who learns how to reach a dataset's full data held elsewhere (docs/design.md §3 `externalAccess`): the
// provider's people and reviewers in the working copy, and on the published face only callers the
// policy engine allows for scope `full` under some purpose (their grant's purpose, or any purpose
// when the rules let them in without a request). Never part of the catalogue index, search results
// or exports (presenter.ts withholds it from the published view); see docs/api.md "External access".
import { Types } from 'mongoose';
import type { ExternalAccess } from '../../schemas/dataset';
import { PURPOSE_CODES } from '../../schemas/taxonomy';
import { callerRequester } from '../access/requester';
import type { AuthUser } from '../http/context';
import { evaluate } from '../policy/evaluate';
import type { PolicyDataset, Purpose, Requester } from '../policy/types';
import { externalAccessOf } from './external-access-rules';

export type { ExternalAccess };
export { externalAccessOf };

/** The purposes for which the engine allows this requester scope `full` (research first). */
export function fullAccessPurposes(rules: PolicyDataset, requester: Requester): Purpose[] {
  const purposes = [...PURPOSE_CODES].sort((a, b) => (a === 'research' ? -1 : b === 'research' ? 1 : 0)) as Purpose[];
  return purposes.filter((p) => evaluate(rules, requester, p, 'full').decision === 'allow');
}

/** A published face as the reveal needs it: whose it is, its rules and its content. */
export interface PublishedFace {
  id: string;
  providerId: string | Types.ObjectId;
  rules: PolicyDataset;
  live: { externalAccess?: unknown } | null;
}

/**
 * The external access of a published face the caller may read, or null when there is none or the
 * engine does not allow them scope `full` for any purpose. Grants are loaded only when there is
 * something to reveal.
 */
export async function revealExternalAccess(user: AuthUser | null, face: PublishedFace): Promise<ExternalAccess[] | null> {
  const entries = externalAccessOf(face.live);
  if (!entries.length) return null;
  const requester = await callerRequester(user, {
    _id: new Types.ObjectId(face.id),
    providerId: new Types.ObjectId(String(face.providerId)),
  });
  return fullAccessPurposes(face.rules, requester).length ? entries : null;
}

/** A presented published face with the external access the caller may see added (the same object when none). */
export async function withExternalAccess<T extends Record<string, unknown>>(
  body: T,
  user: AuthUser | null,
  face: PublishedFace,
): Promise<T> {
  const revealed = await revealExternalAccess(user, face);
  return revealed ? { ...body, externalAccess: revealed } : body;
}
