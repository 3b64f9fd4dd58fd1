// Demo seed content: coverage of every disclosure/classification/licence case the product must
// show, registration rules, referential integrity, taxonomies and generated sample files.
import { describe, expect, it } from 'vitest';
import {
  CHANGES_REQUESTED_DATASET_SLUG,
  CONFIDENTIAL_DATASET_SLUG,
  DRAFT_DATASET_SLUG,
  ENCLAVE_MEDICAL_DATASET_SLUG,
  IN_REVIEW_DATASET_SLUG,
  US_CONDITIONAL_APPROVAL_DATASET_SLUG,
  WITHDRAWN_DATASET_SLUG,
  datasets,
} from '../../../seed/data/datasets';
import { DEMO_US_UNIVERSITY_ORG_SLUG, organizations, partnerProfiles } from '../../../seed/data/organizations';
import { procedures } from '../../../seed/data/procedures';
import {
  ACCESS_LEVELS,
  CLASSIFICATION_LEVELS,
  CROSS_BORDER,
  DOMAINS,
  KR_TECH_AREAS,
  LICENSE_IDS,
  METRICS,
  MODALITIES,
  NON_COMMERCIAL_LICENSES,
  ORG_TYPES,
  PERSONAL_INFO,
  PURPOSES,
  SENSITIVE_CATEGORIES,
  TASKS,
  US_CET_AREAS,
  type SeedDataset,
} from '../../../seed/data/types';
import { users } from '../../../seed/data/users';
import { MAX_SAMPLE_BYTES, PNG_SIGNATURE, SAMPLE_CONTENT_TYPES, crc32, samplesFor } from '../../../seed/samples';
import { crosswalk } from '../../../server/taxonomies/crosswalk';
import { glossary } from '../../../server/taxonomies/glossary';

const SLUG = /^[a-z0-9][a-z0-9-]{2,79}$/;
const published = datasets.filter((d) => d.status === 'published');
const bySlug = (slug: string): SeedDataset => {
  const d = datasets.find((x) => x.slug === slug);
  if (!d) throw new Error(`no dataset ${slug}`);
  return d;
};
const orgOf = (slug: string) => organizations.find((o) => o.slug === slug);
const versionOf = (slug: string, version: number) => procedures.find((p) => p.slug === slug)?.versions.find((v) => v.version === version);

