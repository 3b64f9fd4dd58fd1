// Membership is granted, never claimed (docs/design.md §3 User): an account asks to join an organisation and
// stays an outsider until the organisation's admins (or platform admins) approve it, or until it
// verifies an e-mail address in a domain the organisation lists. Every change is one conditional
// update on the user document (the state it expects is part of the filter), an audit event and a
// notification.
import { Types } from 'mongoose';
import type { Logger } from 'pino';
import { labelOf } from '../../schemas/taxonomy';
import { recordAudit, type AuditActor } from '../audit/record';
import { User, type Role, type UserDoc } from '../auth/models';
import { actorOf, isMemberOf, type AuthUser, type RequestContext } from '../http/context';
import { conflict, forbidden, notFound } from '../http/errors';
import type { Config } from '../infra/config';
import type { Lang } from '../i18n';
import { sendMail } from '../mail/send';
import { membershipAdminsOf, notify } from '../notifications/notify';
import { Organization, type OrganizationDoc } from './model';

type Deps = { config: Pick<Config, 'publicUrl' | 'smtpUrl' | 'mailFrom'>; log: Pick<Logger, 'info' | 'warn'> };

/** Does the address belong to one of the organisation's listed domains (or a subdomain of one)? */
export function inListedDomain(email: string, org: Pick<OrganizationDoc, 'emailDomains'>): boolean {
  const domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase();
  return (org.emailDomains ?? []).some((d) => domain === d || domain.endsWith(`.${d}`));
}

/** Throws 403 unless the caller manages this organisation's members (its organisation admins, platform admins). */
export function requireMembershipAdmin(actor: AuthUser, org: Pick<OrganizationDoc, '_id'>): void {
  if (actor.roles.includes('admin')) return;
  if (isMemberOf(actor, org._id) && actor.orgAdmin) return;
  throw forbidden('not_organization_admin');
}

function orgName(org: Pick<OrganizationDoc, 'name' | 'slug'>) {
  return { ko: org.name.ko ?? org.name.en ?? org.slug, en: org.name.en ?? org.name.ko ?? org.slug };
}

const target = (user: Pick<UserDoc, '_id'>, org: Pick<OrganizationDoc, '_id'>) => ({ type: 'user', id: user._id, organizationId: org._id });

/**
 * Records a request to join `org` (replacing a pending one). Becomes an active membership at once
 * only when the address is verified and in a domain the organisation lists.
 */
export async function requestMembership(actor: AuditActor, user: UserDoc, org: OrganizationDoc, note: string | null): Promise<UserDoc> {
  if (user.membership === 'active') throw conflict('already_member');
  const automatic = !!user.emailVerifiedAt && inListedDomain(user.email, org);
  const now = new Date();
  const updated = await User.findOneAndUpdate(
    { _id: user._id, membership: { $in: ['none', 'pending'] } },
    {
      $set: {
        organizationId: org._id,
        membership: automatic ? 'active' : 'pending',
        membershipRequestedAt: now,
        membershipNote: note,
        orgAdmin: false,
        roles: keepPlatformRoles(user.roles, ['researcher']),
      },
    },
    { returnDocument: 'after' },
  ).lean<UserDoc>();
  if (!updated) throw conflict('already_member');
  if (automatic) {
    await recordAudit(actor, 'membership.joined_by_domain', target(user, org), { organization: org.slug });
  } else {
    await recordAudit(actor, 'membership.requested', target(user, org), { organization: org.slug });
    await notify(await membershipAdminsOf(org._id), 'membership_requested', { applicant: user.name, organization: orgName(org) }, {
      type: 'organization',
      id: String(org._id),
      link: `/organizations/${org.slug}/members`,
    });
  }
  return updated;
}

/** Keeps the platform role (admin) a user holds whatever their organisation grants. */
function keepPlatformRoles(current: readonly Role[], granted: readonly Role[]): Role[] {
  return [...new Set<Role>([...granted, ...(current.includes('admin') ? (['admin'] as const) : [])])];
}

async function applicantOf(org: OrganizationDoc, userId: string): Promise<UserDoc> {
  const user = Types.ObjectId.isValid(userId) && /^[0-9a-f]{24}$/i.test(userId) ? await User.findOne({ _id: new Types.ObjectId(userId), organizationId: org._id }).lean<UserDoc>() : null;
  if (!user || user.membership === 'none') throw notFound('member_not_found');
  return user;
}

/** An organisation admin grants a pending request, with the organisation roles it gives. */
export async function approveMembership(
  ctx: RequestContext,
  org: OrganizationDoc,
  userId: string,
  grant: { roles?: Role[]; orgAdmin?: boolean },
  deps: Deps,
): Promise<UserDoc> {
  const actor = ctx.user!;
  requireMembershipAdmin(actor, org);
  const user = await applicantOf(org, userId);
  if (user._id.equals(actor.id) && !actor.roles.includes('admin')) throw forbidden('cannot_approve_own_membership');
  const roles = keepPlatformRoles(user.roles, grant.roles ?? ['researcher']);
  const updated = await User.findOneAndUpdate(
    { _id: user._id, organizationId: org._id, membership: 'pending' },
    { $set: { membership: 'active', roles, orgAdmin: grant.orgAdmin ?? false } },
    { returnDocument: 'after' },
  ).lean<UserDoc>();
  if (!updated) throw conflict('membership_not_pending');
  await recordAudit(actorOf(ctx), 'membership.approved', target(user, org), { organization: org.slug, roles, orgAdmin: updated.orgAdmin });
  await notify([user._id], 'membership_approved', { organization: orgName(org) }, { type: 'organization', id: String(org._id), link: '/account' });
  const lang = user.locale;
  await sendMail(deps, {
    to: user.email,
    template: 'membership_approved',
    lang,
    params: { name: user.name, organization: orgName(org)[lang], roles: roleNames(roles, lang), link: `${deps.config.publicUrl}/account` },
  });
  return updated;
}

