import { DOMAINS, KR_TECHNOLOGIES, MODALITIES, TASKS, US_CET_AREAS } from '@schemas/taxonomy';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../../lib/hooks';
import { formatBytes, languageName, parseBytes } from '../../../lib/format';
import { BilingualField, CheckboxGroup, Group, Readback, SelectField, TextField } from '../editor/controls';
import { namesOf, optionsOf, type StepProps } from './common';

// A language tag as the schema accepts it (`ko`, `en-US`, `zh-Hant`).
const LANGUAGE_TAG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

function bytesText(typed: string, lang: 'ko' | 'en'): string {
  const n = parseBytes(typed);
  return n === undefined ? '' : formatBytes(n, lang);
}

/** Step 2: what the data is: modalities, tasks, languages, technology areas, coverage, size, formats. */
export default function ContentStep({ form, set }: StepProps) {
  const { t } = useTranslation('workspace');
  const lang = useLang();
  return (
    <>
      <CheckboxGroup legend={t('fields.modalities')} hint={t('hints.modalities')} path="/modalities" options={optionsOf(MODALITIES, lang)} value={form.modalities} onChange={(modalities) => set({ modalities })} />
      <CheckboxGroup legend={t('fields.tasks')} hint={t('hints.tasks')} path="/tasks" options={optionsOf(TASKS, lang)} value={form.tasks} onChange={(tasks) => set({ tasks })} />
      <TextField label={t('fields.languages')} hint={t('hints.languages')} path="/languages" value={form.languages} onChange={(languages) => set({ languages })} deep testId="field-languages" />
      <Readback label={t('readback.languages')} text={namesOf(form.languages, (c) => languageName(c, lang), LANGUAGE_TAG)} testId="languages-readback" />
      <SelectField
        label={t('fields.domain')}
        hint={t('hints.domain')}
        path="/domain"
        options={optionsOf(DOMAINS, lang)}
        value={form.domain}
        onChange={(domain) => set({ domain })}
        placeholder={t('choose')}
      />
      <CheckboxGroup legend={t('fields.techKr')} hint={t('hints.techKr')} path="/techAreas/kr" options={optionsOf(KR_TECHNOLOGIES, lang)} value={form.techKr} onChange={(techKr) => set({ techKr })} />
      <CheckboxGroup legend={t('fields.techUs')} hint={t('hints.techUs')} path="/techAreas/us" options={optionsOf(US_CET_AREAS, lang)} value={form.techUs} onChange={(techUs) => set({ techUs })} />
      <Group legend={t('fields.temporalCoverage')} hint={t('hints.temporalCoverage')} path="/temporalCoverage">
        <div className="bilingual-row">
          <TextField label={t('fields.temporalStart')} type="date" path="/temporalCoverage/start" value={form.temporalStart} onChange={(temporalStart) => set({ temporalStart })} />
          <TextField label={t('fields.temporalEnd')} type="date" path="/temporalCoverage/end" value={form.temporalEnd} onChange={(temporalEnd) => set({ temporalEnd })} />
        </div>
      </Group>
      <BilingualField legend={t('fields.spatialCoverage')} hint={t('hints.spatialCoverage')} path="/spatialCoverage" value={form.spatial} onChange={(spatial) => set({ spatial })} />
      <Group legend={t('fields.size')} path="/size" hint={t('hints.size')}>
        <div className="three-col">
          <TextField label={t('fields.sizeRecords')} hint={t('hints.sizeRecords')} inputMode="numeric" path="/size/records" value={form.sizeRecords} onChange={(sizeRecords) => set({ sizeRecords })} />
          <div>
            <TextField label={t('fields.sizeBytes')} hint={t('hints.sizeBytes')} path="/size/bytes" value={form.sizeBytes} onChange={(sizeBytes) => set({ sizeBytes })} testId="field-size-bytes" />
            <Readback label={t('readback.size')} text={bytesText(form.sizeBytes, lang)} testId="size-readback" />
          </div>
          <TextField label={t('fields.sizeHours')} hint={t('hints.sizeHours')} inputMode="decimal" path="/size/hours" value={form.sizeHours} onChange={(sizeHours) => set({ sizeHours })} />
        </div>
      </Group>
      <TextField label={t('fields.formats')} hint={t('hints.formats')} path="/formats" value={form.formats} onChange={(formats) => set({ formats })} deep />
    </>
  );
}
