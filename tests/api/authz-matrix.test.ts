// The authorization matrix (expected outcomes in ./authz-matrix.data.ts): every route of the route
// table × every caller kind × (for dataset routes) every dataset state, performed against the real
// app. All disagreements are reported together in one failure.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { User } from '../../server/auth/models';
import { Dataset, type DatasetDoc } from '../../server/datasets/model';
import { HarvestRun, HarvestSource } from '../../server/harvest/model';
import { allRoutes } from '../../server/routes';
import { CLIENT_DIST } from '../../server/web/spa';
import { Client, startTestApp, TEST_PASSWORD, type Res } from '../helpers/app';
import {
  bearerOf,
  buildWorld,
  clientOf,
  freshDatasets,
  freshNotifications,
  freshOrgs,
  freshProcedures,
  freshRequests,
  freshTokens,
  freshUsers,
  mentions,
  PARTNER_PROFILE,
  removeDatasets,
  specOfCaller,
  STATEMENT,
  type FreshDataset,
  type Prep,
  type RequestState,
  type World,
} from '../helpers/authz-world';
import { CALLERS, DOCUMENTS, MATRIX, STATES, type Caller, type Case, type Outcome, type Row, type State } from './authz-matrix.data';

const API = '/api/v1';
const CATALOGUE_STATES: State[] = ['public', 'sensitive', 'confidential'];
/** Reads in flight at once (the machines have two cores). Writes go one at a time: the embedded
 * database serialises them, and concurrent writers only wait on each other's locks. */
const READ_CONCURRENCY = 8;

/** What one request came to: its status, the problem code, and for listings whether the fixture was listed. */
interface Probe {
  status: number;
  code?: string;
  listed?: boolean;
  /** The check does not apply here (the web client is not built). */
  skipped?: string;
}

/**
 * How a case is performed. Reads (and listings, once per caller) run first, concurrently; then the
 * writes, one at a time, row by row, each on a fresh fixture made in bulk just before its row.
 */
type Driver =
  | { kind: 'global'; phase: 'read'; run: (caller: Caller) => Promise<Probe> }
  | {
      kind: 'global';
      phase: 'write';
      prepare?: (callers: Caller[]) => Promise<string[]>;
      run: (caller: Caller, fx: string) => Promise<Probe>;
    }
  | { kind: 'dataset'; phase: 'read'; run: (caller: Caller, state: State) => Promise<Probe> }
  | { kind: 'dataset'; phase: 'write'; prep?: Prep; run: (caller: Caller, state: State, fx: FreshDataset) => Promise<Probe> }
  | { kind: 'dataset'; phase: 'listing'; run: (caller: Caller) => Promise<Res>; listed: (res: Res, state: State) => boolean };

let w: World;

const probe = (res: Res): Probe => ({ status: res.status, code: typeof res.body === 'object' && res.body ? res.body.code : undefined });
/** The caller on their browser session (bearer tokens only where a row is about them). */
const as = (caller: Caller) => clientOf(w, caller);

// Driver builders -------------------------------------------------------------------------------

const read = (run: (caller: Caller) => Promise<Res>): Driver => ({ kind: 'global', phase: 'read', run: async (c) => probe(await run(c)) });
/** A listing not about datasets: authorised and `present` → ok; authorised but absent → 404. */
const readListing = (run: (caller: Caller) => Promise<Res>, present: (res: Res) => boolean): Driver => ({
  kind: 'global',
  phase: 'read',
  run: async (c) => {
    const res = await run(c);
    return { ...probe(res), listed: present(res) };
  },
});
const write = (run: (caller: Caller) => Promise<Res>): Driver => ({
  kind: 'global',
  phase: 'write',
  run: async (c) => probe(await run(c)),
});
/** A write on a fixture of its own: `prepare` makes one per cell (in bulk), `run` gets it. */
const writeOn = (prepare: (callers: Caller[]) => Promise<string[]>, run: (caller: Caller, fx: string) => Promise<Res>): Driver => ({
  kind: 'global',
  phase: 'write',
  prepare,
  run: async (c, fx) => probe(await run(c, fx)),
});
const perState = (run: (caller: Caller, state: State) => Promise<Res>): Driver => ({
  kind: 'dataset',
  phase: 'read',
  run: async (c, s) => probe(await run(c, s)),
});
/** A per-state read whose outcome also says whether `present` finds the probed content in the answer. */
const perStateShows = (run: (caller: Caller, state: State) => Promise<Res>, present: (res: Res, state: State) => boolean): Driver => ({
  kind: 'dataset',
  phase: 'read',
  run: async (c, s) => {
    const res = await run(c, s);
    return { ...probe(res), listed: present(res, s) };
  },
});
/** A write on a fixture of its own whose outcome also says whether the write reached the fixture. */
const writeOnEffect = (
  prepare: (callers: Caller[]) => Promise<string[]>,
  run: (caller: Caller, fx: string) => Promise<Res>,
  reached: (fx: string) => Promise<boolean>,
): Driver => ({
  kind: 'global',
  phase: 'write',
  prepare,
  run: async (c, fx) => {
    const res = await run(c, fx);
    return { ...probe(res), listed: await reached(fx) };
  },
});
/** A dataset write that leaves the dataset itself as it was (e.g. asking for access). */
const perStateWrite = (run: (caller: Caller, state: State) => Promise<Res>): Driver => ({
  kind: 'dataset',
  phase: 'write',
  run: async (c, s) => probe(await run(c, s)),
});
/** A dataset write on a fresh copy of the state's dataset, prepared as `prep` says. */
const fresh = (prep: Prep, run: (caller: Caller, state: State, fx: FreshDataset) => Promise<Res>): Driver => ({
  kind: 'dataset',
  phase: 'write',
  prep,
  run: async (c, s, fx) => probe(await run(c, s, fx)),
});
/** A dataset listing: one request per caller; a state is listed when the answer names its dataset. */
const listing = (run: (caller: Caller) => Promise<Res>): Driver => ({
  kind: 'dataset',
  phase: 'listing',
  run,
  listed: (res, state) => mentions(res.text, w.datasets[state]),
});

