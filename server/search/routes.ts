import { route } from '../http/route';
import { suggest } from './handler';

export const searchRoutes = [
  route({
    method: 'get',
    path: '/datasets/suggest',
    permission: 'public',
    response: 'datasets.suggest',
    query: { q: { description: 'What the caller has typed so far.' } },
    tag: 'datasets',
    summary: 'Autocomplete: dataset titles and glossary terms (Korean or English) starting with what was typed',
    async handler(req, res) {
      res.json(await suggest(req));
    },
  }),
];
