// Usage statistics API (docs/statistics.md "Reading"): public dataset totals, a provider's figures
// for its members and admins, every provider's for admins; both tables also as CSV.
import type { Request, Response } from 'express';
import { recordAudit } from '../audit/record';
import { readDataset } from '../datasets/read';
import { actorOf, hasRole, isMemberOf } from '../http/context';
import { AppError, forbidden, notFound } from '../http/errors';
import { route } from '../http/route';
import { Organization, type OrganizationDoc } from '../organizations/model';
import { overviewCsv, providerCsv } from './csv';
import { monthRangeOf } from './query';
import { datasetReport, overviewReport, providerReport } from './reports';

function formatOf(req: Request): 'json' | 'csv' {
  const raw = req.query.format ?? 'json';
  if (raw === 'json' || raw === 'csv') return raw;
  throw new AppError(400, 'validation_failed', { count: 1 }, [
    { path: '/query/format', code: 'enum', params: { allowedValues: ['json', 'csv'] } },
  ]);
}

function sendCsv(res: Response, name: string, body: string): void {
  res.set('Content-Disposition', `attachment; filename="${name}"`).set('Cache-Control', 'no-store');
  res.type('text/csv; charset=utf-8').send(body);
}

/** The provider named by the slug, when the caller is one of its members or an admin: 404 unknown, 403 otherwise. */
async function viewableProvider(req: Request): Promise<OrganizationDoc> {
  const org = await Organization.findOne({ slug: String(req.params.slug) }).lean<OrganizationDoc>();
  if (!org) throw notFound('organization_not_found');
  const user = req.ctx.user;
  if (!isMemberOf(user, org._id) && !hasRole(user, 'admin')) throw forbidden('not_statistics_viewer');
  return org;
}

export const statsRoutes = [
  route({
    method: 'get',
    path: '/stats/datasets/:id',
    permission: 'public',
    response: 'stats.dataset',
    tag: 'statistics',
    summary:
      'Public usage totals of a dataset (views, downloads, access requests, approvals; all time and the last 12 months); 404 when the caller may not see it',
    async handler(req, res) {
      const found = await readDataset(String(req.params.id), req.ctx.user);
      const dataset = found.entry ? { id: found.entry.id, slug: found.entry.slug } : { id: String(found.doc._id), slug: found.doc.slug };
      res.json(await datasetReport(dataset));
    },
  }),
  route({
    method: 'get',
    path: '/stats/providers/:slug',
    permission: 'signed_in',
    response: {
      schema: 'stats.provider',
      mediaTypes: ['application/json', 'text/csv'],
      headers: { 'Content-Disposition': false, 'Cache-Control': false },
    },
    querySchema: 'stats.range',
    tag: 'statistics',
    summary:
      "A provider's usage per dataset, month and event, by requester country and organisation type, small counts suppressed (the provider's members and admins)",
    async handler(req, res) {
      const org = await viewableProvider(req);
      const range = monthRangeOf(req);
      const format = formatOf(req);
      const report = await providerReport(org, range);
      if (format === 'json') {
        res.json(report);
        return;
      }
      if (!isMemberOf(req.ctx.user, org._id)) {
        await recordAudit(actorOf(req.ctx), 'stats.export', { type: 'organization', id: org._id, organizationId: org._id }, { ...range });
      }
      sendCsv(res, `statistics-${org.slug}-${range.from}-${range.to}.csv`, providerCsv(report));
    },
  }),
  route({
    method: 'get',
    path: '/stats/overview',
    permission: ['admin'],
    response: {
      schema: 'stats.overview',
      mediaTypes: ['application/json', 'text/csv'],
      headers: { 'Content-Disposition': false, 'Cache-Control': false },
    },
    querySchema: 'stats.range',
    tag: 'statistics',
    summary: "Every provider's usage per month and event, by requester country and organisation type, small counts suppressed (admins)",
    async handler(req, res) {
      const range = monthRangeOf(req);
      const format = formatOf(req);
      const report = await overviewReport(range);
      if (format === 'json') {
        res.json(report);
        return;
      }
      await recordAudit(
        actorOf(req.ctx),
        'stats.export',
        { type: 'statistics', id: null, organizationId: null },
        { ...range, scope: 'overview' },
      );
      sendCsv(res, `statistics-overview-${range.from}-${range.to}.csv`, overviewCsv(report));
    },
  }),
];
