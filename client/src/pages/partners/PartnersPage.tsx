import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { labelOf } from '@schemas/taxonomy';
import { Bi } from '../../components/Bi';
import { Empty, Loading, ProblemView } from '../../components/Status';
import { useAuth } from '../../lib/auth';
import { useApi, useLang } from '../../lib/hooks';
import './partners.css';

interface Org {
  slug: string;
  name: { ko?: string; en?: string };
  country: string;
  type: string;
  hasPartnerProfile: boolean;
}

/** Partner organisations with a profile; links to their matches for those who may see them. */
export default function PartnersPage() {
  const { t } = useTranslation('matching');
  const lang = useLang();
  const { user, hasRole } = useAuth();
  const { data, error, loading } = useApi<{ items: Org[] }>('/organizations?pageSize=100');
  const partners = (data?.items ?? []).filter((o) => o.hasPartnerProfile);
  const ownSlug = user?.organization?.slug ?? null;
  const own = ownSlug && !partners.some((p) => p.slug === ownSlug) ? ownSlug : null;
  const mayMatch = (slug: string) => !!user && (ownSlug === slug || hasRole('admin', 'reviewer'));
  return (
    <div className="container partners-page" data-testid="partners">
      <h1>{t('partners.heading')}</h1>
      <p className="muted">{t('partners.intro')}</p>
      <ProblemView error={error} />
      {loading && <Loading />}
      {data && partners.length === 0 && <Empty message={t('partners.empty')} />}
      <ul className="partner-list">
        {partners.map((p) => (
          <li key={p.slug} className="card">
            <h2>
              <Bi text={p.name} />
            </h2>
            <p className="muted">
              {labelOf('organizationTypes', p.type, lang)} · {p.country}
            </p>
            <div className="actions">
              {mayMatch(p.slug) && (
                <Link className="button" to={`/partners/${encodeURIComponent(p.slug)}/matches`} data-testid={`matches-${p.slug}`}>
                  {t('partners.matches')}
                </Link>
              )}
              {user && (user.organization?.slug === p.slug || hasRole('admin')) && (
                <Link className="button secondary" to={`/partners/${encodeURIComponent(p.slug)}/profile`}>
                  {t('partners.editProfile')}
                </Link>
              )}
            </div>
          </li>
        ))}
      </ul>
      {own && (
        <p>
          <Link to={`/partners/${encodeURIComponent(own)}/profile`}>{t('partners.createOwn')}</Link>
        </p>
      )}
    </div>
  );
}