describe('identifiers and references', () => {
  it('has 32+ datasets, mostly published', () => {
    expect(datasets.length).toBeGreaterThanOrEqual(32);
    expect(published.length).toBeGreaterThanOrEqual(28);
  });

  it('uses valid, unique slugs everywhere', () => {
    for (const list of [datasets, organizations, procedures]) {
      const slugs = list.map((x) => x.slug);
      for (const s of slugs) expect(s, s).toMatch(SLUG);
      expect(new Set(slugs).size).toBe(slugs.length);
    }
    const emails = users.map((u) => u.email);
    expect(new Set(emails).size).toBe(emails.length);
  });

  it('resolves every providerSlug, orgSlug and procedure reference', () => {
    for (const d of datasets) expect(orgOf(d.providerSlug), `${d.slug} provider`).toBeDefined();
    for (const p of procedures) expect(orgOf(p.providerSlug), `${p.slug} provider`).toBeDefined();
    for (const u of users) expect(orgOf(u.orgSlug), `${u.email} org`).toBeDefined();
    for (const slug of Object.keys(partnerProfiles)) expect(orgOf(slug), `partner profile ${slug}`).toBeDefined();
    for (const d of datasets) {
      if (!d.labeling) continue;
      const v = versionOf(d.labeling.procedureSlug, d.labeling.procedureVersion);
      expect(v, `${d.slug} → ${d.labeling.procedureSlug} v${d.labeling.procedureVersion}`).toBeDefined();
      expect(['active', 'superseded'], d.slug).toContain(v!.status);
    }
  });

  it('datasets use only the fixed codes', () => {
    for (const d of datasets) {
      for (const m of d.modalities) expect(MODALITIES, d.slug).toContain(m);
      for (const t of d.tasks) expect(TASKS, d.slug).toContain(t);
      for (const k of d.techAreas.kr) expect(KR_TECH_AREAS, d.slug).toContain(k);
      for (const u of d.techAreas.us) expect(US_CET_AREAS, d.slug).toContain(u);
      expect(DOMAINS, d.slug).toContain(d.domain);
      expect(LICENSE_IDS, d.slug).toContain(d.license.id);
      for (const p of d.disclosure.allowedPurposes) expect(PURPOSES, d.slug).toContain(p);
      for (const t of d.disclosure.allowedOrgTypes) expect(['*', ...ORG_TYPES], d.slug).toContain(t);
      for (const c of d.disclosure.allowedCountries) expect(c, d.slug).toMatch(/^(\*|[A-Z]{2})$/);
      for (const c of d.classification.sensitiveCategories) expect(SENSITIVE_CATEGORIES, d.slug).toContain(c);
      for (const l of d.languages) expect(l, d.slug).toMatch(/^[a-z]{2,3}(-[A-Z]{2})?$/);
      expect(d.temporalCoverage.start <= d.temporalCoverage.end, d.slug).toBe(true);
      expect(d.disclosure.maxGrantDays, d.slug).toBeGreaterThanOrEqual(1);
      expect(d.disclosure.maxGrantDays, d.slug).toBeLessThanOrEqual(1095);
      if (d.size.bytes !== undefined) expect(Number.isInteger(d.size.bytes), d.slug).toBe(true);
      if (d.size.records !== undefined) expect(Number.isInteger(d.size.records), d.slug).toBe(true);
      if (d.disclosure.allowedCountries.includes('*')) expect(d.disclosure.allowedCountries).toHaveLength(1);
      if (d.disclosure.allowedOrgTypes.includes('*')) expect(d.disclosure.allowedOrgTypes).toHaveLength(1);
    }
  });
});

describe('bilingual content', () => {
  it('published datasets have both languages for title, summary and description', () => {
    for (const d of published) {
      for (const field of ['title', 'summary', 'description'] as const) {
        expect(d[field].ko.trim().length, `${d.slug}.${field}.ko`).toBeGreaterThan(0);
        expect(d[field].en.trim().length, `${d.slug}.${field}.en`).toBeGreaterThan(0);
      }
      expect(d.description.ko.length, d.slug).toBeGreaterThan(120);
      expect(d.description.en.length, d.slug).toBeGreaterThan(200);
      expect(d.keywords.ko.length, d.slug).toBeGreaterThan(0);
      expect(d.keywords.en.length, d.slug).toBeGreaterThan(0);
    }
  });

  it('summaries are at most 300 characters in each language', () => {
    for (const d of datasets) {
      expect(d.summary.ko.length, `${d.slug}.summary.ko`).toBeLessThanOrEqual(300);
      expect(d.summary.en.length, `${d.slug}.summary.en`).toBeLessThanOrEqual(300);
    }
  });
});

describe('registration rules (docs/design.md §4)', () => {
  it('sensitive/confidential ⇒ approval|enclave|closed and samples not open', () => {
    for (const d of datasets) {
      if (d.classification.level === 'sensitive' || d.classification.level === 'confidential') {
        expect(['approval', 'enclave', 'closed'], d.slug).toContain(d.disclosure.accessLevel);
        expect(d.disclosure.samplesAccess, d.slug).not.toBe('open');
      }
    }
  });

  it('identifiable personal information ⇒ approval|enclave|closed', () => {
    for (const d of datasets) {
      if (d.classification.personalInfo === 'identifiable') {
        expect(['approval', 'enclave', 'closed'], d.slug).toContain(d.disclosure.accessLevel);
      }
    }
  });

  it('commercialUse only qualifies custom licences; non-commercial terms do not allow commercial purposes', () => {
    for (const d of datasets) {
      if (d.license.id === 'custom') expect(typeof d.license.commercialUse, d.slug).toBe('boolean');
      else expect(d.license.commercialUse, d.slug).toBeUndefined();
      const nonCommercial =
        NON_COMMERCIAL_LICENSES.includes(d.license.id) || (d.license.id === 'custom' && d.license.commercialUse === false);
      if (nonCommercial) expect(d.disclosure.allowedPurposes, d.slug).not.toContain('commercial');
    }
  });

  it('export-controlled datasets name their regime', () => {
    for (const d of datasets)
      if (d.classification.exportControl.controlled) expect(d.classification.exportControl.regime, d.slug).toBeDefined();
  });
});

