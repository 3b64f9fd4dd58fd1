import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { labelOf } from '@schemas/taxonomy';
import { useAuth } from '../../lib/auth';
import { useApi, useFormat, useLang } from '../../lib/hooks';
import type { ActiveGrant, EndedGrant, ExternalAccessView, MyAccess, OpenRequest } from '../access/myAccess';
import { ExternalAccessList } from './ExternalAccessList';
import { Icon } from './Icon';
import type { DatasetView } from './types';
import './your-access.css';

/** The request form for another request like `r` (same scope and purpose). */
const requestAgainLink = (slug: string, r: { scope: string; purpose: string }) =>
  `/datasets/${encodeURIComponent(slug)}/request?${new URLSearchParams({ scope: r.scope, purpose: r.purpose }).toString()}`;

function Grant({ grant }: { grant: ActiveGrant }) {
  const { t } = useTranslation('dataset');
  const lang = useLang();
  const format = useFormat();
  return (
    <li className="grant" data-testid="grant" data-scope={grant.scope} data-purpose={grant.purpose}>
      <p className="grant-line">
        <strong>
          {t('yourAccess.grant', { scope: t(`yourAccess.scope.${grant.scope}`), purpose: labelOf('purposes', grant.purpose, lang) })}
        </strong>
      </p>
      <p data-testid="grant-expiry">
        {t('yourAccess.expires', { date: format.date(grant.expiresAt) })}{' '}
        <span className={grant.daysLeft <= 7 ? 'badge warning' : 'badge'}>{t('yourAccess.daysLeft', { count: grant.daysLeft })}</span>
      </p>
      {grant.conditions.length > 0 && (
        <>
          <h3>{t('yourAccess.conditions')}</h3>
          <ul data-testid="grant-conditions">
            {grant.conditions.map((c, i) => (
              <li key={i}>{c}</li>
            ))}
          </ul>
        </>
      )}
      <h3>{t('yourAccess.files')}</h3>
      {grant.files.length ? (
        <ul className="grant-files" data-testid="grant-files">
          {grant.files.map((f) => (
            <li key={f.id}>
              <a
                className="download-link"
                href={f.downloadUrl ?? undefined}
                aria-label={t('artifacts.downloadFile', { filename: f.filename })}
              >
                <Icon name="download" />
                <span>{f.filename}</span>
              </a>{' '}
              <span className="muted small">
                {labelOf('artifactKinds', f.kind, lang)} · {format.bytes(f.bytes)}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('yourAccess.noFiles')}</p>
      )}
      {grant.externalAccess.length > 0 && (
        <>
          <h3>{t('externalAccess.heading')}</h3>
          <ExternalAccessList items={grant.externalAccess} />
        </>
      )}
      <p>
        <Link to={grant.link}>{t('yourAccess.viewRequest')}</Link>
      </p>
    </li>
  );
}

function Ended({ grant, slug }: { grant: EndedGrant; slug: string }) {
  const { t } = useTranslation('dataset');
  const lang = useLang();
  const format = useFormat();
  const what = {
    scope: t(`yourAccess.scope.${grant.scope}`),
    purpose: labelOf('purposes', grant.purpose, lang),
    date: format.date(grant.endedAt),
  };
  return (
    <li data-testid="grant-ended" data-status={grant.status}>
      <p>{grant.status === 'revoked' ? t('yourAccess.revoked', what) : t('yourAccess.expired', what)}</p>
      {grant.revokeReason && <p className="muted">{grant.revokeReason}</p>}
      <p className="actions">
        <Link className="button" to={requestAgainLink(slug, grant)} data-testid="request-again">
          {t('yourAccess.requestAgain')}
        </Link>
        <Link to={grant.link}>{t('yourAccess.viewRequest')}</Link>
      </p>
    </li>
  );
}

function Pending({ request }: { request: OpenRequest }) {
  const { t } = useTranslation('dataset');
  const lang = useLang();
  const format = useFormat();
  return (
    <li data-testid="open-request" data-status={request.status}>
      {t('yourAccess.open', {
        scope: t(`yourAccess.scope.${request.scope}`),
        purpose: labelOf('purposes', request.purpose, lang),
        status: t(`access:status.${request.status}`),
        date: format.date(request.submittedAt),
      })}{' '}
      <Link to={request.link}>{t('yourAccess.viewRequest')}</Link>
    </li>
  );
}

/**
 * "Your access" (issue 13): the signed-in caller's active grants on this dataset with scope,
 * purpose, conditions, the countdown to expiry and what each opens; grants that ended with
 * "request again"; requests still open. External access the caller may see without a grant
 * (open data, or the provider's own working copy) is listed too.
 */
export function YourAccessPanel({ dataset }: { dataset: Pick<DatasetView, 'id' | 'slug'> & { externalAccess?: ExternalAccessView[] } }) {
  const { t } = useTranslation('dataset');
  const headingId = useId();
  const { user } = useAuth();
  const { data } = useApi<MyAccess>(user ? `/datasets/${encodeURIComponent(dataset.id)}/my-access` : null);
  const access = user ? data : null;
  const granted = new Set((access?.active ?? []).flatMap((g) => g.externalAccess.map((e) => e.id)));
  const shown = (dataset.externalAccess ?? []).filter((e) => !granted.has(e.id));
  const ended = access && !access.active.length ? access.ended : [];
  if (!access?.active.length && !access?.open.length && !ended.length && !shown.length) return null;
  return (
    <section className="dataset-section card your-access" aria-labelledby={headingId} data-testid="your-access">
      <h2 id={headingId}>{t('yourAccess.heading')}</h2>
      {!!access?.active.length && (
        <ul className="grants">
          {access.active.map((g) => (
            <Grant key={g.requestId} grant={g} />
          ))}
        </ul>
      )}
      {ended.length > 0 && (
        <ul className="grants-ended">
          {ended.map((g) => (
            <Ended key={g.requestId} grant={g} slug={dataset.slug} />
          ))}
        </ul>
      )}
      {!!access?.open.length && (
        <>
          <h3>{t('yourAccess.openHeading')}</h3>
          <ul className="open-requests">
            {access.open.map((r) => (
              <Pending key={r.requestId} request={r} />
            ))}
          </ul>
        </>
      )}
      {shown.length > 0 && (
        <>
          <h3>{t('externalAccess.heading')}</h3>
          <ExternalAccessList items={shown} />
        </>
      )}
    </section>
  );
}
