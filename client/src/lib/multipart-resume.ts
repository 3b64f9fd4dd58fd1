// Resuming full-data uploads: the uploads this browser remembers, and which one a newly picked file continues.

/** A file the browser started uploading, remembered so that picking it again after a reload continues. */
export interface RememberedUpload {
  artifactId: string;
  filename: string;
  bytes: number;
  lastModified: number;
  sha256: string;
}

/** Where uploads are remembered: localStorage in the browser. */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}
const storeKey = (datasetId: string) => `kdb.uploads.${datasetId}`;

/** The uploads this browser remembers for a dataset (none when the stored list is unreadable). */
export function readRemembered(store: KeyValueStore, datasetId: string): RememberedUpload[] {
  try {
    const parsed = JSON.parse(store.getItem(storeKey(datasetId)) ?? '[]') as unknown;
    return Array.isArray(parsed) ? (parsed as RememberedUpload[]) : [];
  } catch {
    return [];
  }
}

/** Remembers an upload in progress (at most 10 per dataset). */
export function rememberUpload(store: KeyValueStore, datasetId: string, entry: RememberedUpload): void {
  const others = readRemembered(store, datasetId).filter((e) => e.artifactId !== entry.artifactId);
  store.setItem(storeKey(datasetId), JSON.stringify([...others, entry].slice(-10)));
}

/** Forgets an upload (finished, rejected or deleted). */
export function forgetUpload(store: KeyValueStore, datasetId: string, artifactId: string): void {
  store.setItem(storeKey(datasetId), JSON.stringify(readRemembered(store, datasetId).filter((e) => e.artifactId !== artifactId)));
}

/** The pending full-data artifacts the server lists, as far as resuming needs them. */
export interface PendingArtifact {
  id: string;
  kind: string;
  filename: string;
  bytes: number;
  sha256: string;
  status: string;
}

/**
 * Which pending upload picking `file` continues, if any: one this browser remembers for the same
 * name, size and modification time (trusted); otherwise one with the same name and size, which
 * the caller must confirm by hashing some acknowledged parts (`verify: true`).
 */
export function chooseResume(
  file: Pick<File, 'name' | 'size' | 'lastModified'>,
  pending: readonly PendingArtifact[],
  remembered: readonly RememberedUpload[],
): { artifact: PendingArtifact; verify: boolean } | null {
  const candidates = pending.filter(
    (a) => a.kind === 'data' && a.status === 'pending' && a.filename === file.name && a.bytes === file.size,
  );
  for (const a of candidates) {
    if (remembered.some((r) => r.artifactId === a.id && r.lastModified === file.lastModified && r.bytes === file.size))
      return { artifact: a, verify: false };
  }
  return candidates.length ? { artifact: candidates[candidates.length - 1], verify: true } : null;
}

/** Up to three acknowledged parts (first, middle, last) to hash before trusting a resume the browser does not remember. */
export function spotCheckParts(acknowledged: readonly { number: number; sha256: string }[]): { number: number; sha256: string }[] {
  if (acknowledged.length <= 3) return [...acknowledged];
  return [acknowledged[0], acknowledged[Math.floor(acknowledged.length / 2)], acknowledged[acknowledged.length - 1]];
}
