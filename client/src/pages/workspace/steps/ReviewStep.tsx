import { useTranslation } from 'react-i18next';
import { Bi } from '../../../components/Bi';
import { fieldMessage, localiseErrors, mergeErrorMaps, schemaCheck, useSchemaValidator, type ErrorMap } from '../../../lib/validation';
import { ArtifactList, ContentFacts, DisclosureFacts } from '../DatasetFacts';
import { BilingualField } from '../editor/controls';
import type { BiInput } from '../editor/form';
import { byFormOrder, fieldKeyOf, STEPS, stepOfPath } from '../editor/steps';
import { SubmissionChanges } from '../SubmissionChanges';
import type { WorkingDataset } from '../types';

interface ReviewStepProps {
  dataset: WorkingDataset;
  /** The form's current content (saved or not), with the slug. */
  draft: Record<string, unknown>;
  /** Problems of the last save or submit (server 400/422 and client checks). */
  errors: ErrorMap;
  onGoToField: (path: string) => void;
  onSubmit: () => void;
  /** The public change summary sent with the submission. */
  changeNote: BiInput;
  onChangeNote: (note: BiInput) => void;
  busy: boolean;
  submitted: boolean;
}

const CHANGE_NOTE_MAX = 500;

/**
 * What publication still needs, per the shared `datasets.publishable` schema and the sample rule;
 * `complete` is false when the schema could not be checked in this browser (the server checks on submit).
 */
function readiness(dataset: WorkingDataset, draft: Record<string, unknown>): { errors: ErrorMap; complete: boolean } {
  const schema = schemaCheck('datasets.publishable', draft);
  const accessLevel = (draft.disclosure as { accessLevel?: string } | undefined)?.accessLevel;
  const hasSample = dataset.artifacts.some((a) => a.kind === 'sample' && a.status === 'available');
  const sample: ErrorMap = hasSample || accessLevel === 'closed' ? {} : { '/artifacts': [fieldMessage({ code: 'sample_required', params: {} })] };
  return { errors: mergeErrorMaps(localiseErrors(schema ?? []), sample), complete: schema !== null };
}

/** A list of problems grouped by the step that fixes them, each with a link to its field. */
function ProblemList({ errors, onGoToField }: { errors: ErrorMap; onGoToField: (path: string) => void }) {
  const { t } = useTranslation('workspace');
  const byStep = STEPS.map((s, i) => ({ step: s, index: i, entries: byFormOrder(Object.entries(errors)).filter(([p]) => stepOfPath(p) === i) })).filter((g) => g.entries.length);
  return (
    <ul className="readiness-list">
      {byStep.map((g) => (
        <li key={g.step.key}>
          <strong>{t('editor.stepOf', { n: g.index + 1, total: STEPS.length })} · {t(`steps.${g.step.key}`)}</strong>
          <ul>
            {g.entries.map(([path, messages]) => {
              const key = fieldKeyOf(path);
              return (
                <li key={path}>
                  <button type="button" className="link-button" onClick={() => onGoToField(path)}>
                    {key ? t(key) : path}
                  </button>
                  : {messages.join(' ')}
                </li>
              );
            })}
          </ul>
        </li>
      ))}
    </ul>
  );
}

/** Step 7: publication readiness, the dataset as reviewers will see it, and "Submit for review". */
export default function ReviewStep({ dataset, draft, errors, onGoToField, onSubmit, changeNote, onChangeNote, busy, submitted }: ReviewStepProps) {
  const { t } = useTranslation('workspace');
  const canSubmit = dataset.status === 'draft' || dataset.status === 'changes_requested';
  const shown = { ...dataset, ...draft } as WorkingDataset;
  useSchemaValidator(); // re-render once the schema validator has loaded
  const serverListed = Object.keys(errors).length > 0;
  const preview = readiness(dataset, draft);
  const missing = serverListed ? errors : preview.errors;
  const ready = Object.keys(missing).length === 0;
  const revision = !!dataset.published || dataset.version > 0;

  return (
    <>
      <section className="card readiness" aria-labelledby="readiness-title" data-testid="readiness">
        <h3 id="readiness-title">{t('readiness.title')}</h3>
        <div aria-live="polite">
          {submitted && (
            <p className="success" data-testid="submitted">
              {t('readiness.submitted')}
            </p>
          )}
          {!submitted && dataset.status === 'in_review' && <p className="notice">{t('readiness.inReview')}</p>}
          {canSubmit &&
            (ready ? (
              <p className={preview.complete || serverListed ? 'success' : 'notice'}>{preview.complete || serverListed ? t('readiness.ready') : t('readiness.checkOnSubmit')}</p>
            ) : (
              <div className={serverListed ? 'problem' : 'notice warning-notice'} data-testid="readiness-problems">
                <p>
                  <strong>{serverListed ? t('readiness.serverProblems', { count: Object.keys(missing).length }) : t('readiness.missing', { count: Object.keys(missing).length })}</strong>
                </p>
                <ProblemList errors={missing} onGoToField={onGoToField} />
              </div>
            ))}
        </div>
        {canSubmit && (
          <BilingualField
            legend={t('changeNote.legend')}
            path="/changeNote"
            value={changeNote}
            onChange={onChangeNote}
            hint={revision ? t('changeNote.hint') : t('changeNote.hintFirst')}
            inputHint={t('changeNote.max', { max: CHANGE_NOTE_MAX })}
            multiline
            maxLength={CHANGE_NOTE_MAX}
            testIds={{ ko: 'change-note-ko', en: 'change-note-en' }}
            deep
          />
        )}
        {canSubmit && (
          <div className="actions">
            <button type="button" className="primary" data-testid="submit-for-review" disabled={busy} onClick={onSubmit}>
              {t('readiness.submit')}
            </button>
            <p className="hint">{t('readiness.submitHint')}</p>
          </div>
        )}
      </section>

      <section aria-labelledby="preview-title" className="preview">
        <h3 id="preview-title">{t('readiness.previewTitle')}</h3>
        <div className="card">
          <Bi text={shown.title as { ko?: string; en?: string }} as="p" className="preview-title" toggle />
          {shown.summary && <Bi text={shown.summary as { ko?: string; en?: string }} as="p" toggle />}
          <h4>{t('steps.content')}</h4>
          <ContentFacts ds={shown} />
          <DisclosureFacts ds={shown} />
          <h4>{t('steps.files')}</h4>
          <ArtifactList artifacts={dataset.artifacts} />
          {revision && (
            <SubmissionChanges
              heading="h4"
              changeNote={canSubmit ? { ko: changeNote.ko.trim(), en: changeNote.en.trim() } : dataset.review?.changeNote}
              fileChanges={dataset.fileChanges}
            />
          )}
        </div>
      </section>
    </>
  );
}
