// DCAT 3 / DCAT-AP catalogues in JSON-LD (docs/harvesting.md "Readers"). No JSON-LD processor is run
// (it would fetch remote contexts, and only loopback may ever be contacted here): keys are resolved
// by hand from the document's own @context prefixes and terms, well-known prefixes (dcat, dct,
// dcterms, foaf, vcard) and full IRIs, which covers the compacted forms catalogues publish. Values
// may be plain strings, `{@value, @language}` objects, language maps, `{@id}` references (resolved
// against `@graph`) or lists of these. The document is read whole (within the byte limit).
import { HarvestError } from './errors';
import { readJson, type Fetched } from './fetcher';
import { asList, emptyRecord, langOf, str, type LangText, type RecordSink, type SourceAccess, type SourceRecord } from './record';

const DCAT = 'http://www.w3.org/ns/dcat#';
const DCT = 'http://purl.org/dc/terms/';
const WELL_KNOWN_FOAF_NAME = 'http://xmlns.com/foaf/0.1/name';
const WELL_KNOWN: Record<string, string> = {
  dcat: DCAT,
  dct: DCT,
  dcterms: DCT,
  foaf: 'http://xmlns.com/foaf/0.1/',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
};
type Node = Record<string, unknown>;
/** Bare terms as the DCAT-AP JSON-LD contexts define them, for documents whose context is remote (never fetched). */
const DEFAULT_TERMS: Record<string, string> = {
  Catalog: DCAT + 'Catalog',
  Dataset: DCAT + 'Dataset',
  dataset: DCAT + 'dataset',
  title: DCT + 'title',
  description: DCT + 'description',
  identifier: DCT + 'identifier',
  keyword: DCAT + 'keyword',
  theme: DCAT + 'theme',
  landingPage: DCAT + 'landingPage',
  distribution: DCAT + 'distribution',
  accessURL: DCAT + 'accessURL',
  downloadURL: DCAT + 'downloadURL',
  mediaType: DCAT + 'mediaType',
  format: DCT + 'format',
  license: DCT + 'license',
  accessRights: DCT + 'accessRights',
  modified: DCT + 'modified',
  issued: DCT + 'issued',
  publisher: DCT + 'publisher',
  language: DCT + 'language',
  name: WELL_KNOWN_FOAF_NAME,
};

/** Resolves a key or type name to a full IRI with the context's prefixes and terms. */
class Resolver {
  private readonly prefixes: Record<string, string> = { ...WELL_KNOWN };
  private readonly terms: Record<string, string> = {};

