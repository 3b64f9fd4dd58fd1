import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { labelOf } from '@schemas/taxonomy';
import { ConfirmBox, useConfirmStep } from '../../components/ConfirmBox';
import { Field } from '../../components/Field';
import { ProblemView } from '../../components/Status';
import { api, ApiError } from '../../lib/api';
import { useFormat, useLang } from '../../lib/hooks';
import { errorsAt, localiseErrors, mergeErrorMaps, problemErrors, schemaCheck, type ErrorMap } from '../../lib/validation';
import { organizationRoles, RoleChoices } from './RoleChoices';
import type { Grant, Member } from './types';

const REASON_MAX = 500;

const asApiError = (err: unknown) => (err instanceof ApiError ? err : new ApiError({ title: '', status: 0, code: 'client_error' }));

/** Errors of an action: field errors (schema or server) at their fields, anything else as the problem. */
function useActionErrors() {
  const [clientErrors, setClientErrors] = useState<ErrorMap>({});
  const [problem, setProblem] = useState<ApiError | null>(null);
  const fields = mergeErrorMaps(clientErrors, problemErrors(problem));
  return {
    fields,
    // A problem with field errors is shown at the fields; one without (403, 409…) as itself.
    problem: problem && !problem.problem.errors?.length ? problem : null,
    clear() {
      setClientErrors({});
      setProblem(null);
    },
    check(schemaId: Parameters<typeof schemaCheck>[0], body: unknown): boolean {
      const found = schemaCheck(schemaId, body);
      setClientErrors(localiseErrors(found ?? []));
      return !found?.length;
    },
    fail(err: unknown) {
      setProblem(asApiError(err));
    },
  };
}

/** E-mail address with its verification state. */
function EmailFact({ member }: { member: Member }) {
  const { t } = useTranslation('members');
  return (
    <>
      <a href={`mailto:${member.email}`}>{member.email}</a>{' '}
      {member.emailVerified ? <span className="badge success">{t('emailVerified')}</span> : <span className="badge warning">{t('emailUnverified')}</span>}
    </>
  );
}

/**
 * One request to join: who asks (name, e-mail and whether it is verified, note, date) and the
 * decision — approve with the roles it grants, or reject with an optional reason after a confirmation.
 */
export function PendingRequest({ slug, member, organization, onDone }: { slug: string; member: Member; organization: string; onDone: (message: string) => void }) {
  const { t } = useTranslation('members');
  const fmt = useFormat();
  const headingId = useId();
  const [grant, setGrant] = useState<Grant>({ roles: ['researcher'], orgAdmin: false });
  const reject = useConfirmStep();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const errors = useActionErrors();
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const base = `/organizations/${encodeURIComponent(slug)}/members/${encodeURIComponent(member.id)}`;

  // The reason is what a rejection asks for: it takes the focus from the confirmation box.
  useEffect(() => {
    if (reject.open) reasonRef.current?.focus();
  }, [reject.open]);

  const approve = async () => {
    errors.clear();
    const body = { roles: grant.roles, orgAdmin: grant.orgAdmin };
    if (!errors.check('organizations.memberApprove', body)) return;
    setBusy(true);
    try {
      await api(`${base}/approve`, { method: 'POST', body });
      onDone(t('approved', { name: member.name, organization }));
    } catch (err) {
      errors.fail(err);
      setBusy(false);
    }
  };

  const rejectRequest = async () => {
    errors.clear();
    const body = reason.trim() ? { reason: reason.trim() } : {};
    if (!errors.check('organizations.memberReject', body)) {
      reasonRef.current?.focus();
      return;
    }
    setBusy(true);
    try {
      await api(`${base}/reject`, { method: 'POST', body });
      onDone(t('rejected', { name: member.name }));
    } catch (err) {
      errors.fail(err);
      setBusy(false);
    }
  };

  return (
    <li className="card member-card" aria-labelledby={headingId} data-testid="pending-member" data-email={member.email}>
      <h3 id={headingId}>{member.name}</h3>
      <dl className="facts">
        <dt>{t('email')}</dt>
        <dd>
          <EmailFact member={member} />
        </dd>
        <dt>{t('requestedAt')}</dt>
        <dd>{member.requestedAt ? <time dateTime={member.requestedAt}>{fmt.dateTime(member.requestedAt)}</time> : t('unknown')}</dd>
        <dt>{t('note')}</dt>
        <dd>{member.note ? <blockquote className="member-note">{member.note}</blockquote> : <span className="muted">{t('noNote')}</span>}</dd>
      </dl>
      {!member.emailVerified && <p className="hint small">{t('unverifiedHint')}</p>}

      {reject.open ? (
        <ConfirmBox
          testId="reject-confirm"
          confirmTestId="confirm-reject"
          tone="danger"
          title={t('confirmReject', { name: member.name })}
          confirmLabel={t('confirmRejectYes')}
          cancelLabel={t('cancel')}
          busy={busy}
          onConfirm={() => void rejectRequest()}
          onCancel={() => {
            reject.cancel();
            errors.clear();
          }}
        >
          <Field label={t('reason')} hint={t('reasonHint', { max: REASON_MAX })} errors={errorsAt(errors.fields, '/reason')}>
            {(p) => <textarea {...p} ref={reasonRef} maxLength={REASON_MAX} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="reject-reason" />}
          </Field>
          <ProblemView error={errors.problem} compact />
        </ConfirmBox>
      ) : (
        <>
          <RoleChoices value={grant} onChange={setGrant} errors={errorsAt(errors.fields, '/roles', true)} who={member.name} />
          <ProblemView error={errors.problem} compact />
          <div className="actions">
            <button type="button" className="primary" disabled={busy} onClick={() => void approve()} data-testid="approve-member" aria-label={t('approveNamed', { name: member.name })}>
              {t('approve')}
            </button>
            <button ref={reject.triggerRef} type="button" className="secondary" disabled={busy} onClick={reject.ask} data-testid="reject-member" aria-label={t('rejectNamed', { name: member.name })}>
              {t('reject')}
            </button>
          </div>
        </>
      )}
    </li>
  );
}

