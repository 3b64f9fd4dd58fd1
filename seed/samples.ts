/**
 * Deterministic generators of small demo artifacts per dataset (pure functions, no I/O).
 *
 * `samplesFor(dataset)` returns, for every dataset:
 *  - `sample` files matching its modality (JSONL/CSV annotation excerpts with Korean text, a real
 *    PNG image, a real PCM WAV clip, GeoJSON …) — none for `closed` datasets;
 *  - a bilingual markdown `datacard`;
 *  - a `guideline` (markdown) when the dataset references a labeling procedure;
 *  - a `schema` (JSON Schema of the main annotation record).
 * Every body is ≤ 64 KiB. Only node: built-ins are used; output is byte-identical across runs.
 */
import { deflateSync } from 'node:zlib';
import { organizations } from './data/organizations';
import { findProcedureVersion } from './data/procedures';
import type { SeedDataset, SeedProcedureVersion } from './data/types';

export type SampleKind = 'sample' | 'guideline' | 'datacard' | 'schema';

export interface SampleFile {
  kind: SampleKind;
  filename: string;
  contentType: string;
  body: Buffer;
}

export const MAX_SAMPLE_BYTES = 64 * 1024;

/** Every content type `samplesFor` can produce (for artifact allow-lists). */
export const SAMPLE_CONTENT_TYPES = [
  'image/png',
  'audio/wav',
  'text/csv',
  'application/json',
  'application/x-ndjson',
  'text/plain',
  'text/markdown',
] as const;

