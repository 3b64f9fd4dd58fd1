// A US partner liaison sees the catalogue ranked for their lab: bars and sentences per component,
// the access path, the way into the access request, the datasets they cannot get and why; they
// declare they can obtain export licences and an export-controlled dataset joins the ranking.
// The provider sees the fitting partners on its dataset page.
import { describe, expect, it } from 'vitest';
import { partnerProfiles } from '../../seed/data/organizations';
import { expectAccessible } from './helpers/axe';
import { open, poll, screenshot, useE2E } from './helpers/harness';

const PACIFIC = 'pacific-state-university';
const EXPORT_CONTROLLED = 'quantum-device-measurements';
const SPEECH = 'korean-spontaneous-speech-2023';

const e2e = useE2E();

describe('partner matching', { timeout: 180_000 }, () => {
  it('ranks datasets for the partner in Korean and English, explains them, and starts a request', async () => {
    const w = await e2e.newPage();
    const { page } = w;
    await e2e.signIn(w, 'partner@demo.org');

    for (const lang of ['ko', 'en'] as const) {
      await open(w, e2e.url, `/partners/${PACIFIC}/matches`, lang);
      const list = page.getByTestId('match-list');
      await list.waitFor();
      const first = list.locator('li.match-card').first();
      await first.locator('summary').click();
      await poll(() => first.locator('[data-testid^="component-"]').count()).toBe(5);
      const text = await first.innerText();
      expect(text).toMatch(lang === 'ko' ? /[가-힣]/ : /Technology fit/);
      expect(await first.getByTestId('access-steps').locator('li').count()).toBeGreaterThanOrEqual(2);
      await screenshot(w, 'partner-matches', lang);
      await expectAccessible(w, `partner matches (${lang})`);
    }

    // Not eligible: the export-controlled dataset, with the reason in English.
    await page.getByTestId('show-excluded').click();
    const excluded = page.getByTestId(`excluded-${EXPORT_CONTROLLED}`);
    await excluded.waitFor();
    expect(await excluded.locator('[data-code="export_license"]').innerText()).toMatch(/export licence/i);

    // The conditional speech corpus: sign in → DUA → request with the cross-border agreement; the button opens the request form.
    const speech = page.getByTestId(`match-${SPEECH}`);
    await speech.waitFor().catch(async () => {
      // It may be on a later page of the ranking.
      await page.getByRole('button', { name: 'Next' }).click();
      await speech.waitFor();
    });
    const steps = await speech.getByTestId('access-steps').locator('li').allInnerTexts();
    expect(steps.length).toBe(4);
    expect(steps[2]).toMatch(/cross-border/i);
    await speech.getByTestId('start-request').click();
    await page.waitForURL(new RegExp(`/datasets/${SPEECH}/request\\?purpose=research&scope=full`));
    await page.getByTestId('request-form-page').waitFor();
    w.expectNoProblems();
  });

  it('declaring the export-licence capability in the profile editor brings the export-controlled dataset in', async () => {
    const w = await e2e.newPage();
    const { page } = w;
    await e2e.signIn(w, 'partner@demo.org');
    await open(w, e2e.url, `/partners/${PACIFIC}/profile`, 'en');
    const capabilities = page.getByTestId('profile-capabilities');
    await capabilities.waitFor();
    await expectAccessible(w, 'partner profile editor (en)');
    await capabilities.locator('input[name="canObtainExportLicense"]').check();
    await page.getByTestId('profile-save').click();
    await page.getByTestId('profile-saved').waitFor();
    try {
      const res = await page.request.get(`${e2e.url}/api/v1/partners/${PACIFIC}/matches?pageSize=100`);
      const body = (await res.json()) as { items: Array<{ dataset: { slug: string } }> };
      expect(body.items.map((m) => m.dataset.slug)).toContain(EXPORT_CONTROLLED);
    } finally {
      const csrf = ((await (await page.request.get(`${e2e.url}/api/v1/auth/me`)).json()) as { csrfToken: string }).csrfToken;
      await page.request.put(`${e2e.url}/api/v1/organizations/${PACIFIC}/partner-profile`, { data: partnerProfiles[PACIFIC], headers: { 'x-csrf-token': csrf } });
    }
    w.expectNoProblems();
  });

  it("shows the provider which partners fit its dataset, and why others cannot get it", async () => {
    const w = await e2e.newPage();
    const { page } = w;
    await e2e.signIn(w, 'provider@demo.kr');
    await open(w, e2e.url, `/datasets/${SPEECH}`, 'ko');
    const panel = page.getByTestId('fitting-partners');
    await panel.waitFor();
    await panel.getByTestId(`fit-${PACIFIC}`).waitFor();
    expect(await panel.innerText()).toMatch(/[가-힣]/);
    await screenshot(w, 'fitting-partners', 'ko');
    await expectAccessible(w, 'fitting partners panel (ko)');
    w.expectNoProblems();
  });
});
