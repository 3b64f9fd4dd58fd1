// Limits on password guessing (docs/security.md). Every attempt is counted atomically *before* the
// password is checked, so a burst of parallel guesses cannot slip past the limit, and a success
// gives its count back. Three counters, each over a sliding window (server/http/rate-limit.ts):
//   - per address and account: a guesser at one address stops after LOGIN_RATE_LIMIT failures;
//   - per address: one address cannot spray many accounts (LOGIN_ADDRESS_RATE_LIMIT);
//   - per account over all addresses (LOGIN_ACCOUNT_RATE_LIMIT): beyond it only browsers and
//     addresses the owner has signed in from before may keep trying, so a stranger can slow an
//     account down but not lock its owner out.
// A browser the owner signed in with carries a device cookie; its attempts are counted on their own.
// Sign-in attempts (counting, then scrypt, which keeps a core busy) go through a small fair queue
// per address: a flood from one address waits behind itself, not in front of everybody else, and
// beyond a short queue it is refused before it costs a database write.
import type { Request, Response } from 'express';
import mongoose, { Schema, type Types } from 'mongoose';
import { AppError } from '../http/errors';
import { hit, retryAfterSeconds, unhit, type Hit } from '../http/rate-limit';
import type { Config } from '../infra/config';
import { hashSecret, newSecret } from './secrets';

export const DEVICE_COOKIE = 'kdb_device';
const DEVICE_DAYS = 180;

export interface KnownDeviceDoc {
  _id: Types.ObjectId;
  userId: Types.ObjectId;
  /** SHA-256 of the device cookie. */
  tokenHash: string;
  /** The address of the last successful sign-in with this device. */
  ip: string | null;
  lastSignInAt: Date;
  expiresAt: Date;
}

const knownDeviceSchema = new Schema<KnownDeviceDoc>(
  {
    userId: { type: Schema.Types.ObjectId, required: true },
    tokenHash: { type: String, required: true },
    ip: { type: String, default: null },
    lastSignInAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
  },
  { versionKey: false, collection: 'known_devices' },
);
// Sign-in looks up the caller's device cookie and addresses for one account.
knownDeviceSchema.index({ userId: 1, tokenHash: 1 });
// The sweeper removes expired devices.
knownDeviceSchema.index({ expiresAt: 1 });

export const KnownDevice = mongoose.model<KnownDeviceDoc>('KnownDevice', knownDeviceSchema);

type Limits = Config['loginRateLimit'];

/** The counters one attempt was charged to, so a success can give them back. */
export interface Charge {
  hits: Hit[];
}

/** How the attempt stands towards the account: from a browser the owner used, from an address they used, or from elsewhere. */
export async function familiarity(req: Request, userId: Types.ObjectId | null): Promise<{ device: string | null; knownAddress: boolean }> {
  if (!userId) return { device: null, knownAddress: false };
  const cookie = (req.cookies as Record<string, string> | undefined)?.[DEVICE_COOKIE];
  const deviceHash = cookie ? hashSecret(cookie) : null;
  const now = new Date();
  const [device, address] = await Promise.all([
    deviceHash ? KnownDevice.exists({ userId, tokenHash: deviceHash, expiresAt: { $gt: now } }) : null,
    req.ctx.ip ? KnownDevice.exists({ userId, ip: req.ctx.ip, expiresAt: { $gt: now } }) : null,
  ]);
  return { device: device ? deviceHash : null, knownAddress: !!address };
}

/**
 * Counts one attempt against every counter that applies and refuses (429) when one is over its
 * limit. Counting comes first so that concurrent attempts see each other.
 */
export async function chargeAttempt(email: string, ip: string, known: { device: string | null; knownAddress: boolean }, limits: Limits): Promise<Charge> {
  const { windowSeconds } = limits;
  const checks: Array<{ key: string; max: number; code: string }> = known.device
    ? [{ key: `login-device:${known.device}`, max: limits.max, code: 'too_many_requests' }]
    : [
        { key: `login:${ip}:${email}`, max: limits.max, code: 'too_many_requests' },
        { key: `login-address:${ip}`, max: limits.perAddress, code: 'too_many_requests' },
        ...(known.knownAddress ? [] : [{ key: `login-account:${email}`, max: limits.perAccount, code: 'sign_in_paused_for_account' }]),
      ];
  const hits = await Promise.all(checks.map((c) => hit(c.key, windowSeconds)));
  const charge = { hits };
  const overAt = checks.findIndex((c, i) => hits[i]!.count > c.max);
  if (overAt >= 0) {
    // A refused attempt checks no password, so it gives its counts back: the counters hold the
    // attempts that were (or are being) checked, and a flood of refusals cannot pause the account.
    await refund(charge);
    const over = checks[overAt]!;
    const retryAfter = retryAfterSeconds(hits[overAt]!, over.max);
    throw new AppError(429, over.code, { retryAfter }, undefined, undefined, { 'Retry-After': String(retryAfter) });
  }
  return charge;
}

/** Gives back the counts of an attempt that succeeded (only failures count). */
export async function refund(charge: Charge): Promise<void> {
  await Promise.all(charge.hits.map((h) => unhit(h)));
}

/** Remembers the browser (device cookie) and address of a successful sign-in. */
export async function rememberDevice(req: Request, res: Response, userId: Types.ObjectId, secure: boolean): Promise<void> {
  const existing = (req.cookies as Record<string, string> | undefined)?.[DEVICE_COOKIE];
  const secret = existing && /^[A-Za-z0-9_-]{20,100}$/.test(existing) ? existing : newSecret();
  const now = new Date();
  const expiresAt = new Date(now.getTime() + DEVICE_DAYS * 86400_000);
  await KnownDevice.updateOne(
    { userId, tokenHash: hashSecret(secret) },
    { $set: { ip: req.ctx.ip, lastSignInAt: now, expiresAt }, $setOnInsert: { userId, tokenHash: hashSecret(secret) } },
    { upsert: true },
  );
  res.cookie(DEVICE_COOKIE, secret, { httpOnly: true, sameSite: 'lax', secure, path: '/api/v1/auth', expires: expiresAt });
}

/**
 * Runs password checks at most `concurrency` at a time, taking turns between addresses, with at most
 * `perKey` checks queued per address (429 beyond): a flood from one address cannot delay the others.
 */
export class FairGate {
  private running = 0;
  private readonly queues = new Map<string, Array<() => void>>();

  constructor(
    private readonly concurrency: number,
    private readonly perKey: number,
  ) {}

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    await this.acquire(key);
    try {
      return await task();
    } finally {
      this.release();
    }
  }

  private acquire(key: string): Promise<void> {
    if (this.running < this.concurrency && this.queues.size === 0) {
      this.running++;
      return Promise.resolve();
    }
    const queue = this.queues.get(key) ?? [];
    if (queue.length >= this.perKey) return Promise.reject(new AppError(429, 'too_many_requests', { retryAfter: 1 }, undefined, undefined, { 'Retry-After': '1' }));
    return new Promise((resolve) => {
      queue.push(resolve);
      this.queues.set(key, queue);
    });
  }

  private release(): void {
    // Round robin: the address that waited longest for a turn goes next (Map keeps insertion order).
    const next = this.queues.entries().next();
    if (next.done) {
      this.running--;
      return;
    }
    const [key, queue] = next.value;
    const resolve = queue.shift()!;
    this.queues.delete(key);
    if (queue.length) this.queues.set(key, queue);
    resolve();
  }
}

/** Sign-in attempts of this process: two at a time, ten waiting per address. */
export const signInGate = new FairGate(2, 10);
