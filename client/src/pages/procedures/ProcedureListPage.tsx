import { labelOf, MODALITIES, TASKS } from '@schemas/taxonomy';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { Bi, useBi } from '../../components/Bi';
import { Field } from '../../components/Field';
import { useTitle } from '../../components/Layout';
import { Empty, Loading, Pagination, ProblemView } from '../../components/Status';
import type { Page } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { useApi, useFormat, useLang } from '../../lib/hooks';
import type { Procedure } from './model';
import { StatusBadge, TargetInline, usePercent } from './parts';
import './procedures.css';

interface OrgItem {
  id: string;
  slug: string;
  name: { ko?: string; en?: string };
}

const PAGE_SIZE = 20;
const FILTERS = ['taskType', 'modality', 'provider', 'status'] as const;

/** The registry: procedures with their active version (plus the drafts the caller may see), filterable by URL. */
export default function ProcedureListPage() {
  const { t } = useTranslation('procedures');
  const lang = useLang();
  const bi = useBi();
  const { user, hasRole } = useAuth();
  const [params, setParams] = useSearchParams();
  useTitle(t('list.title'));

  const page = Math.max(1, Number(params.get('page')) || 1);
  const query = new URLSearchParams();
  for (const f of FILTERS) {
    const v = params.get(f);
    if (v) query.set(f, v);
  }
  query.set('page', String(page));
  query.set('pageSize', String(PAGE_SIZE));
  const list = useApi<Page<Procedure>>(`/labeling-procedures?${query}`);
  const orgs = useApi<Page<OrgItem>>('/organizations?country=KR&pageSize=100');
  const seesDrafts = !!user && hasRole('provider', 'admin', 'reviewer');
  const canCreate = hasRole('provider', 'admin');

  const setFilter = (name: (typeof FILTERS)[number] | 'page', value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    if (name !== 'page') next.delete('page');
    setParams(next);
  };

  const providers = [...(orgs.data?.items ?? [])].sort((a, b) => bi(a.name).localeCompare(bi(b.name), lang));
  const sortedTasks = [...TASKS].sort((a, b) => a.label[lang].localeCompare(b.label[lang], lang));

  return (
    <div className="procedures">
      <div className="page-head">
        <div>
          <h1>{t('list.title')}</h1>
          <p className="lead">{t('list.intro')}</p>
        </div>
        {canCreate && (
          <Link className="button" to="/procedures/new" data-testid="new-procedure">
            {t('list.newProcedure')}
          </Link>
        )}
      </div>

      <form className="filters card" role="search" aria-label={t('list.filters')} onSubmit={(e) => e.preventDefault()}>
        <Field label={t('list.filterTask')}>
          {(p) => (
            <select {...p} value={params.get('taskType') ?? ''} onChange={(e) => setFilter('taskType', e.target.value)} data-testid="filter-task">
              <option value="">{t('list.any')}</option>
              {sortedTasks.map((task) => (
                <option key={task.code} value={task.code}>
                  {task.label[lang]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('list.filterModality')}>
          {(p) => (
            <select {...p} value={params.get('modality') ?? ''} onChange={(e) => setFilter('modality', e.target.value)} data-testid="filter-modality">
              <option value="">{t('list.any')}</option>
              {MODALITIES.map((m) => (
                <option key={m.code} value={m.code}>
                  {m.label[lang]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('list.filterProvider')}>
          {(p) => (
            <select {...p} value={params.get('provider') ?? ''} onChange={(e) => setFilter('provider', e.target.value)} data-testid="filter-provider">
              <option value="">{t('list.any')}</option>
              {providers.map((o) => (
                <option key={o.slug} value={o.slug}>
                  {bi(o.name)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {seesDrafts && (
          <Field label={t('list.filterStatus')}>
            {(p) => (
              <select {...p} value={params.get('status') ?? ''} onChange={(e) => setFilter('status', e.target.value)} data-testid="filter-status">
                <option value="">{t('list.statusAll')}</option>
                <option value="active">{labelOf('procedureStatuses', 'active', lang)}</option>
                <option value="draft">{labelOf('procedureStatuses', 'draft', lang)}</option>
              </select>
            )}
          </Field>
        )}
      </form>

      <div aria-live="polite" className="results-status">
        {list.data && !list.loading && <p className="muted">{t('list.results', { count: list.data.total })}</p>}
      </div>

      {list.error && <ProblemView error={list.error} />}
      {list.loading && !list.data && <Loading />}
      {list.data && list.data.items.length === 0 && <Empty message={t('list.empty')} action={canCreate ? { to: '/procedures/new', label: t('list.newProcedure') } : undefined} />}
      {list.data && list.data.items.length > 0 && (
        <ul className="procedure-list" aria-busy={list.loading}>
          {list.data.items.map((p) => (
            <ProcedureCard key={`${p.id}-${p.version}`} procedure={p} />
          ))}
        </ul>
      )}
      {list.data && <Pagination page={list.data.page} pageSize={list.data.pageSize} total={list.data.total} onPage={(n) => setFilter('page', n > 1 ? String(n) : '')} />}
    </div>
  );
}

function ProcedureCard({ procedure: p }: { procedure: Procedure }) {
  const { t } = useTranslation('procedures');
  const lang = useLang();
  const { date } = useFormat();
  const percent = usePercent();
  const targets = p.qa?.targets ?? [];
  return (
    <li className="card procedure-card" data-testid="procedure-card">
      <div className="card-head">
        <h2>
          <Link to={`/procedures/${encodeURIComponent(p.slug)}?version=${p.version}`}>
            <Bi text={p.title} />
          </Link>
        </h2>
        <StatusBadge status={p.status} />
      </div>
      <dl className="facts compact">
        <dt>{t('fields.provider')}</dt>
        <dd>{p.provider ? <Bi text={p.provider.name} /> : t('common.none')}</dd>
        <dt>{t('fields.taskType')}</dt>
        <dd>{p.taskType ? labelOf('tasks', p.taskType, lang) : t('common.none')}</dd>
        <dt>{t('fields.modalities')}</dt>
        <dd>
          {p.modalities?.length ? (
            <ul className="inline-list">
              {p.modalities.map((m) => (
                <li key={m} className="badge primary">
                  {labelOf('modalities', m, lang)}
                </li>
              ))}
            </ul>
          ) : (
            t('common.none')
          )}
        </dd>
        <dt>{t('fields.version')}</dt>
        <dd>
          {t('common.versionN', { version: p.version })}
          {p.activeVersion !== null && p.activeVersion !== p.version && <span className="muted"> · {t('list.activeIs', { version: p.activeVersion })}</span>}
          {p.activatedAt && <span className="muted"> · {t('list.activatedOn', { date: date(p.activatedAt) })}</span>}
        </dd>
        <dt>{t('fields.qaTargets')}</dt>
        <dd>
          {targets.length ? (
            <ul className="plain-list">
              {targets.map((target) => (
                <li key={target.metric}>
                  <TargetInline target={target} />
                </li>
              ))}
            </ul>
          ) : (
            t('common.none')
          )}
          {p.qa?.inspection && (
            <div className="muted small">
              {labelOf('inspectionTypes', p.qa.inspection, lang)}
              {p.qa.inspection === 'sampling' && p.qa.samplingRate !== undefined && ` ${percent(p.qa.samplingRate)}`}
              {p.qa.verifiedBy && ` · ${labelOf('verifiers', p.qa.verifiedBy, lang)}`}
            </div>
          )}
        </dd>
      </dl>
    </li>
  );
}
