// The upload panel's state: the chosen kind and file, the upload's stage and progress, and its outcome.
import { ARTIFACT_MAX_BYTES, artifactRuleErrors } from '@schemas/artifact';
import type { ArtifactKind } from '@schemas/taxonomy';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../lib/api';
import { useFormat } from '../../lib/hooks';
import { contentTypeOf, uploadArtifact, uploadFullDataFromBrowser, type Artifact, type UploadStage } from '../../lib/upload';
import { fieldMessage, schemaCheck } from '../../lib/validation';

/** How the last upload (or verification) ended. */
export type Outcome =
  { ok: true; artifact: Artifact } | { ok: false; error: ApiError; filename: string } | { ok: false; paused: true; filename: string };

/**
 * Uploads one file of the chosen kind after checking it against the server's own rules: full data
 * in parts (resumable, pausable), anything else in one PUT; `onChanged` runs once it has ended.
 */
export function useArtifactUpload(datasetId: string, artifacts: Artifact[], onChanged: () => void) {
  const { t } = useTranslation('workspace');
  const fmt = useFormat();
  const [kind, setKind] = useState<ArtifactKind>('sample');
  const [file, setFile] = useState<File | null>(null);
  const [fileErrors, setFileErrors] = useState<string[] | undefined>();
  const [stage, setStage] = useState<UploadStage | null>(null);
  const [progress, setProgress] = useState<{ loaded: number; total: number } | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [resumedBytes, setResumedBytes] = useState<number | null>(null);
  /** A failed delete or verification in the file list. */
  const [actionError, setActionError] = useState<ApiError | null>(null);
  const abort = useRef<AbortController | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

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

  /** A newly chosen file clears what was said about the last one. */
  const chooseFile = (f: File | null) => {
    setFile(f);
    setFileErrors(undefined);
    setOutcome(null);
  };

  const start = async () => {
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

  return {
    kind,
    setKind,
    file,
    chooseFile,
    fileErrors,
    fileInput,
    stage,
    busy: stage !== null,
    progress,
    resumedBytes,
    outcome,
    setOutcome,
    actionError,
    setActionError,
    start,
    pause: () => abort.current?.abort(),
  };
}
