// The editor's form state and its translation to a request body. Pure: no React, no i18n.
import type { FieldError } from '@schemas/errors';
import type { ProcedureContent, ProcedureVersion } from './model';
import { defaultDirection, pointerSegments, valueAt } from './model';
import { parseNumber as readNumber } from '../../lib/format';

export interface ClassRow {
  key: number;
  code: string;
  nameKo: string;
  nameEn: string;
  descKo: string;
  descEn: string;
}

export interface StepRow {
  key: number;
  nameKo: string;
  nameEn: string;
  descKo: string;
  descEn: string;
}

export interface TargetRow {
  key: number;
  metric: string;
  target: string;
  direction: string;
}

/** Everything the editor holds, as strings the inputs can show. */
export interface FormState {
  slug: string;
  providerId: string;
  titleKo: string;
  titleEn: string;
  taskType: string;
  modalities: string[];
  summaryKo: string;
  summaryEn: string;
  classes: ClassRow[];
  workforceType: string;
  annotators: string;
  qualificationKo: string;
  qualificationEn: string;
  tools: string;
  steps: StepRow[];
  inspection: string;
  samplingPercent: string;
  verifiedBy: string;
  targets: TargetRow[];
}

let nextKey = 1;
/** A key for a new editable row (stable across re-renders and reordering). */
export function rowKey(): number {
  return nextKey++;
}

/** An empty form for a new procedure. */
export function emptyForm(): FormState {
  return {
    slug: '',
    providerId: '',
    titleKo: '',
    titleEn: '',
    taskType: '',
    modalities: [],
    summaryKo: '',
    summaryEn: '',
    classes: [],
    workforceType: '',
    annotators: '',
    qualificationKo: '',
    qualificationEn: '',
    tools: '',
    steps: [],
    inspection: '',
    samplingPercent: '',
    verifiedBy: '',
    targets: [],
  };
}

// Percent shown for a 0–1 rate without binary noise (0.15 → "15", not "15.000000000000002").
function toPercent(rate: number | undefined): string {
  return rate === undefined ? '' : String(Math.round(rate * 1e6) / 1e4);
}

/** The form of an existing draft. */
export function formOf(v: ProcedureVersion): FormState {
  return {
    ...emptyForm(),
    titleKo: v.title?.ko ?? '',
    titleEn: v.title?.en ?? '',
    taskType: v.taskType ?? '',
    modalities: [...(v.modalities ?? [])],
    summaryKo: v.guideline?.summary?.ko ?? '',
    summaryEn: v.guideline?.summary?.en ?? '',
    classes: (v.labelSchema?.classes ?? []).map((c) => ({
      key: rowKey(),
      code: c.code,
      nameKo: c.name.ko ?? '',
      nameEn: c.name.en ?? '',
      descKo: c.description?.ko ?? '',
      descEn: c.description?.en ?? '',
    })),
    workforceType: v.workforce?.type ?? '',
    annotators: v.workforce?.annotatorsPerItem !== undefined ? String(v.workforce.annotatorsPerItem) : '',
    qualificationKo: v.workforce?.qualification?.ko ?? '',
    qualificationEn: v.workforce?.qualification?.en ?? '',
    tools: (v.tools ?? []).join(', '),
    steps: (v.steps ?? []).map((s) => ({ key: rowKey(), nameKo: s.name.ko ?? '', nameEn: s.name.en ?? '', descKo: s.description.ko ?? '', descEn: s.description.en ?? '' })),
    inspection: v.qa?.inspection ?? '',
    samplingPercent: toPercent(v.qa?.samplingRate),
    verifiedBy: v.qa?.verifiedBy ?? '',
    targets: (v.qa?.targets ?? []).map((t) => ({ key: rowKey(), metric: t.metric, target: String(t.target), direction: t.direction })),
  };
}

/** A new target row for `metric`, its direction defaulting from the metric. */
export function targetRow(metric: string): TargetRow {
  return { key: rowKey(), metric, target: '', direction: defaultDirection(metric) };
}

function bilingual(ko: string, en: string): { ko?: string; en?: string } | undefined {
  const out: { ko?: string; en?: string } = {};
  if (ko.trim()) out.ko = ko.trim();
  if (en.trim()) out.en = en.trim();
  return out.ko !== undefined || out.en !== undefined ? out : undefined;
}

function compact<T extends Record<string, unknown>>(o: T): T | undefined {
  const out = Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
  return Object.keys(out).length ? out : undefined;
}

