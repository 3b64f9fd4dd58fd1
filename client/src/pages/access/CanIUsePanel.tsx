import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { PURPOSES } from '@schemas/taxonomy';
import { ProblemView } from '../../components/Status';
import { api, ApiError } from '../../lib/api';
import { useFormat, useLang } from '../../lib/hooks';
import type { Decision, Explained } from './types';
import './access.css';
import { DuaLink } from '../agreements/DuaLink';

const ICONS: Record<Decision, string> = { allow: '✓', sign_in_required: '→', request_required: '✎', enclave_only: '⌂', deny: '✕' };

/** "Can I use this?": purpose and scope pickers, the engine's decision for the caller, every reason and requirement, and the next step. */
export function CanIUsePanel({ dataset }: { dataset: { id: string; slug: string } }) {
  const { t } = useTranslation('access');
  const lang = useLang();
  const format = useFormat();
  const location = useLocation();
  const headingId = useId();
  const [purpose, setPurpose] = useState('research');
  const [scope, setScope] = useState<'samples' | 'full'>('full');
  const [result, setResult] = useState<Explained | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);

  useEffect(() => {
    const ctrl = new AbortController();
    setLoading(true);
    api<Explained>('/policy/evaluate', { method: 'POST', body: { datasetId: dataset.id, purpose, scope }, signal: ctrl.signal })
      .then(({ data }) => {
        setResult(data);
        setError(null);
        setLoading(false);
      })
      .catch((err: unknown) => {
        if ((err as Error).name === 'AbortError') return;
        setError(err instanceof ApiError ? err : new ApiError({ title: '', status: 0, code: 'client_error' }));
        setLoading(false);
      });
    return () => ctrl.abort();
  }, [dataset.id, purpose, scope, lang]);

  const requestLink = `/datasets/${encodeURIComponent(dataset.slug)}/request?${new URLSearchParams({ purpose, scope }).toString()}`;
  const next = `/signin?next=${encodeURIComponent(location.pathname + location.search)}`;

  return (
    <section className="dataset-section card can-i-use" aria-labelledby={headingId} data-testid="can-i-use">
      <h2 id={headingId}>{t('panel.heading')}</h2>
      <p className="muted">{t('panel.intro')}</p>
      <div className="can-i-use-controls">
        <div className="field">
          <label htmlFor={`${headingId}-purpose`}>{t('fields.purpose')}</label>
          <select id={`${headingId}-purpose`} value={purpose} onChange={(e) => setPurpose(e.target.value)} data-testid="can-i-use-purpose">
            {PURPOSES.map((p) => (
              <option key={p.code} value={p.code}>
                {p.label[lang]}
              </option>
            ))}
          </select>
        </div>
        <fieldset className="field">
          <legend>{t('fields.scope')}</legend>
          {(['samples', 'full'] as const).map((s) => (
            <label key={s} className="radio">
              <input type="radio" name={`${headingId}-scope`} value={s} checked={scope === s} onChange={() => setScope(s)} /> {t(`scope.${s}`)}
            </label>
          ))}
        </fieldset>
      </div>
      <div aria-live="polite" aria-busy={loading}>
        {error && <ProblemView error={error} compact />}
        {result && (
          <div className={`decision decision-${result.decision}`}>
            <p className="decision-line" data-testid="decision" data-decision={result.decision}>
              <span className="decision-icon" aria-hidden="true">
                {ICONS[result.decision]}
              </span>{' '}
              <strong>{t(`decision.${result.decision}`)}</strong>
            </p>
            {result.reasons.length > 0 && (
              <>
                <h3>{t('panel.reasons')}</h3>
                <ul className="reasons" data-testid="reasons">
                  {result.reasons.map((r) => (
                    <li key={r.code} data-code={r.code}>
                      {r.message}
                    </li>
                  ))}
                </ul>
              </>
            )}
            {result.requirements.length > 0 && (
              <>
                <h3>{t('panel.requirements')}</h3>
                <ul className="requirements" data-testid="requirements">
                  {result.requirements.map((r) => (
                    <li key={r.code} data-code={r.code}>
                      {r.message}{' '}
                      {r.code === 'accept_dua' && (
                        <>
                          <DuaLink dataset={dataset.slug} />{' '}
                        </>
                      )}
                      {r.metByGrant ? (
                        <span className="badge success" data-testid="met-by-grant">
                          {t('requirement.metByGrant')}
                        </span>
                      ) : (
                        <span className={r.blocking ? 'badge warning' : 'badge'}>{r.blocking ? t('requirement.blocking') : t('requirement.clickThrough')}</span>
                      )}
                    </li>
                  ))}
                </ul>
              </>
            )}
            <div className="actions">
              {result.decision === 'sign_in_required' && (
                <Link className="button" to={next}>
                  {t('next.signIn')}
                </Link>
              )}
              {(result.decision === 'request_required' || result.decision === 'enclave_only') && (
                <Link className="button" to={requestLink} data-testid="request-access">
                  {result.decision === 'enclave_only' ? t('next.requestEnclave') : t('next.request')}
                </Link>
              )}
              {result.decision === 'allow' && result.grant && (
                <p className="notice success" data-testid="allowed-by-grant">
                  {t('next.allowGrant', { date: format.date(result.grant.expiresAt) })} <Link to={result.grant.link}>{t('next.viewGrant')}</Link>
                </p>
              )}
              {result.decision === 'allow' && !result.grant && (
                <p className="notice success">
                  {t('next.allow')}
                  {result.requirements.some((r) => r.code === 'accept_dua') && <> {t('next.allowDua')}</>}
                </p>
              )}
              {result.decision === 'deny' && <p className="notice problem">{t('next.deny')}</p>}
            </div>
          </div>
        )}
      </div>
    </section>
  );
}
