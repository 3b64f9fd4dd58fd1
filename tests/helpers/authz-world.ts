// Fixtures of the authorization matrix (tests/api/authz-matrix.*): one user per caller kind, one
// dataset per state (made through the API, as a provider would), the procedures, request,
// notification and tokens the rows refer to, and factories of fresh copies for checks that write.
import { randomBytes, randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import { AccessRequest, type AccessRequestDoc } from '../../server/access/model';
import { ApiToken, User, type MembershipStatus, type Role } from '../../server/auth/models';
import { hashPassword } from '../../server/auth/passwords';
import { API_TOKEN_PREFIX, hashSecret, newSecret } from '../../server/auth/secrets';
import { Dataset, type ArtifactDoc, type DatasetDoc } from '../../server/datasets/model';
import { LabelingProcedure, PROCEDURE_CONTENT_FIELDS, ProcedureVersion, type ProcedureVersionDoc } from '../../server/labeling/model';
import { Notification } from '../../server/notifications/model';
import { Organization, type OrganizationDoc } from '../../server/organizations/model';
import type { Caller, State } from '../api/authz-matrix.data';
import { Client, createOrg, createUser, TEST_PASSWORD, type Res, type TestApp, type TestUser } from './app';
import { buildDataset, uploadSample } from './factories';

export type SignedIn = Exclude<Caller, 'anon'>;

export interface Orgs {
  /** The Korean public agency that provides every dataset and procedure of the matrix. */
  provider: OrganizationDoc;
  /** Another Korean agency (its provider `oprov` and reviewer `orev`). */
  otherAgency: OrganizationDoc;
  krUniversity: OrganizationDoc;
  /** The US university with a partner profile. */
  usUniversity: OrganizationDoc;
  nationalDesk: OrganizationDoc;
  platform: OrganizationDoc;
}

/** A dataset fixture in one state, with what identifies it in listings and documents. */
export interface FixtureDataset {
  id: string;
  slug: string;
  title: { ko: string; en: string };
  /** A sample artifact (scope samples) and a file of kind `other` (scope full). */
  sampleId: string;
  fullId: string;
  doc: DatasetDoc;
}

export interface World {
  app: TestApp;
  orgs: Orgs;
  users: Record<SignedIn, TestUser>;
  /** Each caller's browser session (cookie and CSRF token): reads through it write nothing. */
  sessions: Record<SignedIn, { cookie: string; csrf: string }>;
  datasets: Record<State, FixtureDataset>;
  /** A procedure whose only version is a draft, and one with v1 active and v2 draft. */
  procDraft: { id: string; slug: string };
  procActive: { id: string; slug: string };
  /** The request of `us` on the sensitive dataset (full scope, submitted). */
  requestId: string;
  /** Requests on the sensitive dataset in each state fresh ones are copied from (see requestThroughApi). */
  requests: Record<RequestState, AccessRequestDoc>;
  /** A notification of `us`. */
  notificationId: string;
  /** The name of an account that registered asking to join the provider org (its admins are told). */
  applicantName: string;
  /** Per state, a copy of its dataset with an unpublished revision (see Prep). */
  revisions: Record<State, FreshDataset>;
  /** An account every caller signs in as in the login row. */
  loginTarget: TestUser;
}

export const PARTNER_PROFILE = {
  interests: {
    usCet: ['artificial_intelligence'],
    krTech: ['artificial_intelligence'],
    modalities: ['speech'],
    tasks: ['asr'],
    keywords: { ko: ['음성'], en: ['speech'] },
  },
  purposes: ['research'],
  capabilities: { canSignDua: true, hasIrb: true, canUseEnclave: false, canObtainExportLicense: false },
};

export const STATEMENT = 'We evaluate Korean speech recognition models in a joint KR–US research project.';

export type UserSpec = { roles: Role[]; org: OrganizationDoc; orgAdmin?: boolean; membership?: MembershipStatus };

/** How each caller kind is made (a fresh one of the same kind is made the same way). */
function specOf(caller: SignedIn, o: Orgs): UserSpec {
  switch (caller) {
    case 'kr':
      return { roles: ['researcher'], org: o.krUniversity };
    case 'us':
      return { roles: ['researcher'], org: o.usUniversity };
    case 'prov':
      return { roles: ['provider'], org: o.provider, orgAdmin: true };
    case 'oprov':
      return { roles: ['provider'], org: o.otherAgency, orgAdmin: true };
    case 'rev':
      return { roles: ['reviewer'], org: o.provider };
    case 'orev':
      return { roles: ['reviewer'], org: o.otherAgency };
    case 'nrev':
      return { roles: ['reviewer'], org: o.nationalDesk };
    case 'admin':
      return { roles: ['admin'], org: o.platform };
    case 'appl':
      // What a claim of membership would look like: every organisation role and the admin flag, pending.
      return { roles: ['researcher', 'provider', 'reviewer'], org: o.provider, orgAdmin: true, membership: 'pending' };
  }
}

/** The spec of a new user of the caller's kind (for checks that change the caller's own account). */
export function specOfCaller(w: World, caller: SignedIn): UserSpec {
  return specOf(caller, w.orgs);
}

/**
 * The caller's HTTP client on their session (CSRF token included), or no credentials for `anon`.
 * A new client each time: a response that sets a cookie (registration, sign-out) changes only it.
 */
export function clientOf(w: World, caller: Caller): Client {
  const c = new Client(w.app.url);
  if (caller === 'anon') return c;
  c.cookie = w.sessions[caller].cookie;
  c.csrf = w.sessions[caller].csrf;
  return c;
}

/** The caller's HTTP client with their API token (no cookie). */
export function bearerOf(w: World, caller: Caller): Client {
  return caller === 'anon' ? new Client(w.app.url) : w.app.as(w.users[caller]);
}

function expectStatus(res: Res, status: number, what: string): Res {
  if (res.status !== status) throw new Error(`authz fixture: ${what} answered ${res.status} ${res.text}`);
  return res;
}

const rulesOf: Record<State, { disclosure?: Record<string, unknown>; classification?: Record<string, unknown> }> = {
  public: {},
  sensitive: { disclosure: { accessLevel: 'approval', samplesAccess: 'registered' }, classification: { level: 'sensitive' } },
  confidential: { disclosure: { accessLevel: 'approval', samplesAccess: 'registered' }, classification: { level: 'confidential' } },
  draft: {},
  withdrawn: {},
};

/** Makes the dataset of one state through the API: create, a sample and a full-scope file, then publish (and withdraw). */
async function makeDataset(P: Client, R: Client, state: State): Promise<FixtureDataset> {
  const tag = randomBytes(3).toString('hex');
  const slug = `authz-${state}-${tag}`;
  // English titles share a prefix for the suggestion row; each is unique.
  const title = { ko: `권한 시험 ${state} 자료 ${tag}`, en: `Zephyrmatrix ${state} corpus ${tag}` };
  const base = buildDataset();
  const body = buildDataset({
    slug,
    title,
    disclosure: { ...base.disclosure, ...rulesOf[state].disclosure },
    classification: { ...base.classification, ...rulesOf[state].classification },
  });
  const id = expectStatus(await P.post('/api/v1/datasets', body), 201, `create ${state}`).body.id as string;
  const sample = await uploadSample(P, id);
  const full = await uploadSample(P, id, randomBytes(512), { kind: 'other', filename: 'full.csv', contentType: 'text/csv' });
  if (state !== 'draft') {
    expectStatus(await P.post(`/api/v1/datasets/${id}/submit`), 200, `submit ${state}`);
    expectStatus(await R.post(`/api/v1/datasets/${id}/review`, { action: 'approve', comment: 'ok' }), 200, `approve ${state}`);
  }
  if (state === 'withdrawn') expectStatus(await P.post(`/api/v1/datasets/${id}/withdraw`, {}), 200, 'withdraw');
  const doc = (await Dataset.findById(id).lean<DatasetDoc>())!;
  return { id, slug, title, sampleId: sample.created.body.artifact.id, fullId: full.created.body.artifact.id, doc };
}

/** A labeling procedure body complete enough to activate. */
function procedureBody(slug: string) {
  return {
    slug,
    title: { ko: '음성 전사 절차', en: 'Speech transcription procedure' },
    taskType: 'asr',
    modalities: ['speech'],
    labelSchema: { classes: [{ code: 'speech', name: { ko: '발화', en: 'Speech' } }] },
    guideline: { summary: { ko: '발화를 그대로 전사합니다.', en: 'Transcribe each utterance verbatim.' } },
    workforce: { type: 'vendor', annotatorsPerItem: 2, qualification: { ko: '교육 이수자', en: 'Trained annotators' } },
    tools: ['praat'],
    steps: [{ name: { ko: '전사', en: 'Transcription' }, description: { ko: '전사합니다.', en: 'Transcribe.' } }],
    qa: { inspection: 'full', verifiedBy: 'third_party', targets: [{ metric: 'cer', target: 0.05, direction: 'lower_better' }] },
  };
}

/** Creates every fixture of the matrix. */
export async function buildWorld(app: TestApp): Promise<World> {
  const [provider, otherAgency, krUniversity, usUniversity, nationalDesk, platform] = await Promise.all([
    createOrg({ country: 'KR', type: 'public_agency' }),
    createOrg({ country: 'KR', type: 'public_agency' }),
    createOrg({ country: 'KR', type: 'university' }),
    createOrg({ country: 'US', type: 'university', partnerProfile: PARTNER_PROFILE }),
    createOrg({ country: 'KR', type: 'public_agency', nationalReviewer: true }),
    createOrg({ country: 'KR', type: 'public_agency' }),
  ]);
  const orgs: Orgs = { provider, otherAgency, krUniversity, usUniversity, nationalDesk, platform };
  const kinds: SignedIn[] = ['kr', 'us', 'prov', 'oprov', 'rev', 'orev', 'nrev', 'admin', 'appl'];
  const made = await Promise.all(kinds.map((k) => createUser(specOf(k, orgs))));
  const users = Object.fromEntries(kinds.map((k, i) => [k, made[i]])) as Record<SignedIn, TestUser>;
  const loginTarget = await createUser({ roles: ['researcher'], org: krUniversity });
  const P = app.as(users.prov);
  const R = app.as(users.rev);

  // Signing in (password hashing) while the datasets are made.
  const states: State[] = ['public', 'sensitive', 'confidential', 'draft', 'withdrawn'];
  const [clients, list] = await Promise.all([
    Promise.all(kinds.map((k) => app.login(users[k].email))),
    Promise.all(states.map((s) => makeDataset(P, R, s))),
  ]);
  const sessions = Object.fromEntries(
    kinds.map((k, i) => [k, { cookie: clients[i].cookie!, csrf: clients[i].csrf! }]),
  ) as World['sessions'];
  const datasets = Object.fromEntries(states.map((s, i) => [s, list[i]])) as Record<State, FixtureDataset>;

  const tag = randomBytes(3).toString('hex');
  const draft = expectStatus(
    await P.post('/api/v1/labeling-procedures', procedureBody(`authz-draft-proc-${tag}`)),
    201,
    'draft procedure',
  ).body;
  const active = expectStatus(
    await P.post('/api/v1/labeling-procedures', procedureBody(`authz-active-proc-${tag}`)),
    201,
    'procedure',
  ).body;
  expectStatus(await P.post(`/api/v1/labeling-procedures/${active.id}/versions/1/activate`), 200, 'activate v1');
  expectStatus(await P.post(`/api/v1/labeling-procedures/${active.id}/versions`), 201, 'draft v2');

  const w: World = {
    app,
    orgs,
    users,
    sessions,
    datasets,
    procDraft: { id: draft.id, slug: draft.slug },
    procActive: { id: active.id, slug: active.slug },
    requestId: '',
    requests: {} as World['requests'],
    notificationId: '',
    applicantName: `Applicant ${tag}`,
    revisions: {} as World['revisions'],
    loginTarget,
  };
  const revisions = await freshDatasets(
    w,
    states.map((state) => ({ state, prep: 'unpublished_revision' as const })),
  );
  w.revisions = Object.fromEntries(states.map((s, i) => [s, revisions[i]])) as Record<State, FreshDataset>;
  for (const status of ['submitted', 'changes_requested', 'approved'] as const) {
    const id = await requestThroughApi(w, status);
    w.requests[status] = (await AccessRequest.findById(id).lean<AccessRequestDoc>())!;
  }
  w.requestId = String(w.requests.submitted._id);
  [w.notificationId] = await freshNotifications(w, 1);
  const registered = await app.anon.post('/api/v1/auth/register', {
    email: `applicant-${tag}@test.example`,
    password: 'a long enough password',
    name: w.applicantName,
    organizationSlug: provider.slug,
  });
  expectStatus(registered, 201, 'registration asking to join');
  return w;
}

// ---------------------------------------------------------------------------------------------
// Fresh fixtures for checks that write.
// ---------------------------------------------------------------------------------------------

/**
 * How a fresh copy of a state's dataset is prepared: as it is; with its working copy turned into a
 * revision draft (so it can be submitted); submitted by `prov` and in review; with a pending upload;
 * or with an unpublished revision: a new title and a new (available) file in the working copy only,
 * not yet approved. Visibility stays the state's: the published face, classification and
 * withdrawal are kept.
 */
export type Prep = 'as_is' | 'revision' | 'in_review' | 'pending_upload' | 'unpublished_revision';

export interface FreshDataset {
  id: string;
  slug: string;
  /** The sample in the working copy. */
  sampleId: string;
  /** The pending upload (prep `pending_upload`). */
  pendingId?: string;
  /** The revision's title and its file (prep `unpublished_revision`). */
  revision?: { title: { ko: string; en: string }; fileId: string };
}

const COPY_TITLE = { ko: '시험용 복제 자료', en: 'Fixture copy' };
let copies = 0;

function copyOf(w: World, state: State, prep: Prep): { doc: Record<string, unknown>; fresh: FreshDataset } {
  const src = w.datasets[state];
  const _id = new Types.ObjectId();
  const slug = `copy-${state}-${(copies++).toString(36)}-${randomBytes(2).toString('hex')}`;
  // New artifact ids and keys (no S3 object behind them): a deleted copy must never touch the original's files.
  const ids = new Map<string, string>();
  const remap = (a: ArtifactDoc): ArtifactDoc => {
    const id = ids.get(a.id) ?? randomUUID();
    ids.set(a.id, id);
    return { ...a, id, key: `datasets/${_id}/artifacts/${id}/${a.filename}` };
  };
  const { createdAt: _c, updatedAt: _u, ...rest } = src.doc;
  const artifacts = src.doc.artifacts.map(remap);
  const doc: Record<string, unknown> = {
    ...rest,
    _id,
    slug,
    title: COPY_TITLE,
    artifacts,
    live: src.doc.live ? { ...src.doc.live, slug, title: COPY_TITLE, artifacts: src.doc.live.artifacts.map(remap) } : null,
    reviewHistory: [],
  };
  const fresh: FreshDataset = { id: String(_id), slug, sampleId: ids.get(src.sampleId)! };
  const prov = w.users.prov.id;
  const addFile = (status: ArtifactDoc['status']): string => {
    const id = randomUUID();
    artifacts.push({
      id,
      kind: 'sample',
      key: `datasets/${_id}/artifacts/${id}/added.csv`,
      filename: 'added.csv',
      contentType: 'text/csv',
      bytes: 10,
      sha256: '0'.repeat(64),
      status,
      uploadedAt: status === 'available' ? new Date() : null,
      createdAt: new Date(),
      createdBy: prov,
    });
    return id;
  };
  if (prep === 'revision') doc.status = 'draft';
  if (prep === 'in_review') Object.assign(doc, { status: 'in_review', submittedBy: prov });
  if (prep === 'pending_upload') fresh.pendingId = addFile('pending');
  if (prep === 'unpublished_revision') {
    const t = randomBytes(3).toString('hex');
    const title = { ko: `미공개 개정판 ${t}`, en: `Unpublished revision ${t}` };
    Object.assign(doc, { status: 'draft', title });
    fresh.revision = { title, fileId: addFile('available') };
  }
  return { doc, fresh };
}

/** Fresh copies of the states' datasets, inserted at once (one per check). */
export async function freshDatasets(w: World, wanted: Array<{ state: State; prep: Prep }>): Promise<FreshDataset[]> {
  const made = wanted.map((x) => copyOf(w, x.state, x.prep));
  if (made.length) await Dataset.insertMany(made.map((m) => m.doc));
  return made.map((m) => m.fresh);
}

/**
 * Fresh procedures of the provider org, copying the active procedure's content: `draft` (v1 draft),
 * `active` (v1 active) or `active+draft` (v1 active, v2 draft). Returns their ids.
 */
export async function freshProcedures(w: World, shape: 'draft' | 'active' | 'active+draft', n: number): Promise<string[]> {
  const v1 = (await ProcedureVersion.findOne({
    procedureId: new Types.ObjectId(w.procActive.id),
    version: 1,
  }).lean<ProcedureVersionDoc>())!;
  const content = Object.fromEntries(PROCEDURE_CONTENT_FIELDS.filter((f) => v1[f] !== undefined).map((f) => [f, v1[f]]));
  const providerId = w.orgs.provider._id;
  const createdBy = w.users.prov.id;
  const now = new Date();
  const identities = Array.from({ length: n }, () => ({
    _id: new Types.ObjectId(),
    slug: `proc-copy-${randomBytes(4).toString('hex')}`,
    providerId,
    createdBy,
    latestVersion: shape === 'active+draft' ? 2 : 1,
    activeVersion: shape === 'draft' ? null : 1,
  }));
  const versions = identities.flatMap(({ _id: procedureId }) => {
    const base = { ...content, procedureId, providerId, createdBy };
    const first =
      shape === 'draft'
        ? { ...base, version: 1, status: 'draft', rev: 1 }
        : { ...base, version: 1, status: 'active', rev: 2, activatedAt: now, activatedBy: createdBy };
    return shape === 'active+draft' ? [first, { ...base, version: 2, status: 'draft', rev: 1 }] : [first];
  });
  await LabelingProcedure.insertMany(identities);
  await ProcedureVersion.insertMany(versions);
  return identities.map((p) => String(p._id));
}

export type RequestState = 'submitted' | 'changes_requested' | 'approved';

/**
 * A request on the sensitive dataset, brought to `status` through the API as people would: by `us`,
 * except the approved one (a grant), which another researcher of the US university holds so that
 * `us` has no grant.
 */
async function requestThroughApi(w: World, status: RequestState): Promise<string> {
  const body = {
    datasetId: w.datasets.sensitive.id,
    scope: 'full',
    // `us` holds two requests here at once: one open request per scope and purpose (409 access_request_exists).
    purpose: status === 'changes_requested' ? 'education' : 'research',
    statement: STATEMENT,
    durationDays: 30,
    acceptedAgreements: ['dua'],
  };
  const requester = status === 'approved' ? await createUser({ roles: ['researcher'], org: w.orgs.usUniversity }) : w.users.us;
  const res = expectStatus(
    await w.app.as(requester).post('/api/v1/access-requests', body, { 'idempotency-key': randomUUID() }),
    201,
    'access request',
  );
  if (res.body.status !== 'submitted') throw new Error(`authz fixture: the request landed in ${res.body.status}`);
  const id = res.body.id as string;
  const R = w.app.as(w.users.rev);
  if (status === 'changes_requested') {
    expectStatus(
      await R.post(`/api/v1/access-requests/${id}/decision`, { decision: 'request_changes', reason: 'Please name the models.' }),
      200,
      'request changes',
    );
  }
  if (status === 'approved') {
    const expiresAt = new Date(Date.now() + 30 * 86_400_000).toISOString();
    expectStatus(
      await R.post(`/api/v1/access-requests/${id}/decision`, { decision: 'approve', reason: 'Fits the purpose.', expiresAt }),
      200,
      'approve',
    );
  }
  return id;
}

/** Fresh copies of the source request in `status` (new ids and idempotency keys). Returns their ids. */
export async function freshRequests(w: World, status: RequestState, n: number): Promise<string[]> {
  const { createdAt: _c, updatedAt: _u, ...src } = w.requests[status];
  const docs = Array.from({ length: n }, () => ({ ...src, _id: new Types.ObjectId(), idempotencyKey: randomUUID() }));
  await AccessRequest.insertMany(docs);
  return docs.map((d) => String(d._id));
}

/** Fresh API tokens of `owner`. Returns their ids. */
export async function freshTokens(owner: TestUser, n: number): Promise<string[]> {
  const docs = Array.from({ length: n }, () => {
    const token = API_TOKEN_PREFIX + newSecret();
    return {
      _id: new Types.ObjectId(),
      userId: owner.id,
      name: 'authz matrix',
      tokenHash: hashSecret(token),
      prefix: token.slice(0, 10),
      expiresAt: new Date(Date.now() + 86_400_000),
      createdAt: new Date(),
    };
  });
  await ApiToken.insertMany(docs);
  return docs.map((d) => String(d._id));
}

/** Fresh unread notifications of `us`. Returns their ids. */
export async function freshNotifications(w: World, n: number): Promise<string[]> {
  const docs = Array.from({ length: n }, () => ({
    _id: new Types.ObjectId(),
    userId: w.users.us.id,
    code: 'access_request_changes_requested',
    params: {},
    targetType: 'access_request',
    targetId: 'authz-matrix',
    link: null,
    read: false,
    readAt: null,
    createdAt: new Date(),
  }));
  await Notification.insertMany(docs);
  return docs.map((d) => String(d._id));
}

/** Fresh Korean companies with nobody and nothing in them. Returns their slugs. */
export async function freshOrgs(n: number): Promise<string[]> {
  const docs = Array.from({ length: n }, () => {
    const slug = `org-${randomBytes(5).toString('hex')}`;
    return {
      slug,
      name: { ko: `기관 ${slug}`, en: `Organisation ${slug}` },
      country: 'KR',
      type: 'company',
      verified: false,
      nationalReviewer: false,
    };
  });
  await Organization.insertMany(docs);
  return docs.map((d) => d.slug);
}

let passwordHash: Promise<string> | undefined;

/** Fresh users, each with an API token (like createUser in ./app, in two writes for all of them). */
export async function freshUsers(specs: UserSpec[]): Promise<TestUser[]> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const hash = await passwordHash;
  const made = specs.map((spec) => {
    const _id = new Types.ObjectId();
    const email = `fresh-${randomBytes(5).toString('hex')}@test.example`;
    const token = API_TOKEN_PREFIX + newSecret();
    return {
      user: {
        _id,
        email,
        name: `Fresh ${email.split('@')[0]}`,
        organizationId: spec.membership === 'none' ? null : spec.org._id,
        membership: spec.membership ?? 'active',
        orgAdmin: spec.orgAdmin ?? false,
        emailVerifiedAt: new Date(),
        roles: spec.roles,
        locale: 'en',
        passwordHash: hash,
      },
      token: {
        userId: _id,
        name: 'test',
        tokenHash: hashSecret(token),
        prefix: token.slice(0, 10),
        expiresAt: new Date(Date.now() + 86_400_000),
        createdAt: new Date(),
      },
      out: { id: _id, email, token, organizationId: spec.org._id },
    };
  });
  await User.insertMany(made.map((m) => m.user));
  await ApiToken.insertMany(made.map((m) => m.token));
  return made.map((m) => m.out);
}

/** Removes fresh dataset copies once their checks are done (a smaller collection keeps the embedded database quick). */
export async function removeDatasets(ids: string[]): Promise<void> {
  if (ids.length) await Dataset.deleteMany({ _id: { $in: ids.map((id) => new Types.ObjectId(id)) } });
}

/** Does the text name the dataset (slug, id or either title)? */
export function mentions(text: string, ds: Pick<FixtureDataset, 'id' | 'slug' | 'title'>): boolean {
  return [ds.slug, ds.id, ds.title.en, ds.title.ko].some((s) => text.includes(s));
}
