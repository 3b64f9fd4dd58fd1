// An admin registers a partner's DCAT-US catalogue (a data.json served on loopback by this test),
// runs it and reads the run report; the harvested datasets appear in the catalogue under the
// "Harvested" facet with the source's badge, and a harvested dataset's page says where it comes
// from, that it is read-only here, and offers the curation of its technology areas. A source URL on
// a host the server may not contact is refused at its field, in both languages, at registration
// and when the source's address is corrected later.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonDocument, startFixtureServer, type FixtureServer } from '../helpers/harvest-fixtures';
import { expectAccessible } from './helpers/axe';
import { fieldErrors } from './helpers/forms';
import { open, poll, screenshot, useE2E, type Lang, type WatchedPage } from './helpers/harness';

const PROVIDER = 'pacific-state-university';
const SOURCE_NAME = { ko: '퍼시픽 주립대 데이터 카탈로그', en: 'Pacific State Open Data' };
const HARBOR = 'Harbor Traffic Camera Images 2024';
const SPEECH = 'Bilingual Classroom Speech Recordings';

/** A DCAT-US 1.1 catalogue (Project Open Data schema): two usable records and one without an identifier. */
function catalogue(base: string) {
  return {
    '@context': 'https://project-open-data.cio.gov/v1.1/schema/catalog.jsonld',
    '@type': 'dcat:Catalog',
    conformsTo: 'https://project-open-data.cio.gov/v1.1/schema',
    describedBy: 'https://project-open-data.cio.gov/v1.1/schema/catalog.json',
    dataset: [
      {
        '@type': 'dcat:Dataset',
        identifier: 'psu-harbor-traffic-2024',
        title: HARBOR,
        description: 'Images from harbor traffic cameras labeled with vessel and vehicle bounding boxes for autonomous driving research.',
        keyword: ['autonomous driving', 'object detection', 'image'],
        modified: '2024-11-02',
        publisher: { '@type': 'org:Organization', name: 'Pacific State University' },
        contactPoint: { '@type': 'vcard:Contact', fn: 'Open Data Desk', hasEmail: 'mailto:opendata@pacific-state.example' },
        accessLevel: 'public',
        license: 'https://creativecommons.org/licenses/by/4.0/',
        landingPage: `${base}/datasets/harbor-traffic`,
        language: ['en-US'],
        distribution: [{ '@type': 'dcat:Distribution', downloadURL: `${base}/files/harbor.zip`, mediaType: 'application/zip', title: 'Images' }],
      },
      {
        '@type': 'dcat:Dataset',
        identifier: 'psu-classroom-speech',
        title: SPEECH,
        description: 'Korean and English classroom speech with transcripts for speech recognition.',
        keyword: ['speech recognition', 'audio'],
        modified: '2024-09-15',
        publisher: { '@type': 'org:Organization', name: 'Pacific State University' },
        contactPoint: { '@type': 'vcard:Contact', fn: 'Open Data Desk', hasEmail: 'mailto:opendata@pacific-state.example' },
        accessLevel: 'public',
        landingPage: `${base}/datasets/classroom-speech`,
        distribution: [{ '@type': 'dcat:Distribution', accessURL: `${base}/api/speech` }],
      },
      {
        '@type': 'dcat:Dataset',
        title: 'Record Without Identifier',
        description: 'This record lacks the identifier DCAT-US requires.',
        keyword: ['test'],
        modified: '2024-01-01',
        publisher: { '@type': 'org:Organization', name: 'Pacific State University' },
        accessLevel: 'public',
      },
    ],
  };
}

let fixture: FixtureServer;
let fixtureUrl = '';

beforeAll(async () => {
  fixture = await startFixtureServer();
  fixtureUrl = fixture.origin;
  fixture.route('/data.json', jsonDocument(() => catalogue(fixtureUrl)));
});

afterAll(async () => {
  await fixture.close();
});

const e2e = useE2E();

