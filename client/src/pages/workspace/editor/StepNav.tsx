// The dataset editor's step list: where the user is, and how many errors each step holds.
import { useTranslation } from 'react-i18next';
import { STEPS, stepOfPath } from './steps';

/** The seven steps as buttons; before the first save only the first can be chosen. */
export function StepNav({
  step,
  started,
  errorPaths,
  onChoose,
}: {
  step: number;
  started: boolean;
  errorPaths: string[];
  onChoose: (i: number) => void;
}) {
  const { t } = useTranslation('workspace');
  const errorCount = (i: number) => errorPaths.filter((p) => stepOfPath(p) === i).length;
  return (
    <nav className="step-nav" aria-label={t('editor.stepsLabel')}>
      <ol>
        {STEPS.map((s, i) => {
          const count = errorCount(i);
          return (
            <li key={s.key} className={i === step ? 'current' : undefined}>
              <button
                type="button"
                aria-current={i === step ? 'step' : undefined}
                disabled={!started && i > 0}
                onClick={() => onChoose(i)}
                data-testid={`step-${s.key}`}
              >
                <span className="step-num" aria-hidden="true">
                  {i + 1}
                </span>
                <span className="step-name">
                  <span className="visually-hidden">{t('editor.stepOf', { n: i + 1, total: STEPS.length })} </span>
                  {t(`steps.${s.key}`)}
                  {count > 0 && ' '}
                  {count > 0 && <span className="badge danger step-errors">{t('editor.errorCount', { count })}</span>}
                </span>
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
