import { labelOf, type TaxonomyName } from '@schemas/taxonomy';
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading, ProblemView } from '../../components/Status';
import { countryName, languageName } from '../../lib/format';
import { useApi, useFormat, useLang } from '../../lib/hooks';
import './review-changes.css';

/** One changed value (server/datasets/review-diff.ts). */
interface FieldChange {
  field: string;
  path: string;
  lang?: 'ko' | 'en';
  before: unknown;
  after: unknown;
}

interface FileFacts {
  id: string;
  kind: string;
  filename: string;
  bytes: number;
}

/** GET /datasets/{id}/review-changes. */
export interface ReviewChangesView {
  since: { action: 'approve' | 'request_changes'; at: string; by: { id: string; name: string }; comment: string | null; version: number } | null;
  comparable: boolean;
  fields: FieldChange[];
  files: { added: FileFacts[]; removed: FileFacts[] };
}

// Where a value's codes get their labels, by JSON pointer.
const TAXONOMY_OF: Record<string, TaxonomyName> = {
  '/modalities': 'modalities',
  '/tasks': 'tasks',
  '/domain': 'domains',
  '/techAreas/kr': 'krTechnologies',
  '/techAreas/us': 'usCetAreas',
  '/license/id': 'licenses',
  '/disclosure/accessLevel': 'accessLevels',
  '/disclosure/samplesAccess': 'samplesAccess',
  '/disclosure/allowedOrgTypes': 'organizationTypes',
  '/disclosure/allowedPurposes': 'purposes',
  '/disclosure/crossBorder': 'crossBorder',
  '/classification/level': 'classificationLevels',
  '/classification/personalInfo': 'personalInfo',
  '/classification/sensitiveCategories': 'sensitiveCategories',
  '/classification/exportControl/regime': 'exportControlRegimes',
};

// The editor's label (workspace:fields.*) of a pointer below a field, when it has its own.
const SUB_LABEL: Record<string, string> = {
  '/contact/name': 'contactName',
  '/contact/email': 'contactEmail',
  '/techAreas/kr': 'techKr',
  '/techAreas/us': 'techUs',
  '/temporalCoverage/start': 'temporalStart',
  '/temporalCoverage/end': 'temporalEnd',
  '/size/records': 'sizeRecords',
  '/size/bytes': 'sizeBytes',
  '/size/hours': 'sizeHours',
  '/license/url': 'licenseUrl',
  '/license/commercialUse': 'commercialUse',
  '/disclosure/accessLevel': 'accessLevel',
  '/disclosure/samplesAccess': 'samplesAccess',
  '/disclosure/allowedCountries': 'allowedCountries',
  '/disclosure/allowedOrgTypes': 'allowedOrgTypes',
  '/disclosure/allowedPurposes': 'allowedPurposes',
  '/disclosure/crossBorder': 'crossBorder',
  '/disclosure/maxGrantDays': 'maxGrantDays',
  '/disclosure/conditions/deleteAfterDays': 'deleteAfterDays',
  '/classification/level': 'level',
  '/classification/personalInfo': 'personalInfo',
  '/classification/sensitiveCategories': 'sensitiveCategories',
  '/classification/exportControl/controlled': 'exportControl',
  '/classification/exportControl/regime': 'exportRegime',
  '/classification/exportControl/reference': 'exportReference',
  '/classification/nationalCoreTechnology': 'nationalCore',
  '/labeling/procedureId': 'procedure',
  '/labeling/procedureVersion': 'procedureVersion',
  '/labeling/results': 'results',
};
const CONDITIONS = ['dua', 'irb', 'attribution', 'noRedistribution'];

/** The label of a changed value: the field, then the part of it when it has a name of its own. */
function useFieldLabel() {
  const { t } = useTranslation('workspace');
  return (c: FieldChange): string => {
    const field = t(`fields.${c.field}`, { defaultValue: c.field });
    const condition = /^\/disclosure\/conditions\/(\w+)$/.exec(c.path)?.[1];
    if (condition && CONDITIONS.includes(condition)) return `${t('fields.conditions')} · ${t(`conditions.${condition}`)}`;
    const sub = SUB_LABEL[c.path];
    return sub ? `${field} · ${t(`fields.${sub}`)}` : field;
  };
}

/** A value as the reviewer reads it: codes as labels, numbers, sizes and dates through Intl. */
function useValueText() {
  const { t } = useTranslation('workspace');
  const lang = useLang();
  const fmt = useFormat();
  const one = (path: string, v: unknown): string => {
    if (typeof v === 'boolean') return v ? t('yes') : t('no');
    if (typeof v === 'number') return path === '/size/bytes' ? fmt.bytes(v) : fmt.number(v);
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (path === '/labeling/results' && typeof o.metric === 'string') return `${labelOf('qaMetrics', o.metric, lang)} ${fmt.number(Number(o.value))}`;
      return JSON.stringify(v);
    }
    const s = String(v);
    if (path === '/disclosure/allowedCountries') return s === '*' ? t('countriesMode.all') : countryName(s, lang);
    if (path === '/disclosure/allowedOrgTypes' && s === '*') return t('orgTypesMode.all');
    if (path === '/languages') return languageName(s, lang);
    if (path.startsWith('/temporalCoverage/')) return fmt.date(s);
    const taxonomy = TAXONOMY_OF[path];
    return taxonomy ? labelOf(taxonomy, s, lang) : s;
  };
  return (path: string, v: unknown): ReactNode => {
    if (v === null || v === undefined || (Array.isArray(v) && v.length === 0)) return <span className="muted">{t('sinceReview.notSet')}</span>;
    return Array.isArray(v) ? v.map((x) => one(path, x)).join(', ') : one(path, v);
  };
}

