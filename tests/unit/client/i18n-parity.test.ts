// The client's Korean and English resources stay in step: same namespaces, same keys, same
// interpolation variables, no empty messages. Plural keys are compared by their base key, since
// Korean has one plural form (`_other`) where English has two (`_one`, `_other`).
import { describe, expect, it } from 'vitest';
import { flatResources, LANGS, namespaces, PLURAL_SUFFIX, variables } from './locales';

const REQUIRED_PLURAL_FORMS: Record<(typeof LANGS)[number], string[]> = { ko: ['other'], en: ['one', 'other'] };

interface Entry {
  forms: Record<string, string>;
}

/** Groups a namespace's messages by base key: plain keys have the single form ''. */
function entries(lang: string, ns: string): { entries: Map<string, Entry>; problems: string[] } {
  const out = new Map<string, Entry>();
  const problems: string[] = [];
  for (const [key, value] of Object.entries(flatResources(lang, ns))) {
    if (typeof value !== 'string') {
      problems.push(`${lang}/${ns}.json ${key}: not a string (${JSON.stringify(value)})`);
      continue;
    }
    if (!value.trim()) problems.push(`${lang}/${ns}.json ${key}: empty`);
    const m = PLURAL_SUFFIX.exec(key);
    const base = m ? key.slice(0, m.index) : key;
    const form = m ? m[1] : '';
    const entry = out.get(base) ?? { forms: {} };
    entry.forms[form] = value;
    out.set(base, entry);
  }
  return { entries: out, problems };
}

describe('client i18n resources', () => {
  it('has the same namespaces in Korean and English', () => {
    expect(namespaces('ko')).toEqual(namespaces('en'));
    expect(namespaces('en')).toContain('common');
  });

  for (const ns of namespaces('en')) {
    it(`${ns}: same keys, same interpolation variables, no empty values`, () => {
      const ko = entries('ko', ns);
      const en = entries('en', ns);
      const problems = [...ko.problems, ...en.problems];

      const koKeys = [...ko.entries.keys()].sort();
      const enKeys = [...en.entries.keys()].sort();
      for (const k of enKeys) if (!ko.entries.has(k)) problems.push(`ko/${ns}.json lacks ${k}`);
      for (const k of koKeys) if (!en.entries.has(k)) problems.push(`en/${ns}.json lacks ${k}`);

      for (const [key, enEntry] of en.entries) {
        const koEntry = ko.entries.get(key);
        if (!koEntry) continue;
        const plural = !('' in enEntry.forms) || !('' in koEntry.forms);
        if (plural) {
          for (const lang of LANGS) {
            const entry = lang === 'ko' ? koEntry : enEntry;
            if ('' in entry.forms) problems.push(`${lang}/${ns}.json ${key}: plural in one language, plain in the other`);
            for (const form of REQUIRED_PLURAL_FORMS[lang])
              if (!(form in entry.forms)) problems.push(`${lang}/${ns}.json ${key}_${form}: missing plural form`);
          }
        }
        const koVars = [...new Set(Object.values(koEntry.forms).flatMap(variables))].sort();
        const enVars = [...new Set(Object.values(enEntry.forms).flatMap(variables))].sort();
        if (JSON.stringify(koVars) !== JSON.stringify(enVars))
          problems.push(`${ns}:${key}: variables ko ${JSON.stringify(koVars)} ≠ en ${JSON.stringify(enVars)}`);
      }
      expect(problems).toEqual([]);
    });
  }
});
