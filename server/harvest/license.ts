// A source's licence (URL or identifier) as one of our licence codes (docs/harvesting.md "Mapping").

const CC_KINDS: Record<string, string> = { by: 'CC-BY-4.0', 'by-sa': 'CC-BY-SA-4.0', 'by-nd': 'CC-BY-ND-4.0', 'by-nc': 'CC-BY-NC-4.0', 'by-nc-sa': 'CC-BY-NC-SA-4.0', 'by-nc-nd': 'CC-BY-NC-ND-4.0' };

/** Identifiers as SPDX, CKAN and the EU licence vocabulary write them, lower-cased, with `_` as `-`. */
const IDS: Record<string, string> = {
  'cc0-1.0': 'CC0-1.0',
  cc0: 'CC0-1.0',
  'cc-zero': 'CC0-1.0',
  'cc-by-4.0': 'CC-BY-4.0',
  'cc-by-sa-4.0': 'CC-BY-SA-4.0',
  'cc-by-nd-4.0': 'CC-BY-ND-4.0',
  'cc-by-nc-4.0': 'CC-BY-NC-4.0',
  'cc-by-nc-sa-4.0': 'CC-BY-NC-SA-4.0',
  'cc-by-nc-nd-4.0': 'CC-BY-NC-ND-4.0',
  'cc-by-4-0': 'CC-BY-4.0',
  'cc-by-sa-4-0': 'CC-BY-SA-4.0',
  'cc-by-nd-4-0': 'CC-BY-ND-4.0',
  'cc-by-nc-4-0': 'CC-BY-NC-4.0',
  'cc-by-nc-sa-4-0': 'CC-BY-NC-SA-4.0',
  'cc-by-nc-nd-4-0': 'CC-BY-NC-ND-4.0',
};

/** `{ id, url? }`: a known licence by its code; anything else `custom` with the source's URL. */
export function mapLicense(license: string | null, fallbackUrl: string | null): { id: string; url?: string } {
  const raw = (license ?? '').trim();
  const cc = /creativecommons\.org\/(licenses\/([a-z-]+)\/4\.0|publicdomain\/zero\/1\.0)/i.exec(raw);
  if (cc) return { id: cc[2] ? (CC_KINDS[cc[2].toLowerCase()] ?? 'custom') : 'CC0-1.0', ...(CC_KINDS[cc[2]?.toLowerCase() ?? ''] || !cc[2] ? {} : { url: raw }) };
  const id = IDS[raw.toLowerCase().replace(/_/g, '-').split('/').pop() ?? ''];
  if (id) return { id };
  const url = /^https?:\/\/\S+$/.test(raw) && raw.length <= 2000 ? raw : fallbackUrl;
  return { id: 'custom', ...(url ? { url } : {}) };
}
