import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useBi } from '../../components/Bi';
import { useTitle } from '../../components/Layout';
import { Loading, ProblemView } from '../../components/Status';
import { useFormat } from '../../lib/hooks';
import { ReviewHistory } from './DatasetFacts';
import { FormErrorsContext } from './editor/controls';
import { EditorNotices } from './editor/EditorNotices';
import { ErrorSummary } from './editor/ErrorSummary';
import { StepNav } from './editor/StepNav';
import { STEPS } from './editor/steps';
import { useDatasetEditor } from './editor/useDatasetEditor';
import { StatusBadge } from './StatusBadge';
import BasicsStep from './steps/BasicsStep';
import ClassificationStep from './steps/ClassificationStep';
import ContentStep from './steps/ContentStep';
import DisclosureStep from './steps/DisclosureStep';
import ExternalAccessEditor from './ExternalAccessEditor';
import FilesStep from './steps/FilesStep';
import LabelingStep from './steps/LabelingStep';
import ReviewStep from './steps/ReviewStep';
import './workspace.css';

const STEP_COMPONENTS = [BasicsStep, ContentStep, DisclosureStep, ClassificationStep, LabelingStep] as const;
const FILES = STEPS.findIndex((s) => s.key === 'files');
const REVIEW = STEPS.findIndex((s) => s.key === 'review');

/**
 * The guided dataset form (`/workspace/datasets/new`, `/workspace/datasets/:id`): seven steps,
 * each checked against the server's own JSON Schema before moving on, saved as a draft
 * (POST, then PATCH with If-Match), files uploaded in step 6, submitted for review in step 7.
 * useDatasetEditor holds the state; this page lays it out.
 */
export default function DatasetEditorPage() {
  const { t } = useTranslation('workspace');
  const { id } = useParams();
  const bi = useBi();
  const fmt = useFormat();
  const ed = useDatasetEditor(id);
  const { saved, step, readOnly, saving } = ed;

  const pageTitle = saved ? t('editor.editTitle', { title: bi(saved.title as { ko?: string; en?: string }) || saved.slug }) : t('editor.newTitle');
  useTitle(pageTitle);

  if (ed.loading) return <Loading />;
  if (ed.loadError)
    return (
      <section>
        <h1>{t('editor.loadFailed')}</h1>
        <ProblemView error={ed.loadError} />
        <Link to="/workspace">{t('editor.backToWorkspace')}</Link>
      </section>
    );

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void ed.next();
  };
  const StepBody = step < STEP_COMPONENTS.length ? STEP_COMPONENTS[step] : null;
  // A save or submit problem without field errors (403, 409, network…) is shown as the problem itself.
  const plainProblem = ed.serverError && !ed.serverError.problem.errors?.length ? ed.serverError : null;

  return (
    <div className="editor">
      <p className="breadcrumb">
        <Link to="/workspace">{t('workspace.title')}</Link>
      </p>
      <div className="editor-head">
        <h1>{pageTitle}</h1>
        {saved && <StatusBadge status={saved.status} />}
      </div>

      <EditorNotices saved={saved} readOnly={readOnly} blocker={ed.blocker} conflict={ed.conflict} onReload={() => saved && void ed.load(saved.id)} />

      <div className="editor-layout">
        <StepNav step={step} started={!!saved} errorPaths={ed.errorEntries.map(([p]) => p)} onChoose={(i) => ed.goTo(i)} />

        <form className="editor-form" onSubmit={onSubmit} noValidate>
          <h2 ref={ed.headingRef} tabIndex={-1} className="step-heading">
            <span className="muted step-counter">{t('editor.stepOf', { n: step + 1, total: STEPS.length })}</span> {t(`steps.${STEPS[step].key}`)}
          </h2>
          <p className="hint step-intro">{t(`stepIntro.${STEPS[step].key}`)}</p>

          {ed.errorEntries.length > 0 && step !== REVIEW && <ErrorSummary entries={ed.errorEntries} step={step} onGoToField={ed.goToField} boxRef={ed.summaryRef} />}
          {plainProblem && <ProblemView error={plainProblem} />}

          <FormErrorsContext.Provider value={{ errors: ed.errorMap }}>
            <fieldset className="plain" disabled={readOnly}>
              {StepBody && <StepBody form={ed.form} set={ed.set} isNew={ed.isNew} />}
            </fieldset>
            {step === FILES && saved && <FilesStep dataset={saved} readOnly={readOnly} onChanged={() => void ed.refreshMeta()} />}
            {step === FILES && saved && <ExternalAccessEditor dataset={saved} readOnly={readOnly} onSaved={() => void ed.refreshMeta()} />}
            {step === REVIEW && saved && (
              <ReviewStep
                dataset={saved}
                draft={ed.fullDraft()}
                errors={ed.errorMap}
                onGoToField={ed.goToField}
                onSubmit={() => void ed.submit()}
                changeNote={ed.changeNote}
                onChangeNote={ed.setChangeNote}
                busy={saving}
                submitted={ed.submitted}
              />
            )}
          </FormErrorsContext.Provider>

          {saved?.review && step === REVIEW && (
            <section aria-labelledby="history-title">
              <h3 id="history-title">{t('history.title')}</h3>
              <ReviewHistory history={saved.review.history} />
            </section>
          )}

          <div className="editor-actions">
            <button type="button" className="secondary" data-testid="step-prev" disabled={step === 0} onClick={() => ed.goTo(step - 1)}>
              {t('editor.prev')}
            </button>
            {!readOnly && (
              <button type="button" className="secondary" data-testid="save-draft" disabled={saving} onClick={() => void ed.save()}>
                {t('editor.saveDraft')}
              </button>
            )}
            {step < REVIEW && (
              <button type="submit" className="primary" data-testid="step-next" disabled={saving}>
                {readOnly ? t('editor.nextReadOnly') : t('editor.next')}
              </button>
            )}
            <span className="save-state" role="status" aria-live="polite">
              {saving ? t('editor.saving') : ed.dirty && !readOnly ? t('editor.unsaved') : ed.savedAt ? t('editor.savedAt', { time: fmt.dateTime(ed.savedAt) }) : ''}
            </span>
          </div>
        </form>
      </div>
    </div>
  );
}
