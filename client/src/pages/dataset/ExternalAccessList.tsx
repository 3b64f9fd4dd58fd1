import { useTranslation } from 'react-i18next';
import { Bi } from '../../components/Bi';
import type { ExternalAccessView } from '../access/myAccess';

/** External ways to the full data (provider SFTP, enclave booking): a link with its description, or instructions. */
export function ExternalAccessList({ items }: { items: ExternalAccessView[] }) {
  const { t } = useTranslation('dataset');
  if (!items.length) return null;
  return (
    <ul className="external-access-list" data-testid="external-access">
      {items.map((e) => (
        <li key={e.id} data-kind={e.kind}>
          <span className="badge">{t(`externalAccess.kind.${e.kind}`)}</span>{' '}
          {e.kind === 'url' && e.url ? (
            <>
              <a href={e.url} rel="noopener noreferrer" target="_blank">
                <Bi text={e.text} />
                <span className="visually-hidden"> {t('externalAccess.opensNewWindow')}</span>
              </a>
              <br />
              <code className="external-url">{e.url}</code>
            </>
          ) : (
            <Bi as="p" text={e.text} />
          )}
          {e.kind === 'instructions' && e.url && (
            <p>
              <a href={e.url} rel="noopener noreferrer" target="_blank">
                {e.url}
                <span className="visually-hidden"> {t('externalAccess.opensNewWindow')}</span>
              </a>
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}
