// Membership administration of one organisation (docs/design.md §3 User): its organisation admins and
// platform admins list requests and members, approve or reject requests, change roles, remove members.
import type { QueryFilter } from 'mongoose';
import { User, type UserDoc } from '../auth/models';
import { depsOf } from '../http/deps';
import { badRequest, notFound } from '../http/errors';
import { intQuery, route } from '../http/route';
import { approveMembership, rejectMembership, removeMember, requireMembershipAdmin, updateMember } from './membership';
import { Organization, type OrganizationDoc } from './model';

async function organization(slug: string): Promise<OrganizationDoc> {
  const org = await Organization.findOne({ slug }).lean<OrganizationDoc>();
  if (!org) throw notFound('organization_not_found');
  return org;
}

/** A member or applicant as the organisation's admins see them. */
function presentMember(u: UserDoc) {
  return {
    id: String(u._id),
    email: u.email,
    name: u.name,
    status: u.membership,
    roles: u.roles,
    orgAdmin: u.orgAdmin,
    emailVerified: !!u.emailVerifiedAt,
    requestedAt: u.membershipRequestedAt,
    note: u.membershipNote,
    disabled: u.disabled,
  };
}

const STATUSES = ['pending', 'active'] as const;

export const memberRoutes = [
  route({
    method: 'get',
    path: '/organizations/:slug/members',
    permission: 'signed_in',
    response: { schema: 'organizations.memberList', headers: { 'Cache-Control': true } },
    tag: 'organizations',
    summary: "An organisation's membership requests and members (its organisation admins and platform admins; `status=pending|active`)",
    query: { status: { description: 'Only requests (pending) or only members (active).', enum: STATUSES }, page: { type: 'integer', minimum: 1, maximum: 10_000, description: '1-based page.' }, pageSize: { type: 'integer', minimum: 1, maximum: 100, description: 'Up to 100.' } },
    async handler(req, res) {
      const org = await organization(String(req.params.slug));
      requireMembershipAdmin(req.ctx.user!, org);
      const page = intQuery(req, 'page', 1, 1, 10_000);
      const pageSize = intQuery(req, 'pageSize', 50, 1, 100);
      const status = req.query.status;
      if (status !== undefined && !(STATUSES as readonly unknown[]).includes(status)) throw badRequest('invalid_query', { name: 'status' });
      const filter: QueryFilter<UserDoc> = { organizationId: org._id, membership: status ? (status as UserDoc['membership']) : { $in: [...STATUSES] } };
      const [total, users] = await Promise.all([
        User.countDocuments(filter),
        User.find(filter).sort({ membership: -1, email: 1 }).skip((page - 1) * pageSize).limit(pageSize).lean<UserDoc[]>(),
      ]);
      res.set('Cache-Control', 'no-store').json({ items: users.map(presentMember), total, page, pageSize });
    },
  }),
  route({
    method: 'post',
    path: '/organizations/:slug/members/:userId/approve',
    permission: 'signed_in',
    response: 'organizations.member',
    body: 'organizations.memberApprove',
    tag: 'organizations',
    summary: 'Approve a membership request with the organisation roles it grants (default researcher); never one’s own',
    async handler(req, res) {
      const org = await organization(String(req.params.slug));
      res.json(presentMember(await approveMembership(req.ctx, org, String(req.params.userId), req.body, depsOf(req))));
    },
  }),
  route({
    method: 'post',
    path: '/organizations/:slug/members/:userId/reject',
    permission: 'signed_in',
    response: 'organizations.member',
    body: 'organizations.memberReject',
    tag: 'organizations',
    summary: 'Turn a membership request down (the applicant is told, with the optional reason)',
    async handler(req, res) {
      const org = await organization(String(req.params.slug));
      res.json(presentMember(await rejectMembership(req.ctx, org, String(req.params.userId), req.body.reason?.trim() ?? null, depsOf(req))));
    },
  }),
  route({
    method: 'patch',
    path: '/organizations/:slug/members/:userId',
    permission: 'signed_in',
    response: 'organizations.member',
    body: 'organizations.memberUpdate',
    tag: 'organizations',
    summary: "Change an active member's organisation roles or organisation-admin flag",
    async handler(req, res) {
      const org = await organization(String(req.params.slug));
      res.json(presentMember(await updateMember(req.ctx, org, String(req.params.userId), req.body)));
    },
  }),
  route({
    method: 'delete',
    path: '/organizations/:slug/members/:userId',
    permission: 'signed_in',
    tag: 'organizations',
    summary: 'Remove a member (their organisation roles end) or a pending applicant',
    responses: [204],
    async handler(req, res) {
      const org = await organization(String(req.params.slug));
      await removeMember(req.ctx, org, String(req.params.userId));
      res.status(204).end();
    },
  }),
];
