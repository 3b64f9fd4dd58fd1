// Partner profiles (docs/design.md §6) on organisations: public to read (they are partner listings and
// hold no personal data), written by the organisation's own members or admins.
import { recordAudit } from '../audit/record';
import { actorOf, hasRole, isMemberOf } from '../http/context';
import { forbidden, notFound } from '../http/errors';
import { route } from '../http/route';
import { Organization, type OrganizationDoc } from './model';

export const partnerProfileRoutes = [
  route({
    method: 'get',
    path: '/organizations/:slug/partner-profile',
    permission: 'public',
    response: 'organizations.partnerProfileView',
    tag: 'organizations',
    summary: "Read an organisation's partner profile (404 when it has none)",
    async handler(req, res) {
      const org = await Organization.findOne({ slug: String(req.params.slug) }).lean<OrganizationDoc>();
      if (!org) throw notFound('organization_not_found');
      if (!org.partnerProfile) throw notFound('partner_profile_not_found');
      res.json({ organization: { id: String(org._id), slug: org.slug, name: org.name, country: org.country, type: org.type }, profile: org.partnerProfile, updatedAt: org.updatedAt });
    },
  }),
  route({
    method: 'put',
    path: '/organizations/:slug/partner-profile',
    permission: 'signed_in',
    response: 'organizations.partnerProfileView',
    body: 'organizations.partnerProfile',
    tag: 'organizations',
    summary: "Replace an organisation's partner profile (its members or admins)",
    async handler(req, res) {
      const user = req.ctx.user!;
      const org = await Organization.findOne({ slug: String(req.params.slug) }).lean<OrganizationDoc>();
      if (!org) throw notFound('organization_not_found');
      if (!isMemberOf(user, org._id) && !hasRole(user, 'admin')) throw forbidden('not_organization_member');
      const updated = await Organization.findOneAndUpdate({ _id: org._id }, { $set: { partnerProfile: req.body } }, { returnDocument: 'after' }).lean<OrganizationDoc>();
      if (!updated) throw notFound('organization_not_found');
      await recordAudit(actorOf(req.ctx), 'organization.partner_profile.update', { type: 'organization', id: org._id, organizationId: org._id }, {
        slug: org.slug,
        created: !org.partnerProfile,
        purposes: req.body.purposes,
        capabilities: req.body.capabilities,
      });
      res.json({ organization: { id: String(updated._id), slug: updated.slug, name: updated.name, country: updated.country, type: updated.type }, profile: updated.partnerProfile, updatedAt: updated.updatedAt });
    },
  }),
];
