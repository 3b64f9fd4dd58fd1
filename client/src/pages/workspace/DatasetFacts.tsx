import { labelOf, type TaxonomyName } from '@schemas/taxonomy';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Bi } from '../../components/Bi';
import { countryName, languageName } from '../../lib/format';
import { useFormat, useLang } from '../../lib/hooks';
import type { Artifact } from '../../lib/upload';
import type { ReviewEvent, WorkingDataset } from './types';

type Loose = Record<string, unknown>;
const obj = (v: unknown): Loose => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Loose) : {});
const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

const isEmpty = (c: ReactNode): boolean => c === null || c === undefined || c === '' || c === false || (Array.isArray(c) && c.every(isEmpty));

function Fact({ term, children }: { term: string; children: ReactNode }) {
  const { t } = useTranslation('workspace');
  const empty = isEmpty(children);
  return (
    <>
      <dt>{term}</dt>
      <dd>{empty ? <span className="muted">{t('facts.notGiven')}</span> : children}</dd>
    </>
  );
}

/** Labels of codes from one taxonomy, joined; `*` reads as "all". */
function useCodes() {
  const lang = useLang();
  const { t } = useTranslation('workspace');
  return (taxonomy: TaxonomyName, codes: unknown, allKey?: string) => {
    const items = list(codes);
    if (!items.length) return null;
    if (items.includes('*') && allKey) return t(allKey);
    return items.map((c) => labelOf(taxonomy, c, lang)).join(', ');
  };
}

/** Licence, disclosure rules and classification of a dataset as facts (a reviewer's view of the draft). */
export function DisclosureFacts({ ds }: { ds: WorkingDataset }) {
  const { t } = useTranslation('workspace');
  const lang = useLang();
  const codes = useCodes();
  const d = ds as unknown as Loose;
  const license = obj(d.license);
  const disc = obj(d.disclosure);
  const cond = obj(disc.conditions);
  const cls = obj(d.classification);
  const ec = obj(cls.exportControl);
  const yn = (v: unknown) => (v === true ? t('yes') : v === false ? t('no') : null);
  const conditionList = (['dua', 'irb', 'attribution', 'noRedistribution'] as const).filter((c) => cond[c] === true).map((c) => t(`conditions.${c}`));
  if (typeof cond.deleteAfterDays === 'number') conditionList.push(t('facts.deleteAfter', { days: cond.deleteAfterDays }));
  const exportText =
    ec.controlled === true
      ? [t('yes'), ec.regime ? labelOf('exportControlRegimes', String(ec.regime), lang) : null, ec.reference ? String(ec.reference) : null].filter(Boolean).join(' · ')
      : yn(ec.controlled);
  return (
    <div className="facts-grid">
      <section aria-labelledby="facts-disclosure">
        <h4 id="facts-disclosure">{t('steps.disclosure')}</h4>
        <dl className="facts">
          <Fact term={t('fields.license')}>
            {license.id ? labelOf('licenses', String(license.id), lang) : null}
            {license.id === 'custom' && license.commercialUse !== undefined ? ` (${t('fields.commercialUse')}: ${yn(license.commercialUse)})` : null}
          </Fact>
          <Fact term={t('fields.accessLevel')}>{disc.accessLevel ? labelOf('accessLevels', String(disc.accessLevel), lang) : null}</Fact>
          <Fact term={t('fields.samplesAccess')}>{disc.samplesAccess ? labelOf('samplesAccess', String(disc.samplesAccess), lang) : null}</Fact>
          <Fact term={t('fields.allowedCountries')}>{list(disc.allowedCountries).includes('*') ? t('countriesMode.all') : list(disc.allowedCountries).map((c) => countryName(c, lang)).join(', ')}</Fact>
          <Fact term={t('fields.allowedOrgTypes')}>{codes('organizationTypes', disc.allowedOrgTypes, 'orgTypesMode.all')}</Fact>
          <Fact term={t('fields.allowedPurposes')}>{codes('purposes', disc.allowedPurposes)}</Fact>
          <Fact term={t('fields.crossBorder')}>{disc.crossBorder ? labelOf('crossBorder', String(disc.crossBorder), lang) : null}</Fact>
          <Fact term={t('fields.conditions')}>{conditionList.join(', ') || (disc.conditions ? t('facts.noConditions') : null)}</Fact>
          <Fact term={t('fields.maxGrantDays')}>{typeof disc.maxGrantDays === 'number' ? t('facts.days', { count: disc.maxGrantDays }) : null}</Fact>
        </dl>
      </section>
      <section aria-labelledby="facts-classification">
        <h4 id="facts-classification">{t('steps.classification')}</h4>
        <dl className="facts">
          <Fact term={t('fields.level')}>{cls.level ? labelOf('classificationLevels', String(cls.level), lang) : null}</Fact>
          <Fact term={t('fields.personalInfo')}>{cls.personalInfo ? labelOf('personalInfo', String(cls.personalInfo), lang) : null}</Fact>
          <Fact term={t('fields.sensitiveCategories')}>{cls.sensitiveCategories ? codes('sensitiveCategories', cls.sensitiveCategories) || t('facts.none') : null}</Fact>
          <Fact term={t('fields.exportControl')}>{exportText}</Fact>
          <Fact term={t('fields.nationalCore')}>{yn(cls.nationalCoreTechnology)}</Fact>
        </dl>
      </section>
    </div>
  );
}

