// The dataset editor's state: saved dataset, form, errors and step; loading, saving and submitting for review.
import type { FieldError } from '@schemas/errors';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { api, ApiError } from '../../../lib/api';
import { localiseErrors, mergeErrorMaps, problemErrors, schemaCheck, type ErrorMap } from '../../../lib/validation';
import type { WorkingDataset } from '../types';
import { toDraft } from './draft';
import { focusPath } from './focus';
import { emptyForm, fromDataset, type BiInput, type FormState } from './form';
import { byFormOrder, STEPS, stepOfPath } from './steps';
import { useLeaveGuard } from './useLeaveGuard';

const REVIEW = STEPS.findIndex((s) => s.key === 'review');

function withEtag(data: WorkingDataset, headers: Headers): WorkingDataset {
  return { ...data, etag: headers.get('etag') ?? data.etag };
}

/**
 * Everything the guided dataset form (`/workspace/datasets/new`, `/workspace/datasets/:id`) holds:
 * each step is checked against the server's own JSON Schema before moving on; focus follows what
 * the last action asked for (the error summary, the step heading or a field).
 */
export function useDatasetEditor(id: string | undefined) {
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();

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
  const blocker = useLeaveGuard({ block: dirty && !readOnly, dirty, allowLeave });

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
        navigate(
          `/workspace/datasets/${ds.id}?${new URLSearchParams({ ...Object.fromEntries(params), step: String((nextStep ?? step) + 1) })}`,
          { replace: true },
        );
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
      else if (error.problem.code === 'slug_taken')
        setServerError(
          new ApiError({
            ...error.problem,
            errors: [{ path: '/slug', code: 'slug_taken', message: error.problem.detail || error.problem.title }],
          }),
        );
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
      const errors = (schemaCheck('datasets.draft', fullDraft()) ?? []).filter((e) =>
        prefixes.some((p) => e.path === p || e.path.startsWith(p + '/')),
      );
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
    const note = {
      ...(changeNote.ko.trim() ? { ko: changeNote.ko.trim() } : {}),
      ...(changeNote.en.trim() ? { en: changeNote.en.trim() } : {}),
    };
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

  return {
    saved,
    form,
    set,
    loading,
    loadError,
    load,
    refreshMeta,
    conflict,
    saving,
    savedAt,
    submitted,
    changeNote,
    setChangeNote,
    dirty,
    readOnly,
    isNew,
    step,
    blocker,
    errorMap,
    errorEntries,
    serverError,
    summaryRef,
    headingRef,
    goTo,
    goToField,
    fullDraft,
    save,
    next,
    submit,
  };
}
