import type { PolicyEvaluate } from '../../schemas/policy';
import { activeGrantRecords, type GrantRecord } from '../access/grants';
import { requireView } from '../datasets/access';
import { loadDataset } from '../datasets/load';
import { route } from '../http/route';
import { policyDatasetOf, rulesOfFace } from './dataset-rules';
import { evaluate, grantCovers } from './evaluate';
import { explain } from './messages';
import { requesterOf, whatIfRequester } from './requester';
import type { Evaluation, PolicyDataset, Purpose, Requester, Scope } from './types';

/**
 * The caller's answer with the grant that makes it: when an active grant is what allows the use
 * (without it the answer would differ), the response names it and marks each requirement as met
 * by it, so nobody reads "needs approval" about an approval they already hold.
 */
function withGrant(rules: PolicyDataset, requester: Requester, records: GrantRecord[], purpose: Purpose, scope: Scope, evaluation: Evaluation, lang: 'ko' | 'en') {
  const explained = explain(evaluation, lang);
  if (evaluation.decision !== 'allow' || !grantCovers(requester.grants, scope, purpose)) return explained;
  if (evaluate(rules, { ...requester, grants: [] }, purpose, scope).decision === 'allow') return explained;
  const grant = records.find((g) => grantCovers([g], scope, purpose))!;
  return {
    ...explained,
    requirements: explained.requirements.map((r) => ({ ...r, metByGrant: true })),
    grant: { requestId: grant.requestId, scope: grant.scope, purpose: grant.purpose, expiresAt: grant.expiresAt, link: `/requests/${grant.requestId}` },
  };
}

export const policyRoutes = [
  route({
    method: 'post',
    path: '/policy/evaluate',
    permission: 'public',
    response: { schema: 'policy.evaluation', headers: { 'Cache-Control': true } },
    body: 'policy.evaluate',
    tag: 'policy',
    summary:
      'May this requester use this data for this purpose and scope, and what must happen first? (what-if with `requester`, else the caller)',
    async handler(req, res) {
      const body = req.body as PolicyEvaluate;
      const user = req.ctx.user;
      let rules: PolicyDataset;
      let requester: Requester;
      let records: GrantRecord[] = [];
      if (body.datasetId !== undefined) {
        // A stored dataset: the caller must see it (404 otherwise) and is judged on the face they see,
        // with the grants they hold on it (a what-if profile holds none).
        const { doc, view } = requireView(await loadDataset(body.datasetId), user);
        rules = rulesOfFace(doc, view);
        if (!body.requester && user) records = await activeGrantRecords(user.id, doc._id);
        requester = body.requester ? whatIfRequester(body.requester) : requesterOf(user, doc.providerId, records.map(({ scope, purpose }) => ({ scope, purpose })));
      } else {
        rules = policyDatasetOf(body.dataset ?? {});
        requester = body.requester ? whatIfRequester(body.requester) : requesterOf(user, null, []);
      }
      res.set('Cache-Control', 'no-store');
      const evaluation = evaluate(rules, requester, body.purpose, body.scope);
      res.json(withGrant(rules, requester, records, body.purpose, body.scope, evaluation, req.ctx.lang));
    },
  }),
];
