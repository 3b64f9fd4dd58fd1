import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Types } from 'mongoose';
import { AuditEvent } from '../../server/audit/model';
import { Dataset } from '../../server/datasets/model';
import { IMPORT_COLUMNS } from '../../server/import/columns';
import { ImportBatch, ImportPlan, ImportPrior } from '../../server/import/model';
import { csvLine } from '../../server/import/csv';
import { createOrg, createUser, startTestApp, type Client, type TestApp, type TestUser } from '../helpers/app';
import { buildDataset, publishDataset } from '../helpers/factories';

let app: TestApp;
let provider: TestUser;
let P: Client;
let R: Client;
beforeAll(async () => {
  app = await startTestApp({ MAX_IMPORT_BYTES: '2000000' });
  const org = await createOrg();
  provider = await createUser({ roles: ['provider'], org });
  P = app.as(provider);
  R = app.as(await createUser({ roles: ['reviewer'], org }));
});
afterAll(async () => {
  await app?.close();
});

const CSV = { 'content-type': 'text/csv' };
const NDJSON = { 'content-type': 'application/x-ndjson' };

/** One CSV row of a complete, publishable dataset; override cells by column name. */
function csvRow(slug: string, overrides: Record<string, string> = {}): string[] {
  const cells: Record<string, string> = {
    slug,
    'title.ko': `가져오기 데이터 ${slug}`,
    'title.en': `Imported dataset ${slug}`,
    'summary.ko': '대량 가져오기로 등록한 데이터셋입니다.',
    'summary.en': 'Registered by bulk import.',
    'keywords.en': 'speech recognition;corpus',
    'keywords.ko': '음성인식;말뭉치',
    modalities: 'speech;text',
    languages: 'ko-KR',
    'techAreas.kr': 'artificial_intelligence',
    'size.records': '1000',
    'license.id': 'CC-BY-4.0',
    'disclosure.accessLevel': 'open',
    'disclosure.samplesAccess': 'open',
    'disclosure.allowedCountries': '*',
    'disclosure.allowedOrgTypes': '*',
    'disclosure.allowedPurposes': 'research;education',
    'disclosure.crossBorder': 'allowed',
    'disclosure.conditions.dua': 'false',
    'disclosure.conditions.irb': 'false',
    'disclosure.conditions.attribution': 'true',
    'disclosure.conditions.noRedistribution': 'false',
    'disclosure.maxGrantDays': '365',
    'classification.level': 'public',
    'classification.personalInfo': 'none',
    'classification.exportControl.controlled': 'false',
    'classification.nationalCoreTechnology': 'false',
    ...overrides,
  };
  return IMPORT_COLUMNS.map((c) => cells[c.name] ?? '');
}

function csv(rows: string[][]): string {
  return [csvLine(IMPORT_COLUMNS.map((c) => c.name)), ...rows.map(csvLine)].join('\r\n') + '\r\n';
}

const BAD_ROWS = [17, 500, 999];

/** 1,000 rows; rows 17, 500 and 999 are bad (slug, registration rule, integer). */
function thousandRows(prefix: string): string {
  const rows: string[][] = [];
  for (let i = 1; i <= 1000; i++) {
    const slug = `${prefix}-${String(i).padStart(4, '0')}`;
    if (i === 17) rows.push(csvRow('Bad Slug!'));
    else if (i === 500) rows.push(csvRow(slug, { 'classification.level': 'sensitive' }));
    else if (i === 999) rows.push(csvRow(slug, { 'size.records': 'many' }));
    else rows.push(csvRow(slug));
  }
  return csv(rows);
}

