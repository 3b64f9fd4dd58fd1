import { useTranslation } from 'react-i18next';
import { Field } from '../../components/Field';
import { errorsAt, type ErrorMap } from '../../lib/validation';
import { SCHEDULES, type Schedule } from './types';

/** The schedule of a source (manual, hourly, daily, weekly) with its hint and field errors. */
export function ScheduleField({ value, onChange, errors, testId }: { value: Schedule; onChange: (s: Schedule) => void; errors: ErrorMap; testId: string }) {
  const { t } = useTranslation('harvest');
  return (
    <Field label={t('register.schedule')} hint={t('register.scheduleHint')} errors={errorsAt(errors, '/schedule')}>
      {(p) => (
        <select {...p} name="schedule" value={value} onChange={(e) => onChange(e.target.value as Schedule)} data-testid={testId}>
          {SCHEDULES.map((s) => (
            <option key={s} value={s}>
              {t(`schedule.${s}`)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
