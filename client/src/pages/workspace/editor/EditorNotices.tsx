// The notices above the dataset form: leaving unsaved, read-only in review, changes requested, revision, edit conflict.
import { useTranslation } from 'react-i18next';
import type { Blocker } from 'react-router';
import { ConfirmBox } from '../../../components/ConfirmBox';
import { useFormat } from '../../../lib/hooks';
import { lastEvent, type WorkingDataset } from '../types';

/** What the provider should know before editing; the leave dialog while a navigation waits. */
export function EditorNotices({
  saved,
  readOnly,
  blocker,
  conflict,
  onReload,
}: {
  saved: WorkingDataset | null;
  readOnly: boolean;
  blocker: Blocker;
  conflict: boolean;
  onReload: () => void;
}) {
  const { t } = useTranslation('workspace');
  const fmt = useFormat();
  const changesComment = saved?.status === 'changes_requested' ? lastEvent(saved, 'request_changes') : undefined;
  return (
    <>
      {blocker.state === 'blocked' && (
        <ConfirmBox
          testId="leave-dialog"
          tone="danger"
          title={t('editor.leaveTitle')}
          confirmLabel={t('editor.leave')}
          cancelLabel={t('editor.stay')}
          onConfirm={() => blocker.proceed()}
          onCancel={() => blocker.reset()}
        >
          <p>{t('editor.leaveDetail')}</p>
        </ConfirmBox>
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
      {saved && (saved.status === 'published' || saved.status === 'withdrawn') && (
        <p className="notice">{t(saved.status === 'published' ? 'editor.revisionNotice' : 'editor.withdrawnNotice')}</p>
      )}
      {conflict && (
        <div className="problem" role="alert" data-testid="conflict">
          <strong>{t('editor.conflictTitle')}</strong>
          <p>{t('editor.conflictDetail')}</p>
          <button type="button" className="secondary" onClick={onReload}>
            {t('editor.reload')}
          </button>
        </div>
      )}
    </>
  );
}
