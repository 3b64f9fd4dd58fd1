import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useBi } from '../../components/Bi';
import { useTitle } from '../../components/Layout';
import { Loading, ProblemView } from '../../components/Status';
import type { Page } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { useApi } from '../../lib/hooks';
import { ClassesTable, StepsEditor } from './EditorRows';
import { IdentityFields, type ProviderChoice } from './IdentityFields';
import type { Procedure } from './model';
import { FieldErrors, FieldMessageList, ProcedureProblem } from './parts';
import { useProcedureEditor } from './useProcedureEditor';
import { QaFields, WorkforceFields } from './WorkforceQaFields';
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

/** The editor's form: the field groups, the error summary above them, and saving. */
function EditorForm({ original, onReload }: { original: Procedure | null; onReload: () => void }) {
  const { t } = useTranslation('procedures');
  const bi = useBi();
  const { hasRole } = useAuth();
  const orgs = useApi<Page<ProviderChoice>>(!original && hasRole('admin') ? '/organizations?country=KR&pageSize=100' : null);
  const editor = useProcedureEditor(original);
  const { form, set, err, errors, errorCount, problem, saving } = editor;
  const fields = { form, set, err, errors };
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

      <div ref={editor.summaryRef} tabIndex={-1} className="error-summary-region" aria-live="assertive" data-testid={problem || errorCount > 0 ? 'editor-errors' : undefined}>
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

      <form onSubmit={(e) => void editor.save(e)} noValidate data-testid="procedure-form">
        <IdentityFields {...fields} isNew={!original} providers={!original && hasRole('admin') ? (orgs.data?.items ?? []) : null} setSlug={editor.setSlug} setTitleEn={editor.setTitleEn} />

        <fieldset>
          <legend>
            <h2 className="legend-heading">{t('fields.classes')}</h2>
          </legend>
          <FieldErrors errors={[...(err('/labelSchema') ?? []), ...(err('/labelSchema/classes') ?? [])]} />
          <ClassesTable
            rows={form.classes}
            errors={errors}
            onChange={(rows) => set('classes', rows)}
          />
          {!!original?.labelSchema?.attributes?.length && <p className="hint">{t('editor.attributesKept', { count: original.labelSchema.attributes.length })}</p>}
        </fieldset>

        <WorkforceFields {...fields} />

        <fieldset>
          <legend>
            <h2 className="legend-heading">{t('fields.steps')}</h2>
          </legend>
          <FieldErrors errors={err('/steps')} />
          <StepsEditor rows={form.steps} errors={errors} onChange={(rows) => set('steps', rows)} />
        </fieldset>

        <QaFields {...fields} />

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
