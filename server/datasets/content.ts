// A dataset's provider-written content and what it must pass before a save or a publication.
import { applyMergePatch } from '../../schemas/merge-patch';
import { conflict, unprocessable, validationFailed, type FieldError } from '../http/errors';
import { ImportBatch } from '../import/model';
import { findReferenceableVersion } from '../labeling/model';
import { CONTENT_FIELDS, type DatasetContent, type DatasetDoc } from './model';
import { draftErrors, publishReadinessErrors } from './readiness';
import { changedContentFields } from './store';

/** The provider-written content of a document. */
export function contentOf(doc: DatasetContent): DatasetContent {
  const out: Record<string, unknown> = {};
  for (const f of CONTENT_FIELDS) if (doc[f] !== undefined && doc[f] !== null) out[f] = doc[f];
  return out as DatasetContent;
}

/**
 * JSON merge patch (RFC 7396) of a PATCH body into content: objects merge recursively, arrays and
 * scalars replace, `null` removes the key (at any depth).
 */
export function mergeContent<T>(base: T, patch: Record<string, unknown>): T {
  return applyMergePatch(base, patch);
}

async function labelingReferenceErrors(content: DatasetContent): Promise<FieldError[]> {
  const ref = content.labeling;
  if (!ref?.procedureId) return [];
  const version = await findReferenceableVersion(String(ref.procedureId), Number(ref.procedureVersion));
  return version ? [] : [{ path: '/labeling/procedureVersion', code: 'procedure_version_not_referenceable' }];
}

/** Refuses (400) content a draft may not hold, including a labeling reference that cannot be used. */
export async function checkDraft(content: DatasetContent): Promise<void> {
  const errors = [...draftErrors(content), ...(await labelingReferenceErrors(content))];
  if (errors.length) throw validationFailed(errors);
}

function hasAvailableSample(doc: DatasetDoc): boolean {
  return doc.artifacts.some((a) => a.kind === 'sample' && a.status === 'available');
}

/** Refuses (422) a dataset that is not ready for publication. */
export async function checkReadiness(doc: DatasetDoc): Promise<void> {
  const content = contentOf(doc);
  const errors = [
    ...publishReadinessErrors(content, { hasAvailableSample: hasAvailableSample(doc) }),
    ...(await labelingReferenceErrors(content)),
  ];
  if (errors.length) throw unprocessable('not_ready_for_publication', errors);
}

/**
 * Refuses (409) to change a draft a bulk import is still writing or has not settled after a crash:
 * the import may yet roll it back or restore its earlier content (server/import/batch.ts).
 */
export async function assertNotImporting(doc: Pick<DatasetDoc, 'importBatchId'>): Promise<void> {
  if (doc.importBatchId && (await ImportBatch.exists({ _id: doc.importBatchId }))) throw conflict('import_in_progress');
}

/** Refuses (409) a change to the working copy while it is in review or an import holds it. */
export async function assertEditable(doc: Pick<DatasetDoc, 'status' | 'importBatchId'>): Promise<void> {
  if (doc.status === 'in_review') throw conflict('dataset_in_review');
  await assertNotImporting(doc);
}

/** Top-level content fields that differ between two snapshots. */
export function changedFields(a: DatasetContent | undefined, b: DatasetContent): string[] {
  return changedContentFields(a as Record<string, unknown> | undefined, b as Record<string, unknown>);
}
