import { Types, type QueryFilter } from 'mongoose';
import { recordAudit } from '../audit/record';
import { actorOf } from '../http/context';
import { conflict, notFound } from '../http/errors';
import { intQuery, listQuery, route } from '../http/route';
import { Organization, type OrganizationDoc } from '../organizations/model';
import { organizationsById } from '../organizations/lookup';
import { User, type UserDoc } from './models';

function presentAdminUser(u: UserDoc, org: OrganizationDoc | undefined) {
  return {
    id: String(u._id),
    email: u.email,
    name: u.name,
    roles: u.roles,
    locale: u.locale,
    disabled: u.disabled,
    organization: org ? { id: String(org._id), slug: org.slug, name: org.name, country: org.country, type: org.type } : null,
    membership: u.membership,
    orgAdmin: u.orgAdmin,
    emailVerified: !!u.emailVerifiedAt,
    createdAt: u.createdAt,
  };
}

async function loadUser(id: string): Promise<UserDoc> {
  const user = Types.ObjectId.isValid(id) ? await User.findById(id).lean<UserDoc>() : null;
  if (!user) throw notFound('user_not_found');
  return user;
}

export const userRoutes = [
  route({
    method: 'get',
    path: '/users',
    permission: ['admin'],
    response: 'users.adminList',
    paging: 100,
    tag: 'users',
    summary: 'List users (admins), optionally by organisation slug or role',
    async handler(req, res) {
      const page = intQuery(req, 'page', 1, 1, 10_000);
      const pageSize = intQuery(req, 'pageSize', 50, 1, 100);
      const filter: QueryFilter<UserDoc> = {};
      const orgSlugs = listQuery(req, 'organization');
      if (orgSlugs.length) {
        const orgs = await Organization.find({ slug: { $in: orgSlugs } }, { _id: 1 }).lean();
        filter.organizationId = { $in: orgs.map((o) => o._id) };
      }
      const roles = listQuery(req, 'role');
      if (roles.length) filter.roles = { $in: roles as UserDoc['roles'] };
      const [total, users] = await Promise.all([
        User.countDocuments(filter),
        User.find(filter).sort({ email: 1 }).skip((page - 1) * pageSize).limit(pageSize).lean<UserDoc[]>(),
      ]);
      const byId = await organizationsById(users.map((u) => u.organizationId).filter((id): id is Types.ObjectId => !!id));
      res.json({ items: users.map((u) => presentAdminUser(u, byId.get(String(u.organizationId)))), total, page, pageSize });
    },
  }),
  route({
    method: 'patch',
    path: '/users/:id',
    permission: ['admin'],
    response: 'users.admin',
    body: 'users.adminUpdate',
    tag: 'users',
    summary: 'Change a user’s roles or disable the account (admins; audited)',
    async handler(req, res) {
      const user = await loadUser(String(req.params.id));
      const self = req.ctx.user!;
      // An admin removing their own admin role could lock everyone out; another admin must do it.
      if (user._id.equals(self.id) && (req.body.disabled === true || (req.body.roles && !req.body.roles.includes('admin')))) {
        throw conflict('cannot_demote_self');
      }
      const updated = await User.findOneAndUpdate({ _id: user._id }, { $set: req.body }, { returnDocument: 'after' }).lean<UserDoc>();
      if (!updated) throw notFound('user_not_found');
      if (req.body.roles) {
        await recordAudit(actorOf(req.ctx), 'user.roles_changed', { type: 'user', id: user._id, organizationId: user.organizationId }, { from: user.roles, to: updated.roles });
      }
      if (req.body.disabled !== undefined && req.body.disabled !== user.disabled) {
        await recordAudit(actorOf(req.ctx), updated.disabled ? 'user.disabled' : 'user.enabled', { type: 'user', id: user._id, organizationId: user.organizationId });
      }
      const org = updated.organizationId ? await Organization.findById(updated.organizationId).lean<OrganizationDoc>() : null;
      res.json(presentAdminUser(updated, org ?? undefined));
    },
  }),
];