// =============================================================================================
// Binary encoders
// =============================================================================================

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (IEEE 802.3), as used by PNG chunks. */
export function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length, 0);
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData), 0);
  return Buffer.concat([len, typeAndData, crc]);
}

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Encode 8-bit RGB pixels (row-major, 3 bytes per pixel) as a PNG file. */
export function encodePng(width: number, height: number, rgb: Uint8Array): Buffer {
  if (rgb.length !== width * height * 3) throw new Error('encodePng: pixel buffer size mismatch');
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type: truecolour
  ihdr[10] = 0; // compression
  ihdr[11] = 0; // filter
  ihdr[12] = 0; // interlace
  const stride = width * 3;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0; // filter type: none
    raw.set(rgb.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  }
  return Buffer.concat([
    PNG_SIGNATURE,
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(raw, { level: 9 })),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Encode 16-bit PCM mono samples as a RIFF/WAVE file. */
export function encodeWav(samples: Int16Array, sampleRate: number): Buffer {
  const dataBytes = samples.length * 2;
  const buf = Buffer.alloc(44 + dataBytes);
  buf.write('RIFF', 0, 'ascii');
  buf.writeUInt32LE(36 + dataBytes, 4);
  buf.write('WAVE', 8, 'ascii');
  buf.write('fmt ', 12, 'ascii');
  buf.writeUInt32LE(16, 16); // fmt chunk size
  buf.writeUInt16LE(1, 20); // PCM
  buf.writeUInt16LE(1, 22); // mono
  buf.writeUInt32LE(sampleRate, 24);
  buf.writeUInt32LE(sampleRate * 2, 28); // byte rate
  buf.writeUInt16LE(2, 32); // block align
  buf.writeUInt16LE(16, 34); // bits per sample
  buf.write('data', 36, 'ascii');
  buf.writeUInt32LE(dataBytes, 40);
  for (let i = 0; i < samples.length; i++) buf.writeInt16LE(samples[i], 44 + i * 2);
  return buf;
}

// =============================================================================================
// Deterministic randomness
// =============================================================================================

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32 PRNG: deterministic floats in [0, 1). */
function rng(seed: string): () => number {
  let a = fnv1a(seed);
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const round = (x: number, digits: number): number => Number(x.toFixed(digits));

// =============================================================================================
// A tiny raster canvas for synthetic images
// =============================================================================================

type RGB = [number, number, number];

class Canvas {
  readonly px: Uint8Array;
  constructor(
    readonly width: number,
    readonly height: number,
    fill: RGB = [0, 0, 0],
  ) {
    this.px = new Uint8Array(width * height * 3);
    this.rect(0, 0, width, height, fill);
  }
  set(x: number, y: number, c: RGB): void {
    if (x < 0 || y < 0 || x >= this.width || y >= this.height) return;
    const i = (Math.floor(y) * this.width + Math.floor(x)) * 3;
    this.px[i] = c[0];
    this.px[i + 1] = c[1];
    this.px[i + 2] = c[2];
  }
  rect(x: number, y: number, w: number, h: number, c: RGB): void {
    for (let j = y; j < y + h; j++) for (let i = x; i < x + w; i++) this.set(i, j, c);
  }
  outline(x: number, y: number, w: number, h: number, c: RGB): void {
    for (let i = x; i < x + w; i++) {
      this.set(i, y, c);
      this.set(i, y + h - 1, c);
    }
    for (let j = y; j < y + h; j++) {
      this.set(x, j, c);
      this.set(x + w - 1, j, c);
    }
  }
  line(x0: number, y0: number, x1: number, y1: number, c: RGB): void {
    const steps = Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0), 1);
    for (let i = 0; i <= steps; i++) this.set(Math.round(x0 + ((x1 - x0) * i) / steps), Math.round(y0 + ((y1 - y0) * i) / steps), c);
  }
  ellipse(cx: number, cy: number, rx: number, ry: number, c: RGB): void {
    for (let y = Math.floor(cy - ry); y <= cy + ry; y++)
      for (let x = Math.floor(cx - rx); x <= cx + rx; x++) {
        const dx = (x - cx) / rx;
        const dy = (y - cy) / ry;
        if (dx * dx + dy * dy <= 1) this.set(x, y, c);
      }
  }
  vgradient(top: RGB, bottom: RGB, y0 = 0, y1 = this.height): void {
    for (let y = y0; y < y1; y++) {
      const t = (y - y0) / Math.max(1, y1 - y0 - 1);
      const c: RGB = [0, 1, 2].map((k) => Math.round(top[k] + (bottom[k] - top[k]) * t)) as RGB;
      this.rect(0, y, this.width, 1, c);
    }
  }
  noise(rand: () => number, amount: number): void {
    for (let i = 0; i < this.px.length; i++) {
      const v = this.px[i] + Math.round((rand() - 0.5) * amount);
      this.px[i] = v < 0 ? 0 : v > 255 ? 255 : v;
    }
  }
  png(): Buffer {
    return encodePng(this.width, this.height, this.px);
  }
}

const darker = (c: RGB): RGB => [Math.round(c[0] * 0.6), Math.round(c[1] * 0.6), Math.round(c[2] * 0.6)];

// =============================================================================================
// File helpers
// =============================================================================================

const jsonFile = (kind: SampleKind, filename: string, value: unknown, contentType = 'application/json'): SampleFile => ({
  kind,
  filename,
  contentType,
  body: Buffer.from(JSON.stringify(value, null, 2) + '\n', 'utf8'),
});

const jsonlFile = (filename: string, records: unknown[]): SampleFile => ({
  kind: 'sample',
  filename,
  contentType: 'application/x-ndjson',
  body: Buffer.from(records.map((r) => JSON.stringify(r)).join('\n') + '\n', 'utf8'),
});

function csvCell(v: unknown): string {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const csvFile = (filename: string, header: string[], rows: unknown[][]): SampleFile => ({
  kind: 'sample',
  filename,
  contentType: 'text/csv',
  body: Buffer.from([header, ...rows].map((r) => r.map(csvCell).join(',')).join('\n') + '\n', 'utf8'),
});

const pngFile = (filename: string, canvas: Canvas): SampleFile => ({
  kind: 'sample',
  filename,
  contentType: 'image/png',
  body: canvas.png(),
});

/** A speech-like clip: voiced harmonics with a syllable-rate envelope, 16 kHz, 16-bit mono. */
function speechWav(seed: string, seconds = 0.25, f0 = 160): Buffer {
  const rate = 16000;
  const n = Math.round(rate * seconds);
  const rand = rng(seed);
  const out = new Int16Array(n);
  for (let i = 0; i < n; i++) {
    const t = i / rate;
    const pitch = f0 * (1 + 0.08 * Math.sin(2 * Math.PI * 3 * t));
    const voiced =
      Math.sin(2 * Math.PI * pitch * t) + 0.5 * Math.sin(2 * Math.PI * 2 * pitch * t) + 0.25 * Math.sin(2 * Math.PI * 3 * pitch * t);
    const envelope = 0.5 - 0.5 * Math.cos(2 * Math.PI * 4 * t); // ~4 syllables per second
    const fade = Math.min(1, i / 160, (n - 1 - i) / 160);
    const v = (voiced * envelope * 0.35 + (rand() - 0.5) * 0.02) * fade;
    out[i] = Math.max(-32768, Math.min(32767, Math.round(v * 32767)));
  }
  return encodeWav(out, rate);
}

const wavFile = (filename: string, body: Buffer): SampleFile => ({
  kind: 'sample',
  filename,
  contentType: 'audio/wav',
  body,
});

// =============================================================================================
// Synthetic images
// =============================================================================================

interface Box {
  category: string;
  bbox: [number, number, number, number];
  attributes?: Record<string, string | number | boolean>;
}

const CLASS_COLOURS: Record<string, RGB> = {
  vehicle: [200, 40, 40],
  pedestrian: [40, 160, 60],
  traffic_light: [240, 200, 30],
  two_wheeler: [40, 90, 220],
  traffic_sign: [230, 120, 20],
  flame: [250, 120, 10],
  smoke: [150, 150, 160],
  lesion: [120, 60, 20],
  fishing_boat: [220, 220, 220],
  cargo_ship: [250, 250, 250],
  buoy: [255, 255, 180],
  building: [170, 110, 90],
  solar_panel: [30, 50, 120],
  construction_site: [210, 170, 90],
  scratch: [30, 30, 30],
  solder_bridge: [200, 200, 210],
  short_shot: [90, 90, 90],
  text_line: [60, 60, 60],
  amount: [20, 20, 120],
  date: [20, 90, 20],
  seal: [210, 30, 30],
  signature: [30, 30, 140],
  address: [60, 60, 60],
  tracking_number: [20, 20, 20],
  barcode: [0, 0, 0],
  person: [230, 180, 150],
  object: [180, 140, 80],
  dish: [190, 90, 40],
};

function sceneImage(seed: string, boxes: Box[], style: 'road' | 'sea' | 'indoor' | 'field' | 'aerial' | 'plain'): Canvas {
  const rand = rng(seed);
  const c = new Canvas(64, 64);
  switch (style) {
    case 'road':
      c.vgradient([150, 190, 230], [200, 215, 235], 0, 26);
      c.vgradient([95, 95, 100], [70, 70, 75], 26, 64);
      for (let x = 2; x < 64; x += 10) c.rect(x, 46, 5, 1, [235, 235, 235]);
      break;
    case 'sea':
      c.vgradient([40, 40, 50], [70, 70, 80], 0, 20);
      c.vgradient([20, 25, 35], [35, 40, 50], 20, 64);
      break;
    case 'indoor':
      c.vgradient([230, 220, 200], [200, 185, 160]);
      c.rect(0, 44, 64, 20, [150, 110, 70]);
      break;
    case 'field':
      c.vgradient([110, 160, 80], [60, 110, 40]);
      break;
    case 'aerial':
      c.rect(0, 0, 64, 64, [120, 130, 110]);
      c.rect(0, 28, 64, 8, [90, 90, 95]);
      c.rect(28, 0, 8, 64, [90, 90, 95]);
      break;
    case 'plain':
      c.rect(0, 0, 64, 64, [215, 215, 215]);
      break;
  }
  for (const b of boxes) {
    const col = CLASS_COLOURS[b.category] ?? [200, 200, 200];
    const [x, y, w, h] = b.bbox;
    c.rect(x, y, w, h, col);
    c.outline(x, y, w, h, darker(col));
  }
  c.noise(rand, 10);
  return c;
}

function coco(imageFile: string, boxes: Box[], extra: Record<string, unknown> = {}) {
  const categories = [...new Set(boxes.map((b) => b.category))];
  return {
    image: { file_name: imageFile, width: 64, height: 64, note: 'Synthetic 64×64 preview; real images are full resolution.' },
    ...extra,
    categories: categories.map((name, i) => ({ id: i + 1, name })),
    annotations: boxes.map((b, i) => ({
      id: i + 1,
      category_id: categories.indexOf(b.category) + 1,
      category: b.category,
      bbox: b.bbox,
      area: b.bbox[2] * b.bbox[3],
      ...(b.attributes ? { attributes: b.attributes } : {}),
    })),
  };
}

function detectionSamples(
  slug: string,
  boxes: Box[],
  style: Parameters<typeof sceneImage>[2],
  extra: Record<string, unknown> = {},
): SampleFile[] {
  const img = `${slug}-000001.png`;
  return [pngFile(img, sceneImage(slug, boxes, style)), jsonFile('sample', `${slug}-000001.json`, coco(img, boxes, extra))];
}

/** A white form page with grey text lines and coloured field boxes. */
function documentImage(seed: string, boxes: Box[]): Canvas {
  const c = new Canvas(64, 64, [248, 246, 240]);
  for (let y = 6; y < 60; y += 6) c.rect(6, y, 40 + (y % 12), 1, [190, 190, 190]);
  for (const b of boxes) {
    const [x, y, w, h] = b.bbox;
    const col = CLASS_COLOURS[b.category] ?? [60, 60, 60];
    if (b.category === 'seal') c.ellipse(x + w / 2, y + h / 2, w / 2, h / 2, col);
    else for (let i = x; i < x + w; i += 2) c.rect(i, y + 1, 1, Math.max(1, h - 2), col);
  }
  c.noise(rng(seed), 6);
  return c;
}

/** Greyscale cross-section phantom (CT-like chest or MRI-like head) plus a lesion mask. */
function medicalPhantom(
  seed: string,
  kind: 'chest' | 'head',
  lesion: { cx: number; cy: number; r: number },
): { image: Canvas; mask: Canvas } {
  const image = new Canvas(64, 64, [0, 0, 0]);
  if (kind === 'chest') {
    image.ellipse(32, 33, 29, 22, [150, 150, 150]);
    image.ellipse(20, 32, 10, 15, [30, 30, 30]);
    image.ellipse(44, 32, 10, 15, [30, 30, 30]);
    image.ellipse(32, 40, 5, 5, [190, 190, 190]);
    image.ellipse(lesion.cx, lesion.cy, lesion.r, lesion.r, [170, 170, 170]);
  } else {
    image.ellipse(32, 32, 26, 30, [220, 220, 220]);
    image.ellipse(32, 32, 23, 27, [110, 110, 110]);
    image.ellipse(32, 32, 5, 9, [40, 40, 40]);
    image.ellipse(lesion.cx, lesion.cy, lesion.r, lesion.r * 1.3, [215, 215, 215]);
  }
  image.noise(rng(seed), 14);
  const mask = new Canvas(64, 64, [0, 0, 0]);
  mask.ellipse(lesion.cx, lesion.cy, lesion.r, kind === 'head' ? lesion.r * 1.3 : lesion.r, [255, 255, 255]);
  return { image, mask };
}

// =============================================================================================
// Per-dataset sample content
// =============================================================================================

function offsets(text: string, spans: Array<{ text: string; type: string }>) {
  return spans.map((s) => {
    const start = text.indexOf(s.text);
    if (start < 0) throw new Error(`span not found: ${s.text}`);
    return { text: s.text, type: s.type, start, end: start + s.text.length };
  });
}

function sensorRows(seed: string, n: number, make: (i: number, r: () => number) => unknown[]): unknown[][] {
  const r = rng(seed);
  return Array.from({ length: n }, (_, i) => make(i, r));
}

function isoMinute(base: string, minutes: number): string {
  return new Date(Date.parse(base) + minutes * 60_000).toISOString().replace('.000Z', 'Z');
}

/** Korea Standard Time timestamp (`…+09:00`) `minutes` after the local wall-clock time `base`. */
function kstMinute(base: string, minutes: number): string {
  return new Date(Date.parse(`${base}Z`) + minutes * 60_000).toISOString().replace('.000Z', '+09:00');
}

type Generator = (d: SeedDataset) => SampleFile[];

const GENERATORS: Record<string, Generator> = {
  'korean-spontaneous-speech-2023': (d) => [
    wavFile('KSS23-S0412-000183.wav', speechWav(d.slug, 0.25, 190)),
    jsonlFile('transcripts.jsonl', [
      {
        id: 'KSS23-S0412-000183',
        audio: 'KSS23-S0412-000183.wav',
        duration_sec: 3.42,
        speaker: { id: 'S0412', gender: 'female', age_group: '30s' },
        topic: '여행',
        recording_env: 'quiet_room',
        text: '어/ 작년에 제주도 갔을 때 (3박)/(삼 박) 했는데 진짜 좋았어요.',
        orthographic: '어 작년에 제주도 갔을 때 3박 했는데 진짜 좋았어요.',
        phonetic: '어 작년에 제주도 갔을 때 삼 박 했는데 진짜 좋았어요.',
      },
      {
        id: 'KSS23-S0977-000041',
        audio: 'KSS23-S0977-000041.wav',
        duration_sec: 4.1,
        speaker: { id: 'S0977', gender: 'male', age_group: '50s' },
        topic: '직장',
        recording_env: 'office',
        text: '그/ 회의가 (10시)/(열 시)에 잡혀 있어서 b/ 일찍 나왔죠.',
        orthographic: '그 회의가 10시에 잡혀 있어서 일찍 나왔죠.',
        phonetic: '그 회의가 열 시에 잡혀 있어서 일찍 나왔죠.',
      },
      {
        id: 'KSS23-S1288-000007',
        audio: 'KSS23-S1288-000007.wav',
        duration_sec: 2.67,
        speaker: { id: 'S1288', gender: 'female', age_group: '20s' },
        topic: '취미',
        recording_env: 'quiet_room',
        text: '요즘은 주말마다 l/ (PT)/(피티) 받으러 가요.',
        orthographic: '요즘은 주말마다 PT 받으러 가요.',
        phonetic: '요즘은 주말마다 피티 받으러 가요.',
      },
    ]),
  ],
  'meeting-speech-multi-speaker': (d) => [
    wavFile('MTG-2022-0318-ch0.wav', speechWav(d.slug, 0.25, 140)),
    jsonlFile('segments.jsonl', [
      {
        meeting_id: 'MTG-2022-0318',
        speaker: 'SPK_A7',
        start: 12.4,
        end: 16.9,
        text: '그럼 다음 안건으로 넘어가겠습니다. 예산 집행 현황부터 보시죠.',
        overlap: false,
      },
      {
        meeting_id: 'MTG-2022-0318',
        speaker: 'SPK_C2',
        start: 17.1,
        end: 22.3,
        text: '네, 상반기 집행률은 사십팔 퍼센트이고요, 하반기에 몰려 있습니다.',
        overlap: false,
      },
      { meeting_id: 'MTG-2022-0318', speaker: 'SPK_B5', start: 21.8, end: 23.0, text: '잠깐만요,', overlap: true },
      {
        meeting_id: 'MTG-2022-0318',
        speaker: 'SPK_B5',
        start: 23.0,
        end: 27.6,
        text: '그 수치는 이월액 포함인가요, 제외인가요?',
        overlap: false,
      },
    ]),
    {
      kind: 'sample',
      filename: 'MTG-2022-0318.rttm',
      contentType: 'text/plain',
      body: Buffer.from(
        [
          'SPEAKER MTG-2022-0318 1 12.40 4.50 <NA> <NA> SPK_A7 <NA> <NA>',
          'SPEAKER MTG-2022-0318 1 17.10 5.20 <NA> <NA> SPK_C2 <NA> <NA>',
          'SPEAKER MTG-2022-0318 1 21.80 5.80 <NA> <NA> SPK_B5 <NA> <NA>',
        ].join('\n') + '\n',
      ),
    },
  ],
  'elderly-speech-commands': (d) => [
    wavFile('ELD-S0211-0034.wav', speechWav(d.slug, 0.25, 130)),
    jsonlFile('commands.jsonl', [
      {
        id: 'ELD-S0211-0034',
        speaker: { id: 'S0211', gender: 'male', age_group: '70plus' },
        device: 'ai_speaker',
        intent: 'tv_off',
        text: '텔레비전 좀 꺼 줘.',
      },
      {
        id: 'ELD-S0388-0102',
        speaker: { id: 'S0388', gender: 'female', age_group: '70plus' },
        device: 'hospital_kiosk',
        intent: 'check_appointment',
        text: '오늘 내과 예약이 몇 시였더라?',
      },
      {
        id: 'ELD-S0520-0017',
        speaker: { id: 'S0520', gender: 'female', age_group: '60s' },
        device: 'ai_speaker',
        intent: 'call_contact',
        text: '우리 손주한테 전화 좀 걸어 줄래?',
      },
    ]),
  ],
  'dialect-speech-jeju-gyeongsang': (d) => [
    wavFile('DIA-JJ-0087-0012.wav', speechWav(d.slug, 0.25, 175)),
    jsonlFile('dialect-pairs.jsonl', [
      { id: 'DIA-JJ-0087-0012', region: 'jeju', dialect: '혼저 옵서예, 어디서 왐수과?', standard: '어서 오세요, 어디서 오셨어요?' },
      { id: 'DIA-JJ-0102-0044', region: 'jeju', dialect: '무사 경 햄수과?', standard: '왜 그렇게 하고 있어요?' },
      { id: 'DIA-GS-0310-0007', region: 'gyeongsang', dialect: '니 밥 뭇나? 퍼뜩 온나.', standard: '너 밥 먹었니? 빨리 와.' },
      {
        id: 'DIA-GS-0415-0021',
        region: 'gyeongsang',
        dialect: '와 이래 덥노, 고마 집에 가자.',
        standard: '왜 이렇게 덥니, 그만 집에 가자.',
      },
    ]),
  ],
  'children-reading-speech': (d) => [
    wavFile('CRS-G3-0451-0003.wav', speechWav(d.slug, 0.25, 280)),
    jsonlFile('readings.jsonl', [
      {
        id: 'CRS-G3-0451-0003',
        grade: 3,
        passage: '봄이 오면 들판에 노란 민들레가 핍니다.',
        read_as: '봄이 오면 들판에 노랑 민들레가 핍니다.',
        errors: [{ word: '노란', read: '노랑', type: 'substitution' }],
      },
      {
        id: 'CRS-G1-0102-0011',
        grade: 1,
        passage: '우리 집 강아지는 공놀이를 좋아해요.',
        read_as: '우리 집 강아지는 공놀이를 좋아해요.',
        errors: [],
      },
    ]),
  ],

  'financial-document-ocr': (d) => {
    const boxes: Box[] = [
      { category: 'text_line', bbox: [6, 4, 40, 5], attributes: { text: '계좌개설신청서', handwritten: false } },
      { category: 'text_line', bbox: [6, 16, 30, 4], attributes: { text: '성명: 이서준 (가상)', handwritten: true } },
      { category: 'amount', bbox: [6, 28, 28, 4], attributes: { text: '₩1,500,000', handwritten: true } },
      { category: 'date', bbox: [6, 40, 24, 4], attributes: { text: '2022.08.17', handwritten: false } },
      { category: 'seal', bbox: [44, 44, 12, 12], attributes: { text: '', handwritten: false } },
    ];
    const img = 'FIN-ACCT-000321.png';
    return [
      pngFile(img, documentImage(d.slug, boxes)),
      jsonFile('sample', 'FIN-ACCT-000321.json', coco(img, boxes, { form_type: '계좌개설신청서' })),
    ];
  },
  'logistics-invoice-ocr': (d) => {
    const boxes: Box[] = [
      { category: 'tracking_number', bbox: [6, 4, 34, 5], attributes: { text: '6048-1123-5570' } },
      { category: 'address', bbox: [6, 16, 50, 4], attributes: { text: '세종특별자치도 한누리대로 000 (가상 주소)' } },
      { category: 'text_line', bbox: [6, 26, 26, 4], attributes: { text: '받는 분: 박○○ (가상)' } },
      { category: 'text_line', bbox: [6, 36, 30, 4], attributes: { text: '품목: 생활용품 1박스' } },
      { category: 'barcode', bbox: [8, 48, 40, 8] },
    ];
    const img = 'LOG-WB-004417.png';
    return [pngFile(img, documentImage(d.slug, boxes)), jsonFile('sample', 'LOG-WB-004417.json', coco(img, boxes))];
  },

  'traffic-cctv-object-detection': (d) =>
    detectionSamples(
      d.slug,
      [
        { category: 'vehicle', bbox: [4, 34, 16, 10], attributes: { track_id: 17, occluded: 'none' } },
        { category: 'vehicle', bbox: [36, 38, 18, 11], attributes: { track_id: 22, occluded: 'partial' } },
        { category: 'pedestrian', bbox: [24, 30, 4, 10], attributes: { track_id: 5, occluded: 'none' } },
        { category: 'two_wheeler', bbox: [56, 32, 6, 8], attributes: { track_id: 31, occluded: 'none' } },
        { category: 'traffic_light', bbox: [30, 6, 8, 4], attributes: { light_state: 'green', track_id: 2 } },
      ],
      'road',
      { camera: 'DJ-INT-0142', captured_at: '2022-10-03T18:42:10+09:00', weather: 'rain', time_of_day: 'dusk' },
    ),
  'traffic-lights-signs-images': (d) =>
    detectionSamples(
      d.slug,
      [
        { category: 'traffic_light', bbox: [26, 4, 10, 4], attributes: { light_state: 'red', type: 'vehicle_3_color' } },
        { category: 'traffic_light', bbox: [44, 8, 8, 3], attributes: { light_state: 'green_arrow', type: 'vehicle_4_color' } },
        { category: 'traffic_sign', bbox: [6, 10, 7, 7], attributes: { sign_code: '211', name_ko: '진입금지', name_en: 'No entry' } },
      ],
      'road',
      { route: '국도 1호선', captured_at: '2021-04-22T07:15:33+09:00' },
    ),
  'autonomous-driving-lidar-camera': (d) => {
    const boxes: Box[] = [
      { category: 'vehicle', bbox: [10, 32, 18, 12], attributes: { track_id: 4 } },
      { category: 'pedestrian', bbox: [46, 28, 4, 12], attributes: { track_id: 9 } },
    ];
    const r = rng(d.slug + '/lidar');
    const points = Array.from({ length: 120 }, () => {
      const range = 2 + r() * 48;
      const az = (r() - 0.5) * Math.PI;
      return [round(range * Math.cos(az), 3), round(range * Math.sin(az), 3), round(-1.7 + r() * 2.5, 3), Math.round(r() * 255)];
    });
    return [
      ...detectionSamples(d.slug, boxes, 'road', {
        frame: 'SJ-0417-000812',
        objects_3d: [
          { track_id: 4, category: 'vehicle', center_m: [12.4, -1.8, 0.8], size_m: [4.6, 1.9, 1.5], yaw_rad: 0.03 },
          { track_id: 9, category: 'pedestrian', center_m: [18.1, 4.2, 0.9], size_m: [0.6, 0.6, 1.7], yaw_rad: 1.52 },
        ],
        ego_pose: { lat: 36.5 + 0.001, lon: 127.26, heading_deg: 88.4, note: '좌표는 샘플용으로 일반화됨 / generalised for the sample' },
      }),
      csvFile('SJ-0417-000812-lidar.csv', ['x_m', 'y_m', 'z_m', 'intensity'], points),
    ];
  },
  'fire-smoke-detection-images': (d) =>
    detectionSamples(
      d.slug,
      [
        { category: 'smoke', bbox: [20, 6, 26, 20], attributes: { stage: 'early' } },
        { category: 'flame', bbox: [28, 30, 10, 12], attributes: { stage: 'early' } },
      ],
      'indoor',
      { scene: '전기 설비 화재 재현 실험 / staged electrical fire', stage: 'smoke_with_small_flame' },
    ),
  'agriculture-pest-images': (d) =>
    detectionSamples(
      d.slug,
      [
        {
          category: 'lesion',
          bbox: [22, 18, 14, 10],
          attributes: { crop: '고추', disease_ko: '고추 탄저병', disease_en: 'pepper anthracnose', part: 'fruit', growth_stage: 'harvest' },
        },
      ],
      'field',
      { crop: 'pepper', diagnosed_by: 'extension specialist' },
    ),
  'maritime-vessel-detection': (d) =>
    detectionSamples(
      d.slug,
      [
        { category: 'fishing_boat', bbox: [8, 22, 14, 6], attributes: { track_id: 3, sensor: 'thermal' } },
        { category: 'cargo_ship', bbox: [34, 16, 26, 9], attributes: { track_id: 7, sensor: 'thermal' } },
        { category: 'buoy', bbox: [24, 40, 3, 3], attributes: { track_id: 11, sensor: 'thermal' } },
      ],
      'sea',
      { camera: 'COAST-S-014', sensor: 'LWIR', visibility: 'sea_fog' },
    ),
  'drone-aerial-imagery-urban': (d) => {
    const boxes: Box[] = [
      { category: 'building', bbox: [4, 4, 20, 18] },
      { category: 'solar_panel', bbox: [40, 6, 16, 10] },
      { category: 'vehicle', bbox: [30, 44, 5, 3] },
      { category: 'construction_site', bbox: [42, 40, 18, 20] },
    ];
    return [
      ...detectionSamples(d.slug, boxes, 'aerial', { altitude_m: 120, view: 'nadir' }),
      {
        kind: 'sample',
        filename: `${d.slug}-000001.geojson`,
        contentType: 'application/json',
        body: Buffer.from(
          JSON.stringify(
            {
              type: 'FeatureCollection',
              features: [
                {
                  type: 'Feature',
                  properties: {
                    image: `${d.slug}-000001.png`,
                    grid: '500m',
                    note: '촬영 위치는 500m 격자로 일반화 / location generalised to a 500 m grid',
                  },
                  geometry: {
                    type: 'Polygon',
                    coordinates: [
                      [
                        [129.3125, 35.5375],
                        [129.318, 35.5375],
                        [129.318, 35.542],
                        [129.3125, 35.542],
                        [129.3125, 35.5375],
                      ],
                    ],
                  },
                },
              ],
            },
            null,
            2,
          ) + '\n',
        ),
      },
    ];
  },
  'smart-factory-defect-images': (d) =>
    detectionSamples(
      d.slug,
      [
        { category: 'scratch', bbox: [14, 20, 22, 2], attributes: { product: 'injection_part', severity: 'minor' } },
        { category: 'short_shot', bbox: [44, 40, 10, 10], attributes: { product: 'injection_part', severity: 'major' } },
      ],
      'plain',
      { line: 'L3', judgement: 'NG' },
    ),
  'fitness-pose-keypoints': (d) => {
    const kp = [
      ['nose', 32, 10],
      ['neck', 32, 16],
      ['left_shoulder', 27, 17],
      ['right_shoulder', 37, 17],
      ['left_elbow', 24, 24],
      ['right_elbow', 40, 24],
      ['left_wrist', 26, 30],
      ['right_wrist', 38, 30],
      ['left_hip', 29, 33],
      ['right_hip', 35, 33],
      ['left_knee', 24, 42],
      ['right_knee', 40, 42],
      ['left_ankle', 26, 54],
      ['right_ankle', 38, 54],
    ] as const;
    const c = sceneImage(d.slug, [], 'indoor');
    const at = (name: string) => kp.find((k) => k[0] === name)!;
    const limbs = [
      ['neck', 'nose'],
      ['neck', 'left_shoulder'],
      ['neck', 'right_shoulder'],
      ['left_shoulder', 'left_elbow'],
      ['left_elbow', 'left_wrist'],
      ['right_shoulder', 'right_elbow'],
      ['right_elbow', 'right_wrist'],
      ['left_shoulder', 'left_hip'],
      ['right_shoulder', 'right_hip'],
      ['left_hip', 'right_hip'],
      ['left_hip', 'left_knee'],
      ['left_knee', 'left_ankle'],
      ['right_hip', 'right_knee'],
      ['right_knee', 'right_ankle'],
    ];
    for (const [a, b] of limbs) c.line(at(a)[1], at(a)[2], at(b)[1], at(b)[2], [60, 90, 200]);
    for (const [, x, y] of kp) c.rect(x - 1, y - 1, 3, 3, [230, 60, 60]);
    return [
      pngFile('FIT-SQUAT-0212-f0031.png', c),
      jsonFile('sample', 'FIT-SQUAT-0212-f0031.json', {
        exercise: { code: 'squat', ko: '스쿼트', en: 'Squat' },
        view: 'front',
        keypoints: kp.map(([name, x, y]) => ({ name, x, y, visible: true })),
        form_errors: [{ code: 'knee_past_toe', ko: '무릎이 발끝을 넘음', en: 'Knees travel past toes' }],
        participant: { height_band: '170-179', age_band: '30s' },
      }),
    ];
  },
  'living-environment-vqa': (d) => {
    const boxes: Box[] = [{ category: 'object', bbox: [24, 24, 14, 20], attributes: { name: '우유 팩' } }];
    return [
      pngFile('LEV-KIT-018832.png', sceneImage(d.slug, boxes, 'indoor')),
      jsonFile('sample', 'LEV-KIT-018832.json', {
        image: 'LEV-KIT-018832.png',
        caption: { ko: '식탁 위에 흰 우유 팩 하나가 놓여 있다.', en: 'A white milk carton on a kitchen table.' },
        questions: [
          { q: '이 우유의 유통기한이 언제야?', a: '2021년 6월 14일까지예요.', type: 'text_reading' },
          { q: '식탁 위에 물건이 몇 개 있어?', a: '한 개 있어요.', type: 'counting' },
          { q: '우유 팩은 무슨 색이야?', a: '흰색이에요.', type: 'color' },
        ],
      }),
    ];
  },
  'korean-food-images-nutrition': (d) => {
    const c = sceneImage(d.slug, [], 'indoor');
    c.ellipse(32, 34, 18, 12, [245, 245, 245]);
    c.ellipse(32, 33, 14, 9, [200, 70, 30]);
    c.noise(rng(d.slug + '/dish'), 8);
    return [
      pngFile('FOOD-KIMCHI-JJIGAE-00412.png', c),
      jsonFile('sample', 'FOOD-KIMCHI-JJIGAE-00412.json', {
        image: 'FOOD-KIMCHI-JJIGAE-00412.png',
        dish: { code: 'kimchi_jjigae', ko: '김치찌개', en: 'Kimchi stew' },
        setting: 'home_meal',
        bbox: [14, 22, 36, 24],
      }),
      csvFile(
        'nutrition.csv',
        ['dish_code', 'name_ko', 'name_en', 'serving_g', 'kcal', 'carbohydrate_g', 'protein_g', 'fat_g', 'sodium_mg'],
        [
          ['kimchi_jjigae', '김치찌개', 'Kimchi stew', 400, 253, 12.4, 17.8, 14.6, 1962],
          ['bibimbap', '비빔밥', 'Bibimbap', 450, 586, 88.2, 20.1, 16.3, 1143],
          ['japchae', '잡채', 'Japchae (glass noodles)', 150, 228, 30.6, 5.2, 9.7, 512],
        ],
      ),
    ];
  },
  'emotion-video-faces': () => [
    jsonlFile('clip-labels.jsonl', [
      {
        clip: 'EMO-A0117-JOY-S03',
        actor: 'A0117',
        emotion: 'joy',
        mode: 'scripted',
        duration_sec: 6.2,
        intensity_ratings: [4, 4, 5, 4, 3],
        script_ko: '드디어 합격했어! 정말 믿기지가 않아.',
      },
      {
        clip: 'EMO-A0117-ANG-I01',
        actor: 'A0117',
        emotion: 'anger',
        mode: 'improvised',
        duration_sec: 8.9,
        intensity_ratings: [3, 4, 3, 3, 4],
        script_ko: null,
      },
      {
        clip: 'EMO-A0342-SAD-S07',
        actor: 'A0342',
        emotion: 'sadness',
        mode: 'scripted',
        duration_sec: 7.4,
        intensity_ratings: [5, 4, 4, 5, 4],
        script_ko: '그동안 고마웠어. 잘 지내.',
      },
    ]),
  ],

  'chest-ct-lung-nodule-segmentation': (d) => {
    const { image, mask } = medicalPhantom(d.slug, 'chest', { cx: 44, cy: 26, r: 3 });
    return [
      pngFile('SB-CT-P00731-slice087.png', image),
      pngFile('SB-CT-P00731-slice087-mask.png', mask),
      jsonFile('sample', 'SB-CT-P00731.json', {
        study: 'SB-CT-P00731',
        note: '합성 팬텀 영상이며 실제 환자 영상이 아님 / synthetic phantom, not patient data',
        series: { modality: 'CT', kvp: 120, slice_thickness_mm: 1.0, protocol: 'LDCT screening' },
        lesions: [
          {
            id: 1,
            class: 'solid_nodule',
            slices: [85, 86, 87, 88, 89],
            diameter_mm: 7.4,
            part_solid: false,
            malignancy_score: 3,
            readers: ['R1', 'R2'],
            adjudicated: false,
          },
        ],
      }),
    ];
  },
  'brain-mri-stroke-lesions': (d) => {
    const { image, mask } = medicalPhantom(d.slug, 'head', { cx: 40, cy: 28, r: 5 });
    return [
      pngFile('SB-MR-P02215-DWI-s14.png', image),
      pngFile('SB-MR-P02215-DWI-s14-mask.png', mask),
      jsonFile('sample', 'SB-MR-P02215.json', {
        subject: 'SB-MR-P02215',
        note: '합성 팬텀 영상이며 실제 환자 영상이 아님 / synthetic phantom, not patient data',
        sequences: ['DWI', 'ADC', 'FLAIR'],
        onset_to_imaging_min: 142,
        lesion_volume_ml: 18.6,
        territory: 'right MCA',
        mrs_90d: 2,
      }),
    ];
  },
  'satellite-land-cover-segmentation': (d) => {
    const classes: Array<{ code: string; ko: string; en: string; rgb: RGB }> = [
      { code: 'building', ko: '건물', en: 'Building', rgb: [200, 80, 80] },
      { code: 'road', ko: '도로', en: 'Road', rgb: [120, 120, 120] },
      { code: 'paddy', ko: '논', en: 'Paddy field', rgb: [120, 200, 200] },
      { code: 'forest', ko: '산림', en: 'Forest', rgb: [30, 110, 40] },
      { code: 'water', ko: '수계', en: 'Water', rgb: [40, 80, 200] },
    ];
    const mask = new Canvas(64, 64, classes[3].rgb);
    mask.rect(0, 0, 30, 26, classes[2].rgb);
    mask.rect(34, 0, 30, 20, classes[0].rgb);
    mask.rect(0, 28, 64, 5, classes[1].rgb);
    mask.ellipse(48, 50, 12, 8, classes[4].rgb);
    const image = new Canvas(64, 64);
    image.px.set(mask.px);
    for (let i = 0; i < image.px.length; i++) image.px[i] = Math.round(image.px[i] * 0.55 + 40);
    image.noise(rng(d.slug), 30);
    return [
      pngFile('LC-36711-T0412.png', image),
      pngFile('LC-36711-T0412-mask.png', mask),
      jsonFile('sample', 'LC-36711-T0412.json', {
        tile: 'LC-36711-T0412',
        gsd_m: 0.5,
        acquired: '2021-05-14',
        crs: 'EPSG:5186',
        note: '타일 좌표는 샘플에서 제외 / tile coordinates omitted from the sample',
        legend: classes.map(({ code, ko, en, rgb }) => ({ code, ko, en, rgb })),
      }),
    ];
  },
  'semiconductor-wafer-map-defects': (d) => {
    const c = new Canvas(64, 64, [255, 255, 255]);
    const dies: unknown[][] = [];
    const r = rng(d.slug);
    for (let y = 0; y < 16; y++)
      for (let x = 0; x < 16; x++) {
        const dx = x - 7.5;
        const dy = y - 7.5;
        const dist = Math.sqrt(dx * dx + dy * dy);
        if (dist > 7.8) continue;
        const fail = dist > 6.3 ? r() < 0.7 : r() < 0.04; // edge-ring pattern
        c.rect(x * 4, y * 4, 3, 3, fail ? [220, 40, 40] : [60, 170, 80]);
        if (dies.length < 40 || fail) dies.push([x, y, fail ? 'fail' : 'pass', fail ? 'BIN7' : 'BIN1']);
      }
    return [
      pngFile('WM-LOT2317-W08.png', c),
      csvFile('WM-LOT2317-W08-dies.csv', ['die_x', 'die_y', 'result', 'bin'], dies.slice(0, 160)),
      jsonFile('sample', 'WM-LOT2317-W08.json', {
        wafer: 'WM-LOT2317-W08',
        pattern: 'edge_ring',
        pattern_ko: '가장자리 링',
        suspected_step: 'CMP',
        labelled_by: 'process engineer',
      }),
    ];
  },

  'ko-en-parallel-corpus-scitech': () => [
    jsonlFile('pairs.jsonl', [
      {
        id: 'ST-SEMI-0001842',
        field: 'semiconductors',
        ko: '극자외선 노광 공정에서는 마스크 결함이 수율에 직접적인 영향을 미친다.',
        en: 'In extreme ultraviolet lithography, mask defects directly affect yield.',
        grade: 'accept',
      },
      {
        id: 'ST-BATT-0003310',
        field: 'batteries',
        ko: '고니켈 양극재는 에너지 밀도가 높지만 열 안정성이 낮은 편이다.',
        en: 'High-nickel cathode materials offer high energy density but relatively poor thermal stability.',
        grade: 'accept',
      },
      {
        id: 'ST-AI-0009127',
        field: 'artificial_intelligence',
        ko: '제안한 모델은 적은 양의 라벨 데이터로도 기존 방법보다 높은 정확도를 보였다.',
        en: 'The proposed model outperformed existing methods even with a small amount of labelled data.',
        grade: 'minor_edit',
      },
    ]),
  ],
  'ko-en-parallel-corpus-daily': () => [
    jsonlFile('pairs.jsonl', [
      {
        id: 'DL-GOV-0120311',
        register: 'formal',
        ko: '주민등록등본은 정부24에서 무료로 발급받으실 수 있습니다.',
        en: 'You can obtain a copy of your resident registration for free on the Government24 website.',
      },
      {
        id: 'DL-CHAT-0442170',
        register: 'casual',
        ko: '이따 퇴근하고 치킨 먹으러 갈래?',
        en: 'Want to grab some fried chicken after work?',
      },
      {
        id: 'DL-PR-0031905',
        register: 'formal',
        ko: '시는 다음 달부터 심야 버스 노선을 세 개 늘린다고 밝혔다.',
        en: 'The city said it will add three late-night bus routes starting next month.',
      },
    ]),
  ],
  'news-mrc-qa': () => {
    const context =
      '한빛시는 12일 도심 교통 혼잡을 줄이기 위해 내년 3월부터 자율주행 셔틀버스 10대를 시범 운행한다고 밝혔다. 셔틀은 시청과 고속버스터미널을 잇는 6.2km 구간을 오가며, 요금은 무료다.';
    const qa = (question: string, answer: string | null) => ({
      question,
      answers: answer ? [{ text: answer, answer_start: context.indexOf(answer) }] : [],
      is_impossible: answer === null,
    });
    return [
      jsonlFile('mrc.jsonl', [
        {
          id: 'NEWS-SOC-2022-018342',
          title: '한빛시, 내년 3월 자율주행 셔틀 시범 운행',
          context,
          qas: [
            qa('자율주행 셔틀버스는 언제부터 시범 운행하나요?', '내년 3월'),
            qa('셔틀이 운행하는 구간의 길이는?', '6.2km'),
            qa('셔틀버스 제조사는 어디인가요?', null),
          ],
        },
      ]),
    ];
  },
  'korean-product-review-sentiment': () => {
    const rec = (id: string, text: string, sentiment: string, spans: Array<{ text: string; type: string }>) => ({
      id,
      text,
      sentiment,
      entities: offsets(text, spans),
    });
    return [
      jsonlFile('reviews.jsonl', [
        rec('REV-APL-0019921', '다온 무선청소기 흡입력은 좋은데 배터리가 너무 빨리 닳아요.', 'mixed', [
          { text: '다온 무선청소기', type: 'PRODUCT' },
        ]),
        rec('REV-FOD-0004410', '주문한 지 하루 만에 도착했고 사과가 정말 달고 맛있네요!', 'positive', [{ text: '하루', type: 'DATE' }]),
        rec('REV-CLO-0087311', '사이즈가 표기보다 한 치수 작아서 반품했습니다. #이름#님 응대는 친절했어요.', 'negative', []),
      ]),
    ];
  },
  'legal-judgments-summarization': () => {
    const text =
      '피고인 A는 2021. 3. 5. 서울 소재 편의점에서 피해자 B의 지갑을 절취하였다. 이는 형법 제329조에 해당한다. 서울중앙지방법원은 피고인에게 벌금 300만 원을 선고하였다.';
    return [
      jsonlFile('judgments.jsonl', [
        {
          case_id: 'CRIM-2021-GODAN-0xxxx',
          court: '서울중앙지방법원',
          case_type: 'criminal',
          text,
          summary: '피고인 A가 편의점에서 지갑을 훔친 절도 사건으로, 법원은 형법 제329조를 적용해 벌금 300만 원을 선고하였다.',
          entities: offsets(text, [
            { text: '2021. 3. 5.', type: 'DATE' },
            { text: '형법 제329조', type: 'STATUTE' },
            { text: '서울중앙지방법원', type: 'ORG' },
          ]),
        },
      ]),
    ];
  },
  'patent-abstracts-ko-en': () => [
    jsonlFile('patents.jsonl', [
      {
        application_no: '10-2022-01xxxxx',
        ipc: ['H01M 10/0525', 'H01M 4/525'],
        title_ko: '고니켈 양극 활물질 및 이를 포함하는 리튬 이차전지',
        title_en: 'High-nickel cathode active material and lithium secondary battery comprising same',
        abstract_ko: '본 발명은 표면에 코팅층을 형성하여 열 안정성을 개선한 고니켈 양극 활물질에 관한 것이다.',
        abstract_en:
          'The invention relates to a high-nickel cathode active material with improved thermal stability through a surface coating layer.',
        claim_summary: {
          ko: '니켈 함량 80몰% 이상의 코어와 붕소 화합물 코팅층',
          en: 'A core with ≥80 mol% nickel and a boron-compound coating layer',
        },
      },
      {
        application_no: '10-2021-01xxxxx',
        ipc: ['H01L 21/3065'],
        title_ko: '플라즈마 식각 장치의 종말점 검출 방법',
        title_en: 'End-point detection method for a plasma etching apparatus',
        abstract_ko: '광학 방출 분광 신호의 시간 변화를 학습 모델로 분석하여 식각 종말점을 검출하는 방법을 제공한다.',
        abstract_en:
          'Provided is a method that detects the etch end point by analysing temporal changes in optical emission spectra with a learned model.',
        claim_summary: { ko: 'OES 신호 기반 기계학습 종말점 판정', en: 'Machine-learned end-point decision from OES signals' },
      },
    ]),
  ],

  'smart-factory-sensor-anomaly': (d) => [
    csvFile(
      'IMM-07-2023-03-14.csv',
      ['timestamp', 'machine_id', 'vibration_rms_mm_s', 'bearing_temp_c', 'motor_current_a', 'label', 'failure_mode'],
      sensorRows(d.slug, 180, (i, r) => {
        const drift = i > 120 ? (i - 120) * 0.04 : 0;
        const label = i > 165 ? 'failure' : i > 120 ? 'pre_failure' : 'normal';
        return [
          isoMinute('2023-03-14T06:00:00Z', i),
          'IMM-07',
          round(2.1 + drift + r() * 0.3, 3),
          round(48 + drift * 6 + r() * 0.8, 2),
          round(31.5 + r() * 1.2 + drift, 2),
          label,
          label === 'normal' ? '' : 'bearing_wear',
        ];
      }),
    ),
  ],
  'nuclear-plant-vibration-signals': (d) => [
    csvFile(
      'RCP-2A-2020-11-02.csv',
      ['timestamp', 'component', 'accel_x_g', 'accel_y_g', 'acoustic_db', 'label'],
      sensorRows(d.slug, 150, (i, r) => {
        const cav = i >= 100 && i < 130;
        return [
          isoMinute('2020-11-02T00:00:00Z', i * 10),
          'RCP-2A',
          round(0.12 + r() * 0.03 + (cav ? 0.09 : 0), 4),
          round(0.1 + r() * 0.03, 4),
          round(71 + r() * 2 + (cav ? 6 : 0), 1),
          cav ? 'cavitation' : 'normal',
        ];
      }),
    ),
    wavFile('RCP-2A-acoustic-excerpt.wav', speechWav(d.slug, 0.25, 60)),
  ],
  'battery-cycling-degradation': (d) => [
    csvFile(
      'CELL-NCM-P042-cycles.csv',
      ['cell_id', 'cycle', 'temperature_c', 'c_rate', 'discharge_capacity_ah', 'internal_resistance_mohm', 'coulombic_efficiency'],
      sensorRows(d.slug, 200, (i, r) => {
        const cycle = i * 10 + 1;
        return [
          'P042',
          cycle,
          25,
          2.0,
          round(4.8 * (1 - 0.00011 * cycle - 0.00000002 * cycle * cycle) + (r() - 0.5) * 0.004, 4),
          round(18.2 + cycle * 0.006 + r() * 0.1, 3),
          round(0.9995 - r() * 0.0004, 5),
        ];
      }),
    ),
  ],
  'quantum-device-measurements': (d) => [
    csvFile(
      'QD-TMN-17-2023-06.csv',
      ['timestamp', 'device', 'qubit', 't1_us', 't2_echo_us', 'single_qubit_fidelity', 'cz_fidelity', 'event'],
      sensorRows(d.slug, 168, (i, r) => {
        const recal = i % 48 === 0;
        return [
          isoMinute('2023-06-01T00:00:00Z', i * 60),
          'TMN-17',
          'Q3',
          round(92 + Math.sin(i / 9) * 8 + r() * 4, 1),
          round(71 + Math.sin(i / 11) * 6 + r() * 3, 1),
          round(0.9991 + r() * 0.0006, 5),
          round(0.986 + r() * 0.008, 4),
          recal ? 'recalibration' : '',
        ];
      }),
    ),
  ],
  'air-quality-sensor-network': (d) => [
    csvFile(
      'aq-hourly-2022-01.csv',
      [
        'timestamp_kst',
        'station_id',
        'station_name',
        'pm10_ugm3',
        'pm25_ugm3',
        'o3_ppm',
        'no2_ppm',
        'co_ppm',
        'temp_c',
        'humidity_pct',
        'wind_ms',
        'flag',
      ],
      sensorRows(d.slug, 240, (i, r) => {
        const st = i % 2 === 0 ? ['111121', '서울 종로구'] : ['221112', '부산 연제구'];
        const h = Math.floor(i / 2);
        const missing = h >= 60 && h < 63 && i % 2 === 0;
        return [
          kstMinute('2022-01-01T00:00:00', h * 60),
          st[0],
          st[1],
          missing ? '' : Math.round(38 + r() * 40),
          missing ? '' : Math.round(18 + r() * 25),
          round(0.012 + r() * 0.02, 3),
          round(0.018 + r() * 0.025, 3),
          round(0.4 + r() * 0.3, 1),
          round(-4 + Math.sin(h / 3.8) * 5, 1),
          Math.round(45 + r() * 30),
          round(1 + r() * 3, 1),
          missing ? 'maintenance' : '',
        ];
      }),
    ),
  ],
  'financial-fraud-transactions': (d) => [
    csvFile(
      'transactions-sample.csv',
      ['txn_key', 'customer_pkey', 'merchant_pkey', 'merchant_category', 'amount_band_krw', 'hour', 'channel', 'region_sido', 'is_fraud'],
      sensorRows(d.slug, 200, (i, r) => {
        const fraud = r() < 0.03;
        const bands = ['<10k', '10k-50k', '50k-100k', '100k-500k', '500k+'];
        const mcc = ['편의점', '온라인쇼핑', '음식점', '주유소', '해외가맹점', '전자제품'];
        return [
          `T${(1_000_000 + i).toString(36).toUpperCase()}`,
          `C_${fnv1a(d.slug + 'c' + Math.floor(i / 4)).toString(16)}`,
          `M_${fnv1a(d.slug + 'm' + Math.floor(r() * 60)).toString(16)}`,
          fraud ? mcc[4 + Math.floor(r() * 2)] : mcc[Math.floor(r() * 4)],
          fraud ? bands[3 + Math.floor(r() * 2)] : bands[Math.floor(r() * 3)],
          fraud ? Math.floor(r() * 5) : 8 + Math.floor(r() * 14),
          r() < 0.6 ? 'online' : 'offline',
          ['서울', '경기', '부산', '대구', '인천'][Math.floor(r() * 5)],
          fraud ? 1 : 0,
        ];
      }),
    ),
  ],
  'public-health-statistics-regional': (d) => {
    const districts = [
      ['11110', '서울특별시 종로구'],
      ['11680', '서울특별시 강남구'],
      ['26350', '부산광역시 해운대구'],
      ['27110', '대구광역시 중구'],
      ['36110', '세종특별자치시'],
      ['43111', '충청북도 청주시 상당구'],
      ['46130', '전라남도 여수시'],
      ['50110', '제주특별자치도 제주시'],
    ];
    const rows: unknown[][] = [];
    const r = rng(d.slug);
    for (const year of [2021, 2022, 2023])
      for (const [code, name] of districts)
        rows.push([
          year,
          code,
          name,
          round(17 + r() * 8, 1),
          round(28 + r() * 10, 1),
          round(18 + r() * 9, 1),
          round(7 + r() * 5, 1),
          round(88 + r() * 8, 1),
        ]);
    return [
      csvFile(
        'health-indicators-district.csv',
        [
          'year',
          'sigungu_code',
          'sigungu_name',
          'smoking_rate_pct',
          'obesity_rate_pct',
          'hypertension_prevalence_pct',
          'diabetes_prevalence_pct',
          'flu_vaccination_65plus_pct',
        ],
        rows,
      ),
    ];
  },
  'security-event-logs': (d) => [
    csvFile(
      'soc-events-sample.csv',
      ['event_time', 'sensor', 'src_ip_pseudo', 'dst_ip_pseudo', 'dst_port', 'signature', 'attack_type', 'severity', 'analyst_verdict'],
      sensorRows(d.slug, 150, (i, r) => {
        const types = [
          ['ET SCAN Nmap SYN scan', 'port_scan', 'low'],
          ['SSH brute force attempt', 'brute_force', 'medium'],
          ['SQL injection UNION SELECT', 'sql_injection', 'high'],
          ['Known malware distribution URL', 'malware_site_access', 'high'],
          ['HTTP anomalous user-agent', 'benign', 'info'],
        ] as const;
        const t = types[Math.floor(r() * types.length)];
        const fp = t[1] !== 'benign' && r() < 0.2;
        return [
          isoMinute('2023-04-18T01:00:00Z', i * 3),
          ['IDS-01', 'FW-02', 'WAF-03'][i % 3],
          `10.${(fnv1a('s' + (i % 17)) % 200) + 20}.x.${(i * 7) % 250}`,
          `172.16.x.${(i * 13) % 250}`,
          [22, 80, 443, 3306, 8080][Math.floor(r() * 5)],
          t[0],
          t[1],
          t[2],
          fp ? 'false_positive' : t[1] === 'benign' ? 'benign' : 'true_positive',
        ];
      }),
    ),
  ],
  'power-grid-load-forecasting': (d) => [
    csvFile(
      'substation-load-15min.csv',
      ['timestamp_kst', 'substation', 'sido', 'load_mw', 'temp_c', 'irradiance_wm2', 'holiday'],
      sensorRows(d.slug, 192, (i, r) => {
        const hour = (i * 15) / 60;
        const sun = Math.max(0, Math.sin((((hour % 24) - 6) / 12) * Math.PI));
        return [
          kstMinute('2023-05-20T00:00:00', i * 15),
          'SS-0412',
          '충청남도',
          round(42 + 14 * Math.sin((((hour % 24) - 9) / 24) * 2 * Math.PI) - 11 * sun + r() * 2, 2),
          round(14 + 8 * sun, 1),
          Math.round(850 * sun),
          hour >= 24 ? 1 : 0,
        ];
      }),
    ),
  ],
  'hydrogen-fuel-cell-stack-telemetry': (d) => [
    csvFile(
      'PEMFC-STK-12-telemetry.csv',
      ['timestamp', 'stack', 'avg_cell_v', 'min_cell_v', 'h2_flow_slpm', 'air_flow_slpm', 'coolant_c', 'power_kw', 'event'],
      sensorRows(d.slug, 180, (i, r) => {
        const flood = i >= 140 && i < 160;
        return [
          isoMinute('2023-02-07T09:00:00Z', i / 6),
          'STK-12',
          round(0.712 - (flood ? 0.03 : 0) + r() * 0.004, 4),
          round(0.69 - (flood ? 0.09 : 0) + r() * 0.004, 4),
          round(48 + r(), 2),
          round(118 + r() * 2, 1),
          round(64 + r() * 0.6, 2),
          round(49.5 - (flood ? 2.1 : 0) + r() * 0.4, 2),
          flood ? 'flooding' : '',
        ];
      }),
    ),
  ],
  'telecom-5g-cell-traffic-2021': (d) => [
    csvFile(
      'cell-traffic-hourly.csv',
      ['hour_kst', 'cell_id', 'district', 'dl_gb', 'ul_gb', 'connected_devices'],
      sensorRows(d.slug, 96, (i, r) => {
        const h = i % 24;
        const load = 0.35 + 0.65 * Math.max(0, Math.sin(((h - 5) / 19) * Math.PI));
        return [
          `2021-09-${String(14 + Math.floor(i / 24)).padStart(2, '0')}T${String(h).padStart(2, '0')}:00+09:00`,
          `C5G-${(4100 + (i % 3)).toString()}`,
          '서울 마포구',
          round(load * 180 + r() * 10, 2),
          round(load * 22 + r() * 2, 2),
          Math.round(load * 1400 + r() * 80),
        ];
      }),
    ),
  ],
};

/** Fallback by modality for datasets without a hand-written generator. */
function genericSamples(d: SeedDataset): SampleFile[] {
  if (d.modalities.includes('speech') || d.modalities.includes('audio')) {
    return [
      wavFile(`${d.slug}-000001.wav`, speechWav(d.slug)),
      jsonlFile('transcripts.jsonl', [{ id: `${d.slug}-000001`, text: d.summary.ko }]),
    ];
  }
  if (d.modalities.includes('image') || d.modalities.includes('video')) {
    return detectionSamples(d.slug, [{ category: 'object', bbox: [20, 20, 24, 24] }], 'plain');
  }
  if (d.modalities.some((m) => m === 'timeseries' || m === 'sensor' || m === 'tabular')) {
    return [
      csvFile(
        `${d.slug}-sample.csv`,
        ['t', 'value'],
        sensorRows(d.slug, 50, (i, r) => [i, round(r(), 4)]),
      ),
    ];
  }
  return [jsonlFile(`${d.slug}-sample.jsonl`, [{ id: 1, ko: d.summary.ko, en: d.summary.en }])];
}

// =============================================================================================
// Datacard, guideline and schema
// =============================================================================================

const ACCESS_LABELS: Record<string, [string, string]> = {
  open: ['공개', 'Open'],
  registered: ['회원 공개', 'Registered users'],
  approval: ['승인 후 공개', 'By approval'],
  enclave: ['안심존(보안 분석 환경) 전용', 'Secure enclave only'],
  closed: ['비공개', 'Closed'],
};
const CLASSIFICATION_LABELS: Record<string, [string, string]> = {
  public: ['공개', 'Public'],
  internal: ['내부', 'Internal'],
  sensitive: ['민감', 'Sensitive'],
  confidential: ['기밀', 'Confidential'],
};
const PERSONAL_LABELS: Record<string, [string, string]> = {
  none: ['없음', 'None'],
  anonymized: ['익명처리', 'Anonymised'],
  pseudonymized: ['가명처리', 'Pseudonymised'],
  identifiable: ['식별 가능', 'Identifiable'],
};
const CROSS_BORDER_LABELS: Record<string, [string, string]> = {
  allowed: ['허용', 'Allowed'],
  conditional: ['조건부 허용 (국외 반출 협약 필요)', 'Conditional (cross-border agreement required)'],
  prohibited: ['금지', 'Prohibited'],
};

const both = (pair: [string, string] | undefined, fallback: string) => (pair ? `${pair[0]} / ${pair[1]}` : fallback);

function formatBytes(bytes?: number): string {
  if (bytes === undefined) return '—';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${round(v, 1)} ${units[u]}`;
}

function metricMet(direction: string, value: number, target: number): boolean {
  return direction === 'lower_better' ? value <= target : value >= target;
}

function datacard(d: SeedDataset, proc: SeedProcedureVersion | undefined): SampleFile {
  const org = organizations.find((o) => o.slug === d.providerSlug);
  const s = d.size;
  const sizeText = [
    s.records !== undefined ? `${s.records.toLocaleString('en-US')} records` : null,
    s.hours !== undefined ? `${s.hours.toLocaleString('en-US')} h` : null,
    s.bytes !== undefined ? formatBytes(s.bytes) : null,
  ]
    .filter(Boolean)
    .join(' · ');
  const c = d.disclosure.conditions;
  const lines: string[] = [
    `# ${d.title.ko}`,
    `## ${d.title.en}`,
    '',
    `> ${d.summary.ko}`,
    '>',
    `> ${d.summary.en}`,
    '',
    '| 항목 · Field | 값 · Value |',
    '| --- | --- |',
    `| 제공기관 · Provider | ${org ? `${org.name.ko} / ${org.name.en}` : d.providerSlug} |`,
    `| 식별자 · Identifier | \`${d.slug}\` |`,
    `| 라이선스 · Licence | ${d.license.id}${d.license.id === 'custom' ? (d.license.commercialUse ? ' (상업적 이용 가능 / commercial use allowed)' : ' (비상업 / non-commercial)') : ''}${d.license.url ? ` — ${d.license.url}` : ''} |`,
    `| 공개 수준 · Access level | ${both(ACCESS_LABELS[d.disclosure.accessLevel], d.disclosure.accessLevel)} |`,
    `| 보안 등급 · Classification | ${both(CLASSIFICATION_LABELS[d.classification.level], d.classification.level)} |`,
    `| 개인정보 · Personal information | ${both(PERSONAL_LABELS[d.classification.personalInfo], d.classification.personalInfo)} |`,
    `| 민감정보 범주 · Sensitive categories | ${d.classification.sensitiveCategories.join(', ') || '—'} |`,
    `| 국외 이용 · Use outside Korea | ${both(CROSS_BORDER_LABELS[d.disclosure.crossBorder], d.disclosure.crossBorder)} |`,
    `| 허용 국가 · Allowed countries | ${d.disclosure.allowedCountries.join(', ')} |`,
    `| 허용 기관 유형 · Allowed organisation types | ${d.disclosure.allowedOrgTypes.join(', ')} |`,
    `| 허용 목적 · Allowed purposes | ${d.disclosure.allowedPurposes.join(', ')} |`,
    `| 수출통제 · Export control | ${d.classification.exportControl.controlled ? `${d.classification.exportControl.regime ?? 'other'}${d.classification.exportControl.reference ? ` — ${d.classification.exportControl.reference}` : ''}` : '해당 없음 / Not controlled'} |`,
    `| 국가핵심기술 · National core technology | ${d.classification.nationalCoreTechnology ? '해당 / Yes' : '비해당 / No'} |`,
    `| 기간 · Temporal coverage | ${d.temporalCoverage.start} – ${d.temporalCoverage.end} |`,
    ...(d.spatialCoverage ? [`| 공간 범위 · Spatial coverage | ${d.spatialCoverage.ko} / ${d.spatialCoverage.en} |`] : []),
    `| 규모 · Size | ${sizeText || '—'} |`,
    `| 형식 · Formats | ${d.formats.join(', ')} |`,
    `| 모달리티 · Modalities | ${d.modalities.join(', ')} |`,
    `| 과업 · Tasks | ${d.tasks.join(', ')} |`,
    `| 언어 · Languages | ${d.languages.join(', ')} |`,
    `| 기술 분야 · Technology areas | KR: ${d.techAreas.kr.join(', ') || '—'}; US CET: ${d.techAreas.us.join(', ') || '—'} |`,
    '',
    '## 설명',
    '',
    d.description.ko,
    '',
    '## Description',
    '',
    d.description.en,
    '',
    '## 이용 조건 · Terms of use',
    '',
    `- 데이터 이용 협약(DUA) · Data use agreement: ${c.dua ? '필요 / required' : '불필요 / not required'}`,
    `- 기관윤리심의(IRB) · IRB approval: ${c.irb ? '필요 / required' : '불필요 / not required'}`,
    `- 출처 표시 · Attribution: ${c.attribution ? '필요 / required' : '불필요 / not required'}`,
    `- 재배포 금지 · No redistribution: ${c.noRedistribution ? '예 / yes' : '아니요 / no'}`,
    ...(c.deleteAfterDays !== undefined ? [`- 이용 종료 후 파기 · Delete after use: ${c.deleteAfterDays}일 / days`] : []),
    `- 최대 이용 기간 · Maximum grant: ${d.disclosure.maxGrantDays}일 / days`,
  ];
  if (d.labeling) {
    lines.push('', '## 라벨링 품질 · Labeling quality', '');
    lines.push(
      `절차 · Procedure: \`${d.labeling.procedureSlug}\` v${d.labeling.procedureVersion}${proc ? ` — ${proc.title.ko} / ${proc.title.en}` : ''}`,
      '',
    );
    lines.push('| 지표 · Metric | 측정값 · Measured | 목표 · Target | 충족 · Met |', '| --- | --- | --- | --- |');
    for (const res of d.labeling.results) {
      const t = proc?.qa.targets.find((x) => x.metric === res.metric);
      lines.push(
        `| ${res.metric} | ${res.value} | ${t ? `${t.direction === 'lower_better' ? '≤' : '≥'} ${t.target}` : '—'} | ${t ? (metricMet(t.direction, res.value, t.target) ? '예 / yes' : '아니요 / no') : '—'} |`,
      );
    }
    for (const t of proc?.qa.targets ?? []) {
      if (!d.labeling.results.some((r) => r.metric === t.metric))
        lines.push(`| ${t.metric} | 미보고 / not reported | ${t.direction === 'lower_better' ? '≤' : '≥'} ${t.target} | — |`);
    }
  }
  if (d.contact) lines.push('', '## 문의 · Contact', '', `${d.contact.name} <${d.contact.email}>`);
  lines.push('', '---', '', '이 데이터 카드는 데모용 가상 데이터입니다. · This data card describes fictional demo data.', '');
  return { kind: 'datacard', filename: 'DATACARD.md', contentType: 'text/markdown', body: Buffer.from(lines.join('\n'), 'utf8') };
}

function guideline(slug: string, p: SeedProcedureVersion): SampleFile {
  const lines: string[] = [
    `# ${p.title.ko} (v${p.version})`,
    `## ${p.title.en} (v${p.version})`,
    '',
    `절차 식별자 · Procedure: \`${slug}\` · 상태 · Status: ${p.status} · 과업 · Task: ${p.taskType}`,
    '',
    '## 개요 · Overview',
    '',
    p.guideline.summary.ko,
    '',
    p.guideline.summary.en,
    '',
    '## 라벨 체계 · Label schema',
    '',
    '| 코드 · Code | 이름 · Name | 설명 · Description |',
    '| --- | --- | --- |',
    ...p.labelSchema.classes.map(
      (c) => `| \`${c.code}\` | ${c.name.ko} / ${c.name.en} | ${c.description ? `${c.description.ko}<br>${c.description.en}` : ''} |`,
    ),
  ];
  if (p.labelSchema.attributes?.length) {
    lines.push('', '### 속성 · Attributes', '');
    for (const a of p.labelSchema.attributes)
      lines.push(`- \`${a.code}\` — ${a.name.ko} / ${a.name.en}${a.values ? `: ${a.values.join(', ')}` : ''}`);
  }
  lines.push(
    '',
    '## 작업 인력 · Workforce',
    '',
    `- 유형 · Type: ${p.workforce.type}, 항목당 작업자 · Annotators per item: ${p.workforce.annotatorsPerItem}`,
    `- 자격 · Qualification: ${p.workforce.qualification.ko} / ${p.workforce.qualification.en}`,
    `- 도구 · Tools: ${p.tools.join(', ')}`,
    '',
    '## 작업 절차 · Steps',
    '',
  );
  p.steps.forEach((s, i) => {
    lines.push(`${i + 1}. **${s.name.ko} · ${s.name.en}**`, `   - ${s.description.ko}`, `   - ${s.description.en}`);
  });
  lines.push(
    '',
    '## 품질 관리 · Quality assurance',
    '',
    `- 검수 방식 · Inspection: ${p.qa.inspection}${p.qa.samplingRate !== undefined ? ` (${Math.round(p.qa.samplingRate * 100)}%)` : ''}`,
    `- 검증 주체 · Verified by: ${p.qa.verifiedBy}`,
    ...p.qa.targets.map((t) => `- ${t.metric} ${t.direction === 'lower_better' ? '≤' : '≥'} ${t.target}`),
    '',
  );
  return {
    kind: 'guideline',
    filename: `GUIDELINE-${slug}-v${p.version}.md`,
    contentType: 'text/markdown',
    body: Buffer.from(lines.join('\n'), 'utf8'),
  };
}

type JsonSchema = Record<string, unknown>;

/** Infer a small JSON Schema from an example value. */
function inferSchema(value: unknown): JsonSchema {
  if (value === null) return { type: 'null' };
  if (Array.isArray(value)) return value.length ? { type: 'array', items: inferSchema(value[0]) } : { type: 'array' };
  switch (typeof value) {
    case 'string':
      return { type: 'string' };
    case 'number':
      return { type: Number.isInteger(value) ? 'integer' : 'number' };
    case 'boolean':
      return { type: 'boolean' };
    case 'object': {
      const props: Record<string, JsonSchema> = {};
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) props[k] = inferSchema(v);
      return { type: 'object', properties: props, required: Object.keys(props) };
    }
    default:
      return {};
  }
}

