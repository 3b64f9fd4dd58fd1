// The dataset editor's error summary: every field error, in form order, each a link to its field.
import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldKeyOf, STEPS, stepOfPath } from './steps';

/** The errors of the whole form; those of another step name that step. */
export function ErrorSummary({
  entries,
  step,
  onGoToField,
  boxRef,
}: {
  entries: [string, string[]][];
  step: number;
  onGoToField: (path: string) => void;
  boxRef: Ref<HTMLDivElement>;
}) {
  const { t } = useTranslation('workspace');
  return (
    <div className="problem error-summary" ref={boxRef} tabIndex={-1} aria-labelledby="error-summary-title" data-testid="error-summary">
      <strong id="error-summary-title">{t('editor.errorSummary', { count: entries.length })}</strong>
      <ul>
        {entries.map(([path, messages]) => {
          const key = fieldKeyOf(path);
          return (
            <li key={path}>
              <button type="button" className="link-button" onClick={() => onGoToField(path)}>
                {key ? t(key) : path}
              </button>
              {STEPS[stepOfPath(path)].key !== STEPS[step].key && (
                <span className="muted"> ({t(`steps.${STEPS[stepOfPath(path)].key}`)})</span>
              )}
              : {messages.join(' ')}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
