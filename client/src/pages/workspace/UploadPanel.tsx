import { ARTIFACT_CONTENT_TYPES, ARTIFACT_MAX_BYTES } from '@schemas/artifact';
import { ARTIFACT_KINDS, labelOf, type ArtifactKind } from '@schemas/taxonomy';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../components/Field';
import { ProblemView } from '../../components/Status';
import { fileTypeList } from '../../lib/format';
import { useFormat, useLang } from '../../lib/hooks';
import type { Artifact } from '../../lib/upload';
import { ArtifactTable } from './ArtifactTable';
import { useArtifactUpload } from './useArtifactUpload';

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
  const u = useArtifactUpload(datasetId, artifacts, onChanged);
  const { file, stage, progress, outcome, resumedBytes } = u;

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
                value={u.kind}
                disabled={u.busy}
                onChange={(e) => u.setKind(e.target.value as ArtifactKind)}
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
            hint={t('upload.fileHint', { types: fileTypeList(ARTIFACT_CONTENT_TYPES[u.kind], t), limit: fmt.bytes(ARTIFACT_MAX_BYTES[u.kind]) })}
            errors={u.fileErrors}
          >
            {(p) => (
              <input
                {...p}
                ref={u.fileInput}
                type="file"
                disabled={u.busy}
                data-testid="upload-file"
                onChange={(e) => u.chooseFile(e.target.files?.[0] ?? null)}
              />
            )}
          </Field>
          {u.kind === 'data' && <p className="small muted">{t('upload.dataHint')}</p>}
          <div className="actions">
            <button type="button" className="primary" disabled={u.busy} data-testid="upload-start" onClick={() => void u.start()}>
              {t('upload.start')}
            </button>
            {u.busy && u.kind === 'data' && (
              <button type="button" className="secondary" data-testid="upload-pause" onClick={u.pause}>
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
      <ArtifactTable
        datasetId={datasetId}
        artifacts={artifacts}
        readOnly={readOnly}
        onOutcome={u.setOutcome}
        actionError={u.actionError}
        setActionError={u.setActionError}
        onChanged={onChanged}
      />
    </section>
  );
}
