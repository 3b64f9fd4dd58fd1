import { useTranslation } from 'react-i18next';
import type { Explanation } from '../../lib/explain';
import { Icon } from './Icon';

/** One explained fact: icon and sentence; the tone colours the icon, the sentence carries the meaning. */
export function Explained({ e, as: Tag = 'li' }: { e: Explanation; as?: 'li' | 'p' | 'span' }) {
  const { t } = useTranslation();
  return (
    <Tag className={`explained tone-${e.tone}`}>
      <Icon name={e.icon} tone={e.tone} />
      <span>{t(e.key, e.values ?? {})}</span>
    </Tag>
  );
}

/** A list of explained facts. */
export function ExplainedList({ items, className }: { items: Explanation[]; className?: string }) {
  return (
    <ul className={['explained-list', className ?? ''].filter(Boolean).join(' ')}>
      {items.map((e, i) => (
        <Explained key={`${e.key}-${i}`} e={e} />
      ))}
    </ul>
  );
}
