/** Minimal view of a presented dataset that the schema.org builder reads. */
export interface DatasetForJsonLd {
  id: string;
  slug: string;
  version?: number;
  title?: { ko?: string; en?: string };
  summary?: { ko?: string; en?: string };
  description?: { ko?: string; en?: string };
  keywords?: { ko?: string[]; en?: string[] };
  languages?: string[];
  license?: { id: string; url?: string };
  provider?: { slug: string; name: { ko?: string; en?: string } } | null;
  temporalCoverage?: { start?: string; end?: string };
  spatialCoverage?: { ko?: string; en?: string };
  publishedAt?: string | Date | null;
  disclosure?: { accessLevel?: string };
  artifacts?: Array<{ filename: string; contentType: string; bytes: number; sha256: string; downloadUrl: string | null; kind: string }>;
}

const LICENSE_URLS: Record<string, string> = {
  'CC0-1.0': 'https://creativecommons.org/publicdomain/zero/1.0/',
  'CC-BY-4.0': 'https://creativecommons.org/licenses/by/4.0/',
  'CC-BY-SA-4.0': 'https://creativecommons.org/licenses/by-sa/4.0/',
  'CC-BY-ND-4.0': 'https://creativecommons.org/licenses/by-nd/4.0/',
  'CC-BY-NC-4.0': 'https://creativecommons.org/licenses/by-nc/4.0/',
  'CC-BY-NC-SA-4.0': 'https://creativecommons.org/licenses/by-nc-sa/4.0/',
  'CC-BY-NC-ND-4.0': 'https://creativecommons.org/licenses/by-nc-nd/4.0/',
};

function both(text: { ko?: string; en?: string } | undefined): Array<{ '@value': string; '@language': string }> | undefined {
  if (!text) return undefined;
  const out = (['en', 'ko'] as const).filter((l) => text[l]).map((l) => ({ '@value': text[l]!, '@language': l }));
  return out.length ? out : undefined;
}

/** schema.org `Dataset` JSON-LD for a dataset page (Google Dataset Search reads it). */
export function datasetJsonLd(ds: DatasetForJsonLd, baseUrl: string): Record<string, unknown> {
  const url = `${baseUrl}/datasets/${ds.slug}`;
  const t = ds.temporalCoverage;
  return {
    '@context': 'https://schema.org/',
    '@type': 'Dataset',
    '@id': url,
    url,
    identifier: ds.slug,
    name: both(ds.title),
    description: both(ds.description ?? ds.summary) ?? both(ds.summary),
    keywords: [...(ds.keywords?.en ?? []), ...(ds.keywords?.ko ?? [])],
    inLanguage: ds.languages,
    version: ds.version,
    license: ds.license ? (ds.license.url ?? LICENSE_URLS[ds.license.id] ?? ds.license.id) : undefined,
    isAccessibleForFree: ds.disclosure?.accessLevel === 'open' || ds.disclosure?.accessLevel === 'registered',
    creator: ds.provider ? { '@type': 'Organization', name: ds.provider.name.en ?? ds.provider.name.ko, alternateName: ds.provider.name.ko } : undefined,
    temporalCoverage: t && (t.start || t.end) ? `${t.start ?? '..'}/${t.end ?? '..'}` : undefined,
    spatialCoverage: ds.spatialCoverage?.en ?? ds.spatialCoverage?.ko,
    datePublished: ds.publishedAt ? new Date(ds.publishedAt).toISOString().slice(0, 10) : undefined,
    distribution: (ds.artifacts ?? [])
      .filter((a) => a.downloadUrl)
      .map((a) => ({ '@type': 'DataDownload', name: a.filename, encodingFormat: a.contentType, contentSize: `${a.bytes} B`, contentUrl: `${baseUrl}${a.downloadUrl}`, sha256: a.sha256 })),
  };
}