const ds = (state: State) => w.datasets[state];
const revision = (state: State) => w.revisions[state];
const showsRevisionTitle = (res: Res, state: State) =>
  [revision(state).revision!.title.en, revision(state).revision!.title.ko].some((t) => res.text.includes(t));
const key = () => ({ 'idempotency-key': randomUUID() });
const tag = () => randomBytes(4).toString('hex');
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString();
const each =
  <T>(make: (n: number) => Promise<T[]>) =>
  (callers: Caller[]) =>
    make(callers.length);
/** A new user of each caller's kind (their API tokens), for rows that change the caller's own account. */
const lookalikes = async (callers: Caller[]) =>
  (await freshUsers(callers.map((c) => specOfCaller(w, c === 'anon' ? 'kr' : c)))).map((u, i) => (callers[i] === 'anon' ? '' : u.token));
const withToken = (token: string) => new Client(w.app.url, token || undefined);

const datasetBody = () => ({ slug: `authz-new-${tag()}`, title: { ko: '새 자료', en: 'New dataset' } });
const accessBody = (datasetId: string) => ({
  datasetId,
  scope: 'full',
  purpose: 'research',
  statement: STATEMENT,
  durationDays: 30,
  acceptedAgreements: ['dua'],
});
const providerSlug = () => w.orgs.provider.slug;
const IMPORTED_TITLE = 'Overwritten by an import';
/** Imports one dataset object as JSON lines. */
const importRow = (c: Caller, row: Record<string, unknown>) =>
  as(c).post(`${API}/import`, `${JSON.stringify(row)}\n`, { 'content-type': 'application/x-ndjson' });

