import { useSearchParams } from 'react-router';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** `YYYY-MM` of a date (UTC, as the server counts). */
function monthOf(d: Date): string {
  return d.toISOString().slice(0, 7);
}

/** The month range in the URL (`?from=&to=`), by default the last 12 months up to this one, as the API's default. */
export function useMonthRange() {
  const [params, setParams] = useSearchParams();
  const now = new Date();
  const to = MONTH.test(params.get('to') ?? '') ? params.get('to')! : monthOf(now);
  const [y, m] = to.split('-').map(Number);
  const fallbackFrom = monthOf(new Date(Date.UTC(y!, m! - 12, 1)));
  const fromParam = params.get('from') ?? '';
  const from = MONTH.test(fromParam) && fromParam <= to ? fromParam : fallbackFrom;
  /** Sets the range (and any other parameter) in the URL. */
  const set = (next: Record<string, string>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v) p.set(k, v);
      else p.delete(k);
    }
    setParams(p, { replace: true });
  };
  return { from, to, query: `from=${from}&to=${to}`, set, params };
}