describe('bulk import: idempotence on slug', () => {
  it('re-importing a slug updates the caller’s draft (rev+1, audited) instead of creating a copy', async () => {
    const row = buildDataset({ slug: 'reimport-draft' });
    const first = await P.post('/api/v1/import', JSON.stringify(row) + '\n', NDJSON);
    expect(first.body).toMatchObject({ created: 1, updated: 0 });
    const changed: Record<string, unknown> = { ...row, title: { ko: '바뀐 제목', en: 'Changed title' } };
    delete changed.summary;
    const second = await P.post('/api/v1/import', JSON.stringify(changed) + '\n', NDJSON);
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ created: 0, updated: 1, toUpdate: 1 });
    const doc = await Dataset.findOne({ slug: 'reimport-draft' }).lean();
    expect(doc).toMatchObject({ rev: 2, status: 'draft', title: { en: 'Changed title' } });
    // Fields the new row leaves out are removed, as with a full replacement.
    expect(doc!.summary).toBeUndefined();
    expect(await AuditEvent.countDocuments({ action: 'dataset.update', targetId: String(doc!._id), 'details.via': 'import' })).toBe(1);
  });

  it('never overwrites a published dataset, and refuses slugs of other organisations', async () => {
    const published = await publishDataset(P, R);
    const otherProvider = app.as(await createUser({ roles: ['provider'] }));
    const foreign = await otherProvider.post('/api/v1/datasets', { slug: 'someone-elses', title: { en: 'Theirs' } });
    expect(foreign.status).toBe(201);
    const lines = [
      { ...buildDataset({ slug: published.slug }), title: { ko: '덮어쓰기', en: 'Overwrite attempt' } },
      buildDataset({ slug: 'someone-elses' }),
      buildDataset({ slug: 'fresh-one' }),
    ];
    const res = await P.post('/api/v1/import', lines.map((l) => JSON.stringify(l)).join('\n'), NDJSON);
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { row: number; path: string; code: string }) => [e.row, e.path, e.code])).toEqual([
      [1, '/slug', 'published_dataset_not_overwritten'],
      [2, '/slug', 'slug_owned_by_other_organization'],
    ]);
    expect(await Dataset.exists({ slug: 'fresh-one' })).toBeNull();
    const after = await Dataset.findOne({ slug: published.slug }).lean();
    expect(after!.title.en).toBe(published.title.en);
    expect(after!.status).toBe('published');
  });

  it('reports a slug used twice in one file on the later row', async () => {
    const row = JSON.stringify(buildDataset({ slug: 'twice-in-file' }));
    const res = await P.post('/api/v1/import?dryRun=true', `${row}\n\n${row}\n`, NDJSON);
    expect(res.body.errors).toEqual([{ row: 2, line: 3, path: '/slug', code: 'duplicate_slug_in_file', message: expect.stringContaining('row 1') }]);
  });
});