/** Every route's requests, keyed like MATRIX (single-case rows use the case name `default`). */
const DRIVERS: Record<string, Record<string, Driver>> = {
  // ---- auth ----
  'POST /auth/login': { default: write((c) => as(c).post(`${API}/auth/login`, { email: w.loginTarget.email, password: TEST_PASSWORD })) },
  // With the API token: signing the shared session out would leave the caller anonymous.
  'POST /auth/logout': { default: write((c) => bearerOf(w, c).post(`${API}/auth/logout`)) },
  'GET /auth/me': { default: read((c) => as(c).get(`${API}/auth/me`)) },
  'GET /auth/session': { default: read((c) => as(c).get(`${API}/auth/session`)) },
  'PATCH /auth/me': { default: write((c) => as(c).patch(`${API}/auth/me`, { locale: 'en' })) },
  'POST /auth/register': {
    default: write((c) =>
      as(c).post(`${API}/auth/register`, {
        email: `new-${tag()}@test.example`,
        password: 'a long enough password',
        name: 'New Researcher',
      }),
    ),
  },
  'POST /auth/verify-email': { default: write((c) => as(c).post(`${API}/auth/verify-email`, { token: 'x'.repeat(40) })) },
  'POST /auth/verify-email/resend': { default: write((c) => as(c).post(`${API}/auth/verify-email/resend`)) },
  'PUT /auth/membership': {
    default: writeOn(lookalikes, (_c, token) => withToken(token).put(`${API}/auth/membership`, { organizationSlug: providerSlug() })),
  },
  'DELETE /auth/membership': { default: writeOn(lookalikes, (_c, token) => withToken(token).delete(`${API}/auth/membership`)) },
  'POST /auth/tokens': {
    session: write((c) => as(c).post(`${API}/auth/tokens`, { name: 'cli', expiresInDays: 7 })),
    bearer: write((c) => bearerOf(w, c).post(`${API}/auth/tokens`, { name: 'cli', expiresInDays: 7 })),
  },
  'GET /auth/tokens': { default: read((c) => as(c).get(`${API}/auth/tokens`)) },
  'DELETE /auth/tokens/:id': {
    default: writeOn(
      each((n) => freshTokens(w.users.us, n)),
      (c, id) => as(c).delete(`${API}/auth/tokens/${id}`),
    ),
  },

  // ---- users ----
  'GET /users': { default: read((c) => as(c).get(`${API}/users`)) },
  'PATCH /users/:id': {
    default: writeOn(
      each(async (n) =>
        (await freshUsers(Array.from({ length: n }, () => ({ roles: ['researcher'], org: w.orgs.krUniversity })))).map((u) => String(u.id)),
      ),
      (c, id) => as(c).patch(`${API}/users/${id}`, { roles: ['researcher'] }),
    ),
  },

  // ---- organisations ----
  'GET /organizations': { default: read((c) => as(c).get(`${API}/organizations`)) },
  'GET /organizations/:slug': { default: read((c) => as(c).get(`${API}/organizations/${providerSlug()}`)) },
  'POST /organizations': {
    default: write((c) =>
      as(c).post(`${API}/organizations`, {
        slug: `org-${tag()}`,
        name: { ko: '새 기관', en: 'New organisation' },
        country: 'KR',
        type: 'company',
      }),
    ),
  },
  'PATCH /organizations/:slug': {
    default: writeOn(each(freshOrgs), (c, slug) => as(c).patch(`${API}/organizations/${slug}`, { verified: true })),
  },
  'DELETE /organizations/:slug': { default: writeOn(each(freshOrgs), (c, slug) => as(c).delete(`${API}/organizations/${slug}`)) },
  'GET /organizations/:slug/partner-profile': {
    default: read((c) => as(c).get(`${API}/organizations/${w.orgs.usUniversity.slug}/partner-profile`)),
  },
  'PUT /organizations/:slug/partner-profile': {
    // The same profile again: the partner's rankings stay as they were.
    partnersOwn: write((c) => as(c).put(`${API}/organizations/${w.orgs.usUniversity.slug}/partner-profile`, PARTNER_PROFILE)),
    applicantsOrganisation: write((c) => as(c).put(`${API}/organizations/${providerSlug()}/partner-profile`, PARTNER_PROFILE)),
  },
  'GET /organizations/:slug/members': { default: read((c) => as(c).get(`${API}/organizations/${providerSlug()}/members`)) },
  'POST /organizations/:slug/members/:userId/approve': {
    default: writeOn(applicants, (c, id) =>
      as(c).post(`${API}/organizations/${providerSlug()}/members/${id}/approve`, { roles: ['researcher'] }),
    ),
  },
  'POST /organizations/:slug/members/:userId/reject': {
    default: writeOn(applicants, (c, id) =>
      as(c).post(`${API}/organizations/${providerSlug()}/members/${id}/reject`, { reason: 'Unknown to us.' }),
    ),
  },
  'PATCH /organizations/:slug/members/:userId': {
    default: writeOn(members, (c, id) =>
      as(c).patch(`${API}/organizations/${providerSlug()}/members/${id}`, { roles: ['researcher', 'provider'] }),
    ),
  },
  'DELETE /organizations/:slug/members/:userId': {
    default: writeOn(members, (c, id) => as(c).delete(`${API}/organizations/${providerSlug()}/members/${id}`)),
  },

  // ---- datasets ----
  'GET /datasets/suggest': { default: listing((c) => as(c).get(`${API}/datasets/suggest?q=zephyrmatrix`)) },
  'GET /datasets': {
    catalogue: listing((c) => as(c).get(`${API}/datasets?pageSize=100`)),
    confidentialOnly: listing((c) => as(c).get(`${API}/datasets?pageSize=100&classification=confidential&provider=${providerSlug()}`)),
    workspace: listing((c) => as(c).get(`${API}/datasets?workspace=true&pageSize=100`)),
    workspaceOfProvider: listing((c) => as(c).get(`${API}/datasets?workspace=true&pageSize=100&provider=${providerSlug()}`)),
  },
  'POST /datasets': {
    own: write((c) => as(c).post(`${API}/datasets`, datasetBody())),
    forProvider: write((c) => as(c).post(`${API}/datasets`, { ...datasetBody(), providerId: String(w.orgs.provider._id) })),
  },
  'GET /datasets/:id': {
    published: perState((c, s) => as(c).get(`${API}/datasets/${ds(s).id}`)),
    unpublishedRevision: perStateShows((c, s) => as(c).get(`${API}/datasets/${revision(s).id}`), showsRevisionTitle),
  },
  'PATCH /datasets/:id': {
    default: fresh('as_is', (c, _s, fx) => as(c).patch(`${API}/datasets/${fx.id}`, { keywords: { ko: ['권한'], en: ['authorization'] } })),
  },
  'DELETE /datasets/:id': { default: fresh('as_is', (c, _s, fx) => as(c).delete(`${API}/datasets/${fx.id}`)) },
  'POST /datasets/:id/submit': { default: fresh('revision', (c, _s, fx) => as(c).post(`${API}/datasets/${fx.id}/submit`, {})) },
  'POST /datasets/:id/review': {
    default: fresh('in_review', (c, _s, fx) => as(c).post(`${API}/datasets/${fx.id}/review`, { action: 'approve', comment: 'Fine.' })),
  },
  'POST /datasets/:id/withdraw': { default: fresh('as_is', (c, _s, fx) => as(c).post(`${API}/datasets/${fx.id}/withdraw`, {})) },
  'GET /datasets/:id/review-changes': { default: perState((c, s) => as(c).get(`${API}/datasets/${ds(s).id}/review-changes`)) },
  'GET /datasets/:id/versions': { default: perState((c, s) => as(c).get(`${API}/datasets/${ds(s).id}/versions`)) },
  'GET /datasets/:id/versions/:version': { default: perState((c, s) => as(c).get(`${API}/datasets/${ds(s).id}/versions/1`)) },
  'GET /datasets/:id/my-access': { default: perState((c, s) => as(c).get(`${API}/datasets/${ds(s).id}/my-access`)) },

  // ---- artifacts ----
  'GET /datasets/:id/artifacts': {
    published: perState((c, s) => as(c).get(`${API}/datasets/${ds(s).id}/artifacts`)),
    unapprovedFile: perStateShows(
      (c, s) => as(c).get(`${API}/datasets/${revision(s).id}/artifacts`),
      (res, s) => res.text.includes(revision(s).revision!.fileId),
    ),
  },
  'POST /datasets/:id/artifacts': {
    default: fresh('as_is', (c, _s, fx) =>
      as(c).post(`${API}/datasets/${fx.id}/artifacts`, {
        kind: 'sample',
        filename: 'more.csv',
        contentType: 'text/csv',
        bytes: 10,
        sha256: 'a'.repeat(64),
      }),
    ),
  },
  'POST /datasets/:id/artifacts/:artifactId/complete': {
    default: fresh('pending_upload', (c, _s, fx) => as(c).post(`${API}/datasets/${fx.id}/artifacts/${fx.pendingId}/complete`)),
  },
  'GET /datasets/:id/artifacts/:artifactId/upload': {
    default: fresh('pending_upload', (c, _s, fx) => as(c).get(`${API}/datasets/${fx.id}/artifacts/${fx.pendingId}/upload`)),
  },
  'POST /datasets/:id/artifacts/:artifactId/parts': {
    default: fresh('pending_upload', (c, _s, fx) => as(c).post(`${API}/datasets/${fx.id}/artifacts/${fx.pendingId}/parts`, { parts: [{ number: 1, sha256: 'a'.repeat(64) }] })),
  },
  'PUT /datasets/:id/artifacts/:artifactId/parts/:number': {
    default: fresh('pending_upload', (c, _s, fx) => as(c).put(`${API}/datasets/${fx.id}/artifacts/${fx.pendingId}/parts/1`, { etag: '"abc"' })),
  },
  'DELETE /datasets/:id/artifacts/:artifactId': {
    default: fresh('as_is', (c, _s, fx) => as(c).delete(`${API}/datasets/${fx.id}/artifacts/${fx.sampleId}`)),
  },
  'GET /datasets/:id/artifacts/:artifactId/download': {
    sample: perState((c, s) => as(c).get(`${API}/datasets/${ds(s).id}/artifacts/${ds(s).sampleId}/download?format=json`)),
    full: perState((c, s) => as(c).get(`${API}/datasets/${ds(s).id}/artifacts/${ds(s).fullId}/download?format=json`)),
    unapprovedFile: perState((c, s) =>
      as(c).get(`${API}/datasets/${revision(s).id}/artifacts/${revision(s).revision!.fileId}/download?format=json`),
    ),
  },

  // ---- labeling procedures ----
  'GET /labeling-procedures': {
    all: readListing(
      (c) => as(c).get(`${API}/labeling-procedures?pageSize=100`),
      (res) => res.text.includes(w.procDraft.slug),
    ),
    draftsOfProvider: readListing(
      (c) => as(c).get(`${API}/labeling-procedures?pageSize=100&status=draft&provider=${providerSlug()}`),
      (res) => res.text.includes(w.procDraft.slug),
    ),
  },
  'POST /labeling-procedures': {
    own: write((c) => as(c).post(`${API}/labeling-procedures`, { slug: `proc-${tag()}`, title: { ko: '새 절차' } })),
    forProvider: write((c) =>
      as(c).post(`${API}/labeling-procedures`, {
        slug: `proc-${tag()}`,
        title: { ko: '새 절차' },
        providerId: String(w.orgs.provider._id),
      }),
    ),
  },
  'GET /labeling-procedures/:id': { default: read((c) => as(c).get(`${API}/labeling-procedures/${w.procDraft.id}`)) },
  'PATCH /labeling-procedures/:id': {
    activeWithDraft: writeOn(procedures('active+draft'), (c, id) =>
      as(c).patch(`${API}/labeling-procedures/${id}`, { tools: ['praat', 'elan'] }),
    ),
    draftOnly: writeOn(procedures('draft'), (c, id) => as(c).patch(`${API}/labeling-procedures/${id}`, { tools: ['praat', 'elan'] })),
  },
  'GET /labeling-procedures/:id/versions': { default: read((c) => as(c).get(`${API}/labeling-procedures/${w.procDraft.id}/versions`)) },
  'POST /labeling-procedures/:id/versions': {
    default: writeOn(procedures('active'), (c, id) => as(c).post(`${API}/labeling-procedures/${id}/versions`)),
  },
  'GET /labeling-procedures/:id/versions/:version': {
    default: read((c) => as(c).get(`${API}/labeling-procedures/${w.procActive.id}/versions/2`)),
  },
  'POST /labeling-procedures/:id/versions/:version/activate': {
    default: writeOn(procedures('active+draft'), (c, id) => as(c).post(`${API}/labeling-procedures/${id}/versions/2/activate`)),
  },
  'POST /labeling-procedures/:id/versions/:version/retire': {
    default: writeOn(procedures('active'), (c, id) => as(c).post(`${API}/labeling-procedures/${id}/versions/1/retire`)),
  },
  'GET /labeling-procedures/:id/diff': {
    default: read((c) => as(c).get(`${API}/labeling-procedures/${w.procActive.id}/diff?from=1&to=2`)),
  },

  // ---- taxonomies, policy, interop, import ----
  'GET /taxonomies': { default: read((c) => as(c).get(`${API}/taxonomies`)) },
  'POST /policy/evaluate': {
    asCaller: perState((c, s) => as(c).post(`${API}/policy/evaluate`, { datasetId: ds(s).id, purpose: 'research', scope: 'metadata' })),
    whatIf: perState((c, s) =>
      as(c).post(`${API}/policy/evaluate`, {
        datasetId: ds(s).id,
        requester: { country: 'US', orgType: 'university' },
        purpose: 'research',
        scope: 'full',
      }),
    ),
  },
  'GET /datasets/:id/croissant': {
    published: perState((c, s) => as(c).get(`${API}/datasets/${ds(s).id}/croissant`)),
    unpublishedRevision: perStateShows((c, s) => as(c).get(`${API}/datasets/${revision(s).id}/croissant`), showsRevisionTitle),
  },
  'GET /openapi.json': { default: read((c) => as(c).get(`${API}/openapi.json`)) },
  'POST /import': {
    own: write((c) => importRow(c, { slug: `imported-${tag()}`, title: { ko: '가져온 자료' } })),
    providersDraft: writeOnEffect(
      async (callers) =>
        (
          await freshDatasets(
            w,
            callers.map(() => ({ state: 'draft' as const, prep: 'as_is' as const })),
          )
        ).map((x) => x.slug),
      (c, slug) => importRow(c, { slug, title: { ko: '가져온 제목', en: IMPORTED_TITLE } }),
      async (slug) => (await Dataset.findOne({ slug }).lean<DatasetDoc>())?.title?.en === IMPORTED_TITLE,
    ),
  },
  'GET /import/template.csv': { default: read((c) => as(c).get(`${API}/import/template.csv`)) },

  // ---- access requests ----
  'POST /access-requests': { default: perStateWrite((c, s) => as(c).post(`${API}/access-requests`, accessBody(ds(s).id), key())) },
  'GET /access-requests': {
    mine: readListing(
      (c) => as(c).get(`${API}/access-requests?mine=true&pageSize=100`),
      (res) => res.text.includes(w.requestId),
    ),
    queue: readListing(
      (c) => as(c).get(`${API}/access-requests?queue=true&pageSize=100`),
      (res) => res.text.includes(w.requestId),
    ),
    queueForProvider: readListing(
      (c) => as(c).get(`${API}/access-requests?queue=true&pageSize=100&provider=${providerSlug()}&dataset=${ds('sensitive').id}`),
      (res) => res.text.includes(w.requestId),
    ),
  },
  'GET /access-requests/:id': { default: read((c) => as(c).get(`${API}/access-requests/${w.requestId}`)) },
  'POST /access-requests/:id/claim': {
    default: writeOn(requests('submitted'), (c, id) => as(c).post(`${API}/access-requests/${id}/claim`)),
  },
  'POST /access-requests/:id/decision': {
    default: writeOn(requests('submitted'), (c, id) =>
      as(c).post(`${API}/access-requests/${id}/decision`, { decision: 'approve', reason: 'Fits the purpose.', expiresAt: inDays(30) }),
    ),
  },
  'POST /access-requests/:id/resubmit': {
    default: writeOn(requests('changes_requested'), (c, id) =>
      as(c).post(`${API}/access-requests/${id}/resubmit`, { note: 'Models named.' }),
    ),
  },
  'POST /access-requests/:id/withdraw': {
    default: writeOn(requests('submitted'), (c, id) => as(c).post(`${API}/access-requests/${id}/withdraw`, {})),
  },
  'POST /access-requests/:id/revoke': {
    default: writeOn(requests('approved'), (c, id) => as(c).post(`${API}/access-requests/${id}/revoke`, { reason: 'Project ended.' })),
  },

  // ---- notifications, audit ----
  'GET /notifications': {
    own: readListing(notifications, (res) => res.text.includes(w.notificationId)),
    requestSubmitted: readListing(notifications, (res) => res.text.includes(w.requestId)),
    membershipRequested: readListing(notifications, (res) => res.text.includes(w.applicantName)),
  },
  'POST /notifications/:id/read': {
    default: writeOn(
      each((n) => freshNotifications(w, n)),
      (c, id) => as(c).post(`${API}/notifications/${id}/read`),
    ),
  },
  'GET /audit': { default: read((c) => as(c).get(`${API}/audit`)) },

  // ---- matching ----
  'GET /partners/:slug/matches': {
    default: listing((c) => as(c).get(`${API}/partners/${w.orgs.usUniversity.slug}/matches?pageSize=100&includeIneligible=true`)),
  },
  'GET /partners/:slug/matches/export': {
    default: listing((c) => as(c).get(`${API}/partners/${w.orgs.usUniversity.slug}/matches/export?format=json`)),
  },
  'GET /datasets/:id/partner-matches': { default: perState((c, s) => as(c).get(`${API}/datasets/${ds(s).id}/partner-matches`)) },

  // ---- usage statistics ----
  // ---- citations and observatory ----
  'GET /datasets/:id/citation': {
    published: perState((c, s) => as(c).get(`${API}/datasets/${ds(s).id}/citation?format=csl-json`)),
    unpublishedRevision: perStateShows((c, s) => as(c).get(`${API}/datasets/${revision(s).id}/citation?format=csl-json`), showsRevisionTitle),
  },
  'GET /datasets/:id/datacite': {
    published: perState((c, s) => as(c).get(`${API}/datasets/${ds(s).id}/datacite`)),
    unpublishedRevision: perStateShows((c, s) => as(c).get(`${API}/datasets/${revision(s).id}/datacite`), showsRevisionTitle),
  },
  'GET /observatory': { default: read((c) => as(c).get(`${API}/observatory`)) },

  'GET /stats/datasets/:id': { default: perState((c, s) => as(c).get(`${API}/stats/datasets/${ds(s).id}`)) },
  'GET /stats/providers/:slug': { default: read((c) => as(c).get(`${API}/stats/providers/${providerSlug()}`)) },
  'GET /stats/overview': { default: read((c) => as(c).get(`${API}/stats/overview`)) },

  // ---- harvesting ----
  'GET /harvest/sources': { default: read((c) => as(c).get(`${API}/harvest/sources`)) },
  'POST /harvest/sources': {
    default: write((c) =>
      as(c).post(`${API}/harvest/sources`, { name: { en: `Source ${tag()}` }, kind: 'dcat-us', url: 'http://127.0.0.1:9/data.json', providerId: String(w.orgs.provider._id), schedule: 'manual' }),
    ),
  },
  'GET /harvest/sources/:id': { default: writeOn(harvestSources, (c, id) => as(c).get(`${API}/harvest/sources/${id}`)) },
  'PATCH /harvest/sources/:id': { default: writeOn(harvestSources, (c, id) => as(c).patch(`${API}/harvest/sources/${id}`, { enabled: false })) },
  'DELETE /harvest/sources/:id': { default: writeOn(harvestSources, (c, id) => as(c).delete(`${API}/harvest/sources/${id}`)) },
  // Port 9 (discard) refuses at once: the run that starts fails fast in the background.
  'POST /harvest/sources/:id/runs': { default: writeOn(harvestSources, (c, id) => as(c).post(`${API}/harvest/sources/${id}/runs`)) },
  'GET /harvest/sources/:id/runs': { default: writeOn(harvestSources, (c, id) => as(c).get(`${API}/harvest/sources/${id}/runs`)) },
  'GET /harvest/runs/:id': { default: writeOn(harvestRuns, (c, id) => as(c).get(`${API}/harvest/runs/${id}`)) },
  'POST /harvest/datasets/:id/curation': {
    default: writeOn(harvestedDatasets, (c, id) => as(c).post(`${API}/harvest/datasets/${id}/curation`, { techAreas: { kr: ['quantum'], us: [] }, modalities: ['tabular'] })),
  },
};

