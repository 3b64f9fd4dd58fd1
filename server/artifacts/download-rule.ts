// Which access scope a download needs (docs/design.md §5 Downloads); whether the caller has it is the
// policy engine's answer, never decided here.
import type { ArtifactKind } from '../../schemas/taxonomy';
import type { Scope } from '../policy/types';

/** Artifact kinds that count as samples for access purposes; the rest need full access. */
export const SAMPLE_KINDS: ReadonlySet<ArtifactKind> = new Set<ArtifactKind>(['sample', 'guideline', 'datacard', 'schema']);

/** The scope the engine is asked about before an artifact of this kind is handed out. */
export function downloadScope(kind: ArtifactKind): Extract<Scope, 'samples' | 'full'> {
  return SAMPLE_KINDS.has(kind) ? 'samples' : 'full';
}