function schemaFor(d: SeedDataset, samples: SampleFile[]): SampleFile {
  const base = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `urn:kus-data-bridge:${d.slug}:record`,
    title: `${d.title.en} — record`,
    description: `${d.title.ko} 레코드 구조 / record structure`,
  };
  const structured = samples.find(
    (s) => s.contentType === 'application/x-ndjson' || (s.contentType === 'application/json' && s.kind === 'sample'),
  );
  const csv = samples.find((s) => s.contentType === 'text/csv');
  let schema: JsonSchema;
  if (structured) {
    const text = structured.body.toString('utf8');
    const first = structured.contentType === 'application/x-ndjson' ? text.split('\n')[0] : text;
    schema = { ...base, 'x-source-file': structured.filename, ...inferSchema(JSON.parse(first)) };
  } else if (csv) {
    const [headerLine, firstRow] = csv.body.toString('utf8').split('\n');
    const header = headerLine.split(',');
    const cells = (firstRow ?? '').split(',');
    const props: Record<string, JsonSchema> = {};
    header.forEach((h, i) => {
      props[h] = cells[i] !== undefined && cells[i] !== '' && !Number.isNaN(Number(cells[i])) ? { type: 'number' } : { type: 'string' };
    });
    schema = { ...base, 'x-source-file': csv.filename, type: 'object', properties: props, required: header };
  } else {
    // Closed datasets ship no samples: describe the catalogue-level table layout instead.
    schema = {
      ...base,
      type: 'object',
      description: `${d.title.ko} — 데이터는 비공개이며 필드 목록만 제공 / data is closed; field list only`,
      properties: { record_id: { type: 'string' }, timestamp: { type: 'string', format: 'date-time' } },
      required: ['record_id'],
    };
  }
  return jsonFile('schema', 'schema.json', schema, 'application/json');
}

