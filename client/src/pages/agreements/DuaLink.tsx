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
export function DuaLink({ dataset, children, newTab = false }: { dataset?: string; children?: string; newTab?: boolean }) {
  const { t } = useTranslation('agreements');
  // On a form, the text opens beside it so what the person has typed stays.
  return (
    <Link to={duaPath(dataset)} className="dua-link" data-testid="dua-link" {...(newTab ? { target: '_blank', rel: 'noopener' } : {})}>
      {children ?? t('dua.read')}
    </Link>
  );
}
