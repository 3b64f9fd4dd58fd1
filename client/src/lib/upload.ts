// Artifact uploads straight to S3 (docs/design.md §7 "Artifacts"): register the file with its size and
// SHA-256, PUT the bytes to the presigned URL, then ask the server to verify what arrived.
import { api, ApiError } from './api';
import { uploadFullData, type FullDataOptions, type MultipartTransport } from './multipart-upload';

/** An artifact as the API presents it. */
export interface Artifact {
  id: string;
  kind: string;
  filename: string;
  contentType: string;
  bytes: number;
  sha256: string;
  status: 'pending' | 'available' | 'rejected';
  uploadedAt: string | null;
  downloadUrl: string | null;
}

/** The presigned request `POST /datasets/{id}/artifacts` answers with. */
export interface PresignedUpload {
  url: string;
  method: string;
  headers: Record<string, string>;
  expiresAt: string;
}

/** Where an upload is: looking for an unfinished upload of the file, hashing it, sending the bytes, or waiting for the server's check. */
export type UploadStage = 'checking' | 'hashing' | 'registering' | 'uploading' | 'verifying';

/** Lower-case hex SHA-256 of a file, computed in the browser. */
export async function sha256Hex(file: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The bare media type of a file: the browser's guess, or one derived from the extension for
 * types browsers often leave empty (.ndjson, .parquet, .md, .flac…).
 */
export function contentTypeOf(file: File): string {
  const byExtension: Record<string, string> = {
    csv: 'text/csv',
    json: 'application/json',
    jsonl: 'application/x-ndjson',
    ndjson: 'application/x-ndjson',
    txt: 'text/plain',
    md: 'text/markdown',
    parquet: 'application/vnd.apache.parquet',
    flac: 'audio/flac',
    wav: 'audio/wav',
    tar: 'application/x-tar',
    gz: 'application/gzip',
    tgz: 'application/gzip',
    zip: 'application/zip',
    pdf: 'application/pdf',
    docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    // Full-data formats (schemas/artifact.ts DATA_TYPES) that browsers rarely name.
    tsv: 'text/tab-separated-values',
    '7z': 'application/x-7z-compressed',
    bz2: 'application/x-bzip2',
    xz: 'application/x-xz',
    zst: 'application/zstd',
    h5: 'application/x-hdf5',
    hdf5: 'application/x-hdf5',
    arrow: 'application/x-arrow',
    tfrecord: 'application/x-tfrecord',
    dcm: 'application/dicom',
    mkv: 'video/x-matroska',
  };
  const guessed = file.type.split(';')[0].trim().toLowerCase();
  const ext = file.name.split('.').pop()?.toLowerCase() ?? '';
  // Windows reports CSV as application/vnd.ms-excel; the extension is the better witness there.
  if (ext in byExtension && (!guessed || guessed === 'application/vnd.ms-excel' || guessed === 'application/octet-stream'))
    return byExtension[ext];
  return guessed || 'application/octet-stream';
}

/**
 * PUTs `body` to a presigned URL with XMLHttpRequest (fetch cannot report upload progress).
 * Rejects with an ApiError of code `upload_failed` (status = the storage's HTTP status, 0 offline).
 */
export function putWithProgress(
  upload: PresignedUpload,
  body: Blob,
  onProgress: (loaded: number, total: number) => void,
  signal?: AbortSignal,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(upload.method || 'PUT', upload.url);
    for (const [name, value] of Object.entries(upload.headers ?? {})) {
      // The browser sets these itself and refuses to be told.
      if (!/^(content-length|host)$/i.test(name)) xhr.setRequestHeader(name, value);
    }
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : body.size);
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(body.size, body.size);
        resolve();
      } else reject(new ApiError({ title: '', status: xhr.status, code: 'upload_failed' }));
    };
    xhr.onerror = () => reject(new ApiError({ title: '', status: 0, code: 'upload_failed' }));
    xhr.onabort = () => reject(new DOMException('Upload aborted', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(body);
  });
}

/** Options of `uploadArtifact`. */
export interface UploadOptions {
  onStage?: (stage: UploadStage) => void;
  onProgress?: (loaded: number, total: number) => void;
  signal?: AbortSignal;
}

/**
 * Uploads one file as an artifact of a dataset: hash → register → PUT → verify.
 * Resolves with the verified artifact; rejects with the server's problem (e.g. 415 for a type the
 * kind does not accept, 422 when size or checksum do not match).
 */
export async function uploadArtifact(datasetId: string, kind: string, file: File, opts: UploadOptions = {}): Promise<Artifact> {
  opts.onStage?.('hashing');
  const sha256 = await sha256Hex(file);
  opts.onStage?.('registering');
  const id = encodeURIComponent(datasetId);
  const { data } = await api<{ artifact: Artifact; upload: PresignedUpload }>(`/datasets/${id}/artifacts`, {
    method: 'POST',
    body: { kind, filename: file.name, contentType: contentTypeOf(file), bytes: file.size, sha256 },
    signal: opts.signal,
  });
  opts.onStage?.('uploading');
  await putWithProgress(data.upload, file, opts.onProgress ?? (() => undefined), opts.signal);
  opts.onStage?.('verifying');
  const done = await api<{ artifact: Artifact }>(`/datasets/${id}/artifacts/${encodeURIComponent(data.artifact.id)}/complete`, {
    method: 'POST',
    signal: opts.signal,
  });
  return done.data.artifact;
}

/** The browser's transport: the API with the session (api()) and XMLHttpRequest for storage (upload progress, ETag). */
export const browserTransport: MultipartTransport = {
  async json<T>(method: string, path: string, body?: unknown, signal?: AbortSignal) {
    return (await api<T>(path, { method, body, signal })).data;
  },
  put(part, body, onProgress, signal) {
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open(part.method || 'PUT', part.url);
      // The browser sets Content-Length itself; the checksum header is signed and must be sent as given.
      for (const [name, value] of Object.entries(part.headers))
        if (!/^(content-length|host)$/i.test(name)) xhr.setRequestHeader(name, value);
      xhr.upload.onprogress = (e) => onProgress(e.loaded);
      xhr.onload = () => {
        const etag = xhr.getResponseHeader('ETag');
        if (xhr.status >= 200 && xhr.status < 300 && etag) resolve(etag);
        else reject(new ApiError({ title: '', status: xhr.status, code: 'upload_failed' }));
      };
      xhr.onerror = () => reject(new ApiError({ title: '', status: 0, code: 'upload_failed' }));
      xhr.onabort = () => reject(new DOMException('Upload aborted', 'AbortError'));
      signal?.addEventListener('abort', () => xhr.abort(), { once: true });
      xhr.send(body);
    });
  },
};

/** Uploads a full-data file in parts from the browser (client/src/lib/multipart-upload.ts), remembering it in localStorage for resuming. */
export function uploadFullDataFromBrowser(
  datasetId: string,
  file: File,
  opts: Omit<FullDataOptions, 'transport' | 'store'>,
): Promise<Artifact> {
  return uploadFullData<Artifact>(datasetId, file, { ...opts, transport: browserTransport, store: window.localStorage });
}
