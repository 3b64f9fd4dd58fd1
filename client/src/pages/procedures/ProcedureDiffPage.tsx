import { labelOf } from '@schemas/taxonomy';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { Bi, useBi } from '../../components/Bi';
import { Field } from '../../components/Field';
import { useTitle } from '../../components/Layout';
import { Empty, Loading, ProblemView } from '../../components/Status';
import { useApi, useFormat, useLang } from '../../lib/hooks';
import { defaultComparison, isBilingual, pointerSegments, valueAt, type Change, type DiffResponse, type Procedure, type ProcedureVersion, type VersionDetail } from './model';
import { StatusBadge, TargetInline, usePercent } from './parts';
import { AttributeValue } from './ProcedureBody';
import './procedures.css';

const OP_BADGE: Record<Change['op'], string> = { added: 'badge success', removed: 'badge danger', changed: 'badge warning' };

/** Compares two versions of a procedure: key facts side by side and every changed field. */
export default function ProcedureDiffPage() {
  const { t } = useTranslation('procedures');
  const lang = useLang();
  const bi = useBi();
  const { date } = useFormat();
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
  const optionText = (v: (typeof versions)[number]) =>
    v.activatedAt
      ? t('detail.versionOptionActivated', { version: v.version, status: labelOf('procedureStatuses', v.status, lang), date: date(v.activatedAt) })
      : t('detail.versionOption', { version: v.version, status: labelOf('procedureStatuses', v.status, lang) });

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
            <Field label={t('diff.from')}>
              {(props) => (
                <select {...props} value={from ?? ''} onChange={(e) => choose('from', e.target.value)} data-testid="diff-from">
                  {versions.map((v) => (
                    <option key={v.version} value={v.version}>
                      {optionText(v)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <button type="button" className="secondary swap" onClick={swap}>
              {t('diff.swap')}
            </button>
            <Field label={t('diff.to')}>
              {(props) => (
                <select {...props} value={to ?? ''} onChange={(e) => choose('to', e.target.value)} data-testid="diff-to">
                  {versions.map((v) => (
                    <option key={v.version} value={v.version}>
                      {optionText(v)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
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

/** The versions' key facts in two columns; rows that differ are marked in words. */
function KeyFacts({ a, b }: { a: ProcedureVersion; b: ProcedureVersion }) {
  const { t } = useTranslation('procedures');
  const lang = useLang();
  const { date, number } = useFormat();
  const percent = usePercent();
  const rows: { key: string; label: string; value: (v: ProcedureVersion) => ReactNode; compare: (v: ProcedureVersion) => unknown }[] = [
    { key: 'status', label: t('fields.status'), value: (v) => <StatusBadge status={v.status} />, compare: (v) => v.status },
    { key: 'activatedAt', label: t('fields.activatedAt'), value: (v) => (v.activatedAt ? date(v.activatedAt) : none(t)), compare: (v) => v.activatedAt },
    { key: 'title', label: t('fields.title'), value: (v) => <Bi text={v.title} />, compare: (v) => v.title },
    { key: 'taskType', label: t('fields.taskType'), value: (v) => (v.taskType ? labelOf('tasks', v.taskType, lang) : none(t)), compare: (v) => v.taskType },
    {
      key: 'modalities',
      label: t('fields.modalities'),
      value: (v) => (v.modalities?.length ? v.modalities.map((m) => labelOf('modalities', m, lang)).join(', ') : none(t)),
      compare: (v) => v.modalities,
    },
    { key: 'classes', label: t('fields.classes'), value: (v) => t('diff.count', { count: v.labelSchema?.classes.length ?? 0 }), compare: (v) => v.labelSchema?.classes },
    { key: 'attributes', label: t('fields.attributes'), value: (v) => t('diff.count', { count: v.labelSchema?.attributes?.length ?? 0 }), compare: (v) => v.labelSchema?.attributes },
    { key: 'steps', label: t('fields.steps'), value: (v) => t('diff.count', { count: v.steps?.length ?? 0 }), compare: (v) => v.steps },
    {
      key: 'workforce',
      label: t('fields.workforce'),
      value: (v) =>
        v.workforce?.type
          ? `${labelOf('workforceTypes', v.workforce.type, lang)}${v.workforce.annotatorsPerItem !== undefined ? ` · ${t('diff.perItem', { count: v.workforce.annotatorsPerItem, n: number(v.workforce.annotatorsPerItem) })}` : ''}`
          : none(t),
      compare: (v) => [v.workforce?.type, v.workforce?.annotatorsPerItem],
    },
    { key: 'tools', label: t('fields.tools'), value: (v) => (v.tools?.length ? v.tools.join(', ') : none(t)), compare: (v) => v.tools },
    {
      key: 'inspection',
      label: t('fields.inspection'),
      value: (v) =>
        v.qa?.inspection
          ? `${labelOf('inspectionTypes', v.qa.inspection, lang)}${v.qa.inspection === 'sampling' && v.qa.samplingRate !== undefined ? ` ${percent(v.qa.samplingRate)}` : ''}`
          : none(t),
      compare: (v) => [v.qa?.inspection, v.qa?.samplingRate],
    },
    { key: 'verifiedBy', label: t('fields.verifiedBy'), value: (v) => (v.qa?.verifiedBy ? labelOf('verifiers', v.qa.verifiedBy, lang) : none(t)), compare: (v) => v.qa?.verifiedBy },
    {
      key: 'targets',
      label: t('fields.targets'),
      value: (v) =>
        v.qa?.targets?.length ? (
          <ul className="plain-list">
            {v.qa.targets.map((target) => (
              <li key={target.metric}>
                <TargetInline target={target} />
              </li>
            ))}
          </ul>
        ) : (
          none(t)
        ),
      compare: (v) => v.qa?.targets,
    },
  ];
  return (
    <section aria-labelledby="sec-facts">
      <h2 id="sec-facts">{t('diff.keyFacts')}</h2>
      <div className="table-wrap">
        <table className="facts-compare" data-testid="diff-facts">
          <thead>
            <tr>
              <td />
              <th scope="col">{t('diff.versionColumn', { version: a.version })}</th>
              <th scope="col">{t('diff.versionColumn', { version: b.version })}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const differs = JSON.stringify(row.compare(a) ?? null) !== JSON.stringify(row.compare(b) ?? null);
              return (
                <tr key={row.key} className={differs ? 'differs' : undefined}>
                  <th scope="row">
                    {row.label}
                    {differs && <span className="badge warning differs-mark">{t('diff.differs')}</span>}
                  </th>
                  <td data-label={t('diff.versionColumn', { version: a.version })}>{row.value(a)}</td>
                  <td data-label={t('diff.versionColumn', { version: b.version })}>{row.value(b)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function none(t: (k: string) => string) {
  return <span className="muted">{t('common.none')}</span>;
}

/** Labels of the known content fields, by the key's context (a `type` of the workforce is not an attribute's). */
function useFieldLabel() {
  const { t } = useTranslation('procedures');
  return (key: string, parents: readonly string[]) => {
    if (key === 'type') return parents.includes('attributes') ? t('fields.attributeType') : t('fields.workforceType');
    if (key === 'ko' || key === 'en') return t(`common:languageName.${key}`);
    return t(`fields.${key}`, { defaultValue: key });
  };
}

/** Every change as a row: readable field path, kind of change in words and colour, old and new value. */
function DiffTable({ diff, a, b }: { diff: DiffResponse; a: ProcedureVersion; b: ProcedureVersion }) {
  const { t } = useTranslation('procedures');
  const lang = useLang();
  const bi = useBi();
  const fieldLabel = useFieldLabel();
  const counts = { added: 0, removed: 0, changed: 0 };
  for (const c of diff.changes) counts[c.op]++;

  const describe = (change: Change): string[] => {
    const segs = pointerSegments(change.path);
    const parts: string[] = [];
    const keys: string[] = [];
    segs.forEach((seg, i) => {
      if (/^\d+$/.test(seg)) {
        const last = i === segs.length - 1;
        const doc = change.op === 'removed' && last ? a : b;
        const el = valueAt(doc, segs.slice(0, i + 1)) as Record<string, unknown> | undefined;
        const container = keys[keys.length - 1];
        if (el && typeof el === 'object' && typeof el.code === 'string') parts.push(isBilingual(el.name) ? t('diff.named', { name: bi(el.name), code: el.code }) : el.code);
        else if (el && typeof el === 'object' && typeof el.metric === 'string') parts.push(labelOf('qaMetrics', el.metric, lang));
        else if (container === 'steps') parts.push(t('diff.step', { n: Number(seg) + 1 }));
        else parts.push(t('diff.item', { n: Number(seg) + 1 }));
      } else {
        parts.push(fieldLabel(seg, keys));
        keys.push(seg);
      }
    });
    return parts;
  };
  const keysOf = (path: string) => pointerSegments(path).filter((s) => !/^\d+$/.test(s));

  if (diff.changes.length === 0)
    return (
      <section aria-labelledby="sec-changes">
        <h2 id="sec-changes">{t('diff.changes')}</h2>
        <div data-testid="diff-empty">
          <Empty message={t('diff.noChanges', { from: diff.from, to: diff.to })} />
        </div>
      </section>
    );
  return (
    <section aria-labelledby="sec-changes">
      <h2 id="sec-changes">{t('diff.changes')}</h2>
      <p className="muted" data-testid="diff-summary">
        {t('diff.summary', { count: diff.changes.length, added: counts.added, removed: counts.removed, changed: counts.changed })}
      </p>
      <div className="table-wrap">
        <table className="diff-table" data-testid="diff">
          <caption className="visually-hidden">{t('diff.caption', { from: diff.from, to: diff.to })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('diff.field')}</th>
              <th scope="col">{t('diff.change')}</th>
              <th scope="col">{t('diff.before', { version: diff.from })}</th>
              <th scope="col">{t('diff.after', { version: diff.to })}</th>
            </tr>
          </thead>
          <tbody>
            {diff.changes.map((c) => (
              <tr key={`${c.op}${c.path}`} className={`op-${c.op}`} data-op={c.op}>
                <th scope="row">
                  <span className="diff-path">{describe(c).join(' › ')}</span>
                  <code className="pointer">{c.path}</code>
                </th>
                <td className="op">
                  <span className={OP_BADGE[c.op]}>{t(`diff.op.${c.op}`)}</span>
                </td>
                <td className="old" data-label={t('diff.before', { version: diff.from })}>
                  {c.op === 'added' ? <Nothing /> : <DiffValue value={c.from} keys={keysOf(c.path)} />}
                </td>
                <td className="new" data-label={t('diff.after', { version: diff.to })}>
                  {c.op === 'removed' ? <Nothing /> : <DiffValue value={c.to} keys={keysOf(c.path)} />}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Nothing() {
  const { t } = useTranslation('procedures');
  return <span className="muted">{t('diff.absent')}</span>;
}

/** A changed value, with codes shown by their labels and nested objects as field lists. */
function DiffValue({ value, keys }: { value: unknown; keys: readonly string[] }) {
  const { t } = useTranslation('procedures');
  const lang = useLang();
  const { number } = useFormat();
  const percent = usePercent();
  const fieldLabel = useFieldLabel();
  const field = keys[keys.length - 1];
  if (value === undefined || value === null) return <Nothing />;
  if (typeof value === 'string') {
    if (field === 'ko' || field === 'en') return <span lang={field}>{value}</span>;
    const taxonomy = (
      {
        taskType: 'tasks',
        modalities: 'modalities',
        metric: 'qaMetrics',
        direction: 'qaDirections',
        inspection: 'inspectionTypes',
        verifiedBy: 'verifiers',
      } as const
    )[field as 'taskType'];
    if (taxonomy) return <>{labelOf(taxonomy, value, lang)}</>;
    if (field === 'values' && keys.includes('attributes')) return <AttributeValue value={value} />;
    if (field === 'type') return <>{keys.includes('attributes') ? t(`attributeTypes.${value}`, { defaultValue: value }) : labelOf('workforceTypes', value, lang)}</>;
    return <>{value}</>;
  }
  if (typeof value === 'number') return <>{field === 'samplingRate' ? percent(value) : number(value, { maximumFractionDigits: 4 })}</>;
  if (typeof value === 'boolean') return <>{t(value ? 'common.yes' : 'common.no')}</>;
  if (Array.isArray(value)) {
    return (
      <ul className="plain-list">
        {value.map((item, i) => (
          <li key={i}>
            <DiffValue value={item} keys={keys} />
          </li>
        ))}
      </ul>
    );
  }
  if (isBilingual(value)) return <Bi text={value} />;
  if (typeof value === 'object') {
    return (
      <dl className="diff-object">
        {Object.entries(value as Record<string, unknown>).map(([k, v]) => (
          <div key={k}>
            <dt>{fieldLabel(k, keys)}</dt>
            <dd>
              <DiffValue value={v} keys={[...keys, k]} />
            </dd>
          </div>
        ))}
      </dl>
    );
  }
  return <>{String(value)}</>;
}
