// The procedure editor's identity and guideline fields: slug, provider, titles, task type, modalities, summary.
import { MODALITIES, TASKS } from '@schemas/taxonomy';
import { useTranslation } from 'react-i18next';
import { useBi } from '../../components/Bi';
import { Field } from '../../components/Field';
import { useLang } from '../../lib/hooks';
import { FieldErrors } from './parts';
import type { EditorFieldsProps } from './useProcedureEditor';

/** An organisation a platform admin can register the procedure for. */
export interface ProviderChoice {
  id: string;
  slug: string;
  name: { ko?: string; en?: string };
}

/** Who and what the procedure is; the slug and provider only while it is new. */
export function IdentityFields({
  form,
  set,
  err,
  isNew,
  providers,
  setSlug,
  setTitleEn,
}: EditorFieldsProps & {
  isNew: boolean;
  providers: ProviderChoice[] | null;
  setSlug: (v: string) => void;
  setTitleEn: (v: string) => void;
}) {
  const { t } = useTranslation('procedures');
  const lang = useLang();
  const bi = useBi();
  return (
    <>
      <fieldset>
        <legend>
          <h2 className="legend-heading">{t('editor.identity')}</h2>
        </legend>
        {isNew && (
          <Field label={t('fields.slug')} hint={t('editor.slugHint')} errors={err('/slug')} required>
            {(p) => (
              <input
                {...p}
                value={form.slug}
                onChange={(e) => setSlug(e.target.value)}
                autoComplete="off"
                spellCheck={false}
                data-testid="procedure-slug"
              />
            )}
          </Field>
        )}
        {isNew && providers && (
          <Field label={t('fields.provider')} hint={t('editor.providerHint')} errors={err('/providerId')}>
            {(p) => (
              <select {...p} value={form.providerId} onChange={(e) => set('providerId', e.target.value)}>
                <option value="">{t('editor.ownOrganization')}</option>
                {providers.map((o) => (
                  <option key={o.id} value={o.id}>
                    {bi(o.name)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <div className="two-col">
          <Field label={t('editor.titleKo')} errors={[...(err('/title') ?? []), ...(err('/title/ko') ?? [])]} required={!form.titleEn}>
            {(p) => <input {...p} lang="ko" value={form.titleKo} onChange={(e) => set('titleKo', e.target.value)} data-testid="title-ko" />}
          </Field>
          <Field label={t('editor.titleEn')} errors={err('/title/en')}>
            {(p) => <input {...p} lang="en" value={form.titleEn} onChange={(e) => setTitleEn(e.target.value)} data-testid="title-en" />}
          </Field>
        </div>
        <div className="two-col">
          <Field label={t('fields.taskType')} errors={err('/taskType')}>
            {(p) => (
              <select {...p} value={form.taskType} onChange={(e) => set('taskType', e.target.value)} data-testid="task-type">
                <option value="">{t('editor.choose')}</option>
                {TASKS.map((task) => (
                  <option key={task.code} value={task.code}>
                    {task.label[lang]}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <fieldset className="checkbox-group" aria-describedby={err('/modalities') ? 'modalities-err' : undefined}>
          <legend>{t('fields.modalities')}</legend>
          <div className="checkbox-grid">
            {MODALITIES.map((m) => (
              <label key={m.code} className="check">
                <input
                  type="checkbox"
                  checked={form.modalities.includes(m.code)}
                  onChange={(e) =>
                    set('modalities', e.target.checked ? [...form.modalities, m.code] : form.modalities.filter((x) => x !== m.code))
                  }
                  value={m.code}
                  name="modalities"
                />{' '}
                {m.label[lang]}
              </label>
            ))}
          </div>
          <FieldErrors id="modalities-err" errors={err('/modalities')} />
        </fieldset>
      </fieldset>

      <fieldset>
        <legend>
          <h2 className="legend-heading">{t('detail.guideline')}</h2>
        </legend>
        <div className="two-col">
          <Field
            label={t('editor.summaryKo')}
            errors={[...(err('/guideline') ?? []), ...(err('/guideline/summary') ?? []), ...(err('/guideline/summary/ko') ?? [])]}
          >
            {(p) => <textarea {...p} lang="ko" value={form.summaryKo} onChange={(e) => set('summaryKo', e.target.value)} />}
          </Field>
          <Field label={t('editor.summaryEn')} errors={err('/guideline/summary/en')}>
            {(p) => <textarea {...p} lang="en" value={form.summaryEn} onChange={(e) => set('summaryEn', e.target.value)} />}
          </Field>
        </div>
      </fieldset>
    </>
  );
}