describe('coverage of disclosure cases', () => {
  it('covers every access level among published datasets', () => {
    for (const level of ACCESS_LEVELS)
      expect(
        published.some((d) => d.disclosure.accessLevel === level),
        level,
      ).toBe(true);
  });

  it('covers every classification level among published datasets', () => {
    for (const level of CLASSIFICATION_LEVELS)
      expect(
        published.some((d) => d.classification.level === level),
        level,
      ).toBe(true);
  });

  it('covers every personal-information status and every cross-border value', () => {
    for (const p of PERSONAL_INFO)
      expect(
        published.some((d) => d.classification.personalInfo === p),
        p,
      ).toBe(true);
    for (const c of CROSS_BORDER)
      expect(
        published.some((d) => d.disclosure.crossBorder === c),
        c,
      ).toBe(true);
  });

  it('covers every licence family', () => {
    const ids = new Set(datasets.map((d) => d.license.id));
    for (const id of ['KOGL-0', 'KOGL-1', 'KOGL-2', 'KOGL-3', 'KOGL-4', 'CC0-1.0'] as const) expect(ids.has(id), id).toBe(true);
    const ccBy = [...ids].filter((id) => id.startsWith('CC-BY'));
    expect(ccBy.length).toBeGreaterThanOrEqual(4);
    expect(ccBy.some((id) => id.includes('-NC'))).toBe(true);
    expect(datasets.some((d) => d.license.id === 'custom' && d.license.commercialUse === true)).toBe(true);
    expect(datasets.some((d) => d.license.id === 'custom' && d.license.commercialUse === false)).toBe(true);
  });

  it('uses several sensitive categories, export control and national core technology', () => {
    const cats = new Set(published.flatMap((d) => d.classification.sensitiveCategories));
    expect(cats.size).toBeGreaterThanOrEqual(4);
    expect(
      published.some((d) => d.classification.exportControl.controlled && d.classification.exportControl.regime === 'kr_strategic'),
    ).toBe(true);
    expect(published.some((d) => d.classification.nationalCoreTechnology)).toBe(true);
  });

  it('restricts some datasets to Korea only and some to certain organisation types', () => {
    expect(published.some((d) => d.disclosure.allowedCountries.length === 1 && d.disclosure.allowedCountries[0] === 'KR')).toBe(true);
    expect(published.some((d) => !d.disclosure.allowedOrgTypes.includes('*'))).toBe(true);
  });

  it('has an enclave-only medical imaging dataset', () => {
    const d = bySlug(ENCLAVE_MEDICAL_DATASET_SLUG);
    expect(d.status).toBe('published');
    expect(d.domain).toBe('healthcare');
    expect(d.modalities).toContain('image');
    expect(d.disclosure.accessLevel).toBe('enclave');
    expect(d.classification.sensitiveCategories).toContain('health');
  });

  it('has a US-university-friendly approval dataset with conditional cross-border use and a DUA', () => {
    const d = bySlug(US_CONDITIONAL_APPROVAL_DATASET_SLUG);
    const partnerOrg = orgOf(DEMO_US_UNIVERSITY_ORG_SLUG)!;
    expect(d.status).toBe('published');
    expect(d.disclosure.accessLevel).toBe('approval');
    expect(d.disclosure.crossBorder).toBe('conditional');
    expect(d.disclosure.conditions.dua).toBe(true);
    expect(d.disclosure.conditions.irb).toBe(false);
    // Nothing may turn the US university's request into a deny or add other blocking requirements.
    expect(d.disclosure.allowedCountries.includes('*') || d.disclosure.allowedCountries.includes(partnerOrg.country)).toBe(true);
    expect(d.disclosure.allowedOrgTypes.includes('*') || d.disclosure.allowedOrgTypes.includes(partnerOrg.type)).toBe(true);
    expect(d.disclosure.allowedPurposes).toContain('research');
    expect(d.classification.personalInfo).not.toBe('identifiable');
    expect(d.classification.personalInfo).not.toBe('pseudonymized');
    expect(d.classification.exportControl.controlled).toBe(false);
    expect(d.classification.nationalCoreTechnology).toBe(false);
    expect(['public', 'internal']).toContain(d.classification.level);
  });

  it('has a published confidential dataset', () => {
    const d = bySlug(CONFIDENTIAL_DATASET_SLUG);
    expect(d.status).toBe('published');
    expect(d.classification.level).toBe('confidential');
  });

  it('has one dataset in each non-published workflow state', () => {
    expect(bySlug(DRAFT_DATASET_SLUG).status).toBe('draft');
    expect(bySlug(IN_REVIEW_DATASET_SLUG).status).toBe('in_review');
    expect(bySlug(CHANGES_REQUESTED_DATASET_SLUG).status).toBe('changes_requested');
    expect(bySlug(WITHDRAWN_DATASET_SLUG).status).toBe('withdrawn');
  });

  it('reports labeling results that sometimes meet and sometimes miss the procedure targets', () => {
    let allMet = 0;
    let someMissed = 0;
    for (const d of published) {
      if (!d.labeling) continue;
      const v = versionOf(d.labeling.procedureSlug, d.labeling.procedureVersion)!;
      for (const r of d.labeling.results) {
        expect(METRICS, d.slug).toContain(r.metric);
        expect(r.value, d.slug).toBeGreaterThanOrEqual(0);
        expect(r.value, d.slug).toBeLessThanOrEqual(1);
      }
      const met = v.qa.targets.every((t) => {
        const r = d.labeling!.results.find((x) => x.metric === t.metric);
        return r !== undefined && (t.direction === 'lower_better' ? r.value <= t.target : r.value >= t.target);
      });
      if (met) allMet++;
      else someMissed++;
    }
    expect(allMet).toBeGreaterThan(0);
    expect(someMissed).toBeGreaterThan(0);
  });
});

