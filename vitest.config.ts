import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // The real-browser tests have their own command (npm run test:browser, vitest.browser.config.ts).
    exclude: ['tests/browser/**', 'node_modules/**'],
    globalSetup: ['tests/helpers/global-setup.ts'],
    // Bounds, not speed checks (how fast is for the benchmarks): on a shared 2-core machine under
    // load (load average 20 seen) a database set-up alone takes over a minute, and a test that
    // would pass must not fail because the machine was busy.
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // Two cores: two workers keep PGlite's WASM start-up from starving the tests.
    maxWorkers: 2,
  },
});
