import type { FieldError } from '@schemas/errors';
import { INSPECTION_TYPES, MODALITIES, QA_DIRECTIONS, QA_METRICS, TASKS, VERIFIERS, WORKFORCE_TYPES } from '@schemas/taxonomy';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useBi } from '../../components/Bi';
import { Field } from '../../components/Field';
import { useTitle } from '../../components/Layout';
import { Loading, ProblemView } from '../../components/Status';
import type { Page } from '../../lib/api';
import { api, ApiError } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { useApi, useLang } from '../../lib/hooks';
import type { DetailNavState } from './ProcedureDetailPage';
import { bodyOf, emptyForm, formOf, rowKey, suggestSlug, targetRow, type FormState } from './editorForm';
import { FieldMessageList, ProcedureProblem } from './parts';
import { ClassesTable, StepsEditor, TargetsTable, type Errors } from './EditorRows';
import type { Procedure } from './model';
import './procedures.css';

/** `/procedures/new` creates a procedure (version 1 draft); `/procedures/:id/edit` edits the latest draft. */
export default function ProcedureEditorPage() {
  const { t } = useTranslation('procedures');
  const { id } = useParams();
  const bi = useBi();
  const current = useApi<Procedure>(id ? `/labeling-procedures/${encodeURIComponent(id)}` : null);
  useTitle(id ? (current.data ? t('editor.editTitle', { title: bi(current.data.title) }) : t('editor.editHeading')) : t('editor.newTitle'));

  if (!id) return <EditorForm key="new" original={null} onReload={() => undefined} />;
  if (current.loading && !current.data) return <Loading />;
  if (current.error || !current.data) return <ProblemView error={current.error} />;
  const p = current.data;
  if (p.status !== 'draft') {
    return (
      <div className="procedures">
        <h1>{t('editor.editHeading')}</h1>
        <p className="notice" role="status">
          {t('editor.notDraft', { version: p.version })}
        </p>
        <Link className="button" to={`/procedures/${encodeURIComponent(p.slug)}`}>
          {t('editor.backToProcedure')}
        </Link>
      </div>
    );
  }
  return <EditorForm key={p.etag} original={p} onReload={current.reload} />;
}

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

interface OrgItem {
  id: string;
  slug: string;
  name: { ko?: string; en?: string };
}

