// The guarded-write shape, written once: load the target → organisation scope → If-Match → conditional write (docs/design.md §7).
import { preconditionFailed } from '../http/errors';
import type { OrgScope } from './access';

/** Fails with 412 when an If-Match header is present and names none of `etag` (`*` or no header: no precondition). */
export function checkIfMatch(ifMatch: string | undefined, etag: string): void {
  if (!ifMatch || ifMatch.trim() === '*') return;
  const tags = ifMatch.split(',').map((t) => t.trim().replace(/^W\//, ''));
  if (!tags.includes(etag)) throw preconditionFailed();
}

/** A write's target as loaded for the caller, with the organisation scope they act in (and whatever else the load found). */
export interface WriteTarget<T> {
  target: T;
  scope: OrgScope;
}

/** What a guarded write is made of; the steps run in this order. */
export interface GuardedWrite<T, L extends WriteTarget<T>, R> {
  /** Loads the target as the caller may see it (404 otherwise) and scopes it to their organisation (403 otherwise); may refuse a target in the wrong state first. */
  load: () => Promise<L>;
  /** The If-Match request header, checked against the loaded target's ETag (412 when stale). */
  ifMatch: string | undefined;
  /** The target's current ETag. */
  etag: (target: T) => string;
  /** The write itself, conditional on the revision loaded and filtered by `scope`; its result is the caller's answer (and its next ETag). */
  write: (loaded: L) => Promise<R>;
}

/** Runs one write in the guarded shape: load and scope, check If-Match, then write. */
export async function guardedWrite<T, L extends WriteTarget<T>, R>(steps: GuardedWrite<T, L, R>): Promise<R> {
  const loaded = await steps.load();
  checkIfMatch(steps.ifMatch, steps.etag(loaded.target));
  return steps.write(loaded);
}
