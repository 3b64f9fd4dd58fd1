import { labelOf } from '@schemas/taxonomy';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams, useSearchParams } from 'react-router';
import { Bi, useBi } from '../../components/Bi';
import { useTitle } from '../../components/Layout';
import { Loading, ProblemView } from '../../components/Status';
import { useApi, useFormat, useLang } from '../../lib/hooks';
import type { Procedure, ProcedureVersion, VersionDetail } from './model';
import { ProcedureActions } from './ProcedureActions';
import { ProcedureBody } from './ProcedureBody';
import { StatusBadge } from './parts';
import { VersionBar } from './VersionBar';
import './procedures.css';

/** Navigation state other pages pass to announce what they just did. */
export interface DetailNavState {
  notice?: string;
}

/** One procedure: a version's content, the version history and, for its provider, the lifecycle actions. */
export default function ProcedureDetailPage() {
  const { t } = useTranslation('procedures');
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const location = useLocation();
  const bi = useBi();
  const proc = useApi<Procedure>(`/labeling-procedures/${encodeURIComponent(id)}`);
  const requested = Number(params.get('version')) || null;
  const other = !!proc.data && requested !== null && requested !== proc.data.version;
  const ver = useApi<VersionDetail>(other ? `/labeling-procedures/${encodeURIComponent(id)}/versions/${requested}` : null);
  const shown: ProcedureVersion | null = other ? ver.data : proc.data;
  useTitle(proc.data ? bi((shown ?? proc.data).title) : proc.error ? t('detail.notFound') : undefined);

  const [notice, setNotice] = useState<string | null>((location.state as DetailNavState | null)?.notice ?? null);

  const showVersion = (v: number) => {
    const next = new URLSearchParams(params);
    next.set('version', String(v));
    setParams(next, { replace: true });
  };

  if (proc.loading && !proc.data) return <Loading />;
  if (proc.error || !proc.data) return <ProblemView error={proc.error} />;
  const p = proc.data;

  return (
    <div className="procedures">
      <nav className="breadcrumbs" aria-label={t('common.breadcrumbs')}>
        <Link to="/procedures">{t('list.title')}</Link>
      </nav>
      <header className="detail-head">
        <Bi as="h1" text={(shown ?? p).title} toggle />
        {shown && (
          <p className="detail-sub">
            <StatusBadge status={shown.status} /> <span>{t('common.versionN', { version: shown.version })}</span>
            {p.provider && (
              <>
                {' · '}
                <Bi text={p.provider.name} />
              </>
            )}
          </p>
        )}
      </header>

      <div aria-live="polite">
        {notice && (
          <p className="success" data-testid="procedure-notice">
            {notice}
          </p>
        )}
      </div>

      <VersionBar procedure={p} shownVersion={shown?.version ?? requested ?? p.version} onChoose={(v) => { setNotice(null); showVersion(v); }} />

      {other && ver.loading && <Loading />}
      {other && ver.error && (
        <>
          <ProblemView error={ver.error} />
          <button type="button" className="secondary" onClick={() => showVersion(p.version)}>
            {t('detail.showCurrent', { version: p.version })}
          </button>
        </>
      )}
      {shown && (
        <>
          <ProcedureActions
            procedure={p}
            shown={shown}
            onDone={(message, version) => {
              setNotice(message);
              proc.reload();
              if (other) ver.reload();
              if (version !== undefined) showVersion(version);
            }}
          />
          <VersionContext procedure={p} shown={shown} onChoose={showVersion} />
          <Overview procedure={p} shown={shown} />
          <ProcedureBody content={shown} />
        </>
      )}
    </div>
  );
}

/** Explains which version is shown when it is not the one everybody uses. */
function VersionContext({ procedure: p, shown, onChoose }: { procedure: Procedure; shown: ProcedureVersion; onChoose: (v: number) => void }) {
  const { t } = useTranslation('procedures');
  if (shown.status === 'draft') return <p className="notice">{t('detail.draftNotice')}</p>;
  if (shown.status === 'active') return null;
  return (
    <p className="notice">
      {shown.status === 'retired' ? t('detail.retiredNotice') : t('detail.supersededNotice')}
      {p.activeVersion !== null && p.activeVersion !== shown.version && (
        <>
          {' '}
          <button type="button" className="link-button" onClick={() => onChoose(p.activeVersion!)}>
            {t('detail.showActive', { version: p.activeVersion })}
          </button>
        </>
      )}
    </p>
  );
}

function Overview({ procedure: p, shown }: { procedure: Procedure; shown: ProcedureVersion }) {
  const { t } = useTranslation('procedures');
  const lang = useLang();
  const { date } = useFormat();
  return (
    <section aria-labelledby="sec-overview">
      <h2 id="sec-overview">{t('detail.overview')}</h2>
      <dl className="facts" data-testid="procedure-facts">
        <dt>{t('fields.provider')}</dt>
        <dd>{p.provider ? <Bi text={p.provider.name} /> : t('common.none')}</dd>
        <dt>{t('fields.slug')}</dt>
        <dd>
          <code>{p.slug}</code>
        </dd>
        <dt>{t('fields.taskType')}</dt>
        <dd>{shown.taskType ? labelOf('tasks', shown.taskType, lang) : t('common.none')}</dd>
        <dt>{t('fields.modalities')}</dt>
        <dd>{shown.modalities?.length ? shown.modalities.map((m) => labelOf('modalities', m, lang)).join(', ') : t('common.none')}</dd>
        <dt>{t('fields.status')}</dt>
        <dd>
          <StatusBadge status={shown.status} />
        </dd>
        {shown.activatedAt && (
          <>
            <dt>{t('fields.activatedAt')}</dt>
            <dd>{date(shown.activatedAt)}</dd>
          </>
        )}
        {shown.supersededAt && (
          <>
            <dt>{t('fields.supersededAt')}</dt>
            <dd>{date(shown.supersededAt)}</dd>
          </>
        )}
        {shown.retiredAt && (
          <>
            <dt>{t('fields.retiredAt')}</dt>
            <dd>{date(shown.retiredAt)}</dd>
          </>
        )}
        <dt>{t('fields.updatedAt')}</dt>
        <dd>{date(shown.updatedAt)}</dd>
      </dl>
    </section>
  );
}