describe('labeling procedures', () => {
  it('has 6+ procedures with contiguous versions and a sensible status history', () => {
    expect(procedures.length).toBeGreaterThanOrEqual(6);
    let draftOnActive = 0;
    for (const p of procedures) {
      expect(p.versions.length, p.slug).toBeGreaterThanOrEqual(2);
      p.versions.forEach((v, i) => expect(v.version, p.slug).toBe(i + 1));
      expect(p.versions.filter((v) => v.status === 'active').length, p.slug).toBe(1);
      const latest = p.versions[p.versions.length - 1];
      if (latest.status === 'draft') {
        expect(p.versions[p.versions.length - 2].status, p.slug).toBe('active');
        draftOnActive++;
        for (const v of p.versions.slice(0, -2)) expect(v.status, `${p.slug} v${v.version}`).toBe('superseded');
      } else {
        expect(latest.status, p.slug).toBe('active');
        for (const v of p.versions.slice(0, -1)) expect(v.status, `${p.slug} v${v.version}`).toBe('superseded');
      }
    }
    expect(draftOnActive).toBeGreaterThanOrEqual(1);
  });

  it('every version is complete and bilingual', () => {
    for (const p of procedures) {
      for (const v of p.versions) {
        const at = `${p.slug} v${v.version}`;
        expect(TASKS, at).toContain(v.taskType);
        expect(v.title.ko && v.title.en, at).toBeTruthy();
        expect(v.guideline.summary.ko && v.guideline.summary.en, at).toBeTruthy();
        expect(v.steps.length, at).toBeGreaterThanOrEqual(3);
        expect(v.steps.length, at).toBeLessThanOrEqual(6);
        for (const s of v.steps) expect(s.name.ko && s.name.en && s.description.ko && s.description.en, at).toBeTruthy();
        expect(v.labelSchema.classes.length, at).toBeGreaterThan(0);
        const codes = v.labelSchema.classes.map((c) => c.code);
        expect(new Set(codes).size, at).toBe(codes.length);
        for (const c of v.labelSchema.classes) expect(c.name.ko && c.name.en, at).toBeTruthy();
        for (const a of v.labelSchema.attributes ?? [])
          expect(a.type === 'enum' ? (a.values?.length ?? 0) > 0 : a.values === undefined, `${at} ${a.code}`).toBe(true);
        expect(v.tools.length, at).toBeGreaterThan(0);
        if (v.qa.inspection === 'sampling') expect(v.qa.samplingRate, at).toBeGreaterThan(0);
        expect(v.qa.targets.length, at).toBeGreaterThan(0);
        for (const t of v.qa.targets) expect(METRICS, at).toContain(t.metric);
      }
    }
  });

  it('versions differ from their predecessor', () => {
    for (const p of procedures) {
      for (let i = 1; i < p.versions.length; i++) {
        const strip = ({ version: _v, status: _s, ...rest }: (typeof p.versions)[number]) => JSON.stringify(rest);
        expect(strip(p.versions[i]), `${p.slug} v${i + 1}`).not.toBe(strip(p.versions[i - 1]));
      }
    }
  });
});

