import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useLocation, useNavigate, useSearchParams } from 'react-router';
import { useAuth } from '../lib/auth';
import { useLang } from '../lib/hooks';
import { applyLanguage, type Lang } from '../lib/i18n';
import { ownMembersPath } from '../lib/membership';
import { useBi } from './Bi';
import { MembershipBanner } from './MembershipBanner';
import { SearchBox } from './SearchBox';
import NotificationBell from '../pages/notifications/NotificationBell';

/**
 * Always-visible language switch. It changes the UI language only (the URL's ?lang= and this
 * browser); the profile's preferred language is saved on the account page (issue 13 item 6).
 */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const lang = useLang();
  const [params, setParams] = useSearchParams();
  const choose = (l: Lang) => {
    applyLanguage(l);
    const next = new URLSearchParams(params);
    next.set('lang', l);
    setParams(next, { replace: true });
  };
  return (
    <div className="lang-switch" role="group" aria-label={t('language.switch')}>
      {(['ko', 'en'] as const).map((l) => (
        <button key={l} type="button" lang={l} aria-pressed={lang === l} onClick={() => choose(l)}>
          {/* A phone shows the short form (한, EN) to keep the header on one row; the full name stays the button's name. */}
          <span className="lang-full">{t(`language.${l}`)}</span>
          <span className="lang-short" aria-hidden="true">
            {t(`language.short.${l}`)}
          </span>
        </button>
      ))}
    </div>
  );
}

/**
 * The phone's menu: below 720 px the account links and navigation fold behind a button
 * (aria-expanded), so the page starts near the top (issue 13 item 8). It closes on navigation and
 * on Escape, which returns focus to the button.
 */
function useMenu() {
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const location = useLocation();
  useEffect(() => setOpen(false), [location.pathname, location.search]);
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setOpen(false);
      buttonRef.current?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [open]);
  return { open, toggle: () => setOpen((o) => !o), buttonRef };
}

function Header() {
  const { t } = useTranslation();
  const { user, hasRole, logout } = useAuth();
  const bi = useBi();
  const navigate = useNavigate();
  const members = ownMembersPath(user);
  const menu = useMenu();
  return (
    <header className={menu.open ? 'site-header menu-open' : 'site-header'}>
      <div className="container header-row">
        <Link to="/" className="brand">
          <span className="brand-mark" aria-hidden="true" />
          <span>
            <strong>{t('app.name')}</strong>
            <small>{t('app.tagline')}</small>
          </span>
        </Link>
        <div className="header-quick">
          <LanguageSwitch />
          <button
            type="button"
            ref={menu.buttonRef}
            className="menu-button"
            aria-expanded={menu.open}
            aria-controls="site-menu-tools site-menu-nav"
            onClick={menu.toggle}
            data-testid="menu-button"
          >
            <span className="menu-icon" aria-hidden="true" />
            {t('nav.menu')}
          </button>
        </div>
        <SearchBox />
        <div className="header-tools" id="site-menu-tools">
          {user ? (
            <>
              <NavLink to="/account" className="account-link">
                {user.name} {user.organization && <small>({bi(user.organization.name)})</small>}
              </NavLink>
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  void logout().then(() => navigate('/'));
                }}
              >
                {t('nav.signOut')}
              </button>
            </>
          ) : (
            <>
              <NavLink to="/signin">{t('nav.signIn')}</NavLink>
              <NavLink to="/register">{t('nav.register')}</NavLink>
            </>
          )}
        </div>
      </div>
      <nav className="main-nav" id="site-menu-nav" aria-label={t('nav.label')}>
        <div className="container nav-row">
          <NavLink to="/" end>
            {t('nav.catalog')}
          </NavLink>
          <NavLink to="/procedures">{t('nav.procedures')}</NavLink>
          <NavLink to="/partners">{t('matching:partners.heading')}</NavLink>
          <NavLink to="/observatory">{t('observatory:nav')}</NavLink>
          {user && <NavLink to="/requests">{t('nav.requests')}</NavLink>}
          {hasRole('provider', 'admin') && <NavLink to="/workspace">{t('nav.workspace')}</NavLink>}
          {hasRole('admin') ? <NavLink to="/admin/statistics">{t('stats:nav')}</NavLink> : user?.organization && hasRole('provider') && <NavLink to="/workspace/statistics">{t('stats:nav')}</NavLink>}
          {hasRole('reviewer', 'admin') && <NavLink to="/review" end>{t('nav.review')}</NavLink>}
          {hasRole('reviewer', 'admin') && <NavLink to="/review/access">{t('nav.accessReview')}</NavLink>}
          {hasRole('admin') && <NavLink to="/admin/harvest">{t('harvest:nav')}</NavLink>}
          {members && (
            <NavLink to={members} data-testid="nav-members">
              {t('nav.members')}
            </NavLink>
          )}
          <span className="spacer" />
          {user && <NotificationBell />}
        </div>
      </nav>
    </header>
  );
}

function Footer() {
  const { t } = useTranslation();
  return (
    <footer className="site-footer">
      <div className="container">
        <p>{t('footer.about')}</p>
        {/* The machine-readable exports (docs/ and docs/design.md §7 "Interoperability"), linked where people look for them. */}
        <p className="footer-links" data-testid="open-data-links">
          <span>{t('footer.openData')}</span>{' '}
          <a href="/data.json" type="application/json">
            {t('footer.dcatUs')}
          </a>
          {' · '}
          <a href="/catalog.jsonld" type="application/ld+json">
            {t('footer.dcat')}
          </a>
          {' · '}
          <a href="/api/docs" data-testid="footer-api-docs">
            {t('footer.api')}
          </a>
        </p>
        <p className="muted">{t('footer.fictional')}</p>
      </div>
    </footer>
  );
}

/** Page chrome: skip link, header with navigation and language switch, main region, footer. */
export function Layout() {
  const { t } = useTranslation();
  const location = useLocation();
  // Move focus to the main region on navigation so screen readers announce the new page.
  useEffect(() => {
    document.getElementById('main')?.focus({ preventScroll: true });
  }, [location.pathname]);
  return (
    <>
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <Header />
      <MembershipBanner />
      <main id="main" tabIndex={-1} className="container">
        <Outlet />
      </main>
      <Footer />
    </>
  );
}

/** Sets the document title for the page. */
export function useTitle(title: string | undefined) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = title ? `${title} · ${t('app.name')}` : t('app.name');
  }, [title, t]);
}
