import { ACCESS_LEVELS, CROSS_BORDER, LICENSES, ORGANIZATION_TYPES, PURPOSES, SAMPLES_ACCESS } from '@schemas/taxonomy';
import { useTranslation } from 'react-i18next';
import { countryName } from '../../../lib/format';
import { useLang } from '../../../lib/hooks';
import { DuaLink } from '../../agreements/DuaLink';
import { CheckboxGroup, Group, RadioGroup, Readback, SelectField, TextField } from '../editor/controls';
import type { FormState } from '../editor/form';
import { namesOf, optionsOf, type StepProps } from './common';

/** Step 3: licence and the machine-readable disclosure rules (docs/design.md §4). */
export default function DisclosureStep({ form, set }: StepProps) {
  const { t } = useTranslation('workspace');
  const lang = useLang();
  const license = LICENSES.find((l) => l.code === form.licenseId);
  const yesNo = [
    { code: 'yes', label: t('yes') },
    { code: 'no', label: t('no') },
  ];
  return (
    <>
      <SelectField
        label={t('fields.license')}
        path="/license/id"
        options={optionsOf(LICENSES, lang)}
        value={form.licenseId}
        onChange={(licenseId) => set({ licenseId })}
        placeholder={t('choose')}
        hint={license ? license.explanation[lang] : t('hints.license')}
        testId="field-license"
      />
      <TextField label={t('fields.licenseUrl')} hint={license?.url ? t('hints.licenseUrlDefault', { url: license.url }) : t('hints.licenseUrl')} type="url" path="/license/url" value={form.licenseUrl} onChange={(licenseUrl) => set({ licenseUrl })} />
      {form.licenseId === 'custom' && (
        <RadioGroup legend={t('fields.commercialUse')} path="/license/commercialUse" options={yesNo} value={form.commercialUse} onChange={(v) => set({ commercialUse: v as FormState['commercialUse'] })} />
      )}
      <RadioGroup
        legend={t('fields.accessLevel')}
        path="/disclosure/accessLevel"
        options={ACCESS_LEVELS.map((a) => ({ code: a.code, label: a.label[lang], hint: t(`accessHints.${a.code}`) }))}
        value={form.accessLevel}
        onChange={(accessLevel) => set({ accessLevel })}
        required
        testId="field-access-level"
      />
      <RadioGroup
        legend={t('fields.samplesAccess')}
        hint={t('hints.samplesAccess')}
        path="/disclosure/samplesAccess"
        options={optionsOf(SAMPLES_ACCESS, lang)}
        value={form.samplesAccess}
        onChange={(samplesAccess) => set({ samplesAccess })}
        required
      />
      {/* The list's item errors show at the text field only, once (not again at the group). */}
      <Group legend={t('fields.allowedCountries')} path="/disclosure/allowedCountries" deep errorsInside={form.countriesMode === 'list'} required>
        <ul className="choices">
          {(['all', 'list'] as const).map((mode) => (
            <li key={mode}>
              <label className="choice">
                <input type="radio" name="countries-mode" checked={form.countriesMode === mode} onChange={() => set({ countriesMode: mode })} />
                <span>{t(`countriesMode.${mode}`)}</span>
              </label>
            </li>
          ))}
        </ul>
        {form.countriesMode === 'list' && (
          <>
            <TextField
              label={t('fields.countryCodes')}
              hint={t('hints.countries')}
              path="/disclosure/allowedCountries/list"
              errorPath="/disclosure/allowedCountries"
              deep
              value={form.countries}
              onChange={(countries) => set({ countries })}
              testId="field-countries"
            />
            <Readback label={t('readback.countries')} text={namesOf(form.countries, (c) => countryName(c, lang), /^[A-Za-z]{2}$/)} testId="countries-readback" />
          </>
        )}
      </Group>
      <Group legend={t('fields.allowedOrgTypes')} path="/disclosure/allowedOrgTypes" deep required>
        <ul className="choices">
          {(['all', 'list'] as const).map((mode) => (
            <li key={mode}>
              <label className="choice">
                <input type="radio" name="orgtypes-mode" checked={form.orgTypesMode === mode} onChange={() => set({ orgTypesMode: mode })} />
                <span>{t(`orgTypesMode.${mode}`)}</span>
              </label>
            </li>
          ))}
        </ul>
        {form.orgTypesMode === 'list' && (
          <ul className="choices columns nested" aria-label={t('fields.allowedOrgTypes')}>
            {ORGANIZATION_TYPES.map((o) => (
              <li key={o.code}>
                <label className="choice">
                  <input
                    type="checkbox"
                    checked={form.orgTypes.includes(o.code)}
                    onChange={(e) => set({ orgTypes: e.target.checked ? [...form.orgTypes, o.code] : form.orgTypes.filter((c) => c !== o.code) })}
                  />
                  <span>{o.label[lang]}</span>
                </label>
              </li>
            ))}
          </ul>
        )}
      </Group>
      <CheckboxGroup legend={t('fields.allowedPurposes')} path="/disclosure/allowedPurposes" options={optionsOf(PURPOSES, lang)} value={form.purposes} onChange={(purposes) => set({ purposes })} required />
      <RadioGroup
        legend={t('fields.crossBorder')}
        hint={t('hints.crossBorder')}
        path="/disclosure/crossBorder"
        options={optionsOf(CROSS_BORDER, lang)}
        value={form.crossBorder}
        onChange={(crossBorder) => set({ crossBorder })}
        required
      />
      <Group legend={t('fields.conditions')} hint={t('hints.conditions')} path="/disclosure/conditions">
        <ul className="choices">
          {(['dua', 'irb', 'attribution', 'noRedistribution'] as const).map((c) => (
            <li key={c}>
              <label className="choice">
                <input type="checkbox" checked={form[c]} onChange={(e) => set({ [c]: e.target.checked })} />
                <span>
                  {t(`conditions.${c}`)}
                  <small className="choice-hint">{t(`conditionHints.${c}`)}</small>
                </span>
              </label>
              {c === 'dua' && (
                <small className="choice-hint choice-link">
                  <DuaLink />
                </small>
              )}
            </li>
          ))}
        </ul>
        <TextField label={t('fields.deleteAfterDays')} hint={t('hints.deleteAfterDays')} inputMode="numeric" path="/disclosure/conditions/deleteAfterDays" value={form.deleteAfterDays} onChange={(deleteAfterDays) => set({ deleteAfterDays })} />
      </Group>
      <TextField label={t('fields.maxGrantDays')} hint={t('hints.maxGrantDays')} inputMode="numeric" path="/disclosure/maxGrantDays" value={form.maxGrantDays} onChange={(maxGrantDays) => set({ maxGrantDays })} required />
    </>
  );
}
