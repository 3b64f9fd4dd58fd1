// Writes to one dataset's working copy: create, edit (merge patch) and delete a draft, each a guarded write (./guarded-write.ts).
import { Types } from 'mongoose';
import { recordAudit } from '../audit/record';
import { actorOf, type RequestContext } from '../http/context';
import { conflict, isDuplicateKey, preconditionFailed, validationFailed } from '../http/errors';
import { Organization } from '../organizations/model';
import { assertLocal } from '../harvest/origin-view';
import { providerScope, requireView } from './access';
import { assertEditable, assertNotImporting, checkDraft, contentOf, mergeContent } from './content';
import { guardedWrite, type WriteTarget } from './guarded-write';
import { loadDataset } from './load';
import { CONTENT_FIELDS, Dataset, type DatasetContent, type DatasetDoc } from './model';
import { etagOf } from './presenter';
import { DatasetReviewRecord } from './review-record';

/** Creates a draft in the caller's organisation (admins may name another provider). */
export async function createDataset(ctx: RequestContext, body: Record<string, unknown>): Promise<DatasetDoc> {
  const user = ctx.user!;
  let providerId = user.organizationId;
  if (body.providerId !== undefined) {
    providerId = new Types.ObjectId(String(body.providerId));
    if (!(await Organization.exists({ _id: providerId }))) throw validationFailed([{ path: '/providerId', code: 'unknown_organization' }]);
  }
  const scope = providerScope(user, providerId);
  const content = contentOf(body as DatasetContent);
  await checkDraft(content);
  try {
    const created = await Dataset.create({ ...content, providerId: scope.organizationId, createdBy: user.id, status: 'draft', version: 0, rev: 1 });
    await recordAudit(actorOf(ctx), 'dataset.create', { type: 'dataset', id: created._id, organizationId: providerId }, { slug: content.slug });
    return created.toObject() as DatasetDoc;
  } catch (err) {
    if (isDuplicateKey(err)) throw conflict('slug_taken', { slug: content.slug });
    throw err;
  }
}

/** Loads a dataset for a write by its provider's people: 404 when the caller cannot see it, 403 unless they may act for its provider. */
export async function datasetForWrite(ctx: RequestContext, idOrSlug: string): Promise<WriteTarget<DatasetDoc>> {
  const user = ctx.user!;
  const { doc } = requireView(await loadDataset(idOrSlug), user);
  const scope = providerScope(user, doc.providerId);
  assertLocal(doc, ctx.lang);
  return { target: doc, scope };
}

/**
 * Applies a PATCH to the working copy. Editing a published dataset starts a revision draft; the
 * published snapshot stays in the catalogue until the revision is approved.
 */
export async function updateDataset(ctx: RequestContext, idOrSlug: string, patch: Record<string, unknown>, ifMatch: string | undefined): Promise<DatasetDoc> {
  return guardedWrite({
    load: () => datasetForWrite(ctx, idOrSlug),
    ifMatch,
    etag: etagOf,
    write: async ({ target: doc, scope }) => {
      await assertEditable(doc);
      const merged = mergeContent(contentOf(doc), patch);
      await checkDraft(merged);
      const nextStatus = doc.status === 'published' || doc.status === 'withdrawn' ? 'draft' : doc.status;
      const unset: Record<string, 1> = {};
      for (const f of CONTENT_FIELDS) if (merged[f] === undefined && doc[f] !== undefined) unset[f] = 1;
      try {
        const updated = await Dataset.findOneAndUpdate(
          { _id: doc._id, providerId: scope.organizationId, rev: doc.rev, status: doc.status },
          { $set: { ...merged, status: nextStatus }, ...(Object.keys(unset).length ? { $unset: unset } : {}), $inc: { rev: 1 } },
          { returnDocument: 'after' },
        ).lean<DatasetDoc>();
        if (!updated) throw preconditionFailed();
        await recordAudit(actorOf(ctx), 'dataset.update', { type: 'dataset', id: doc._id, organizationId: doc.providerId }, { fields: Object.keys(patch) });
        return updated;
      } catch (err) {
        if (isDuplicateKey(err)) throw conflict('slug_taken', { slug: merged.slug });
        throw err;
      }
    },
  });
}

/** Deletes a dataset that has never been published, with its stored artifacts' keys returned for cleanup. */
export async function deleteDataset(ctx: RequestContext, idOrSlug: string, ifMatch: string | undefined): Promise<string[]> {
  return guardedWrite({
    load: () => datasetForWrite(ctx, idOrSlug),
    ifMatch,
    etag: etagOf,
    write: async ({ target: doc, scope }) => {
      if (doc.version > 0 || !['draft', 'changes_requested'].includes(doc.status)) throw conflict('dataset_not_deletable');
      await assertNotImporting(doc);
      const res = await Dataset.deleteOne({ _id: doc._id, providerId: scope.organizationId, rev: doc.rev, version: 0 });
      if (res.deletedCount !== 1) throw preconditionFailed();
      await DatasetReviewRecord.deleteMany({ datasetId: doc._id });
      await recordAudit(actorOf(ctx), 'dataset.delete', { type: 'dataset', id: doc._id, organizationId: doc.providerId }, { slug: doc.slug });
      return doc.artifacts.map((a) => a.key);
    },
  });
}
