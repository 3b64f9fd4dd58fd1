// The caller's access to one dataset as `GET /datasets/{id}/my-access` answers it
// (server/access/my-access.ts; docs/api.md "Your access").
import type { MyAccess } from '@schemas/responses';

// The shapes come from the response schema (schemas/responses/access.ts), as the server declares them.
export type { ExternalAccessView, MyAccess } from '@schemas/responses';
export type ActiveGrant = MyAccess['active'][number];
export type EndedGrant = MyAccess['ended'][number];
export type OpenRequest = MyAccess['open'][number];
type RequestRef = Pick<ActiveGrant, 'requestId' | 'link' | 'kind' | 'scope' | 'purpose' | 'status'>;

/** The open request or active grant that already covers a new request for (scope, purpose), if any (a `full` one covers `samples`). */
export function coveringRequest(access: MyAccess | null, scope: 'samples' | 'full', purpose: string): RequestRef | null {
  if (!access) return null;
  const covers = (r: RequestRef) => r.purpose === purpose && (r.scope === scope || r.scope === 'full');
  return access.active.find(covers) ?? access.open.find(covers) ?? null;
}
