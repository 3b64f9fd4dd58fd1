import type { S3Settings } from '../../server/infra/s3';

// What tests/setup/global-setup.ts hands to every test file via inject('services').
declare module 'vitest' {
  export interface ProvidedContext {
    services: {
      /** `mongodb://host:port` without a database name: each test file picks its own dbName. */
      mongoUri: string;
      s3: S3Settings;
    };
  }
}

export {};
