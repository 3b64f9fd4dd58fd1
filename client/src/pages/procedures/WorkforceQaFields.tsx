// The procedure editor's workforce and quality-assurance fields, with the QA targets table.
import { INSPECTION_TYPES, QA_DIRECTIONS, QA_METRICS, VERIFIERS, WORKFORCE_TYPES } from '@schemas/taxonomy';
import { useTranslation } from 'react-i18next';
import { Field } from '../../components/Field';
import { useLang } from '../../lib/hooks';
import { TargetsTable } from './EditorRows';
import { FieldErrors } from './parts';
import type { EditorFieldsProps } from './useProcedureEditor';

/** Who labels (type, annotators per item, qualification, tools). */
export function WorkforceFields({ form, set, err, errors }: EditorFieldsProps) {
  const { t } = useTranslation('procedures');
  const lang = useLang();
  return (
    <fieldset>
      <legend>
        <h2 className="legend-heading">{t('fields.workforce')}</h2>
      </legend>
      <FieldErrors errors={err('/workforce')} />
      <div className="two-col">
        <Field label={t('fields.workforceType')} errors={err('/workforce/type')}>
          {(p) => (
            <select {...p} value={form.workforceType} onChange={(e) => set('workforceType', e.target.value)}>
              <option value="">{t('editor.choose')}</option>
              {WORKFORCE_TYPES.map((w) => (
                <option key={w.code} value={w.code}>
                  {w.label[lang]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('fields.annotatorsPerItem')} hint={t('editor.annotatorsHint')} errors={err('/workforce/annotatorsPerItem')}>
          {(p) => (
            <input
              {...p}
              type="number"
              inputMode="numeric"
              min={1}
              max={20}
              step={1}
              value={form.annotators}
              onChange={(e) => set('annotators', e.target.value)}
            />
          )}
        </Field>
      </div>
      <div className="two-col">
        <Field label={t('editor.qualificationKo')} errors={err('/workforce/qualification/ko')}>
          {(p) => (
            <textarea {...p} lang="ko" rows={2} value={form.qualificationKo} onChange={(e) => set('qualificationKo', e.target.value)} />
          )}
        </Field>
        <Field label={t('editor.qualificationEn')} errors={err('/workforce/qualification/en')}>
          {(p) => (
            <textarea {...p} lang="en" rows={2} value={form.qualificationEn} onChange={(e) => set('qualificationEn', e.target.value)} />
          )}
        </Field>
      </div>
      <Field
        label={t('fields.tools')}
        hint={t('editor.toolsHint')}
        errors={Object.entries(errors)
          .filter(([path]) => path === '/tools' || path.startsWith('/tools/'))
          .flatMap(([, m]) => m)}
      >
        {(p) => <input {...p} value={form.tools} onChange={(e) => set('tools', e.target.value)} data-testid="tools-input" />}
      </Field>
    </fieldset>
  );
}

/** How the labels are checked: inspection, sampling rate, verifier and the targets to meet. */
export function QaFields({ form, set, err, errors }: EditorFieldsProps) {
  const { t } = useTranslation('procedures');
  const lang = useLang();
  return (
    <fieldset>
      <legend>
        <h2 className="legend-heading">{t('fields.qa')}</h2>
      </legend>
      <FieldErrors errors={err('/qa')} />
      <div className="three-col">
        <Field label={t('fields.inspection')} errors={err('/qa/inspection')}>
          {(p) => (
            <select {...p} value={form.inspection} onChange={(e) => set('inspection', e.target.value)}>
              <option value="">{t('editor.choose')}</option>
              {INSPECTION_TYPES.map((i) => (
                <option key={i.code} value={i.code}>
                  {i.label[lang]}
                </option>
              ))}
            </select>
          )}
        </Field>
        {form.inspection !== 'full' && (
          <Field
            label={t('editor.samplingPercent')}
            hint={t('editor.samplingHint')}
            errors={err('/qa/samplingRate')}
            required={form.inspection === 'sampling'}
          >
            {(p) => (
              <input
                {...p}
                type="number"
                inputMode="decimal"
                min={0}
                max={100}
                step="any"
                value={form.samplingPercent}
                onChange={(e) => set('samplingPercent', e.target.value)}
              />
            )}
          </Field>
        )}
        <Field label={t('fields.verifiedBy')} errors={err('/qa/verifiedBy')}>
          {(p) => (
            <select {...p} value={form.verifiedBy} onChange={(e) => set('verifiedBy', e.target.value)}>
              <option value="">{t('editor.choose')}</option>
              {VERIFIERS.map((v) => (
                <option key={v.code} value={v.code}>
                  {v.label[lang]}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <h3 className="subhead">{t('fields.targets')}</h3>
      <FieldErrors errors={err('/qa/targets')} />
      <TargetsTable
        rows={form.targets}
        errors={errors}
        onChange={(rows) => set('targets', rows)}
        metrics={QA_METRICS.map((m) => ({ code: m.code, label: m.label[lang] }))}
        directions={QA_DIRECTIONS.map((d) => ({ code: d.code, label: d.label[lang] }))}
      />
    </fieldset>
  );
}
