import { useTranslation } from 'react-i18next';
import { labelOf } from '@schemas/taxonomy';
import { useFormat, useLang } from '../../lib/hooks';
import { ReviewChanges } from '../workspace/ReviewChanges';
import { SubmissionChanges } from '../workspace/SubmissionChanges';
import { Icon, type IconName } from './Icon';
import type { DatasetView } from './types';

const STATUS_STYLE: Record<DatasetView['status'], [string, IconName]> = {
  draft: ['badge', 'edit'],
  in_review: ['badge primary', 'clock'],
  changes_requested: ['badge warning', 'alert'],
  published: ['badge success', 'check'],
  withdrawn: ['badge danger', 'ban'],
};

/** The publication status as a badge with icon and words. */
export function StatusBadge({ status }: { status: DatasetView['status'] }) {
  const lang = useLang();
  const [cls, icon] = STATUS_STYLE[status] ?? ['badge', 'info'];
  return (
    <span className={`${cls} status-badge`} data-testid="status-badge" data-status={status}>
      <Icon name={icon} />
      {labelOf('datasetStatuses', status, lang)}
    </span>
  );
}

/** Review state for people who see the working copy: status, the live version meanwhile, and the review history with comments. */
export function ReviewPanel({ dataset }: { dataset: DatasetView }) {
  const { t } = useTranslation('dataset');
  const format = useFormat();
  const history = dataset.review?.history ?? [];
  const live = dataset.published;
  return (
    <section className="dataset-section review-panel" aria-labelledby="review-heading" data-testid="review">
      <h2 id="review-heading">{t('review.heading')}</h2>
      <p>
        {t('review.status')} <StatusBadge status={dataset.status} />
      </p>
      {live && dataset.status !== 'published' && dataset.status !== 'withdrawn' && <p className="notice">{t('review.liveMeanwhile', { version: live.version, date: format.date(live.publishedAt) })}</p>}
      {dataset.status !== 'published' && dataset.status !== 'withdrawn' && (dataset.fileChanges || dataset.review?.changeNote) && (
        <SubmissionChanges changeNote={dataset.review?.changeNote} fileChanges={dataset.fileChanges} />
      )}
      {/* What changed since the last reviewer's decision, with their comment (nothing before a first decision). */}
      {dataset.status !== 'published' && dataset.status !== 'withdrawn' && <ReviewChanges datasetId={dataset.id} />}
      {history.length === 0 ? (
        <p className="muted">{t('review.noHistory')}</p>
      ) : (
        <ol className="review-history" data-testid="review-history">
          {[...history].reverse().map((e, i) => (
            <li key={`${e.at}-${i}`} data-action={e.action}>
              <p className="review-line">
                <strong>{t(`review.actions.${e.action}`, { defaultValue: t('review.actions.other') })}</strong>
                <span>{e.byName ? t('review.by', { name: e.byName }) : null}</span>
                <time dateTime={e.at}>{format.dateTime(e.at)}</time>
                {e.version ? <span className="badge">{t('versions.version', { version: e.version })}</span> : null}
              </p>
              {e.comment && <blockquote className="review-comment">{e.comment}</blockquote>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
