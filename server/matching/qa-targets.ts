// QA targets of the labeling-procedure versions datasets refer to. Datasets may only refer to
// active or superseded versions, which are immutable, so a loaded version never goes stale.
import { Types } from 'mongoose';
import { ProcedureVersion } from '../labeling/model';
import type { MatchCandidate, QaTarget, QaTargetLookup } from './types';

const cache = new Map<string, QaTarget[]>();
const keyOf = (procedureId: string, version: number) => `${procedureId}@${version}`;

/** Loads (once) the targets of every procedure version the candidates refer to; returns a synchronous lookup. */
export async function qaTargetsFor(candidates: Iterable<MatchCandidate>): Promise<QaTargetLookup> {
  const missing = new Set<string>();
  for (const c of candidates) {
    const l = c.live.labeling;
    if (l?.procedureId && l.procedureVersion && !cache.has(keyOf(l.procedureId, l.procedureVersion)) && Types.ObjectId.isValid(l.procedureId)) {
      missing.add(l.procedureId);
    }
  }
  if (missing.size) {
    const versions = await ProcedureVersion.find(
      { procedureId: { $in: [...missing].map((id) => new Types.ObjectId(id)) }, status: { $in: ['active', 'superseded', 'retired'] } },
      { procedureId: 1, version: 1, qa: 1 },
    ).lean();
    for (const v of versions) cache.set(keyOf(String(v.procedureId), v.version), (v.qa?.targets ?? []) as QaTarget[]);
  }
  return (procedureId, version) => cache.get(keyOf(procedureId, version));
}
