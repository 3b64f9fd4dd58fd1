import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { Bi, useBi } from '../../components/Bi';
import { useTitle } from '../../components/Layout';
import { Empty, Loading, ProblemView } from '../../components/Status';
import { useApi } from '../../lib/hooks';
import { DiffTable } from './DiffTable';
import { KeyFacts } from './KeyFacts';
import { defaultComparison, type DiffResponse, type Procedure, type VersionDetail } from './model';
import { VersionSelect } from './parts';
import './procedures.css';

/** Compares two versions of a procedure: key facts side by side and every changed field. */
export default function ProcedureDiffPage() {
  const { t } = useTranslation('procedures');
  const bi = useBi();
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const base = `/labeling-procedures/${encodeURIComponent(id)}`;
  const proc = useApi<Procedure>(base);
  const versions = proc.data?.versions ?? [];
  const defaults = defaultComparison(versions);
  const from = Number(params.get('from')) || defaults?.from || null;
  const to = Number(params.get('to')) || defaults?.to || null;
  const ready = !!proc.data && from !== null && to !== null;
  const diff = useApi<DiffResponse>(ready ? `${base}/diff?from=${from}&to=${to}` : null);
  const a = useApi<VersionDetail>(ready ? `${base}/versions/${from}` : null);
  const b = useApi<VersionDetail>(ready ? `${base}/versions/${to}` : null);
  useTitle(proc.data ? t('diff.pageTitle', { title: bi(proc.data.title) }) : t('diff.title'));

  // The updater form reads the URL as it is now, so two quick changes never undo each other.
  const choose = (name: 'from' | 'to', value: string) => {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.set('from', name === 'from' ? value : (prev.get('from') ?? String(from)));
        next.set('to', name === 'to' ? value : (prev.get('to') ?? String(to)));
        return next;
      },
      { replace: true },
    );
  };
  const swap = () => {
    const next = new URLSearchParams(params);
    next.set('from', String(to));
    next.set('to', String(from));
    setParams(next, { replace: true });
  };

  if (proc.loading && !proc.data) return <Loading />;
  if (proc.error || !proc.data) return <ProblemView error={proc.error} />;
  const p = proc.data;

  return (
    <div className="procedures">
      <nav className="breadcrumbs" aria-label={t('common.breadcrumbs')}>
        <Link to="/procedures">{t('list.title')}</Link>
        <span aria-hidden="true"> › </span>
        <Link to={`/procedures/${encodeURIComponent(p.slug)}`}>{bi(p.title)}</Link>
      </nav>
      <h1>{t('diff.title')}</h1>
      <p className="lead">
        <Bi text={p.title} />
      </p>

      {versions.length < 2 ? (
        <Empty message={t('diff.onlyOne')} action={{ to: `/procedures/${encodeURIComponent(p.slug)}`, label: t('diff.back') }} />
      ) : (
        <>
          <form className="diff-controls card" onSubmit={(e) => e.preventDefault()} aria-label={t('diff.choose')}>
            <VersionSelect label={t('diff.from')} versions={versions} value={from ?? ''} onChange={(v) => choose('from', v)} testId="diff-from" />
            <button type="button" className="secondary swap" onClick={swap}>
              {t('diff.swap')}
            </button>
            <VersionSelect label={t('diff.to')} versions={versions} value={to ?? ''} onChange={(v) => choose('to', v)} testId="diff-to" />
          </form>

          {(diff.error || a.error || b.error) && <ProblemView error={diff.error ?? a.error ?? b.error} />}
          <div aria-live="polite" aria-busy={diff.loading || a.loading || b.loading}>
            {(diff.loading || a.loading || b.loading) && <Loading />}
            {diff.data && a.data && b.data && !diff.loading && !a.loading && !b.loading && (
              <>
                <KeyFacts a={a.data} b={b.data} />
                <DiffTable diff={diff.data} a={a.data} b={b.data} />
              </>
            )}
          </div>
        </>
      )}
    </div>
  );
}
