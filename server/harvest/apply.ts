// Writing a chunk of mapped records (docs/harvesting.md "Writing"): the chunk's harvest records from
// the run's map of the source's records and its datasets from the dataset store, then creates
// (record first — its unique (source, originalId) index is the claim — then the dataset, published with its live snapshot), updates of changed records only, and
// re-publication of records that came back. Every write goes through the Dataset model, so the change
// feed carries it to the search index. Writes filter on `origin.sourceId`: a local dataset is never touched.
import { Types } from 'mongoose';
import { Dataset, type DatasetDoc, type HarvestOrigin } from '../datasets/model';
import { datasetStore } from '../datasets/store';
import { isDuplicateKey } from '../http/errors';
import type { Mapped } from './mapper';
import { HarvestRecord, type HarvestRecordDoc, type HarvestSourceDoc } from './model';
import type { RunState } from './run-state';

const SUFFIXES = 6;

function originOf(source: HarvestSourceDoc, m: Mapped, now: Date, curated: boolean): HarvestOrigin {
  return {
    kind: 'harvested',
    sourceId: source._id,
    source: { name: source.name, kind: source.kind, url: source.url },
    originalId: m.originalId,
    landingPage: m.landingPage,
    harvestedAt: now,
    sourceModified: m.sourceModified,
    suggested: m.suggested,
    curated,
  };
}

/**
 * The slugs among `variants` that a dataset has. From the process's dataset store once it is loaded
 * (a `$in` on the embedded FerretDB scans every dataset: a 10,000-record harvest spent most of its
 * time here); a writer the store has not seen yet is caught by the unique slug index and retried.
 */
async function takenSlugs(variants: string[]): Promise<Set<string>> {
  const store = datasetStore();
  if (store.loaded) return new Set(variants.filter((v) => store.getBySlug(v) !== undefined));
  return new Set((await Dataset.find({ slug: { $in: variants } }, { slug: 1 }).lean<Array<{ slug: string }>>()).map((d) => d.slug));
}

/** A slug base and its numbered variants: base, base-2 … base-6. */
const variantsOf = (base: string) => [base, ...Array.from({ length: SUFFIXES - 1 }, (_, i) => `${base}-${i + 2}`)];

/** Picks a free slug for each new record: its base, else base-2 … base-6, else base-<hash>. */
async function freeSlugs(bases: string[]): Promise<string[]> {
  const taken = await takenSlugs(bases.flatMap(variantsOf));
  return bases.map((b, i) => {
    for (const v of variantsOf(b)) {
      if (!taken.has(v)) {
        taken.add(v);
        return v;
      }
    }
    const s = `${b.slice(0, 60)}-${new Types.ObjectId().toHexString().slice(-8)}${i}`;
    taken.add(s);
    return s;
  });
}

function newDataset(state: RunState, m: Mapped, datasetId: Types.ObjectId, slug: string, now: Date) {
  const { source } = state;
  const content = { ...m.content, slug };
  return {
    _id: datasetId,
    ...content,
    providerId: source.providerId,
    createdBy: source.createdBy,
    status: 'published',
    version: 1,
    rev: 1,
    artifacts: [],
    reviewHistory: [],
    submittedBy: null,
    changeNote: null,
    live: { ...content, version: 1, publishedAt: now, approvedBy: source.createdBy, artifacts: [] },
    publishedAt: now,
    withdrawnAt: null,
    origin: originOf(source, m, now, false),
    createdAt: now,
    updatedAt: now,
  };
}

async function createAll(state: RunState, items: Mapped[], now: Date): Promise<void> {
  if (!items.length) return;
  const ids = items.map(() => new Types.ObjectId());
  const records = items.map((m, i) => ({ _id: new Types.ObjectId(), sourceId: state.source._id, originalId: m.originalId, datasetId: ids[i], hash: m.hash, withdrawn: false }));
  const claimed = new Set<number>(items.map((_, i) => i));
  try {
    await HarvestRecord.insertMany(records, { ordered: false, lean: true });
  } catch (err) {
    const raw = (err as { writeErrors?: unknown }).writeErrors;
    const errors = (Array.isArray(raw) ? raw : raw ? [raw] : []) as Array<{ index: number; code?: number; err?: { code?: number } }>;
    if (!errors.length) throw err;
    for (const w of errors) {
      claimed.delete(w.index);
      state.skip({ originalId: items[w.index].originalId, code: isDuplicateKey(w) || isDuplicateKey(w.err) ? 'duplicate_identifier' : 'invalid_record' });
    }
  }
  for (const i of claimed) state.known?.set(records[i].originalId, records[i]);
  const mine = [...claimed];
  const slugs = await freeSlugs(mine.map((i) => items[i].slugBase));
  const docs = mine.map((i, k) => newDataset(state, items[i], ids[i], slugs[k], now));
  const failed = new Set<number>();
  try {
    await Dataset.insertMany(docs, { ordered: false, lean: true });
  } catch (err) {
    const raw = (err as { writeErrors?: unknown }).writeErrors;
    const errors = (Array.isArray(raw) ? raw : raw ? [raw] : []) as Array<{ index: number }>;
    if (!errors.length) throw err;
    for (const w of errors) failed.add(w.index);
  }
  for (const k of failed) {
    // A slug taken between the check and the insert (another writer): one more try with a fresh suffix.
    const i = mine[k];
    const retry = { ...docs[k], slug: (await freeSlugs([`${items[i].slugBase}-${new Types.ObjectId().toHexString().slice(-6)}`]))[0] };
    retry.live = { ...retry.live, slug: retry.slug };
    try {
      await Dataset.insertMany([retry], { lean: true });
      failed.delete(k);
    } catch {
      await HarvestRecord.deleteOne({ sourceId: state.source._id, originalId: items[i].originalId, datasetId: ids[i] });
      state.known?.delete(items[i].originalId);
      state.skip({ originalId: items[i].originalId, code: 'slug_conflict' });
    }
  }
  state.counts.created += mine.length - failed.size;
}

