/**
 * Issue 15: is a real morphological analyser — Kiwi, through its WASM build kiwi-nlp — better for
 * search than the hand-written Korean analysis (server/search/korean.ts)? Measures, on the demo
 * catalogue, nDCG@10 and recall@10 of the real CatalogIndex on the general relevance set and the
 * compound/word-form set (per set and per kind, and every query whose nDCG differs) with the
 * hand-written analysis and with Kiwi swapped in through setKoreanAnalyzer; Kiwi's start-up time
 * (WASM + model load) and the RSS/heap/external memory it adds; the time to index the demo catalogue
 * with each analyser; and the heap of an index of 20,000 synthetic datasets with each. docs/search.md,
 * "Evaluated: Kiwi (kiwi-nlp)", has the numbers and the decision.
 *
 * kiwi-nlp (LGPL-2.1) is deliberately NOT a dependency of the project, and its model files are not in
 * the npm package at all; both are installed outside the repository:
 *   mkdir -p /tmp/kiwi-eval && cd /tmp/kiwi-eval && npm init -y && npm install kiwi-nlp@0.23.0
 *   pip download kiwipiepy-model==0.24.0 --no-deps -d /tmp/kiwi-model
 *   tar xzf /tmp/kiwi-model/kiwipiepy_model-0.24.0.tar.gz -C /tmp/kiwi-model
 * Usage:
 *   npx tsx bench/kiwi-eval.ts --kiwi-dir /tmp/kiwi-eval \
 *     --model-dir /tmp/kiwi-model/kiwipiepy_model-0.24.0/kiwipiepy_model [--lean] [--no-synthetic]
 * --lean loads Kiwi without its multi-word (WikiData) and typo dictionaries (less memory).
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Types } from 'mongoose';
import type { Requester } from '../server/policy/types';
import type { CatalogIndex } from '../server/search/catalog-index';
import { CatalogIndex as Index } from '../server/search/catalog-index';
import { entryOf } from '../server/search/entry';
import { type KoreanAnalyzer, setKoreanAnalyzer } from '../server/search/korean';
import { COMPOUND_SET, RELEVANCE_SET, meanMetric, ndcgAt, recallAt } from '../tests/fixtures/search-relevance';
import { demoIndex } from '../tests/helpers/seed-catalog';
import { syntheticDatasets } from './search';

v8.setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const kiwiDir = arg('--kiwi-dir') ?? '/tmp/kiwi-eval';
const modelDir = arg('--model-dir');
const lean = process.argv.includes('--lean');
const synthetic = !process.argv.includes('--no-synthetic');
if (!modelDir) {
  console.error(
    'usage: npx tsx bench/kiwi-eval.ts --kiwi-dir <dir holding node_modules/kiwi-nlp> --model-dir <kiwipiepy_model dir> [--lean] [--no-synthetic]',
  );
  process.exit(2);
}

const MB = 2 ** 20;
const mb = (bytes: number) => `${(bytes / MB).toFixed(0)} MB`;
function memory() {
  gc();
  gc();
  return process.memoryUsage();
}

// ---- Kiwi as a KoreanAnalyzer -------------------------------------------------------------------

interface KiwiToken {
  str: string;
  tag: string;
  position: number;
  length: number;
}
interface Kiwi {
  tokenize(str: string): KiwiToken[];
}

/**
 * Morphemes stripped from the end of a word to reach its stem: particles (J*), endings (E*),
 * derivational suffixes (XS*: 용, 별, 적, 들, 하-, 되-) and the copula (이다) — what the hand-written
 * analysis strips as particles and endings.
 */
const STRIP = /^(J|E|XS|VCP)/;
/** Derivational noun suffixes: the form before them is kept as well (음성인식용 → 음성인식용, 음성인식). */
const NOUN_SUFFIX = 'XSN';
/**
 * Compound parts: common and proper nouns, roots, and foreign words, numbers and Hanja. Not bound
 * nouns (NNB: 것, 수, 등, 개 — function words as search terms), numerals (NR) or prefixes (XPN: 비-,
 * 초-), which as required parts of a query would match nearly anything.
 */
