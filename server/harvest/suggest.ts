// Technology areas and modalities suggested for a harvested dataset from its keywords and themes
// (docs/harvesting.md "Suggestions"): each keyword, and each of its words, is widened through the
// search glossary (server/taxonomies/glossary.ts: 음성인식 ↔ speech recognition …); the widened terms are
// matched against the labels of the KR 12 / US CET areas and of the modalities, and a few cue words;
// a match on one side brings its crosswalk partners of strength 1 (server/taxonomies/crosswalk.ts).
import { KR_TECHNOLOGIES, MODALITIES, US_CET_AREAS } from '../../schemas/taxonomy';
import { crosswalk } from '../taxonomies/crosswalk';
import { glossary } from '../taxonomies/glossary';

export interface Suggestion {
  techAreas: { kr: string[]; us: string[] };
  modalities: string[];
}

const norm = (s: string) => s.toLowerCase().normalize('NFC').replace(/[\s_-]+/g, ' ').trim();

/** Term → glossary entries holding it. */
const GLOSSARY = new Map<string, number[]>();
glossary.forEach((entry, i) => {
  for (const t of [...entry.ko, ...entry.en]) {
    const k = norm(t);
    GLOSSARY.set(k, [...(GLOSSARY.get(k) ?? []), i]);
  }
});

type Target = { kind: 'kr' | 'us' | 'modality'; code: string };
/** Term → what it names: the taxonomy labels themselves plus cue words of each area. */
const CUES = new Map<string, Target[]>();
function cue(kind: Target['kind'], code: string, terms: string[]): void {
  for (const t of terms) CUES.set(norm(t), [...(CUES.get(norm(t)) ?? []), { kind, code }]);
}
for (const t of KR_TECHNOLOGIES) cue('kr', t.code, [t.label.ko, t.label.en, t.code]);
for (const t of US_CET_AREAS) cue('us', t.code, [t.label.ko, t.label.en, t.code]);
for (const m of MODALITIES) cue('modality', m.code, [m.label.ko, m.label.en, m.code]);
cue('kr', 'artificial_intelligence', ['ai', 'machine learning', 'deep learning', '머신러닝', '딥러닝', '기계학습']);
cue('kr', 'semiconductors_displays', ['semiconductor', 'semiconductors', '반도체', 'display', '디스플레이', 'wafer']);
cue('kr', 'secondary_batteries', ['battery', 'batteries', '배터리', '이차전지']);
cue('kr', 'advanced_mobility', ['autonomous driving', 'self driving', 'mobility', 'vehicle', '자율주행', '모빌리티', 'transportation', 'traffic']);
cue('kr', 'next_gen_nuclear', ['nuclear', '원자력']);
cue('kr', 'advanced_biotech', ['biotechnology', 'genomics', 'genome', 'bio', '바이오', '유전체']);
cue('kr', 'aerospace_marine', ['space', 'satellite', 'aerospace', 'ocean', 'marine', '우주', '위성', '해양']);
cue('kr', 'hydrogen', ['hydrogen', '수소']);
cue('kr', 'cybersecurity', ['cybersecurity', 'security', 'privacy', '보안', '사이버보안']);
cue('kr', 'next_gen_communications', ['5g', '6g', 'telecommunications', 'network', '통신']);
cue('kr', 'advanced_robotics_manufacturing', ['robot', 'robotics', 'manufacturing', '로봇', '제조']);
cue('kr', 'quantum', ['quantum', '양자']);
cue('us', 'clean_energy_generation_storage', ['energy', 'renewable energy', 'solar', '에너지']);
cue('modality', 'speech', ['voice', 'asr', 'speech recognition']);
cue('modality', 'image', ['imagery', 'photo', 'photos', 'images']);
cue('modality', 'tabular', ['csv', 'spreadsheet', 'statistics']);
cue('modality', 'geospatial', ['gis', 'geospatial', 'map', 'maps']);
cue('modality', 'timeseries', ['time series']);

/** Every term a keyword brings: itself, its words, and the glossary entries either belongs to. */
function widen(keyword: string): Set<string> {
  const k = norm(keyword);
  const out = new Set<string>([k, ...k.split(' ')]);
  for (const term of [...out]) for (const i of GLOSSARY.get(term) ?? []) for (const t of [...glossary[i].ko, ...glossary[i].en]) out.add(norm(t));
  return out;
}

/** Suggests techAreas (kr, us) and modalities for the keywords and themes of a record. */
export function suggest(words: readonly string[]): Suggestion {
  const kr = new Set<string>();
  const us = new Set<string>();
  const modalities = new Set<string>();
  for (const w of words) {
    for (const term of widen(w)) {
      for (const t of CUES.get(term) ?? []) (t.kind === 'kr' ? kr : t.kind === 'us' ? us : modalities).add(t.code);
    }
  }
  // The crosswalk's same-field pairs carry a match to the other country's list.
  for (const pair of crosswalk) {
    if (pair.strength !== 1) continue;
    if (kr.has(pair.kr)) us.add(pair.us);
    if (us.has(pair.us)) kr.add(pair.kr);
  }
  const order = <T extends { code: string }>(list: readonly T[], set: Set<string>) => list.map((x) => x.code).filter((c) => set.has(c));
  return { techAreas: { kr: order(KR_TECHNOLOGIES, kr), us: order(US_CET_AREAS, us) }, modalities: order(MODALITIES, modalities) };
}
