import { defineConfig } from 'vitest/config';

/**
 * `npm run test:browser`: the web console in a real Chromium (Debian's, driven by playwright-core).
 * Kept out of `npm test`, which must pass on a machine without a browser.
 */
export default defineConfig({
  test: {
    include: ['tests/browser/**/*.test.ts'],
    globalSetup: ['tests/helpers/global-setup.ts'],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    pool: 'forks',
    maxWorkers: 1,
  },
});
