import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../src/storage/client.js';

/**
 * Waits until no reply is waiting in the outbox (queued or being sent): an update that queued
 * several replies (a welcome and the next step, a summary in two parts) has then had them all
 * delivered, so a test reads the conversation as the person sees it, however loaded the machine.
 */
export async function waitForRepliesSent(db: Db, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from outbound_messages where purpose = 'reply' and status in ('pending', 'sending')`);
    if (Number(row!.n) === 0) return;
    if (Date.now() > deadline) throw new Error(`${row!.n} replies still waiting in the outbox after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
