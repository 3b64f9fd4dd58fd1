import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { labelOf, type TaxonomyName } from '@schemas/taxonomy';
import { Bi } from '../../components/Bi';
import { languageName } from '../../lib/explain';
import { useFormat, useLang } from '../../lib/hooks';
import { useDateOnly } from './format';
import type { DatasetView } from './types';

function Labels({ taxonomy, codes }: { taxonomy: TaxonomyName; codes: readonly string[] | undefined }) {
  const lang = useLang();
  if (!codes?.length) return null;
  return (
    <ul className="inline-list">
      {codes.map((c) => (
        <li key={c}>{labelOf(taxonomy, c, lang)}</li>
      ))}
    </ul>
  );
}

/** The dataset's descriptive facts as a two-column table; rows without a value are left out. */
export function FactsTable({ dataset }: { dataset: DatasetView }) {
  const { t } = useTranslation('dataset');
  const lang = useLang();
  const format = useFormat();
  const dateOnly = useDateOnly();
  const d = dataset;
  const size = d.size ?? {};
  const sizeParts = [
    size.records !== undefined ? t('facts.records', { count: size.records, formatted: format.number(size.records) }) : null,
    size.hours !== undefined ? t('facts.hours', { count: size.hours, formatted: format.number(size.hours, { maximumFractionDigits: 1 }) }) : null,
    size.bytes !== undefined ? format.bytes(size.bytes) : null,
  ].filter((x): x is string => !!x);
  const coverage = d.temporalCoverage;
  const rows: [string, string, ReactNode][] = [
    ['modalities', t('facts.modalities'), d.modalities?.length ? <Labels taxonomy="modalities" codes={d.modalities} /> : null],
    ['tasks', t('facts.tasks'), d.tasks?.length ? <Labels taxonomy="tasks" codes={d.tasks} /> : null],
    [
      'languages',
      t('facts.languages'),
      d.languages?.length ? (
        <ul className="inline-list">
          {d.languages.map((l) => (
            <li key={l}>{languageName(l, lang)}</li>
          ))}
        </ul>
      ) : null,
    ],
    ['domain', t('facts.domain'), d.domain ? labelOf('domains', d.domain, lang) : null],
    ['krTech', t('facts.krTech'), d.techAreas?.kr?.length ? <Labels taxonomy="krTechnologies" codes={d.techAreas.kr} /> : null],
    ['usCet', t('facts.usCet'), d.techAreas?.us?.length ? <Labels taxonomy="usCetAreas" codes={d.techAreas.us} /> : null],
    [
      'temporal',
      t('facts.temporal'),
      coverage?.start || coverage?.end
        ? coverage.start && coverage.end
          ? t('facts.period', { start: dateOnly(coverage.start), end: dateOnly(coverage.end) })
          : coverage.start
            ? t('facts.since', { start: dateOnly(coverage.start) })
            : t('facts.until', { end: dateOnly(coverage.end) })
        : null,
    ],
    ['spatial', t('facts.spatial'), d.spatialCoverage ? <Bi text={d.spatialCoverage} /> : null],
    ['size', t('facts.size'), sizeParts.length ? sizeParts.join(t('facts.separator')) : null],
    ['formats', t('facts.formats'), d.formats?.length ? d.formats.join(t('facts.separator')) : null],
    [
      'contact',
      t('facts.contact'),
      d.contact ? (
        <>
          {d.contact.name} <a href={`mailto:${d.contact.email}`}>{d.contact.email}</a>
        </>
      ) : null,
    ],
  ];
  const shown = rows.filter(([, , v]) => v !== null && v !== '');
  if (!shown.length) return <p className="muted">{t('facts.none')}</p>;
  return (
    <table className="facts-table" data-testid="facts">
      <tbody>
        {shown.map(([key, label, value]) => (
          <tr key={key} data-fact={key}>
            <th scope="row">{label}</th>
            <td>{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
