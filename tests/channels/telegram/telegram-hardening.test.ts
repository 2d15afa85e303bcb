import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningService } from '../../../src/service.js';
import { queryRows } from '../../../src/storage/client.js';
import { vi as messages } from '../../../src/core/messages/vi.js';
import { INBOX_MAX_ATTEMPTS } from '../../../src/services/inbox-worker.js';
import { createInvitation } from '../../../src/services/invite.js';
import { FakeTelegram, telegramUser } from '../../helpers/fake-telegram.js';
import { startTestService } from '../../helpers/test-service.js';

const SECRET = 'hardening_secret_1';
let fake: FakeTelegram;
let service: RunningService;
let stopService: (() => Promise<void>) | undefined;

beforeAll(async () => {
  fake = await new FakeTelegram().start();
  // The command menu and the webhook registration fail at first: neither may stop the start.
  fake.failNext('setMyCommands', { status: 404, description: 'Not Found: method not found' }, 2);
  fake.failNext('setWebhook', { status: 502, description: 'Bad Gateway' }, 1);
  ({ service, stop: stopService } = await startTestService({
    TELEGRAM_BOT_TOKEN: '123456:TEST_TOKEN_abcdefghijklmnopqrstuvwxyz', TELEGRAM_API_ROOT: fake.url, TELEGRAM_WEBHOOK_SECRET: SECRET, PUBLIC_URL: 'https://bot.example.vn',
  }, { scheduler: false }));
});
afterAll(async () => {
  await stopService?.();
  await fake?.stop();
});

function post(update: unknown) {
  return fetch(`${service.url}/telegram/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
    body: JSON.stringify(update),
  });
}

describe('Telegram: what must not stop the service', () => {
  it('starts although the command menu and the webhook registration fail, and sets both once the Bot API accepts them', async () => {
    await service.telegram!.connected();
    expect(fake.calls.filter((c) => c.method === 'setMyCommands').map((c) => Boolean(c.failed))).toEqual([true, true, false]);
    expect(fake.calls.filter((c) => c.method === 'setWebhook').map((c) => Boolean(c.failed))).toEqual([true, false]);
  });

  it('stores a display name and text with NUL characters and lone surrogates without them, and answers', async () => {
    const user = telegramUser(9301, 'Nguyễn\u0000 Văn\uD800');
    const response = await post(user.text('/trogiup\u0000'));
    expect(response.status).toBe(200);
    await fake.waitFor(() => fake.sent(9301).length === 1);
    const [row] = await queryRows<{ display_name: string }>(service.database.db, sql`select display_name from channel_accounts where external_user_id = '9301'`);
    expect(row?.display_name).toBe('Nguyễn Văn');
  });

  it('sets aside an update that keeps failing, with its error, answers 200, and lets the same person\'s next update through', async () => {
    const db = service.database.db;
    await db.execute(sql`
      create or replace function refuse_marked() returns trigger language plpgsql as $$
      begin
        if new.display_name = 'Hỏng' then raise exception 'refused for the test'; end if;
        return new;
      end $$`);
    await db.execute(sql`create trigger refuse_marked before insert or update on channel_accounts for each row execute function refuse_marked()`);
    try {
      const poison = telegramUser(9302, 'Hỏng').text('/trogiup');
      expect((await post(poison)).status).toBe(200);
      const later = telegramUser(9302, 'Lành').text('/trogiup');
      expect((await post(later)).status).toBe(200);
      await fake.waitFor(() => fake.sent(9302).length === 1);
      for (let i = 1; i < INBOX_MAX_ATTEMPTS; i++) await service.telegram!.retryFailedUpdates();
      const kept = await queryRows<{ external_id: string; attempts: number; last_error: string; processed_at: unknown }>(
        db,
        sql`select external_id, attempts, last_error, processed_at from webhook_inbox where channel = 'telegram' and sender_id = '9302'`,
      );
      expect(kept).toEqual([{ external_id: String(poison.update_id), attempts: INBOX_MAX_ATTEMPTS, last_error: expect.stringContaining('refused for the test'), processed_at: expect.anything() }]);
      // Telegram delivering it once more changes nothing and is answered 200.
      expect((await post(poison)).status).toBe(200);
      expect(await service.telegram!.retryFailedUpdates()).toBe(0);
      expect(fake.sent(9302)).toHaveLength(1);
    } finally {
      await db.execute(sql`drop trigger refuse_marked on channel_accounts`);
    }
  });

  it('tells the person when the file they asked for cannot be sent in the end', async () => {
    const leader = telegramUser(9303, 'Đinh Văn Tú');
    const { code } = await createInvitation(service.database.db, { unitCode: 'KT.KONRAY.DTL', role: 'leader', days: 14, now: new Date() });
    await post(leader.text(`/start ${code}`));
    await fake.waitFor(() => fake.sent(9303).length === 1);
    fake.failWhen('sendDocument', () => ({ status: 400, description: 'Bad Request: file is too big' }));
    try {
      await post(leader.text('/xuat xlsx 06/2026-11/2026'));
      await fake.waitFor(() => fake.sent(9303).some((m) => m.text === messages.export.sendFailed), 60_000);
      expect(fake.sent(9303).map((m) => m.text)).toEqual([expect.stringContaining('Chào mừng'), messages.export.preparing, messages.export.sendFailed]);
    } finally {
      fake.failWhen('sendDocument', null);
    }
  });

  it('takes the server\'s clock, not a message\'s date: a message dated a month ahead does not hold its reply\'s claim', async () => {
    const user = telegramUser(9304);
    const update = user.text('/trogiup');
    update.message.date = Math.floor(Date.now() / 1000) + 30 * 86_400;
    const before = Date.now();
    expect((await post(update)).status).toBe(200);
    await fake.waitFor(() => fake.sent(9304).length === 1);
    const rows = await queryRows<{ received_at: unknown; created_at: unknown; next_attempt_at: unknown }>(
      service.database.db,
      sql`select i.received_at, o.created_at, o.next_attempt_at from inbound_messages i, outbound_messages o
           join channel_accounts a on a.id = o.account_id
          where i.external_id = ${String(update.update_id)} and a.external_user_id = '9304'`,
    );
    const hour = 3_600_000;
    for (const value of [rows[0]!.received_at, rows[0]!.created_at, rows[0]!.next_attempt_at]) expect(new Date(String(value)).getTime()).toBeLessThan(before + hour);
  });
});