describe('bulk import: input handling', () => {
  it('localises row messages (?lang=ko) and reports unreadable JSON lines and unknown procedures', async () => {
    const lines = ['{"slug": "broken', JSON.stringify({ ...buildDataset(), labeling: { procedure: 'no-such-procedure', procedureVersion: 1 } })];
    const res = await P.post('/api/v1/import?dryRun=true&lang=ko', lines.join('\n'), NDJSON);
    expect(res.status).toBe(200);
    expect(res.body.errors.map((e: { row: number; path: string; code: string }) => [e.row, e.path, e.code])).toEqual([
      [1, '', 'invalid_json_line'],
      [2, '/labeling/procedure', 'unknown_procedure'],
    ]);
    for (const e of res.body.errors) expect(e.message).toMatch(/[가-힣]/);
  });

  it('refuses unknown CSV columns as a whole with their positions', async () => {
    const body = 'slug,title.en,colour\nabc-def,Title,red\n';
    const res = await P.post('/api/v1/import?dryRun=true', body, CSV);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('import_unknown_columns');
    expect(res.body.errors).toEqual([{ path: '/columns/2', code: 'unknown_column', message: expect.stringContaining('colour') }]);
  });

  it('refuses malformed CSV quoting as a whole, naming the line and column in the request language, and writes nothing', async () => {
    const good = csvLine(csvRow('quote-ok-first'));
    // Text after a closing quote, on the row starting on line 4 (a blank line before it), cell 1.
    const afterClose = [csvLine(IMPORT_COLUMNS.map((c) => c.name)), good, '', `"quote-bad"x,${csvLine(csvRow('x').slice(1))}`].join('\r\n');
    const ko = await P.post('/api/v1/import?lang=ko', afterClose, CSV);
    expect(ko.status).toBe(400);
    expect(ko.body).toMatchObject({ code: 'csv_malformed_quote', line: 4, column: 1 });
    expect(ko.body.detail).toMatch(/4번째 줄.*1번째 열/);
    // A quote inside an unquoted cell, on line 3, cell 2.
    const inside = [csvLine(IMPORT_COLUMNS.map((c) => c.name)), good, csvLine(csvRow('quote-bad-two', { 'title.ko': 'x' })).replace(',x,', ',x"y,')].join('\n');
    const en = await P.post('/api/v1/import?lang=en', inside, CSV);
    expect(en.status).toBe(400);
    expect(en.body).toMatchObject({ code: 'csv_malformed_quote', line: 3, column: 2 });
    expect(en.body.detail).toMatch(/line 3, column 2/);
    // A quote never closed keeps its answer.
    const open = await P.post('/api/v1/import', [csvLine(IMPORT_COLUMNS.map((c) => c.name)), good, '"quote-bad-three,x'].join('\n'), CSV);
    expect(open.status).toBe(400);
    expect(open.body.code).toBe('invalid_csv');
    expect(open.body.detail).toMatch(/line 3/);
    expect(await Dataset.exists({ slug: { $in: ['quote-ok-first', 'quote-bad', 'quote-bad-two'] } })).toBeNull();
  });

  it('answers 415 for other content types, 413 beyond MAX_IMPORT_BYTES, 400 for a bad flag', async () => {
    expect((await P.post('/api/v1/import', [buildDataset()])).status).toBe(415);
    expect((await P.post('/api/v1/import', 'slug\nabc', { 'content-type': 'text/plain' })).status).toBe(415);
    const big = await P.post('/api/v1/import', 'slug\n' + 'a'.repeat(2_100_000), CSV);
    expect(big.status).toBe(413);
    expect(big.body.code).toBe('payload_too_large');
    const flag = await P.post('/api/v1/import?dryRun=maybe', 'slug\nabc-def', CSV);
    expect(flag.status).toBe(400);
    expect(flag.body.errors[0].path).toBe('/query/dryRun');
  });

  it('answers an empty body of an importable type with 400 import_empty, and one without a type with 415', async () => {
    for (const type of ['text/csv', 'application/x-ndjson']) {
      const res = await P.post('/api/v1/import', '', { 'content-type': type });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('import_empty');
    }
    expect((await P.post('/api/v1/import')).status).toBe(415);
  });

  it('is for providers and admins only', async () => {
    expect((await app.anon.post('/api/v1/import', 'slug\nabc-def', CSV)).status).toBe(401);
    const researcher = app.as(await createUser({ roles: ['researcher'] }));
    expect((await researcher.post('/api/v1/import', 'slug\nabc-def', CSV)).status).toBe(403);
  });

  it('serves a template per language whose example row imports cleanly', async () => {
    for (const lang of ['ko', 'en'] as const) {
      const res = await app.anon.get(`/api/v1/import/template.csv?lang=${lang}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
      expect(res.headers.get('content-disposition')).toContain(`dataset-import-template-${lang}.csv`);
      const lines = res.text.replace(/^\ufeff/, '').trim().split('\r\n');
      expect(lines[0].split(',')).toEqual(IMPORT_COLUMNS.map((c) => c.name));
      // The notes row is a comment (first cell starts with #), quoted when a note holds a comma.
      expect(lines[1]).toMatch(/^"?# /);
      if (lang === 'ko') expect(lines[1]).toMatch(/식별자/);
      const dry = await P.post('/api/v1/import?dryRun=true', res.text, CSV);
      expect(dry.status).toBe(200);
      expect(dry.body).toMatchObject({ total: 1, valid: 1, invalid: 0, toCreate: 1 });
    }
  });
});

describe('bulk import: the crash-safety batch after a normal run', () => {
  it('a committed import leaves no batch record, shows no batch tag, and audits exactly one event per written row', async () => {
    const existing = buildDataset({ slug: 'trace-existing' });
    expect((await P.post('/api/v1/import', JSON.stringify(existing) + '\n', NDJSON)).status).toBe(200);
    const rows = [{ ...existing, title: { ko: '새 제목', en: 'New title' } }, ...Array.from({ length: 24 }, (_, i) => buildDataset({ slug: `trace-new-${i + 1}` }))];
    const res = await P.post('/api/v1/import', rows.map((r) => JSON.stringify(r)).join('\n'), NDJSON);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: 25, created: 24, updated: 1 });

    // The stored drafts keep the batch tag (inert once the batch is gone); no response carries it.
    const stored = await Dataset.find({ slug: /^trace-/ }, { importBatchId: 1 }).lean();
    const batchIds = new Set(stored.map((d) => String(d.importBatchId)));
    expect(batchIds.size).toBe(1);
    const [batch] = batchIds;
    expect(batch).toMatch(/^[0-9a-f]{24}$/);
    const one = await P.get('/api/v1/datasets/trace-new-1');
    const listed = await P.get('/api/v1/datasets?workspace=true&pageSize=100');
    expect(listed.body.items.length).toBeGreaterThanOrEqual(25);
    for (const text of [one.text, listed.text]) {
      expect(text).not.toContain('importBatch');
      expect(text).not.toContain(batch);
    }
    expect(await ImportBatch.countDocuments()).toBe(0);
    expect(await ImportPrior.countDocuments()).toBe(0);
    expect(await ImportPlan.countDocuments()).toBe(0);

    expect(await AuditEvent.countDocuments({ action: 'dataset.create', 'details.batch': batch })).toBe(24);
    expect(await AuditEvent.countDocuments({ action: 'dataset.update', 'details.batch': batch })).toBe(1);
    expect(await AuditEvent.countDocuments({ 'details.batch': batch })).toBe(26);
    expect(await AuditEvent.countDocuments({ action: 'dataset.import', 'details.batch': batch, 'details.created': 24, 'details.updated': 1 })).toBe(1);
  });
});

// Last: the other tests stay fast while the collection is small (scans of the embedded FerretDB,
// started with --telemetry=disable by the test setup, grow with it).
describe('bulk import: 1,000 CSV rows with 3 bad ones', () => {
  const body = thousandRows('bulk');
  const count = () => Dataset.countDocuments({ providerId: provider.organizationId, slug: /^bulk-/ });

  it('dry run reports exactly the bad rows with field paths and writes nothing', async () => {
    const t0 = Date.now();
    const res = await P.post('/api/v1/import?dryRun=true', body, CSV);
    const ms = Date.now() - t0;
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: 1000, valid: 997, invalid: 3, created: 0, updated: 0, toCreate: 997, toUpdate: 0, dryRun: true });
    expect([...new Set(res.body.errors.map((e: { row: number }) => e.row))]).toEqual(BAD_ROWS);
    const byRow = (row: number) => res.body.errors.filter((e: { row: number }) => e.row === row);
    expect(byRow(17).map((e: { path: string; code: string }) => [e.path, e.code])).toEqual([['/slug', 'invalid_slug']]);
    expect(byRow(500).map((e: { path: string }) => e.path).sort()).toEqual(['/disclosure/accessLevel', '/disclosure/samplesAccess']);
    expect(byRow(999).map((e: { path: string; code: string }) => [e.path, e.code])).toEqual([['/size/records', 'type']]);
    // Rows are counted from the first data row; line is the line in the file (header is line 1).
    expect(byRow(17)[0].line).toBe(18);
    for (const e of res.body.errors) expect(e.message.length).toBeGreaterThan(5);
    expect(await count()).toBe(0);
    expect(ms).toBeLessThan(15_000);
  });

  it('a real run without partial is rejected as a whole (422 with the same report) and writes nothing', async () => {
    const res = await P.post('/api/v1/import', body, CSV);
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ code: 'import_rejected', total: 1000, invalid: 3, created: 0, rejected: true });
    expect([...new Set(res.body.errors.map((e: { row: number }) => e.row))]).toEqual(BAD_ROWS);
    expect(await count()).toBe(0);
  });

  it('with partial=true writes the 997 valid rows as drafts, reports the 3 others and audits each creation', async () => {
    const t0 = Date.now();
    const res = await P.post('/api/v1/import?partial=true', body, CSV);
    const ms = Date.now() - t0;
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: 1000, valid: 997, invalid: 3, created: 997, updated: 0 });
    expect([...new Set(res.body.errors.map((e: { row: number }) => e.row))]).toEqual(BAD_ROWS);
    expect(await count()).toBe(997);
    const one = await Dataset.findOne({ slug: 'bulk-0001' }).lean();
    expect(one).toMatchObject({ status: 'draft', version: 0, rev: 1, modalities: ['speech', 'text'], keywords: { en: ['speech recognition', 'corpus'], ko: ['음성인식', '말뭉치'] } });
    expect(one!.disclosure.conditions).toEqual({ dua: false, irb: false, attribution: true, noRedistribution: false });
    expect(await AuditEvent.countDocuments({ action: 'dataset.create', 'details.via': 'import', 'details.slug': /^bulk-/ })).toBe(997);
    expect(await AuditEvent.countDocuments({ action: 'dataset.import', actorId: provider.id, 'details.created': 997 })).toBe(1);
    // The imported drafts are the provider's, visible in their workspace and not in the catalogue.
    expect((await P.get('/api/v1/datasets/bulk-0002')).body.status).toBe('draft');
    expect((await app.anon.get('/api/v1/datasets/bulk-0002')).status).toBe(404);
    expect(ms).toBeLessThan(30_000);
  });
});

describe('drafts of an unsettled import', () => {
  it('cannot be edited, submitted or deleted until the import is settled', async () => {
    const created = await P.post('/api/v1/datasets', buildDataset());
    const batch = await ImportBatch.create({
      organizationId: provider.organizationId,
      actor: { id: provider.id, ip: null },
      partial: false,
      total: 1,
      invalid: 0,
      state: 'writing',
      owner: 'another-process',
      heartbeatAt: new Date(),
      startedAt: new Date(),
      summaryAuditId: new Types.ObjectId(),
      rollbackAuditId: new Types.ObjectId(),
    });
    await Dataset.updateOne({ _id: created.body.id }, { $set: { importBatchId: batch._id } });
    for (const res of [
      await P.patch(`/api/v1/datasets/${created.body.id}`, { summary: { en: 'Edited while importing.' } }),
      await P.post(`/api/v1/datasets/${created.body.id}/submit`),
      await P.delete(`/api/v1/datasets/${created.body.id}`),
      await P.post(`/api/v1/datasets/${created.body.id}/artifacts`, { kind: 'sample', filename: 'a.csv', contentType: 'text/csv', bytes: 1, sha256: 'a'.repeat(64) }),
    ]) {
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('import_in_progress');
    }
    await ImportBatch.deleteOne({ _id: batch._id });
    expect((await P.patch(`/api/v1/datasets/${created.body.id}`, { summary: { en: 'Edited after the import.' } })).status).toBe(200);
  });
});