const PART = new Set(['NNG', 'NNP', 'XR', 'SL', 'SN', 'SH']);

function kiwiAnalyzer(kiwi: Kiwi): KoreanAnalyzer & { cached: () => number; tokenizeMs: () => number } {
  const cache = new Map<string, { forms: string[]; parts: string[] | null }>();
  let tokenizeMs = 0;
  function analyse(word: string) {
    let a = cache.get(word);
    if (a) return a;
    const t0 = performance.now();
    const tokens = kiwi.tokenize(word);
    tokenizeMs += performance.now() - t0;
    // The surface up to the end of morpheme k (its dictionary form when Kiwi restored it: 했 → 하).
    const upTo = (k: number) => {
      const t = tokens[k];
      return word.slice(0, t.position) + t.str;
    };
    let last = tokens.length - 1;
    let withSuffix: string | null = null;
    while (last >= 0 && STRIP.test(tokens[last].tag)) {
      if (tokens[last].tag === NOUN_SUFFIX && last > 0 && !STRIP.test(tokens[last - 1].tag)) withSuffix = upTo(last);
      last--;
    }
    const stem = last >= 0 ? upTo(last) : word;
    const forms = [...new Set([withSuffix, stem].filter((f): f is string => !!f && f.length > 0))];
    const parts = tokens.filter((t) => PART.has(t.tag)).map((t) => t.str);
    a = { forms: forms.length ? forms : [word], parts: parts.length >= 2 ? parts : null };
    cache.set(word, a);
    return a;
  }
  return { forms: (w) => analyse(w).forms, parts: (w) => analyse(w).parts, cached: () => cache.size, tokenizeMs: () => tokenizeMs };
}

async function loadKiwi(): Promise<{ kiwi: Kiwi; version: string; wasmMs: number; buildMs: number; files: Record<string, number> }> {
  const pkg = path.join(kiwiDir, 'node_modules', 'kiwi-nlp', 'dist');
  const { KiwiBuilder } = (await import(pathToFileURL(path.join(pkg, 'index.js')).href)) as {
    KiwiBuilder: { create(wasm: string): Promise<{ version(): string; build(args: object): Promise<Kiwi> }> };
  };
  const t0 = performance.now();
  const builder = await KiwiBuilder.create(path.join(pkg, 'kiwi-wasm.wasm'));
  const wasmMs = performance.now() - t0;
  const skip = lean ? new Set(['multi.dict', 'typo.dict']) : new Set<string>();
  const modelFiles: Record<string, Uint8Array> = {};
  const files: Record<string, number> = {};
  for (const f of fs.readdirSync(modelDir!)) {
    if (f.endsWith('.py') || f.startsWith('_') || skip.has(f)) continue;
    modelFiles[f] = fs.readFileSync(path.join(modelDir!, f));
    files[f] = modelFiles[f].byteLength;
  }
  const kiwi = await builder.build({ modelFiles, loadMultiDict: !lean, loadTypoDict: !lean });
  return { kiwi, version: builder.version(), wasmMs, buildMs: performance.now() - t0 - wasmMs, files };
}

// ---- Running the engine on the relevance sets ---------------------------------------------------

interface Judged {
  q: string;
  kind: string;
  relevant: Record<string, number>;
}
const viewer = { authenticated: true, organizationId: null, wide: false };
const nobody: Requester = { authenticated: true, country: 'KR', orgType: 'university', providerMember: false, reviewer: false, grants: [] };

function ranked(index: CatalogIndex, q: string): string[] {
  return index
    .search(
      { q, filters: {}, availableTo: [], purposes: [], sort: 'relevance', lang: 'en', page: 1, pageSize: 10 },
      { viewer, requester: () => nobody },
    )
    .hits.map((h) => h.entry.slug);
}

type Runs = Array<{ judged: Judged; ranked: string[] }>;
const SETS: Array<[string, Judged[]]> = [
  ['general', RELEVANCE_SET],
  ['compound', COMPOUND_SET],
];

