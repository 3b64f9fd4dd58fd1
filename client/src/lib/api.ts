/** A problem+json body from the API (RFC 9457), as every error of the server is shaped. */
export interface Problem {
  type?: string;
  title: string;
  status: number;
  detail?: string;
  code: string;
  errors?: { path: string; code: string; message: string }[];
  errorId?: string;
  [extra: string]: unknown;
}

/** An API failure carrying the server's localised problem. */
export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail || problem.title);
    this.name = 'ApiError';
  }
  get status(): number {
    return this.problem.status;
  }
  /** Field errors keyed by JSON pointer. */
  fieldErrors(): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (const e of this.problem.errors ?? []) (out[e.path] ??= []).push(e.message);
    return out;
  }
}

let csrfToken: string | null = null;
let language = 'ko';

/** Remembers the session's CSRF token for unsafe requests. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** The language sent as Accept-Language, so problems come back localised. */
export function setApiLanguage(lang: string): void {
  language = lang;
}

export interface ApiOptions {
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** A non-JSON body sent as is with its media type (e.g. an uploaded CSV file); instead of `body`. */
  raw?: { type: string; data: Blob | string };
}

export interface ApiResponse<T> {
  data: T;
  headers: Headers;
  status: number;
}

/** Calls the JSON API with the session cookie, CSRF token and language; throws ApiError on failure. */
export async function api<T = unknown>(path: string, opts: ApiOptions = {}): Promise<ApiResponse<T>> {
  const method = opts.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': language, ...opts.headers };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (opts.raw) headers['content-type'] = opts.raw.type;
  if (csrfToken && method !== 'GET' && method !== 'HEAD') headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, {
      method,
      headers,
      body: opts.raw ? opts.raw.data : opts.body === undefined ? undefined : JSON.stringify(opts.body),
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError({ title: '', status: 0, code: 'network_error' });
  }
  const text = await res.text();
  const data = text ? (JSON.parse(text) as unknown) : undefined;
  if (!res.ok) {
    const problem = (data && typeof data === 'object' ? data : { title: res.statusText, status: res.status, code: 'http_error' }) as Problem;
    throw new ApiError(problem);
  }
  return { data: data as T, headers: res.headers, status: res.status };
}

/** A paged list as the API returns it. */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
