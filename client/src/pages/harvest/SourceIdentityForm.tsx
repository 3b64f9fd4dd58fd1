import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../components/Field';
import { ProblemView } from '../../components/Status';
import { api, type ApiError } from '../../lib/api';
import { errorsAt, localiseErrors, schemaCheck, schemaValidatorReady, type ErrorMap } from '../../lib/validation';
import { showHarvestFailure } from './problem';
import type { HarvestSource, SourceCreate } from './types';

const NAME_MAX = 200;
const URL_MAX = 2000;

/**
 * Corrects a source's names and address (`PATCH /harvest/sources/{id}` with only what changed), so
 * a typo in the URL does not mean deleting the source and withdrawing its datasets. Field errors —
 * the form's own, the request schema's and the server's (a host outside HARVEST_ALLOWED_HOSTS) —
 * appear at their field, and focus moves to the first of them.
 */
export function SourceIdentityForm({ source, onSaved }: { source: HarvestSource; onSaved: (s: HarvestSource) => void }) {
  const { t } = useTranslation('harvest');
  const [nameKo, setNameKo] = useState(source.name.ko ?? '');
  const [nameEn, setNameEn] = useState(source.name.en ?? '');
  const [url, setUrl] = useState(source.url);
  const [errors, setErrors] = useState<ErrorMap>({});
  const [problem, setProblem] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState('');
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (Object.keys(errors).length) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errors]);

  const name: SourceCreate['name'] = {};
  if (nameKo.trim()) name.ko = nameKo.trim();
  if (nameEn.trim()) name.en = nameEn.trim();
  const nameChanged = (name.ko ?? '') !== (source.name.ko ?? '') || (name.en ?? '') !== (source.name.en ?? '');
  const urlChanged = url.trim() !== source.url;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    setSaved('');
    const own: ErrorMap = {};
    if (!name.ko && !name.en) own['/name'] = [t('register.errors.nameRequired')];
    if (!url.trim()) own['/url'] = [t('register.errors.urlRequired')];
    else if (!/^https?:\/\//i.test(url.trim())) own['/url'] = [t('register.errors.urlScheme')];
    if (Object.keys(own).length) {
      setErrors(own);
      return;
    }
    const body = { ...(nameChanged ? { name } : {}), ...(urlChanged ? { url: url.trim() } : {}) };
    setBusy(true);
    try {
      await schemaValidatorReady;
      const found = schemaCheck('harvest.sourceUpdate', body);
      if (found?.length) {
        setErrors(localiseErrors(found));
        return;
      }
      const { data } = await api<HarvestSource>(`/harvest/sources/${encodeURIComponent(source.id)}`, { method: 'PATCH', body });
      setErrors({});
      setSaved(t(urlChanged ? 'identity.savedUrl' : 'identity.saved'));
      onSaved(data);
    } catch (err) {
      showHarvestFailure(err, { setErrors, setProblem });
    } finally {
      setBusy(false);
    }
  };

  const nameErrors = errorsAt(errors, '/name');
  return (
    <form ref={formRef} className="card harvest-form" aria-labelledby="identity-heading" onSubmit={(e) => void submit(e)} noValidate data-testid="source-identity">
      <h2 id="identity-heading">{t('identity.heading')}</h2>
      <p className="hint">{t('identity.intro')}</p>
      <div className="name-pair">
        <Field label={t('register.nameKo')} hint={t('register.nameHint')} errors={nameErrors ?? errorsAt(errors, '/name/ko')}>
          {(p) => <input {...p} lang="ko" name="nameKo" maxLength={NAME_MAX} value={nameKo} onChange={(e) => setNameKo(e.target.value)} data-testid="identity-name-ko" />}
        </Field>
        <Field label={t('register.nameEn')} errors={nameErrors ?? errorsAt(errors, '/name/en')}>
          {(p) => <input {...p} lang="en" name="nameEn" maxLength={NAME_MAX} value={nameEn} onChange={(e) => setNameEn(e.target.value)} data-testid="identity-name-en" />}
        </Field>
      </div>
      <Field label={t('register.url')} hint={t('identity.urlHint')} required errors={errorsAt(errors, '/url')}>
        {(p) => <input {...p} type="url" name="url" inputMode="url" maxLength={URL_MAX} value={url} onChange={(e) => setUrl(e.target.value)} data-testid="identity-url" />}
      </Field>
      <ProblemView error={problem} compact />
      <button type="submit" className="secondary" disabled={busy || (!nameChanged && !urlChanged)} data-testid="identity-save">
        {busy ? t('identity.saving') : t('identity.save')}
      </button>
      <p role="status" aria-live="polite" className="saved-note" data-testid="identity-saved">
        {saved}
      </p>
    </form>
  );
}
