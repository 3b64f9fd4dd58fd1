// A dataset's uploaded files in the upload panel: kind, size, verification status; verify again or delete (after a confirmation).
import { labelOf } from '@schemas/taxonomy';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmBox } from '../../components/ConfirmBox';
import { ProblemView } from '../../components/Status';
import { api, ApiError } from '../../lib/api';
import { useFormat, useLang } from '../../lib/hooks';
import { forgetUpload } from '../../lib/multipart-upload';
import type { Artifact } from '../../lib/upload';
import type { Outcome } from './useArtifactUpload';

const STATUS_BADGE: Record<Artifact['status'], string> = { available: 'success', pending: 'warning', rejected: 'danger' };

/**
 * The existing files; `onOutcome` reports a verification's result (or clears the last one after a
 * delete); a failed delete is `actionError`, kept by the panel so that a new upload clears it.
 */
export function ArtifactTable({
  datasetId,
  artifacts,
  readOnly,
  onOutcome,
  actionError,
  setActionError,
  onChanged,
}: {
  datasetId: string;
  artifacts: Artifact[];
  readOnly: boolean;
  onOutcome: (outcome: Outcome | null) => void;
  actionError: ApiError | null;
  setActionError: (error: ApiError | null) => void;
  onChanged: () => void;
}) {
  const { t } = useTranslation('workspace');
  const lang = useLang();
  const fmt = useFormat();
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const base = (a: Artifact) => `/datasets/${encodeURIComponent(datasetId)}/artifacts/${encodeURIComponent(a.id)}`;

  const remove = async (a: Artifact) => {
    setBusyId(a.id);
    setActionError(null);
    try {
      await api(base(a), { method: 'DELETE' });
      if (a.kind === 'data') forgetUpload(window.localStorage, datasetId, a.id);
      setConfirming(null);
      onOutcome(null);
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
      const { data } = await api<{ artifact: Artifact }>(`${base(a)}/complete`, { method: 'POST' });
      onOutcome({ ok: true, artifact: data.artifact });
    } catch (err) {
      if (err instanceof ApiError) onOutcome({ ok: false, error: err, filename: a.filename });
    } finally {
      setBusyId(null);
      onChanged();
    }
  };

  return (
    <>
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
                          <ConfirmBox
                            testId="delete-confirm"
                            tone="danger"
                            title={t('upload.confirmDelete', { filename: a.filename })}
                            confirmLabel={t('upload.delete')}
                            cancelLabel={t('cancel')}
                            busy={busyId === a.id}
                            onConfirm={() => void remove(a)}
                            onCancel={() => setConfirming(null)}
                          />
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
    </>
  );
}
