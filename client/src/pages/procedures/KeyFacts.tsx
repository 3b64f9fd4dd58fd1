// The diff page's key facts of two procedure versions side by side, differing rows marked in words.
import { labelOf } from '@schemas/taxonomy';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Bi } from '../../components/Bi';
import { useFormat, useLang } from '../../lib/hooks';
import type { ProcedureVersion } from './model';
import { StatusBadge, TargetInline, usePercent } from './parts';

/** The versions' key facts in two columns; rows that differ are marked in words. */
export function KeyFacts({ a, b }: { a: ProcedureVersion; b: ProcedureVersion }) {
  const { t } = useTranslation('procedures');
  const lang = useLang();
  const { date, number } = useFormat();
  const percent = usePercent();
  const rows: { key: string; label: string; value: (v: ProcedureVersion) => ReactNode; compare: (v: ProcedureVersion) => unknown }[] = [
    { key: 'status', label: t('fields.status'), value: (v) => <StatusBadge status={v.status} />, compare: (v) => v.status },
    {
      key: 'activatedAt',
      label: t('fields.activatedAt'),
      value: (v) => (v.activatedAt ? date(v.activatedAt) : none(t)),
      compare: (v) => v.activatedAt,
    },
    { key: 'title', label: t('fields.title'), value: (v) => <Bi text={v.title} />, compare: (v) => v.title },
    {
      key: 'taskType',
      label: t('fields.taskType'),
      value: (v) => (v.taskType ? labelOf('tasks', v.taskType, lang) : none(t)),
      compare: (v) => v.taskType,
    },
    {
      key: 'modalities',
      label: t('fields.modalities'),
      value: (v) => (v.modalities?.length ? v.modalities.map((m) => labelOf('modalities', m, lang)).join(', ') : none(t)),
      compare: (v) => v.modalities,
    },
    {
      key: 'classes',
      label: t('fields.classes'),
      value: (v) => t('diff.count', { count: v.labelSchema?.classes.length ?? 0 }),
      compare: (v) => v.labelSchema?.classes,
    },
    {
      key: 'attributes',
      label: t('fields.attributes'),
      value: (v) => t('diff.count', { count: v.labelSchema?.attributes?.length ?? 0 }),
      compare: (v) => v.labelSchema?.attributes,
    },
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
    {
      key: 'verifiedBy',
      label: t('fields.verifiedBy'),
      value: (v) => (v.qa?.verifiedBy ? labelOf('verifiers', v.qa.verifiedBy, lang) : none(t)),
      compare: (v) => v.qa?.verifiedBy,
    },
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