/** Harvest sources of the provider org, one per cell (read rows too: the admin's 'ok' needs one that exists). */
async function harvestSources(callers: Caller[]): Promise<string[]> {
  const docs = await HarvestSource.insertMany(
    callers.map(() => ({ name: { en: `Matrix source ${tag()}` }, kind: 'dcat-us', url: 'http://127.0.0.1:9/data.json', providerId: w.orgs.provider._id, schedule: 'manual', enabled: true, createdBy: w.users.admin.id })),
  );
  return docs.map((d) => String(d._id));
}

/** A finished run of a fresh source per cell. */
async function harvestRuns(callers: Caller[]): Promise<string[]> {
  const sources = await harvestSources(callers);
  const now = new Date();
  const runs = await HarvestRun.insertMany(
    sources.map((sourceId) => ({ sourceId, trigger: 'manual', status: 'failed', startedAt: now, finishedAt: now, heartbeatAt: now, counts: { fetched: 0, created: 0, updated: 0, unchanged: 0, withdrawn: 0, skipped: 0 }, error: { code: 'fetch_failed' } })),
  );
  return runs.map((r) => String(r._id));
}

/** Published, public datasets of the provider org marked as harvested, one per cell. */
async function harvestedDatasets(callers: Caller[]): Promise<string[]> {
  const sources = await harvestSources(callers);
  const now = new Date();
  const docs = await Dataset.insertMany(
    sources.map((sourceId) => {
      const content = {
        slug: `harvested-${tag()}`,
        title: { en: 'Harvested for the matrix' },
        license: { id: 'CC0-1.0' },
        disclosure: { accessLevel: 'open', samplesAccess: 'open', allowedCountries: ['*'], allowedOrgTypes: ['*'], allowedPurposes: ['research'], crossBorder: 'allowed', conditions: { dua: false, irb: false, attribution: true, noRedistribution: false }, maxGrantDays: 365 },
        classification: { level: 'public', personalInfo: 'none', sensitiveCategories: [], exportControl: { controlled: false }, nationalCoreTechnology: false },
      };
      return {
        ...content,
        providerId: w.orgs.provider._id,
        createdBy: w.users.admin.id,
        status: 'published',
        version: 1,
        rev: 1,
        live: { ...content, version: 1, publishedAt: now, approvedBy: w.users.admin.id, artifacts: [] },
        publishedAt: now,
        origin: { kind: 'harvested', sourceId, source: { name: { en: 'Matrix source' }, kind: 'dcat-us', url: 'http://127.0.0.1:9/data.json' }, originalId: tag(), landingPage: null, harvestedAt: now, sourceModified: null, suggested: { techAreas: { kr: [], us: [] }, modalities: [] }, curated: false },
      };
    }),
  );
  return docs.map((d) => String(d._id));
}

