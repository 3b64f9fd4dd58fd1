// Minimal valid documents for schema tests; override any top-level part.

/** Content that passes `datasets.publishable` and the registration rules (public, open, CC BY). */
export function publishableDataset(overrides: Record<string, unknown> = {}): Record<string, any> {
  return {
    slug: 'korean-speech',
    title: { ko: '한국어 음성 데이터', en: 'Korean speech data' },
    summary: { ko: '자유 발화 음성과 전사입니다.', en: 'Spontaneous speech with transcripts.' },
    description: { ko: '화자 500명의 자유 발화 음성입니다.', en: 'Spontaneous speech by 500 speakers.' },
    modalities: ['speech'],
    license: { id: 'CC-BY-4.0' },
    disclosure: {
      accessLevel: 'open',
      samplesAccess: 'open',
      allowedCountries: ['*'],
      allowedOrgTypes: ['*'],
      allowedPurposes: ['research'],
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

/** A procedure version's content that passes `labelingProcedures.activatable`. */
export function activatableProcedure(overrides: Record<string, unknown> = {}): Record<string, any> {
  return {
    title: { ko: '음성 전사 절차', en: 'Speech transcription procedure' },
    taskType: 'asr',
    modalities: ['speech'],
    labelSchema: {
      classes: [
        { code: 'speech', name: { ko: '발화', en: 'Speech' } },
        { code: 'noise', name: { ko: '잡음', en: 'Noise' } },
      ],
    },
    guideline: { summary: { ko: '들리는 대로 전사합니다.', en: 'Transcribe verbatim.' } },
    workforce: { type: 'crowd', annotatorsPerItem: 2 },
    tools: ['Praat'],
    steps: [{ name: { ko: '전사', en: 'Transcription' }, description: { ko: '전사합니다.', en: 'Transcribe.' } }],
    qa: {
      inspection: 'sampling',
      samplingRate: 0.1,
      verifiedBy: 'tta',
      targets: [{ metric: 'cer', target: 0.05, direction: 'lower_better' }],
    },
    ...overrides,
  };
}
