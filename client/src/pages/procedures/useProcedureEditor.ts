// The procedure editor's state: the form, its errors (schema, then server), and saving a draft.
import type { FieldError } from '@schemas/errors';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, ApiError } from '../../lib/api';
import { bodyOf, emptyForm, formOf, suggestSlug, type FormState } from './editorForm';
import type { Errors } from './EditorRows';
import type { Procedure } from './model';
import type { DetailNavState } from './ProcedureDetailPage';

/**
 * Field errors from the shared JSON Schema, or none when the browser cannot compile it: AJV
 * generates code with `new Function`, which a Content-Security-Policy without 'unsafe-eval'
 * refuses. The server validates the same schema, so its 400 then reports the same errors.
 */
async function schemaErrors(schemaId: 'labelingProcedures.create' | 'labelingProcedures.update', body: unknown): Promise<FieldError[]> {
  try {
    const { validate } = await import('@schemas/ajv');
    const result = validate(schemaId, body);
    return result.ok ? [] : result.errors;
  } catch (err) {
    console.info('client-side schema validation unavailable; relying on the server', err);
    return [];
  }
}

/** Sets one field of the form. */
export type SetField = <K extends keyof FormState>(key: K, value: FormState[K]) => void;

/** What the editor's field groups are given: the form, a setter and the errors at a pointer. */
export interface EditorFieldsProps {
  form: FormState;
  set: SetField;
  err: (path: string) => string[] | undefined;
  errors: Errors;
}

const isSamplingRange = (e: { path: string; code: string }) =>
  e.path === '/qa/samplingRate' && ['maximum', 'exclusive_minimum', 'minimum'].includes(e.code);

/**
 * Holds the form of a new procedure (`original` null) or of a draft, checks it against the shared
 * schema, saves it (POST, or PATCH with If-Match) and opens the saved version with a notice.
 */
export function useProcedureEditor(original: Procedure | null) {
  const { t } = useTranslation(['procedures', 'validation']);
  const navigate = useNavigate();
  const [form, setForm] = useState<FormState>(() => (original ? formOf(original) : emptyForm()));
  const [slugTouched, setSlugTouched] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  const [problem, setProblem] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);

  const set: SetField = (key, value) => setForm((f) => ({ ...f, [key]: value }));
  const err = (path: string) => errors[path];
  /** The slug as typed; it stops following the English title from then on. */
  const setSlug = (value: string) => {
    setSlugTouched(true);
    set('slug', value);
  };
  /** The English title; a new procedure's slug follows it until typed by hand. */
  const setTitleEn = (value: string) =>
    setForm((f) => ({ ...f, titleEn: value, slug: !original && !slugTouched ? suggestSlug(value) : f.slug }));

  const message = (e: FieldError): string => {
    if (e.code === 'cannot_clear') return t('editor.cannotClear');
    if (isSamplingRange(e)) return t('editor.samplingRange');
    return t(`validation:${e.code}`, { ...e.params, defaultValue: t('editor.invalidValue') });
  };
  const collect = (list: FieldError[]): Errors => {
    const out: Errors = {};
    for (const e of list) (out[e.path] ??= []).push(message(e));
    return out;
  };
  const showErrors = (next: Errors, p: ApiError | null) => {
    setErrors(next);
    setProblem(p);
    requestAnimationFrame(() => summaryRef.current?.focus());
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const { body, errors: local } = bodyOf(form, original);
    const all = [...local, ...(await schemaErrors(original ? 'labelingProcedures.update' : 'labelingProcedures.create', body))];
    if (all.length) {
      showErrors(collect(all), null);
      return;
    }
    setSaving(true);
    try {
      const res = original
        ? await api<Procedure>(`/labeling-procedures/${encodeURIComponent(original.id)}`, {
            method: 'PATCH',
            body,
            headers: { 'if-match': original.etag },
          })
        : await api<Procedure>('/labeling-procedures', { method: 'POST', body });
      const state: DetailNavState = { notice: original ? t('editor.saved', { version: res.data.version }) : t('editor.created') };
      navigate(`/procedures/${encodeURIComponent(res.data.slug)}?version=${res.data.version}`, { state });
    } catch (e) {
      const apiError = e instanceof ApiError ? e : new ApiError({ title: String(e), status: 0, code: 'client_error' });
      const serverErrors: Errors = {};
      for (const fe of apiError.problem.errors ?? [])
        (serverErrors[fe.path] ??= []).push(isSamplingRange(fe) ? t('editor.samplingRange') : fe.message);
      if (apiError.problem.code === 'slug_taken') (serverErrors['/slug'] ??= []).push(apiError.problem.detail || apiError.problem.title);
      showErrors(serverErrors, apiError);
    } finally {
      setSaving(false);
    }
  };

  const errorCount = Object.values(errors).reduce((n, l) => n + l.length, 0);
  return { form, set, setSlug, setTitleEn, err, errors, errorCount, problem, saving, save, summaryRef };
}
