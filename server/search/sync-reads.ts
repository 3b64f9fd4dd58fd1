// The database reads that keep the dataset store current: everything at once (streamed), datasets by
// id, publication histories, organisations, revisions (docs/data-stores.md).
import mongoose, { Types } from 'mongoose';
import { Dataset, DatasetVersion, type DatasetDoc, type DatasetVersionDoc } from '../datasets/model';
import { adopt, versionMetasFrom, versionMetasOf, type ProviderRef, type VersionMeta } from '../datasets/store';
import { withDbDeadline } from '../infra/db-calls';
import { Organization } from '../organizations/model';

const ORG_FIELDS = { slug: 1, name: 1, country: 1, type: 1 };
/** What the publication history needs of each stored version (the snapshot only to compare neighbours). */
const VERSION_FIELDS = { datasetId: 1, version: 1, publishedAt: 1, changeNote: 1, reviewerComment: 1, snapshot: 1 };
/**
 * Reads of the whole catalogue (the initial load, a full refresh, a many-id `$in`, the check after
 * a restart) scan the datasets collection on the embedded FerretDB: ~45 s at 20,000 datasets on
 * SQLite. They run in the background, so they get this deadline instead of a request's (DB_TIMEOUT_MS).
 */
const FULL_READ_DEADLINE_MS = 10 * 60_000;
/** Documents per batch of a full read. */
const FULL_READ_BATCH = 500;

/** Every document of a cursor in the store's form (see `adopt`). */
async function adoptedFrom(rows: AsyncIterable<DatasetDoc>): Promise<DatasetDoc[]> {
  const out: DatasetDoc[] = [];
  for await (const row of rows) out.push(adopt(row));
  return out;
}

/** A document handed over by a write, copied the way the database stores it (the writer keeps its own). */
export function asStored(doc: Record<string, unknown>): DatasetDoc {
  const BSON = mongoose.mongo.BSON;
  return BSON.deserialize(BSON.serialize(doc)) as DatasetDoc;
}

/** Every organisation, dataset and publication history. */
export function readEverything(): Promise<[ProviderRef[], DatasetDoc[], Map<string, VersionMeta[]>]> {
  return withDbDeadline(FULL_READ_DEADLINE_MS, () =>
    Promise.all([
      readOrganizations(),
      // Streamed and made into the store's form one document at a time, so a full read holds the
      // store's (shared, frozen) documents rather than every raw copy at once as well.
      adoptedFrom(Dataset.find({}).lean<DatasetDoc>().cursor({ batchSize: FULL_READ_BATCH })),
      // One version at a time, in the order of its unique index (see versionMetasFrom).
      versionMetasFrom(DatasetVersion.find({}, VERSION_FIELDS).sort({ datasetId: 1, version: -1 }).lean<DatasetVersionDoc>().cursor()),
    ]),
  );
}

/** Organisations (all, or by id) with the fields a catalogue entry shows. */
export function readOrganizations(ids?: string[]): Promise<ProviderRef[]> {
  const filter = ids ? { _id: { $in: ids.map((id) => new Types.ObjectId(id)) } } : {};
  return Organization.find(filter, ORG_FIELDS).lean<ProviderRef[]>();
}

/** One organisation, if it exists. */
export async function readOrganization(id: Types.ObjectId): Promise<ProviderRef | undefined> {
  return (await Organization.findById(id, ORG_FIELDS).lean<ProviderRef>()) ?? undefined;
}

/** Reads datasets by id: one query per id for a few changes, one `$in` query for many. */
export async function readDatasets(ids: string[]): Promise<DatasetDoc[]> {
  const oids = ids.map((id) => new Types.ObjectId(id));
  if (oids.length > 32) return withDbDeadline(FULL_READ_DEADLINE_MS, () => Dataset.find({ _id: { $in: oids } }).lean<DatasetDoc[]>());
  const docs = await Promise.all(oids.map((_id) => Dataset.findOne({ _id }).lean<DatasetDoc>()));
  return docs.filter((d): d is DatasetDoc => !!d);
}

/** The publication history of one dataset (by `{ datasetId }`). */
export async function readVersions(id: string): Promise<VersionMeta[]> {
  const rows = await withDbDeadline(FULL_READ_DEADLINE_MS, () =>
    DatasetVersion.find({ datasetId: new Types.ObjectId(id) }, VERSION_FIELDS).lean<DatasetVersionDoc[]>(),
  );
  return versionMetasOf(rows).get(id) ?? [];
}

/** The revision of every stored dataset (to check a store restored from its snapshot). */
export function readRevisions(): Promise<Array<{ _id: Types.ObjectId; rev: number }>> {
  return withDbDeadline(FULL_READ_DEADLINE_MS, () => Dataset.find({}, { rev: 1 }).lean<Array<{ _id: Types.ObjectId; rev: number }>>());
}
