import { sql } from 'drizzle-orm';
import { seedDemo } from '../../src/services/seed-demo.js';
import type { DatabaseHandle } from '../../src/storage/client.js';
import { createTestDatabase } from './database.js';

/**
 * A clean database with the demo organisation (seeded as of 21/11/2026 10:00 in Vietnam) in
 * which everyone with a role has pressed Start on Telegram: chat id "p<person id>".
 */
export async function createDemoOnTelegram(timeZone: string): Promise<DatabaseHandle> {
  const handle = await createTestDatabase();
  await seedDemo(handle.db, { now: new Date('2026-11-21T03:00:00Z'), timeZone });
  await handle.db.execute(sql`
    insert into channel_accounts (person_id, channel, external_user_id, chat_id, display_name)
    select p.id, 'telegram', 'p' || p.id, 'p' || p.id, p.full_name from people p`);
  return handle;
}