function notifications(c: Caller): Promise<Res> {
  return as(c).get(`${API}/notifications?pageSize=100`);
}

/** Pending applicants to the provider org (their user ids). */
async function applicants(callers: Caller[]): Promise<string[]> {
  const users = await freshUsers(callers.map(() => ({ roles: ['researcher'], org: w.orgs.provider, membership: 'pending' })));
  return users.map((u) => String(u.id));
}

/** Active researchers of the provider org (their user ids). */
async function members(callers: Caller[]): Promise<string[]> {
  const users = await freshUsers(callers.map(() => ({ roles: ['researcher'], org: w.orgs.provider })));
  return users.map((u) => String(u.id));
}

function procedures(shape: 'draft' | 'active' | 'active+draft') {
  return (callers: Caller[]) => freshProcedures(w, shape, callers.length);
}

function requests(status: RequestState) {
  return (callers: Caller[]) => freshRequests(w, status, callers.length);
}

const clientBuilt = () => existsSync(path.join(CLIENT_DIST, 'index.html'));

/** A dataset's web page; `shows` tells whether it names what the row is about. */
function page(slugOf: (state: State) => string, shows: (res: Res, state: State) => boolean): Driver {
  return {
    kind: 'dataset',
    phase: 'read',
    run: async (c, s) => {
      const res = await as(c).get(`/datasets/${slugOf(s)}`);
      if (res.status === 404 && !clientBuilt()) return { status: 200, skipped: 'client/dist is not built' };
      return { status: res.status, listed: shows(res, s) };
    },
  };
}

