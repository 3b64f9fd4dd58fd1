// A provider registers a dataset through the guided form, a reviewer approves it, and an anonymous
// visitor finds it in the catalogue in both languages.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectAccessible } from './helpers/axe';
import { fieldErrors } from './helpers/forms';
import { open, poll, screenshot, useE2E } from './helpers/harness';

const SLUG = 'e2e-harbour-crane-sounds';
const TITLE = { ko: '항만 크레인 작업 소음 데이터', en: 'Harbour crane operation sounds' };
const SUMMARY = {
  ko: '부산항 컨테이너 크레인 작업 소리 120시간과 작업 단계 라벨.',
  en: '120 hours of container-crane operation sounds at Busan port with work-phase labels.',
};
const DESCRIPTION = {
  ko: '부산항 신항 컨테이너 터미널의 크레인 12대에서 녹음한 작업 소음입니다. 작업 단계(인양, 이동, 하강, 대기)를 1초 단위로 라벨링했습니다.',
  en: 'Operation sounds recorded at twelve cranes of a Busan New Port container terminal, labeled by work phase (lift, travel, lower, idle) per second.',
};
const PROCEDURE = 'korean-speech-transcription';
const SAMPLE_CSV = 'clip_id,start_s,end_s,phase\nc01-0001,0.0,1.0,idle\nc01-0001,1.0,2.0,lift\nc01-0001,2.0,3.0,travel\n';

const e2e = useE2E();

/** Clicks "next" and waits until the step counter in the URL moves on. */
async function nextStep(page: Page, to: number): Promise<void> {
  await page.getByTestId('step-next').click();
  await poll(() => new URL(page.url()).searchParams.get('step'), `step ${to}`).toBe(String(to));
}

