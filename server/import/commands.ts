// Bulk import of dataset drafts (DESIGN §7): validate every row first (schema, registration rules,
// procedure references, slug ownership), then write — all rows or none unless `partial`.
// Idempotent on slug: a re-import updates the caller's own drafts; published datasets are never
// overwritten; slugs of other organisations are refused.
import { Types } from 'mongoose';
import { schemaErrors } from '../../schemas/ajv';
import { mergeErrors, type FieldError } from '../../schemas/errors';
import { AuditEvent } from '../audit/model';
import { recordAudit } from '../audit/record';
import { providerScope, type OrgScope } from '../datasets/access';
import { contentOf } from '../datasets/commands';
import { CONTENT_FIELDS, Dataset, type DatasetContent, type DatasetDoc } from '../datasets/model';
import type { RequestContext } from '../http/context';
import { actorOf } from '../http/context';
import { conflict, isDuplicateKey } from '../http/errors';
import { LabelingProcedure, ProcedureVersion } from '../labeling/model';
import { registrationErrors } from '../policy/registration';
import type { ImportRow } from './parse';

export interface ImportOptions {
  dryRun: boolean;
  partial: boolean;
}

/** A problem with one row (localised by the route). */
export interface RowError extends FieldError {
  row: number;
  line: number;
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

interface Planned {
  row: ImportRow;
  content: DatasetContent;
  existing: DatasetDoc | null;
}

const UPDATABLE = new Set(['draft', 'changes_requested']);
// Up to this many slugs are looked up one by one (each an index lookup on every server); more go
// into one `$in` query, which the embedded FerretDB (telemetry disabled) answers with a single scan instead of one per chunk.
const POINT_LOOKUPS = 200;

async function findBySlug(slugs: string[]): Promise<Map<string, DatasetDoc>> {
  let docs: DatasetDoc[] = [];
  if (slugs.length > POINT_LOOKUPS) docs = await Dataset.find({ slug: { $in: slugs } }).lean<DatasetDoc[]>();
  else {
    for (let i = 0; i < slugs.length; i += 20) {
      const found = await Promise.all(slugs.slice(i, i + 20).map((slug) => Dataset.findOne({ slug }).lean<DatasetDoc>()));
      docs.push(...found.filter((d): d is DatasetDoc => d !== null));
    }
  }
  return new Map(docs.map((d) => [d.slug, d]));
}

/** Replaces `labeling.procedure` (slug or id) by `labeling.procedureId`; errors for unknown ones. */
async function resolveProcedures(rows: ImportRow[]): Promise<void> {
  const refs = new Set<string>();
  for (const r of rows) {
    const ref = (r.value?.labeling as Record<string, unknown> | undefined)?.procedure;
    if (typeof ref === 'string') refs.add(ref);
  }
  const ids = [...refs].filter((s) => /^[0-9a-f]{24}$/i.test(s)).map((s) => new Types.ObjectId(s));
  const found = refs.size ? await LabelingProcedure.find({ $or: [{ slug: { $in: [...refs] } }, { _id: { $in: ids } }] }, { slug: 1 }).lean() : [];
  const byRef = new Map<string, string>();
  for (const p of found) {
    byRef.set(p.slug, String(p._id));
    byRef.set(String(p._id), String(p._id));
  }
  for (const r of rows) {
    const labeling = r.value?.labeling as Record<string, unknown> | undefined;
    if (!labeling || !('procedure' in labeling)) continue;
    const ref = labeling.procedure;
    delete labeling.procedure;
    const id = typeof ref === 'string' ? byRef.get(ref) : undefined;
    if (id) labeling.procedureId = id;
    else r.errors.push({ path: '/labeling/procedure', code: 'unknown_procedure', params: {} });
  }
}

/** Errors of references to procedure versions a dataset may not cite (drafts, retired, missing). */
async function referenceErrors(plans: Planned[]): Promise<Map<Planned, FieldError>> {
  const out = new Map<Planned, FieldError>();
  const withRef = plans.filter((p) => p.content.labeling?.procedureId);
  if (!withRef.length) return out;
  const ids = [...new Set(withRef.map((p) => String(p.content.labeling.procedureId)))].map((s) => new Types.ObjectId(s));
  const versions = await ProcedureVersion.find({ procedureId: { $in: ids }, status: { $in: ['active', 'superseded'] } }, { procedureId: 1, version: 1 }).lean();
  const ok = new Set(versions.map((v) => `${v.procedureId}:${v.version}`));
  for (const p of withRef) {
    if (!ok.has(`${p.content.labeling.procedureId}:${p.content.labeling.procedureVersion}`)) {
      out.set(p, { path: '/labeling/procedureVersion', code: 'procedure_version_not_referenceable', params: {} });
    }
  }
  return out;
}

/** Validates every row and decides create or update; no writes. */
async function plan(scope: OrgScope, rows: ImportRow[]): Promise<{ plans: Planned[]; errors: RowError[] }> {
  await resolveProcedures(rows);
  const candidates: Planned[] = [];
  for (const r of rows) {
    if (!r.value) continue;
    if ('providerId' in r.value) {
      // Imports always go to the caller's organisation.
      delete r.value.providerId;
      r.errors.push({ path: '/providerId', code: 'not_allowed', params: {} });
    }
    const unresolved = r.errors.some((e) => e.code === 'unknown_procedure');
    const errors = mergeErrors(schemaErrors('datasets.create', r.value), registrationErrors(r.value));
    // An unknown procedure is reported once, not again as a missing procedureId.
    r.errors.push(...errors.filter((e) => !(unresolved && e.path === '/labeling/procedureId')));
    candidates.push({ row: r, content: contentOf(r.value as DatasetContent), existing: null });
  }
  for (const [p, e] of await referenceErrors(candidates.filter((c) => !c.row.errors.length))) p.row.errors.push(e);

  // Slugs: first occurrence in the file wins; then ownership and state of stored datasets.
  const firstRow = new Map<string, number>();
  for (const c of candidates) {
    const slug = c.content.slug;
    if (typeof slug !== 'string') continue;
    const first = firstRow.get(slug);
    if (first !== undefined) c.row.errors.push({ path: '/slug', code: 'duplicate_slug_in_file', params: { row: first } });
    else firstRow.set(slug, c.row.row);
  }
  const stored = await findBySlug([...firstRow.keys()]);
  for (const c of candidates) {
    const existing = typeof c.content.slug === 'string' ? stored.get(c.content.slug) : undefined;
    if (!existing) continue;
    if (!existing.providerId.equals(scope.organizationId)) c.row.errors.push({ path: '/slug', code: 'slug_owned_by_other_organization', params: {} });
    else if (existing.status === 'in_review') c.row.errors.push({ path: '/slug', code: 'dataset_in_review_not_overwritten', params: {} });
    else if (!UPDATABLE.has(existing.status)) c.row.errors.push({ path: '/slug', code: 'published_dataset_not_overwritten', params: { status: existing.status } });
    else c.existing = existing;
  }
  const errors = rows.flatMap((r) => mergeErrors(r.errors).map((e) => ({ ...e, row: r.row, line: r.line })));
  return { plans: candidates.filter((c) => !c.row.errors.length), errors };
}

function updateOf(existing: DatasetDoc, content: DatasetContent) {
  const unset: Record<string, 1> = {};
  for (const f of CONTENT_FIELDS) if (content[f] === undefined && existing[f] !== undefined && existing[f] !== null) unset[f] = 1;
  return { $set: { ...content }, ...(Object.keys(unset).length ? { $unset: unset } : {}), $inc: { rev: 1 } };
}

/** Puts back the content an import replaced (used only when rolling back). */
async function restore(scope: OrgScope, before: DatasetDoc): Promise<void> {
  const content = contentOf(before);
  const unset = Object.fromEntries(CONTENT_FIELDS.filter((f) => content[f] === undefined).map((f) => [f, 1]));
  await Dataset.updateOne({ _id: before._id, providerId: scope.organizationId, rev: before.rev + 1 }, { $set: content, ...(Object.keys(unset).length ? { $unset: unset } : {}), $inc: { rev: 1 } });
}

/** Runs an import for the caller's organisation. */
export async function importDatasets(ctx: RequestContext, rows: ImportRow[], opts: ImportOptions): Promise<ImportReport> {
  const user = ctx.user!;
  const scope = providerScope(user, user.organizationId);
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
    live: null,
    publishedAt: null,
    withdrawnAt: null,
    createdAt: now,
    updatedAt: now,
  }));
  const failed = new Map<number, string>(); // index in docs → error code
  try {
    // lean: the rows are already validated against the JSON Schemas; Mongoose's own casting adds nothing.
    if (docs.length) await Dataset.insertMany(docs, { ordered: false, lean: true });
  } catch (err) {
    const writeErrors = (err as { writeErrors?: Array<{ index: number; code?: number; err?: { code?: number } }> }).writeErrors;
    if (!writeErrors?.length) {
      await Dataset.deleteMany({ _id: { $in: docs.map((d) => d._id) }, providerId: scope.organizationId, rev: 1 });
      throw err;
    }
    for (const w of writeErrors) failed.set(w.index, isDuplicateKey(w) || isDuplicateKey(w.err) ? 'slug_taken' : 'write_failed');
  }
  const applied: DatasetDoc[] = [];
  const updateFailures: Planned[] = [];
  for (const p of updates) {
    const existing = p.existing!;
    const res = await Dataset.updateOne({ _id: existing._id, providerId: scope.organizationId, rev: existing.rev, status: existing.status }, updateOf(existing, p.content));
    if (res.modifiedCount === 1) applied.push(existing);
    else updateFailures.push(p);
  }
  if ((failed.size || updateFailures.length) && !opts.partial) {
    // All or nothing: take back every write of this import.
    await Dataset.deleteMany({ _id: { $in: docs.map((d) => d._id) }, providerId: scope.organizationId, rev: 1 });
    for (const before of applied) await restore(scope, before);
    throw conflict('import_failed', { count: failed.size + updateFailures.length });
  }
  for (const [index, code] of failed) {
    const row = creates[index].row;
    report.errors.push({ row: row.row, line: row.line, path: '/slug', code, params: {} });
  }
  for (const p of updateFailures) report.errors.push({ row: p.row.row, line: p.row.line, path: '', code: 'concurrent_modification', params: {} });
  report.errors.sort((a, b) => a.row - b.row);
  const createdDocs = docs.filter((_, i) => !failed.has(i));
  report.created = createdDocs.length;
  report.updated = applied.length;
  report.invalid = new Set(report.errors.map((e) => e.row)).size;
  report.valid = report.total - report.invalid;

  const actor = actorOf(ctx);
  const at = new Date();
  const event = (action: string, id: Types.ObjectId, slug: string) => ({
    at,
    actorId: actor.id,
    actorEmail: actor.email,
    action,
    targetType: 'dataset',
    targetId: String(id),
    organizationId: scope.organizationId,
    details: { slug, via: 'import' },
    ip: actor.ip ?? null,
  });
  const events = [
    ...createdDocs.map((d) => event('dataset.create', d._id, d.slug)),
    ...applied.map((d) => event('dataset.update', d._id, d.slug)),
  ];
  if (events.length) await AuditEvent.insertMany(events, { ordered: false });
  await recordAudit(actor, 'dataset.import', { type: 'organization', id: scope.organizationId, organizationId: scope.organizationId }, {
    total: report.total,
    created: report.created,
    updated: report.updated,
    invalid: report.invalid,
    partial: opts.partial,
  });
  return report;
}
