import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from './client.js';

let cursors = 0;

/**
 * Streams a query's rows page by page through a server-side cursor, so an export of a
 * province over a year never holds all its rows. Works on PostgreSQL and PGlite alike; it
 * must run inside a transaction (a cursor lives as long as its transaction).
 */
export async function* streamRows<T>(tx: Db, query: SQL, pageSize = 2000): AsyncGenerator<T[]> {
  const name = `rows_cursor_${(cursors += 1)}`;
  await tx.execute(sql`declare ${sql.raw(name)} no scroll cursor for ${query}`);
  try {
    for (;;) {
      const rows = await queryRows<T>(tx, sql.raw(`fetch ${pageSize} from ${name}`));
      if (rows.length > 0) yield rows;
      if (rows.length < pageSize) return;
    }
  } finally {
    await tx.execute(sql.raw(`close ${name}`)).catch(() => undefined);
  }
}