/** Fills the register form (names, DCAT-US, URL, provider) and submits it. */
async function register(w: WatchedPage, url: string) {
  const form = w.page.getByTestId('register-source');
  await form.getByTestId('source-name-ko').fill(SOURCE_NAME.ko);
  await form.getByTestId('source-name-en').fill(SOURCE_NAME.en);
  await form.getByTestId('source-kind-dcat-us').check();
  await form.getByTestId('source-url').fill(url);
  await form.getByTestId('source-provider').selectOption(PROVIDER);
  await form.getByTestId('register-submit').click();
}

describe('harvesting (admin pages, catalogue, dataset page)', { timeout: 240_000 }, () => {
  let sourcePath = '';
  let reportPath = '';
  let datasetPath = '';

  it('refuses a source on a host the server may not contact, at the URL field, in Korean and English', async () => {
    const w = await e2e.newPage();
    await e2e.signIn(w, 'admin@demo.kr');
    for (const lang of ['ko', 'en'] as const) {
      await open(w, e2e.url, '/admin/harvest', lang);
      await w.page.getByTestId('register-source').waitFor();
      await register(w, 'https://catalog.example.org/data.json');
      const url = w.page.getByTestId('source-url');
      await poll(() => url.getAttribute('aria-invalid')).toBe('true');
      const messages = await fieldErrors(w.page, url);
      expect(messages.length).toBeGreaterThan(0);
      if (lang === 'ko') expect(messages.join(' ')).toMatch(/[가-힣]/);
      else expect(messages.join(' ')).toMatch(/[A-Za-z]/);
      // The focus moved to the field in error, so a keyboard user lands on what to fix.
      expect(await w.page.evaluate(() => (globalThis as any).document.activeElement?.dataset?.testid)).toBe('source-url');
      await screenshot(w, 'harvest-register-error', lang);
      await expectAccessible(w, `harvest register form with a URL error (${lang})`);
    }
    expect(w.apiErrors.filter((e) => e.method === 'POST' && e.path.startsWith('/api/v1/harvest/sources')).map((e) => e.status)).toEqual([400, 400]);
    w.expectNoProblems();
  });

  it('registers a DCAT-US source, runs it and reports what the run did', async () => {
    const w = await e2e.newPage();
    const { page } = w;
    await e2e.signIn(w, 'admin@demo.kr');
    await open(w, e2e.url, '/admin/harvest', 'en');
    await register(w, `${fixtureUrl}/data.json`);
    await page.getByTestId('source-created').waitFor();
    sourcePath = new URL(page.url()).pathname;
    expect(sourcePath).toMatch(/^\/admin\/harvest\/[^/]+$/);
    await expectAccessible(w, 'harvest source before its first run (en)');

    await page.getByTestId('run-now').click();
    const outcome = page.getByTestId('run-outcome');
    await outcome.waitFor({ timeout: 60_000 });
    expect(await outcome.getByTestId('run-status').getAttribute('data-status')).toBe('succeeded');
    expect(await outcome.getByTestId('count-fetched').locator('dd strong').innerText()).toBe('3');
    expect(await outcome.getByTestId('count-created').locator('dd strong').innerText()).toBe('2');
    expect(await outcome.getByTestId('count-skipped').locator('dd strong').innerText()).toBe('1');
    // The history lists the run, and the source's facts count its two datasets.
    await poll(() => page.getByTestId('run-row').count()).toBe(1);
    await poll(() => page.getByTestId('dataset-count').innerText()).toMatch(/2 datasets/);
    await screenshot(w, 'harvest-source', 'en');
    await expectAccessible(w, 'harvest source after a run (en)');

    await outcome.getByTestId('run-report-link').click();
    await page.getByTestId('run-report').waitFor();
    reportPath = new URL(page.url()).pathname;
    const skipped = page.getByTestId('skipped-row');
    await poll(() => skipped.count()).toBe(1);
    expect(await skipped.first().getAttribute('data-code')).toBe('missing_identifier');
    expect(await skipped.first().innerText()).toMatch(/identifier/i);
    await screenshot(w, 'harvest-run-report', 'en');
    await expectAccessible(w, 'harvest run report (en)');

    // The source list shows the source with its last run.
    await open(w, e2e.url, '/admin/harvest', 'en');
    const row = page.getByTestId('source-row').filter({ hasText: SOURCE_NAME.en });
    await row.waitFor();
    expect(await row.getByTestId('run-status').getAttribute('data-status')).toBe('succeeded');
    await screenshot(w, 'harvest-sources', 'en');
    await expectAccessible(w, 'harvest sources (en)');
    w.expectNoProblems();
  });

  it('shows the admin pages in Korean, and at phone width', async () => {
    expect(sourcePath && reportPath, 'the previous test registered and ran a source').toBeTruthy();
    const w = await e2e.newPage();
    const { page } = w;
    await e2e.signIn(w, 'admin@demo.kr');
    await open(w, e2e.url, '/admin/harvest', 'ko');
    const row = page.getByTestId('source-row').filter({ hasText: SOURCE_NAME.ko });
    await row.waitFor();
    expect(await page.locator('h1').innerText()).toMatch(/[가-힣]/);
    await screenshot(w, 'harvest-sources', 'ko');
    await expectAccessible(w, 'harvest sources (ko)');

    await open(w, e2e.url, sourcePath, 'ko');
    await page.getByTestId('run-row').first().waitFor();
    expect(await page.getByTestId('run-history').innerText()).toMatch(/완료/);
    await screenshot(w, 'harvest-source', 'ko');
    await expectAccessible(w, 'harvest source (ko)');

    await open(w, e2e.url, reportPath, 'ko');
    await page.getByTestId('skipped-row').first().waitFor();
    expect(await page.getByTestId('skipped-row').first().innerText()).toMatch(/식별자/);
    await screenshot(w, 'harvest-run-report', 'ko');
    await expectAccessible(w, 'harvest run report (ko)');

    // 375 px: the tables scroll inside their own region; the page itself does not scroll sideways.
    await page.setViewportSize({ width: 375, height: 800 });
    await open(w, e2e.url, sourcePath, 'ko');
    await page.getByTestId('run-row').first().waitFor();
    const overflow = await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth - (globalThis as any).innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(w, 'harvest-source-phone', 'ko');
    await expectAccessible(w, 'harvest source at 375 px (ko)');
    w.expectNoProblems();
  });

  it('corrects a source’s name and address on its page: a refused host is named at the field (ko)', async () => {
    expect(sourcePath, 'the source was registered').toBeTruthy();
    const w = await e2e.newPage();
    const { page } = w;
    await e2e.signIn(w, 'admin@demo.kr');
    await open(w, e2e.url, sourcePath, 'ko');
    const form = page.getByTestId('source-identity');
    await form.waitFor();
    const url = form.getByTestId('identity-url');
    expect(await url.inputValue()).toBe(`${fixtureUrl}/data.json`);

    await url.fill('https://catalog.example.org/data.json');
    await form.getByTestId('identity-save').click();
    await poll(() => url.getAttribute('aria-invalid')).toBe('true');
    expect((await fieldErrors(page, url)).join(' ')).toMatch(/[가-힣]/);
    expect(await page.evaluate(() => (globalThis as any).document.activeElement?.dataset?.testid)).toBe('identity-url');
    await screenshot(w, 'harvest-source-identity-error', 'ko');
    await expectAccessible(w, 'harvest source name and address with a URL error (ko)');

    // Back to the real address, and a corrected Korean name: saved, and the heading follows.
    await url.fill(`${fixtureUrl}/data.json`);
    const renamed = `${SOURCE_NAME.ko} (수정)`;
    await form.getByTestId('identity-name-ko').fill(renamed);
    await form.getByTestId('identity-save').click();
    await poll(() => form.getByTestId('identity-saved').innerText()).toMatch(/저장/);
    expect(await url.getAttribute('aria-invalid')).not.toBe('true');
    await poll(() => page.locator('h1').innerText()).toContain(renamed);
    // Put the name back for the tests that follow.
    await form.getByTestId('identity-name-ko').fill(SOURCE_NAME.ko);
    await form.getByTestId('identity-save').click();
    await poll(() => page.locator('h1').innerText()).not.toContain('(수정)');
    expect(w.apiErrors.filter((e) => e.method === 'PATCH').map((e) => e.status)).toEqual([400]);
    w.expectNoProblems();
  });

  for (const lang of ['en', 'ko'] as const satisfies readonly Lang[]) {
    it(`finds the harvested datasets in the catalogue and opens one (${lang})`, async () => {
      expect(sourcePath, 'the source was harvested').toBeTruthy();
      const w = await e2e.newPage();
      const { page } = w;
      await e2e.signIn(w, 'admin@demo.kr');
      await open(w, e2e.url, '/', lang);
      const facet = page.getByTestId('facet-origin');
      await facet.waitFor();
      const harvestedLabel = lang === 'en' ? 'Harvested' : '외부 수집';
      const toggle = facet.getByRole('button');
      if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
      await facet.getByLabel(new RegExp(harvestedLabel)).check();
      await poll(() => new URL(page.url()).searchParams.getAll('origin')).toEqual(['harvested']);
      const cards = page.getByTestId('dataset-card');
      await poll(() => cards.count()).toBe(2);
      for (const badge of await page.getByTestId('harvested-badge').allInnerTexts()) expect(badge).toContain(SOURCE_NAME[lang]);
      await screenshot(w, 'harvest-catalogue', lang);
      await expectAccessible(w, `catalogue filtered to harvested datasets (${lang})`);

      await cards.filter({ hasText: HARBOR }).getByRole('link', { name: HARBOR }).click();
      const banner = page.getByTestId('harvested-banner');
      await banner.waitFor();
      datasetPath = new URL(page.url()).pathname;
      expect(await banner.getByTestId('harvested-from').innerText()).toContain(SOURCE_NAME[lang]);
      expect(await banner.getByTestId('landing-page').getAttribute('href')).toBe(`${fixtureUrl}/datasets/harbor-traffic`);
      expect(await banner.innerText()).toMatch(lang === 'en' ? /read-only here/ : /읽기 전용/);
      // Provider workflow actions are not offered for a harvested dataset, even to an admin.
      expect(await page.getByTestId('edit-in-workspace').count()).toBe(0);
      await banner.getByTestId('curation').locator('summary').click();
      await screenshot(w, 'harvest-dataset', lang);
      await expectAccessible(w, `harvested dataset page (${lang})`);
      w.expectNoProblems();
    });
  }

  it('lets a curator confirm the suggested technology areas', async () => {
    // An admin may curate any harvested dataset (a reviewer only those of their own organisation).
    expect(datasetPath, 'a harvested dataset was opened').toBeTruthy();
    const w = await e2e.newPage();
    const { page } = w;
    await e2e.signIn(w, 'admin@demo.kr');
    await open(w, e2e.url, datasetPath, 'en');
    const banner = page.getByTestId('harvested-banner');
    await banner.waitFor();
    expect(await banner.getByTestId('harvested-areas').getAttribute('data-curated')).toBe('false');
    const curation = banner.getByTestId('curation');
    await curation.locator('summary').click();
    await curation.getByTestId('curate-kr-quantum').check();
    await curation.getByTestId('curation-save').click();
    await poll(() => banner.getByTestId('harvested-areas').getAttribute('data-curated')).toBe('true');
    expect(await banner.getByTestId('harvested-areas').innerText()).toContain('Quantum');
    // Read back: the dataset now says it was curated (the published copy converges within the sync interval).
    await poll(async () => {
      const res = await page.request.get(`${e2e.url}/api/v1${datasetPath}`);
      const body = (await res.json()) as { origin: { kind: string; curated: boolean }; techAreas?: { kr?: string[] } };
      return { kind: body.origin.kind, curated: body.origin.curated, quantum: body.techAreas?.kr?.includes('quantum') ?? false };
    }).toEqual({ kind: 'harvested', curated: true, quantum: true });
    w.expectNoProblems();
  });
});
