import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from './client.js';

let cursors = 0;

/**
 * Streams a query's rows page by page through a server-side cursor, so an export of a
 * province over a year never holds all its rows. The next page is asked for before the current
 * one is handed over, so the database reads while the caller renders (two pages in memory at
 * most). Works on PostgreSQL and PGlite alike; it must run inside a transaction (a cursor lives
 * as long as its transaction).
 */
export async function* streamRows<T>(tx: Db, query: SQL, pageSize = 2000): AsyncGenerator<T[]> {
  const name = `rows_cursor_${(cursors += 1)}`;
  await tx.execute(sql`declare ${sql.raw(name)} no scroll cursor for ${query}`);
  const fetchPage = () => {
    const page = queryRows<T>(tx, sql.raw(`fetch ${pageSize} from ${name}`));
    page.catch(() => undefined); // a failure is thrown where the page is awaited, not reported as unhandled meanwhile
    return page;
  };
  let next: Promise<T[]> | null = fetchPage();
  try {
    while (next) {
      const rows: T[] = await next;
      next = rows.length < pageSize ? null : fetchPage();
      if (rows.length > 0) yield rows;
    }
  } finally {
    // A caller that stops early leaves a fetch in flight: let it settle before the close.
    if (next) await next.catch(() => undefined);
    await tx.execute(sql.raw(`close ${name}`)).catch(() => undefined);
  }
}
