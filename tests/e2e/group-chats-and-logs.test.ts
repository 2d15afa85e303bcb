import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vi as messages } from '../../src/core/messages/vi.js';
import { openDatabase, queryRows, type Database } from '../../src/storage/client.js';
import { runMigrations } from '../../src/storage/migrate.js';
import { createEmptyPostgresDatabase } from '../helpers/database.js';
import { FakeTelegram } from '../helpers/fake-telegram.js';
import { postUpdate, prepareSecretaries, SECRET, textUpdate } from '../helpers/reliability-fixtures.js';
import { killStartedServices, startServiceProcess, type ServiceProcess } from '../helpers/service-process.js';
import { SLOW_TEST_TIMEOUT_MS } from '../helpers/timeouts.js';

/**
 * The real service (`node --import tsx src/main.ts`, webhook mode, LOG_LEVEL=debug) as an attacker
 * and an operator see it: commands typed in a Telegram group never answer there and never move
 * the account's chat; the bot token, the webhook secret and what people wrote (names, texts)
 * never reach the log, even when handling an update or a Bot API call fails.
 */

const TOKEN = '987654:LEAKCHECK_token_abcdefghijklmnopqrstuvwxyz';
const GROUP = -1001234567890;
/** A display name the database refuses for this test (a trigger), standing in for any update that cannot be handled. */
const POISON_NAME = 'Tên Gây Lỗi';

let dir: string;
let fake: FakeTelegram;
let pg: { url: string; drop: () => Promise<void> } | null = null;
let service: ServiceProcess | undefined;
let chat: number;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chibo-groups-'));
  fake = await new FakeTelegram().start();
  pg = await createEmptyPostgresDatabase();
  chat = await withDatabase(async (db) => {
    const [id] = await prepareSecretaries(db, 1);
    await db.execute(sql`
      create function refuse_poison() returns trigger language plpgsql as $$
      begin
        if new.display_name like '%${sql.raw(POISON_NAME)}%' then raise exception 'refused for the test'; end if;
        return new;
      end $$`);
    await db.execute(sql`create trigger refuse_poison before insert or update on channel_accounts for each row execute function refuse_poison()`);
    return id!;
  });
}, SLOW_TEST_TIMEOUT_MS);
afterAll(async () => {
  killStartedServices();
  await fake.stop();
  await pg?.drop();
  await rm(dir, { recursive: true, force: true });
});

async function withDatabase<T>(work: (db: Database) => Promise<T>): Promise<T> {
  const handle = await openDatabase(pg ? { kind: 'postgres', url: pg.url } : { kind: 'pglite', dataDir: join(dir, 'data') });
  try {
    await runMigrations(handle);
    return await work(handle.db);
  } finally {
    await handle.close();
  }
}

function env(extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...(pg ? { DATABASE_URL: pg.url } : { DATA_DIR: join(dir, 'data') }),
    TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_BOT_USERNAME: 'chibo_test_bot', TELEGRAM_API_ROOT: fake.url, TELEGRAM_WEBHOOK_SECRET: SECRET,
    LOG_LEVEL: 'debug',
    ...extra,
  };
}

async function stop(s: ServiceProcess): Promise<void> {
  s.child.kill('SIGTERM');
  await s.exited;
}

function groupUpdate(updateId: number, text: string, type: 'group' | 'supergroup' = 'supergroup'): Record<string, unknown> {
  const from = { id: chat, is_bot: false, first_name: 'Thử', last_name: 'Độ Bền' };
  return { update_id: updateId, message: { message_id: updateId, date: Math.floor(Date.now() / 1000), chat: { id: GROUP, type, title: 'Chi bộ và bạn bè' }, from, text } };
}

