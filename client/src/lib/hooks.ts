import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from './api';
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

/** Formats dates and numbers for the current language through Intl. */
export function useFormat() {
  const lang = useLang();
  const locale = lang === 'ko' ? 'ko-KR' : 'en-US';
  const ref = useRef({ locale });
  ref.current.locale = locale;
  return {
    date: (d: string | Date | null | undefined) => (d ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date(d)) : ''),
    dateTime: (d: string | Date | null | undefined) => (d ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(d)) : ''),
    number: (n: number | null | undefined, opts?: Intl.NumberFormatOptions) => (n === null || n === undefined ? '' : new Intl.NumberFormat(locale, opts).format(n)),
    bytes: (n: number | null | undefined) => {
      if (n === null || n === undefined) return '';
      const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;
      let i = 0;
      let v = n;
      while (v >= 1024 && i < units.length - 1) {
        v /= 1024;
        i++;
      }
      return new Intl.NumberFormat(locale, { style: 'unit', unit: units[i], unitDisplay: 'narrow', maximumFractionDigits: 1 }).format(v);
    },
  };
}
