// Small presentational pieces shared by the registry pages.
import { labelOf } from '@schemas/taxonomy';
import { useTranslation } from 'react-i18next';
import { Field } from '../../components/Field';
import { ProblemView } from '../../components/Status';
import { ApiError } from '../../lib/api';
import { useFormat, useLang } from '../../lib/hooks';
import { statusBadgeClass, type QaTarget, type VersionSummary } from './model';

/** A version status as a text badge (the colour only repeats the word). */
export function StatusBadge({ status }: { status: string }) {
  const lang = useLang();
  return <span className={statusBadgeClass(status)}>{labelOf('procedureStatuses', status, lang)}</span>;
}

/** Formats QA target values: up to four decimals in the UI language. */
export function useTargetFormat() {
  const { t } = useTranslation('procedures');
  const { number } = useFormat();
  const lang = useLang();
  const value = (n: number) => number(n, { maximumFractionDigits: 4 });
  return {
    value,
    /** "≥ 0.75" or "≤ 0.1": the short form. */
    short: (target: Pick<QaTarget, 'target' | 'direction'>) => t(target.direction === 'lower_better' ? 'qa.atMostShort' : 'qa.atLeastShort', { value: value(target.target) }),
    /** The direction in words: "at least 0.75 (higher is better)". */
    words: (target: Pick<QaTarget, 'target' | 'direction'>) => t(target.direction === 'lower_better' ? 'qa.atMostWords' : 'qa.atLeastWords', { value: value(target.target) }),
    metric: (code: string) => labelOf('qaMetrics', code, lang),
  };
}

/** One QA target as "mAP@0.5 ≥ 0.75". */
export function TargetInline({ target }: { target: QaTarget }) {
  const f = useTargetFormat();
  return (
    <span className="qa-target-inline">
      {f.metric(target.metric)} <span className="qa-target-bound">{f.short(target)}</span>
      <span className="visually-hidden"> ({f.words(target)})</span>
    </span>
  );
}

/** A sampling rate (0–1) as a percentage. */
export function usePercent() {
  const { number } = useFormat();
  return (rate: number | undefined | null) => (rate === undefined || rate === null ? '' : number(rate, { style: 'percent', maximumFractionDigits: 2 }));
}

/** A JSON pointer in words ("Label classes › Item 2 › Code"), for error lists. */
export function usePathLabel() {
  const { t } = useTranslation('procedures');
  return (path: string): string => {
    const segs = path.split('/').slice(1);
    const parts = segs.map((s, i) => {
      if (/^\d+$/.test(s)) return segs[i - 1] === 'steps' ? t('diff.step', { n: Number(s) + 1 }) : t('diff.item', { n: Number(s) + 1 });
      if (s === 'ko' || s === 'en') return t(`common:languageName.${s}`);
      if (s === 'type') return segs.includes('workforce') ? t('fields.workforceType') : t('fields.attributeType');
      return t(`fields.${s}`, { defaultValue: s });
    });
    return parts.join(' › ') || t('editor.wholeForm');
  };
}

/** Messages keyed by JSON pointer, listed with readable field names. */
export function FieldMessageList({ errors }: { errors: Record<string, string[]> }) {
  const label = usePathLabel();
  return (
    <ul>
      {Object.entries(errors).flatMap(([path, msgs]) =>
        msgs.map((m, i) => (
          <li key={`${path}-${i}`}>
            <strong className="path-label">{label(path)}:</strong> {m}
          </li>
        )),
      )}
    </ul>
  );
}

/** The server's problem (title and detail) with its field errors in words rather than pointers. */
export function ProcedureProblem({ error, fieldErrors }: { error: ApiError | null; fieldErrors?: Record<string, string[]> }) {
  if (!error) return null;
  const fields = error.problem.errors?.length ? (fieldErrors ?? error.fieldErrors()) : {};
  if (!Object.keys(fields).length) return <ProblemView error={error} />;
  return (
    <div className="problem-group">
      <ProblemView error={new ApiError({ ...error.problem, errors: undefined })} />
      <div className="problem problem-fields">
        <FieldMessageList errors={fields} />
      </div>
    </div>
  );
}

/** A version picker: each version with its status (and activation date), by number. */
export function VersionSelect({ label, versions, value, onChange, testId }: { label: string; versions: readonly VersionSummary[]; value: number | ''; onChange: (version: string) => void; testId: string }) {
  const { t } = useTranslation('procedures');
  const lang = useLang();
  const { date } = useFormat();
  const optionText = (v: VersionSummary) =>
    v.activatedAt
      ? t('detail.versionOptionActivated', { version: v.version, status: labelOf('procedureStatuses', v.status, lang), date: date(v.activatedAt) })
      : t('detail.versionOption', { version: v.version, status: labelOf('procedureStatuses', v.status, lang) });
  return (
    <Field label={label}>
      {(props) => (
        <select {...props} value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
          {versions.map((v) => (
            <option key={v.version} value={v.version}>
              {optionText(v)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** Errors attached to a group rather than one control. */
export function FieldErrors({ errors, id }: { errors: string[] | undefined; id?: string }) {
  if (!errors?.length) return null;
  return (
    <ul className="field-errors" id={id}>
      {errors.map((e, i) => (
        <li key={i}>{e}</li>
      ))}
    </ul>
  );
}
