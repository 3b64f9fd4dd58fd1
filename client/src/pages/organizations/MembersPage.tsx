import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useParams } from 'react-router';
import { useBi } from '../../components/Bi';
import { Field } from '../../components/Field';
import { useTitle } from '../../components/Layout';
import { Empty, Loading, Pagination, ProblemView } from '../../components/Status';
import type { ApiError, Page } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { useApi } from '../../lib/hooks';
import { membersPath, ownMembersPath, MEMBERS_INDEX } from '../../lib/membership';
import { OrganizationSelect, useOrganizations, type OrganizationOption } from '../account/OrganizationSelect';
import { ActiveMember, PendingRequest } from './MemberCards';
import type { Member } from './types';
import './members.css';

const PAGE_SIZE = 50;

/**
 * `/organizations/:slug/members`: an organisation's requests to join and its members, for its
 * organisation admins and platform admins (the server answers 403 to anyone else, shown as it
 * words it). `/organizations/members` is the platform admins' organisation picker.
 */
export default function MembersPage() {
  const { slug } = useParams();
  const { user } = useAuth();
  if (!slug) {
    const own = ownMembersPath(user);
    return own && own !== MEMBERS_INDEX ? <Navigate to={own} replace /> : <MembersIndex />;
  }
  return <OrganizationMembers key={slug} slug={slug} />;
}

/** Platform admins choose an organisation; anyone else learns the page is not theirs. */
function MembersIndex() {
  const { t } = useTranslation('members');
  const { hasRole } = useAuth();
  useTitle(t('title'));
  if (!hasRole('admin')) {
    return (
      <section className="page-error" role="alert">
        <h1>{t('common:forbidden.title')}</h1>
        <p>{t('notAdmin')}</p>
      </section>
    );
  }
  return (
    <section className="members-page">
      <h1>{t('title')}</h1>
      <p className="muted">{t('indexIntro')}</p>
      <OrganizationSwitch current="" />
    </section>
  );
}

/** Platform admins move between organisations (a form with a button: choosing alone does not navigate). */
function OrganizationSwitch({ current }: { current: string }) {
  const { t } = useTranslation('members');
  const navigate = useNavigate();
  const orgs = useOrganizations();
  const [choice, setChoice] = useState(current);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (choice) navigate(membersPath(choice));
  };
  if (orgs.error) return <ProblemView error={orgs.error} compact />;
  return (
    <form className="org-switch" onSubmit={submit} data-testid="org-switch">
      <Field label={t('switchLabel')}>
        {(p) =>
          orgs.loading ? (
            <Loading />
          ) : (
            <OrganizationSelect organizations={orgs.data?.items ?? []} value={choice} onChange={setChoice} emptyLabel={t('switchChoose')} control={p} name="organization" />
          )
        }
      </Field>
      <button type="submit" className="secondary" disabled={!choice || choice === current}>
        {t('switchGo')}
      </button>
    </form>
  );
}

function OrganizationMembers({ slug }: { slug: string }) {
  const { t } = useTranslation('members');
  const bi = useBi();
  const { user, hasRole, refresh } = useAuth();
  const [page, setPage] = useState(1);
  const org = useApi<OrganizationOption>(`/organizations/${encodeURIComponent(slug)}`);
  const pending = useApi<Page<Member>>(`/organizations/${encodeURIComponent(slug)}/members?status=pending&pageSize=100`);
  const active = useApi<Page<Member>>(`/organizations/${encodeURIComponent(slug)}/members?status=active&page=${page}&pageSize=${PAGE_SIZE}`);
  const [notice, setNotice] = useState<string | null>(null);
  const noticeRef = useRef<HTMLParagraphElement>(null);
  const name = org.data ? bi(org.data.name) : slug;
  const platformAdmin = hasRole('admin');
  useTitle(t('titleOf', { organization: name }));

  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);

  const done = (message: string, memberId: string) => {
    setNotice(message);
    pending.reload();
    active.reload();
    // The admin changed their own card: their roles in this tab follow.
    if (memberId === user?.id) void refresh().catch(() => undefined);
  };

  const refused: ApiError | null = pending.error ?? active.error ?? null;
  if (refused && (refused.status === 403 || refused.status === 404)) {
    return (
      <section className="page-error" data-testid="members-refused">
        <h1>{refused.status === 403 ? t('common:forbidden.title') : t('common:notFound.title')}</h1>
        <ProblemView error={refused} />
      </section>
    );
  }

  return (
    <section className="members-page" data-testid="members-page">
      <h1>{t('titleOf', { organization: name })}</h1>
      <p className="muted">{t('intro')}</p>
      {platformAdmin && <OrganizationSwitch current={slug} />}

      <div aria-live="polite">
        {notice && (
          <p ref={noticeRef} tabIndex={-1} className="success" data-testid="members-notice">
            {notice}
          </p>
        )}
      </div>

      <section aria-labelledby="pending-heading" className="members-section" data-testid="pending-section">
        <h2 id="pending-heading">
          {t('pendingHeading')} {pending.data && <span className={pending.data.total ? 'badge warning' : 'badge'}>{pending.data.total}</span>}
        </h2>
        {pending.loading && !pending.data ? (
          <Loading />
        ) : pending.error ? (
          <ProblemView error={pending.error} />
        ) : !pending.data?.items.length ? (
          <Empty message={t('noPending')} />
        ) : (
          <ul className="member-list">
            {pending.data.items.map((m) => (
              <PendingRequest key={m.id} slug={slug} member={m} organization={name} onDone={(msg) => done(msg, m.id)} />
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="active-heading" className="members-section" data-testid="active-section">
        <h2 id="active-heading">
          {t('activeHeading')} {active.data && <span className="badge">{active.data.total}</span>}
        </h2>
        {active.loading && !active.data ? (
          <Loading />
        ) : active.error ? (
          <ProblemView error={active.error} />
        ) : !active.data?.items.length ? (
          <Empty message={t('noMembers')} />
        ) : (
          <>
            <ul className="member-list">
              {active.data.items.map((m) => (
                <ActiveMember key={m.id} slug={slug} member={m} organization={name} self={m.id === user?.id} platformAdmin={platformAdmin} onDone={(msg) => done(msg, m.id)} />
              ))}
            </ul>
            <Pagination page={page} pageSize={PAGE_SIZE} total={active.data.total} onPage={setPage} />
          </>
        )}
      </section>
    </section>
  );
}