describe('taxonomies', () => {
  it('the crosswalk covers all 12 Korean and 18 US codes', () => {
    expect(KR_TECH_AREAS).toHaveLength(12);
    expect(US_CET_AREAS).toHaveLength(18);
    for (const k of KR_TECH_AREAS)
      expect(
        crosswalk.some((c) => c.kr === k),
        k,
      ).toBe(true);
    for (const u of US_CET_AREAS)
      expect(
        crosswalk.some((c) => c.us === u),
        u,
      ).toBe(true);
    for (const c of crosswalk) {
      expect(KR_TECH_AREAS).toContain(c.kr);
      expect(US_CET_AREAS).toContain(c.us);
      expect([1, 0.5]).toContain(c.strength);
    }
    const pairs = crosswalk.map((c) => `${c.kr}|${c.us}`);
    expect(new Set(pairs).size).toBe(pairs.length);
  });

  it('the glossary has 150+ entries with non-empty Korean and English terms', () => {
    expect(glossary.length).toBeGreaterThanOrEqual(150);
    for (const e of glossary) {
      expect(e.ko.length).toBeGreaterThan(0);
      expect(e.en.length).toBeGreaterThan(0);
      for (const t of [...e.ko, ...e.en]) expect(t.trim().length).toBeGreaterThan(0);
    }
  });

  it('the glossary covers every modality, task and domain and the core search vocabulary', () => {
    const en = new Set(glossary.flatMap((e) => e.en.map((t) => t.toLowerCase())));
    for (const code of [...MODALITIES, ...TASKS, ...DOMAINS]) {
      expect(en.has(code) || en.has(code.replace(/_/g, ' ')), code).toBe(true);
    }
    const pairs: Array<[string, string]> = [
      ['음성인식', 'speech recognition'],
      ['음성 인식', 'asr'],
      ['의료영상', 'medical imaging'],
      ['자율주행', 'autonomous driving'],
      ['차량', 'vehicle'],
      ['말뭉치', 'corpus'],
      ['병렬 말뭉치', 'parallel corpus'],
      ['번역', 'translation'],
      ['반도체', 'semiconductor'],
      ['결함', 'defect'],
      ['화재', 'fire'],
      ['교통', 'traffic'],
      ['신호등', 'traffic light'],
      ['위성', 'satellite'],
      ['방언', 'dialect'],
      ['감정', 'emotion'],
      ['얼굴', 'face'],
      ['질의응답', 'question answering'],
    ];
    for (const [ko, enTerm] of pairs) {
      expect(
        glossary.some((e) => e.ko.includes(ko) && e.en.includes(enTerm)),
        `${ko} ↔ ${enTerm}`,
      ).toBe(true);
    }
  });
});

