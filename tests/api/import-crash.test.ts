// A bulk import survives the death of its process (docs/interop.md, "Crash safety"): an app process
// is SIGKILLed while it writes a 2,000-row import, then the reconciler — started by a fresh process
// as server/main.ts starts it, or called directly — finishes the batch. All-or-nothing: nothing of
// the import remains and the drafts it replaced have their content back. Partial: everything it
// wrote stays, each dataset with exactly one audit event.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Types } from 'mongoose';
import { AuditEvent } from '../../server/audit/model';
import { Dataset } from '../../server/datasets/model';
import { ImportBatch, ImportPlan, ImportPrior } from '../../server/import/model';
import { reconcileImportBatches, type ReconciledBatch } from '../../server/import/reconcile';
import { Client, createOrg, createUser, startTestApp, type TestApp, type TestUser } from '../helpers/app';
import { startChildApp, waitFor, type ChildApp } from '../helpers/child-app';
import { buildDataset } from '../helpers/factories';

const NDJSON = { 'content-type': 'application/x-ndjson' };
const ROWS = 2000;
// Shorter than in production (30 s) but longer than a heartbeat (2 s) plus an insert command the
// database may still be running for the killed process.
const LEASE_MS = 6000;

let app: TestApp;
let provider: TestUser;
const children: ChildApp[] = [];

beforeAll(async () => {
  app = await startTestApp();
  provider = await createUser({ roles: ['provider'], org: await createOrg() });
});
afterEach(async () => {
  for (const c of children.splice(0)) await c.stop('SIGTERM');
});
afterAll(async () => {
  await app?.close();
});

