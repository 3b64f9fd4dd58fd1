// Removes records whose time is up, so that no collection grows forever: sessions, personal tokens
// (kept 30 days past expiry or revocation so their owners still see them listed), rate-limit counters
// of past windows, remembered sign-in devices, the mail outbox and the search change feed's rows.
// On MongoDB the same expiries are also TTL indexes; FerretDB 1.24 refuses those ("Index option
// expireAfterSeconds is not implemented yet"), so the periodic sweep is what keeps the embedded
// database bounded, and it is harmless where the TTL monitor already did the work.
import mongoose from 'mongoose';
import type { Logger } from 'pino';
import { ApiToken, RateLimit, Session } from '../auth/models';
import { KnownDevice } from '../auth/login-guard';
import { Mail } from '../mail/model';

const DAY = 86400_000;
/**
 * Longest rate-limit window (LOGIN_RATE_WINDOW_SECONDS ≤ 1 day). A hit also reads the previous
 * window's counter (the sliding estimate, server/http/rate-limit.ts), so counters live two windows.
 */
const MAX_WINDOW_MS = DAY;
const RATE_LIMIT_KEEP_MS = 2 * MAX_WINDOW_MS;
const TOKEN_KEEP_MS = 30 * DAY;

/** What one sweep removed, by collection. */
export type SweepReport = Record<string, number>;

/** Deletes everything expired at `now`. */
export async function sweepOnce(now = new Date()): Promise<SweepReport> {
  const before = (ms: number) => new Date(now.getTime() - ms);
  const [sessions, tokens, counters, devices, mail] = await Promise.all([
    Session.deleteMany({ expiresAt: { $lt: now } }),
    ApiToken.deleteMany({ $or: [{ expiresAt: { $lt: before(TOKEN_KEEP_MS) } }, { revokedAt: { $lt: before(TOKEN_KEEP_MS) } }] }),
    RateLimit.deleteMany({ windowStart: { $lt: before(RATE_LIMIT_KEEP_MS) } }),
    KnownDevice.deleteMany({ expiresAt: { $lt: now } }),
    Mail.deleteMany({ expiresAt: { $lt: now } }),
  ]);
  return {
    sessions: sessions.deletedCount,
    api_tokens: tokens.deletedCount,
    rate_limits: counters.deletedCount,
    known_devices: devices.deletedCount,
    mail_outbox: mail.deletedCount,
  };
}

/** Creates TTL indexes where the database supports them (MongoDB; not FerretDB). */
export async function ensureTtlIndexes(log: Pick<Logger, 'info' | 'warn'>): Promise<boolean> {
  const info = (await mongoose.connection.db?.admin().command({ buildInfo: 1 })) as { ferretdbVersion?: string } | undefined;
  if (!info || info.ferretdbVersion) return false;
  const ttl = async (collection: string, field: string, seconds: number) => {
    await mongoose.connection.collection(collection).createIndex({ [field]: 1 }, { expireAfterSeconds: seconds, name: `ttl_${field}` });
  };
  try {
    await ttl('sessions', 'expiresAt', 0);
    await ttl('known_devices', 'expiresAt', 0);
    await ttl('mail_outbox', 'expiresAt', 0);
    await ttl('rate_limits', 'windowStart', RATE_LIMIT_KEEP_MS / 1000);
    return true;
  } catch (err) {
    // An index of the same keys without the TTL option may exist from an earlier version; the sweep covers it.
    log.warn({ err }, 'TTL indexes not created; the periodic sweep removes expired records');
    return false;
  }
}

/** Sweeps now and then every `intervalMs`; returns a function that stops it. */
export function startSweeper(opts: { intervalMs: number; log: Pick<Logger, 'info' | 'warn' | 'debug'> }): () => void {
  const run = () =>
    sweepOnce()
      .then((report) => {
        const removed = Object.values(report).reduce((a, b) => a + b, 0);
        if (removed) opts.log.info({ removed: report }, 'expired records removed');
      })
      .catch((err: unknown) => opts.log.warn({ err }, 'sweep failed; retrying at the next interval'));
  void ensureTtlIndexes(opts.log).catch(() => undefined);
  void run();
  const timer = setInterval(() => void run(), opts.intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
