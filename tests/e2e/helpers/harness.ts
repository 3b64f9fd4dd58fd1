// Browser end-to-end harness: the real app (API + built web client) on a loopback port against
// this file's own database on the run's embedded MongoDB-protocol and S3 servers, seeded with the
// demo catalogue, driven by Debian's Chromium through playwright-core.
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type ConsoleMessage, type Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import { clientNeedsBuild, ensureClientBuilt } from '../../../server/infra/client-build';
import { loadConfig } from '../../../server/infra/config';
import { createLogger } from '../../../server/infra/logger';
import { seedDemo } from '../../../seed/run';
import { startTestApp, type TestApp } from '../../helpers/app';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const SCREENSHOT_DIR = path.join(ROOT, 'test-output', 'screenshots');
export const DEMO_PASSWORD = 'databridge-demo';
export type Lang = 'ko' | 'en';

/** Chromium flags: headless on a CI box as root, and no traffic to any host but loopback. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
const CHROMIUM = process.env.CHROMIUM_BIN || '/usr/bin/chromium';

// ---------------------------------------------------------------------------------------------
// Client build: once per run, even when several e2e files start at the same moment in parallel
// workers (a lock directory serialises them; the others wait and then find the build fresh).

const LOCK = path.join(ROOT, 'test-output', '.client-build.lock');
const STALE_LOCK_MS = 5 * 60_000;

async function withBuildLock<T>(fn: () => Promise<T>): Promise<T> {
  mkdirSync(path.dirname(LOCK), { recursive: true });
  const deadline = Date.now() + 2 * STALE_LOCK_MS;
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      // A worker that died while building leaves its lock behind.
      try {
        if (Date.now() - statSync(LOCK).mtimeMs > STALE_LOCK_MS) rmSync(LOCK, { recursive: true, force: true });
      } catch {
        /* removed meanwhile */
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for the client build lock ${LOCK}`, { cause: err });
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

/** Builds client/dist when it is missing or older than the client sources (once across workers). */
export async function buildClientOnce(): Promise<void> {
  if (!clientNeedsBuild()) return;
  await withBuildLock(async () => {
    if (!clientNeedsBuild()) return;
    // Vitest sets NODE_ENV=test, which Vite would bake into the bundle (React's development build,
    // three times the size); client/dist is also what `npm start` serves, so build it for production.
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await ensureClientBuilt(createLogger(process.env.LOG_LEVEL ?? 'warn'));
    } finally {
      process.env.NODE_ENV = nodeEnv;
    }
  });
  if (!existsSync(path.join(ROOT, 'client', 'dist', 'index.html'))) throw new Error('client/dist/index.html is missing after the build');
}

// ---------------------------------------------------------------------------------------------
// Console and network watch: a page fails its test on any console error or uncaught exception,
// except the browser's own "Failed to load resource" line for a 4xx answer of the API that the
// page asked for and handles (401 from /auth/me when signed out, 422 with field errors, …).

/** Something the browser reported that a test should fail on. */
export interface BrowserProblem {
  kind: 'console' | 'pageerror' | 'http';
  text: string;
  url?: string;
}

const FAILED_RESOURCE = /^Failed to load resource: the server responded with a status of (\d{3})\b/;

/** A Chromium tab with its console and network watched. */
export interface WatchedPage {
  page: Page;
  /** Console errors, uncaught exceptions and 5xx answers seen so far (expected API 4xx excluded). */
  problems: BrowserProblem[];
  /** Every API answer with status ≥ 400 (method, path, status), for asserting expected refusals. */
  apiErrors: { method: string; path: string; status: number }[];
  /** Fails the test when the page logged errors; then forgets them. */
  expectNoProblems(): void;
}

function watch(page: Page, baseUrl: string): WatchedPage {
  const problems: BrowserProblem[] = [];
  const apiErrors: WatchedPage['apiErrors'] = [];
  // Status of every 4xx API response, keyed by URL, to match the console's "Failed to load resource" lines.
  const api4xx = new Map<string, number[]>();
  const apiPrefix = `${baseUrl}/api/v1/`;

  page.on('response', (res) => {
    const url = res.url();
    const status = res.status();
    if (status < 400) return;
    if (url.startsWith(apiPrefix)) {
      apiErrors.push({ method: res.request().method(), path: url.slice(baseUrl.length), status });
      if (status < 500) api4xx.set(url, [...(api4xx.get(url) ?? []), status]);
    }
    if (status >= 500) problems.push({ kind: 'http', text: `${res.request().method()} ${url} → ${status}`, url });
  });
  page.on('pageerror', (err) => problems.push({ kind: 'pageerror', text: err.stack || err.message }));
  page.on('console', (msg: ConsoleMessage) => {
    if (msg.type() !== 'error') return;
    const text = msg.text();
    const url = msg.location().url;
    const m = FAILED_RESOURCE.exec(text);
    if (m) {
      const status = Number(m[1]);
      const seen = api4xx.get(url);
      if (status >= 400 && status < 500 && url.startsWith(apiPrefix) && seen?.includes(status)) return;
    }
    problems.push({ kind: 'console', text, url });
  });

  return {
    page,
    problems,
    apiErrors,
    expectNoProblems() {
      const found = problems.splice(0);
      // Long messages (AJV prints whole generated functions) are cut to stay readable.
      const cut = (s: string) => (s.length > 600 ? `${s.slice(0, 600)}…` : s);
      expect(
        found.map((p) => `[${p.kind}] ${cut(p.text)}${p.url && !p.text.includes(p.url) ? ` (${p.url})` : ''}`),
        'browser console errors',
      ).toEqual([]);
    },
  };
}

// ---------------------------------------------------------------------------------------------

/** One e2e file's world: the app, its seeded database and one Chromium profile. */
export interface E2E {
  app: TestApp;
  url: string;
  context: BrowserContext;
  /** Opens a new watched tab. */
  newPage(): Promise<WatchedPage>;
  /** Signs the browser in through the API (sharing the tab's cookies); the UI sign-in is tested in account.test.ts. */
  signIn(w: WatchedPage, email: string, password?: string): Promise<void>;
  /** Forgets the session cookie: the next page load is anonymous. */
  signOut(): Promise<void>;
  /** Screenshots every open tab as test-output/screenshots/failed-<name>-<n>.png, to see why a test failed. */
  captureFailure(name: string): Promise<void>;
  /** Closes Chromium, the server and the database. Safe to call twice. */
  close(): Promise<void>;
}

/** Starts the app with the built client, seeds the demo catalogue and launches Chromium. */
/**
 * Starts the app and Chromium once for the calling test file (registering its hooks) and saves
 * screenshots of every open page when a test fails; the returned object forwards to that instance.
 */
export function useE2E(): E2E {
  let instance: E2E | undefined;
  beforeAll(async () => {
    instance = await startE2E();
  }, 240_000);
  beforeEach(({ task, onTestFailed }) => {
    onTestFailed(() => instance?.captureFailure(task.name));
  });
  afterAll(async () => {
    await instance?.close();
  }, 60_000);
  return new Proxy({} as E2E, {
    get(_target, key) {
      if (!instance) throw new Error('the e2e app is used before beforeAll started it');
      return instance[key as keyof E2E];
    },
  });
}

export async function startE2E(): Promise<E2E> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Browser tests need Chromium at ${CHROMIUM}: install it with \`apt-get install chromium fonts-noto-cjk\` (as .ci/run does) or set CHROMIUM_BIN`,
    );
  }
  await buildClientOnce();
  const app = await startTestApp();
  let context: BrowserContext | undefined;
  const profile = mkdtempSync(path.join(os.tmpdir(), 'kus-e2e-chromium-'));
  const pages: WatchedPage[] = [];
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    // Chromium first: it is the process most likely to outlive a failed run.
    await context?.close().catch(() => undefined);
    await app.close().catch(() => undefined);
    rmSync(profile, { recursive: true, force: true });
  };
  try {
    await seedDemo({ config: loadConfig({ NODE_ENV: 'test' }), log: createLogger('silent'), storage: app.storage });
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1280, height: 900 },
      locale: 'ko-KR',
      timezoneId: 'Asia/Seoul',
    });
    context.setDefaultTimeout(15_000);
    context.setDefaultNavigationTimeout(30_000);
  } catch (err) {
    await close();
    throw err;
  }
  const ctx = context;
  return {
    app,
    url: app.url,
    context: ctx,
    async newPage() {
      const page = await ctx.newPage();
      const w = watch(page, app.url);
      pages.push(w);
      return w;
    },
    async signIn(w, email, password = DEMO_PASSWORD) {
      // A live session would make the login POST need its CSRF token: start from a clean slate.
      await ctx.clearCookies();
      const res = await w.page.request.post(`${app.url}/api/v1/auth/login`, { data: { email, password } });
      expect(res.status(), `sign-in of ${email}`).toBe(200);
    },
    async signOut() {
      await ctx.clearCookies();
    },
    async captureFailure(name) {
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      const safe = name.replace(/[^\w-]+/g, '-').slice(0, 60);
      let n = 0;
      for (const w of pages) {
        if (w.page.isClosed()) continue;
        n++;
        await w.page.screenshot({ path: path.join(SCREENSHOT_DIR, `failed-${safe}-${n}.png`), fullPage: true }).catch(() => undefined);
        if (w.problems.length)
          console.error(`browser problems in "${name}":\n${w.problems.map((p) => `  [${p.kind}] ${p.text.slice(0, 600)}`).join('\n')}`);
      }
    },
    close,
  };
}

