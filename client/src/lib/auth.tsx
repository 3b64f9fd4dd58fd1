import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError, setCsrfToken } from './api';
import { applyLanguage, currentLanguage, hasChosenLanguage, type Lang } from './i18n';

/** An organisation as the user's identity refers to it. */
export interface UserOrganization {
  id: string;
  slug: string;
  name: { ko?: string; en?: string };
  country: string;
  type: string;
}

/**
 * The signed-in user as `GET /auth/me` presents it. `organization` is set only for an active
 * member; an applicant's requested organisation is in `membership`.
 */
export interface User {
  id: string;
  email: string;
  name: string;
  roles: Array<'provider' | 'researcher' | 'reviewer' | 'admin'>;
  locale: Lang;
  organization: UserOrganization | null;
  membership: { status: 'none' | 'pending' | 'active'; organization: UserOrganization | null; requestedAt: string | null };
  orgAdmin: boolean;
  emailVerified: boolean;
}

interface AuthState {
  user: User | null;
  loading: boolean;
  login(email: string, password: string): Promise<User>;
  logout(): Promise<void>;
  register(body: { email: string; password: string; name: string; organizationSlug?: string; membershipNote?: string; locale: Lang }): Promise<User>;
  /** Saves `lang` as the profile's preferred language (e-mails, a fresh browser); the UI language stays as it is. */
  savePreferredLanguage(lang: Lang): Promise<User>;
  hasRole(...roles: User['roles']): boolean;
  /** Reads the session again (after something outside this tab changed the account, e.g. an approval). */
  refresh(): Promise<User | null>;
  /** Takes over the `{ user, csrfToken }` an account action answered with (membership changes). */
  adoptSession(session: { user: User; csrfToken: string | null }): void;
}

const AuthContext = createContext<AuthState | null>(null);

/**
 * Holds the session: loads it once and keeps the CSRF token. The profile's language is only the
 * default of a browser where nobody chose one; signing in keeps the language in use.
 */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null>(null);
  const [loading, setLoading] = useState(true);

  const adopt = useCallback((u: User | null, csrf: string | null) => {
    setCsrfToken(csrf);
    setUser(u);
  }, []);

  // /auth/session answers 200 with nulls when signed out, so a visitor's console stays clean.
  const readSession = useCallback(
    () =>
      api<{ user: User | null; csrfToken: string | null }>('/auth/session').then(({ data }) => {
        adopt(data.user, data.csrfToken);
        return data.user;
      }),
    [adopt],
  );

  useEffect(() => {
    readSession()
      .then((u) => {
        // A language chosen in this browser (or by ?lang=) wins; a fresh browser opens in the profile's.
        if (u && !hasChosenLanguage()) applyLanguage(u.locale, { remember: false });
      })
      .catch((err: unknown) => {
        console.warn(err instanceof ApiError ? err.problem.code : err);
        adopt(null, null);
      })
      .finally(() => setLoading(false));
  }, [adopt, readSession]);

  const value = useMemo<AuthState>(
    () => ({
      user,
      loading,
      async login(email, password) {
        const { data } = await api<{ user: User; csrfToken: string }>('/auth/login', { method: 'POST', body: { email, password } });
        adopt(data.user, data.csrfToken);
        // The person signed in using this language: it stays, and this browser keeps it.
        applyLanguage(currentLanguage());
        return data.user;
      },
      async logout() {
        await api('/auth/logout', { method: 'POST' }).catch(() => undefined);
        adopt(null, null);
      },
      async register(body) {
        const { data } = await api<{ user: User; csrfToken: string }>('/auth/register', { method: 'POST', body });
        adopt(data.user, data.csrfToken);
        applyLanguage(currentLanguage());
        return data.user;
      },
      async savePreferredLanguage(lang) {
        const { data } = await api<{ user: User }>('/auth/me', { method: 'PATCH', body: { locale: lang } });
        setUser(data.user);
        return data.user;
      },
      hasRole: (...roles) => !!user && roles.some((r) => user.roles.includes(r)),
      refresh: readSession,
      adoptSession: (session) => adopt(session.user, session.csrfToken),
    }),
    [user, loading, adopt, readSession],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

/** The session and its actions. */
export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}
