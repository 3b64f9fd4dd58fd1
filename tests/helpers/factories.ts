import { createHash, randomBytes } from 'node:crypto';
import type { Client } from './app';

let n = 0;

/** A complete, publishable dataset body (public, open, CC-BY); override any part. */
export function buildDataset(overrides: Record<string, unknown> = {}): Record<string, any> {
  const slug = `ds-${Date.now().toString(36)}-${(n++).toString(36)}-${randomBytes(2).toString('hex')}`;
  return {
    slug,
    title: { ko: '한국어 음성 인식 학습 데이터', en: 'Korean speech recognition training data' },
    summary: { ko: '자유 발화 음성과 전사 텍스트로 구성된 데이터셋입니다.', en: 'Spontaneous Korean speech with transcripts.' },
    description: {
      ko: '서울과 수도권 화자 500명이 녹음한 자유 발화 음성과 정답 전사 텍스트입니다.',
      en: 'Spontaneous speech recorded by 500 speakers in the Seoul metropolitan area, with reference transcripts.',
    },
    keywords: { ko: ['음성인식', '전사'], en: ['speech recognition', 'transcription'] },
    modalities: ['speech'],
    tasks: ['asr'],
    languages: ['ko'],
    techAreas: { kr: ['artificial_intelligence'], us: ['artificial_intelligence'] },
    domain: 'language',
    license: { id: 'CC-BY-4.0' },
    disclosure: {
      accessLevel: 'open',
      samplesAccess: 'open',
      allowedCountries: ['*'],
      allowedOrgTypes: ['*'],
      allowedPurposes: ['research', 'education', 'public_interest', 'commercial'],
      crossBorder: 'allowed',
      conditions: { dua: false, irb: false, attribution: true, noRedistribution: false },
      maxGrantDays: 365,
    },
    classification: {
      level: 'public',
      personalInfo: 'none',
      sensitiveCategories: [],
      exportControl: { controlled: false },
      nationalCoreTechnology: false,
    },
    ...overrides,
  };
}

/** Registers a sample artifact, uploads the bytes with the presigned URL and completes it. */
export async function uploadSample(client: Client, datasetId: string, body: Buffer = randomBytes(1024), opts: { kind?: string; contentType?: string; filename?: string } = {}) {
  const sha256 = createHash('sha256').update(body).digest('hex');
  const created = await client.post(`/api/v1/datasets/${datasetId}/artifacts`, {
    kind: opts.kind ?? 'sample',
    filename: opts.filename ?? 'sample.csv',
    contentType: opts.contentType ?? 'text/csv',
    bytes: body.length,
    sha256,
  });
  if (created.status !== 201) throw new Error(`artifact create failed: ${created.status} ${created.text}`);
  const put = await fetch(created.body.upload.url, { method: 'PUT', headers: created.body.upload.headers, body });
  if (!put.ok) throw new Error(`upload failed: ${put.status} ${await put.text()}`);
  const done = await client.post(`/api/v1/datasets/${datasetId}/artifacts/${created.body.artifact.id}/complete`);
  return { created, done, sha256 };
}

/** Creates a dataset as `provider`, uploads a sample, submits it and has `reviewer` approve it. */
export async function publishDataset(provider: Client, reviewer: Client, overrides: Record<string, unknown> = {}) {
  const created = await provider.post('/api/v1/datasets', buildDataset(overrides));
  if (created.status !== 201) throw new Error(`create failed: ${created.status} ${created.text}`);
  const id = created.body.id as string;
  const level = (created.body.disclosure?.accessLevel ?? 'open') as string;
  if (level !== 'closed') await uploadSample(provider, id);
  const submitted = await provider.post(`/api/v1/datasets/${id}/submit`);
  if (submitted.status !== 200) throw new Error(`submit failed: ${submitted.status} ${submitted.text}`);
  const approved = await reviewer.post(`/api/v1/datasets/${id}/review`, { action: 'approve', comment: 'ok' });
  if (approved.status !== 200) throw new Error(`approve failed: ${approved.status} ${approved.text}`);
  return approved.body;
}
