import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** Where a person reads the agreement they are asked to accept: the standard text, with a dataset's own conditions. */
export function duaPath(datasetSlug?: string): string {
  return datasetSlug ? `/agreements/dua?dataset=${encodeURIComponent(datasetSlug)}` : '/agreements/dua';
}

/**
 * A link to the data use agreement's text (`/agreements/dua`), for every place that asks for or
 * names the DUA: the request form, the requirements, the decision (issue 13 item 9).
 */
export function DuaLink({ dataset, children }: { dataset?: string; children?: string }) {
  const { t } = useTranslation('agreements');
  return (
    <Link to={duaPath(dataset)} className="dua-link" data-testid="dua-link">
      {children ?? t('dua.read')}
    </Link>
  );
}
