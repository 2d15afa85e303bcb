import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // The real-browser tests have their own command (npm run test:browser, vitest.browser.config.ts).
    exclude: ['tests/browser/**', 'node_modules/**'],
    globalSetup: ['tests/helpers/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Two cores: two workers keep PGlite's WASM start-up from starving the tests.
    maxWorkers: 2,
  },
});
