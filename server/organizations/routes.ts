import type { QueryFilter } from 'mongoose';
import { recordAudit } from '../audit/record';
import { User } from '../auth/models';
import { Dataset } from '../datasets/model';
import { LabelingProcedure } from '../labeling/model';
import { actorOf } from '../http/context';
import { conflict, isDuplicateKey, notFound } from '../http/errors';
import { intQuery, listQuery, route } from '../http/route';
import { Organization, type OrganizationDoc } from './model';
import { presentOrganization } from './presenter';

async function bySlug(slug: string): Promise<OrganizationDoc> {
  const org = await Organization.findOne({ slug }).lean<OrganizationDoc>();
  if (!org) throw notFound('organization_not_found');
  return org;
}

export const organizationRoutes = [
  route({
    method: 'get',
    path: '/organizations',
    permission: 'public',
    response: 'organizations.list',
    paging: 100,
    tag: 'organizations',
    summary: 'List organisations (filter by country and type)',
    async handler(req, res) {
      const page = intQuery(req, 'page', 1, 1, 10_000);
      const pageSize = intQuery(req, 'pageSize', 50, 1, 100);
      const filter: QueryFilter<OrganizationDoc> = {};
      const countries = listQuery(req, 'country');
      const types = listQuery(req, 'type');
      if (countries.length) filter.country = { $in: countries };
      if (types.length) filter.type = { $in: types };
      const [total, docs] = await Promise.all([
        Organization.countDocuments(filter),
        Organization.find(filter).sort({ slug: 1 }).skip((page - 1) * pageSize).limit(pageSize).lean<OrganizationDoc[]>(),
      ]);
      res.json({ items: docs.map(presentOrganization), total, page, pageSize });
    },
  }),
  route({
    method: 'get',
    path: '/organizations/:slug',
    permission: 'public',
    response: 'organizations.view',
    tag: 'organizations',
    summary: 'Read one organisation',
    async handler(req, res) {
      res.json(presentOrganization(await bySlug(String(req.params.slug))));
    },
  }),
  route({
    method: 'post',
    path: '/organizations',
    permission: ['admin'],
    response: 'organizations.view',
    body: 'organizations.create',
    tag: 'organizations',
    summary: 'Create an organisation (admins)',
    responses: [201],
    async handler(req, res) {
      try {
        const org = await Organization.create({ verified: false, nationalReviewer: false, ...req.body });
        await recordAudit(actorOf(req.ctx), 'organization.create', { type: 'organization', id: org._id }, { slug: org.slug });
        res.status(201).json(presentOrganization(org.toObject() as OrganizationDoc));
      } catch (err) {
        if (isDuplicateKey(err)) throw conflict('slug_taken', { slug: req.body.slug });
        throw err;
      }
    },
  }),
  route({
    method: 'patch',
    path: '/organizations/:slug',
    permission: ['admin'],
    response: 'organizations.view',
    body: 'organizations.update',
    tag: 'organizations',
    summary: 'Edit an organisation (admins)',
    async handler(req, res) {
      const org = await bySlug(String(req.params.slug));
      const updated = await Organization.findOneAndUpdate({ _id: org._id }, { $set: req.body }, { returnDocument: 'after' }).lean<OrganizationDoc>();
      if (!updated) throw notFound('organization_not_found');
      await recordAudit(actorOf(req.ctx), 'organization.update', { type: 'organization', id: org._id }, { fields: Object.keys(req.body) });
      res.json(presentOrganization(updated));
    },
  }),
  route({
    method: 'delete',
    path: '/organizations/:slug',
    permission: ['admin'],
    tag: 'organizations',
    summary: 'Delete an organisation that has no members, datasets or procedures (admins)',
    responses: [204],
    async handler(req, res) {
      const org = await bySlug(String(req.params.slug));
      const [users, datasets, procedures] = await Promise.all([
        User.countDocuments({ organizationId: org._id }),
        Dataset.countDocuments({ providerId: org._id }),
        LabelingProcedure.countDocuments({ providerId: org._id }),
      ]);
      if (users + datasets + procedures > 0) throw conflict('organization_in_use', { users, datasets, procedures });
      await Organization.deleteOne({ _id: org._id });
      await recordAudit(actorOf(req.ctx), 'organization.delete', { type: 'organization', id: org._id }, { slug: org.slug });
      res.status(204).end();
    },
  }),
];
