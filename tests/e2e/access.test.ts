// A US university researcher asks "Can I use this?", requests access to a conditionally shareable
// Korean dataset, a Korean reviewer approves it with a condition and an expiry, the researcher can
// then download the full data, and once the grant has expired the same download is refused.
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Types } from 'mongoose';
import { POLICY_REQUIREMENTS } from '../../schemas/taxonomy';
import { AccessRequest } from '../../server/access/model';
import { Dataset } from '../../server/datasets/model';
import { expectAccessible } from './helpers/axe';
import { open, poll, screenshot, startE2E, type E2E, type WatchedPage } from './helpers/harness';

const SLUG = 'korean-spontaneous-speech-2023';
const PARTNER = 'partner@demo.org';
const REVIEWER = 'reviewer@demo.kr';
const STATEMENT =
  'We will train and benchmark a Korean ASR model for conversational speech at our university lab; no redistribution.';
const REASON = '연구 목적이 명확하고 국외 반출 협약이 확인되었습니다.';
const CONDITION = '연구 결과 발표 시 출처를 표기할 것';
const CROSS_BORDER = POLICY_REQUIREMENTS.find((r) => r.code === 'cross_border_agreement')!.message;
const FULL_FILE = 'kss23-full-part-001.jsonl';
const DAY = 86_400_000;

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
  // The seed gives this dataset only sample-type files (open to any signed-in user): add one
  // full-scope artifact so the download shows the grant itself being honoured and then lapsing.
  const doc = await Dataset.findOne({ slug: SLUG });
  if (!doc) throw new Error(`seed dataset ${SLUG} is missing`);
  if (!doc.artifacts.some((a) => !['sample', 'guideline', 'datacard', 'schema'].includes(a.kind))) {
    const body = Buffer.from('{"id":"KSS23-S0001-000001","text":"안녕하세요."}\n', 'utf8');
    const artifactId = randomBytes(16).toString('hex');
    const key = `datasets/${String(doc._id)}/artifacts/${artifactId}/${FULL_FILE}`;
    await e2e.app.storage.putObject(key, body, { contentType: 'application/x-ndjson', bytes: body.length });
    const now = new Date();
    await Dataset.updateOne(
      { _id: doc._id },
      {
        $push: {
          artifacts: {
            id: artifactId,
            kind: 'other',
            key,
            filename: FULL_FILE,
            contentType: 'application/x-ndjson',
            bytes: body.length,
            sha256: createHash('sha256').update(body).digest('hex'),
            status: 'available',
            uploadedAt: now,
            createdAt: now,
            createdBy: doc.createdBy ?? new Types.ObjectId(),
          },
        },
      },
    );
  }
}, 240_000);
beforeEach(({ task, onTestFailed }) => {
  onTestFailed(() => e2e?.captureFailure(task.name));
});
afterAll(async () => {
  await e2e?.close();
}, 60_000);

/** yyyy-mm-dd of `days` from now in the browser's time zone (Asia/Seoul), as a date input wants it. */
function seoulDate(days: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Seoul', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(Date.now() + days * DAY),
  );
}

/** Asks for a download URL from inside the page, with the page's session cookie. */
async function download(w: WatchedPage, datasetId: string, artifactId: string): Promise<{ status: number; body: any }> {
  const path = `/api/v1/datasets/${encodeURIComponent(datasetId)}/artifacts/${encodeURIComponent(artifactId)}/download?format=json`;
  return w.page.evaluate(async (p) => {
    const res = await fetch(p, { credentials: 'same-origin', headers: { accept: 'application/json' } });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return { status: res.status, body };
  }, path);
}

