import type { FieldError } from '@schemas/errors';
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useBlocker, useNavigate, useParams, useSearchParams } from 'react-router';
import { useBi } from '../../components/Bi';
import { useTitle } from '../../components/Layout';
import { Loading, ProblemView } from '../../components/Status';
import { api, ApiError } from '../../lib/api';
import { useFormat } from '../../lib/hooks';
import { localiseErrors, mergeErrorMaps, problemErrors, schemaCheck, type ErrorMap } from '../../lib/validation';
import { ReviewHistory } from './DatasetFacts';
import { FormErrorsContext } from './editor/controls';
import { byFormOrder, emptyForm, fieldKeyOf, fromDataset, STEPS, stepOfPath, toDraft, type BiInput, type FormState } from './editor/form';
import { StatusBadge } from './StatusBadge';
import BasicsStep from './steps/BasicsStep';
import ClassificationStep from './steps/ClassificationStep';
import ContentStep from './steps/ContentStep';
import DisclosureStep from './steps/DisclosureStep';
import ExternalAccessEditor from './ExternalAccessEditor';
import FilesStep from './steps/FilesStep';
import LabelingStep from './steps/LabelingStep';
import ReviewStep from './steps/ReviewStep';
import { lastEvent, type WorkingDataset } from './types';
import './workspace.css';

const STEP_COMPONENTS = [BasicsStep, ContentStep, DisclosureStep, ClassificationStep, LabelingStep] as const;
const FILES = STEPS.findIndex((s) => s.key === 'files');
const REVIEW = STEPS.findIndex((s) => s.key === 'review');

