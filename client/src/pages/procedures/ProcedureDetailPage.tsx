import { labelOf } from '@schemas/taxonomy';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams, useSearchParams } from 'react-router';
import { Bi, useBi } from '../../components/Bi';
import { Field } from '../../components/Field';
import { useTitle } from '../../components/Layout';
import { Loading, ProblemView } from '../../components/Status';
import { api, ApiError } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { useApi, useFormat, useLang } from '../../lib/hooks';
import type { Procedure, ProcedureVersion, VersionDetail, VersionSummary } from './model';
import { ProcedureBody } from './ProcedureBody';
import { ProcedureProblem, StatusBadge } from './parts';
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
          <Actions
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

function VersionBar({ procedure: p, shownVersion, onChoose }: { procedure: Procedure; shownVersion: number; onChoose: (v: number) => void }) {
  const { t } = useTranslation('procedures');
  const lang = useLang();
  const { date } = useFormat();
  const versions: VersionSummary[] = p.versions ?? [{ version: p.version, status: p.status, activatedAt: p.activatedAt }];
  const optionText = (v: VersionSummary) =>
    v.activatedAt
      ? t('detail.versionOptionActivated', { version: v.version, status: labelOf('procedureStatuses', v.status, lang), date: date(v.activatedAt) })
      : t('detail.versionOption', { version: v.version, status: labelOf('procedureStatuses', v.status, lang) });
  return (
    <div className="version-bar card">
      <Field label={t('detail.versionSelect')}>
        {(props) => (
          <select {...props} value={shownVersion} onChange={(e) => onChoose(Number(e.target.value))} data-testid="version-select">
            {versions.map((v) => (
              <option key={v.version} value={v.version}>
                {optionText(v)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <details className="version-history">
        <summary>{t('detail.history', { count: versions.length })}</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('fields.version')}</th>
              <th scope="col">{t('fields.status')}</th>
              <th scope="col">{t('fields.activatedAt')}</th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <tr key={v.version} aria-current={v.version === shownVersion ? 'true' : undefined}>
                <th scope="row">
                  <Link to={`?version=${v.version}`} onClick={(e) => { e.preventDefault(); onChoose(v.version); }}>
                    {t('common.versionN', { version: v.version })}
                  </Link>
                </th>
                <td>
                  <StatusBadge status={v.status} />
                </td>
                <td>{v.activatedAt ? date(v.activatedAt) : <span className="muted">{t('common.none')}</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
      {versions.length > 1 && (
        <Link className="button secondary" to={`/procedures/${encodeURIComponent(p.slug)}/diff`} data-testid="compare-versions">
          {t('detail.compare')}
        </Link>
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

type ActionKind = 'activate' | 'newVersion' | 'retire';

/** Lifecycle actions for members of the owning organisation (and admins). */
function Actions({ procedure: p, shown, onDone }: { procedure: Procedure; shown: ProcedureVersion; onDone: (message: string, version?: number) => void }) {
  const { t } = useTranslation('procedures');
  const { user, hasRole } = useAuth();
  const [busy, setBusy] = useState<ActionKind | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [confirmRetire, setConfirmRetire] = useState(false);
  const owner = !!user && !!p.provider && user.organization?.id === p.provider.id && hasRole('provider');
  if (!owner && !hasRole('admin')) return null;

  const latest = (p.versions ?? []).reduce<VersionSummary | null>((max, v) => (!max || v.version > max.version ? v : max), null);
  const latestIsDraft = latest?.status === 'draft';
  const base = `/labeling-procedures/${encodeURIComponent(p.id)}`;

  const run = async (kind: ActionKind, call: () => Promise<{ data: Procedure }>, message: (r: Procedure) => string) => {
    setBusy(kind);
    setError(null);
    try {
      const { data } = await call();
      setConfirmRetire(false);
      onDone(message(data), data.version);
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError({ title: String(err), status: 0, code: 'client_error' }));
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="procedure-actions" aria-labelledby="sec-actions">
      <h2 id="sec-actions" className="visually-hidden">
        {t('detail.actions')}
      </h2>
      <div className="actions">
        {latestIsDraft && (
          <Link className="button" to={`/procedures/${encodeURIComponent(p.slug)}/edit`} data-testid="edit-draft">
            {t('detail.editDraft', { version: latest!.version })}
          </Link>
        )}
        {shown.status === 'draft' && (
          <button
            type="button"
            className="primary"
            data-testid="activate-version"
            disabled={busy !== null}
            onClick={() =>
              void run(
                'activate',
                () => api<Procedure>(`${base}/versions/${shown.version}/activate`, { method: 'POST', headers: { 'if-match': shown.etag } }),
                (r) => t('detail.activated', { version: r.version }),
              )
            }
          >
            {busy === 'activate' ? t('common.working') : t('detail.activate', { version: shown.version })}
          </button>
        )}
        {!latestIsDraft && (
          <button
            type="button"
            className="secondary"
            data-testid="new-version"
            disabled={busy !== null}
            onClick={() =>
              void run(
                'newVersion',
                () => api<Procedure>(`${base}/versions`, { method: 'POST' }),
                (r) => t('detail.versionCreated', { version: r.version }),
              )
            }
          >
            {busy === 'newVersion' ? t('common.working') : t('detail.newVersion')}
          </button>
        )}
        {shown.status === 'active' && !confirmRetire && (
          <button type="button" className="secondary" data-testid="retire-version" disabled={busy !== null} onClick={() => setConfirmRetire(true)}>
            {t('detail.retire', { version: shown.version })}
          </button>
        )}
      </div>
      {confirmRetire && shown.status === 'active' && (
        <div className="confirm card" role="group" aria-labelledby="retire-q">
          <p id="retire-q">{t('detail.retireConfirm', { version: shown.version })}</p>
          <div className="actions">
            <button
              type="button"
              className="danger"
              data-testid="confirm-retire"
              disabled={busy !== null}
              onClick={() =>
                void run(
                  'retire',
                  () => api<Procedure>(`${base}/versions/${shown.version}/retire`, { method: 'POST' }),
                  (r) => t('detail.retired', { version: r.version }),
                )
              }
            >
              {busy === 'retire' ? t('common.working') : t('detail.retireYes')}
            </button>
            <button type="button" className="secondary" onClick={() => setConfirmRetire(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </div>
      )}
      <ProcedureProblem error={error} />
    </section>
  );
}
