import { loadReadableDataset } from '../datasets/load';
import { depsOf } from '../http/deps';
import { route } from '../http/route';
import { LabelingProcedure, ProcedureVersion, type ProcedureVersionDoc } from '../labeling/model';
import type { DatasetContent } from '../datasets/model';
import { croissantDataset, type ProcedureRef } from './croissant';
import { callerExport } from './source';

/** The referenced labeling procedure version (never a draft), or null. */
async function procedureOf(content: DatasetContent): Promise<ProcedureRef | null> {
  const ref = content.labeling;
  if (!ref?.procedureId) return null;
  const [procedure, version] = await Promise.all([
    LabelingProcedure.findById(ref.procedureId, { slug: 1 }).lean(),
    ProcedureVersion.findOne({ procedureId: ref.procedureId, version: Number(ref.procedureVersion), status: { $ne: 'draft' } }).lean<ProcedureVersionDoc>(),
  ]);
  return procedure && version ? { slug: procedure.slug, version } : null;
}

export const interopRoutes = [
  route({
    method: 'get',
    path: '/datasets/:id/croissant',
    permission: 'public',
    tag: 'interoperability',
    summary: 'MLCommons Croissant 1.0 metadata with the RAI extension (labeling procedure, QA results, personal information); same visibility as the dataset',
    responses: [200],
    response: { schema: 'interop.croissant', mediaTypes: ['application/ld+json'] },
    async handler(req, res) {
      const { doc, view } = await loadReadableDataset(String(req.params.id), req.ctx.user);
      const { publicUrl } = depsOf(req).config;
      const ds = await callerExport(doc, view, req.ctx.user, publicUrl);
      const body = croissantDataset(ds, await procedureOf(ds.content), { baseUrl: publicUrl, lang: req.ctx.lang, t: req.ctx.t });
      res.type('application/ld+json').json(body);
    },
  }),
];