// =============================================================================================
// Entry point
// =============================================================================================

/** Demo artifacts for one dataset. Deterministic; every body ≤ 64 KiB. */
export function samplesFor(dataset: SeedDataset): SampleFile[] {
  const proc = dataset.labeling ? findProcedureVersion(dataset.labeling.procedureSlug, dataset.labeling.procedureVersion) : undefined;
  const samples = dataset.disclosure.accessLevel === 'closed' ? [] : (GENERATORS[dataset.slug] ?? genericSamples)(dataset);
  const files: SampleFile[] = [...samples, datacard(dataset, proc), schemaFor(dataset, samples)];
  if (dataset.labeling && proc) files.push(guideline(dataset.labeling.procedureSlug, proc));
  for (const f of files) {
    if (f.body.length > MAX_SAMPLE_BYTES) throw new Error(`sample ${dataset.slug}/${f.filename} exceeds ${MAX_SAMPLE_BYTES} bytes`);
  }
  return files;
}

// =============================================================================================
// Full data (docs/design.md §3 artifacts `data`)
// =============================================================================================

/** A generated full-data file: a stand-in for the whole dataset, small enough to seed quickly. */
export interface FullDataFile {
  kind: 'data';
  filename: string;
  contentType: string;
  body: Buffer;
}

/** Size of each seeded full-data file. */
export const FULL_DATA_BYTES = 256 * 1024;

