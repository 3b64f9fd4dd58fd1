import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Bi } from '../../components/Bi';
import { useLang } from '../../lib/hooks';
import type { Exclusion } from './types';

/** Datasets the partner cannot get, each with every reason. */
export function ExcludedList({ items }: { items: Exclusion[] }) {
  const { t } = useTranslation('matching');
  const lang = useLang();
  if (!items.length) return <p className="muted">{t('excluded.none')}</p>;
  return (
    <ul className="excluded-list" data-testid="excluded-list">
      {items.map((e) => (
        <li key={e.dataset.slug} data-testid={`excluded-${e.dataset.slug}`}>
          <Link to={`/datasets/${encodeURIComponent(e.dataset.slug)}`}>
            <Bi text={e.dataset.title} />
          </Link>
          <ul className="reasons">
            {e.reasons.map((r) => (
              <li key={`${r.kind}-${r.code}`} lang={lang} data-code={r.code}>
                {r.message[lang]}
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}
