import { createHash } from 'node:crypto';
import { Types } from 'mongoose';
import type { Logger } from 'pino';
import type { Config } from '../server/infra/config';
import { withDbDeadline } from '../server/infra/db-calls';
import type { Storage } from '../server/infra/s3';
import { recordAudit } from '../server/audit/record';
import { User } from '../server/auth/models';
import { hashPassword } from '../server/auth/passwords';
import { Dataset, DatasetVersion, type ArtifactDoc, type DatasetContent, type ReviewEvent } from '../server/datasets/model';
import { contentOf } from '../server/datasets/content';
import { draftErrors, publishReadinessErrors } from '../server/datasets/readiness';
import { LabelingProcedure, ProcedureVersion, PROCEDURE_CONTENT_FIELDS } from '../server/labeling/model';
import { procedureErrors } from '../server/labeling/rules';
import { Organization } from '../server/organizations/model';
import { validate } from '../schemas/ajv';
import { organizations, partnerProfiles } from './data/organizations';
import { users } from './data/users';
import { procedures } from './data/procedures';
import { datasets } from './data/datasets';
import { fullDataFor, samplesFor, type FullDataFile, type SampleFile } from './samples';
import { seedUsage } from './usage';

export interface SeedDeps {
  config: Config;
  log: Logger;
  storage: Storage;
}

export interface SeedReport {
  organizations: number;
  users: number;
  procedures: number;
  datasets: number;
  artifacts: number;
}

// Fixed reference time so that re-seeding produces the same dates and ordering.
const SEED_EPOCH = Date.UTC(2026, 9, 1, 0, 0, 0);
const day = 86400_000;

function fail(what: string, errors: unknown[]): never {
  throw new Error(`Seed data is invalid (${what}): ${JSON.stringify(errors, null, 2)}`);
}

/** Seeding runs outside any request and reads whole collections (slow on SQLite): a long deadline, not a request's. */
const SEED_DB_DEADLINE_MS = 10 * 60_000;

/** Loads the demo catalogue (docs/design.md §8). Idempotent: anything that already exists (by slug or e-mail) is left as it is. */
export function seedDemo(deps: SeedDeps): Promise<SeedReport> {
  return withDbDeadline(SEED_DB_DEADLINE_MS, () => loadDemo(deps));
}