/** The public documents outside the API. */
const DOCUMENT_DRIVERS: Record<string, Record<string, Driver>> = {
  'GET /data.json': { default: listing((c) => as(c).get('/data.json')) },
  'GET /catalog.jsonld': { default: listing((c) => as(c).get('/catalog.jsonld?pageSize=100')) },
  'GET /datasets/:slug': {
    published: page(
      (s) => ds(s).slug,
      (res, s) => mentions(res.text, ds(s)),
    ),
    unpublishedRevision: page((s) => revision(s).slug, showsRevisionTitle),
  },
};

// The runner ---------------------------------------------------------------------------------------

function casesOf(row: Row): Record<string, Case> {
  return 'kind' in row && (row.kind === 'global' || row.kind === 'dataset') ? { default: row as Case } : (row as Record<string, Case>);
}

/** The outcome a probe stands for (see the header of authz-matrix.data.ts). */
function outcomeOf(p: Probe): Outcome | string {
  if (p.status === 401 || p.status === 403 || p.status === 404) return String(p.status);
  if (p.status >= 500 || p.status < 200) return `error ${p.status}`;
  if (p.listed === false) return '404';
  return 'ok';
}

interface Cell {
  route: string;
  caseName: string;
  caller: Caller;
  state: State | null;
  expected: Outcome;
  driver: Driver;
  got?: Probe;
  error?: string;
}