/** Finds the control of a JSON pointer (or of its nearest enclosing field) and focuses it. */
function focusPath(path: string): void {
  const esc = (s: string) => (window.CSS?.escape ? window.CSS.escape(s) : s.replace(/"/g, '\\"'));
  let p = path;
  while (p) {
    const el = document.querySelector<HTMLElement>(`[data-path="${esc(p)}"]`) ?? document.querySelector<HTMLElement>(`[data-path^="${esc(p)}/"]`);
    if (el) {
      el.focus();
      el.scrollIntoView({ block: 'center' });
      return;
    }
    p = p.slice(0, p.lastIndexOf('/'));
  }
}

function withEtag(data: WorkingDataset, headers: Headers): WorkingDataset {
  return { ...data, etag: headers.get('etag') ?? data.etag };
}

/**
 * The guided dataset form (`/workspace/datasets/new`, `/workspace/datasets/:id`): seven steps,
 * each checked against the server's own JSON Schema before moving on, saved as a draft
 * (POST, then PATCH with If-Match), files uploaded in step 6, submitted for review in step 7.
 */
export default function DatasetEditorPage() {
  const { t } = useTranslation('workspace');
  const { id } = useParams();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const bi = useBi();
  const fmt = useFormat();

  const [saved, setSaved] = useState<WorkingDataset | null>(null);
  const [form, setForm] = useState<FormState>(emptyForm);
  const [loading, setLoading] = useState(!!id);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [clientErrors, setClientErrors] = useState<FieldError[]>([]);
  const [serverError, setServerError] = useState<ApiError | null>(null);
  const [conflict, setConflict] = useState(false);
  const [saving, setSaving] = useState(false);
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const [submitted, setSubmitted] = useState(false);
  /** The public "what changed in this version" summary sent with the submission (not part of the dataset). */
  const [changeNote, setChangeNote] = useState<BiInput>({ ko: '', en: '' });
  const summaryRef = useRef<HTMLDivElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const pendingFocus = useRef<string | null>(null);
  /** Set while the editor navigates itself (to a newly created draft's address). */
  const allowLeave = useRef(false);

  const stepParam = Number(params.get('step'));
  const step = saved && Number.isInteger(stepParam) && stepParam >= 1 && stepParam <= STEPS.length ? stepParam - 1 : 0;
  const isNew = !saved;
  const readOnly = saved?.status === 'in_review';

  const load = useCallback(async (datasetId: string) => {
    setLoading(true);
    setLoadError(null);
    try {
      const { data, headers } = await api<WorkingDataset>(`/datasets/${encodeURIComponent(datasetId)}`);
      const ds = withEtag(data, headers);
      setSaved(ds);
      setForm(fromDataset(ds));
      // A resubmission after requested changes starts from the summary sent last time.
      setChangeNote({ ko: ds.review?.changeNote?.ko ?? '', en: ds.review?.changeNote?.en ?? '' });
      setClientErrors([]);
      setServerError(null);
      setConflict(false);
    } catch (err) {
      setLoadError(err instanceof ApiError ? err : new ApiError({ title: String(err), status: 0, code: 'client_error' }));
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    allowLeave.current = false;
    if (id && saved?.id !== id) void load(id);
    if (!id && saved) {
      // "New dataset" clicked while editing another one: start over.
      setSaved(null);
      setForm(emptyForm());
      setClientErrors([]);
      setServerError(null);
    }
    // Only the route decides what to load; `saved` changes as we edit.
  }, [id, load]);

  /** Re-reads the dataset's server-managed parts (files, status, ETag) without touching the form. */
  const refreshMeta = useCallback(async () => {
    if (!saved) return;
    try {
      const { data, headers } = await api<WorkingDataset>(`/datasets/${encodeURIComponent(saved.id)}`);
      setSaved(withEtag(data, headers));
    } catch (err) {
      if (err instanceof ApiError) setServerError(err);
    }
  }, [saved]);

  const draft = useMemo(() => toDraft(form), [form]);
  const dirty = useMemo(() => JSON.stringify(draft) !== JSON.stringify(toDraft(saved ? fromDataset(saved) : emptyForm())), [draft, saved]);

  // Leaving with unsaved changes asks first: in the app (blocker) and when closing the tab.
  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirty && !readOnly && !allowLeave.current && currentLocation.pathname !== nextLocation.pathname);
  const leaveRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (blocker.state === 'blocked') leaveRef.current?.focus();
  }, [blocker.state]);
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  // Focus what the last action asked for once the step it lives in is on screen.
  useEffect(() => {
    const target = pendingFocus.current;
    if (!target) return;
    pendingFocus.current = null;
    if (target === '#summary') summaryRef.current?.focus();
    else if (target === '#heading') headingRef.current?.focus();
    else focusPath(target);
  });

  const errorMap: ErrorMap = mergeErrorMaps(localiseErrors(clientErrors), problemErrors(serverError));
  const errorEntries = byFormOrder(Object.entries(errorMap));

  const goTo = (i: number, focus: string = '#heading') => {
    const next = new URLSearchParams(params);
    next.set('step', String(i + 1));
    setParams(next);
    pendingFocus.current = focus;
  };

  const goToField = (path: string) => {
    const s = stepOfPath(path);
    if (s !== step) goTo(s, path);
    else focusPath(path);
  };

  const set = useCallback((patch: Partial<FormState>) => setForm((f) => ({ ...f, ...patch })), []);

  /** The draft with the saved slug, as the server stores it. */
  const fullDraft = () => (saved ? { ...draft, slug: saved.slug } : draft);

  const showErrors = (errors: FieldError[]) => {
    setClientErrors(errors);
    pendingFocus.current = '#summary';
  };

  /** Saves the draft (POST when new, PATCH with If-Match otherwise); null when it did not save. */
  const save = async (nextStep?: number): Promise<WorkingDataset | null> => {
    setServerError(null);
    setConflict(false);
    setSubmitted(false);
    const errors = schemaCheck(saved ? 'datasets.draft' : 'datasets.create', fullDraft());
    if (errors?.length) {
      showErrors(errors);
      return null;
    }
    setClientErrors([]);
    setSaving(true);
    try {
      if (!saved) {
        const { data, headers } = await api<WorkingDataset>('/datasets', { method: 'POST', body: draft });
        const ds = withEtag(data, headers);
        setSaved(ds);
        setForm(fromDataset(ds));
        setSavedAt(new Date());
        allowLeave.current = true;
        navigate(`/workspace/datasets/${ds.id}?${new URLSearchParams({ ...Object.fromEntries(params), step: String((nextStep ?? step) + 1) })}`, { replace: true });
        pendingFocus.current = '#heading';
        return ds;
      }
      const { slug: _slug, ...patch } = draft;
      const { data, headers } = await api<WorkingDataset>(`/datasets/${encodeURIComponent(saved.id)}`, {
        method: 'PATCH',
        body: patch,
        headers: saved.etag ? { 'if-match': saved.etag } : undefined,
      });
      const ds = withEtag(data, headers);
      setSaved(ds);
      setForm(fromDataset(ds));
      setSavedAt(new Date());
      return ds;
    } catch (err) {
      const error = err instanceof ApiError ? err : new ApiError({ title: String(err), status: 0, code: 'client_error' });
      if (error.status === 412) setConflict(true);
      else if (error.problem.code === 'slug_taken') setServerError(new ApiError({ ...error.problem, errors: [{ path: '/slug', code: 'slug_taken', message: error.problem.detail || error.problem.title }] }));
      else setServerError(error);
      pendingFocus.current = '#summary';
      return null;
    } finally {
      setSaving(false);
    }
  };

  /** Validates the current step against the shared schema, saves, and moves on. */
  const next = async () => {
    if (step >= REVIEW) return;
    if (!readOnly) {
      const prefixes = STEPS[step].paths as readonly string[];
      const errors = (schemaCheck('datasets.draft', fullDraft()) ?? []).filter((e) => prefixes.some((p) => e.path === p || e.path.startsWith(p + '/')));
      if (errors.length) {
        showErrors(errors);
        return;
      }
      setClientErrors([]);
      if (!saved || dirty) {
        const ok = await save(step + 1);
        if (!ok) return;
        if (!saved) return; // the first save navigates to the new dataset's address itself
      }
    }
    goTo(step + 1);
  };

  const submit = async () => {
    if (!saved) return;
    const note = { ...(changeNote.ko.trim() ? { ko: changeNote.ko.trim() } : {}), ...(changeNote.en.trim() ? { en: changeNote.en.trim() } : {}) };
    const body = Object.keys(note).length ? { changeNote: note } : {};
    const noteErrors = schemaCheck('datasets.submit', body);
    if (noteErrors?.length) {
      setServerError(null);
      setClientErrors(noteErrors);
      pendingFocus.current = noteErrors[0].path;
      return;
    }
    let current = saved;
    if (dirty) {
      const ok = await save();
      if (!ok) return;
      current = ok;
    }
    setServerError(null);
    setClientErrors([]);
    setSaving(true);
    try {
      const { data, headers } = await api<WorkingDataset>(`/datasets/${encodeURIComponent(current.id)}/submit`, { method: 'POST', body });
      const ds = withEtag(data, headers);
      setSaved(ds);
      setForm(fromDataset(ds));
      setSubmitted(true);
    } catch (err) {
      setServerError(err instanceof ApiError ? err : new ApiError({ title: String(err), status: 0, code: 'client_error' }));
    } finally {
      setSaving(false);
    }
  };

  const pageTitle = saved ? t('editor.editTitle', { title: bi(saved.title as { ko?: string; en?: string }) || saved.slug }) : t('editor.newTitle');
  useTitle(pageTitle);

  if (loading) return <Loading />;
  if (loadError)
    return (
      <section>
        <h1>{t('editor.loadFailed')}</h1>
        <ProblemView error={loadError} />
        <Link to="/workspace">{t('editor.backToWorkspace')}</Link>
      </section>
    );

  const changesComment = saved?.status === 'changes_requested' ? lastEvent(saved, 'request_changes') : undefined;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void next();
  };
  const StepBody = step < STEP_COMPONENTS.length ? STEP_COMPONENTS[step] : null;
  const stepErrorCount = (i: number) => errorEntries.filter(([p]) => stepOfPath(p) === i).length;
  // A save or submit problem without field errors (403, 409, network…) is shown as the problem itself.
  const plainProblem = serverError && !serverError.problem.errors?.length ? serverError : null;

  return (
    <div className="editor">
      <p className="breadcrumb">
        <Link to="/workspace">{t('workspace.title')}</Link>
      </p>
      <div className="editor-head">
        <h1>{pageTitle}</h1>
        {saved && <StatusBadge status={saved.status} />}
      </div>

      {blocker.state === 'blocked' && (
        <div className="problem" role="alertdialog" aria-labelledby="leave-title" aria-describedby="leave-detail" tabIndex={-1} ref={leaveRef} data-testid="leave-dialog">
          <strong id="leave-title">{t('editor.leaveTitle')}</strong>
          <p id="leave-detail">{t('editor.leaveDetail')}</p>
          <div className="actions">
            <button type="button" className="primary" onClick={() => blocker.reset()}>
              {t('editor.stay')}
            </button>
            <button type="button" className="secondary" onClick={() => blocker.proceed()}>
              {t('editor.leave')}
            </button>
          </div>
        </div>
      )}
      {readOnly && (
        <p className="notice" role="status" data-testid="read-only-notice">
          {t('editor.inReview')}
        </p>
      )}
      {changesComment && (
        <div className="notice warning-notice" data-testid="changes-requested">
          <p>
            <strong>{t('editor.changesRequested', { name: changesComment.byName, date: fmt.dateTime(changesComment.at) })}</strong>
          </p>
          {changesComment.comment && <blockquote>{changesComment.comment}</blockquote>}
        </div>
      )}
      {saved && (saved.status === 'published' || saved.status === 'withdrawn') && <p className="notice">{t(saved.status === 'published' ? 'editor.revisionNotice' : 'editor.withdrawnNotice')}</p>}
      {conflict && (
        <div className="problem" role="alert" data-testid="conflict">
          <strong>{t('editor.conflictTitle')}</strong>
          <p>{t('editor.conflictDetail')}</p>
          <button type="button" className="secondary" onClick={() => saved && void load(saved.id)}>
            {t('editor.reload')}
          </button>
        </div>
      )}

      <div className="editor-layout">
        <nav className="step-nav" aria-label={t('editor.stepsLabel')}>
          <ol>
            {STEPS.map((s, i) => {
              const count = stepErrorCount(i);
              return (
                <li key={s.key} className={i === step ? 'current' : undefined}>
                  <button type="button" aria-current={i === step ? 'step' : undefined} disabled={!saved && i > 0} onClick={() => goTo(i)} data-testid={`step-${s.key}`}>
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

        <form className="editor-form" onSubmit={onSubmit} noValidate>
          <h2 ref={headingRef} tabIndex={-1} className="step-heading">
            <span className="muted step-counter">{t('editor.stepOf', { n: step + 1, total: STEPS.length })}</span> {t(`steps.${STEPS[step].key}`)}
          </h2>
          <p className="hint step-intro">{t(`stepIntro.${STEPS[step].key}`)}</p>

          {errorEntries.length > 0 && step !== REVIEW && (
            <div className="problem error-summary" ref={summaryRef} tabIndex={-1} aria-labelledby="error-summary-title" data-testid="error-summary">
              <strong id="error-summary-title">{t('editor.errorSummary', { count: errorEntries.length })}</strong>
              <ul>
                {errorEntries.map(([path, messages]) => {
                  const key = fieldKeyOf(path);
                  return (
                    <li key={path}>
                      <button type="button" className="link-button" onClick={() => goToField(path)}>
                        {key ? t(key) : path}
                      </button>
                      {STEPS[stepOfPath(path)].key !== STEPS[step].key && <span className="muted"> ({t(`steps.${STEPS[stepOfPath(path)].key}`)})</span>}: {messages.join(' ')}
                    </li>
                  );
                })}
              </ul>
            </div>
          )}
          {plainProblem && <ProblemView error={plainProblem} />}

          <FormErrorsContext.Provider value={{ errors: errorMap }}>
            <fieldset className="plain" disabled={readOnly}>
              {StepBody && <StepBody form={form} set={set} isNew={isNew} />}
            </fieldset>
            {step === FILES && saved && <FilesStep dataset={saved} readOnly={readOnly} onChanged={() => void refreshMeta()} />}
            {step === FILES && saved && <ExternalAccessEditor dataset={saved} readOnly={readOnly} onSaved={() => void refreshMeta()} />}
            {step === REVIEW && saved && (
              <ReviewStep
                dataset={saved}
                draft={fullDraft()}
                errors={errorMap}
                onGoToField={goToField}
                onSubmit={() => void submit()}
                changeNote={changeNote}
                onChangeNote={setChangeNote}
                busy={saving}
                submitted={submitted}
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
            <button type="button" className="secondary" data-testid="step-prev" disabled={step === 0} onClick={() => goTo(step - 1)}>
              {t('editor.prev')}
            </button>
            {!readOnly && (
              <button type="button" className="secondary" data-testid="save-draft" disabled={saving} onClick={() => void save()}>
                {t('editor.saveDraft')}
              </button>
            )}
            {step < REVIEW && (
              <button type="submit" className="primary" data-testid="step-next" disabled={saving}>
                {readOnly ? t('editor.nextReadOnly') : t('editor.next')}
              </button>
            )}
            <span className="save-state" role="status" aria-live="polite">
              {saving ? t('editor.saving') : dirty && !readOnly ? t('editor.unsaved') : savedAt ? t('editor.savedAt', { time: fmt.dateTime(savedAt) }) : ''}
            </span>
          </div>
        </form>
      </div>
    </div>
  );
}
