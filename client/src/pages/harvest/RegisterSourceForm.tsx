import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../components/Field';
import { Loading, ProblemView } from '../../components/Status';
import { errorsAt } from '../../lib/validation';
import { OrganizationSelect, useOrganizations } from '../account/OrganizationSelect';
import { ScheduleField } from './ScheduleField';
import { SOURCE_KINDS, type HarvestSource } from './types';
import { useRegisterSource } from './useRegisterSource';

const NAME_MAX = 200;
const URL_MAX = 2000;

/**
 * Registers a catalogue to harvest: names, the kind of catalogue (each explained), its address, the
 * organisation its datasets are listed under, and how often it runs. Field errors — the form's own
 * and the server's problem+json — appear at their field, and focus moves to the first of them.
 */
export function RegisterSourceForm({ onCreated }: { onCreated: (source: HarvestSource) => void }) {
  const { t } = useTranslation('harvest');
  const orgs = useOrganizations();
  const form = useRegisterSource(orgs.data?.items ?? [], onCreated);
  const { values, set, errors } = form;
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (Object.keys(errors).length) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errors]);

  const kindErrors = errorsAt(errors, '/kind');
  const nameErrors = errorsAt(errors, '/name');
  return (
    <form ref={formRef} className="card harvest-form" aria-labelledby="register-heading" onSubmit={(e) => void form.submit(e)} noValidate data-testid="register-source">
      <h2 id="register-heading">{t('register.heading')}</h2>
      <p className="hint">{t('register.intro')}</p>
      <div className="name-pair">
        <Field label={t('register.nameKo')} hint={t('register.nameHint')} errors={nameErrors ?? errorsAt(errors, '/name/ko')}>
          {(p) => <input {...p} lang="ko" name="nameKo" maxLength={NAME_MAX} value={values.nameKo} onChange={(e) => set('nameKo', e.target.value)} data-testid="source-name-ko" />}
        </Field>
        <Field label={t('register.nameEn')} errors={nameErrors ?? errorsAt(errors, '/name/en')}>
          {(p) => <input {...p} lang="en" name="nameEn" maxLength={NAME_MAX} value={values.nameEn} onChange={(e) => set('nameEn', e.target.value)} data-testid="source-name-en" />}
        </Field>
      </div>
      <fieldset className={kindErrors ? 'kind-choice has-error' : 'kind-choice'} aria-describedby={kindErrors ? 'kind-errors' : undefined}>
        <legend>{t('register.kind')}</legend>
        {SOURCE_KINDS.map((k) => (
          <label key={k} className="kind-option">
            <input type="radio" name="kind" value={k} checked={values.kind === k} onChange={() => set('kind', k)} aria-describedby={`kind-help-${k}`} data-testid={`source-kind-${k}`} />
            <span>
              <strong>{t(`kind.${k}`)}</strong>
              <small id={`kind-help-${k}`}>{t(`kindHelp.${k}`)}</small>
            </span>
          </label>
        ))}
        {kindErrors && (
          <ul className="field-errors" id="kind-errors">
            {kindErrors.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        )}
      </fieldset>
      <Field label={t('register.url')} hint={t(`urlHint.${values.kind}`)} required errors={errorsAt(errors, '/url')}>
        {(p) => <input {...p} type="url" name="url" inputMode="url" maxLength={URL_MAX} value={values.url} onChange={(e) => set('url', e.target.value)} data-testid="source-url" />}
      </Field>
      <Field label={t('register.provider')} hint={t('register.providerHint')} required errors={errorsAt(errors, '/providerId')}>
        {(p) =>
          orgs.loading ? (
            <Loading />
          ) : orgs.error ? (
            <ProblemView error={orgs.error} compact />
          ) : (
            <OrganizationSelect organizations={orgs.data?.items ?? []} value={values.providerSlug} onChange={(slug) => set('providerSlug', slug)} emptyLabel={t('register.chooseProvider')} control={p} name="provider" testId="source-provider" />
          )
        }
      </Field>
      <ScheduleField value={values.schedule} onChange={(v) => set('schedule', v)} errors={errors} testId="source-schedule" />
      <div className="field">
        <label className="check">
          <input type="checkbox" name="enabled" checked={values.enabled} onChange={(e) => set('enabled', e.target.checked)} />
          {t('register.enabled')}
        </label>
      </div>
      <ProblemView error={form.problem} compact />
      <button type="submit" className="primary" disabled={form.busy} data-testid="register-submit">
        {form.busy ? t('register.saving') : t('register.submit')}
      </button>
    </form>
  );
}
