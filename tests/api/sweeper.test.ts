// Nothing grows forever: expired sessions, tokens, counters, devices and mail are removed.
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiToken, RateLimit, Session } from '../../server/auth/models';
import { KnownDevice } from '../../server/auth/login-guard';
import { hit } from '../../server/http/rate-limit';
import { sweepOnce } from '../../server/infra/sweeper';
import { Mail } from '../../server/mail/model';
import { createUser, startTestApp, type TestApp } from '../helpers/app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

const DAY = 86400_000;
const ago = (ms: number) => new Date(Date.now() - ms);
const later = (ms: number) => new Date(Date.now() + ms);

describe('the sweeper', () => {
  it('removes what has expired and keeps what is current', async () => {
    const u = await createUser();
    const userId = u.id;
    const session = (expiresAt: Date) => ({ tokenHash: new Types.ObjectId().toHexString(), userId, csrfToken: 'x', expiresAt, createdAt: ago(DAY), ip: null, userAgent: null });
    const [oldSession, liveSession] = await Session.create([session(ago(1000)), session(later(DAY))]);
    const token = (expiresAt: Date, revokedAt: Date | null = null) => ({ userId, name: 't', tokenHash: new Types.ObjectId().toHexString(), prefix: 'kdb_x', expiresAt, createdAt: ago(90 * DAY), revokedAt });
    const [longExpired, recentlyExpired, longRevoked, valid] = await ApiToken.create([
      token(ago(31 * DAY)),
      token(ago(DAY)),
      token(later(DAY), ago(40 * DAY)),
      token(later(DAY)),
    ]);
    await RateLimit.create({ _id: 'old-window@2020-01-01T00:00:00.000Z', key: 'old-window', windowStart: new Date('2020-01-01'), count: 3 });
    await hit('current-window', 900);
    const [oldDevice, liveDevice] = await KnownDevice.create([
      { userId, tokenHash: 'a'.repeat(64), ip: null, lastSignInAt: ago(200 * DAY), expiresAt: ago(DAY) },
      { userId, tokenHash: 'b'.repeat(64), ip: null, lastSignInAt: ago(DAY), expiresAt: later(DAY) },
    ]);
    const mail = (expiresAt: Date) => ({ to: 'a@b.example', template: 'verify_email', lang: 'en' as const, subject: 's', text: 't', createdAt: ago(DAY), expiresAt });
    const [oldMail, newMail] = await Mail.create([mail(ago(1000)), mail(later(DAY))]);

    const report = await sweepOnce();
    expect(report.sessions).toBeGreaterThanOrEqual(1);
    expect(await Session.exists({ _id: oldSession._id })).toBeNull();
    expect(await Session.exists({ _id: liveSession._id })).not.toBeNull();
    expect(await ApiToken.exists({ _id: longExpired._id })).toBeNull();
    expect(await ApiToken.exists({ _id: longRevoked._id })).toBeNull();
    expect(await ApiToken.exists({ _id: recentlyExpired._id })).not.toBeNull();
    expect(await ApiToken.exists({ _id: valid._id })).not.toBeNull();
    expect(await RateLimit.exists({ key: 'old-window' })).toBeNull();
    expect(await RateLimit.exists({ key: 'current-window' })).not.toBeNull();
    expect(await KnownDevice.exists({ _id: oldDevice._id })).toBeNull();
    expect(await KnownDevice.exists({ _id: liveDevice._id })).not.toBeNull();
    expect(await Mail.exists({ _id: oldMail._id })).toBeNull();
    expect(await Mail.exists({ _id: newMail._id })).not.toBeNull();
  });
});
