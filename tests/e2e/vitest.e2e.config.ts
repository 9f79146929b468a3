// End-to-end suite (headless Chromium): `npm run test:e2e`. One file at a time: each starts a
// server with its own database and a browser.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['tests/e2e/**/*.e2e.test.ts'],
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 120_000,
    // Loading the bundled data and ranking 16 000 facilities takes minutes on a busy 2-core machine.
    hookTimeout: 600_000,
  },
});