  constructor(context: unknown) {
    for (const ctx of asList(context)) {
      if (!ctx || typeof ctx !== 'object') continue;
      for (const [k, v] of Object.entries(ctx as Node)) {
        const iri = typeof v === 'string' ? v : v && typeof v === 'object' ? str((v as Node)['@id']) : null;
        if (!iri) continue;
        if (/[/#]$/.test(iri)) this.prefixes[k] = iri;
        else this.terms[k] = iri;
      }
    }
  }

  iri(name: string): string {
    if (this.terms[name]) return this.expand(this.terms[name]);
    if (!name.includes(':') && DEFAULT_TERMS[name]) return DEFAULT_TERMS[name];
    return this.expand(name);
  }

  private expand(name: string): string {
    const colon = name.indexOf(':');
    if (colon > 0) {
      const prefix = name.slice(0, colon);
      if (this.prefixes[prefix] && !name.slice(colon + 1).startsWith('//')) return this.prefixes[prefix] + name.slice(colon + 1);
    }
    return name;
  }
}

class Graph {
  readonly byId = new Map<string, Node>();
  constructor(readonly r: Resolver) {}

  /** Every value of property `iri` on a node (keys compared after resolution). */
  values(node: Node, iri: string): unknown[] {
    const out: unknown[] = [];
    for (const [k, v] of Object.entries(node)) if (!k.startsWith('@') && this.r.iri(k) === iri) out.push(...asList(v));
    return out;
  }

  /** A referenced node itself (`{@id}` looked up in the graph), or the value. */
  deref(v: unknown): unknown {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const id = str((v as Node)['@id']);
      if (id && Object.keys(v as Node).length === 1 && this.byId.has(id)) return this.byId.get(id);
    }
    return v;
  }

  types(node: Node): string[] {
    return asList(node['@type'] ?? node.type).map((t) => (typeof t === 'string' ? this.r.iri(t) : '')).filter(Boolean);
  }

  /** Texts of a literal property with their languages (strings, @value objects, language maps). */
  texts(node: Node, iri: string): LangText[] {
    const out: LangText[] = [];
    for (const v of this.values(node, iri)) {
      if (typeof v === 'string' || typeof v === 'number') out.push({ lang: null, text: String(v).trim() });
      else if (v && typeof v === 'object') {
        const o = v as Node;
        if ('@value' in o) {
          const s = str(o['@value']);
          if (s) out.push({ lang: langOf(o['@language']), text: s });
        } else if (!('@id' in o)) {
          // A language map: { "en": "…", "ko": ["…"] }.
          for (const [lang, texts] of Object.entries(o)) for (const t of asList(texts)) if (str(t)) out.push({ lang: langOf(lang), text: str(t)! });
        }
      }
    }
    return out.filter((t) => t.text);
  }

  /** The first IRI or string of a property (`{@id}` references give their id). */
  ref(node: Node, iri: string): string | null {
    for (const v of this.values(node, iri)) {
      if (typeof v === 'string') return v.trim() || null;
      if (v && typeof v === 'object') {
        const o = v as Node;
        const id = str(o['@id']) ?? str(o['@value']);
        if (id) return id;
      }
    }
    return null;
  }

  /** Property values that are nodes (inline or referenced). */
  nodes(node: Node, iri: string): Node[] {
    return this.values(node, iri)
      .map((v) => this.deref(v))
      .filter((v): v is Node => !!v && typeof v === 'object' && !Array.isArray(v));
  }
}

const ACCESS: Record<string, SourceAccess> = { PUBLIC: 'public', RESTRICTED: 'restricted', NON_PUBLIC: 'non-public' };

/** The last segment of an IRI (`…/access-right/PUBLIC` → `PUBLIC`). */
const lastSegment = (iri: string) => iri.replace(/[/#]+$/, '').split(/[/#]/).pop() ?? iri;

function recordOf(g: Graph, d: Node): SourceRecord {
  const r = emptyRecord();
  const id = g.texts(d, DCT + 'identifier')[0]?.text ?? str(d['@id']);
  r.originalId = id && !id.startsWith('_:') ? id : null;
  r.titles = g.texts(d, DCT + 'title');
  r.descriptions = g.texts(d, DCT + 'description');
  r.keywords = g.texts(d, DCAT + 'keyword');
  r.themes = g.values(d, DCAT + 'theme').map((v) => {
    const node = g.deref(v);
    if (node && typeof node === 'object' && !('@id' in node && Object.keys(node).length === 1)) {
      const label = g.texts(node as Node, WELL_KNOWN.rdfs + 'label')[0]?.text ?? g.texts(node as Node, 'http://www.w3.org/2004/02/skos/core#prefLabel')[0]?.text;
      if (label) return label;
    }
    const ref = typeof v === 'string' ? v : str((v as Node)?.['@id']);
    return ref ? lastSegment(ref) : '';
  }).filter(Boolean);
  r.languages = g.values(d, DCT + 'language').map((v) => (typeof v === 'string' ? v : str((v as Node)?.['@id']) ?? '')).map(lastSegment).filter(Boolean);
  r.modified = g.texts(d, DCT + 'modified')[0]?.text ?? null;
  r.issued = g.texts(d, DCT + 'issued')[0]?.text ?? null;
  const publisher = g.nodes(d, DCT + 'publisher')[0];
  r.publisherName = publisher ? (g.texts(publisher, WELL_KNOWN.foaf + 'name')[0]?.text ?? null) : null;
  const access = g.ref(d, DCT + 'accessRights');
  r.access = access ? (ACCESS[lastSegment(access).toUpperCase()] ?? null) : null;
  r.landingPage = g.ref(d, DCAT + 'landingPage');
  const dists = g.nodes(d, DCAT + 'distribution');
  r.license = g.ref(d, DCT + 'license') ?? dists.map((x) => g.ref(x, DCT + 'license')).find((l) => !!l) ?? null;
  for (const dist of dists) {
    const url = g.ref(dist, DCAT + 'downloadURL') ?? g.ref(dist, DCAT + 'accessURL');
    if (!url) continue;
    const format = g.ref(dist, DCT + 'format');
    const mediaType = g.ref(dist, DCAT + 'mediaType');
    r.distributions.push({
      url,
      title: g.texts(dist, DCT + 'title')[0]?.text ?? null,
      format: format ? lastSegment(format) : null,
      mediaType: mediaType ? mediaType.replace(/^https?:\/\/www\.iana\.org\/assignments\/media-types\//, '') : null,
    });
  }
  return r;
}

/** The datasets of a JSON-LD catalogue: a dcat:Catalog with dcat:dataset, or the dcat:Dataset nodes of an @graph. */
export function dcatApRecords(doc: unknown): SourceRecord[] {
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw new HarvestError('invalid_catalog');
  const root = doc as Node;
  const g = new Graph(new Resolver(root['@context']));
  const all: Node[] = Array.isArray(root['@graph']) ? (root['@graph'] as unknown[]).filter((n): n is Node => !!n && typeof n === 'object') : [root];
  for (const n of all) {
    const id = str(n['@id']);
    if (id) g.byId.set(id, n);
  }
  const catalogs = all.filter((n) => g.types(n).includes(DCAT + 'Catalog'));
  let datasets: Node[];
  if (catalogs.length) datasets = catalogs.flatMap((c) => g.nodes(c, DCAT + 'dataset'));
  else datasets = all.filter((n) => g.types(n).includes(DCAT + 'Dataset'));
  // Datasets listed only in the graph (not linked from the catalog) count too; each once.
  for (const n of all) if (g.types(n).includes(DCAT + 'Dataset') && !datasets.includes(n)) datasets.push(n);
  if (!catalogs.length && !datasets.length) throw new HarvestError('invalid_catalog');
  return datasets.map((d) => recordOf(g, d));
}

/** Reads a DCAT-AP JSON-LD catalogue and hands each dataset to `sink`. */
export async function readDcatAp(fetched: Fetched, sink: RecordSink): Promise<void> {
  const doc = await readJson(fetched);
  for (const record of dcatApRecords(doc)) await sink(record);
}
