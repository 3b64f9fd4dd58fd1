import { useTranslation } from 'react-i18next';
import { Bi } from '../../components/Bi';
import { Loading, ProblemView } from '../../components/Status';
import { useApi, useFormat } from '../../lib/hooks';
import type { Page } from '../../lib/api';
import type { DatasetVersionEntry } from './types';

const hasNote = (v: DatasetVersionEntry) => !!(v.changeNote && (v.changeNote.ko || v.changeNote.en));

/**
 * Publication history: each published version with its date, the provider's public summary of what
 * changed (in the UI language, else the other) and the fields it changed. The provider's people,
 * reviewers and admins also get the reviewer's note, labelled as private.
 */
export function VersionHistory({ datasetId }: { datasetId: string }) {
  const { t } = useTranslation('dataset');
  const format = useFormat();
  const { data, error, loading } = useApi<Page<DatasetVersionEntry>>(`/datasets/${encodeURIComponent(datasetId)}/versions`);
  return (
    <section className="dataset-section" aria-labelledby="versions-heading" data-testid="versions">
      <h2 id="versions-heading">{t('versions.heading')}</h2>
      {error ? (
        <ProblemView error={error} compact />
      ) : loading || !data ? (
        <Loading />
      ) : data.items.length === 0 ? (
        <p className="muted">{t('versions.none')}</p>
      ) : (
        <ol className="version-list">
          {data.items.map((v) => (
            <li key={v.version} data-testid="version" data-version={v.version}>
              <p className="version-line">
                <strong>{t('versions.version', { version: v.version })}</strong>
                <time dateTime={v.publishedAt}>{t('versions.publishedOn', { date: format.date(v.publishedAt) })}</time>
              </p>
              {v.changedFields.length > 0 ? (
                <p className="version-changes">
                  <span>{t('versions.changed')}</span>
                  <span className="tag-list">
                    {v.changedFields.map((f) => (
                      <span key={f} className="badge">
                        {t(`fields.${f}`, { defaultValue: t('fields.other') })}
                      </span>
                    ))}
                  </span>
                </p>
              ) : v.version === data.items[data.items.length - 1].version ? (
                <p className="muted small">{t('versions.first')}</p>
              ) : (
                // The provider's summary says what changed when no described field did (e.g. only files).
                !hasNote(v) && <p className="muted small">{t('versions.noChanges')}</p>
              )}
              {hasNote(v) && (
                <div className="version-note" data-testid="version-change-note">
                  <Bi as="p" text={v.changeNote} toggle className="prewrap" />
                </div>
              )}
              {v.reviewerComment && (
                <div className="version-reviewer-note" data-testid="version-reviewer-note">
                  <p className="small">
                    <strong>{t('versions.reviewerNote')}</strong> <span className="badge">{t('versions.private')}</span>
                  </p>
                  <blockquote className="prewrap">{v.reviewerComment}</blockquote>
                  <p className="muted small">{t('versions.privateHint')}</p>
                </div>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
