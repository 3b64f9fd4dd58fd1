// Bulk import of dataset drafts (docs/design.md §7): validate every row first (plan.ts), then write — all
// rows or none unless `partial`. Idempotent on slug: a re-import updates the caller's own drafts;
// published datasets are never overwritten; slugs of other organisations are refused. The writes
// run as a batch that survives a crash of this process (batch.ts, reconcile.ts).
import { Types } from 'mongoose';
import { providerScope, type OrgScope } from '../datasets/access';
import { CONTENT_FIELDS, Dataset, type DatasetContent, type DatasetDoc } from '../datasets/model';
import type { RequestContext } from '../http/context';
import { actorOf } from '../http/context';
import { conflict, forbidden, isDuplicateKey } from '../http/errors';
import { auditBatch, cleanUpBatch, finishBatch, openBatch, rollBackBatch, WRITE_CHUNK, type OpenBatch } from './batch';
import type { ImportRow } from './parse';
import { plan, type Planned, type RowError } from './plan';

export type { RowError } from './plan';

export interface ImportOptions {
  dryRun: boolean;
  partial: boolean;
}

export interface ImportReport {
  total: number;
  valid: number;
  invalid: number;
  created: number;
  updated: number;
  /** What a real run would create and update (equal to created/updated after a real run). */
  toCreate: number;
  toUpdate: number;
  dryRun: boolean;
  partial: boolean;
  /** True when rows failed and nothing was written because `partial` was not set. */
  rejected: boolean;
  errors: RowError[];
}

/** The caller's write scope: only a provider member of an organisation (or an admin in one) imports. */
function importScope(ctx: RequestContext): OrgScope {
  const user = ctx.user!;
  // Accounts without an active membership have no organisation to import into.
  const organizationId = user.organizationId as Types.ObjectId | null;
  if (!organizationId) throw forbidden('not_provider_member');
  return providerScope(user, organizationId);
}

function updateOf(existing: DatasetDoc, content: DatasetContent, batchId: Types.ObjectId) {
  const unset: Record<string, 1> = {};
  for (const f of CONTENT_FIELDS) if (content[f] === undefined && existing[f] !== undefined && existing[f] !== null) unset[f] = 1;
  return { $set: { ...content, importBatchId: batchId }, ...(Object.keys(unset).length ? { $unset: unset } : {}), $inc: { rev: 1 } };
}

/** Runs an import for the caller's organisation. */
export async function importDatasets(ctx: RequestContext, rows: ImportRow[], opts: ImportOptions): Promise<ImportReport> {
  const user = ctx.user!;
  const scope = importScope(ctx);
  const { plans, errors } = await plan(scope, rows);
  const invalidRows = new Set(errors.map((e) => e.row));
  const creates = plans.filter((p) => !p.existing);
  const updates = plans.filter((p) => p.existing);
  const report: ImportReport = {
    total: rows.length,
    valid: rows.length - invalidRows.size,
    invalid: invalidRows.size,
    created: 0,
    updated: 0,
    toCreate: creates.length,
    toUpdate: updates.length,
    dryRun: opts.dryRun,
    partial: opts.partial,
    rejected: false,
    errors,
  };
  if (opts.dryRun) return report;
  if (invalidRows.size && !opts.partial) return { ...report, rejected: true };

  const now = new Date();
  // Every field the schema would default, since the lean insert below applies no defaults.
  const docs = creates.map((p) => ({
    _id: new Types.ObjectId(),
    ...p.content,
    providerId: scope.organizationId,
    createdBy: user.id,
    status: 'draft',
    version: 0,
    rev: 1,
    artifacts: [],
    reviewHistory: [],
    submittedBy: null,
    changeNote: null,
    live: null,
    publishedAt: null,
    withdrawnAt: null,
    createdAt: now,
    updatedAt: now,
  }));
  const actor = actorOf(ctx);
  const batch = await openBatch({
    organizationId: scope.organizationId,
    actor,
    partial: opts.partial,
    total: report.total,
    invalid: report.invalid,
    creates: docs.map((d) => ({ datasetId: d._id, slug: d.slug })),
    updates: updates.map((p) => p.existing!),
  });
  try {
    return await writeBatch(batch, scope, { docs, creates, updates }, report, opts);
  } finally {
    // After an unexpected failure (a missed deadline, a lost connection) the database may still be
    // running the last command, so only the reconciler may settle the batch, once the lease lapses.
    batch.lease.stop();
  }
}

