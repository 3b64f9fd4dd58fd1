// Registering, editing and removing harvest sources (docs/harvesting.md "Sources"). Admin acts, each audited.
import { Types } from 'mongoose';
import type { HarvestSourceCreate, HarvestSourceUpdate } from '../../schemas/harvest';
import { recordAudit } from '../audit/record';
import { Dataset } from '../datasets/model';
import { actorOf, type RequestContext } from '../http/context';
import { conflict, notFound, validationFailed } from '../http/errors';
import { recordChange } from '../infra/change-feed';
import type { HarvestConfig } from '../infra/config';
import { withDbDeadline } from '../infra/db-calls';
import { Organization } from '../organizations/model';
import { HarvestError } from './errors';
import { checkUrl } from './fetcher';
import { HarvestRecord, HarvestRun, HarvestSource, type HarvestRecordDoc, type HarvestSourceDoc } from './model';
import { nextRunAt } from './schedule';
import { withdrawDataset } from './withdraw';

/** 400 naming `/body/url` when the URL's host may not be contacted (docs/harvesting.md "Safety"). */
function checkSourceUrl(url: string, cfg: HarvestConfig): void {
  try {
    checkUrl(new URL(url), cfg.allowedHosts);
  } catch (err) {
    if (err instanceof HarvestError) throw validationFailed([{ path: '/body/url', code: 'harvest_host_not_allowed' }]);
    throw err;
  }
}

/** Loads a source by id, or 404. */
export async function loadSource(id: string): Promise<HarvestSourceDoc> {
  const doc = Types.ObjectId.isValid(id) && /^[0-9a-f]{24}$/i.test(id) ? await HarvestSource.findById(id).lean<HarvestSourceDoc>() : null;
  if (!doc) throw notFound('harvest_source_not_found');
  return doc;
}

/** Registers a source for an existing provider organisation. */
export async function createSource(ctx: RequestContext, body: HarvestSourceCreate, cfg: HarvestConfig): Promise<HarvestSourceDoc> {
  checkSourceUrl(body.url, cfg);
  const providerId = new Types.ObjectId(body.providerId);
  if (!(await Organization.exists({ _id: providerId }))) throw validationFailed([{ path: '/body/providerId', code: 'unknown_organization' }]);
  const enabled = body.enabled ?? true;
  const created = await HarvestSource.create({
    name: body.name,
    kind: body.kind,
    url: body.url,
    providerId,
    schedule: body.schedule,
    enabled,
    nextRunAt: nextRunAt(body.schedule, enabled),
    createdBy: ctx.user!.id,
  });
  await recordAudit(actorOf(ctx), 'harvest.source_create', { type: 'harvest_source', id: created._id, organizationId: providerId }, { kind: body.kind, url: body.url });
  return created.toObject() as HarvestSourceDoc;
}

/** Ids of the datasets a source made. */
async function datasetIdsOf(sourceId: Types.ObjectId): Promise<Types.ObjectId[]> {
  return (await HarvestRecord.find({ sourceId }, { datasetId: 1 }).lean<HarvestRecordDoc[]>()).map((r) => r.datasetId);
}

/** Deadline of a write over every dataset of a source (a scan of the collection on FerretDB). */
const CATALOGUE_WRITE_DEADLINE_MS = 2 * 60_000;

/** Edits name, URL, schedule or enabled; a new name or URL is copied onto the source's datasets. */
export async function updateSource(ctx: RequestContext, id: string, patch: HarvestSourceUpdate, cfg: HarvestConfig): Promise<HarvestSourceDoc> {
  const doc = await loadSource(id);
  if (patch.url !== undefined) checkSourceUrl(patch.url, cfg);
  const schedule = patch.schedule ?? doc.schedule;
  const enabled = patch.enabled ?? doc.enabled;
  const set: Record<string, unknown> = { ...patch };
  if (patch.schedule !== undefined || patch.enabled !== undefined) set.nextRunAt = nextRunAt(schedule, enabled);
  // Another URL is another document: its validators say nothing about it.
  if (patch.url !== undefined && patch.url !== doc.url) Object.assign(set, { etag: null, lastModified: null });
  const updated = await HarvestSource.findOneAndUpdate({ _id: doc._id }, { $set: set }, { returnDocument: 'after' }).lean<HarvestSourceDoc>();
  if (!updated) throw notFound('harvest_source_not_found');
  if (patch.name !== undefined || patch.url !== undefined) {
    const ids = await datasetIdsOf(doc._id);
    if (ids.length) {
      // One write selected by the source (FerretDB answers an `_id: {$in}` by scanning the collection,
      // so writing in chunks of ids scanned it once per chunk: 28 s for 2,000 datasets), then one
      // change naming exactly those datasets, so every process re-reads only them. The write is
      // bounded by the deadline of whole-catalogue work, not a single request's.
      await withDbDeadline(CATALOGUE_WRITE_DEADLINE_MS, () =>
        Dataset.collection.updateMany(
          { 'origin.sourceId': doc._id },
          { $set: { 'origin.source.name': updated.name, 'origin.source.url': updated.url }, $inc: { rev: 1 } },
        ),
      );
      await recordChange({ kind: 'dataset', ids: ids.map(String) });
    }
  }
  await recordAudit(actorOf(ctx), 'harvest.source_update', { type: 'harvest_source', id: doc._id, organizationId: doc.providerId }, { fields: Object.keys(patch) });
  return updated;
}

/** Removes a source and its run history; its datasets are withdrawn (409 while a run is going on). */
export async function deleteSource(ctx: RequestContext, id: string): Promise<void> {
  const doc = await loadSource(id);
  // Claiming the run slot (with a live placeholder run, so no claim takes it over as abandoned)
  // keeps a run from starting while the source is taken apart.
  const now = new Date();
  const placeholder = await HarvestRun.create({ sourceId: doc._id, trigger: 'manual', status: 'running', startedAt: now, heartbeatAt: now, counts: { fetched: 0, created: 0, updated: 0, unchanged: 0, withdrawn: 0, skipped: 0 } });
  const held = await HarvestSource.findOneAndUpdate({ _id: doc._id, runningRunId: null }, { $set: { runningRunId: placeholder._id, enabled: false, nextRunAt: null } });
  if (!held) {
    await HarvestRun.deleteOne({ _id: placeholder._id });
    throw conflict('harvest_running');
  }
  const ids = await datasetIdsOf(doc._id);
  for (const datasetId of ids) await withdrawDataset(doc._id, datasetId);
  await HarvestRecord.deleteMany({ sourceId: doc._id });
  await HarvestRun.deleteMany({ sourceId: doc._id });
  await HarvestSource.deleteOne({ _id: doc._id });
  await recordAudit(actorOf(ctx), 'harvest.source_delete', { type: 'harvest_source', id: doc._id, organizationId: doc.providerId }, { url: doc.url, withdrawn: ids.length });
}