function cellsOf(table: Record<string, Row>, drivers: Record<string, Record<string, Driver>>): Cell[] {
  const cells: Cell[] = [];
  for (const [route, row] of Object.entries(table)) {
    for (const [caseName, c] of Object.entries(casesOf(row))) {
      const driver = drivers[route]?.[caseName];
      if (!driver) throw new Error(`no driver for ${route} [${caseName}]`);
      for (const caller of CALLERS) {
        if (c.kind === 'global') cells.push({ route, caseName, caller, state: null, expected: c.expect[caller], driver });
        else for (const state of STATES) cells.push({ route, caseName, caller, state, expected: c.expect[caller][state], driver });
      }
    }
  }
  return cells;
}

async function pool<T>(items: readonly T[], n: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]);
    }),
  );
}

async function attempt(cell: Cell, run: () => Promise<Probe>): Promise<void> {
  try {
    cell.got = await run();
  } catch (err) {
    cell.error = err instanceof Error ? err.message : String(err);
  }
}

/** Performs the cells: reads and listings concurrently, then the writes row by row on fresh fixtures. */
async function perform(cells: Cell[]): Promise<void> {
  const listings = new Map<string, Promise<Res>>();
  const reads = cells.filter((c) => c.driver.phase !== 'write');
  await pool(reads, READ_CONCURRENCY, (cell) =>
    attempt(cell, async () => {
      const d = cell.driver;
      if (d.phase === 'listing') {
        const k = `${cell.route}|${cell.caseName}|${cell.caller}`;
        if (!listings.has(k)) listings.set(k, d.run(cell.caller));
        const res = await listings.get(k)!;
        return { ...probe(res), listed: d.listed(res, cell.state!) };
      }
      if (d.kind === 'global' && d.phase === 'read') return d.run(cell.caller);
      if (d.kind === 'dataset' && d.phase === 'read') return d.run(cell.caller, cell.state!);
      throw new Error('not a read');
    }),
  );

  const rows = new Map<string, Cell[]>();
  for (const c of cells.filter((x) => x.driver.phase === 'write')) {
    const k = `${c.route}|${c.caseName}`;
    rows.set(k, [...(rows.get(k) ?? []), c]);
  }
  for (const row of rows.values()) {
    const d = row[0].driver;
    if (d.kind === 'global' && d.phase === 'write') {
      const fixtures = d.prepare ? await d.prepare(row.map((c) => c.caller)) : row.map(() => '');
      for (const [i, cell] of row.entries()) await attempt(cell, () => d.run(cell.caller, fixtures[i]));
    } else if (d.kind === 'dataset' && d.phase === 'write') {
      const copies = d.prep
        ? await freshDatasets(
            w,
            row.map((c) => ({ state: c.state!, prep: d.prep! })),
          )
        : [];
      for (const [i, cell] of row.entries()) await attempt(cell, () => d.run(cell.caller, cell.state!, copies[i]));
      await removeDatasets(copies.map((x) => x.id));
    }
  }
}

/** One line per disagreement: route [case] caller × state: expected, got (status code). */
function mismatches(cells: Cell[]): string[] {
  const lines: string[] = [];
  for (const c of cells) {
    const where = `${c.route}${c.caseName === 'default' ? '' : ` [${c.caseName}]`}  ${c.caller}${c.state ? ` × ${c.state}` : ''}`;
    if (c.error) {
      lines.push(`${where}: expected ${c.expected}, the check failed: ${c.error}`);
      continue;
    }
    const p = c.got!;
    if (p.skipped) continue;
    const got = outcomeOf(p);
    if (got === c.expected) continue;
    const detail = [String(p.status), p.code, p.listed === false ? 'not listed' : p.listed ? 'listed' : undefined]
      .filter(Boolean)
      .join(' ');
    lines.push(`${where}: expected ${c.expected}, got ${got} (${detail})`);
  }
  return lines;
}

