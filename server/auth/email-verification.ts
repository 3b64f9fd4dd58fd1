// E-mail verification: a secret link mailed at registration (and on request). Verifying the address
// is what lets an organisation's listed e-mail domain admit the account without an approval.
import { recordAudit, type AuditActor } from '../audit/record';
import type { Config } from '../infra/config';
import { translator, type Lang } from '../i18n';
import { sendMail } from '../mail/send';
import { inListedDomain, membershipOrganization } from '../organizations/membership';
import type { OrganizationDoc } from '../organizations/model';
import type { Logger } from 'pino';
import { User, type UserDoc } from './models';
import { hashSecret, newSecret } from './secrets';

const VERIFICATION_HOURS = 48;

type Deps = { config: Pick<Config, 'publicUrl' | 'smtpUrl' | 'mailFrom'>; log: Pick<Logger, 'info' | 'warn'> };

function orgLabel(org: OrganizationDoc, lang: Lang): string {
  return org.name[lang] ?? org.name.en ?? org.name.ko ?? org.slug;
}

/** Issues a new verification secret (replacing any earlier one) and mails the link. */
export async function startEmailVerification(user: UserDoc, deps: Deps): Promise<void> {
  const secret = newSecret();
  await User.updateOne(
    { _id: user._id, emailVerifiedAt: null },
    { $set: { emailVerification: { tokenHash: hashSecret(secret), expiresAt: new Date(Date.now() + VERIFICATION_HOURS * 3600_000) } } },
  );
  const lang = user.locale;
  const org = await membershipOrganization(user);
  const line = !org
    ? 'mail:verify_email.no_membership'
    : inListedDomain(user.email, org)
      ? 'mail:verify_email.joins_on_verify'
      : 'mail:verify_email.awaits_approval';
  const membershipLine = translator(lang)(line, { organization: org ? orgLabel(org, lang) : '' });
  await sendMail(deps, {
    to: user.email,
    template: 'verify_email',
    lang,
    params: { name: user.name, email: user.email, link: `${deps.config.publicUrl}/verify-email?token=${secret}`, membershipLine },
  });
}

/**
 * Marks the address behind `secret` as verified. A pending request to an organisation that lists the
 * address's domain becomes an active membership in the same step. Null when the link is unknown or expired.
 */
export async function verifyEmail(secret: string, ip: string | null): Promise<UserDoc | null> {
  const now = new Date();
  const verified = await User.findOneAndUpdate(
    { 'emailVerification.tokenHash': hashSecret(secret), 'emailVerification.expiresAt': { $gt: now }, emailVerifiedAt: null },
    { $set: { emailVerifiedAt: now, emailVerification: null } },
    { returnDocument: 'after' },
  ).lean<UserDoc>();
  if (!verified) return null;
  const actor: AuditActor = { id: verified._id, email: verified.email, ip };
  await recordAudit(actor, 'auth.email_verified', { type: 'user', id: verified._id });
  const org = verified.membership === 'pending' ? await membershipOrganization(verified) : null;
  if (org && inListedDomain(verified.email, org)) {
    const joined = await User.findOneAndUpdate(
      { _id: verified._id, organizationId: org._id, membership: 'pending' },
      { $set: { membership: 'active' } },
      { returnDocument: 'after' },
    ).lean<UserDoc>();
    if (joined) {
      await recordAudit(actor, 'membership.joined_by_domain', { type: 'user', id: verified._id, organizationId: org._id }, { organization: org.slug });
      return joined;
    }
  }
  return verified;
}
