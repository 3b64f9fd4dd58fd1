import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemView } from '../../components/Status';
import { api, type ApiError } from '../../lib/api';
import type { ErrorMap } from '../../lib/validation';
import { showHarvestFailure } from './problem';
import { ScheduleField } from './ScheduleField';
import { type HarvestSource, type Schedule } from './types';

/** Schedule and on/off switch of a source (`PATCH /harvest/sources/{id}`), saved with a spoken confirmation. */
export function SourceSettings({ source, onSaved }: { source: HarvestSource; onSaved: (s: HarvestSource) => void }) {
  const { t } = useTranslation('harvest');
  const [schedule, setSchedule] = useState<Schedule>(source.schedule);
  const [errors, setErrors] = useState<ErrorMap>({});
  const [problem, setProblem] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState('');
  const [busy, setBusy] = useState(false);

  const patch = async (body: Partial<Pick<HarvestSource, 'schedule' | 'enabled'>>, message: string) => {
    setBusy(true);
    setProblem(null);
    setSaved('');
    try {
      const { data } = await api<HarvestSource>(`/harvest/sources/${encodeURIComponent(source.id)}`, { method: 'PATCH', body });
      setErrors({});
      setSaved(message);
      onSaved(data);
    } catch (err) {
      showHarvestFailure(err, { setErrors, setProblem });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="settings-heading" data-testid="source-settings">
      <h2 id="settings-heading">{t('settings.heading')}</h2>
      <p>
        {t(source.enabled ? 'settings.isEnabled' : 'settings.isDisabled')}{' '}
        <button type="button" className="secondary" disabled={busy} onClick={() => void patch({ enabled: !source.enabled }, t(source.enabled ? 'settings.disabledNow' : 'settings.enabledNow'))} data-testid="toggle-enabled">
          {t(source.enabled ? 'settings.disable' : 'settings.enable')}
        </button>
      </p>
      <form
        className="schedule-form"
        onSubmit={(e) => {
          e.preventDefault();
          void patch({ schedule }, t('settings.scheduleSaved', { schedule: t(`schedule.${schedule}`) }));
        }}
      >
        <ScheduleField value={schedule} onChange={setSchedule} errors={errors} testId="settings-schedule" />
        <button type="submit" className="secondary" disabled={busy || schedule === source.schedule} data-testid="save-schedule">
          {t('settings.saveSchedule')}
        </button>
      </form>
      <p role="status" aria-live="polite" className="saved-note" data-testid="settings-saved">
        {saved}
      </p>
      <ProblemView error={problem} compact />
    </section>
  );
}
