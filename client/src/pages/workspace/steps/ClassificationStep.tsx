import { CLASSIFICATION_LEVELS, EXPORT_CONTROL_REGIMES, PERSONAL_INFO, SENSITIVE_CATEGORIES } from '@schemas/taxonomy';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../../lib/hooks';
import { CheckboxGroup, RadioGroup, SelectField, TextField } from '../editor/controls';
import type { FormState } from '../editor/form';
import { optionsOf, type StepProps } from './common';

/** Step 4: security classification, personal information and export control (docs/design.md §4). */
export default function ClassificationStep({ form, set }: StepProps) {
  const { t } = useTranslation('workspace');
  const lang = useLang();
  const yesNo = [
    { code: 'yes', label: t('yes') },
    { code: 'no', label: t('no') },
  ];
  return (
    <>
      <p className="notice">{t('hints.registrationRules')}</p>
      <RadioGroup
        legend={t('fields.level')}
        path="/classification/level"
        options={CLASSIFICATION_LEVELS.map((c) => ({ code: c.code, label: c.label[lang], hint: t(`levelHints.${c.code}`) }))}
        value={form.level}
        onChange={(level) => set({ level })}
        required
        testId="field-level"
      />
      <RadioGroup
        legend={t('fields.personalInfo')}
        path="/classification/personalInfo"
        options={PERSONAL_INFO.map((c) => ({ code: c.code, label: c.label[lang], hint: t(`personalInfoHints.${c.code}`) }))}
        value={form.personalInfo}
        onChange={(personalInfo) => set({ personalInfo })}
        required
      />
      <CheckboxGroup
        legend={t('fields.sensitiveCategories')}
        hint={t('hints.sensitiveCategories')}
        path="/classification/sensitiveCategories"
        options={optionsOf(SENSITIVE_CATEGORIES, lang)}
        value={form.sensitive}
        onChange={(sensitive) => set({ sensitive })}
      />
      <RadioGroup
        legend={t('fields.exportControl')}
        hint={t('hints.exportControl')}
        path="/classification/exportControl"
        deep={false}
        options={yesNo}
        value={form.exportControlled}
        onChange={(v) => set({ exportControlled: v as FormState['exportControlled'] })}
        required
      />
      {form.exportControlled === 'yes' && (
        <div className="indent">
          <SelectField
            label={t('fields.exportRegime')}
            hint={t('hints.exportRegime')}
            path="/classification/exportControl/regime"
            options={optionsOf(EXPORT_CONTROL_REGIMES, lang)}
            value={form.exportRegime}
            onChange={(exportRegime) => set({ exportRegime })}
            placeholder={t('choose')}
            required
          />
          <TextField label={t('fields.exportReference')} hint={t('hints.exportReference')} path="/classification/exportControl/reference" value={form.exportReference} onChange={(exportReference) => set({ exportReference })} />
        </div>
      )}
      <RadioGroup
        legend={t('fields.nationalCore')}
        hint={t('hints.nationalCore')}
        path="/classification/nationalCoreTechnology"
        options={yesNo}
        value={form.nationalCore}
        onChange={(v) => set({ nationalCore: v as FormState['nationalCore'] })}
        required
      />
    </>
  );
}
