import type { SearchHit } from './types';
import { DatasetCard } from './DatasetCard';
import { MatchReason } from './MatchReason';

/** The result cards of one catalogue page, as a list so screen readers announce how many there are. */
export function ResultList({ items, busy = false }: { items: SearchHit[]; busy?: boolean }) {
  return (
    <ol className="result-list" aria-busy={busy || undefined} data-testid="result-list">
      {items.map((d) => (
        <li key={d.id}>
          <DatasetCard dataset={d} highlights={d.highlights} reason={<MatchReason snippet={d.snippet} matchedBy={d.matchedBy} />} />
        </li>
      ))}
    </ol>
  );
}