/**
 * A typed number (`1,200`), undefined when empty, null when it is not a number. `share`: a target
 * stored as a fraction, where `90%` means 0.9; `percentField`: a field already in percent, where
 * `4%` means 4 (issue 13 item 7: "4%" must not be refused).
 */
function parseNumber(s: string, { share = false, percentField = false }: { share?: boolean; percentField?: boolean } = {}): number | undefined | null {
  if (!s.trim()) return undefined;
  const typed = percentField ? s.trim().replace(/\s*%$/, '') : s;
  return readNumber(typed, { percent: share }) ?? null;
}

/**
 * Paths the editor writes as plain values. A merge patch cannot remove them (the schema takes no
 * null), so clearing one that the draft holds is reported instead of silently keeping the old value.
 */
const SCALAR_PATHS = [
  '/title/ko',
  '/title/en',
  '/taskType',
  '/guideline/summary/ko',
  '/guideline/summary/en',
  '/workforce/type',
  '/workforce/annotatorsPerItem',
  '/workforce/qualification/ko',
  '/workforce/qualification/en',
  '/qa/inspection',
  '/qa/samplingRate',
  '/qa/verifiedBy',
];

/** The request body of the form (no empty strings) and the problems found while reading numbers. */
export function bodyOf(form: FormState, original: ProcedureContent | null): { body: Record<string, unknown>; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const had = (field: keyof ProcedureContent) => original?.[field] !== undefined;
  const annotators = parseNumber(form.annotators);
  if (annotators === null) errors.push({ path: '/workforce/annotatorsPerItem', code: 'type', params: { type: 'integer' } });
  const percent = parseNumber(form.samplingPercent, { percentField: true });
  if (percent === null) errors.push({ path: '/qa/samplingRate', code: 'type', params: { type: 'number' } });
  const tools = [...new Set(form.tools.split(/[,，]/).map((s) => s.trim()).filter(Boolean))];

  const targets = form.targets.map((row, i) => {
    const target = parseNumber(row.target, { share: true });
    if (target === null) errors.push({ path: `/qa/targets/${i}/target`, code: 'type', params: { type: 'number' } });
    return compact({ metric: row.metric || undefined, target: target ?? undefined, direction: row.direction || undefined });
  });

  const body: Record<string, unknown> = {
    slug: original ? undefined : form.slug.trim() || undefined,
    providerId: original ? undefined : form.providerId || undefined,
    title: bilingual(form.titleKo, form.titleEn),
    taskType: form.taskType || undefined,
    modalities: form.modalities.length || had('modalities') ? form.modalities : undefined,
    labelSchema:
      form.classes.length || had('labelSchema')
        ? {
            classes: form.classes.map((c) => compact({ code: c.code.trim() || undefined, name: bilingual(c.nameKo, c.nameEn), description: bilingual(c.descKo, c.descEn) }) ?? {}),
          }
        : undefined,
    guideline: compact({ summary: bilingual(form.summaryKo, form.summaryEn) }),
    workforce: compact({
      type: form.workforceType || undefined,
      annotatorsPerItem: annotators ?? undefined,
      qualification: bilingual(form.qualificationKo, form.qualificationEn),
    }),
    tools: tools.length || had('tools') ? tools : undefined,
    steps: form.steps.length || had('steps') ? form.steps.map((s) => compact({ name: bilingual(s.nameKo, s.nameEn), description: bilingual(s.descKo, s.descEn) }) ?? {}) : undefined,
    qa: compact({
      inspection: form.inspection || undefined,
      samplingRate: percent === undefined || percent === null ? undefined : Math.round(percent * 1e4) / 1e6,
      verifiedBy: form.verifiedBy || undefined,
      targets: form.targets.length || original?.qa?.targets !== undefined ? targets.map((t) => t ?? {}) : undefined,
    }),
  };
  const out = compact(body) ?? {};

  if (original) {
    for (const path of SCALAR_PATHS) {
      const segs = pointerSegments(path);
      if (valueAt(original, segs) !== undefined && valueAt(out, segs) === undefined && !errors.some((e) => e.path === path)) {
        errors.push({ path, code: 'cannot_clear', params: {} });
      }
    }
  }
  return { body: out, errors };
}

/** A slug suggested from an English title: lowercase words joined by hyphens. */
export function suggestSlug(title: string): string {
  return title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
}
