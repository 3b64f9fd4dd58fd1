// The authorization matrix: for every route of the route table (server/routes.ts), who may call it,
// written down as data. tests/api/authz-matrix.test.ts performs every cell against the real app and
// reports every cell whose outcome differs, so a route cannot ship without its row.
//
// OUTCOMES
//   '401' | '403' | '404'  exactly that status.
//   'ok'                   authorised: any status that is not 401, 403 or 404 and below 500. A 400,
//                          409, 412 or 422 the domain answers *after* the authorization decision counts
//                          as ok (e.g. submitting a dataset that is already published: 409).
//   Listing rows (marked "listing" below) look for a fixture in the answer: 'ok' = authorised and
//   the fixture is in it; '404' = it is not (hidden things look absent, as a hidden dataset answers
//   404); 401/403 = the request itself was refused. The same reading applies to rows marked
//   "shows" (is the unpublished content in the answer?) and "effect" (did the write reach the
//   fixture? '404' = the fixture was left as it was).
//
// CALLERS (column order of every row)
//   anon   not signed in
//   kr     researcher at a Korean university
//   us     researcher at a US university whose organisation has a partner profile
//   prov   provider of the datasets' organisation (a Korean public agency; also its organisation admin)
//   oprov  provider of another Korean agency (also that agency's organisation admin)
//   rev    agency reviewer: reviewer role, member of the datasets' organisation
//   orev   reviewer of another agency (the one `oprov` works for), not a national reviewer
//   nrev   national reviewer: reviewer role at an organisation with `nationalReviewer: true`
//   admin  platform admin
//   appl   applicant: asked to join the datasets' organisation, still pending. His stored record
//          claims roles provider+reviewer and the organisation-admin flag; none of it counts until a
//          membership is granted, so he must be treated exactly like an unaffiliated researcher.
//
// DATASET STATES (order of the five outcomes in a dataset row), all of the `prov` organisation
//   public        published, classification public, accessLevel open
//   sensitive     published, classification sensitive, accessLevel approval, samplesAccess registered
//   confidential  published, classification confidential, accessLevel approval, samplesAccess registered
//   draft         never published (classification public: a draft is hidden whatever its level)
//   withdrawn     published (public, open), then withdrawn
//
// OTHER FIXTURES the rows below refer to (built in tests/helpers/authz-world.ts)
//   - a draft-only labeling procedure of the provider org ("draft procedure") and one with v1 active
//     and v2 draft ("active procedure");
//   - an access request by `us` on the sensitive dataset, full scope, submitted;
//   - a notification and API tokens of `us`;
//   - the partner profile of the US university (`us`'s organisation);
//   - membership requests (pending applicants) and members of the provider org;
//   - per state, a copy of its dataset with an unpublished revision: a new title and a new file in
//     the working copy, not yet approved ("unpublished revision", "unapproved file").
//   Every mutating check gets a fresh fixture of its own (a copy of the dataset in that state, a new
//   procedure, request, token, organisation, user...), so no check changes another's.
//
// ADDING A ROW FOR A NEW ROUTE
//   1. Add an entry below keyed by `METHOD /path` exactly as in the route table (method upper case,
//      path as declared, e.g. 'POST /datasets/:id/submit'). Routes about a dataset get `d({...})`
//      with five outcomes per caller in state order; all other routes get `g('...')` with ten
//      outcomes in caller order. A route with several interesting situations gets named cases:
//      `{ own: g('...'), forProvider: g('...') }`.
//   2. Write the outcomes from docs/design.md, not from the server code: who *should* get what.
//   3. Add the request(s) to DRIVERS in tests/api/authz-matrix.test.ts under the same key and case
//      names (a valid body, a fresh fixture for anything that writes).
//   The test fails while a route has no row, a row names no route, or a row has no driver.

export const CALLERS = ['anon', 'kr', 'us', 'prov', 'oprov', 'rev', 'orev', 'nrev', 'admin', 'appl'] as const;
export type Caller = (typeof CALLERS)[number];

export const STATES = ['public', 'sensitive', 'confidential', 'draft', 'withdrawn'] as const;
export type State = (typeof STATES)[number];

