/**
 * How long a test waits for its own clean database: a fresh PGlite migrated from scratch versus
 * a copy of a migrated template (what tests/helpers/database.ts does). Prints medians of 5 runs.
 *   npm run bench:testdb
 */
import { PGlite } from '@electric-sql/pglite';
import { wrapPglite } from '../src/storage/client.js';
import { runMigrations } from '../src/storage/migrate.js';

const RUNS = 5;

async function time(fn: () => Promise<void>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const fresh: number[] = [];
for (let i = 0; i < RUNS; i += 1) {
  fresh.push(
    await time(async () => {
      const handle = wrapPglite(new PGlite());
      await runMigrations(handle);
      await handle.close();
    }),
  );
}

const template = wrapPglite(new PGlite());
await runMigrations(template);
const dump = await template.pglite!.dumpDataDir('none');
await template.close();
const copies: number[] = [];
for (let i = 0; i < RUNS; i += 1) {
  copies.push(
    await time(async () => {
      const client = new PGlite({ loadDataDir: dump });
      await client.waitReady;
      await client.close();
    }),
  );
}

const f = median(fresh);
const c = median(copies);
console.log(`fresh PGlite + migrations: median ${f.toFixed(0)} ms over ${RUNS} runs`);
console.log(`copy of migrated template: median ${c.toFixed(0)} ms over ${RUNS} runs`);
console.log(`ratio: the copy takes ${(c / f).toFixed(2)} of the fresh start (${(f / c).toFixed(1)}x faster)`);
