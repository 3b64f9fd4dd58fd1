// The dataset and artifact a files route acts on: finding an artifact, saving a dataset's files, the guarded write of a change to them.
import type { Request } from 'express';
import type { Types } from 'mongoose';
import { providerScope, requireView, type OrgScope } from '../datasets/access';
import { datasetForWrite } from '../datasets/commands';
import { assertLocal } from '../harvest/origin-view';
import { assertEditable } from '../datasets/content';
import { guardedWrite } from '../datasets/guarded-write';
import { loadDataset } from '../datasets/load';
import { Dataset, type ArtifactDoc, type DatasetDoc } from '../datasets/model';
import { etagOf } from '../datasets/presenter';
import { conflict, notFound } from '../http/errors';

/** The artifact of that id in a list of files; 404 when absent. */
export function findArtifact(list: readonly ArtifactDoc[], artifactId: string): ArtifactDoc {
  const a = list.find((x) => x.id === artifactId);
  if (!a) throw notFound('artifact_not_found');
  return a;
}

/**
 * Replaces the artifacts array under the dataset's current revision (409 otherwise). A change to the
 * files of a published (or withdrawn) dataset starts a revision draft, like any other edit: the
 * public keeps the approved files until a reviewer approves the next version.
 */
export async function saveArtifacts(doc: DatasetDoc, organizationId: Types.ObjectId, artifacts: ArtifactDoc[]): Promise<DatasetDoc> {
  const status = doc.status === 'published' || doc.status === 'withdrawn' ? 'draft' : doc.status;
  const updated = await Dataset.findOneAndUpdate(
    { _id: doc._id, providerId: organizationId, rev: doc.rev },
    { $set: { artifacts, status }, $inc: { rev: 1 } },
    { returnDocument: 'after' },
  ).lean<DatasetDoc>();
  if (!updated) throw conflict('concurrent_modification');
  return updated;
}

/**
 * A change to the files of the route's dataset, as a guarded write: provider members only, current
 * ETag, not in review and not held by an import.
 */
export function changeFiles<R>(req: Request, write: (doc: DatasetDoc, scope: OrgScope) => Promise<R>): Promise<R> {
  return guardedWrite({
    load: () => datasetForWrite(req.ctx, String(req.params.id)),
    ifMatch: req.get('if-match'),
    etag: etagOf,
    write: async ({ target: doc, scope }) => {
      await assertEditable(doc);
      return write(doc, scope);
    },
  });
}

/** The pending multipart artifact of the route, for a provider member of its dataset (parts do not change the dataset). */
export async function multipartTarget(req: Request): Promise<{ doc: DatasetDoc; scope: OrgScope; artifact: ArtifactDoc }> {
  const user = req.ctx.user!;
  const { doc } = requireView(await loadDataset(String(req.params.id)), user);
  const scope = providerScope(user, doc.providerId);
  assertLocal(doc, req.ctx.lang);
  const artifact = findArtifact(doc.artifacts, String(req.params.artifactId));
  return { doc, scope, artifact };
}
