// What every step of the dataset editor receives, and taxonomy options in the current language.
import type { TaxonomyItem } from '@schemas/taxonomy';
import type { Lang } from '../../../lib/i18n';
import type { Option } from '../editor/controls';
import { splitList } from '../editor/draft';
import type { FormState } from '../editor/form';

export interface StepProps {
  form: FormState;
  /** Merges a change into the form. */
  set: (patch: Partial<FormState>) => void;
  /** True until the draft has been saved once (the slug is fixed after that). */
  isNew: boolean;
}

/** Taxonomy items as options labelled in `lang`. */
export function optionsOf(items: readonly TaxonomyItem[], lang: Lang): Option[] {
  return items.map((i) => ({ code: i.code, label: i.label[lang] }));
}

/** The names of the well-formed codes of a comma-separated list, for the read-back under its field. */
export function namesOf(list: string, name: (code: string) => string, wellFormed: RegExp): string {
  return splitList(list)
    .filter((c) => wellFormed.test(c))
    .map(name)
    .join(', ');
}