describe('demo accounts (docs/design.md §8)', () => {
  const user = (email: string) => users.find((u) => u.email === email)!;

  it('has the five demo accounts with the right roles and organisations', () => {
    for (const email of ['admin@demo.kr', 'provider@demo.kr', 'reviewer@demo.kr', 'researcher@demo.kr', 'partner@demo.org']) {
      expect(user(email), email).toBeDefined();
    }
    expect(user('admin@demo.kr').roles).toContain('admin');
    expect(orgOf(user('admin@demo.kr').orgSlug)!.nationalReviewer).toBe(true);

    const provider = user('provider@demo.kr');
    const reviewer = user('reviewer@demo.kr');
    expect(provider.roles).toContain('provider');
    expect(reviewer.roles).toContain('reviewer');
    expect(provider.orgSlug).toBe(reviewer.orgSlug);
    expect(provider.orgSlug).toBe('kdata-agency');
    expect(orgOf(provider.orgSlug)).toMatchObject({ country: 'KR', type: 'public_agency' });

    const researcher = user('researcher@demo.kr');
    expect(researcher.roles).toContain('researcher');
    expect(orgOf(researcher.orgSlug)).toMatchObject({ country: 'KR', type: 'university' });

    const partner = user('partner@demo.org');
    expect(partner.orgSlug).toBe(DEMO_US_UNIVERSITY_ORG_SLUG);
    expect(orgOf(partner.orgSlug)).toMatchObject({ country: 'US', type: 'university' });
    expect(partnerProfiles[partner.orgSlug]).toBeDefined();
  });

  it('has a national reviewer and US partners including an FFRDC and a company', () => {
    const nr = user('national-reviewer@demo.kr');
    expect(nr.roles).toContain('reviewer');
    expect(orgOf(nr.orgSlug)!.nationalReviewer).toBe(true);
    const us = organizations.filter((o) => o.country === 'US').map((o) => o.type);
    expect(us).toEqual(expect.arrayContaining(['university', 'ffrdc', 'company']));
    expect(organizations.filter((o) => o.nationalReviewer)).toHaveLength(1);
  });

  it('the demo provider agency owns datasets and procedures', () => {
    expect(datasets.some((d) => d.providerSlug === 'kdata-agency' && d.status === 'published')).toBe(true);
    expect(procedures.some((p) => p.providerSlug === 'kdata-agency')).toBe(true);
  });
});

