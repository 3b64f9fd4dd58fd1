// The diff page's table of changes between two procedure versions, values shown by their labels.
import { labelOf } from '@schemas/taxonomy';
import { useTranslation } from 'react-i18next';
import { Bi, useBi } from '../../components/Bi';
import { Empty } from '../../components/Status';
import { useFormat, useLang } from '../../lib/hooks';
import { isBilingual, pointerSegments, valueAt, type Change, type DiffResponse, type ProcedureVersion } from './model';
import { usePercent } from './parts';
import { AttributeValue } from './ProcedureBody';

const OP_BADGE: Record<Change['op'], string> = { added: 'badge success', removed: 'badge danger', changed: 'badge warning' };

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
export function DiffTable({ diff, a, b }: { diff: DiffResponse; a: ProcedureVersion; b: ProcedureVersion }) {
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
        if (el && typeof el === 'object' && typeof el.code === 'string')
          parts.push(isBilingual(el.name) ? t('diff.named', { name: bi(el.name), code: el.code }) : el.code);
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
    if (field === 'type')
      return (
        <>{keys.includes('attributes') ? t(`attributeTypes.${value}`, { defaultValue: value }) : labelOf('workforceTypes', value, lang)}</>
      );
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