export const OUTCOMES = ['ok', '401', '403', '404'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** One outcome per caller (routes not about a dataset). */
export interface GlobalCase {
  kind: 'global';
  expect: Record<Caller, Outcome>;
}

/** One outcome per caller and dataset state. */
export interface DatasetCase {
  kind: 'dataset';
  expect: Record<Caller, Record<State, Outcome>>;
}

export type Case = GlobalCase | DatasetCase;
/** A route's row: one case, or several named cases. */
export type Row = Case | Record<string, Case>;

function tokens(text: string, n: number, where: string): Outcome[] {
  const list = text.trim().split(/\s+/);
  if (list.length !== n) throw new Error(`authz matrix: ${where} has ${list.length} outcomes, expected ${n}: '${text}'`);
  for (const t of list)
    if (!(OUTCOMES as readonly string[]).includes(t)) throw new Error(`authz matrix: unknown outcome '${t}' in ${where}`);
  return list as Outcome[];
}

/** A row not about a dataset: ten outcomes in caller order (anon kr us prov oprov rev orev nrev admin appl). */
export function g(text: string): GlobalCase {
  const list = tokens(text, CALLERS.length, `'${text}'`);
  return { kind: 'global', expect: Object.fromEntries(CALLERS.map((c, i) => [c, list[i]])) as Record<Caller, Outcome> };
}

/** A dataset row: per caller, five outcomes in state order (public sensitive confidential draft withdrawn). */
export function d(byCaller: Record<Caller, string>): DatasetCase {
  const expect = {} as Record<Caller, Record<State, Outcome>>;
  for (const c of CALLERS) {
    const list = tokens(byCaller[c], STATES.length, `caller ${c}`);
    expect[c] = Object.fromEntries(STATES.map((s, i) => [s, list[i]])) as Record<State, Outcome>;
  }
  return { kind: 'dataset', expect };
}

// ---------------------------------------------------------------------------------------------
// Patterns several dataset routes share, each written out once.
// ---------------------------------------------------------------------------------------------

/**
 * Reading a dataset (docs/design.md §4 step 1): public → everyone; sensitive → signed-in; confidential →
 * the provider's members, reviewers who may review it and admins; drafts and withdrawn datasets →
 * only those who see the working copy (members, national reviewers, admins). Hidden → 404.
 */
// prettier-ignore
const READ = d({
  //     public sensitive confidential draft withdrawn
  anon:  'ok  404 404 404 404',
  kr:    'ok  ok  404 404 404',
  us:    'ok  ok  404 404 404',
  prov:  'ok  ok  ok  ok  ok',
  oprov: 'ok  ok  404 404 404',
  rev:   'ok  ok  ok  ok  ok',
  orev:  'ok  ok  404 404 404',
  nrev:  'ok  ok  ok  ok  ok',
  admin: 'ok  ok  ok  ok  ok',
  appl:  'ok  ok  404 404 404',
});

/**
 * Writing a dataset (providers of its organisation and admins): the role gate answers 403 before
 * anything is looked up; a provider of another organisation gets 403 where he can see the dataset
 * and 404 where he cannot.
 */
// prettier-ignore
const PROVIDER_WRITE = d({
  anon:  '401 401 401 401 401',
  kr:    '403 403 403 403 403',
  us:    '403 403 403 403 403',
  prov:  'ok  ok  ok  ok  ok',
  oprov: '403 403 404 404 404',
  rev:   '403 403 403 403 403',
  orev:  '403 403 403 403 403',
  nrev:  '403 403 403 403 403',
  admin: 'ok  ok  ok  ok  ok',
  appl:  '403 403 403 403 403',
});

/**
 * What is only in the working copy — a revision's new title or file not yet approved, and drafts
 * and withdrawn datasets altogether: the provider's members, national reviewers and admins. Shows.
 */
// prettier-ignore
const WORKING_COPY = d({
  anon:  '404 404 404 404 404',
  kr:    '404 404 404 404 404',
  us:    '404 404 404 404 404',
  prov:  'ok  ok  ok  ok  ok',
  oprov: '404 404 404 404 404',
  rev:   'ok  ok  ok  ok  ok',
  orev:  '404 404 404 404 404',
  nrev:  'ok  ok  ok  ok  ok',
  admin: 'ok  ok  ok  ok  ok',
  appl:  '404 404 404 404 404',
});

/** The public catalogue (search, suggestions): published, not withdrawn, visible to the caller. Listing. */
// prettier-ignore
const CATALOGUE = d({
  anon:  'ok  404 404 404 404',
  kr:    'ok  ok  404 404 404',
  us:    'ok  ok  404 404 404',
  prov:  'ok  ok  ok  404 404',
  oprov: 'ok  ok  404 404 404',
  rev:   'ok  ok  ok  404 404',
  orev:  'ok  ok  404 404 404',
  nrev:  'ok  ok  ok  404 404',
  admin: 'ok  ok  ok  404 404',
  appl:  'ok  ok  404 404 404',
});

/** Matches of the US partner (listing): its members, reviewers and admins; datasets both the partner and the caller may list. */
// prettier-ignore
const PARTNER_MATCHES = d({
  anon:  '401 401 401 401 401',
  kr:    '403 403 403 403 403',
  us:    'ok  ok  404 404 404',
  prov:  '403 403 403 403 403',
  oprov: '403 403 403 403 403',
  rev:   'ok  ok  404 404 404',
  orev:  'ok  ok  404 404 404',
  nrev:  'ok  ok  404 404 404',
  admin: 'ok  ok  404 404 404',
  appl:  '403 403 403 403 403',
});

/** A "shows" case nobody passes: the unpublished content is in no caller's answer. */
// prettier-ignore
const NOBODY_SEES_REVISION = d({
  anon:  '404 404 404 404 404',
  kr:    '404 404 404 404 404',
  us:    '404 404 404 404 404',
  prov:  '404 404 404 404 404',
  oprov: '404 404 404 404 404',
  rev:   '404 404 404 404 404',
  orev:  '404 404 404 404 404',
  nrev:  '404 404 404 404 404',
  admin: '404 404 404 404 404',
  appl:  '404 404 404 404 404',
});

/** Only the platform admin. */
// prettier-ignore
const ADMIN_ONLY = g('401 403 403 403 403 403 403 403 ok  403');
/** Anyone signed in. */
// prettier-ignore
const SIGNED_IN = g('401 ok  ok  ok  ok  ok  ok  ok  ok  ok');
/** Everyone. */
// prettier-ignore
const EVERYONE = g('ok  ok  ok  ok  ok  ok  ok  ok  ok  ok');

/** Every API route: `METHOD /path` exactly as in the route table. */
// prettier-ignore
export const MATRIX: Record<string, Row> = {
  // ---- auth ------------------------------------------------------------------------------------
  //                                   anon kr  us  prov oprov rev orev nrev admin appl
  'POST /auth/login': EVERYONE,
  'POST /auth/logout': SIGNED_IN,
  'GET /auth/me': SIGNED_IN,
  'GET /auth/session': EVERYONE,
  'PATCH /auth/me': SIGNED_IN,
  'POST /auth/register': EVERYONE,
  'POST /auth/verify-email': EVERYONE,
  'POST /auth/verify-email/resend': SIGNED_IN,
  'PUT /auth/membership': SIGNED_IN,
  'DELETE /auth/membership': SIGNED_IN,
  'POST /auth/tokens': {
    // From a browser session; a token must not mint tokens (a leaked one would renew itself).
    session: SIGNED_IN,
    bearer: g('401 403 403 403 403 403 403 403 403 403'),
  },
  'GET /auth/tokens': SIGNED_IN,
  // A token of `us`: only its owner revokes it; everyone else finds nothing.
  'DELETE /auth/tokens/:id': g('401 404 ok  404 404 404 404 404 404 404'),

  // ---- users (platform admins) -----------------------------------------------------------------
  'GET /users': ADMIN_ONLY,
  'PATCH /users/:id': ADMIN_ONLY,

  // ---- organisations ---------------------------------------------------------------------------
  'GET /organizations': EVERYONE,
  'GET /organizations/:slug': EVERYONE,
  'POST /organizations': ADMIN_ONLY,
  'PATCH /organizations/:slug': ADMIN_ONLY,
  'DELETE /organizations/:slug': ADMIN_ONLY,
  'GET /organizations/:slug/partner-profile': EVERYONE,
  'PUT /organizations/:slug/partner-profile': {
    // The US university's profile: its members and admins.
    partnersOwn: g('401 403 ok  403 403 403 403 403 ok  403'),
    // The provider org's (where `appl` is pending): its members and admins, never the applicant.
    applicantsOrganisation: g('401 403 403 ok  403 ok  403 403 ok  403'),
  },
  // Members of the provider org: its organisation admins (`prov`) and platform admins only.
  //                                                     anon kr  us  prov oprov rev orev nrev admin appl
  'GET /organizations/:slug/members': g('401 403 403 ok  403 403 403 403 ok  403'),
  'POST /organizations/:slug/members/:userId/approve': g('401 403 403 ok  403 403 403 403 ok  403'),
  'POST /organizations/:slug/members/:userId/reject': g('401 403 403 ok  403 403 403 403 ok  403'),
  'PATCH /organizations/:slug/members/:userId': g('401 403 403 ok  403 403 403 403 ok  403'),
  'DELETE /organizations/:slug/members/:userId': g('401 403 403 ok  403 403 403 403 ok  403'),

  // ---- datasets --------------------------------------------------------------------------------
  'GET /datasets/suggest': CATALOGUE, // listing (titles typed so far)
  'GET /datasets': {
    catalogue: CATALOGUE, // listing
    // listing, filtered to the provider's confidential datasets: a filter never widens what one sees.
    confidentialOnly: d({
      anon:  '404 404 404 404 404',
      kr:    '404 404 404 404 404',
      us:    '404 404 404 404 404',
      prov:  '404 404 ok  404 404',
      oprov: '404 404 404 404 404',
      rev:   '404 404 ok  404 404',
      orev:  '404 404 404 404 404',
      nrev:  '404 404 ok  404 404',
      admin: '404 404 ok  404 404',
      appl:  '404 404 404 404 404',
    }),
    // listing: working copies of the caller's organisation (every provider's for national reviewers and admins).
    workspace: d({
      anon:  '404 404 404 404 404',
      kr:    '404 404 404 404 404',
      us:    '404 404 404 404 404',
      prov:  'ok  ok  ok  ok  ok',
      oprov: '404 404 404 404 404',
      rev:   'ok  ok  ok  ok  ok',
      orev:  '404 404 404 404 404',
      nrev:  'ok  ok  ok  ok  ok',
      admin: 'ok  ok  ok  ok  ok',
      appl:  '404 404 404 404 404',
    }),
    // listing: the same, asking for the provider org by name.
    workspaceOfProvider: d({
      anon:  '404 404 404 404 404',
      kr:    '404 404 404 404 404',
      us:    '404 404 404 404 404',
      prov:  'ok  ok  ok  ok  ok',
      oprov: '404 404 404 404 404',
      rev:   'ok  ok  ok  ok  ok',
      orev:  '404 404 404 404 404',
      nrev:  'ok  ok  ok  ok  ok',
      admin: 'ok  ok  ok  ok  ok',
      appl:  '404 404 404 404 404',
    }),
  },
  'POST /datasets': {
    own: g('401 403 403 ok  ok  403 403 403 ok  403'),
    // Naming the provider org as providerId: only its providers and admins.
    forProvider: g('401 403 403 ok  403 403 403 403 ok  403'),
  },
  'GET /datasets/:id': {
    published: READ,
    unpublishedRevision: WORKING_COPY, // shows: the revision's title
  },
  'PATCH /datasets/:id': PROVIDER_WRITE,
  'DELETE /datasets/:id': PROVIDER_WRITE,
  'POST /datasets/:id/submit': PROVIDER_WRITE,
  // On a copy in review, submitted by `prov`: reviewers of the provider org, national reviewers, admins.
  'POST /datasets/:id/review': d({
    anon:  '401 401 401 401 401',
    kr:    '403 403 403 403 403',
    us:    '403 403 403 403 403',
    prov:  '403 403 403 403 403',
    oprov: '403 403 403 403 403',
    rev:   'ok  ok  ok  ok  ok',
    orev:  '403 403 404 404 404',
    nrev:  'ok  ok  ok  ok  ok',
    admin: 'ok  ok  ok  ok  ok',
    appl:  '403 403 403 403 403',
  }),
  'POST /datasets/:id/withdraw': PROVIDER_WRITE,
  'GET /datasets/:id/review-changes': WORKING_COPY,
  'GET /datasets/:id/versions': READ,
  // Version 1; a draft has never been published, so it has no version 1 for anybody.
  'GET /datasets/:id/versions/:version': d({
    anon:  'ok  404 404 404 404',
    kr:    'ok  ok  404 404 404',
    us:    'ok  ok  404 404 404',
    prov:  'ok  ok  ok  404 ok',
    oprov: 'ok  ok  404 404 404',
    rev:   'ok  ok  ok  404 ok',
    orev:  'ok  ok  404 404 404',
    nrev:  'ok  ok  ok  404 ok',
    admin: 'ok  ok  ok  404 ok',
    appl:  'ok  ok  404 404 404',
  }),

  // ---- artifacts -------------------------------------------------------------------------------
  'GET /datasets/:id/artifacts': {
    published: READ,
    unapprovedFile: WORKING_COPY, // shows: the file added in the revision
  },
  'POST /datasets/:id/artifacts': PROVIDER_WRITE,
  'POST /datasets/:id/artifacts/:artifactId/complete': PROVIDER_WRITE,
  // Full-data upload state and parts (the fixture is a pending sample: 409 after the authorization decision).
  'GET /datasets/:id/artifacts/:artifactId/upload': PROVIDER_WRITE,
  'POST /datasets/:id/artifacts/:artifactId/parts': PROVIDER_WRITE,
  'PUT /datasets/:id/artifacts/:artifactId/parts/:number': PROVIDER_WRITE,
  'DELETE /datasets/:id/artifacts/:artifactId': PROVIDER_WRITE,
  'GET /datasets/:id/artifacts/:artifactId/download': {
    // A sample: samplesAccess open (public) or registered (sensitive, confidential) → whoever sees it.
    sample: READ,
    // A file added in an unpublished revision: the public keeps the approved set.
    unapprovedFile: WORKING_COPY,
    // A file of scope `full` (kind other): the engine decides. Approval-level data needs a grant,
    // except for the provider's members and admins (docs/design.md §4 step 2) — not for national reviewers.
    full: d({
      anon:  'ok  404 404 404 404',
      kr:    'ok  403 404 404 404',
      us:    'ok  403 404 404 404',
      prov:  'ok  ok  ok  ok  ok',
      oprov: 'ok  403 404 404 404',
      rev:   'ok  ok  ok  ok  ok',
      orev:  'ok  403 404 404 404',
      nrev:  'ok  403 403 ok  ok',
      admin: 'ok  ok  ok  ok  ok',
      appl:  'ok  403 404 404 404',
    }),
  },

  // ---- labeling procedures ---------------------------------------------------------------------
  //                                                       anon kr  us  prov oprov rev orev nrev admin appl
  'GET /labeling-procedures': {
    all: g('404 404 404 ok  404 ok  404 ok  ok  404'), // listing: the draft procedure
    draftsOfProvider: g('404 404 404 ok  404 ok  404 ok  ok  404'), // listing: ?status=draft&provider=<the provider org>
  },
  'POST /labeling-procedures': {
    own: g('401 403 403 ok  ok  403 403 403 ok  403'),
    forProvider: g('401 403 403 ok  403 403 403 403 ok  403'),
  },
  'GET /labeling-procedures/:id': g('404 404 404 ok  404 ok  404 ok  ok  404'), // the draft procedure
  'PATCH /labeling-procedures/:id': {
    activeWithDraft: g('401 403 403 ok  403 403 403 403 ok  403'),
    // Nobody outside sees a draft-only procedure, so another provider finds nothing.
    draftOnly: g('401 403 403 ok  404 403 403 403 ok  403'),
  },
  'GET /labeling-procedures/:id/versions': g('404 404 404 ok  404 ok  404 ok  ok  404'), // the draft procedure
  'POST /labeling-procedures/:id/versions': g('401 403 403 ok  403 403 403 403 ok  403'), // fresh, v1 active
  'GET /labeling-procedures/:id/versions/:version': g('404 404 404 ok  404 ok  404 ok  ok  404'), // v2 draft of the active procedure
  'POST /labeling-procedures/:id/versions/:version/activate': g('401 403 403 ok  403 403 403 403 ok  403'), // fresh, v2 draft
  'POST /labeling-procedures/:id/versions/:version/retire': g('401 403 403 ok  403 403 403 403 ok  403'), // fresh, v1 active
  'GET /labeling-procedures/:id/diff': g('404 404 404 ok  404 ok  404 ok  ok  404'), // v1 → v2 draft of the active procedure

  // ---- taxonomies, policy, interop, import ------------------------------------------------------
  'GET /taxonomies': EVERYONE,
  // With a stored dataset the caller must see it (404 otherwise), also for a what-if requester.
  'POST /policy/evaluate': { asCaller: READ, whatIf: READ },
  'GET /datasets/:id/croissant': {
    published: READ,
    unpublishedRevision: WORKING_COPY, // shows: the revision's title
  },
  'GET /openapi.json': EVERYONE,
  'POST /import': {
    own: g('401 403 403 ok  ok  403 403 403 ok  403'),
    // effect: a row with the slug of a draft of the provider org. Only its providers update it;
    // importers of other organisations (admins import into their own) are refused that row.
    providersDraft: g('401 403 403 ok  404 403 403 403 404 403'),
  },
  'GET /import/template.csv': EVERYONE,

  // ---- access requests -------------------------------------------------------------------------
  // Asking for full access: whoever sees a published dataset may ask (the engine then decides);
  // on a draft or withdrawn dataset those who see it get 409 (nothing published to ask for).
  'POST /access-requests': d({
    anon:  '401 401 401 401 401',
    kr:    'ok  ok  404 404 404',
    us:    'ok  ok  404 404 404',
    prov:  'ok  ok  ok  ok  ok',
    oprov: 'ok  ok  404 404 404',
    rev:   'ok  ok  ok  ok  ok',
    orev:  'ok  ok  404 404 404',
    nrev:  'ok  ok  ok  ok  ok',
    admin: 'ok  ok  ok  ok  ok',
    appl:  'ok  ok  404 404 404',
  }),
  // The request of `us` on the sensitive dataset (listings look for it).
  //                                                anon kr  us  prov oprov rev orev nrev admin appl
  'GET /access-requests': {
    mine: g('401 404 ok  404 404 404 404 404 404 404'),
    queue: g('401 403 403 403 403 ok  404 ok  ok  403'),
    // The queue narrowed to the provider org and the sensitive dataset: a filter never widens it.
    queueForProvider: g('401 403 403 403 403 ok  404 ok  ok  403'),
  },
  'GET /access-requests/:id': g('401 404 ok  404 404 ok  404 ok  ok  404'),
  'POST /access-requests/:id/claim': g('401 403 403 403 403 ok  404 ok  ok  403'),
  'POST /access-requests/:id/decision': g('401 403 403 403 403 ok  404 ok  ok  403'),
  // The caller's own access to a dataset: anyone signed in who can read the dataset (withdrawn:
  // only those who see the working copy, since nobody here holds a grant on it).
  // prettier-ignore
  'GET /datasets/:id/my-access': d({
    anon:  '401 401 401 401 401',
    kr:    'ok  ok  404 404 404',
    us:    'ok  ok  404 404 404',
    prov:  'ok  ok  ok  ok  ok',
    oprov: 'ok  ok  404 404 404',
    rev:   'ok  ok  ok  ok  ok',
    orev:  'ok  ok  404 404 404',
    nrev:  'ok  ok  ok  ok  ok',
    admin: 'ok  ok  ok  ok  ok',
    appl:  'ok  ok  404 404 404',
  }),

  // The requester's own moves: reviewers who see the request get 403, everyone else 404.
  'POST /access-requests/:id/resubmit': g('401 404 ok  404 404 403 404 403 403 404'),
  'POST /access-requests/:id/withdraw': g('401 404 ok  404 404 403 404 403 403 404'),
  'POST /access-requests/:id/revoke': g('401 403 403 403 403 ok  404 ok  ok  403'),

  // ---- notifications, audit --------------------------------------------------------------------
  'GET /notifications': {
    own: g('401 404 ok  404 404 404 404 404 404 404'), // listing: a notification of `us`
    // listing: the notice that `us` asked for access goes to the provider's reviewers (national
    // reviewers and admins find it in their queue), never to someone merely claiming the role.
    requestSubmitted: g('401 404 404 404 404 ok  404 404 404 404'),
    // listing: the notice that someone registered asking to join the provider org goes to its
    // organisation admins (`prov`); platform admins only when it has none.
    membershipRequested: g('401 404 404 ok  404 404 404 404 404 404'),
  },
  'POST /notifications/:id/read': g('401 404 ok  404 404 404 404 404 404 404'),
  'GET /audit': ADMIN_ONLY,

  // ---- matching --------------------------------------------------------------------------------
  'GET /partners/:slug/matches': PARTNER_MATCHES,
  'GET /partners/:slug/matches/export': PARTNER_MATCHES,
  // Partners for one dataset: the provider's members, its reviewers, national reviewers, admins;
  // 404 where the caller cannot see the dataset. (Draft, withdrawn: 409, not in the catalogue.)
  'GET /datasets/:id/partner-matches': d({
    anon:  '401 401 401 401 401',
    kr:    '403 403 404 404 404',
    us:    '403 403 404 404 404',
    prov:  'ok  ok  ok  ok  ok',
    oprov: '403 403 404 404 404',
    rev:   'ok  ok  ok  ok  ok',
    orev:  '403 403 404 404 404',
    nrev:  'ok  ok  ok  ok  ok',
    admin: 'ok  ok  ok  ok  ok',
    appl:  '403 403 404 404 404',
  }),

  // ---- usage statistics (docs/statistics.md) -----------------------------------------------------
  // A dataset's public totals: whoever may read the dataset, 404 as the dataset otherwise.
  // ---- citations (docs/citations.md) ------------------------------------------------------------
  // Read as the dataset (a draft answers 409 not_published to those who see it, an authorised "ok");
  // a citation is of a published version only, so the unpublished revision's title shows to nobody.
  'GET /datasets/:id/citation': { published: READ, unpublishedRevision: NOBODY_SEES_REVISION },
  'GET /datasets/:id/datacite': { published: READ, unpublishedRevision: NOBODY_SEES_REVISION },

  // ---- observatory (docs/observatory.md): public; counts follow the caller's visibility ----------
  'GET /observatory': EVERYONE,

  'GET /stats/datasets/:id': READ,
  // The provider org's figures: its active members (any role) and admins; an applicant is no member.
  'GET /stats/providers/:slug': g('401 403 403 ok  403 ok  403 403 ok  403'),
  'GET /stats/overview': ADMIN_ONLY,

  // ---- harvesting (docs/harvesting.md) -----------------------------------------------------------
  // Sources and runs: platform admins only. Curation of a harvested dataset of the provider org: the
  // reviewers who may review it (its own, national) and admins; an applicant's claimed roles count for nothing.
  'GET /harvest/sources': ADMIN_ONLY,
  'POST /harvest/sources': ADMIN_ONLY,
  'GET /harvest/sources/:id': ADMIN_ONLY,
  'PATCH /harvest/sources/:id': ADMIN_ONLY,
  'DELETE /harvest/sources/:id': ADMIN_ONLY,
  'POST /harvest/sources/:id/runs': ADMIN_ONLY,
  'GET /harvest/sources/:id/runs': ADMIN_ONLY,
  'GET /harvest/runs/:id': ADMIN_ONLY,
  'POST /harvest/datasets/:id/curation': g('401 403 403 403 403 ok  403 ok  ok  403'),
};

/**
 * Public documents outside /api/v1 (not in the route table). Listing semantics: 'ok' = the
 * dataset's slug or title is in the document, '404' = none of its slug, id or titles appears.
 */
// prettier-ignore
export const DOCUMENTS: Record<string, Row> = {
  // Harvested catalogues: the anonymous catalogue whoever asks.
  'GET /data.json': d({
    anon:  'ok  404 404 404 404',
    kr:    'ok  404 404 404 404',
    us:    'ok  404 404 404 404',
    prov:  'ok  404 404 404 404',
    oprov: 'ok  404 404 404 404',
    rev:   'ok  404 404 404 404',
    orev:  'ok  404 404 404 404',
    nrev:  'ok  404 404 404 404',
    admin: 'ok  404 404 404 404',
    appl:  'ok  404 404 404 404',
  }),
  'GET /catalog.jsonld': d({
    anon:  'ok  404 404 404 404',
    kr:    'ok  404 404 404 404',
    us:    'ok  404 404 404 404',
    prov:  'ok  404 404 404 404',
    oprov: 'ok  404 404 404 404',
    rev:   'ok  404 404 404 404',
    orev:  'ok  404 404 404 404',
    nrev:  'ok  404 404 404 404',
    admin: 'ok  404 404 404 404',
    appl:  'ok  404 404 404 404',
  }),
  // The web page of a dataset: its title (og:title, JSON-LD) only for callers who may read it.
  'GET /datasets/:slug': {
    published: READ,
    unpublishedRevision: WORKING_COPY, // shows: the revision's title
  },
};