describe('the real service in a Telegram group, and its log', () => {
  it('answers nothing in a group, runs no command there, keeps the private chat, and says once, privately, to write there', async () => {
    service = await startServiceProcess(env());
    const commands = ['/xuat', '/donvi RL.CB1', '/tonghop', '/chuanop', '/baocaosoket', '/baocao', 'bắt đầu'];
    for (const [i, text] of commands.entries()) expect(await postUpdate(service.url, groupUpdate(7000 + i, text, i % 2 ? 'group' : 'supergroup'))).toBe(200);
    // A button forged in the group: acknowledged, nothing else.
    const tap = { update_id: 7100, callback_query: { id: 'cbg', from: { id: chat, is_bot: false, first_name: 'Thử' }, chat_instance: 'g', data: 'unit:1', message: { message_id: 1, date: 0, chat: { id: GROUP, type: 'supergroup', title: 'x' } } } };
    expect(await postUpdate(service.url, tap)).toBe(200);
    // Then a private message: it is answered in the private chat.
    expect(await postUpdate(service.url, textUpdate(7200, chat, '/tiendo'))).toBe(200);
    await fake.waitFor(() => fake.sent(chat).length >= 2, 60_000);
    await stop(service);

    expect(fake.calls.filter((c) => String(c.body.chat_id) === String(GROUP))).toEqual([]);
    expect(fake.calls.filter((c) => c.method === 'sendDocument')).toEqual([]);
    const texts = fake.sent(chat).map((m) => m.text);
    expect(texts.filter((t) => t === messages.menu.writePrivately)).toHaveLength(1);
    expect(texts).toHaveLength(2);
    const rows = await withDatabase((db) =>
      queryRows<{ chat_id: string; conversations: number; outbound: number }>(
        db,
        sql`select a.chat_id, (select count(*)::int from conversations c where c.account_id = a.id) as conversations,
                   (select count(*)::int from outbound_messages o where o.account_id = a.id) as outbound
              from channel_accounts a`,
      ),
    );
    expect(rows).toEqual([{ chat_id: String(chat), conversations: 0, outbound: 2 }]);
  }, SLOW_TEST_TIMEOUT_MS);

  it('keeps the token, the secret and what people wrote out of the log when an update or a Bot API call fails', async () => {
    service = await startServiceProcess(env());
    // An update the database refuses: acknowledged, kept with its error, and the person's next update flows.
    const poison = textUpdate(7300, chat, 'nội dung riêng tư 4711');
    (poison.message as { from: { first_name: string } }).from.first_name = POISON_NAME;
    expect(await postUpdate(service.url, poison)).toBe(200);
    // A Bot API call whose connection is cut (grammY's error carries the URL, with the token, in it).
    fake.failNext('answerCallbackQuery', { status: -1, description: '' });
    fake.failNext('sendMessage', { status: -1, description: '' });
    const tap = { update_id: 7301, callback_query: { id: 'cb1', from: { id: chat, is_bot: false, first_name: 'Thử' }, chat_instance: 'p', data: 'x', message: { message_id: 1, date: 0, chat: { id: chat, type: 'private' } } } };
    expect(await postUpdate(service.url, tap)).toBe(200);
    expect(await postUpdate(service.url, textUpdate(7302, chat, '/tiendo'))).toBe(200);
    const delivered = () => fake.delivered().filter((m) => String(m.chat_id) === String(chat)).map((m) => m.text);
    await fake.waitFor(() => delivered().includes(messages.menu.noOpenCheckin) && delivered().some((t) => t.includes('Chi bộ Thử')), 120_000);
    await stop(service);

    const log = service.output();
    expect(log).toContain('7300');
    expect(log).toMatch(/answerCallbackQuery|send failed/);
    for (const secret of [TOKEN, TOKEN.split(':')[1]!, SECRET, POISON_NAME, 'nội dung riêng tư 4711']) expect(log).not.toContain(secret);
    const kept = await withDatabase((db) => queryRows<{ external_id: string; last_error: string }>(db, sql`select external_id, last_error from webhook_inbox where channel = 'telegram'`));
    expect(kept).toEqual([{ external_id: '7300', last_error: expect.stringContaining('refused for the test') }]);
  }, SLOW_TEST_TIMEOUT_MS);

  it('starts while the Bot API cannot be reached, keeps trying, and never prints the token', async () => {
    service = await startServiceProcess(env({ TELEGRAM_API_ROOT: 'http://127.0.0.1:1' }));
    const deadline = Date.now() + 60_000;
    while (!/reaching the Telegram Bot API \(getMe\) failed/.test(service.output()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect((await fetch(`${service.url}/healthz`)).status).toBe(200);
    await stop(service);
    const log = service.output();
    expect(log).toMatch(/reaching the Telegram Bot API \(getMe\) failed/);
    expect(log).not.toContain(TOKEN.split(':')[1]!);
    expect(log).toContain('[redacted]');
  }, SLOW_TEST_TIMEOUT_MS);
});
