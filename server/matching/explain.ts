// Sentences for people: every component of a match, every exclusion reason and the access path,
// in Korean and English, from the `matching` i18n namespace and the bilingual taxonomy labels.
import { labelOf, POLICY_REASONS, type Locale, type TaxonomyName } from '../../schemas/taxonomy';
import { translator } from '../i18n';
import type { RequirementCode } from '../policy/types';
import type { ComponentName, ExclusionReason, MatchPartner, ScoredMatch } from './types';

/** A text in both languages of the product. */
export interface Bilingual {
  ko: string;
  en: string;
}

/** One step on the way to the data. */
export interface AccessStep {
  code: 'sign_in' | 'irb_approval' | 'export_license' | 'government_approval' | 'accept_dua' | 'request' | 'enclave' | 'download';
  text: Bilingual;
}

const listFormats = { ko: new Intl.ListFormat('ko', { type: 'conjunction' }), en: new Intl.ListFormat('en', { type: 'conjunction' }) };

function both(render: (lang: Locale) => string): Bilingual {
  return { ko: render('ko'), en: render('en') };
}
function t(lang: Locale, key: string, params: Record<string, unknown> = {}): string {
  return translator(lang)(`matching:${key}`, params);
}
function list(lang: Locale, items: string[]): string {
  return items.length ? listFormats[lang].format(items) : t(lang, 'none');
}
function labels(lang: Locale, taxonomy: TaxonomyName, codes: readonly string[]): string {
  return list(lang, codes.map((c) => labelOf(taxonomy, c, lang)));
}
const LIST_TAXONOMY = { us: 'usCetAreas', kr: 'krTechnologies' } as const;

function technology(m: ScoredMatch, lang: Locale): string {
  const f = m.facts.technology;
  if (f.noInterests) return t(lang, 'technology.noInterests');
  if (!f.links.length) return t(lang, 'technology.noLink');
  const links = f.links.map((l) => {
    const area = labelOf(LIST_TAXONOMY[l.area.list], l.area.code, lang);
    if (l.interest.list === l.area.list) return t(lang, 'technology.same', { area });
    return t(lang, 'technology.cross', { area, interest: labelOf(LIST_TAXONOMY[l.interest.list], l.interest.code, lang), strength: l.strength });
  });
  const total = (m.candidate.live.techAreas?.us?.length ?? 0) + (m.candidate.live.techAreas?.kr?.length ?? 0);
  return t(lang, 'technology.links', { links: list(lang, [...new Set(links)]), reached: f.links.length, total });
}

function taskModality(m: ScoredMatch, lang: Locale): string {
  const f = m.facts.taskModality;
  if (f.noInterests) return t(lang, 'taskModality.noInterests');
  return t(lang, 'taskModality.common', { tasks: labels(lang, 'tasks', f.tasks), modalities: labels(lang, 'modalities', f.modalities) });
}

function keywords(m: ScoredMatch, lang: Locale): string {
  const f = m.facts.keywords;
  if (f.noKeywords) return t(lang, 'keywords.noKeywords');
  if (!f.matched.length) return t(lang, 'keywords.none');
  const quoted = f.matched.map((k) => (k.declared ? t(lang, 'keywords.declared', { keyword: `“${k.keyword}”` }) : `“${k.keyword}”`));
  return t(lang, 'keywords.matched', { keywords: list(lang, quoted) });
}

function accessibility(m: ScoredMatch, lang: Locale): string {
  const f = m.facts.accessibility;
  if (f.granted) return t(lang, 'accessibility.granted', { purpose: labelOf('purposes', f.purpose, lang) });
  const first = t(lang, `accessibility.${f.decision}`, { purpose: labelOf('purposes', f.purpose, lang) });
  const then = f.requirements.length
    ? t(lang, 'accessibility.takes', { requirements: labels(lang, 'policyRequirements', f.requirements) })
    : t(lang, 'accessibility.noConditions');
  return `${first} ${then}`;
}