/** What the data is: modalities, tasks, languages, technology areas, coverage, size. */
export function ContentFacts({ ds }: { ds: WorkingDataset }) {
  const { t } = useTranslation('workspace');
  const lang = useLang();
  const fmt = useFormat();
  const codes = useCodes();
  const d = ds as unknown as Loose;
  const tech = obj(d.techAreas);
  const size = obj(d.size);
  const coverage = obj(d.temporalCoverage);
  const labeling = obj(d.labeling);
  const sizeText = [
    typeof size.records === 'number' ? t('facts.records', { count: size.records, formatted: fmt.number(size.records) }) : null,
    typeof size.bytes === 'number' ? fmt.bytes(size.bytes) : null,
    typeof size.hours === 'number' ? t('facts.hours', { count: size.hours, formatted: fmt.number(size.hours) }) : null,
  ]
    .filter(Boolean)
    .join(' · ');
  const results = Array.isArray(labeling.results) ? (labeling.results as Loose[]) : [];
  return (
    <dl className="facts">
      <Fact term={t('fields.modalities')}>{codes('modalities', d.modalities)}</Fact>
      <Fact term={t('fields.tasks')}>{codes('tasks', d.tasks)}</Fact>
      <Fact term={t('fields.languages')}>{list(d.languages).map((c) => languageName(c, lang)).join(', ')}</Fact>
      <Fact term={t('fields.domain')}>{d.domain ? labelOf('domains', String(d.domain), lang) : null}</Fact>
      <Fact term={t('fields.techKr')}>{codes('krTechnologies', tech.kr)}</Fact>
      <Fact term={t('fields.techUs')}>{codes('usCetAreas', tech.us)}</Fact>
      <Fact term={t('fields.temporalCoverage')}>{coverage.start || coverage.end ? t('facts.period', { start: coverage.start ? fmt.date(String(coverage.start)) : '…', end: coverage.end ? fmt.date(String(coverage.end)) : '…' }) : null}</Fact>
      <Fact term={t('fields.spatialCoverage')}>{d.spatialCoverage ? <Bi text={obj(d.spatialCoverage)} /> : null}</Fact>
      <Fact term={t('fields.size')}>{sizeText}</Fact>
      <Fact term={t('fields.formats')}>{list(d.formats).join(', ')}</Fact>
      <Fact term={t('fields.labeling')}>
        {labeling.procedureId ? (
          <>
            <Link to={`/procedures/${String(labeling.procedureId)}`}>{t('facts.procedureVersion', { version: labeling.procedureVersion })}</Link>
            {results.length > 0 && ` · ${results.map((r) => `${labelOf('qaMetrics', String(r.metric), lang)} ${fmt.number(Number(r.value))}`).join(', ')}`}
          </>
        ) : null}
      </Fact>
    </dl>
  );
}

/** The files of a dataset with status, size and a download link when available. */
export function ArtifactList({ artifacts }: { artifacts: Artifact[] }) {
  const { t } = useTranslation('workspace');
  const lang = useLang();
  const fmt = useFormat();
  if (!artifacts.length) return <p className="muted">{t('upload.none')}</p>;
  return (
    <ul className="artifact-list">
      {artifacts.map((a) => (
        <li key={a.id}>
          {a.downloadUrl ? <a href={a.downloadUrl}>{a.filename}</a> : <span>{a.filename}</span>} <span className="muted">· {labelOf('artifactKinds', a.kind, lang)} · {fmt.bytes(a.bytes)}</span>{' '}
          <span className={`badge ${a.status === 'available' ? 'success' : a.status === 'pending' ? 'warning' : 'danger'}`}>{labelOf('artifactStatuses', a.status, lang)}</span>
        </li>
      ))}
    </ul>
  );
}

/** The publication review history, newest first, with reviewers' comments. */
export function ReviewHistory({ history }: { history: ReviewEvent[] }) {
  const { t } = useTranslation('workspace');
  const fmt = useFormat();
  if (!history.length) return <p className="muted">{t('history.none')}</p>;
  return (
    <ol className="review-history" reversed>
      {[...history].reverse().map((e, i) => (
        <li key={i} className={e.action === 'request_changes' ? 'changes' : undefined}>
          <p>
            <strong>{t(`history.action.${e.action}`)}</strong> · {e.byName} · <time dateTime={e.at}>{fmt.dateTime(e.at)}</time>
            {e.version ? ` · ${t('history.version', { version: e.version })}` : ''}
          </p>
          {e.comment && <blockquote>{e.comment}</blockquote>}
        </li>
      ))}
    </ol>
  );
}
