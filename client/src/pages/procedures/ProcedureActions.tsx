// A procedure's lifecycle actions for its provider and admins: edit the draft, activate, new version, retire.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ConfirmBox, useConfirmStep } from '../../components/ConfirmBox';
import { api, ApiError } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import type { Procedure, ProcedureVersion, VersionSummary } from './model';
import { ProcedureProblem } from './parts';

type ActionKind = 'activate' | 'newVersion' | 'retire';

/** Lifecycle actions for members of the owning organisation (and admins); retiring asks first. */
export function ProcedureActions({
  procedure: p,
  shown,
  onDone,
}: {
  procedure: Procedure;
  shown: ProcedureVersion;
  onDone: (message: string, version?: number) => void;
}) {
  const { t } = useTranslation('procedures');
  const { user, hasRole } = useAuth();
  const [busy, setBusy] = useState<ActionKind | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const retire = useConfirmStep();
  const owner = !!user && !!p.provider && user.organization?.id === p.provider.id && hasRole('provider');
  if (!owner && !hasRole('admin')) return null;

  const latest = (p.versions ?? []).reduce<VersionSummary | null>((max, v) => (!max || v.version > max.version ? v : max), null);
  const latestIsDraft = latest?.status === 'draft';
  const base = `/labeling-procedures/${encodeURIComponent(p.id)}`;

  const run = async (kind: ActionKind, call: () => Promise<{ data: Procedure }>, message: (r: Procedure) => string) => {
    setBusy(kind);
    setError(null);
    try {
      const { data } = await call();
      retire.close();
      onDone(message(data), data.version);
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError({ title: String(err), status: 0, code: 'client_error' }));
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="procedure-actions" aria-labelledby="sec-actions">
      <h2 id="sec-actions" className="visually-hidden">
        {t('detail.actions')}
      </h2>
      <div className="actions">
        {latestIsDraft && (
          <Link className="button" to={`/procedures/${encodeURIComponent(p.slug)}/edit`} data-testid="edit-draft">
            {t('detail.editDraft', { version: latest!.version })}
          </Link>
        )}
        {shown.status === 'draft' && (
          <button
            type="button"
            className="primary"
            data-testid="activate-version"
            disabled={busy !== null}
            onClick={() =>
              void run(
                'activate',
                () => api<Procedure>(`${base}/versions/${shown.version}/activate`, { method: 'POST', headers: { 'if-match': shown.etag } }),
                (r) => t('detail.activated', { version: r.version }),
              )
            }
          >
            {busy === 'activate' ? t('common.working') : t('detail.activate', { version: shown.version })}
          </button>
        )}
        {!latestIsDraft && (
          <button
            type="button"
            className="secondary"
            data-testid="new-version"
            disabled={busy !== null}
            onClick={() =>
              void run(
                'newVersion',
                () => api<Procedure>(`${base}/versions`, { method: 'POST' }),
                (r) => t('detail.versionCreated', { version: r.version }),
              )
            }
          >
            {busy === 'newVersion' ? t('common.working') : t('detail.newVersion')}
          </button>
        )}
        {shown.status === 'active' && !retire.open && (
          <button
            ref={retire.triggerRef}
            type="button"
            className="secondary"
            data-testid="retire-version"
            disabled={busy !== null}
            onClick={retire.ask}
          >
            {t('detail.retire', { version: shown.version })}
          </button>
        )}
      </div>
      {retire.open && shown.status === 'active' && (
        <ConfirmBox
          testId="retire-confirm"
          confirmTestId="confirm-retire"
          tone="danger"
          title={t('detail.retireConfirm', { version: shown.version })}
          confirmLabel={busy === 'retire' ? t('common.working') : t('detail.retireYes')}
          cancelLabel={t('common.cancel')}
          busy={busy !== null}
          onConfirm={() =>
            void run(
              'retire',
              () => api<Procedure>(`${base}/versions/${shown.version}/retire`, { method: 'POST' }),
              (r) => t('detail.retired', { version: r.version }),
            )
          }
          onCancel={retire.cancel}
        />
      )}
      <ProcedureProblem error={error} />
    </section>
  );
}
