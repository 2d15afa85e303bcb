import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, queryRows, type DatabaseHandle } from '../../src/storage/client.js';
import { runMigrations } from '../../src/storage/migrate.js';
import { createEmptyPostgresDatabase } from '../helpers/database.js';
import { FakeTelegram } from '../helpers/fake-telegram.js';
import { postUpdate, prepareSecretaries, SCRIPT, SECRET, textUpdate, TOKEN } from '../helpers/reliability-fixtures.js';
import { killStartedServices, startServiceProcess } from '../helpers/service-process.js';

/**
 * SIGTERM while answers are flowing in: the service stops taking updates (new connections are
 * refused, a request on an open connection gets 503), answers the ones in flight, sends their
 * replies, stops the scheduler and the outbox, closes the database and exits 0, within a bound.
 * Every update it acknowledged is stored and its reply delivered; what it refused is Telegram's
 * to send again.
 */

let dir: string;
let fake: FakeTelegram;
let pg: { url: string; drop: () => Promise<void> } | null = null;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chibo-sigterm-'));
  fake = await new FakeTelegram().start();
  pg = await createEmptyPostgresDatabase();
});
afterAll(async () => {
  killStartedServices();
  await fake.stop();
  await pg?.drop();
  await rm(dir, { recursive: true, force: true });
});

async function open(): Promise<DatabaseHandle> {
  return openDatabase(pg ? { kind: 'postgres', url: pg.url } : { kind: 'pglite', dataDir: join(dir, 'data') });
}

describe('SIGTERM in the middle of the load', () => {
  it('answers what is in flight, refuses the rest, stores every acknowledged answer with its reply sent, and exits 0', async () => {
    const setup = await open();
    await runMigrations(setup);
    const chats = await prepareSecretaries(setup.db, 40);
    await setup.close();

    const service = await startServiceProcess({
      ...(pg ? { DATABASE_URL: pg.url } : { DATA_DIR: join(dir, 'data') }),
      TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: fake.url, TELEGRAM_WEBHOOK_SECRET: SECRET, LOG_LEVEL: 'info',
    });
    let nextId = 1;
    const acknowledged: number[] = [];
    const refused = new Map<string, number>();
    let terminated = false;
    const worker = async (chat: number) => {
      for (const text of SCRIPT) {
        const update = textUpdate(nextId++, chat, text);
        for (;;) {
          const status = await postUpdate(service.url, update);
          if (status === 200) {
            acknowledged.push(update.update_id as number);
            break;
          }
          // Before the signal only a connection lost in a keep-alive race may fail (Telegram sends it
          // again); after it, this secretary's updates wait for Telegram's redelivery.
          if (!terminated && status === null) continue;
          if (!terminated) throw new Error(`refused before SIGTERM: ${status}`);
          refused.set(String(status), (refused.get(String(status)) ?? 0) + 1);
          return;
        }
      }
    };
    const load = Promise.all(chats.map(worker));
    while (acknowledged.length < chats.length * 3) await new Promise((r) => setTimeout(r, 5));
    terminated = true;
    service.child.kill('SIGTERM');
    const exit = await Promise.race([service.exited, new Promise<'hung'>((r) => setTimeout(() => r('hung'), 30_000))]);
    await load;
    expect(exit).toEqual({ code: 0, signal: null });
    expect(service.output()).toContain('Stopped');
    // After the exit, nobody is listening.
    expect(await postUpdate(service.url, textUpdate(nextId++, chats[0]!, '1'))).toBeNull();
    console.log(`SIGTERM: ${acknowledged.length} updates acknowledged, refused: ${JSON.stringify(Object.fromEntries(refused))}`);
    expect(acknowledged.length).toBeLessThan(chats.length * SCRIPT.length);

    const check = await open();
    try {
      const stored = await queryRows<{ external_id: string }>(check.db, sql`select external_id from inbound_messages`);
      const storedIds = new Set(stored.map((r) => Number(r.external_id)));
      expect(acknowledged.filter((id) => !storedIds.has(id))).toEqual([]);
      // Every reply of an acknowledged update went out before the exit, and was recorded.
      const replies = await queryRows<{ dedupe_key: string; status: string }>(check.db, sql`select dedupe_key, status from outbound_messages where purpose = 'reply'`);
      const ackedKeys = new Set(acknowledged.map((id) => `reply:telegram:${id}:0`));
      expect(replies.filter((r) => ackedKeys.has(r.dedupe_key) && r.status !== 'sent')).toEqual([]);
      expect(replies.filter((r) => ackedKeys.has(r.dedupe_key))).toHaveLength(acknowledged.length);
      expect(fake.delivered().length).toBeGreaterThanOrEqual(acknowledged.length);
    } finally {
      await check.close();
    }
  }, 180_000);
});
