import { labelOf, type DatasetStatus } from '@schemas/taxonomy';
import { useLang } from '../../lib/hooks';

const TONE: Record<DatasetStatus, string> = {
  draft: '',
  in_review: 'primary',
  changes_requested: 'warning',
  published: 'success',
  withdrawn: 'danger',
};

/** A dataset's publication status as a labelled badge (text and colour). */
export function StatusBadge({ status }: { status: DatasetStatus }) {
  const lang = useLang();
  return (
    <span className={`badge ws-status ${TONE[status] ?? ''}`.trim()} data-status={status}>
      {labelOf('datasetStatuses', status, lang)}
    </span>
  );
}
