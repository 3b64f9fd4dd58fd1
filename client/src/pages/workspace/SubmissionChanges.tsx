import { Fragment, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { labelOf } from '@schemas/taxonomy';
import type { BilingualText } from '../../components/Bi';
import { useFormat, useLang } from '../../lib/hooks';
import type { Artifact } from '../../lib/upload';
import type { FileChanges } from './types';
import './submission-changes.css';

type Heading = 'h3' | 'h4';

/** Files as name, kind and size in human units. */
function FileList({ files, testId }: { files: Artifact[]; testId: string }) {
  const lang = useLang();
  const fmt = useFormat();
  return (
    <ul className="file-change-list">
      {files.map((a) => (
        <li key={a.id} data-testid={testId}>
          <span className="filename">{a.filename}</span> <span className="muted">· {labelOf('artifactKinds', a.kind, lang)} · {fmt.bytes(a.bytes)}</span>
        </li>
      ))}
    </ul>
  );
}

/**
 * What a submission will make public: the provider's change summary (both languages, as the public
 * history will show them) and the files it adds to or removes from the published set. Shown to
 * reviewers before they decide and to the provider before and after submitting.
 */
export function SubmissionChanges({ changeNote, fileChanges, heading: H = 'h3' }: { changeNote: BilingualText | null | undefined; fileChanges: FileChanges | null | undefined; heading?: Heading }) {
  const { t } = useTranslation('workspace');
  const noteId = useId();
  const filesId = useId();
  const added = fileChanges?.added ?? [];
  const removed = fileChanges?.removed ?? [];
  return (
    <div className="submission-changes" data-testid="submission-changes">
      <section aria-labelledby={noteId} data-testid="change-note">
        <H id={noteId}>{t('changes.noteTitle')}</H>
        {changeNote && (changeNote.ko || changeNote.en) ? (
          <dl className="facts">
            {(['ko', 'en'] as const).map((l) => (
              <Fragment key={l}>
                <dt>{t(`lang.${l}`)}</dt>
                <dd lang={l} className="prewrap" data-testid={`change-note-text-${l}`}>
                  {changeNote[l] || <span className="muted">{t('facts.notGiven')}</span>}
                </dd>
              </Fragment>
            ))}
          </dl>
        ) : (
          <p className="muted">{t('changes.noNote')}</p>
        )}
      </section>
      <section aria-labelledby={filesId} data-testid="file-changes">
        <H id={filesId}>{t('changes.filesTitle')}</H>
        {!fileChanges ? (
          <p className="muted">{t('changes.firstPublication')}</p>
        ) : added.length === 0 && removed.length === 0 ? (
          <p className="muted">{t('changes.noFileChanges')}</p>
        ) : (
          <>
            {added.length > 0 && (
              <div className="file-change added">
                <p>
                  <span className="badge success">{t('changes.addedBadge')}</span> {t('changes.added', { count: added.length })}
                </p>
                <FileList files={added} testId="added-file" />
              </div>
            )}
            {removed.length > 0 && (
              <div className="file-change removed">
                <p>
                  <span className="badge danger">{t('changes.removedBadge')}</span> {t('changes.removed', { count: removed.length })}
                </p>
                <FileList files={removed} testId="removed-file" />
              </div>
            )}
          </>
        )}
      </section>
    </div>
  );
}
