// Whether a dataset's content may be saved as a draft or published (docs/design.md §3, §5). Pure.
import { schemaErrors } from '../../schemas/ajv';
import { mergeErrors, type FieldError } from '../../schemas/errors';
import { registrationErrors } from '../policy/registration';
import { duplicateExternalAccessIds } from './external-access-rules';

/** Errors of a draft: `datasets.draft` plus the registration rules whose fields are present. */
export function draftErrors(ds: unknown): FieldError[] {
  return mergeErrors(schemaErrors('datasets.draft', ds), registrationErrors(ds), duplicateExternalAccessIds(ds));
}

/** Errors that block publication: `datasets.publishable`, registration rules and a sample unless closed. */
export function publishReadinessErrors(ds: unknown, opts: { hasAvailableSample: boolean }): FieldError[] {
  const disclosure = (ds as { disclosure?: { accessLevel?: unknown } } | null)?.disclosure;
  const closed = disclosure?.accessLevel === 'closed';
  // A closed dataset is never released, so there is nothing a sample would preview.
  const sample: FieldError[] = closed || opts.hasAvailableSample ? [] : [{ path: '/artifacts', code: 'sample_required', params: {} }];
  return mergeErrors(schemaErrors('datasets.publishable', ds), registrationErrors(ds), sample);
}