/**
 * One active member: roles and the organisation-admin flag to change, and removal after a
 * confirmation. The signed-in admin's own card cannot drop their admin flag or remove them (the
 * server refuses with 409 too); they leave from their account page.
 */
export function ActiveMember({
  slug,
  member,
  organization,
  self,
  platformAdmin,
  onDone,
}: {
  slug: string;
  member: Member;
  organization: string;
  self: boolean;
  platformAdmin: boolean;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation('members');
  const lang = useLang();
  const fmt = useFormat();
  const headingId = useId();
  const initial: Grant = { roles: organizationRoles(member.roles), orgAdmin: member.orgAdmin };
  const [grant, setGrant] = useState<Grant>(initial);
  const remove = useConfirmStep();
  const [busy, setBusy] = useState(false);
  const errors = useActionErrors();
  const base = `/organizations/${encodeURIComponent(slug)}/members/${encodeURIComponent(member.id)}`;
  const dirty = grant.orgAdmin !== initial.orgAdmin || grant.roles.join() !== initial.roles.join();
  const guarded = self && !platformAdmin;

  const save = async () => {
    errors.clear();
    const body: Partial<Grant> = {};
    if (grant.roles.join() !== initial.roles.join()) body.roles = grant.roles;
    if (grant.orgAdmin !== initial.orgAdmin) body.orgAdmin = grant.orgAdmin;
    if (!errors.check('organizations.memberUpdate', body)) return;
    setBusy(true);
    try {
      await api(base, { method: 'PATCH', body });
      onDone(t('updated', { name: member.name }));
    } catch (err) {
      errors.fail(err);
    } finally {
      setBusy(false);
    }
  };

  const removeMember = async () => {
    errors.clear();
    setBusy(true);
    try {
      await api(base, { method: 'DELETE' });
      onDone(t('removed', { name: member.name, organization }));
    } catch (err) {
      errors.fail(err);
      setBusy(false);
    }
  };

  return (
    <li className="card member-card" aria-labelledby={headingId} data-testid="active-member" data-email={member.email}>
      <h3 id={headingId}>
        {member.name} {self && <span className="muted small">{t('you')}</span>}
      </h3>
      <p className="member-badges">
        {member.orgAdmin && <span className="badge primary">{t('orgAdminBadge')}</span>}
        {member.roles.includes('admin') && <span className="badge">{labelOf('roles', 'admin', lang)}</span>}
        {member.disabled && <span className="badge danger">{t('disabled')}</span>}
      </p>
      <dl className="facts">
        <dt>{t('email')}</dt>
        <dd>
          <EmailFact member={member} />
        </dd>
        {member.requestedAt && (
          <>
            <dt>{t('requestedAt')}</dt>
            <dd>
              <time dateTime={member.requestedAt}>{fmt.date(member.requestedAt)}</time>
            </dd>
          </>
        )}
      </dl>

      <RoleChoices value={grant} onChange={setGrant} errors={errorsAt(errors.fields, '/roles', true)} lockAdmin={guarded && member.orgAdmin} who={member.name} />
      <ProblemView error={errors.problem} compact />

      {remove.open ? (
        <ConfirmBox
          testId="remove-confirm"
          confirmTestId="confirm-remove"
          tone="danger"
          title={t('confirmRemove', { name: member.name, organization })}
          confirmLabel={t('confirmRemoveYes')}
          cancelLabel={t('cancel')}
          busy={busy}
          onConfirm={() => void removeMember()}
          onCancel={remove.cancel}
        />
      ) : (
        <div className="actions">
          <button type="button" className="primary" disabled={busy || !dirty} onClick={() => void save()} data-testid="save-member" aria-label={t('saveNamed', { name: member.name })}>
            {t('save')}
          </button>
          {guarded ? (
            <p className="hint small self-hint">
              {t('selfRemoveHint')} <Link to="/account">{t('toAccount')}</Link>
            </p>
          ) : (
            <button ref={remove.triggerRef} type="button" className="secondary" disabled={busy} onClick={remove.ask} data-testid="remove-member" aria-label={t('removeNamed', { name: member.name })}>
              {t('remove')}
            </button>
          )}
        </div>
      )}
    </li>
  );
}