describe('publishing a dataset', { timeout: 150_000 }, () => {
  it('a provider creates and submits a dataset, a reviewer approves it, and it appears in the catalogue', async () => {
    const procedure = (await (await fetch(`${e2e.url}/api/v1/labeling-procedures/${PROCEDURE}`)).json()) as { title: { ko: string } };
    const w = await e2e.newPage();
    const { page } = w;

    // --- Provider: workspace → new dataset.
    await e2e.signIn(w, 'provider@demo.kr');
    await open(w, e2e.url, '/workspace', 'ko');
    await page.getByTestId('new-dataset').waitFor();
    await screenshot(w, 'workspace', 'ko');
    await expectAccessible(w, 'workspace (ko)');
    await page.getByTestId('new-dataset').click();
    await page.waitForURL(/\/workspace\/datasets\/new/);

    // Step 1 with a bad slug: refused at the field, nothing created.
    const slug = page.getByTestId('field-slug');
    await slug.fill('Bad Slug');
    await page.getByTestId('field-title-ko').fill(TITLE.ko);
    await page.getByTestId('field-title-en').fill(TITLE.en);
    await page.getByTestId('step-next').click();
    await poll(() => slug.getAttribute('aria-invalid')).toBe('true');
    const slugErrors = await fieldErrors(page, slug);
    expect(slugErrors.join(' ')).toMatch(/영문 소문자/);
    await page.getByTestId('error-summary').waitFor();
    expect(page.url()).toContain('/workspace/datasets/new');
    await screenshot(w, 'editor-error', 'ko');
    await expectAccessible(w, 'dataset editor with a field error (ko)');

    // Step 1 done right: the first "next" creates the draft.
    await slug.fill(SLUG);
    await page.locator('[data-path="/summary/ko"]').fill(SUMMARY.ko);
    await page.locator('[data-path="/summary/en"]').fill(SUMMARY.en);
    await page.locator('[data-path="/description/ko"]').fill(DESCRIPTION.ko);
    await page.locator('[data-path="/description/en"]').fill(DESCRIPTION.en);
    await page.getByTestId('step-next').click();
    await page.waitForURL(/\/workspace\/datasets\/[0-9a-f]{24}/);
    await poll(() => new URL(page.url()).searchParams.get('step')).toBe('2');
    expect(await page.getByTestId('error-summary').count()).toBe(0);

    // Going back keeps what was typed.
    await page.getByTestId('step-prev').click();
    await poll(() => page.getByTestId('field-title-en').inputValue()).toBe(TITLE.en);
    await nextStep(page, 2);

    // Step 2: what the data is (publication needs at least one modality).
    await page.locator('[data-path="/modalities"] input[value="audio"]').check();
    await page.locator('[data-path="/tasks"] input[value="classification"]').check();
    await nextStep(page, 3);

    // Step 3: licence and disclosure rules.
    await page.getByTestId('field-license').selectOption('CC-BY-4.0');
    await page.locator('[data-testid="field-access-level"] input[value="open"]').check();
    await page.locator('[data-path="/disclosure/samplesAccess"] input[value="open"]').check();
    await page.locator('[data-path="/disclosure/allowedCountries"] input[type="radio"]').first().check();
    await page.locator('[data-path="/disclosure/allowedOrgTypes"] input[type="radio"]').first().check();
    await page.locator('[data-path="/disclosure/allowedPurposes"] input[value="research"]').check();
    await page.locator('[data-path="/disclosure/allowedPurposes"] input[value="education"]').check();
    await page.locator('[data-path="/disclosure/crossBorder"] input[value="allowed"]').check();
    await page.locator('[data-path="/disclosure/maxGrantDays"]').fill('365');
    await nextStep(page, 4);

    // Step 4: classification.
    await page.locator('[data-testid="field-level"] input[value="public"]').check();
    await page.locator('[data-path="/classification/personalInfo"] input[value="none"]').check();
    await page.locator('[data-path="/classification/exportControl"] input[value="no"]').check();
    await page.locator('[data-path="/classification/nationalCoreTechnology"] input[value="no"]').check();
    await nextStep(page, 5);

    // Step 5: the labeling procedure (its active version is chosen by itself) and measured QA values.
    const procSelect = page.getByTestId('field-procedure');
    const option = procSelect.locator('option', { hasText: procedure.title.ko });
    await poll(() => option.count()).toBe(1);
    await procSelect.selectOption((await option.getAttribute('value'))!);
    await poll(() => page.locator('[data-path="/labeling/procedureVersion"]').inputValue()).not.toBe('');
    const results = page.locator('[data-path^="/labeling/results/"]');
    await poll(() => results.count()).toBeGreaterThan(0);
    for (let i = 0; i < (await results.count()); i++) await results.nth(i).fill('0.04');
    await screenshot(w, 'editor-labeling', 'ko');
    await nextStep(page, 6);

    // Step 6: upload a small CSV sample straight to S3, with progress.
    const panel = page.getByTestId('upload-panel');
    await panel.waitFor();
    await page.evaluate(() => {
      // Remember whether the progress bar ever showed: a small upload may finish within a frame.
      const g = globalThis as any;
      g.__sawProgress = false;
      new g.MutationObserver(() => {
        if (g.document.querySelector('[data-testid="upload-progress"]')) g.__sawProgress = true;
      }).observe(g.document.body, { childList: true, subtree: true });
    });
    await page.getByTestId('upload-kind').selectOption('sample');
    await page
      .getByTestId('upload-file')
      .setInputFiles({ name: 'crane-phases-sample.csv', mimeType: 'text/csv', buffer: Buffer.from(SAMPLE_CSV) });
    await page.getByTestId('upload-start').click();
    await page.getByTestId('upload-result').waitFor();
    expect(await page.evaluate(() => (globalThis as any).__sawProgress)).toBe(true);
    const row = page.getByTestId('artifact-row').filter({ hasText: 'crane-phases-sample.csv' });
    await poll(() => row.count()).toBe(1);
    await screenshot(w, 'editor-files', 'ko');
    await expectAccessible(w, 'dataset editor, files (ko)');

    // The stored object is byte-identical.
    const artifacts = (await (await page.request.get(`${e2e.url}/api/v1/datasets/${SLUG}/artifacts`)).json()) as {
      items: { filename: string; status: string; bytes: number }[];
    };
    expect(artifacts.items.find((a) => a.filename === 'crane-phases-sample.csv')).toMatchObject({
      status: 'available',
      bytes: Buffer.byteLength(SAMPLE_CSV),
    });

    // Step 7: submit for review.
    await nextStep(page, 7);
    await page.getByTestId('submit-for-review').click();
    await page.getByTestId('submitted').waitFor();
    await screenshot(w, 'editor-submitted', 'ko');
    const submitted = (await (await page.request.get(`${e2e.url}/api/v1/datasets/${SLUG}`)).json()) as { status: string };
    expect(submitted.status).toBe('in_review');
    w.expectNoProblems();

    // --- Reviewer: approve from the queue.
    await e2e.signIn(w, 'reviewer@demo.kr');
    await open(w, e2e.url, '/review', 'ko');
    const item = page.locator(`[data-testid="review-item"][data-slug="${SLUG}"]`);
    await item.waitFor();
    await screenshot(w, 'review', 'ko');
    await expectAccessible(w, 'review queue (ko)');
    await item.getByRole('button').first().click();
    await page.getByTestId('review-detail').waitFor();
    await page.getByTestId('review-comment').fill('공개 기준을 충족합니다.');
    await expectAccessible(w, 'review queue with a dataset open (ko)');
    await page.getByTestId('approve').click();
    await page.getByTestId('approve-confirm-yes').click();
    await page.getByTestId('review-success').waitFor();
    await screenshot(w, 'review-approved', 'ko');
    const published = (await (await fetch(`${e2e.url}/api/v1/datasets/${SLUG}`)).json()) as { status: string; version: number };
    expect(published).toMatchObject({ status: 'published', version: 1 });
    w.expectNoProblems();

    // --- Anonymous visitor: the newest dataset of the catalogue, readable in both languages.
    await e2e.signOut();
    await open(w, e2e.url, '/', 'ko');
    const card = page.getByTestId('dataset-card').filter({ hasText: TITLE.ko });
    await card.waitFor();
    await card.getByRole('link', { name: TITLE.ko }).click();
    await page.waitForURL(new RegExp(`/datasets/${SLUG}`));
    await poll(() => page.getByRole('heading', { level: 1 }).innerText()).toContain(TITLE.ko);
    await poll(() => page.getByTestId('artifacts').innerText()).toContain('crane-phases-sample.csv');
    expect(await page.getByTestId('description').innerText()).toContain(DESCRIPTION.ko.slice(0, 20));
    await screenshot(w, 'published-dataset', 'ko');

    await page.getByRole('button', { name: 'English', exact: true }).click();
    await poll(() => page.getByRole('heading', { level: 1 }).innerText()).toContain(TITLE.en);
    expect(await page.getByTestId('description').innerText()).toContain(DESCRIPTION.en.slice(0, 20));
    await screenshot(w, 'published-dataset', 'en');
    await expectAccessible(w, 'published dataset (en)');
    w.expectNoProblems();
    await page.close();
  });
});