/** Rolls an all-or-nothing batch back and, if this run still owns it, finishes and removes it. */
async function abandon(batch: OpenBatch, reason: 'write_failed' | 'owner_lost'): Promise<void> {
  await rollBackBatch(batch.doc, batch.plan, batch.priors, batch.doc.actor, reason);
  if (await finishBatch(batch.doc._id, batch.lease.token, 'rolled_back')) await cleanUpBatch(batch.doc._id);
}

type NewDoc = { _id: Types.ObjectId; slug: string } & Record<string, unknown>;

/** Inserts new drafts tagged with the batch (one command); returns the failed ones (index in `docs` → error code). */
async function insertChunk(docs: NewDoc[], batchId: Types.ObjectId): Promise<Map<number, string>> {
  const failed = new Map<number, string>();
  try {
    // lean: the rows are already validated against the JSON Schemas; Mongoose's own casting adds nothing.
    await Dataset.insertMany(docs.map((d) => ({ ...d, importBatchId: batchId })), { ordered: false, lean: true });
  } catch (err) {
    const raw = (err as { writeErrors?: unknown }).writeErrors;
    const writeErrors = (Array.isArray(raw) ? raw : raw ? [raw] : []) as Array<{ index: number; code?: number; err?: { code?: number } }>;
    if (!writeErrors.length) throw err;
    for (const w of writeErrors) failed.set(w.index, isDuplicateKey(w) || isDuplicateKey(w.err) ? 'slug_taken' : 'write_failed');
  }
  return failed;
}

/** The writes of a batch: updates, then inserts in commands of WRITE_CHUNK rows, then audit events, then the commit. */
async function writeBatch(
  batch: OpenBatch,
  scope: OrgScope,
  work: { docs: NewDoc[]; creates: Planned[]; updates: Planned[] },
  report: ImportReport,
  opts: ImportOptions,
): Promise<ImportReport> {
  const batchId = batch.doc._id;
  // Updates first: in an all-or-nothing import a draft changed meanwhile aborts before the bulk insert.
  const applied = new Set<string>();
  const updateFailures: Planned[] = [];
  for (const p of work.updates) {
    const existing = p.existing!;
    const res = await Dataset.updateOne({ _id: existing._id, providerId: scope.organizationId, rev: existing.rev, status: existing.status }, updateOf(existing, p.content, batchId));
    if (res.modifiedCount === 1) applied.add(String(existing._id));
    else updateFailures.push(p);
  }
  if (updateFailures.length && !opts.partial) {
    await abandon(batch, 'write_failed');
    throw conflict('import_failed', { count: updateFailures.length });
  }

  const failed = new Map<number, string>(); // index in docs → error code
  for (let start = 0; start < work.docs.length; start += WRITE_CHUNK) {
    for (const [i, code] of await insertChunk(work.docs.slice(start, start + WRITE_CHUNK), batchId)) failed.set(start + i, code);
    if (failed.size && !opts.partial) break;
  }
  if (failed.size && !opts.partial) {
    await abandon(batch, 'write_failed');
    throw conflict('import_failed', { count: failed.size });
  }

  for (const [index, code] of failed) {
    const row = work.creates[index].row;
    report.errors.push({ row: row.row, line: row.line, path: '/slug', code, params: {} });
  }
  for (const p of updateFailures) report.errors.push({ row: p.row.row, line: p.row.line, path: '', code: 'concurrent_modification', params: {} });
  report.errors.sort((a, b) => a.row - b.row);
  const written = {
    creates: batch.plan.creates.filter((_, i) => !failed.has(i)),
    updates: batch.plan.updates.filter((e) => applied.has(String(e.datasetId))),
  };
  report.created = written.creates.length;
  report.updated = written.updates.length;
  report.invalid = new Set(report.errors.map((e) => e.row)).size;
  report.valid = report.total - report.invalid;

  await auditBatch(batch.doc, written, { created: report.created, updated: report.updated, invalid: report.invalid });
  if (await finishBatch(batchId, batch.lease.token, 'committed')) {
    await cleanUpBatch(batchId);
    return report;
  }
  // This process stalled past its lease and a reconciler took the batch over. A partial batch is
  // complete either way (its audit events are written once, whoever writes them); an all-or-nothing
  // one is being rolled back, and whatever was written after the reconciler looked goes too.
  if (opts.partial) return report;
  await abandon(batch, 'owner_lost');
  throw conflict('import_interrupted');
}