function runSets(index: CatalogIndex): Record<string, Runs> {
  const out: Record<string, Runs> = {};
  for (const [name, set] of SETS) out[name] = set.map((judged) => ({ judged, ranked: ranked(index, judged.q) }));
  return out;
}

const fmt = (x: number) => x.toFixed(3);
function summary(label: string, runs: Runs): string {
  const kinds = [...new Set(runs.map((r) => r.judged.kind))];
  const byKind = kinds
    .map((k) => {
      const of = runs.filter((r) => r.judged.kind === k);
      return `${k} ${fmt(meanMetric(of, ndcgAt))}/${fmt(meanMetric(of, recallAt))} (${of.length})`;
    })
    .join(', ');
  return `${label.padEnd(28)} nDCG@10 ${fmt(meanMetric(runs, ndcgAt))}  recall@10 ${fmt(meanMetric(runs, recallAt))}   by kind nDCG/recall: ${byKind}`;
}

/** An index of `n` synthetic datasets (bench/search.ts), built as the app builds entries; its heap growth. */
function syntheticIndexHeap(n: number): { ms: number; heap: number } {
  const orgs = Array.from({ length: 8 }, (_, i) => ({
    _id: new Types.ObjectId(),
    slug: `org-${i}`,
    name: { ko: `기관 ${i}`, en: `Org ${i}` },
    country: 'KR',
    type: 'university',
  }));
  const byId = new Map(orgs.map((o) => [String(o._id), o]));
  const entries = syntheticDatasets(
    n,
    orgs.map((o) => o._id),
  ).map((d) => entryOf({ ...d, _id: new Types.ObjectId() } as never, byId.get(String(d.providerId)) as never)!);
  const before = memory().heapUsed;
  const t0 = performance.now();
  const index = new Index();
  index.replaceAll(entries);
  const ms = performance.now() - t0;
  const heap = memory().heapUsed - before;
  if (!index.size) throw new Error('synthetic index is empty');
  return { ms, heap };
}

function timeDemoIndex(): { index: CatalogIndex; ms: number } {
  const t0 = performance.now();
  const index = demoIndex();
  return { index, ms: performance.now() - t0 };
}

// ---- Main ---------------------------------------------------------------------------------------