describe('requesting access to a dataset', { timeout: 180_000 }, () => {
  it('a US partner requests access, a reviewer approves it, the grant allows downloads until it expires', async () => {
    const w = await e2e.newPage();
    const { page } = w;

    // --- Partner: "Can I use this?" for research, full data.
    await e2e.signIn(w, PARTNER);
    await open(w, e2e.url, `/datasets/${SLUG}`, 'en');
    const panel = page.getByTestId('can-i-use');
    await panel.waitFor();
    await panel.getByTestId('can-i-use-purpose').selectOption('research');
    await panel.locator('input[type="radio"][value="full"]').check();
    const decision = panel.locator('[data-testid="decision"][data-decision="request_required"]');
    await decision.waitFor();
    await poll(() => panel.getByTestId('requirements').innerText()).toContain(CROSS_BORDER.en);
    expect(await panel.locator('[data-testid="requirements"] li[data-code="cross_border_agreement"]').count()).toBe(1);
    await screenshot(w, 'panel', 'en');
    await expectAccessible(w, 'can-i-use panel (en)');

    // The dataset and a full-scope artifact; before any grant its download is refused.
    const dataset = (await (await page.request.get(`${e2e.url}/api/v1/datasets/${SLUG}`)).json()) as { id: string };
    const artifacts = (await (await page.request.get(`${e2e.url}/api/v1/datasets/${SLUG}/artifacts`)).json()) as {
      items: { id: string; kind: string; status: string; filename: string }[];
    };
    const available = artifacts.items.filter((a) => a.status === 'available');
    const artifact =
      available.find((a) => !['sample', 'guideline', 'datacard', 'schema'].includes(a.kind)) ?? available.find((a) => a.kind === 'sample');
    expect(artifact, 'a downloadable artifact').toBeDefined();
    const before = await download(w, dataset.id, artifact!.id);
    expect(before.status).toBe(403);
    expect(before.body.code).toBe('download_not_allowed');

    // --- Partner: the request form.
    await panel.getByTestId('request-access').click();
    await page.waitForURL(new RegExp(`/datasets/${SLUG}/request`));
    await page.getByTestId('request-form-page').waitFor();
    await page.getByTestId('request-statement').fill(STATEMENT);
    await page.getByTestId('request-duration').fill('30');
    const agreements = page.locator('[data-testid="request-agreements"] input[type="checkbox"]');
    await poll(() => agreements.count()).toBeGreaterThan(0);
    for (let i = 0; i < (await agreements.count()); i++) await agreements.nth(i).check();
    await page.getByTestId('request-submit').click();
    await page.waitForURL(/\/requests\/[0-9a-f]{24}/);
    const requestId = /\/requests\/([0-9a-f]{24})/.exec(page.url())![1];
    const detail = page.getByTestId('request-detail');
    await poll(() => detail.getAttribute('data-status')).toBe('submitted');
    await page.getByTestId('timeline').waitFor();
    expect(await page.locator('[data-testid="timeline"] li[data-to="submitted"]').count()).toBeGreaterThan(0);
    await screenshot(w, 'request-submitted', 'en');
    await expectAccessible(w, 'request submitted (en)');
    w.expectNoProblems();

    // --- Reviewer: claim and approve with a condition and an expiry 30 days out.
    await e2e.signIn(w, REVIEWER);
    await open(w, e2e.url, '/review/access', 'ko');
    const row = page.getByTestId('access-queue-item').filter({ has: page.locator(`a[href*="/review/access/${requestId}"]`) });
    await row.waitFor();
    await row.locator(`a[href*="/review/access/${requestId}"]`).click();
    await page.waitForURL(new RegExp(`/review/access/${requestId}`));
    await page.getByTestId('access-decision').waitFor();
    await page.getByTestId('claim').click();
    await page.getByTestId('claim').waitFor({ state: 'detached' });
    await page.getByTestId('decision-approve').check();
    await page.getByTestId('decision-reason').fill(REASON);
    await page.getByTestId('add-condition').click();
    await page.getByTestId('decision-condition').first().fill(CONDITION);
    const expires = seoulDate(30);
    await page.getByTestId('decision-expires').fill(expires);
    await screenshot(w, 'access-decision', 'ko');
    await expectAccessible(w, 'access decision form (ko)');
    await page.getByTestId('decision-submit').click();
    await page.getByTestId('decision-submit').waitFor({ state: 'detached' });
    const approved = await AccessRequest.findById(requestId).lean();
    expect(approved).toMatchObject({ status: 'approved', conditions: [CONDITION] });
    expect(approved!.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 29 * DAY);
    w.expectNoProblems();

    // --- Partner: approved, with an expiry; the full download now works.
    await e2e.signIn(w, PARTNER);
    await open(w, e2e.url, `/requests/${requestId}`, 'en');
    await poll(() => detail.getAttribute('data-status')).toBe('approved');
    await page.getByTestId('expires-at').waitFor();
    expect(await page.getByTestId('conditions').innerText()).toContain(CONDITION);
    await screenshot(w, 'request-approved', 'en');
    await expectAccessible(w, 'request approved (en)');
    const granted = await download(w, dataset.id, artifact!.id);
    expect(granted.status, JSON.stringify(granted.body)).toBe(200);
    expect(granted.body.url).toMatch(/^https?:\/\//);

    // --- The grant lapses: its expiry moves into the past.
    await AccessRequest.updateOne({ _id: requestId }, { $set: { expiresAt: new Date(Date.now() - 60_000) } });
    const lapsed = await download(w, dataset.id, artifact!.id);
    expect(lapsed.status).toBe(403);
    expect(lapsed.body.code).toBe('download_not_allowed');
    await page.reload();
    await poll(() => detail.getAttribute('data-status')).toBe('expired');
    await poll(() => page.locator('[data-testid="request-detail"] > dl [data-testid="request-status"]').getAttribute('data-status')).toBe('expired');
    await screenshot(w, 'request-expired', 'en');
    await expectAccessible(w, 'request expired (en)');
    w.expectNoProblems();
    await page.close();
  });
});