function quality(m: ScoredMatch, lang: Locale): string {
  const f = m.facts.quality;
  if (!f.hasProcedure) return t(lang, 'quality.noProcedure');
  if (!f.checks.length) return t(lang, 'quality.noTargets');
  const details = f.checks.map((c) => {
    const params = { metric: labelOf('qaMetrics', c.metric, lang), value: c.value, op: c.direction === 'higher_better' ? '≥' : '≤', target: c.target };
    return t(lang, c.value === null ? 'quality.missing' : c.met ? 'quality.met' : 'quality.unmet', params);
  });
  return t(lang, 'quality.checks', { met: f.checks.filter((c) => c.met).length, total: f.checks.length, details: list(lang, details) });
}

const RENDER: Record<ComponentName, (m: ScoredMatch, lang: Locale) => string> = { technology, taskModality, keywords, accessibility, quality };

/** The bilingual explanation of every component of a match. */
export function explainComponents(m: ScoredMatch): Record<ComponentName, Bilingual> {
  return Object.fromEntries(Object.entries(RENDER).map(([name, render]) => [name, both((lang) => render(m, lang))])) as Record<ComponentName, Bilingual>;
}

const reasonMessages = new Map<string, Bilingual>(POLICY_REASONS.map((r) => [r.code, r.message]));

/** The bilingual message of one exclusion reason. */
export function explainExclusion(reason: ExclusionReason): Bilingual {
  if (reason.kind === 'capability') return both((lang) => t(lang, `exclusion.${reason.code}`));
  return both((lang) =>
    t(lang, 'exclusion.policy', { message: reasonMessages.get(reason.code)?.[lang] ?? reason.code, purposes: labels(lang, 'purposes', reason.purposes) }),
  );
}

// Requirements that are obtained before the request, in the order a partner would go after them.
const PREREQUISITES: readonly RequirementCode[] = ['irb_approval', 'export_license', 'government_approval'];
// Requirements that travel with the request itself.
const WITH_REQUEST: readonly RequirementCode[] = ['pseudonymized_data_terms', 'cross_border_agreement'];

/** The way to the data as steps: sign in → prerequisites → DUA → request or enclave → download. */
export function accessPath(m: ScoredMatch, partner: Pick<MatchPartner, 'name'>): AccessStep[] {
  const { decision, purpose, requirements } = m.facts.accessibility;
  const purposeOf = (lang: Locale) => labelOf('purposes', purpose, lang);
  const steps: AccessStep[] = [
    { code: 'sign_in', text: both((lang) => t(lang, 'path.sign_in', { organization: partner.name[lang] ?? partner.name.en ?? partner.name.ko ?? '' })) },
  ];
  for (const code of PREREQUISITES) {
    if (requirements.includes(code)) steps.push({ code: code as AccessStep['code'], text: both((lang) => t(lang, `path.${code}`)) });
  }
  if (requirements.includes('accept_dua')) steps.push({ code: 'accept_dua', text: both((lang) => t(lang, 'path.accept_dua')) });
  const withRequest = WITH_REQUEST.filter((c) => requirements.includes(c));
  if (m.facts.accessibility.granted) {
    steps.push({ code: 'download', text: both((lang) => t(lang, 'path.downloadGranted', { purpose: purposeOf(lang) })) });
    return steps;
  }
  if (decision === 'enclave_only') {
    steps.push({ code: 'enclave', text: both((lang) => t(lang, 'path.enclave', { purpose: purposeOf(lang) })) });
    return steps;
  }
  if (decision === 'request_required') {
    steps.push({
      code: 'request',
      text: both((lang) =>
        withRequest.length
          ? t(lang, 'path.requestWith', { purpose: purposeOf(lang), items: labels(lang, 'policyRequirements', withRequest) })
          : t(lang, 'path.request', { purpose: purposeOf(lang) }),
      ),
    });
    steps.push({ code: 'download', text: both((lang) => t(lang, 'path.downloadAfterApproval')) });
    return steps;
  }
  steps.push({ code: 'download', text: both((lang) => t(lang, 'path.download')) });
  return steps;
}

