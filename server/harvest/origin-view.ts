// The `origin` of a dataset view (docs/harvesting.md "Presented datasets"): `{ kind: 'local' }`, or where
// a harvested dataset came from, what was suggested for it and whether a curator confirmed it.
import type { DatasetDoc } from '../datasets/model';
import { conflict } from '../http/errors';

/** `{ ko, en }` with a missing language filled from the other (source names may have one). */
export function bothLanguages(name: { ko?: string; en?: string } | undefined): { ko: string; en: string } {
  const ko = name?.ko ?? name?.en ?? '';
  const en = name?.en ?? name?.ko ?? '';
  return { ko, en };
}

/** The presented origin of a dataset. */
export function presentOrigin(doc: Pick<DatasetDoc, 'origin'>) {
  const o = doc.origin;
  if (!o || o.kind !== 'harvested') return { kind: 'local' as const };
  return {
    kind: 'harvested' as const,
    source: { id: String(o.sourceId), name: bothLanguages(o.source?.name), kind: o.source?.kind, url: o.source?.url },
    originalId: o.originalId,
    landingPage: o.landingPage ?? null,
    harvestedAt: o.harvestedAt,
    sourceModified: o.sourceModified ?? null,
    suggested: { techAreas: { kr: o.suggested?.techAreas?.kr ?? [], us: o.suggested?.techAreas?.us ?? [] }, modalities: o.suggested?.modalities ?? [] },
    curated: o.curated === true,
  };
}

/** True when the dataset was harvested (and so is read-only here). */
export function isHarvested(doc: Pick<DatasetDoc, 'origin'> | null | undefined): boolean {
  return doc?.origin?.kind === 'harvested';
}

/**
 * Refuses (409 `harvested_read_only`) a provider-workflow write to a harvested dataset: it changes only
 * when its source does. Called where the dataset write paths load their target.
 */
export function assertLocal(doc: Pick<DatasetDoc, 'origin'>, lang: 'ko' | 'en'): void {
  if (!isHarvested(doc)) return;
  throw conflict('harvested_read_only', { source: bothLanguages(doc.origin?.source?.name)[lang] });
}
