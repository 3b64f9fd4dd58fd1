import type { PolicyEvaluate } from '../../schemas/policy';
import { requireView } from '../datasets/access';
import { loadDataset } from '../datasets/commands';
import { route } from '../http/route';
import { policyDatasetOf, rulesOfFace } from './dataset-rules';
import { evaluate } from './evaluate';
import { explain } from './messages';
import { callerRequester, requesterOf, whatIfRequester } from './requester';
import type { PolicyDataset, Requester } from './types';

export const policyRoutes = [
  route({
    method: 'post',
    path: '/policy/evaluate',
    permission: 'public',
    body: 'policy.evaluate',
    tag: 'policy',
    summary:
      'May this requester use this data for this purpose and scope, and what must happen first? (what-if with `requester`, else the caller)',
    async handler(req, res) {
      const body = req.body as PolicyEvaluate;
      const user = req.ctx.user;
      let rules: PolicyDataset;
      let requester: Requester;
      if (body.datasetId !== undefined) {
        // A stored dataset: the caller must see it (404 otherwise) and is judged on the face they see.
        const { doc, view } = requireView(await loadDataset(body.datasetId), user);
        rules = rulesOfFace(doc, view);
        requester = body.requester ? whatIfRequester(body.requester) : await callerRequester(user, doc);
      } else {
        rules = policyDatasetOf(body.dataset ?? {});
        requester = body.requester ? whatIfRequester(body.requester) : requesterOf(user, null, []);
      }
      res.set('Cache-Control', 'no-store');
      res.json(explain(evaluate(rules, requester, body.purpose, body.scope), req.ctx.lang));
    },
  }),
];
