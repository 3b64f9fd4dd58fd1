import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // One MongoDB-protocol server and one S3 server for the whole run; files use their own databases.
    globalSetup: ['tests/setup/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // The machines have 2 cores.
    maxWorkers: 2,
    fileParallelism: true,
  },
});
