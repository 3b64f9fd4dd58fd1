import { useTranslation } from 'react-i18next';
import { BilingualField, TextField } from '../editor/controls';
import type { StepProps } from './common';

/** Step 1: identity and description in both languages. */
export default function BasicsStep({ form, set, isNew }: StepProps) {
  const { t } = useTranslation('workspace');
  return (
    <>
      <TextField
        label={t('fields.slug')}
        hint={isNew ? t('hints.slug') : t('hints.slugFixed')}
        path="/slug"
        value={form.slug}
        onChange={(slug) => set({ slug })}
        required
        readOnly={!isNew}
        testId="field-slug"
      />
      <BilingualField
        legend={t('fields.title')}
        hint={t('hints.title')}
        path="/title"
        value={form.title}
        onChange={(title) => set({ title })}
        required
        testIds={{ ko: 'field-title-ko', en: 'field-title-en' }}
      />
      <BilingualField legend={t('fields.summary')} hint={t('hints.summary')} path="/summary" value={form.summary} onChange={(summary) => set({ summary })} multiline />
      <BilingualField
        legend={t('fields.description')}
        hint={t('hints.description')}
        path="/description"
        value={form.description}
        onChange={(description) => set({ description })}
        multiline
      />
      <BilingualField
        legend={t('fields.keywords')}
        hint={t('hints.keywords')}
        path="/keywords"
        value={form.keywords}
        onChange={(keywords) => set({ keywords })}
        deep
      />
      <fieldset className="group">
        <legend>{t('fields.contact')}</legend>
        <p className="hint">{t('hints.contact')}</p>
        <div className="bilingual-row">
          <TextField label={t('fields.contactName')} path="/contact/name" value={form.contactName} onChange={(contactName) => set({ contactName })} autoComplete="name" />
          <TextField
            label={t('fields.contactEmail')}
            path="/contact/email"
            type="email"
            value={form.contactEmail}
            onChange={(contactEmail) => set({ contactEmail })}
            autoComplete="email"
          />
        </div>
      </fieldset>
    </>
  );
}