/** Throws one error listing every disagreement of every section. */
function report(sections: Array<[title: string, cells: Cell[]]>): void {
  const parts = sections.flatMap(([title, cells]) => {
    const lines = mismatches(cells);
    return lines.length
      ? [`${title}: ${lines.length} of ${cells.length} cells disagree with tests/api/authz-matrix.data.ts\n  ${lines.join('\n  ')}`]
      : [];
  });
  if (parts.length) throw new Error(parts.join('\n\n'));
}

// The tests ---------------------------------------------------------------------------------------

describe('authorization matrix: coverage', () => {
  it('has a row for every route of the route table and a route for every row', () => {
    const routes = allRoutes.map((r) => `${r.method.toUpperCase()} ${r.path}`);
    const rows = Object.keys(MATRIX);
    expect({
      routesWithoutRow: routes.filter((r) => !rows.includes(r)),
      rowsWithoutRoute: rows.filter((r) => !routes.includes(r)),
    }).toEqual({
      routesWithoutRow: [],
      rowsWithoutRoute: [],
    });
  });

  it('has a driver of the right kind for every case, and no driver without a case', () => {
    const problems: string[] = [];
    for (const [table, drivers] of [
      [MATRIX, DRIVERS],
      [DOCUMENTS, DOCUMENT_DRIVERS],
    ] as const) {
      for (const [route, row] of Object.entries(table)) {
        const cases = casesOf(row);
        for (const [name, c] of Object.entries(cases)) {
          const d = drivers[route]?.[name];
          if (!d) problems.push(`${route} [${name}]: no driver`);
          else if (d.kind !== c.kind) problems.push(`${route} [${name}]: a ${c.kind} row with a ${d.kind} driver`);
        }
        for (const name of Object.keys(drivers[route] ?? {}))
          if (!cases[name]) problems.push(`${route} [${name}]: a driver without a case`);
      }
      for (const route of Object.keys(drivers)) if (!table[route]) problems.push(`${route}: a driver without a row`);
    }
    expect(problems).toEqual([]);
  });

  it('reads outcomes as the data module defines them', () => {
    expect(outcomeOf({ status: 200 })).toBe('ok');
    expect(outcomeOf({ status: 302 })).toBe('ok');
    expect(outcomeOf({ status: 409 })).toBe('ok');
    expect(outcomeOf({ status: 422 })).toBe('ok');
    expect(outcomeOf({ status: 403 })).toBe('403');
    expect(outcomeOf({ status: 200, listed: false })).toBe('404');
    expect(outcomeOf({ status: 403, listed: false })).toBe('403');
    expect(outcomeOf({ status: 500 })).toBe('error 500');
  });
});

describe('authorization matrix', () => {
  beforeAll(async () => {
    // Sign-in limits are not what this file is about; every caller signs in a few times.
    const app = await startTestApp({ LOGIN_RATE_LIMIT: '10000', LOGIN_ADDRESS_RATE_LIMIT: '100000', LOGIN_ACCOUNT_RATE_LIMIT: '100000' });
    try {
      w = await buildWorld(app);
    } catch (err) {
      await app.close();
      throw err;
    }
  }, 120_000);
  afterAll(async () => {
    await w?.app.close();
  });

  it('every route × caller × dataset state has the outcome its row says', async () => {
    // The applicant's record claims what a membership would grant; only the pending status stands between.
    const claim = await User.findById(w.users.appl.id).lean();
    expect(claim).toMatchObject({ membership: 'pending', orgAdmin: true, roles: expect.arrayContaining(['provider', 'reviewer']) });
    const api = cellsOf(MATRIX, DRIVERS);
    const documents = cellsOf(DOCUMENTS, DOCUMENT_DRIVERS);
    // Documents are read before anything writes, with the API's reads.
    await perform([...documents, ...api]);
    expect(api.length).toBeGreaterThan(1000);
    report([
      ['API routes', api],
      ['Public documents (data.json, catalog.jsonld, dataset pages)', documents],
    ]);
  }, 240_000);

  it('counts in catalogue answers include nothing the caller may not list', async () => {
    // Totals and single-valued facets count each listed dataset once: a hidden dataset counted
    // anywhere would reveal that it exists.
    const problems: string[] = [];
    for (const caller of CALLERS) {
      const res = await as(caller).get(`${API}/datasets?pageSize=100`);
      const { items, total, facets } = res.body as { items: unknown[]; total: number; facets: Record<string, Array<{ count: number }>> };
      if (total !== items.length) problems.push(`${caller}: total ${total}, ${items.length} items`);
      for (const name of ['classification', 'accessLevel', 'license', 'provider']) {
        const sum = (facets[name] ?? []).reduce((n, f) => n + f.count, 0);
        if (sum !== items.length) problems.push(`${caller}: facet ${name} counts ${sum}, ${items.length} items`);
      }
      const listed = CATALOGUE_STATES.filter((s) => mentions(res.text, w.datasets[s]));
      if (!listed.includes('public')) problems.push(`${caller}: the public dataset is not listed`);
    }
    expect(problems).toEqual([]);
  });
});
