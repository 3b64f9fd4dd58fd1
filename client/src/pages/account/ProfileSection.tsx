// The account page's profile: who I am (name, e-mail, roles, organisation) and my preferred language.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LOCALES, labelOf } from '@schemas/taxonomy';
import { Bi } from '../../components/Bi';
import { Field } from '../../components/Field';
import { ProblemView } from '../../components/Status';
import type { ApiError } from '../../lib/api';
import { useAuth, type User } from '../../lib/auth';
import { useLang } from '../../lib/hooks';
import type { Lang } from '../../lib/i18n';
import { countryName } from './country';
import { EmailVerification } from './EmailVerification';
import { asApiError } from './problem';

/** The profile facts and the preferred-language form. */
export function ProfileSection({ user }: { user: User }) {
  const { t } = useTranslation('account');
  const lang = useLang();
  const { savePreferredLanguage } = useAuth();
  const [locale, setLocaleChoice] = useState<Lang>(user.locale);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  // Saving the preference leaves the UI language as it is (issue 13 item 6).
  const savePreference = async (choice: Lang) => {
    setBusy(true);
    setSaved(false);
    setError(null);
    try {
      const updated = await savePreferredLanguage(choice);
      setLocaleChoice(updated.locale);
      setSaved(true);
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  };
  const save = (e: FormEvent) => {
    e.preventDefault();
    void savePreference(locale);
  };
  const nameOf = (l: Lang) => t(`common:languageName.${l}`);

  return (
    <section aria-labelledby="profile-heading" className="card account-section" data-testid="profile">
      <h2 id="profile-heading">{t('profile.section')}</h2>
      <dl className="facts">
        <dt>{t('profile.name')}</dt>
        <dd data-testid="profile-name">{user.name}</dd>
        <dt>{t('profile.email')}</dt>
        <dd data-testid="profile-email">
          <div className="email-line">
            {user.email} <EmailVerification user={user} />
          </div>
        </dd>
        <dt id="roles-term">{t('profile.roles')}</dt>
        <dd>
          <ul className="inline-list" aria-labelledby="roles-term" data-testid="profile-roles">
            {user.roles.map((r) => (
              <li key={r}>
                <span className="badge primary">{labelOf('roles', r, lang)}</span>
              </li>
            ))}
          </ul>
          <p className="hint small">
            {user.membership.status === 'active' ? t('profile.rolesHintMember') : t('profile.rolesHintOutsider')}
          </p>
        </dd>
        {user.organization && (
          <>
            <dt>{t('profile.organization')}</dt>
            <dd>
              <Bi text={user.organization.name} toggle />
            </dd>
            <dt>{t('profile.organizationType')}</dt>
            <dd>{labelOf('organizationTypes', user.organization.type, lang)}</dd>
            <dt>{t('profile.country')}</dt>
            <dd>{countryName(user.organization.country, lang)}</dd>
          </>
        )}
      </dl>

      <form className="locale-form" onSubmit={(e) => void save(e)}>
        <Field label={t('profile.locale')} hint={t('profile.localeHint')}>
          {(p) => (
            <select
              {...p}
              value={locale}
              onChange={(e) => {
                setLocaleChoice(e.target.value as Lang);
                setSaved(false);
              }}
              data-testid="profile-locale"
            >
              {LOCALES.map((l) => (
                <option key={l.code} value={l.code} lang={l.code}>
                  {l.label[l.code]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="submit" className="secondary" disabled={busy}>
          {t('profile.saveLocale')}
        </button>
      </form>
      {user.locale !== lang && (
        <div className="notice locale-differs" data-testid="locale-differs">
          <p>{t('profile.uiDiffers', { current: nameOf(lang), preferred: nameOf(user.locale) })}</p>
          <button
            type="button"
            className="secondary"
            disabled={busy}
            onClick={() => void savePreference(lang)}
            data-testid="save-ui-language"
          >
            {t('profile.useCurrent', { current: nameOf(lang) })}
          </button>
        </div>
      )}
      <div aria-live="polite">
        {saved && <p className="success compact-notice">{t('profile.localeSaved')}</p>}
        <ProblemView error={error} compact />
      </div>
    </section>
  );
}
