// A curator's confirmation of a harvested dataset's technology areas and modalities (docs/harvesting.md
// "Suggestions"): written to the working copy and the published face at once, marked `curated` so later
// harvests keep these values instead of their own suggestions.
import type { HarvestCuration } from '../../schemas/harvest';
import { recordAudit } from '../audit/record';
import { requireView, reviewScope } from '../datasets/access';
import { loadDataset } from '../datasets/load';
import { Dataset, type DatasetDoc } from '../datasets/model';
import { actorOf, type RequestContext } from '../http/context';
import { conflict } from '../http/errors';
import { isHarvested } from './origin-view';

/** Records the curator's values on a harvested dataset the caller may review (admins: any). */
export async function curateDataset(ctx: RequestContext, idOrSlug: string, body: HarvestCuration): Promise<DatasetDoc> {
  const user = ctx.user!;
  const { doc } = requireView(await loadDataset(idOrSlug), user);
  reviewScope(user, doc.providerId);
  if (!isHarvested(doc)) throw conflict('not_harvested');
  const techAreas = { kr: body.techAreas.kr, us: body.techAreas.us };
  const updated = await Dataset.findOneAndUpdate(
    { _id: doc._id, 'origin.sourceId': doc.origin!.sourceId, rev: doc.rev },
    {
      $set: {
        techAreas,
        modalities: body.modalities,
        ...(doc.live ? { 'live.techAreas': techAreas, 'live.modalities': body.modalities } : {}),
        'origin.curated': true,
      },
      $inc: { rev: 1 },
    },
    { returnDocument: 'after' },
  ).lean<DatasetDoc>();
  if (!updated) throw conflict('concurrent_modification');
  await recordAudit(actorOf(ctx), 'harvest.curate', { type: 'dataset', id: doc._id, organizationId: doc.providerId }, { techAreas, modalities: body.modalities });
  return updated;
}