describe('generated sample files', () => {
  const all = datasets.map((d) => ({ d, files: samplesFor(d) }));

  it('gives every published non-closed dataset at least one sample, and every dataset a datacard and schema', () => {
    for (const { d, files } of all) {
      if (d.status === 'published' && d.disclosure.accessLevel !== 'closed') {
        expect(
          files.some((f) => f.kind === 'sample'),
          d.slug,
        ).toBe(true);
      }
      expect(
        files.filter((f) => f.kind === 'datacard'),
        d.slug,
      ).toHaveLength(1);
      expect(
        files.filter((f) => f.kind === 'schema'),
        d.slug,
      ).toHaveLength(1);
      expect(
        files.some((f) => f.kind === 'guideline'),
        d.slug,
      ).toBe(!!d.labeling);
    }
  });

  it('keeps every body within 64 KiB, with allowed content types and unique file names', () => {
    for (const { d, files } of all) {
      const names = files.map((f) => f.filename);
      expect(new Set(names).size, d.slug).toBe(names.length);
      for (const f of files) {
        expect(f.body.length, `${d.slug}/${f.filename}`).toBeGreaterThan(0);
        expect(f.body.length, `${d.slug}/${f.filename}`).toBeLessThanOrEqual(MAX_SAMPLE_BYTES);
        expect(SAMPLE_CONTENT_TYPES as readonly string[], `${d.slug}/${f.filename}`).toContain(f.contentType);
        expect(f.filename, `${d.slug}/${f.filename}`).toMatch(/^[^/\\]+$/);
      }
    }
  });

  it('is deterministic', () => {
    for (const d of datasets.slice(0, 8)) {
      const a = samplesFor(d);
      const b = samplesFor(d);
      expect(a.map((f) => f.body.toString('base64'))).toEqual(b.map((f) => f.body.toString('base64')));
    }
  });

  it('produces valid PNG files', () => {
    const pngs = all.flatMap(({ files }) => files.filter((f) => f.contentType === 'image/png'));
    expect(pngs.length).toBeGreaterThan(5);
    for (const f of pngs) {
      expect(f.body.subarray(0, 8).equals(PNG_SIGNATURE), f.filename).toBe(true);
      expect(f.body.toString('ascii', 12, 16)).toBe('IHDR');
      // IHDR CRC covers type + data.
      const ihdr = f.body.subarray(12, 12 + 4 + 13);
      expect(f.body.readUInt32BE(12 + 4 + 13), f.filename).toBe(crc32(ihdr));
      expect(f.body.readUInt32BE(16)).toBeGreaterThan(0);
      expect(f.body.toString('ascii', f.body.length - 8, f.body.length - 4)).toBe('IEND');
    }
  });

  it('produces valid 16 kHz 16-bit mono PCM WAV files', () => {
    const wavs = all.flatMap(({ files }) => files.filter((f) => f.contentType === 'audio/wav'));
    expect(wavs.length).toBeGreaterThan(3);
    for (const f of wavs) {
      expect(f.body.toString('ascii', 0, 4)).toBe('RIFF');
      expect(f.body.readUInt32LE(4)).toBe(f.body.length - 8);
      expect(f.body.toString('ascii', 8, 12)).toBe('WAVE');
      expect(f.body.toString('ascii', 12, 16)).toBe('fmt ');
      expect(f.body.readUInt16LE(20)).toBe(1);
      expect(f.body.readUInt16LE(22)).toBe(1);
      expect(f.body.readUInt32LE(24)).toBe(16000);
      expect(f.body.readUInt16LE(34)).toBe(16);
      expect(f.body.toString('ascii', 36, 40)).toBe('data');
      expect(f.body.readUInt32LE(40)).toBe(f.body.length - 44);
      expect(f.body.length - 44).toBeGreaterThanOrEqual(16000 * 2 * 0.2);
    }
  });

  it('produces parseable JSON, JSON Lines and CSV', () => {
    for (const { d, files } of all) {
      for (const f of files) {
        const text = f.body.toString('utf8');
        if (f.contentType === 'application/json') expect(() => JSON.parse(text), `${d.slug}/${f.filename}`).not.toThrow();
        if (f.contentType === 'application/x-ndjson') {
          for (const line of text.trim().split('\n')) expect(() => JSON.parse(line), `${d.slug}/${f.filename}`).not.toThrow();
        }
        if (f.contentType === 'text/csv') {
          const [header, ...rows] = text.trim().split('\n');
          expect(rows.length, `${d.slug}/${f.filename}`).toBeGreaterThan(0);
          const cols = header.split(',').length;
          for (const r of rows.filter((x) => !x.includes('"'))) expect(r.split(',').length, `${d.slug}/${f.filename}`).toBe(cols);
        }
      }
    }
  });

  it('datacards are bilingual and guidelines carry the procedure steps', () => {
    for (const { d, files } of all) {
      const card = files.find((f) => f.kind === 'datacard')!.body.toString('utf8');
      expect(card, d.slug).toContain(d.title.ko);
      expect(card, d.slug).toContain(d.title.en);
      expect(card, d.slug).toContain(d.description.en);
      const guide = files.find((f) => f.kind === 'guideline');
      if (guide && d.labeling) {
        const v = versionOf(d.labeling.procedureSlug, d.labeling.procedureVersion)!;
        const text = guide.body.toString('utf8');
        for (const s of v.steps) expect(text, d.slug).toContain(s.name.en);
      }
    }
  });
});