const lines = (rows: object[]) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
const slugs = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${String(i + 1).padStart(4, '0')}`);

/** Drafts imported normally, to be replaced by the big import. */
async function earlierDrafts(prefix: string, n: number): Promise<Array<{ _id: Types.ObjectId; slug: string; rev: number; title?: unknown }>> {
  const names = slugs(`${prefix}-old`, n);
  const res = await app.as(provider).post('/api/v1/import', lines(names.map((slug) => buildDataset({ slug, title: { ko: '이전 제목', en: 'Earlier title' } }))), NDJSON);
  expect(res.status).toBe(200);
  return Dataset.find({ slug: { $in: names } }, { slug: 1, rev: 1, title: 1 }).sort({ slug: 1 }).lean();
}

/**
 * Starts the import in a child process and SIGKILLs it as soon as the database shows rows of it.
 * Returns how many new rows were there and how many of the earlier drafts it had rewritten.
 */
async function killMidImport(child: ChildApp, prefix: string, earlier: Array<{ slug: string }>, extraRows: object[], query: string): Promise<{ left: number; overwritten: number }> {
  const fresh = slugs(`${prefix}-new`, ROWS - earlier.length - extraRows.length);
  const body = lines([...earlier.map((d) => buildDataset({ slug: d.slug, title: { ko: '덮어쓴 제목', en: 'Overwritten title' } })), ...fresh.map((slug) => buildDataset({ slug })), ...extraRows]);
  const answer = new Client(child.url, provider.token).post(`/api/v1/import${query}`, body, NDJSON).then(
    (res) => `answered ${res.status}`,
    () => 'no answer',
  );
  const newRows = new RegExp(`^${prefix}-new-`);
  await waitFor('rows of the import in the database', async () => (await Dataset.countDocuments({ slug: newRows })) > 0);
  await child.stop('SIGKILL');
  // The kill came before the import finished: its client never got an answer.
  expect(await answer).toBe('no answer');
  const left = await Dataset.countDocuments({ slug: newRows });
  const overwritten = await Dataset.countDocuments({ slug: { $in: earlier.map((d) => d.slug) }, 'title.en': 'Overwritten title' });
  console.info(`${prefix}: process killed with ${left} of ${fresh.length} new rows and ${overwritten} of ${earlier.length} rewritten drafts in the database`);
  expect(left).toBeGreaterThan(0);
  return { left, overwritten };
}

describe('a bulk import whose process is killed while writing', () => {
  it('all-or-nothing: a fresh process rolls it back — no dataset of it remains, replaced drafts get their content back', async () => {
    const earlier = await earlierDrafts('crash-a', 5);
    const first = await startChildApp(app.dbName);
    children.push(first);
    const { left, overwritten } = await killMidImport(first, 'crash-a', earlier, [], '');

    // Until the lease lapses the owner might be alive (another process sharing the database): hands off.
    expect(await reconcileImportBatches()).toEqual([]);
    expect(await Dataset.countDocuments({ slug: /^crash-a-new-/ })).toBeGreaterThanOrEqual(left);

    // A fresh process reconciles at start and then periodically; here with a shorter lease.
    const second = await startChildApp(app.dbName, { RECONCILE_STALE_MS: String(LEASE_MS), RECONCILE_EVERY_MS: '250' });
    children.push(second);
    await waitFor('the import to be rolled back', async () => (await Dataset.countDocuments({ slug: /^crash-a-new-/ })) === 0 && (await ImportBatch.countDocuments()) === 0);

    const after = await Dataset.find({ _id: { $in: earlier.map((d) => d._id) } }, { slug: 1, rev: 1, title: 1, importBatchId: 1 }).sort({ slug: 1 }).lean();
    expect(after.map((d) => [d.slug, d.title])).toEqual(earlier.map((d) => [d.slug, d.title]));
    // One revision for the import's write and one for the restore, so stale ETags cannot match.
    expect(after.map((d) => d.rev)).toEqual(earlier.map((d) => d.rev + 2));
    // Not vacuous: the import had rewritten them all when it was killed (it updates before it inserts).
    expect(overwritten).toBe(earlier.length);
    expect(await ImportPrior.countDocuments()).toBe(0);
    expect(await ImportPlan.countDocuments()).toBe(0);

    const rollback = await AuditEvent.find({ action: 'dataset.import_rolled_back', organizationId: provider.organizationId }).lean();
    expect(rollback).toHaveLength(1);
    expect(rollback[0]).toMatchObject({ actorId: null, details: { reason: 'owner_lost', importedBy: String(provider.id), total: ROWS, restored: 5, kept: [] } });
    expect(rollback[0].details.deleted).toBeGreaterThan(0);
    const batch = rollback[0].details.batch;
    expect(await AuditEvent.countDocuments({ action: 'dataset.update', 'details.via': 'import_rollback', 'details.batch': batch })).toBe(5);

    // What a reader sees through the API of the surviving process.
    const P = new Client(second.url, provider.token);
    expect((await P.get('/api/v1/datasets/crash-a-new-0001')).status).toBe(404);
    expect((await P.get(`/api/v1/datasets/${earlier[0].slug}`)).body.title).toEqual({ ko: '이전 제목', en: 'Earlier title' });
  }, 60_000);

  it('partial: the reconciler keeps what was written and gives each written dataset exactly one audit event', async () => {
    const earlier = await earlierDrafts('crash-b', 3);
    const child = await startChildApp(app.dbName);
    children.push(child);
    const bad = [{ ...buildDataset({ slug: 'crash-b-bad-1' }), license: { id: 'no-such-licence' } }, { slug: 'Not A Slug', title: { en: 'Bad' } }];
    const startedAt = new Date();
    const { overwritten } = await killMidImport(child, 'crash-b', earlier, bad, '?partial=true');
    const importEvents = () => AuditEvent.find({ action: { $in: ['dataset.create', 'dataset.update'] }, 'details.via': 'import', at: { $gte: startedAt } }, { targetId: 1, action: 1 }).lean();
    const eventsAtKill = (await importEvents()).length;

    // Called the way start-up calls it, until the (shortened) lease has lapsed and no batch is left.
    const settled: ReconciledBatch[] = [];
    await waitFor('the batch to be settled', async () => {
      settled.push(...(await reconcileImportBatches({ staleAfterMs: LEASE_MS })));
      return (await ImportBatch.countDocuments()) === 0;
    });

    // What the import wrote: the new rows, and the earlier drafts now carrying its content.
    const written = await Dataset.find({ $or: [{ slug: /^crash-b-new-/ }, { slug: /^crash-b-old-/, 'title.en': 'Overwritten title' }] }, { _id: 1 }).lean();
    const writtenIds = written.map((d) => String(d._id));
    const events = await importEvents();
    const perDataset = new Map<string, number>();
    for (const e of events) perDataset.set(e.targetId!, (perDataset.get(e.targetId!) ?? 0) + 1);
    expect(writtenIds.filter((id) => perDataset.get(id) !== 1).length, 'written datasets without exactly one audit event').toBe(0);
    expect([...perDataset.keys()].filter((id) => !writtenIds.includes(id)), 'events of datasets not written').toEqual([]);
    expect(events.filter((e) => e.action === 'dataset.update').map((e) => e.targetId).sort()).toEqual(earlier.map((d) => String(d._id)).sort());
    // Not vacuous: the earlier drafts had been rewritten, and the killed process had not written every event.
    expect(overwritten).toBe(earlier.length);
    expect(eventsAtKill).toBeLessThan(writtenIds.length);

    expect(settled).toHaveLength(1);
    expect(settled[0]).toMatchObject({ partial: true, outcome: 'completed', written: writtenIds.length });
    const summary = await AuditEvent.find({ action: 'dataset.import', 'details.batch': settled[0].batchId }).lean();
    expect(summary).toHaveLength(1);
    expect(summary[0].details).toMatchObject({ total: ROWS, invalid: 2, partial: true, created: writtenIds.length - earlier.length, updated: earlier.length });
    // A second pass finds nothing left to do, and nothing more was written meanwhile.
    expect(await reconcileImportBatches({ staleAfterMs: 0 })).toEqual([]);
    expect(await Dataset.countDocuments({ slug: /^crash-b-new-/ })).toBe(writtenIds.length - earlier.length);
  }, 60_000);
});
