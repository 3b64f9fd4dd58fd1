// A download refused to a person in the browser is a page in their language with the engine's
// reason and the next step, never raw JSON (issue 13 item 2): an anonymous visitor following a
// sign-in-only file's link is asked to sign in (and comes back to the file); a researcher whose
// grant expired is told when it ended and offered to request again; with access the file downloads.
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AccessRequest } from '../../server/access/model';
import { User } from '../../server/auth/models';
import { Dataset, type DatasetDoc } from '../../server/datasets/model';
import { expectAccessible } from './helpers/axe';
import { DEMO_PASSWORD, open, poll, screenshot, useE2E } from './helpers/harness';

const e2e = useE2E();

/** A published, public dataset of the seed with a full-data file, matching `level` (and `provider` when given). */
async function seeded(level: string, providerId?: unknown): Promise<{ doc: DatasetDoc; fileId: string; sha256: string }> {
  const docs = await Dataset.find({ status: 'published' }).lean<DatasetDoc[]>();
  for (const doc of docs) {
    const file = doc.live?.artifacts.find((a) => a.kind === 'data' && a.status === 'available');
    const rules = doc.live as unknown as { disclosure: { accessLevel: string }; classification: { level: string } };
    // Anonymous visitors see only public datasets (docs/design.md §4 step 1).
    if (!file || rules.disclosure.accessLevel !== level || rules.classification.level !== 'public') continue;
    if (providerId && String(doc.providerId) !== String(providerId)) continue;
    return { doc, fileId: file.id, sha256: file.sha256 };
  }
  throw new Error(`the seed has no published ${level} dataset with full data`);
}

describe('download refusals as pages', { timeout: 120_000 }, () => {
  it('sends an anonymous visitor from a sign-in-only file to a page that asks to sign in, in Korean and English, and back to the file after signing in', async () => {
    const { doc, fileId, sha256 } = await seeded('registered');
    const id = String(doc._id);
    const w = await e2e.newPage();
    const { page } = w;
    for (const lang of ['ko', 'en'] as const) {
      // The API's download address, followed as a link: never a JSON body.
      await open(w, e2e.url, `/api/v1/datasets/${id}/artifacts/${fileId}/download`, lang);
      await page.waitForURL(new RegExp(`/datasets/${id}/files/${fileId}`));
      const filePage = page.getByTestId('file-page');
      await poll(() => filePage.getAttribute('data-outcome')).toBe('refused');
      expect(await filePage.getAttribute('data-decision')).toBe('sign_in_required');
      expect(await page.locator('body').innerText()).not.toContain('"code"');
      const heading = await page.getByRole('heading', { level: 1 }).innerText();
      expect(heading).toBe(lang === 'ko' ? '아직 이 파일을 내려받을 수 없습니다' : 'You cannot download this file yet');
      expect(await page.getByTestId('file-refusal-lead').innerText()).toContain(lang === 'ko' ? '로그인한 사용자만' : 'signed-in users');
      const signIn = page.getByTestId('file-sign-in');
      expect(await signIn.innerText()).toBe(lang === 'ko' ? '로그인' : 'Sign in');
      const next = new URL((await signIn.getAttribute('href'))!, e2e.url).searchParams.get('next');
      expect(next).toMatch(new RegExp(`^/datasets/${id}/files/${fileId}`));
      await screenshot(w, 'download-refused-sign-in', lang);
      await expectAccessible(w, `download refusal (${lang})`);
    }

    // The dataset page's download link leads to the same page.
    await open(w, e2e.url, `/datasets/${doc.slug}`, 'en');
    await page.locator(`[data-testid="artifact"][data-kind="data"] a.download-link`).click();
    await page.waitForURL(new RegExp(`/datasets/${doc.slug}/files/${fileId}`));
    await poll(() => page.getByTestId('file-page').getAttribute('data-decision')).toBe('sign_in_required');

    // Signed in, the same page starts the download of the whole file.
    await e2e.signIn(w, 'researcher@demo.kr');
    const downloading = page.waitForEvent('download');
    await open(w, e2e.url, `/datasets/${doc.slug}/files/${fileId}`, 'en');
    const download = await downloading;
    const bytes = readFileSync((await download.path())!);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(sha256);
    expect(await page.getByTestId('file-page').getAttribute('data-outcome')).toBe('allowed');
    w.expectNoProblems();
    await e2e.signOut();
    await page.close();
  });

  it('tells a researcher whose grant expired when it ended and offers to request again', async () => {
    const reviewer = await User.findOne({ email: 'reviewer@demo.kr' }).lean();
    const { doc, fileId } = await seeded('approval', reviewer!.organizationId);
    const id = String(doc._id);
    const researcher = await e2e.app.login('researcher@demo.kr', DEMO_PASSWORD);
    const asked = await researcher.post(
      '/api/v1/access-requests',
      {
        datasetId: id,
        scope: 'full',
        purpose: 'research',
        statement: 'Benchmarking Korean models in a university course project.',
        durationDays: 30,
        acceptedAgreements: ['dua'],
      },
      { 'idempotency-key': randomUUID() },
    );
    expect(asked.status, asked.text).toBe(201);
    if (asked.body.status !== 'approved') {
      const reviewerClient = await e2e.app.login('reviewer@demo.kr', DEMO_PASSWORD);
      const approved = await reviewerClient.post(`/api/v1/access-requests/${asked.body.id}/decision`, {
        decision: 'approve',
        reason: 'Fits the purpose.',
        expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      });
      expect(approved.status, approved.text).toBe(200);
    }
    // The grant lapses.
    const endedAt = new Date(Date.now() - 2 * 86_400_000);
    await AccessRequest.updateOne({ _id: asked.body.id }, { $set: { expiresAt: endedAt } });

    const w = await e2e.newPage();
    const { page } = w;
    await e2e.signIn(w, 'researcher@demo.kr');
    for (const lang of ['ko', 'en'] as const) {
      await open(w, e2e.url, `/datasets/${doc.slug}/files/${fileId}`, lang);
      const filePage = page.getByTestId('file-page');
      await poll(() => filePage.getAttribute('data-decision')).toBe('request_required');
      // As the page writes dates (client/src/lib/format.ts), in the browser's time zone.
      const date = new Intl.DateTimeFormat(lang === 'ko' ? 'ko-KR' : 'en-US', { dateStyle: 'medium', timeZone: 'Asia/Seoul' }).format(
        endedAt,
      );
      // The heading turns to the ended grant once the caller's own access has been read (a second request).
      await poll(() => page.getByRole('heading', { level: 1 }).innerText()).toBe(
        lang === 'ko' ? '이 파일에 대한 이용 권한이 끝났습니다' : 'Your access to this file has ended',
      );
      const expired = await page.getByTestId('file-expired').innerText();
      expect(expired).toContain(lang === 'ko' ? '이용 기간이' : 'Your access expired on');
      expect(expired.replace(/\s/g, '')).toContain(date.replace(/\s/g, ''));
      const again = page.getByTestId('file-request');
      expect(await again.innerText()).toBe(lang === 'ko' ? '다시 이용 신청하기' : 'Request access again');
      expect(await again.getAttribute('href')).toBe(`/datasets/${doc.slug}/request?scope=full&purpose=research`);
      await screenshot(w, 'download-refused-expired', lang);
      await expectAccessible(w, `download refusal after expiry (${lang})`);
    }
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(w, 'download-refused-expired-390', 'en');
    w.expectNoProblems();
    await e2e.signOut();
    await page.close();
  });
});