async function main() {
  const print = (line: string) => console.log(line);
  print(
    `Kiwi evaluation (issue 15): node ${process.version}, kiwi-nlp from ${kiwiDir}, model ${modelDir}${lean ? ' (lean: no multi/typo dictionaries)' : ''}`,
  );

  // 1. The hand-written analysis, before Kiwi is loaded (so its memory is not counted).
  // A first build warms the engine's code up; each timed build then starts from cold word caches
  // (setKoreanAnalyzer drops them), so the times compare the analysers, not the JIT.
  demoIndex();
  setKoreanAnalyzer(null);
  const hand = timeDemoIndex();
  const handRuns = runSets(hand.index);
  if (synthetic) syntheticIndexHeap(20_000); // warm-up: the first large build is slower whatever the analyser
  const handSynth = synthetic ? syntheticIndexHeap(20_000) : null;

  // 2. Kiwi: start-up and memory.
  const m0 = memory();
  const { kiwi, version, wasmMs, buildMs, files } = await loadKiwi();
  const m1 = memory();
  const modelBytes = Object.values(files).reduce((a, b) => a + b, 0);
  const analyzer = kiwiAnalyzer(kiwi);
  setKoreanAnalyzer(analyzer);
  const kiwiIdx = timeDemoIndex();
  const demoTokenizeMs = analyzer.tokenizeMs();
  const kiwiRuns = runSets(kiwiIdx.index);
  const kiwiSynth = synthetic ? syntheticIndexHeap(20_000) : null;
  const m2 = memory();
  // The hand-written analysis once more, after Kiwi, to show how much of the difference is order and noise.
  setKoreanAnalyzer(null);
  const handSynth2 = synthetic ? syntheticIndexHeap(20_000) : null;
  setKoreanAnalyzer(analyzer);

  print(
    `\nKiwi ${version}: WASM ${wasmMs.toFixed(0)} ms + model build ${buildMs.toFixed(0)} ms = start-up ${(wasmMs + buildMs).toFixed(0)} ms`,
  );
  print(
    `  model files loaded: ${mb(modelBytes)} (${Object.entries(files)
      .map(([f, b]) => `${f} ${(b / MB).toFixed(1)}`)
      .join(', ')})`,
  );
  print(
    `  memory added by loading Kiwi: RSS +${mb(m1.rss - m0.rss)}, JS heap +${mb(m1.heapUsed - m0.heapUsed)}, external (WASM memory, model buffers) +${mb(m1.external - m0.external)}`,
  );
  print(`  RSS after everything with Kiwi: ${mb(m2.rss)} (hand-written only, before Kiwi: ${mb(m0.rss)})`);

  print(
    `\nIndexing the demo catalogue (${hand.index.size} datasets, cold word caches): hand-written ${hand.ms.toFixed(0)} ms, Kiwi ${kiwiIdx.ms.toFixed(0)} ms (${analyzer.cached()} distinct Korean words of glossary and catalogue analysed by Kiwi in ${demoTokenizeMs.toFixed(0)} ms, ${((demoTokenizeMs / analyzer.cached()) * 1000).toFixed(0)} µs a word)`,
  );
  if (handSynth && kiwiSynth && handSynth2)
    print(
      `Index of 20,000 synthetic datasets: hand-written ${handSynth.ms.toFixed(0)} ms, heap +${mb(handSynth.heap)}; Kiwi ${kiwiSynth.ms.toFixed(0)} ms, heap +${mb(kiwiSynth.heap)}; hand-written again after Kiwi ${handSynth2.ms.toFixed(0)} ms, heap +${mb(handSynth2.heap)}`,
    );

  for (const [name] of SETS) {
    print(`\n${name} set (${handRuns[name].length} queries)`);
    print(summary('  hand-written', handRuns[name]));
    print(summary('  Kiwi', kiwiRuns[name]));
    const diffs = handRuns[name]
      .map((h, i) => ({ q: h.judged.q, rel: h.judged.relevant, a: h.ranked, b: kiwiRuns[name][i].ranked }))
      .filter((d) => d.a.join() !== d.b.join());
    print(`  queries ranked differently: ${diffs.length}`);
    for (const d of diffs) {
      const mark = (list: string[]) =>
        list
          .slice(0, 5)
          .map((s) => (d.rel[s] ? `*${s}` : s))
          .join(', ');
      print(
        `    ${d.q}: nDCG ${fmt(ndcgAt(d.a, d.rel))} → ${fmt(ndcgAt(d.b, d.rel))}, recall ${fmt(recallAt(d.a, d.rel))} → ${fmt(recallAt(d.b, d.rel))}`,
      );
      print(`      hand-written: ${mark(d.a)}`);
      print(`      Kiwi:         ${mark(d.b)}`);
    }
  }

  // How the two analyse the Korean words of the queries (only where they differ).
  setKoreanAnalyzer(null);
  const { koreanForms, splitCompound } = await import('../server/search/korean');
  const words = [...new Set([...RELEVANCE_SET, ...COMPOUND_SET].flatMap((j) => j.q.normalize('NFKC').match(/[\uac00-\ud7a3]+/g) ?? []))];
  const handOf = (w: string) =>
    `${koreanForms(w).join('|')}${splitCompound(koreanForms(w)[0]) ? ` [${splitCompound(koreanForms(w)[0])!.join('+')}]` : ''}`;
  const kiwiOf = (w: string) =>
    `${analyzer.forms(w).join('|')}${analyzer.parts(analyzer.forms(w)[0]) ? ` [${analyzer.parts(analyzer.forms(w)[0])!.join('+')}]` : ''}`;
  const differ = words.filter((w) => handOf(w) !== kiwiOf(w));
  print(`\nKorean query words analysed differently (${differ.length} of ${words.length}; forms, [compound parts]):`);
  for (const w of differ) print(`  ${w}: hand-written ${handOf(w)} · Kiwi ${kiwiOf(w)}`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
