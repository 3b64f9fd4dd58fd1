// Writes to labeling procedures go through repositories bound to an OrgScope, so none can forget the organisation filter.
import type { QueryFilter, Types, UpdateQuery } from 'mongoose';
import { providerScope, type OrgScope } from '../datasets/access';
import type { RequestContext } from '../http/context';
import { LabelingProcedure, ProcedureVersion, type LabelingProcedureDoc, type ProcedureVersionDoc } from './model';
import { requireProcedureView } from './visibility';

/** The versions of one organisation's procedures: every query and write carries its id. */
export function scopedVersions(scope: OrgScope) {
  const own = (filter: QueryFilter<ProcedureVersionDoc>) => ({ ...filter, providerId: scope.organizationId });
  return {
    findOne: (filter: QueryFilter<ProcedureVersionDoc>) => ProcedureVersion.findOne(own(filter)).lean<ProcedureVersionDoc>(),
    latest: (procedureId: Types.ObjectId) =>
      ProcedureVersion.findOne(own({ procedureId })).sort({ version: -1 }).lean<ProcedureVersionDoc>(),
    create: async (doc: Partial<ProcedureVersionDoc>) =>
      (await ProcedureVersion.create({ ...doc, providerId: scope.organizationId })).toObject() as ProcedureVersionDoc,
    update: (filter: QueryFilter<ProcedureVersionDoc>, update: UpdateQuery<ProcedureVersionDoc>) =>
      ProcedureVersion.findOneAndUpdate(own(filter), update, { returnDocument: 'after' }).lean<ProcedureVersionDoc>(),
    updateMany: (filter: QueryFilter<ProcedureVersionDoc>, update: UpdateQuery<ProcedureVersionDoc>) =>
      ProcedureVersion.updateMany(own(filter), update),
  };
}

/** One organisation's procedure identities: every write carries its id. */
export function scopedProcedures(scope: OrgScope) {
  const own = (filter: QueryFilter<LabelingProcedureDoc>) => ({ ...filter, providerId: scope.organizationId });
  return {
    create: async (doc: Partial<LabelingProcedureDoc>) =>
      (await LabelingProcedure.create({ ...doc, providerId: scope.organizationId })).toObject() as LabelingProcedureDoc,
    updateOne: (filter: QueryFilter<LabelingProcedureDoc>, update: UpdateQuery<LabelingProcedureDoc>) =>
      LabelingProcedure.updateOne(own(filter), update),
    deleteOne: (filter: QueryFilter<LabelingProcedureDoc>) => LabelingProcedure.deleteOne(own(filter)),
  };
}

/** Loads a procedure for a write: 404 when the caller cannot see it, 403 unless they may act for its provider. */
export async function writable(ctx: RequestContext, idOrSlug: string) {
  const user = ctx.user!;
  const { identity } = await requireProcedureView(idOrSlug, user);
  const scope = providerScope(user, identity.providerId);
  return { user, identity, scope, versions: scopedVersions(scope), procedures: scopedProcedures(scope) };
}
