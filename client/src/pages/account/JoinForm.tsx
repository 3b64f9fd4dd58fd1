// Asking to join an organisation from the account page.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useBi } from '../../components/Bi';
import { Field } from '../../components/Field';
import { Loading, ProblemView } from '../../components/Status';
import { api, type ApiError } from '../../lib/api';
import type { User } from '../../lib/auth';
import { localiseErrors, problemErrors, schemaCheck, schemaValidatorReady, type ErrorMap } from '../../lib/validation';
import { OrganizationSelect, useJoinRule, useOrganizations } from './OrganizationSelect';
import { asApiError } from './problem';

const NOTE_MAX = 500;

/** The session as the membership endpoints answer it. */
export type Session = { user: User; csrfToken: string | null };

/** Asks to join an organisation: picker, optional note to its admins, the server's schema checked first. */
export function JoinForm({ onJoined }: { onJoined: (session: Session, message: string) => void }) {
  const { t } = useTranslation('account');
  const orgs = useOrganizations();
  const joinRule = useJoinRule();
  const bi = useBi();
  const [slug, setSlug] = useState('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<ErrorMap>({});
  const [problem, setProblem] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const chosen = orgs.data?.items.find((o) => o.slug === slug);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    const body: { organizationSlug?: string; note?: string } = {};
    if (slug) body.organizationSlug = slug;
    if (note.trim()) body.note = note.trim();
    setBusy(true);
    await schemaValidatorReady;
    const found = schemaCheck('auth.membershipRequest', body);
    if (found?.length) {
      setErrors(localiseErrors(found));
      setBusy(false);
      formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    setErrors({});
    try {
      const { data } = await api<Session>('/auth/membership', { method: 'PUT', body });
      const active = data.user.membership.status === 'active';
      onJoined(
        data,
        t(active ? 'membership.joined' : 'membership.requested', { organization: bi(data.user.membership.organization?.name) }),
      );
    } catch (err) {
      const apiErr = asApiError(err);
      const fields = problemErrors(apiErr);
      setErrors(fields);
      if (!Object.keys(fields).length) setProblem(apiErr);
      setBusy(false);
    }
  };

  // Focus the first field in error after the server answered with field errors.
  useEffect(() => {
    if (Object.keys(errors).length) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errors]);

  return (
    <form
      ref={formRef}
      className="join-form"
      aria-labelledby="join-heading"
      onSubmit={(e) => void submit(e)}
      noValidate
      data-testid="join-form"
    >
      <h3 id="join-heading">{t('membership.joinTitle')}</h3>
      <p className="hint">{joinRule(chosen)}</p>
      <Field label={t('membership.chooseOrganization')} required errors={errors['/organizationSlug']}>
        {(p) =>
          orgs.loading ? (
            <Loading />
          ) : orgs.error ? (
            <ProblemView error={orgs.error} compact />
          ) : (
            <OrganizationSelect
              organizations={orgs.data?.items ?? []}
              value={slug}
              onChange={(next) => {
                setSlug(next);
                // A choice answers "required": the stale message would contradict the field.
                setErrors(({ '/organizationSlug': _answered, ...rest }) => rest);
              }}
              emptyLabel={t('register.chooseOrganization')}
              control={p}
              name="organizationSlug"
              testId="join-organization"
            />
          )
        }
      </Field>
      <Field label={t('register.membershipNote')} hint={t('register.membershipNoteHint', { max: NOTE_MAX })} errors={errors['/note']}>
        {(p) => (
          <textarea
            {...p}
            name="note"
            maxLength={NOTE_MAX}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            data-testid="join-note"
          />
        )}
      </Field>
      <ProblemView error={problem} compact />
      <button type="submit" className="primary" disabled={busy} data-testid="join-submit">
        {busy ? t('membership.sending') : t('membership.askToJoin')}
      </button>
    </form>
  );
}