/** Rewrites a harvested dataset with the record's new content (kept curated values stay). */
async function updateOne(state: RunState, m: Mapped, rec: HarvestRecordDoc, doc: DatasetDoc, now: Date): Promise<boolean> {
  const curated = doc.origin?.curated === true;
  const content: Record<string, unknown> = { ...m.content, slug: doc.slug };
  if (curated) {
    content.techAreas = doc.techAreas;
    content.modalities = doc.modalities;
  }
  const version = (doc.version ?? 0) + 1;
  const res = await Dataset.updateOne(
    { _id: doc._id, 'origin.sourceId': state.source._id, rev: doc.rev },
    {
      $set: {
        ...content,
        status: 'published',
        version,
        live: { ...content, version, publishedAt: now, approvedBy: state.source.createdBy, artifacts: [] },
        publishedAt: doc.publishedAt ?? now,
        withdrawnAt: null,
        origin: originOf(state.source, m, now, curated),
      },
      $inc: { rev: 1 },
    },
  );
  if (res.modifiedCount !== 1) return false;
  await HarvestRecord.updateOne({ _id: rec._id }, { $set: { hash: m.hash, withdrawn: false } });
  state.known?.set(m.originalId, { ...rec, hash: m.hash, withdrawn: false });
  return true;
}

/** The source's harvest records by original identifier: read in one pass on the run's first chunk. */
async function knownRecords(state: RunState): Promise<Map<string, HarvestRecordDoc>> {
  if (!state.known) {
    const known = new Map<string, HarvestRecordDoc>();
    const cursor = HarvestRecord.find({ sourceId: state.source._id }).lean<HarvestRecordDoc[]>().cursor();
    for await (const rec of cursor as AsyncIterable<HarvestRecordDoc>) known.set(rec.originalId, rec);
    state.known = known;
  }
  return state.known;
}

/** The datasets of changed records: from the dataset store when it holds them, the rest from the database. */
async function datasetsById(ids: Types.ObjectId[]): Promise<Map<string, DatasetDoc>> {
  const store = datasetStore();
  const out = new Map<string, DatasetDoc>();
  const missing: Types.ObjectId[] = [];
  for (const id of ids) {
    const doc = store.loaded ? store.get(String(id)) : undefined;
    if (doc) out.set(String(id), doc);
    else missing.push(id);
  }
  if (missing.length) for (const d of await Dataset.find({ _id: { $in: missing } }).lean<DatasetDoc[]>()) out.set(String(d._id), d);
  return out;
}

/** Writes one chunk of mapped records (their identifiers are distinct within the run). */
export async function applyChunk(state: RunState, items: Mapped[]): Promise<void> {
  if (!items.length) return;
  const now = new Date();
  const byOriginal = await knownRecords(state);
  const changed = items.filter((m) => {
    const rec = byOriginal.get(m.originalId);
    return rec && (rec.hash !== m.hash || rec.withdrawn);
  });
  const docById = await datasetsById(changed.map((m) => byOriginal.get(m.originalId)!.datasetId));
  const creates: Mapped[] = [];
  for (const m of items) {
    const rec = byOriginal.get(m.originalId);
    if (!rec) {
      creates.push(m);
      continue;
    }
    if (rec.hash === m.hash && !rec.withdrawn) {
      state.counts.unchanged++;
      continue;
    }
    const doc = docById.get(String(rec.datasetId));
    if (!doc) {
      // The dataset is gone (removed by hand): make it again under the same record.
      await HarvestRecord.deleteOne({ _id: rec._id });
      byOriginal.delete(m.originalId);
      creates.push(m);
      continue;
    }
    if (await updateOne(state, m, rec, doc, now)) state.counts.updated++;
    else state.skip({ originalId: m.originalId, code: 'concurrent_modification' });
  }
  await createAll(state, creates, now);
}