/**
 * The full data of a demo dataset, for every dataset whose data can leave the provider (not
 * `closed`, not `enclave`): a deterministic JSON Lines manifest of records — id, split, the
 * dataset's modality and task, and a checksum-like digest — filled to FULL_DATA_BYTES. Null for the
 * others, whose access the dataset describes without a file.
 */
export function fullDataFor(dataset: SeedDataset): FullDataFile | null {
  if (dataset.disclosure.accessLevel === 'closed' || dataset.disclosure.accessLevel === 'enclave') return null;
  const modality = dataset.modalities[0] ?? 'multimodal';
  const task = dataset.tasks?.[0] ?? 'classification';
  const lines: string[] = [];
  let bytes = 0;
  // A small linear congruential generator keeps the content byte-identical across runs.
  let state = [...dataset.slug].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7);
  for (let i = 1; bytes < FULL_DATA_BYTES; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const split = state % 10 < 8 ? 'train' : state % 10 < 9 ? 'validation' : 'test';
    const line = `${JSON.stringify({ id: `${dataset.slug}-${String(i).padStart(7, '0')}`, split, modality, task, digest: state.toString(16).padStart(8, '0') })}\n`;
    lines.push(line);
    bytes += Buffer.byteLength(line);
  }
  const body = Buffer.from(lines.join(''), 'utf8').subarray(0, FULL_DATA_BYTES);
  // Cut at the last whole line so every record parses.
  const end = body.lastIndexOf(0x0a) + 1;
  return { kind: 'data', filename: `${dataset.slug}-full.jsonl`, contentType: 'application/x-ndjson', body: Buffer.from(body.subarray(0, end)) };
}
