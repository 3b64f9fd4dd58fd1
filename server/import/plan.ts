// Validation half of a bulk import (docs/design.md §7): every row is checked — schema, registration rules,
// procedure references, slug ownership and state — and each valid row is planned as a create or an
// update of the caller's own draft. Reads only; the writes are in commands.ts.
import { Types } from 'mongoose';
import { schemaErrors } from '../../schemas/ajv';
import { mergeErrors, type FieldError } from '../../schemas/errors';
import type { OrgScope } from '../datasets/access';
import { contentOf } from '../datasets/content';
import { Dataset, type DatasetContent, type DatasetDoc } from '../datasets/model';
import { LabelingProcedure, ProcedureVersion } from '../labeling/model';
import { registrationErrors } from '../policy/registration';
import type { ImportRow } from './parse';

/** A problem with one row (localised by the route). */
export interface RowError extends FieldError {
  row: number;
  line: number;
}

/** A valid row: its content and the stored draft it replaces (null for a new dataset). */
export interface Planned {
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
export async function plan(scope: OrgScope, rows: ImportRow[]): Promise<{ plans: Planned[]; errors: RowError[] }> {
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