async function loadDemo({ config, log, storage }: SeedDeps): Promise<SeedReport> {
  const report: SeedReport = { organizations: 0, users: 0, procedures: 0, datasets: 0, artifacts: 0 };

  // Validate everything before writing anything, so a bad seed file never leaves half a catalogue.
  for (const org of organizations) {
    const { nationalReviewer, ...body } = org as typeof org & { nationalReviewer?: boolean };
    const r = validate('organizations.create', body);
    if (!r.ok) fail(`organization ${org.slug}`, r.errors);
    void nationalReviewer;
  }
  for (const [slug, profile] of Object.entries(partnerProfiles)) {
    const r = validate('organizations.partnerProfile', profile);
    if (!r.ok) fail(`partner profile ${slug}`, r.errors);
  }
  for (const p of procedures) {
    for (const v of p.versions) {
      const errors = procedureErrors(procedureContent(v as unknown as Record<string, unknown>));
      if (errors.length) fail(`procedure ${p.slug} v${v.version}`, errors);
    }
  }

  const orgIds = new Map<string, Types.ObjectId>();
  for (const org of organizations) {
    const doc = await Organization.findOneAndUpdate(
      { slug: org.slug },
      { $setOnInsert: { nationalReviewer: false, partnerProfile: partnerProfiles[org.slug] ?? null, ...org } },
      { upsert: true, returnDocument: 'after', includeResultMetadata: true },
    );
    if (!doc.lastErrorObject?.updatedExisting) report.organizations++;
    orgIds.set(org.slug, doc.value!._id);
  }

  const passwordHash = await hashPassword(config.demoPassword);
  const userIds = new Map<string, Types.ObjectId>();
  for (const u of users) {
    const orgId = orgIds.get(u.orgSlug) ?? fail(`user ${u.email}`, [`unknown organisation ${u.orgSlug}`]);
    const existing = await User.findOne({ email: u.email }).lean();
    if (existing) {
      userIds.set(u.email, existing._id);
      continue;
    }
    // Demo accounts are members their organisations have already admitted, with verified addresses.
    const created = await User.create({
      email: u.email,
      name: u.name,
      organizationId: orgId,
      membership: 'active',
      orgAdmin: u.orgAdmin ?? false,
      emailVerifiedAt: new Date(SEED_EPOCH),
      roles: u.roles,
      locale: u.locale,
      passwordHash,
    });
    userIds.set(u.email, created._id);
    report.users++;
  }
  const adminId = userIds.get('admin@demo.kr') ?? [...userIds.values()][0];
  const memberOf = (orgSlug: string, role: string) =>
    users.find((u) => u.orgSlug === orgSlug && (u.roles as readonly string[]).includes(role))?.email;
  const reviewerEmail = (orgSlug: string) => memberOf(orgSlug, 'reviewer') ?? users.find((u) => (u.roles as readonly string[]).includes('reviewer') && organizations.find((o) => o.slug === u.orgSlug && (o as { nationalReviewer?: boolean }).nationalReviewer))?.email;

  const procedureIds = new Map<string, Types.ObjectId>();
  for (const p of procedures) {
    const providerId = orgIds.get(p.providerSlug) ?? fail(`procedure ${p.slug}`, [`unknown organisation ${p.providerSlug}`]);
    const existing = await LabelingProcedure.findOne({ slug: p.slug }).lean();
    if (existing) {
      procedureIds.set(p.slug, existing._id);
      continue;
    }
    const createdBy = userIds.get(memberOf(p.providerSlug, 'provider') ?? '') ?? adminId;
    const active = p.versions.filter((v) => v.status === 'active').map((v) => v.version);
    const identity = await LabelingProcedure.create({
      slug: p.slug,
      providerId,
      createdBy,
      latestVersion: Math.max(...p.versions.map((v) => v.version)),
      activeVersion: active.length ? Math.max(...active) : null,
    });
    procedureIds.set(p.slug, identity._id);
    for (const v of p.versions) {
      const when = new Date(SEED_EPOCH - (p.versions.length - v.version + 1) * 90 * day);
      await ProcedureVersion.create({
        ...procedureContent(v as unknown as Record<string, unknown>),
        procedureId: identity._id,
        providerId,
        version: v.version,
        status: v.status,
        createdBy,
        activatedAt: v.status === 'draft' ? null : when,
        activatedBy: v.status === 'draft' ? null : createdBy,
        supersededAt: v.status === 'superseded' ? new Date(when.getTime() + 90 * day) : null,
      });
    }
    report.procedures++;
  }

  for (const [index, d] of datasets.entries()) {
    if (await Dataset.exists({ slug: d.slug })) continue;
    const providerId = orgIds.get(d.providerSlug) ?? fail(`dataset ${d.slug}`, [`unknown organisation ${d.providerSlug}`]);
    const { providerSlug: _p, status, labeling, ...rest } = d as typeof d & { labeling?: { procedureSlug: string; procedureVersion: number; results?: unknown[] } };
    const content: DatasetContent = { ...(rest as DatasetContent) };
    if (labeling) {
      const procedureId = procedureIds.get(labeling.procedureSlug) ?? fail(`dataset ${d.slug}`, [`unknown procedure ${labeling.procedureSlug}`]);
      content.labeling = { procedureId: String(procedureId), procedureVersion: labeling.procedureVersion, results: labeling.results ?? [] };
    }
    const clean = contentOf(content);
    const draft = draftErrors(clean);
    if (draft.length) fail(`dataset ${d.slug}`, draft);

    const createdBy = userIds.get(memberOf(d.providerSlug, 'provider') ?? '') ?? adminId;
    const reviewerId = userIds.get(reviewerEmail(d.providerSlug) ?? '') ?? adminId;
    const createdAt = new Date(SEED_EPOCH - (datasets.length - index) * 3 * day);
    const artifacts: ArtifactDoc[] = [];
    const id = new Types.ObjectId();
    // Samples first (the first one is what anonymous visitors can download), then the full data.
    const full = fullDataFor(d);
    const files: Array<SampleFile | FullDataFile> = [...samplesFor(d), ...(full ? [full] : [])];
    for (const [i, s] of files.entries()) {
      const artifactId = createHash('sha256').update(`${d.slug}/${i}/${s.filename}`).digest('hex').slice(0, 32);
      const key = `datasets/${id}/artifacts/${artifactId}/${s.filename}`;
      await storage.putObject(key, s.body, { contentType: s.contentType, bytes: s.body.length });
      artifacts.push({
        id: artifactId,
        kind: s.kind,
        key,
        filename: s.filename,
        contentType: s.contentType,
        bytes: s.body.length,
        sha256: createHash('sha256').update(s.body).digest('hex'),
        status: 'available',
        uploadedAt: createdAt,
        createdAt,
        createdBy,
      });
      report.artifacts++;
    }
    const hasSample = artifacts.some((a) => a.kind === 'sample');
    if (status !== 'draft') {
      const ready = publishReadinessErrors(clean, { hasAvailableSample: hasSample });
      if (ready.length) fail(`dataset ${d.slug} (${status})`, ready);
    }
    const submittedAt = new Date(createdAt.getTime() + day);
    const publishedAt = new Date(createdAt.getTime() + 2 * day);
    const wasPublished = status === 'published' || status === 'withdrawn';
    const history: ReviewEvent[] = [];
    if (status !== 'draft') history.push({ action: 'submit', by: createdBy, byName: 'seed', at: submittedAt });
    if (wasPublished) history.push({ action: 'approve', by: reviewerId, byName: 'seed', at: publishedAt, version: 1 });
    if (status === 'changes_requested') {
      history.push({ action: 'request_changes', by: reviewerId, byName: 'seed', at: publishedAt, comment: 'English description needs the collection period and consent basis. / 영문 설명에 수집 기간과 동의 근거를 추가해 주세요.' });
    }
    if (status === 'withdrawn') history.push({ action: 'withdraw', by: createdBy, byName: 'seed', at: new Date(publishedAt.getTime() + 20 * day) });

    await Dataset.create({
      _id: id,
      ...clean,
      providerId,
      createdBy,
      status,
      version: wasPublished ? 1 : 0,
      rev: 1,
      artifacts,
      reviewHistory: history,
      submittedBy: status === 'draft' ? null : createdBy,
      live: wasPublished ? { ...clean, version: 1, publishedAt, approvedBy: reviewerId, artifacts } : null,
      publishedAt: wasPublished ? publishedAt : null,
      withdrawnAt: status === 'withdrawn' ? new Date(publishedAt.getTime() + 20 * day) : null,
      createdAt,
    });
    if (wasPublished) {
      await DatasetVersion.create({ datasetId: id, providerId, version: 1, snapshot: clean, publishedAt, approvedBy: reviewerId, submittedBy: createdBy, artifacts });
    }
    report.datasets++;
  }

  log.info({ counters: await seedUsage(SEED_EPOCH) }, 'demo usage counters'); // docs/statistics.md "Demo figures"
  await recordAudit({ id: null, email: 'seed' }, 'seed.run', { type: 'system', id: null }, { ...report });
  log.info({ ...report }, 'demo seed finished');
  return report;
}

function procedureContent(v: Record<string, unknown>) {
  const out: Record<string, unknown> = {};
  for (const f of PROCEDURE_CONTENT_FIELDS) if (v[f] !== undefined) out[f] = v[f];
  return out;
}

/** Seeds the demo catalogue on the first start against an empty database. */
export async function seedIfEmpty(deps: SeedDeps): Promise<SeedReport | null> {
  if (await Organization.exists({})) return null;
  deps.log.info('empty database: loading the demo catalogue');
  return seedDemo(deps);
}
