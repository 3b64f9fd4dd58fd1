import { ARTIFACT_CONTENT_TYPES, ARTIFACT_MAX_BYTES, artifactRuleErrors } from '@schemas/artifact';
import { ARTIFACT_KINDS, labelOf, type ArtifactKind } from '@schemas/taxonomy';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../components/Field';
import { ProblemView } from '../../components/Status';
import { api, ApiError } from '../../lib/api';
import { fileTypeList } from '../../lib/format';
import { useFormat, useLang } from '../../lib/hooks';
import { forgetUpload } from '../../lib/multipart-upload';
import { contentTypeOf, uploadArtifact, uploadFullDataFromBrowser, type Artifact, type UploadStage } from '../../lib/upload';
import { fieldMessage, schemaCheck } from '../../lib/validation';

const STATUS_BADGE: Record<Artifact['status'], string> = { available: 'success', pending: 'warning', rejected: 'danger' };

type Outcome =
  { ok: true; artifact: Artifact } | { ok: false; error: ApiError; filename: string } | { ok: false; paused: true; filename: string };

/**
 * Uploads sample files, guidelines, full data and other artifacts of a dataset straight to
 * storage, with progress (full data in parts, resumable), and lists the existing ones with their
 * verification status.
 */
export default function UploadPanel({
  datasetId,
  artifacts,
  readOnly,
  onChanged,
}: {
  datasetId: string;
  artifacts: Artifact[];
  readOnly: boolean;
  onChanged: () => void;
}) {
  const { t } = useTranslation('workspace');
  const lang = useLang();
  const fmt = useFormat();
  const progressLabel = useId();
  const [kind, setKind] = useState<ArtifactKind>('sample');
  const [file, setFile] = useState<File | null>(null);
  const [fileErrors, setFileErrors] = useState<string[] | undefined>();
  const [stage, setStage] = useState<UploadStage | null>(null);
  const [progress, setProgress] = useState<{ loaded: number; total: number } | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [actionError, setActionError] = useState<ApiError | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [resumedBytes, setResumedBytes] = useState<number | null>(null);
  const abort = useRef<AbortController | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const busy = stage !== null;

  /** Checks the file against the same rules as the server before asking for an upload URL. */
  const precheck = (f: File): string[] => {
    const body = { kind, filename: f.name, contentType: contentTypeOf(f), bytes: f.size, sha256: '0'.repeat(64) };
    const shape = schemaCheck('artifacts.create', body) ?? [];
    const rules = shape.length ? [] : artifactRuleErrors(body);
    return [...shape, ...rules].map((e) => {
      if (e.path === '/bytes' && e.code === 'maximum') return t('upload.tooLarge', { limit: fmt.bytes(ARTIFACT_MAX_BYTES[kind]) });
      if (e.path === '/bytes' && e.code === 'minimum') return t('upload.emptyFile');
      return fieldMessage(e);
    });
  };

  const onSubmit = async () => {
    setOutcome(null);
    setActionError(null);
    if (!file) {
      setFileErrors([t('upload.chooseFile')]);
      fileInput.current?.focus();
      return;
    }
    const problems = precheck(file);
    setFileErrors(problems.length ? problems : undefined);
    if (problems.length) {
      fileInput.current?.focus();
      return;
    }
    setProgress({ loaded: 0, total: file.size });
    setResumedBytes(null);
    const controller = new AbortController();
    abort.current = controller;
    const onProgress = (loaded: number, total: number) => setProgress({ loaded, total });
    try {
      const artifact =
        kind === 'data'
          ? await uploadFullDataFromBrowser(datasetId, file, {
              contentType: contentTypeOf(file),
              artifacts,
              onStage: setStage,
              onProgress,
              onResume: setResumedBytes,
              signal: controller.signal,
            })
          : await uploadArtifact(datasetId, kind, file, { onStage: setStage, onProgress, signal: controller.signal });
      setOutcome({ ok: true, artifact });
      setFile(null);
      if (fileInput.current) fileInput.current.value = '';
    } catch (err) {
      if ((err as Error).name === 'AbortError') setOutcome({ ok: false, paused: true, filename: file.name });
      else {
        const error = err instanceof ApiError ? err : new ApiError({ title: String(err), status: 0, code: 'client_error' });
        setOutcome({ ok: false, error, filename: file.name });
      }
    } finally {
      abort.current = null;
      setStage(null);
      onChanged();
    }
  };

  const remove = async (a: Artifact) => {
    setBusyId(a.id);
    setActionError(null);
    try {
      await api(`/datasets/${encodeURIComponent(datasetId)}/artifacts/${encodeURIComponent(a.id)}`, { method: 'DELETE' });
      if (a.kind === 'data') forgetUpload(window.localStorage, datasetId, a.id);
      setConfirming(null);
      setOutcome(null);
    } catch (err) {
      if (err instanceof ApiError) setActionError(err);
    } finally {
      setBusyId(null);
      onChanged();
    }
  };

  const verify = async (a: Artifact) => {
    setBusyId(a.id);
    setActionError(null);
    try {
      const { data } = await api<{ artifact: Artifact }>(
        `/datasets/${encodeURIComponent(datasetId)}/artifacts/${encodeURIComponent(a.id)}/complete`,
        { method: 'POST' },
      );
      setOutcome({ ok: true, artifact: data.artifact });
    } catch (err) {
      if (err instanceof ApiError) setOutcome({ ok: false, error: err, filename: a.filename });
    } finally {
      setBusyId(null);
      onChanged();
    }
  };

  const percent = progress && progress.total ? Math.round((progress.loaded / progress.total) * 100) : 0;
  const failure = outcome && !outcome.ok && 'error' in outcome ? outcome : null;
  const uploadError = failure && failure.error.problem.code === 'upload_failed' ? failure.error : null;

  return (
    <section className="upload-panel card" data-testid="upload-panel" aria-labelledby="upload-panel-title">
      <h3 id="upload-panel-title">{t('upload.title')}</h3>
      {readOnly ? (
        <p className="muted">{t('upload.readOnly')}</p>
      ) : (
        // Not a <form>: the panel sits inside the editor's form, and forms cannot nest.
        <div className="upload-form" role="group" aria-labelledby="upload-panel-title">
          <Field label={t('upload.kind')} hint={t('upload.kindHint')}>
            {(p) => (
              <select
                {...p}
                value={kind}
                disabled={busy}
                onChange={(e) => setKind(e.target.value as ArtifactKind)}
                data-testid="upload-kind"
              >
                {ARTIFACT_KINDS.map((k) => (
                  <option key={k.code} value={k.code}>
                    {k.label[lang]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field
            label={t('upload.file')}
            hint={t('upload.fileHint', { types: fileTypeList(ARTIFACT_CONTENT_TYPES[kind], t), limit: fmt.bytes(ARTIFACT_MAX_BYTES[kind]) })}
            errors={fileErrors}
          >
            {(p) => (
              <input
                {...p}
                ref={fileInput}
                type="file"
                disabled={busy}
                data-testid="upload-file"
                onChange={(e) => {
                  setFile(e.target.files?.[0] ?? null);
                  setFileErrors(undefined);
                  setOutcome(null);
                }}
              />
            )}
          </Field>
          {kind === 'data' && <p className="small muted">{t('upload.dataHint')}</p>}
          <div className="actions">
            <button type="button" className="primary" disabled={busy} data-testid="upload-start" onClick={() => void onSubmit()}>
              {t('upload.start')}
            </button>
            {busy && kind === 'data' && (
              <button type="button" className="secondary" data-testid="upload-pause" onClick={() => abort.current?.abort()}>
                {t('upload.pause')}
              </button>
            )}
          </div>
        </div>
      )}

      {progress && (
        <div className="upload-progress">
          <p id={progressLabel} className="small">
            {file?.name ?? (outcome?.ok ? outcome.artifact.filename : outcome?.filename)} · {fmt.bytes(progress.loaded)} /{' '}
            {fmt.bytes(progress.total)} ({fmt.number(percent)}%)
          </p>
          <progress data-testid="upload-progress" aria-labelledby={progressLabel} max={progress.total || 1} value={progress.loaded} />
        </div>
      )}
      <div aria-live="polite" role="status" className="upload-status">
        {stage && <p>{t(`upload.stage.${stage}`)}</p>}
        {resumedBytes !== null && <p data-testid="upload-resumed">{t('upload.resumed', { stored: fmt.bytes(resumedBytes) })}</p>}
        {outcome && !outcome.ok && 'paused' in outcome && <p data-testid="upload-paused">{t('upload.paused')}</p>}
        {outcome?.ok && (
          <p className="success" data-testid="upload-result">
            {t('upload.done', { filename: outcome.artifact.filename, status: labelOf('artifactStatuses', outcome.artifact.status, lang) })}
          </p>
        )}
      </div>
      {failure && (
        <div data-testid="upload-error">
          <p className="problem-lead">{t('upload.failed', { filename: failure.filename })}</p>
          {uploadError ? (
            <div className="problem" role="alert">
              {t('upload.storageFailed', { status: uploadError.status })}
            </div>
          ) : (
            <ProblemView error={failure.error} />
          )}
        </div>
      )}
      <ProblemView error={actionError} />

      <h4>{t('upload.existing')}</h4>
      {artifacts.length === 0 ? (
        <p className="muted">{t('upload.none')}</p>
      ) : (
        <div className="table-wrap">
          <table className="artifact-table">
            <caption className="visually-hidden">{t('upload.existing')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('upload.col.file')}</th>
                <th scope="col">{t('upload.col.kind')}</th>
                <th scope="col">{t('upload.col.size')}</th>
                <th scope="col">{t('upload.col.status')}</th>
                <th scope="col">{t('upload.col.uploaded')}</th>
                <th scope="col">{t('upload.col.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {artifacts.map((a) => (
                <tr key={a.id} data-testid="artifact-row">
                  <th scope="row" className="filename">
                    {a.downloadUrl ? <a href={a.downloadUrl}>{a.filename}</a> : a.filename}
                  </th>
                  <td>{labelOf('artifactKinds', a.kind, lang)}</td>
                  <td>{fmt.bytes(a.bytes)}</td>
                  <td>
                    <span className={`badge ${STATUS_BADGE[a.status]}`}>{labelOf('artifactStatuses', a.status, lang)}</span>
                    {a.kind === 'data' && a.status === 'pending' && <p className="small muted">{t('upload.resumeHint')}</p>}
                  </td>
                  <td>{fmt.dateTime(a.uploadedAt)}</td>
                  <td>
                    {!readOnly && (
                      <div className="row-actions">
                        {a.status === 'pending' && (
                          <button
                            type="button"
                            className="secondary small-button"
                            disabled={busyId === a.id}
                            onClick={() => void verify(a)}
                          >
                            {t('upload.verify')}
                          </button>
                        )}
                        {confirming === a.id ? (
                          <>
                            <button type="button" className="danger small-button" disabled={busyId === a.id} onClick={() => void remove(a)}>
                              {t('upload.confirmDelete', { filename: a.filename })}
                            </button>
                            <button type="button" className="secondary small-button" onClick={() => setConfirming(null)}>
                              {t('cancel')}
                            </button>
                          </>
                        ) : (
                          <button
                            type="button"
                            className="secondary small-button"
                            onClick={() => setConfirming(a.id)}
                            aria-label={t('upload.deleteNamed', { filename: a.filename })}
                          >
                            {t('upload.delete')}
                          </button>
                        )}
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