function EditorForm({ original, onReload }: { original: Procedure | null; onReload: () => void }) {
  const { t } = useTranslation(['procedures', 'validation']);
  const lang = useLang();
  const bi = useBi();
  const navigate = useNavigate();
  const { hasRole } = useAuth();
  const isAdmin = hasRole('admin');
  const orgs = useApi<Page<OrgItem>>(!original && isAdmin ? '/organizations?country=KR&pageSize=100' : null);
  const [form, setForm] = useState<FormState>(() => (original ? formOf(original) : emptyForm()));
  const [slugTouched, setSlugTouched] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  const [problem, setProblem] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);

  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => setForm((f) => ({ ...f, [key]: value }));
  const err = (path: string) => errors[path];

  const message = (e: FieldError): string => {
    if (e.code === 'cannot_clear') return t('editor.cannotClear');
    if (e.path === '/qa/samplingRate' && ['maximum', 'exclusive_minimum', 'minimum'].includes(e.code)) return t('editor.samplingRange');
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
        ? await api<Procedure>(`/labeling-procedures/${encodeURIComponent(original.id)}`, { method: 'PATCH', body, headers: { 'if-match': original.etag } })
        : await api<Procedure>('/labeling-procedures', { method: 'POST', body });
      const state: DetailNavState = { notice: original ? t('editor.saved', { version: res.data.version }) : t('editor.created') };
      navigate(`/procedures/${encodeURIComponent(res.data.slug)}?version=${res.data.version}`, { state });
    } catch (e) {
      const apiError = e instanceof ApiError ? e : new ApiError({ title: String(e), status: 0, code: 'client_error' });
      const serverErrors: Errors = {};
      for (const fe of apiError.problem.errors ?? []) {
        (serverErrors[fe.path] ??= []).push(fe.path === '/qa/samplingRate' && ['maximum', 'exclusive_minimum', 'minimum'].includes(fe.code) ? t('editor.samplingRange') : fe.message);
      }
      if (apiError.problem.code === 'slug_taken') (serverErrors['/slug'] ??= []).push(apiError.problem.detail || apiError.problem.title);
      showErrors(serverErrors, apiError);
    } finally {
      setSaving(false);
    }
  };

  const errorCount = Object.values(errors).reduce((n, l) => n + l.length, 0);
  const heading = original ? t('editor.editVersion', { title: bi(original.title), version: original.version }) : t('editor.newTitle');

  return (
    <div className="procedures editor">
      <nav className="breadcrumbs" aria-label={t('common.breadcrumbs')}>
        <Link to="/procedures">{t('list.title')}</Link>
        {original && (
          <>
            <span aria-hidden="true"> › </span>
            <Link to={`/procedures/${encodeURIComponent(original.slug)}?version=${original.version}`}>{bi(original.title)}</Link>
          </>
        )}
      </nav>
      <h1>{heading}</h1>
      <p className="lead">{original ? t('editor.editIntro') : t('editor.newIntro')}</p>

      <div ref={summaryRef} tabIndex={-1} className="error-summary-region" aria-live="assertive" data-testid={problem || errorCount > 0 ? 'editor-errors' : undefined}>
        {problem && <ProcedureProblem error={problem} fieldErrors={errors} />}
        {problem?.status === 412 && (
          <p>
            <button type="button" className="secondary" onClick={onReload}>
              {t('editor.reloadDraft')}
            </button>
          </p>
        )}
        {!problem && errorCount > 0 && (
          <div className="problem">
            <strong>{t('editor.fixErrors', { count: errorCount })}</strong>
            <FieldMessageList errors={errors} />
          </div>
        )}
      </div>

      <form onSubmit={(e) => void save(e)} noValidate data-testid="procedure-form">
        <fieldset>
          <legend>
            <h2 className="legend-heading">{t('editor.identity')}</h2>
          </legend>
          {!original && (
            <Field label={t('fields.slug')} hint={t('editor.slugHint')} errors={err('/slug')} required>
              {(p) => (
                <input
                  {...p}
                  value={form.slug}
                  onChange={(e) => {
                    setSlugTouched(true);
                    set('slug', e.target.value);
                  }}
                  autoComplete="off"
                  spellCheck={false}
                  data-testid="procedure-slug"
                />
              )}
            </Field>
          )}
          {!original && isAdmin && (
            <Field label={t('fields.provider')} hint={t('editor.providerHint')} errors={err('/providerId')}>
              {(p) => (
                <select {...p} value={form.providerId} onChange={(e) => set('providerId', e.target.value)}>
                  <option value="">{t('editor.ownOrganization')}</option>
                  {(orgs.data?.items ?? []).map((o) => (
                    <option key={o.id} value={o.id}>
                      {bi(o.name)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
          <div className="two-col">
            <Field label={t('editor.titleKo')} errors={[...(err('/title') ?? []), ...(err('/title/ko') ?? [])]} required={!form.titleEn}>
              {(p) => <input {...p} lang="ko" value={form.titleKo} onChange={(e) => set('titleKo', e.target.value)} data-testid="title-ko" />}
            </Field>
            <Field label={t('editor.titleEn')} errors={err('/title/en')}>
              {(p) => (
                <input
                  {...p}
                  lang="en"
                  value={form.titleEn}
                  onChange={(e) => {
                    const v = e.target.value;
                    setForm((f) => ({ ...f, titleEn: v, slug: !original && !slugTouched ? suggestSlug(v) : f.slug }));
                  }}
                  data-testid="title-en"
                />
              )}
            </Field>
          </div>
          <div className="two-col">
            <Field label={t('fields.taskType')} errors={err('/taskType')}>
              {(p) => (
                <select {...p} value={form.taskType} onChange={(e) => set('taskType', e.target.value)} data-testid="task-type">
                  <option value="">{t('editor.choose')}</option>
                  {TASKS.map((task) => (
                    <option key={task.code} value={task.code}>
                      {task.label[lang]}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
          <fieldset className="checkbox-group" aria-describedby={err('/modalities') ? 'modalities-err' : undefined}>
            <legend>{t('fields.modalities')}</legend>
            <div className="checkbox-grid">
              {MODALITIES.map((m) => (
                <label key={m.code} className="check">
                  <input
                    type="checkbox"
                    checked={form.modalities.includes(m.code)}
                    onChange={(e) => set('modalities', e.target.checked ? [...form.modalities, m.code] : form.modalities.filter((x) => x !== m.code))}
                    value={m.code}
                    name="modalities"
                  />{' '}
                  {m.label[lang]}
                </label>
              ))}
            </div>
            <FieldErrors id="modalities-err" errors={err('/modalities')} />
          </fieldset>
        </fieldset>

        <fieldset>
          <legend>
            <h2 className="legend-heading">{t('detail.guideline')}</h2>
          </legend>
          <div className="two-col">
            <Field label={t('editor.summaryKo')} errors={[...(err('/guideline') ?? []), ...(err('/guideline/summary') ?? []), ...(err('/guideline/summary/ko') ?? [])]}>
              {(p) => <textarea {...p} lang="ko" value={form.summaryKo} onChange={(e) => set('summaryKo', e.target.value)} />}
            </Field>
            <Field label={t('editor.summaryEn')} errors={err('/guideline/summary/en')}>
              {(p) => <textarea {...p} lang="en" value={form.summaryEn} onChange={(e) => set('summaryEn', e.target.value)} />}
            </Field>
          </div>
        </fieldset>

        <fieldset>
          <legend>
            <h2 className="legend-heading">{t('fields.classes')}</h2>
          </legend>
          <FieldErrors errors={[...(err('/labelSchema') ?? []), ...(err('/labelSchema/classes') ?? [])]} />
          <ClassesTable
            rows={form.classes}
            errors={errors}
            onChange={(rows) => set('classes', rows)}
            onAdd={() => set('classes', [...form.classes, { key: rowKey(), code: '', nameKo: '', nameEn: '', descKo: '', descEn: '' }])}
          />
          {!!original?.labelSchema?.attributes?.length && <p className="hint">{t('editor.attributesKept', { count: original.labelSchema.attributes.length })}</p>}
        </fieldset>

        <fieldset>
          <legend>
            <h2 className="legend-heading">{t('fields.workforce')}</h2>
          </legend>
          <FieldErrors errors={err('/workforce')} />
          <div className="two-col">
            <Field label={t('fields.workforceType')} errors={err('/workforce/type')}>
              {(p) => (
                <select {...p} value={form.workforceType} onChange={(e) => set('workforceType', e.target.value)}>
                  <option value="">{t('editor.choose')}</option>
                  {WORKFORCE_TYPES.map((w) => (
                    <option key={w.code} value={w.code}>
                      {w.label[lang]}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={t('fields.annotatorsPerItem')} hint={t('editor.annotatorsHint')} errors={err('/workforce/annotatorsPerItem')}>
              {(p) => <input {...p} type="number" inputMode="numeric" min={1} max={20} step={1} value={form.annotators} onChange={(e) => set('annotators', e.target.value)} />}
            </Field>
          </div>
          <div className="two-col">
            <Field label={t('editor.qualificationKo')} errors={err('/workforce/qualification/ko')}>
              {(p) => <textarea {...p} lang="ko" rows={2} value={form.qualificationKo} onChange={(e) => set('qualificationKo', e.target.value)} />}
            </Field>
            <Field label={t('editor.qualificationEn')} errors={err('/workforce/qualification/en')}>
              {(p) => <textarea {...p} lang="en" rows={2} value={form.qualificationEn} onChange={(e) => set('qualificationEn', e.target.value)} />}
            </Field>
          </div>
          <Field
            label={t('fields.tools')}
            hint={t('editor.toolsHint')}
            errors={Object.entries(errors)
              .filter(([path]) => path === '/tools' || path.startsWith('/tools/'))
              .flatMap(([, m]) => m)}
          >
            {(p) => <input {...p} value={form.tools} onChange={(e) => set('tools', e.target.value)} data-testid="tools-input" />}
          </Field>
        </fieldset>

        <fieldset>
          <legend>
            <h2 className="legend-heading">{t('fields.steps')}</h2>
          </legend>
          <FieldErrors errors={err('/steps')} />
          <StepsEditor rows={form.steps} errors={errors} onChange={(rows) => set('steps', rows)} />
        </fieldset>

        <fieldset>
          <legend>
            <h2 className="legend-heading">{t('fields.qa')}</h2>
          </legend>
          <FieldErrors errors={err('/qa')} />
          <div className="three-col">
            <Field label={t('fields.inspection')} errors={err('/qa/inspection')}>
              {(p) => (
                <select {...p} value={form.inspection} onChange={(e) => set('inspection', e.target.value)}>
                  <option value="">{t('editor.choose')}</option>
                  {INSPECTION_TYPES.map((i) => (
                    <option key={i.code} value={i.code}>
                      {i.label[lang]}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            {form.inspection !== 'full' && (
              <Field label={t('editor.samplingPercent')} hint={t('editor.samplingHint')} errors={err('/qa/samplingRate')} required={form.inspection === 'sampling'}>
                {(p) => <input {...p} type="number" inputMode="decimal" min={0} max={100} step="any" value={form.samplingPercent} onChange={(e) => set('samplingPercent', e.target.value)} />}
              </Field>
            )}
            <Field label={t('fields.verifiedBy')} errors={err('/qa/verifiedBy')}>
              {(p) => (
                <select {...p} value={form.verifiedBy} onChange={(e) => set('verifiedBy', e.target.value)}>
                  <option value="">{t('editor.choose')}</option>
                  {VERIFIERS.map((v) => (
                    <option key={v.code} value={v.code}>
                      {v.label[lang]}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
          <h3 className="subhead">{t('fields.targets')}</h3>
          <FieldErrors errors={err('/qa/targets')} />
          <TargetsTable
            rows={form.targets}
            errors={errors}
            onChange={(rows) => set('targets', rows)}
            onAdd={() => {
              const used = new Set(form.targets.map((r) => r.metric));
              set('targets', [...form.targets, targetRow(QA_METRICS.find((m) => !used.has(m.code))?.code ?? QA_METRICS[0].code)]);
            }}
            metrics={QA_METRICS.map((m) => ({ code: m.code, label: m.label[lang] }))}
            directions={QA_DIRECTIONS.map((d) => ({ code: d.code, label: d.label[lang] }))}
          />
        </fieldset>

        <div className="actions sticky-actions">
          <button type="submit" className="primary" disabled={saving} data-testid="save-procedure">
            {saving ? t('common:status.saving') : original ? t('editor.saveDraft') : t('editor.create')}
          </button>
          <Link className="button secondary" to={original ? `/procedures/${encodeURIComponent(original.slug)}?version=${original.version}` : '/procedures'}>
            {t('common.cancel')}
          </Link>
        </div>
      </form>
    </div>
  );
}

/** Errors attached to a group rather than one control. */
export function FieldErrors({ errors, id }: { errors: string[] | undefined; id?: string }) {
  if (!errors?.length) return null;
  return (
    <ul className="field-errors" id={id}>
      {errors.map((e, i) => (
        <li key={i}>{e}</li>
      ))}
    </ul>
  );
}