/** The changed values as a table: what, in which language, before and after. */
function FieldTable({ fields }: { fields: FieldChange[] }) {
  const { t } = useTranslation('workspace');
  const labelOfField = useFieldLabel();
  const text = useValueText();
  return (
    <div className="table-wrap">
      <table className="review-diff" data-testid="review-diff">
        <caption>{t('sinceReview.fieldsCaption', { count: fields.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('sinceReview.col.field')}</th>
            <th scope="col">{t('sinceReview.col.before')}</th>
            <th scope="col">{t('sinceReview.col.after')}</th>
          </tr>
        </thead>
        <tbody>
          {fields.map((c) => (
            <tr key={c.path} data-testid="diff-row" data-path={c.path}>
              <th scope="row">
                {labelOfField(c)}
                {c.lang && <span className="badge diff-lang">{t(`lang.${c.lang}`)}</span>}
              </th>
              <td className="diff-before" lang={c.lang} data-label={t('sinceReview.col.before')}>
                <del>{text(c.path, c.before)}</del>
              </td>
              <td className="diff-after" lang={c.lang} data-label={t('sinceReview.col.after')}>
                <ins>{text(c.path, c.after)}</ins>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Files({ files, kind }: { files: FileFacts[]; kind: 'added' | 'removed' }) {
  const { t } = useTranslation('workspace');
  const lang = useLang();
  const fmt = useFormat();
  if (!files.length) return null;
  return (
    <div className={`file-change ${kind}`}>
      <p>
        <span className={kind === 'added' ? 'badge success' : 'badge danger'}>{t(kind === 'added' ? 'changes.addedBadge' : 'changes.removedBadge')}</span>{' '}
        {t(kind === 'added' ? 'sinceReview.filesAdded' : 'sinceReview.filesRemoved', { count: files.length })}
      </p>
      <ul className="file-change-list">
        {files.map((a) => (
          <li key={a.id} data-testid={`since-${kind}-file`}>
            <span className="filename">{a.filename}</span> <span className="muted">· {labelOf('artifactKinds', a.kind, lang)} · {fmt.bytes(a.bytes)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * "Changes since the last review" (docs/design.md §5): what the provider changed after the last decision —
 * each changed value before and after, per language, and files added or removed — with that
 * decision's comment. Shown to the reviewer of a resubmission and to the provider while revising.
 */
export function ReviewChanges({ datasetId, heading: H = 'h3' }: { datasetId: string; heading?: 'h2' | 'h3' }) {
  const { t } = useTranslation('workspace');
  const fmt = useFormat();
  const headingId = useId();
  const { data, error, loading } = useApi<ReviewChangesView>(`/datasets/${encodeURIComponent(datasetId)}/review-changes`);
  // A first submission has nothing to compare with: the section stays away rather than saying so.
  if (data && !data.since) return null;
  const since = data?.since;
  const files = data?.files ?? { added: [], removed: [] };
  const nothing = !!data && data.comparable && data.fields.length === 0 && files.added.length === 0 && files.removed.length === 0;
  return (
    <section className="review-changes" aria-labelledby={headingId} data-testid="review-changes">
      <H id={headingId}>{t('sinceReview.title')}</H>
      {loading && !data && <Loading />}
      <ProblemView error={error} compact />
      {since && (
        <>
          <p className="muted" data-testid="since-basis">
            {since.action === 'approve'
              ? t('sinceReview.basisApproved', { name: since.by.name, date: fmt.dateTime(since.at), version: since.version })
              : t('sinceReview.basisChanges', { name: since.by.name, date: fmt.dateTime(since.at) })}
          </p>
          <div className="previous-comment">
            <p>
              <strong>{t('sinceReview.previousComment')}</strong>
            </p>
            {since.comment ? (
              <blockquote className="review-comment" data-testid="previous-comment">
                {since.comment}
              </blockquote>
            ) : (
              <p className="muted">{t('sinceReview.noComment')}</p>
            )}
          </div>
          {!data.comparable ? (
            <p className="notice">{t('sinceReview.notComparable')}</p>
          ) : nothing ? (
            <p className="notice" data-testid="since-nothing">
              {t('sinceReview.nothing')}
            </p>
          ) : (
            <>
              {data.fields.length > 0 && <FieldTable fields={data.fields} />}
              <div data-testid="since-files">
                {files.added.length === 0 && files.removed.length === 0 ? (
                  <p className="muted">{t('sinceReview.noFileChanges')}</p>
                ) : (
                  <>
                    <Files files={files.added} kind="added" />
                    <Files files={files.removed} kind="removed" />
                  </>
                )}
              </div>
            </>
          )}
        </>
      )}
    </section>
  );
}
