import { useTranslation } from 'react-i18next';

/** One score in [0,1] as a bar with its value in words (the bar itself is decoration). */
export function ScoreBar({ label, value, testId }: { label: string; value: number; testId?: string }) {
  const { t } = useTranslation('matching');
  const percent = Math.round(value * 100);
  return (
    <div className="score-bar" data-testid={testId}>
      <span className="score-bar-label">{label}</span>
      <span className="score-bar-track" aria-hidden="true">
        <span className="score-bar-fill" style={{ width: `${percent}%` }} />
      </span>
      <span className="score-bar-value">{t('score.percent', { value: percent })}</span>
    </div>
  );
}
