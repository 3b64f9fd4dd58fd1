import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import mongoose, { Types } from 'mongoose';
import { inject } from 'vitest';
import { createApp } from '../../server/app';
import { loadConfig } from '../../server/infra/config';
import { createLogger } from '../../server/infra/logger';
import { createStorage, type Storage } from '../../server/infra/s3';
import { syncIndexes } from '../../server/infra/mongo';
import { runMigrations } from '../../server/infra/migrations';
import { startCatalogIndex, stopCatalogIndex } from '../../server/search/registry';
import { Organization, type OrganizationDoc } from '../../server/organizations/model';
import { ApiToken, User, type MembershipStatus, type Role } from '../../server/auth/models';
import { hashPassword } from '../../server/auth/passwords';
import { API_TOKEN_PREFIX, hashSecret, newSecret } from '../../server/auth/secrets';

export interface Res<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

/** A minimal HTTP client for tests: JSON in, JSON (or text) out, optional bearer token or cookie session. */
export class Client {
  cookie?: string;
  csrf?: string;
  constructor(
    readonly baseUrl: string,
    public token?: string,
  ) {}

  async request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Res<T>> {
    const h: Record<string, string> = { ...headers };
    if (this.token) h.authorization = `Bearer ${this.token}`;
    if (this.cookie) h.cookie = this.cookie;
    if (this.csrf && !['GET', 'HEAD'].includes(method) && !('x-csrf-token' in h)) h['x-csrf-token'] = this.csrf;
    let payload: string | undefined;
    if (body !== undefined) {
      payload = typeof body === 'string' ? body : JSON.stringify(body);
      h['content-type'] ??= 'application/json';
    }
    const res = await fetch(this.baseUrl + path, { method, headers: h, body: payload, redirect: 'manual' });
    const text = await res.text();
    let parsed: unknown = text;
    if ((res.headers.get('content-type') ?? '').includes('json') && text) parsed = JSON.parse(text);
    const setCookie = res.headers.get('set-cookie');
    if (setCookie && this.cookie !== undefined) {
      const m = /kdb_session=([^;]*)/.exec(setCookie);
      if (m) this.cookie = m[1] ? `kdb_session=${m[1]}` : '';
    }
    return { status: res.status, headers: res.headers, body: parsed as T, text };
  }
  get<T = any>(path: string, headers?: Record<string, string>) {
    return this.request<T>('GET', path, undefined, headers);
  }
  post<T = any>(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('POST', path, body, headers);
  }
  patch<T = any>(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('PATCH', path, body, headers);
  }
  put<T = any>(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('PUT', path, body, headers);
  }
  delete<T = any>(path: string, headers?: Record<string, string>) {
    return this.request<T>('DELETE', path, undefined, headers);
  }
}

export interface TestApp {
  url: string;
  /** The database of this app (a second process can share it). */
  dbName: string;
  storage: Storage;
  /** An anonymous client. */
  anon: Client;
  /** A bearer-token client for the user (created by the factories). */
  as(user: TestUser): Client;
  /** Signs in with e-mail and password through the API; returns a cookie-session client with its CSRF token. */
  login(email: string, password?: string): Promise<Client>;
  close(): Promise<void>;
}

export interface TestUser {
  id: Types.ObjectId;
  email: string;
  token: string;
  organizationId: Types.ObjectId;
}

export const TEST_PASSWORD = 'correct horse battery staple';
let passwordHash: Promise<string> | undefined;

/**
 * Starts the real app against the run's embedded MongoDB-protocol server (a fresh database for
 * this test file) and embedded S3, on a free loopback port.
 */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const services = inject('services');
  const dbName = `t_${randomBytes(6).toString('hex')}`;
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PORT: '0', HARVEST_ALLOWED_HOSTS: '127.0.0.1,localhost', ...env });
  const log = createLogger('silent');
  await mongoose.connect(services.mongoUri, { dbName });
  await syncIndexes();
  await runMigrations(log);
  await startCatalogIndex({ pollMs: config.searchSyncMs, log });
  const storage = createStorage(services.s3);
  const app = createApp({ config, log, storage, s3Origin: services.s3.endpoint ? new URL(services.s3.endpoint).origin : null });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    dbName,
    storage,
    anon: new Client(url),
    as: (user) => new Client(url, user.token),
    async login(email, password = TEST_PASSWORD) {
      const c = new Client(url);
      c.cookie = '';
      const res = await c.post('/api/v1/auth/login', { email, password });
      if (res.status !== 200) throw new Error(`login failed: ${res.status} ${res.text}`);
      c.csrf = res.body.csrfToken;
      return c;
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await stopCatalogIndex();
      await mongoose.connection.db?.dropDatabase().catch(() => undefined);
      await mongoose.disconnect();
    },
  };
}

let seq = 0;
const uniq = () => `${Date.now().toString(36)}${(seq++).toString(36)}${randomBytes(2).toString('hex')}`;

/** Creates an organisation; defaults to a Korean public agency. */
export async function createOrg(overrides: Partial<OrganizationDoc> = {}): Promise<OrganizationDoc> {
  const slug = overrides.slug ?? `org-${uniq()}`;
  const doc = await Organization.create({
    slug,
    name: { ko: `기관 ${slug}`, en: `Organisation ${slug}` },
    country: 'KR',
    type: 'public_agency',
    verified: true,
    nationalReviewer: false,
    ...overrides,
  });
  return doc.toObject() as OrganizationDoc;
}

/** Creates a user (and their organisation when not given) with an API token for bearer requests. */
export async function createUser(
  opts: { roles?: Role[]; org?: OrganizationDoc; email?: string; locale?: 'ko' | 'en'; country?: string; orgType?: string; membership?: MembershipStatus; orgAdmin?: boolean } = {},
): Promise<TestUser> {
  const org = opts.org ?? (await createOrg({ country: opts.country ?? 'KR', type: opts.orgType ?? 'public_agency' }));
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const email = opts.email ?? `user-${uniq()}@test.example`;
  const user = await User.create({
    email,
    name: `User ${email.split('@')[0]}`,
    organizationId: opts.membership === 'none' ? null : org._id,
    membership: opts.membership ?? 'active',
    orgAdmin: opts.orgAdmin ?? false,
    emailVerifiedAt: new Date(),
    roles: opts.roles ?? ['researcher'],
    locale: opts.locale ?? 'en',
    passwordHash: await passwordHash,
  });
  const token = API_TOKEN_PREFIX + newSecret();
  await ApiToken.create({
    userId: user._id,
    name: 'test',
    tokenHash: hashSecret(token),
    prefix: token.slice(0, 10),
    expiresAt: new Date(Date.now() + 86400_000),
    createdAt: new Date(),
  });
  return { id: user._id, email, token, organizationId: org._id };
}