function roleNames(roles: readonly Role[], lang: Lang): string {
  return roles.map((r) => labelOf('roles', r, lang)).join(', ');
}

/** An organisation admin turns a pending request down; the account keeps existing, unaffiliated. */
export async function rejectMembership(ctx: RequestContext, org: OrganizationDoc, userId: string, reason: string | null, deps: Deps): Promise<UserDoc> {
  const actor = ctx.user!;
  requireMembershipAdmin(actor, org);
  const user = await applicantOf(org, userId);
  const updated = await User.findOneAndUpdate(
    { _id: user._id, organizationId: org._id, membership: 'pending' },
    { $set: { organizationId: null, membership: 'none', membershipRequestedAt: null, membershipNote: null } },
    { returnDocument: 'after' },
  ).lean<UserDoc>();
  if (!updated) throw conflict('membership_not_pending');
  await recordAudit(actorOf(ctx), 'membership.rejected', target(user, org), { organization: org.slug, reason });
  await notify([user._id], 'membership_rejected', { organization: orgName(org) }, { type: 'organization', id: String(org._id), link: '/account' });
  const lang = user.locale;
  await sendMail(deps, {
    to: user.email,
    template: 'membership_rejected',
    lang,
    params: { name: user.name, organization: orgName(org)[lang], reason: reason ?? '', link: `${deps.config.publicUrl}/account` },
  });
  return updated;
}

/** Changes an active member's organisation roles or admin flag. */
export async function updateMember(ctx: RequestContext, org: OrganizationDoc, userId: string, change: { roles?: Role[]; orgAdmin?: boolean }): Promise<UserDoc> {
  const actor = ctx.user!;
  requireMembershipAdmin(actor, org);
  const user = await applicantOf(org, userId);
  if (user.membership !== 'active') throw conflict('membership_not_active');
  // An organisation admin dropping their own admin flag could leave nobody to approve requests.
  if (user._id.equals(actor.id) && change.orgAdmin === false && !actor.roles.includes('admin')) throw conflict('cannot_demote_self');
  const set: Partial<UserDoc> = {};
  if (change.roles) set.roles = keepPlatformRoles(user.roles, change.roles);
  if (change.orgAdmin !== undefined) set.orgAdmin = change.orgAdmin;
  const updated = await User.findOneAndUpdate({ _id: user._id, organizationId: org._id, membership: 'active' }, { $set: set }, { returnDocument: 'after' }).lean<UserDoc>();
  if (!updated) throw conflict('membership_not_active');
  await recordAudit(actorOf(ctx), 'membership.updated', target(user, org), { organization: org.slug, from: { roles: user.roles, orgAdmin: user.orgAdmin }, to: { roles: updated.roles, orgAdmin: updated.orgAdmin } });
  return updated;
}

/** Ends a membership (or withdraws a request): by an organisation admin, or by the user leaving. */
export async function endMembership(ctx: RequestContext, org: OrganizationDoc, user: UserDoc, by: 'admin' | 'self'): Promise<UserDoc> {
  if (by === 'admin') requireMembershipAdmin(ctx.user!, org);
  const updated = await User.findOneAndUpdate(
    { _id: user._id, organizationId: org._id, membership: user.membership },
    { $set: { organizationId: null, membership: 'none', membershipRequestedAt: null, membershipNote: null, orgAdmin: false, roles: keepPlatformRoles(user.roles, ['researcher']) } },
    { returnDocument: 'after' },
  ).lean<UserDoc>();
  if (!updated) throw conflict('concurrent_modification');
  const action = user.membership === 'pending' ? 'membership.request_withdrawn' : by === 'self' ? 'membership.left' : 'membership.removed';
  await recordAudit(actorOf(ctx), action, target(user, org), { organization: org.slug, roles: user.roles });
  if (by === 'admin' && user.membership === 'active') {
    await notify([user._id], 'membership_removed', { organization: orgName(org) }, { type: 'organization', id: String(org._id), link: '/account' });
  }
  return updated;
}

/** Removes a member or applicant as an organisation admin. */
export async function removeMember(ctx: RequestContext, org: OrganizationDoc, userId: string): Promise<UserDoc> {
  requireMembershipAdmin(ctx.user!, org);
  const user = await applicantOf(org, userId);
  if (user._id.equals(ctx.user!.id)) throw conflict('cannot_remove_self');
  return endMembership(ctx, org, user, 'admin');
}

/** The organisation of a user's membership (active or pending), if any. */
export async function membershipOrganization(user: Pick<UserDoc, 'organizationId' | 'membership'>): Promise<OrganizationDoc | null> {
  if (!user.organizationId || user.membership === 'none') return null;
  return Organization.findById(user.organizationId).lean<OrganizationDoc>();
}
