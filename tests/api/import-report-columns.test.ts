// Import reports name the CSV column a person typed into and list the allowed values of a choice
// (issue 13 item 9), in the request's language; JSON lines keep JSON paths only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Dataset } from '../../server/datasets/model';
import { csvLine } from '../../server/import/csv';
import { LICENSES } from '../../schemas/taxonomy';
import { createOrg, createUser, startTestApp, type Client, type TestApp } from '../helpers/app';

let app: TestApp;
let P: Client;
beforeAll(async () => {
  app = await startTestApp();
  const org = await createOrg();
  P = app.as(await createUser({ roles: ['provider'], org }));
});
afterAll(async () => {
  await app?.close();
});

const HEADER = ['slug', 'title.ko', 'title.en', 'license.id', 'modalities', 'disclosure.allowedCountries', 'size.records', 'labeling.procedure'];
const csv = (...rows: string[][]) => [HEADER, ...rows].map(csvLine).join('\r\n') + '\r\n';

type ReportError = { row: number; path: string; column?: string; columns?: string[]; code: string; message: string; allowedValues?: string[] };

describe('import report: CSV columns and allowed values', () => {
  it('names the column of each error and lists the allowed values of an enum', async () => {
    const body = csv(
      ['column-demo-one', '열 이름 확인', 'Column names', 'CC-BY-9', 'speech;smells', 'KR;usa', 'many', ''],
      ['column-demo-two', '', '', 'CC0-1.0', '', '', '', 'no-such-procedure'],
    );
    const res = await P.post('/api/v1/import?dryRun=true&lang=ko', body, { 'content-type': 'text/csv' });
    // A dry run answers 200 with the report (what a real run would refuse).
    expect(res.status).toBe(200);
    expect(res.body.invalid).toBe(2);
    const errors = res.body.errors as ReportError[];
    const at = (row: number, path: string) => errors.find((e) => e.row === row && e.path === path);

    const license = at(1, '/license/id');
    expect(license, JSON.stringify(errors)).toBeDefined();
    expect(license!.column).toBe('license.id');
    expect(license!.code).toBe('enum');
    expect(license!.allowedValues).toEqual(expect.arrayContaining(['CC-BY-4.0', 'KOGL-1', 'custom']));
    expect(license!.allowedValues).toHaveLength(LICENSES.length);
    expect(license!.message).toMatch(/[가-힣]/);

    const modality = at(1, '/modalities/1');
    expect(modality?.column).toBe('modalities');
    expect(modality?.allowedValues).toEqual(expect.arrayContaining(['speech', 'text', 'image']));

    expect(at(1, '/disclosure/allowedCountries/1')?.column).toBe('disclosure.allowedCountries');
    const records = at(1, '/size/records');
    expect(records?.column).toBe('size.records');
    expect(records?.allowedValues).toBeUndefined();

    // A title in neither language: both columns are named; the procedure is looked up by its column name.
    const title = errors.find((e) => e.row === 2 && e.path === '/title');
    expect(title?.columns).toEqual(['title.ko', 'title.en']);
    expect(title?.column).toBeUndefined();
    expect(at(2, '/labeling/procedure')?.column).toBe('labeling.procedure');

    // A real run is refused with the same columns, and writes nothing.
    const real = await P.post('/api/v1/import?lang=en', body, { 'content-type': 'text/csv' });
    expect(real.status).toBe(422);
    expect(real.body.code).toBe('import_rejected');
    expect((real.body.errors as ReportError[]).find((e) => e.path === '/license/id')).toMatchObject({ column: 'license.id', allowedValues: license!.allowedValues });
    expect(await Dataset.countDocuments({ slug: { $in: ['column-demo-one', 'column-demo-two'] } })).toBe(0);
  });

  it('keeps JSON paths only for JSON lines, which have no columns', async () => {
    const line = JSON.stringify({ slug: 'column-demo-json', title: { en: 'JSON line' }, license: { id: 'CC-BY-9' } });
    const res = await P.post('/api/v1/import?dryRun=true', line + '\n', { 'content-type': 'application/x-ndjson' });
    expect(res.status).toBe(200);
    const e = (res.body.errors as ReportError[]).find((x) => x.path === '/license/id');
    expect(e?.column).toBeUndefined();
    expect(e?.allowedValues).toEqual(expect.arrayContaining(['CC-BY-4.0']));
  });
});
