// A provider uploads full data from the dataset editor in Chromium: in parts, straight to the
// embedded S3 (CORS, the signed x-amz-checksum-sha256 header, the exposed ETag), with a progress
// bar; an upload left unfinished continues when the same file is picked again, sending only the
// parts storage does not hold yet.
import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Dataset } from '../../server/datasets/model';
import { expectAccessible } from './helpers/axe';
import { DEMO_PASSWORD, open, poll, screenshot, useE2E } from './helpers/harness';

const e2e = useE2E();
const MiB = 1024 * 1024;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('full-data upload in the browser', { timeout: 150_000 }, () => {
  it('uploads a file in parts with progress, and continues an unfinished upload sending only the missing parts', async () => {
    const provider = await e2e.app.login('provider@demo.kr', DEMO_PASSWORD);
    const draft = await provider.post('/api/v1/datasets', { slug: `full-data-e2e-${Date.now().toString(36)}`, title: { ko: '전체 데이터 업로드 시험' } });
    expect(draft.status, draft.text).toBe(201);
    const id = draft.body.id as string;

    const w = await e2e.newPage();
    const { page } = w;
    await e2e.signIn(w, 'provider@demo.kr');
    await open(w, e2e.url, `/workspace/datasets/${id}?step=6`, 'ko');
    const panel = page.getByTestId('upload-panel');
    await panel.waitFor();
    await page.evaluate(() => {
      const g = globalThis as any;
      g.__sawProgress = false;
      new g.MutationObserver(() => {
        if (g.document.querySelector('[data-testid="upload-progress"]')) g.__sawProgress = true;
      }).observe(g.document.body, { childList: true, subtree: true });
    });

    // 1. A fresh upload: 8 MiB parts (the server's choice), two of them.
    const first = randomBytes(8 * MiB + 4321);
    await page.getByTestId('upload-kind').selectOption('data');
    await page.getByTestId('upload-file').setInputFiles({ name: 'full-data-a.bin', mimeType: 'application/octet-stream', buffer: first });
    await page.getByTestId('upload-start').click();
    await page.getByTestId('upload-result').waitFor({ timeout: 60_000 });
    expect(await page.evaluate(() => (globalThis as any).__sawProgress)).toBe(true);
    const stored = (await Dataset.findById(id).lean())!.artifacts.find((a) => a.filename === 'full-data-a.bin')!;
    expect(stored).toMatchObject({ kind: 'data', status: 'available', bytes: first.length, sha256: sha(first) });
    expect(await e2e.app.storage.sha256(stored.key)).toBe(sha(first));
    await screenshot(w, 'editor-full-data', 'ko');
    await expectAccessible(w, 'dataset editor, full data uploaded (ko)');

    // 2. An upload left unfinished elsewhere: part 1 of 3 stored and acknowledged.
    const second = randomBytes(2 * 5 * MiB + 777);
    const created = await provider.post(`/api/v1/datasets/${id}/artifacts`, {
      kind: 'data',
      filename: 'full-data-b.bin',
      contentType: 'application/octet-stream',
      bytes: second.length,
      sha256: sha(second),
      partSize: 5 * MiB,
    });
    expect(created.status, created.text).toBe(201);
    const aid = created.body.artifact.id as string;
    const part1 = second.subarray(0, 5 * MiB);
    const urls = await provider.post(`/api/v1/datasets/${id}/artifacts/${aid}/parts`, { parts: [{ number: 1, sha256: sha(part1) }] });
    const put = await fetch(urls.body.parts[0].url, { method: 'PUT', headers: urls.body.parts[0].headers, body: part1 });
    expect(put.status).toBe(200);
    expect((await provider.put(`/api/v1/datasets/${id}/artifacts/${aid}/parts/1`, { etag: put.headers.get('etag') })).status).toBe(200);

    await page.reload();
    await panel.waitFor();
    const row = page.getByTestId('artifact-row').filter({ hasText: 'full-data-b.bin' });
    await poll(() => row.innerText()).toContain('같은 파일을 다시 선택하면');
    const asked: number[] = [];
    page.on('request', (req) => {
      if (req.method() === 'POST' && req.url().includes(`/artifacts/${aid}/parts`)) asked.push(...(JSON.parse(req.postData()!) as { parts: { number: number }[] }).parts.map((p) => p.number));
    });
    await page.getByTestId('upload-kind').selectOption('data');
    await page.getByTestId('upload-file').setInputFiles({ name: 'full-data-b.bin', mimeType: 'application/octet-stream', buffer: second });
    await page.getByTestId('upload-start').click();
    await page.getByTestId('upload-resumed').waitFor();
    expect(await page.getByTestId('upload-resumed').innerText()).toContain('이전 업로드를 이어 갑니다');
    await page.getByTestId('upload-result').waitFor({ timeout: 60_000 });
    expect(asked.sort()).toEqual([2, 3]);
    const resumed = (await Dataset.findById(id).lean())!.artifacts.find((a) => a.id === aid)!;
    expect(resumed).toMatchObject({ status: 'available', sha256: sha(second) });
    expect(await e2e.app.storage.sha256(resumed.key)).toBe(sha(second));
    w.expectNoProblems();
    await page.close();
  });
});