/** Opens `pathname` with `?lang=` set (keeping any query it already has). */
export async function open(w: WatchedPage, base: string, pathname: string, lang: Lang): Promise<void> {
  const url = new URL(pathname, base);
  url.searchParams.set('lang', lang);
  await w.page.goto(url.toString());
  await poll(() => w.page.evaluate(() => (globalThis as any).document.documentElement.lang)).toBe(lang);
}

/** Saves a full-page screenshot as test-output/screenshots/<name>-<lang>.png. */
export async function screenshot(w: WatchedPage, name: string, lang: Lang): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}-${lang}.png`);
  // Let requests, lazy chunks and loading indicators settle so the picture shows the page, not its loading state.
  await w.page.waitForLoadState('networkidle').catch(() => undefined);
  await w.page
    .locator('.loading')
    .first()
    .waitFor({ state: 'detached', timeout: 10_000 })
    .catch(() => undefined);
  await w.page.evaluate(() => (globalThis as any).document.fonts.ready).catch(() => undefined);
  await w.page.screenshot({ path: file, fullPage: true });
  return file;
}

/** `expect.poll` with a patience fit for a browser on a busy two-core machine (vitest's default is 1 s). */
export function poll<T>(fn: () => T | Promise<T>, message?: string) {
  return expect.poll(fn, { timeout: 15_000, interval: 100, message });
}
