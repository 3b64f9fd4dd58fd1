import path from 'node:path';
import type { S3Settings } from './s3-contract';

/** EMBEDDED_MONGO values: one embedded database, or `ferretdb` for FerretDB on PostgreSQL if available, else on SQLite. */
export const EMBEDDED_MONGO_CHOICES = ['mongod', 'ferretdb', 'ferretdb-pg', 'ferretdb-sqlite'] as const;
export type EmbeddedMongoChoice = (typeof EMBEDDED_MONGO_CHOICES)[number];

/** Typed, validated runtime configuration. Built once from the environment; refuses bad values. */
export interface Config {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  publicUrl: string;
  dataDir: string;
  mongodbUri?: string;
  /**
   * Forces the embedded database (server/infra/embedded-mongo.ts): `mongod` (downloaded once if not
   * cached), `ferretdb` (on PostgreSQL if installed, else SQLite), `ferretdb-pg`, `ferretdb-sqlite`.
   * FerretDB always runs with --telemetry=disable and DO_NOT_TRACK=1.
   */
  embeddedMongo?: EmbeddedMongoChoice;
  dbName: string;
  s3?: S3Settings;
  s3Bucket: string;
  seedDemo: boolean;
  demoPassword: string;
  sessionTtlHours: number;
  /**
   * Failed sign-ins allowed per window: `max` per address and account, `perAddress` per address over
   * all accounts, `perAccount` per account over all addresses (beyond it only the owner's known
   * browsers and addresses may keep trying).
   */
  loginRateLimit: { max: number; windowSeconds: number; perAddress: number; perAccount: number };
  /** Deadline (ms) of one database call made while serving a request; beyond it the API answers 503. */
  dbTimeoutMs: number;
  /** Deadline (ms) of one object-storage call; beyond it file operations answer 503. */
  s3TimeoutMs: number;
  /** The embedded database is killed and restarted when it has not answered pings for this long (ms) while running. */
  embeddedDbHangMs: number;
  /** How long (ms) the embedded FerretDB's SQLite waits for the write lock before answering "database is locked" (the app retries). */
  embeddedDbBusyTimeoutMs: number;
  /** SMTP server for outgoing mail (smtp:// or smtps:// URL); unset → mail is kept in the outbox collection and logged. */
  smtpUrl?: string;
  /** Sender of outgoing mail. */
  mailFrom: string;
  maxJsonBytes: number;
  /** Largest bulk-import body (CSV or JSON lines); 413 beyond it. */
  maxImportBytes: number;
  /** Contact e-mail of the catalogue, used in exports when a dataset names no contact. */
  catalogContactEmail: string;
  logLevel: string;
  trustProxy: boolean;
  /** Days a reviewer has to decide an access request before the queue flags it overdue. */
  accessSlaDays: number;
  /** How often (ms) the search index picks up writes made by other processes sharing the database. */
  searchSyncMs: number;
  /** Relative weights of the partner-matching score components (docs/matching.md). */
  matchingWeights: MatchingWeightsConfig;
  /** Harvesting of partner catalogues (docs/harvesting.md). */
  harvest: HarvestConfig;
  /** Usage counters are recorded (docs/statistics.md); `STATS_ENABLED=false` turns recording off (reads still answer). */
  statsEnabled: boolean;
}

/** Limits and reach of the harvester (docs/harvesting.md "Safety"). */
export interface HarvestConfig {
  /** HARVEST_ALLOWED_HOSTS: the only hosts (`host` or `host:port`) a source or redirect may name; null = any public host. */
  allowedHosts: string[] | null;
  /** Connection deadline and whole-response deadline (ms). */
  connectTimeoutMs: number;
  timeoutMs: number;
  /** Largest response body, counted while it streams in. */
  maxBytes: number;
  /** Most pages read from one CKAN source in a run. */
  maxPages: number;
  /** How often the scheduler looks for due sources (ms); 0 = off (the default in tests). */
  schedulerMs: number;
}

/** Weights of the five partner-matching components; they need not sum to 1 (scores use them normalised). */
export interface MatchingWeightsConfig {
  technology: number;
  taskModality: number;
  keywords: number;
  accessibility: number;
  quality: number;
}

