import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { queryRows, type DatabaseHandle } from '../../src/storage/client.js';
import { streamRows } from '../../src/storage/cursor.js';
import { createTestDatabase } from '../helpers/database.js';

let handle: DatabaseHandle;
beforeEach(async () => {
  handle = await createTestDatabase();
});
afterEach(async () => {
  await handle.close();
});

describe('streamRows', () => {
  it('gives every row once, in order, page by page', async () => {
    const pages = await handle.db.transaction(async (tx) => {
      const seen: number[][] = [];
      for await (const page of streamRows<{ n: number }>(tx, sql`select g::int as n from generate_series(1, 25) g order by g`, 10)) seen.push(page.map((r) => r.n));
      return seen;
    });
    expect(pages.map((p) => p.length)).toEqual([10, 10, 5]);
    expect(pages.flat()).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
  });

  it('leaves the transaction usable when the reader stops early, with the next page already asked for', async () => {
    const after = await handle.db.transaction(async (tx) => {
      for await (const page of streamRows<{ n: number }>(tx, sql`select g::int as n from generate_series(1, 100) g`, 10)) {
        expect(page).toHaveLength(10);
        break;
      }
      return queryRows<{ ok: number }>(tx, sql`select 1 as ok`);
    });
    expect(after).toEqual([{ ok: 1 }]);
  });
});
