import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from './api';
import { formatBytes, formatDate, formatDateTime, formatNumber } from './format';
import type { Lang } from './i18n';

/** Loads `path` from the API whenever it (or the language) changes; `reload` fetches again. */
export function useApi<T>(path: string | null) {
  const { i18n } = useTranslation();
  const [state, setState] = useState<{ data: T | null; error: ApiError | null; loading: boolean; headers: Headers | null }>({ data: null, error: null, loading: !!path, headers: null });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!path) return;
    const ctrl = new AbortController();
    setState((s) => ({ ...s, loading: true, error: null }));
    api<T>(path, { signal: ctrl.signal })
      .then(({ data, headers }) => setState({ data, error: null, loading: false, headers }))
      .catch((err: unknown) => {
        if ((err as Error).name === 'AbortError') return;
        setState({ data: null, error: err instanceof ApiError ? err : new ApiError({ title: String(err), status: 0, code: 'client_error' }), loading: false, headers: null });
      });
    return () => ctrl.abort();
  }, [path, tick, i18n.language]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload };
}

/** The current UI language. */
export function useLang(): Lang {
  const { i18n } = useTranslation();
  return (i18n.language === 'en' ? 'en' : 'ko') as Lang;
}

/** Formats dates, numbers and sizes for the current language through Intl (one implementation: ./format). */
export function useFormat() {
  const lang = useLang();
  return {
    date: (d: string | Date | null | undefined) => formatDate(d, lang),
    dateTime: (d: string | Date | null | undefined) => formatDateTime(d, lang),
    number: (n: number | null | undefined, opts?: Intl.NumberFormatOptions) => formatNumber(n, lang, opts),
    bytes: (n: number | null | undefined) => formatBytes(n, lang),
  };
}