/** Default weights: what the partner works on first, then whether and how easily they can get it. */
export const DEFAULT_MATCHING_WEIGHTS: MatchingWeightsConfig = { technology: 0.3, taskModality: 0.25, keywords: 0.2, accessibility: 0.15, quality: 0.1 };

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** Reads and validates configuration from `env`; throws ConfigError listing every problem at once. */
export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];

  const int = (name: string, def: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return def;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${name} must be an integer between ${min} and ${max} (got "${raw}")`);
      return def;
    }
    return n;
  };
  const bool = (name: string, def: boolean): boolean => {
    const raw = env[name];
    if (raw === undefined || raw === '') return def;
    if (/^(1|true|yes|on)$/i.test(raw)) return true;
    if (/^(0|false|no|off)$/i.test(raw)) return false;
    problems.push(`${name} must be true or false (got "${raw}")`);
    return def;
  };
  const oneOf = <T extends string>(name: string, allowed: readonly T[], def?: T): T | undefined => {
    const raw = env[name];
    if (raw === undefined || raw === '') return def;
    if (!allowed.includes(raw as T)) {
      problems.push(`${name} must be one of ${allowed.join(', ')} (got "${raw}")`);
      return def;
    }
    return raw as T;
  };

  const nodeEnv = oneOf('NODE_ENV', ['development', 'production', 'test'] as const, 'development')!;
  const host = env.HOST || '127.0.0.1';
  const port = int('PORT', 3000, 0, 65535);
  const publicUrl = (env.PUBLIC_URL || `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`).replace(/\/$/, '');
  try {
    new URL(publicUrl);
  } catch {
    problems.push(`PUBLIC_URL must be an absolute URL (got "${publicUrl}")`);
  }

  const mongodbUri = env.MONGODB_URI || undefined;
  if (mongodbUri && !/^mongodb(\+srv)?:\/\//.test(mongodbUri)) {
    problems.push('MONGODB_URI must start with mongodb:// or mongodb+srv://');
  }

  // S3 is either fully configured or fully embedded; a partial set is a mistake worth stopping for.
  const s3Keys = ['S3_BUCKET', 'S3_REGION', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const;
  const anyS3 = [...s3Keys, 'S3_ENDPOINT'].some((k) => env[k]);
  let s3: Config['s3'];
  if (anyS3) {
    const missing = s3Keys.filter((k) => !env[k]);
    if (missing.length) problems.push(`S3 is partly configured; also set ${missing.join(', ')}`);
    if (env.S3_ENDPOINT) {
      try {
        new URL(env.S3_ENDPOINT);
      } catch {
        problems.push(`S3_ENDPOINT must be a URL (got "${env.S3_ENDPOINT}")`);
      }
    }
    s3 = {
      endpoint: env.S3_ENDPOINT || undefined,
      bucket: env.S3_BUCKET ?? '',
      region: env.S3_REGION ?? '',
      accessKeyId: env.S3_ACCESS_KEY_ID ?? '',
      secretAccessKey: env.S3_SECRET_ACCESS_KEY ?? '',
      forcePathStyle: bool('S3_FORCE_PATH_STYLE', Boolean(env.S3_ENDPOINT)),
      checksumMode: oneOf('S3_CHECKSUM_MODE', ['WHEN_REQUIRED', 'WHEN_SUPPORTED'] as const, 'WHEN_REQUIRED')!,
    };
  }

  // MATCHING_WEIGHTS=technology=0.4,keywords=0.1 overrides some or all defaults.
  const matchingWeights: MatchingWeightsConfig = { ...DEFAULT_MATCHING_WEIGHTS };
  for (const part of (env.MATCHING_WEIGHTS ?? '').split(',').filter((p) => p.trim())) {
    const [name, raw] = part.split('=').map((x) => x.trim());
    const value = Number(raw);
    if (!(name in matchingWeights) || raw === undefined || raw === '' || !Number.isFinite(value) || value < 0 || value > 100) {
      problems.push(`MATCHING_WEIGHTS must be name=number pairs (names ${Object.keys(DEFAULT_MATCHING_WEIGHTS).join(', ')}; numbers 0–100), got "${part}"`);
      continue;
    }
    matchingWeights[name as keyof MatchingWeightsConfig] = value;
  }
  if (Object.values(matchingWeights).every((w) => w === 0)) problems.push('MATCHING_WEIGHTS must leave at least one weight above 0');

  const catalogContactEmail = env.CATALOG_CONTACT_EMAIL || 'data@databridge.example';
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(catalogContactEmail)) problems.push(`CATALOG_CONTACT_EMAIL must be an e-mail address (got "${catalogContactEmail}")`);

  const smtpUrl = env.SMTP_URL || undefined;
  if (smtpUrl && !/^smtps?:\/\/[^\s]+$/.test(smtpUrl)) problems.push('SMTP_URL must be an smtp:// or smtps:// URL');

  const demoPassword = env.DEMO_PASSWORD || 'databridge-demo';
  if (demoPassword.length < 8) problems.push('DEMO_PASSWORD must be at least 8 characters');

  const config: Config = {
    env: nodeEnv,
    host,
    port,
    publicUrl,
    dataDir: path.resolve(env.DATA_DIR || './data'),
    mongodbUri,
    embeddedMongo: oneOf('EMBEDDED_MONGO', EMBEDDED_MONGO_CHOICES),
    dbName: env.MONGODB_DB || 'databridge',
    s3,
    s3Bucket: s3?.bucket || 'databridge',
    seedDemo: bool('SEED_DEMO', true),
    demoPassword,
    sessionTtlHours: int('SESSION_TTL_HOURS', 12, 1, 24 * 30),
    loginRateLimit: {
      max: int('LOGIN_RATE_LIMIT', 10, 1, 10_000),
      windowSeconds: int('LOGIN_RATE_WINDOW_SECONDS', 900, 1, 86_400),
      perAddress: int('LOGIN_ADDRESS_RATE_LIMIT', 100, 1, 100_000),
      perAccount: int('LOGIN_ACCOUNT_RATE_LIMIT', 50, 1, 100_000),
    },
    dbTimeoutMs: int('DB_TIMEOUT_MS', 5000, 200, 600_000),
    s3TimeoutMs: int('S3_TIMEOUT_MS', 5000, 200, 600_000),
    embeddedDbHangMs: int('EMBEDDED_DB_HANG_MS', 30_000, 1000, 3_600_000),
    embeddedDbBusyTimeoutMs: int('EMBEDDED_DB_BUSY_TIMEOUT_MS', 2000, 0, 60_000),
    smtpUrl,
    mailFrom: env.MAIL_FROM || 'K–US Data Bridge <no-reply@databridge.example>',
    maxJsonBytes: int('MAX_JSON_BYTES', 1_000_000, 1_000, 50_000_000),
    maxImportBytes: int('MAX_IMPORT_BYTES', 30_000_000, 1_000, 500_000_000),
    catalogContactEmail,
    logLevel: oneOf('LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, nodeEnv === 'test' ? 'warn' : 'info')!,
    trustProxy: bool('TRUST_PROXY', false),
    accessSlaDays: int('ACCESS_SLA_DAYS', 5, 1, 365),
    searchSyncMs: int('SEARCH_SYNC_MS', 500, 50, 60_000),
    matchingWeights,
    harvest: {
      allowedHosts: env.HARVEST_ALLOWED_HOSTS ? env.HARVEST_ALLOWED_HOSTS.split(',').map((h) => h.trim().toLowerCase()).filter(Boolean) : null,
      connectTimeoutMs: int('HARVEST_CONNECT_TIMEOUT_MS', 5000, 50, 120_000),
      timeoutMs: int('HARVEST_TIMEOUT_MS', 60_000, 100, 3_600_000),
      maxBytes: int('HARVEST_MAX_BYTES', 100_000_000, 1_000, 2_000_000_000),
      maxPages: int('HARVEST_MAX_PAGES', 100, 1, 100_000),
      schedulerMs: int('HARVEST_SCHEDULER_MS', nodeEnv === 'test' ? 0 : 60_000, 0, 86_400_000),
    },
    statsEnabled: bool('STATS_ENABLED', true),
  };
  if (problems.length) throw new ConfigError(problems);
  return config;
}
