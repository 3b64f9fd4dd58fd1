// The account page's personal API tokens: the list, revoking one after a confirmation, and creating one.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmBox, useConfirmStep } from '../../components/ConfirmBox';
import { Empty, Loading, ProblemView } from '../../components/Status';
import { api, type ApiError, type Page } from '../../lib/api';
import { useApi, useFormat } from '../../lib/hooks';
import { CreateToken, NewTokenSecret, type CreatedToken } from './NewToken';
import { asApiError } from './problem';

interface Token {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  expiresAt: string;
  lastUsedAt?: string | null;
  revokedAt?: string | null;
  active: boolean;
}

/** The tokens section: a new token's secret (shown once), the list, and the form to create one. */
export function TokensSection() {
  const { t } = useTranslation('account');
  const list = useApi<Page<Token>>('/auth/tokens');
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  return (
    <section aria-labelledby="tokens-heading" className="card account-section" data-testid="tokens">
      <h2 id="tokens-heading">{t('tokens.section')}</h2>
      <p className="muted">{t('tokens.intro')}</p>

      {created && (
        <NewTokenSecret
          token={created}
          onDismiss={() => {
            setCreated(null);
          }}
        />
      )}
      <div aria-live="polite">{notice && <p className="success compact-notice">{notice}</p>}</div>

      {list.loading && !list.data ? (
        <Loading />
      ) : list.error ? (
        <ProblemView error={list.error} />
      ) : !list.data || list.data.items.length === 0 ? (
        <Empty message={t('tokens.empty')} />
      ) : (
        <TokenTable
          tokens={list.data.items}
          onRevoked={(tok) => {
            setNotice(t('tokens.revoked', { name: tok.name }));
            list.reload();
          }}
        />
      )}

      <CreateToken
        onCreated={(tok) => {
          setNotice(null);
          setCreated(tok);
          list.reload();
        }}
      />
    </section>
  );
}

function TokenTable({ tokens, onRevoked }: { tokens: Token[]; onRevoked: (t: Token) => void }) {
  const { t } = useTranslation('account');
  return (
    <div className="table-scroll">
      <table data-testid="token-table">
        <caption className="visually-hidden">{t('tokens.listCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('tokens.name')}</th>
            <th scope="col">{t('tokens.prefix')}</th>
            <th scope="col">{t('tokens.created')}</th>
            <th scope="col">{t('tokens.expires')}</th>
            <th scope="col">{t('tokens.lastUsed')}</th>
            <th scope="col">{t('tokens.status')}</th>
            <th scope="col">{t('tokens.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((tok) => (
            <TokenRow key={tok.id} token={tok} onRevoked={onRevoked} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function TokenRow({ token, onRevoked }: { token: Token; onRevoked: (t: Token) => void }) {
  const { t } = useTranslation('account');
  const fmt = useFormat();
  const confirm = useConfirmStep();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const status = token.revokedAt ? 'revoked' : token.active ? 'active' : 'expired';
  const badge = status === 'active' ? 'badge success' : status === 'revoked' ? 'badge danger' : 'badge warning';
  const statusLabel =
    status === 'active' ? t('tokens.statusActive') : status === 'revoked' ? t('tokens.statusRevoked') : t('tokens.statusExpired');

  const revoke = async () => {
    setBusy(true);
    setError(null);
    try {
      await api(`/auth/tokens/${encodeURIComponent(token.id)}`, { method: 'DELETE' });
      confirm.close();
      onRevoked(token);
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <tr data-testid="token-row">
      <th scope="row">{token.name}</th>
      <td>
        <code>{token.prefix}</code>
      </td>
      <td>{fmt.date(token.createdAt)}</td>
      <td>{fmt.date(token.expiresAt)}</td>
      <td>{token.lastUsedAt ? fmt.dateTime(token.lastUsedAt) : <span className="muted">{t('tokens.never')}</span>}</td>
      <td>
        <span className={badge}>{statusLabel}</span>
      </td>
      <td>
        {status === 'active' &&
          (confirm.open ? (
            <>
              <ConfirmBox
                testId="revoke-confirm"
                confirmTestId="confirm-revoke"
                tone="danger"
                title={t('tokens.confirmRevoke', { name: token.name })}
                confirmLabel={t('tokens.confirmYes')}
                cancelLabel={t('tokens.confirmNo')}
                busy={busy}
                onConfirm={() => void revoke()}
                onCancel={confirm.cancel}
              />
              <ProblemView error={error} compact />
            </>
          ) : (
            <button
              ref={confirm.triggerRef}
              type="button"
              className="secondary small-button"
              onClick={confirm.ask}
              aria-label={t('tokens.revokeNamed', { name: token.name })}
              data-testid="revoke-token"
            >
              {t('tokens.revoke')}
            </button>
          ))}
      </td>
    </tr>
  );
}
