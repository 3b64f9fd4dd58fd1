import type { Request } from 'express';
import { depsOf } from '../http/deps';
import { AppError } from '../http/errors';
import { intQuery, route } from '../http/route';
import { normalisedWeights } from './rank';
import { matchesCsv, presentCandidate, presentExclusion, presentMatch, presentPartner } from './presenter';
import { loadPartner, matchesFor, partnersForDataset, requireMatchViewer } from './service';
import type { MatchingWeights } from './types';

function boolQuery(req: Request, name: string): boolean {
  const raw = req.query[name];
  if (raw === undefined || raw === '' || raw === 'false' || raw === '0') return false;
  if (raw === 'true' || raw === '1') return true;
  throw new AppError(400, 'validation_failed', { count: 1 }, [{ path: `/query/${name}`, code: 'type', params: { type: 'boolean' } }]);
}

function formatQuery(req: Request): 'csv' | 'json' {
  const raw = req.query.format ?? 'json';
  if (raw === 'csv' || raw === 'json') return raw;
  throw new AppError(400, 'validation_failed', { count: 1 }, [{ path: '/query/format', code: 'enum', params: { allowedValues: 'csv, json' } }]);
}

const weightsOf = (req: Request): MatchingWeights => normalisedWeights(depsOf(req).config.matchingWeights);

export const matchingRoutes = [
  route({
    method: 'get',
    path: '/partners/:slug/matches',
    permission: 'signed_in',
    response: 'matching.partnerMatches',
    paging: 100,
    query: { includeIneligible: { type: 'boolean', description: 'Add the excluded datasets with every reason.' } },
    tag: 'matching',
    summary: "Datasets ranked for a partner organisation's profile, with bilingual explanations (members of the partner, reviewers, admins)",
    async handler(req, res) {
      const user = req.ctx.user!;
      const partner = await loadPartner(String(req.params.slug));
      requireMatchViewer(user, partner);
      const page = intQuery(req, 'page', 1, 1, 10_000);
      const pageSize = intQuery(req, 'pageSize', 20, 1, 100);
      const includeIneligible = boolQuery(req, 'includeIneligible');
      const weights = weightsOf(req);
      const ranking = await matchesFor(partner, user, weights);
      const from = (page - 1) * pageSize;
      res.json({
        partner: presentPartner(partner),
        weights,
        items: ranking.matches.slice(from, from + pageSize).map((m, i) => presentMatch(m, from + i + 1, partner, weights)),
        total: ranking.matches.length,
        page,
        pageSize,
        excludedTotal: ranking.excluded.length,
        ...(includeIneligible ? { ineligible: ranking.excluded.map(presentExclusion) } : {}),
      });
    },
  }),
  route({
    method: 'get',
    path: '/partners/:slug/matches/export',
    permission: 'signed_in',
    response: { schema: 'matching.export', mediaTypes: ['application/json', 'text/csv'], headers: { 'Content-Disposition': true, 'Cache-Control': true } },
    query: { format: { description: 'csv or json (default json).', enum: ['csv', 'json'] } },
    tag: 'matching',
    summary: 'The match report of a partner as a CSV or JSON attachment (every match and every exclusion, both languages)',
    async handler(req, res) {
      const user = req.ctx.user!;
      const partner = await loadPartner(String(req.params.slug));
      requireMatchViewer(user, partner);
      const format = formatQuery(req);
      const weights = weightsOf(req);
      const ranking = await matchesFor(partner, user, weights);
      const matches = ranking.matches.map((m, i) => presentMatch(m, i + 1, partner, weights));
      const excluded = ranking.excluded.map(presentExclusion);
      const filename = `matches-${partner.slug}-${new Date().toISOString().slice(0, 10)}.${format}`;
      res.set('Content-Disposition', `attachment; filename="${filename}"`);
      res.set('Cache-Control', 'no-store');
      if (format === 'csv') {
        res.type('text/csv; charset=utf-8').send(matchesCsv(matches, excluded));
        return;
      }
      res.type('application/json').send(JSON.stringify({ partner: presentPartner(partner), generatedAt: new Date().toISOString(), weights, matches, excluded }, null, 2));
    },
  }),
  route({
    method: 'get',
    path: '/datasets/:id/partner-matches',
    permission: 'signed_in',
    response: 'matching.datasetPartners',
    tag: 'matching',
    summary: "Partner organisations ranked for one published dataset (the provider's members, its reviewers, national reviewers, admins)",
    async handler(req, res) {
      const weights = weightsOf(req);
      const { entry, standings } = await partnersForDataset(String(req.params.id), req.ctx.user!, weights);
      let rank = 0;
      res.json({
        dataset: presentCandidate(entry),
        weights,
        items: standings.map((s) => {
          if (!s.eligible) return { partner: presentPartner(s.partner), eligible: false, reasons: presentExclusion(s.exclusion).reasons };
          // The dataset is the same for every row: it is given once, above.
          const { dataset: _dataset, ...match } = presentMatch(s.match, ++rank, s.partner, weights);
          return { partner: presentPartner(s.partner), eligible: true, ...match };
        }),
        total: standings.length,
      });
    },
  }),
];
