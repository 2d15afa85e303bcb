import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { vi as messages } from '../../src/core/messages/vi.js';
import { createLogger } from '../../src/log.js';
import { startService, type RunningService } from '../../src/service.js';
import { createInvitation } from '../../src/services/invite.js';
import { INVITATION_ATTEMPT_LIMIT } from '../../src/services/onboarding.js';
import { queryRows } from '../../src/storage/client.js';
import { createEmptyPostgresDatabase } from '../helpers/database.js';
import { FakeTelegram } from '../helpers/fake-telegram.js';
import { conversationPoints, postUpdate, prepareSecretaries, SECRET, textUpdate, TOKEN } from '../helpers/reliability-fixtures.js';

/**
 * Hostile input at the webhook, on top of what the Telegram webhook tests already cover (no or a
 * wrong secret, an oversized body with a truthful length): bodies that are not updates, a length
 * announced far over the limit (refused before the body is sent), unknown update types, callback
 * data never issued or drawn for someone else, and invitation codes guessed in a row. None of it
 * crashes the service or changes anything but the audit log.
 */

let dir: string;
let fake: FakeTelegram;
let service: RunningService;
let dropDatabase: (() => Promise<void>) | undefined;
let chats: number[];
let clockShiftMs = 0;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chibo-hostile-'));
  fake = await new FakeTelegram().start();
  const pg = await createEmptyPostgresDatabase();
  dropDatabase = pg?.drop;
  const config = parseConfig({
    ...(pg ? { DATABASE_URL: pg.url } : { DATA_DIR: join(dir, 'data') }),
    HTTP_PORT: '0', TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: fake.url, TELEGRAM_WEBHOOK_SECRET: SECRET,
  });
  // The service's clock, moved forward where a test needs time to pass (a message's own date is never trusted).
  service = await startService(config, { log: createLogger('silent'), now: () => new Date(Date.now() + clockShiftMs) });
  chats = await prepareSecretaries(service.database.db, 2);
});
afterAll(async () => {
  await service.stop();
  await fake.stop();
  await dropDatabase?.();
  await rm(dir, { recursive: true, force: true });
});

/** What an attack must not change: received updates, queued messages, conversations, bound accounts. */
async function snapshot() {
  const [counts] = await queryRows<Record<string, string | number>>(
    service.database.db,
    sql`select (select count(*) from inbound_messages) as inbound, (select count(*) from outbound_messages) as outbound,
               (select count(*) from channel_accounts where person_id is not null) as bound, (select count(*) from reports) as reports`,
  );
  const points = await conversationPoints(service.database.db);
  return { counts: Object.fromEntries(Object.entries(counts!).map(([k, v]) => [k, Number(v)])), points: [...points.entries()] };
}

function rawPost(body: string, headers: Record<string, string> = {}) {
  return fetch(`${service.url}/telegram/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET, connection: 'close', ...headers },
    body,
  });
}

/** The service's answer to a request that announces `length` bytes and sends only the headers and a few. */
function announceOnly(length: number): Promise<string> {
  const { hostname, port } = new URL(service.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      socket.write(`POST /telegram/webhook HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: application/json\r\nX-Telegram-Bot-Api-Secret-Token: ${SECRET}\r\nContent-Length: ${length}\r\n\r\n{"update_id": 1,`);
    });
    let answer = '';
    socket.on('data', (chunk: Buffer) => {
      answer += chunk.toString();
      if (answer.includes('\r\n\r\n')) {
        socket.destroy();
        resolve(answer.split('\r\n')[0]!);
      }
    });
    socket.on('error', reject);
    // The rest of the body never comes: only an answer given from the announced length can arrive.
    socket.setTimeout(15_000, () => {
      socket.destroy();
      reject(new Error('no answer before the body was complete'));
    });
  });
}

describe('hostile input at the webhook', () => {
  it('answers 400 to bodies that are not updates and 413 to an announced length over the limit, storing nothing', async () => {
    const before = await snapshot();
    expect((await rawPost('{"update_id": 1, "message": ')).status).toBe(400);
    expect((await rawPost('not json at all')).status).toBe(400);
    expect((await rawPost('[1, 2, 3]')).status).toBe(400);
    expect((await rawPost('null')).status).toBe(400);
    expect((await rawPost('{"message": {"text": "no update id"}}')).status).toBe(400);
    expect((await rawPost('{"update_id": "7"}')).status).toBe(400);
    expect((await rawPost('')).status).toBe(400);
    // Malformed and unauthenticated: the secret is checked first, nothing is parsed.
    expect((await rawPost('not json', { 'x-telegram-bot-api-secret-token': 'x' })).status).toBe(401);
    expect(await announceOnly(50 * 1024 * 1024)).toMatch(/^HTTP\/1\.1 413/);
    expect(await snapshot()).toEqual(before);
    expect((await fetch(`${service.url}/healthz`)).status).toBe(200);
  });

  it('acknowledges update types it does not handle and ignores them', async () => {
    const before = await snapshot();
    const chat = { id: chats[0]!, type: 'private', first_name: 'Thử' };
    const unknown = [
      { update_id: 900001, poll: { id: 'p', question: 'Q?', options: [], total_voter_count: 0, is_closed: false, is_anonymous: true, type: 'regular', allows_multiple_answers: false } },
      { update_id: 900002, channel_post: { message_id: 1, date: 0, chat: { id: -100, type: 'channel', title: 'Kênh' }, text: '/baocao' } },
      { update_id: 900003, inline_query: { id: 'q', from: { id: chats[0], is_bot: false, first_name: 'Thử' }, query: 'x', offset: '' } },
      { update_id: 900004, something_new_from_telegram: { whatever: true } },
      { update_id: 900005, message: { message_id: 5, date: 0, chat, from: { id: 4242, is_bot: true, first_name: 'Bot' }, text: '/baocao' } },
      { update_id: 900006, message: { message_id: 6, date: 0, chat } },
    ];
    for (const update of unknown) expect(await postUpdate(service.url, update)).toBe(200);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses callback data it never issued, or drawn for another secretary, politely and without changing anything', async () => {
    const [a, b] = chats as [number, number];
    let id = 910_000;
    for (const chat of [a, b]) {
      expect(await postUpdate(service.url, textUpdate(id++, chat, '/baocao'))).toBe(200);
      expect(await postUpdate(service.url, textUpdate(id++, chat, 'bắt đầu'))).toBe(200);
    }
    await fake.waitFor(() => fake.sent(b).length >= 2);
    const aButtons = fake.sent(a).at(-1)?.reply_markup?.inline_keyboard.flat() ?? [];
    expect(aButtons.length).toBeGreaterThan(0);
    const before = await snapshot();
    const tap = (chat: number, data: string) => ({
      update_id: id++,
      callback_query: { id: `cb${id}`, from: { id: chat, is_bot: false, first_name: 'Thử' }, chat_instance: 'x', data, message: { message_id: 1, date: 0, chat: { id: chat, type: 'private', first_name: 'Thử' } } },
    });
    const bRepliesBefore = fake.sent(b).length;
    // B taps A's button (forged: B never saw it), then data nobody issued.
    for (const data of [aButtons[0]!.callback_data, '99999999.1.1', '1.1.' + 'x'.repeat(200), '', '...', "'; drop table reports; --"]) {
      expect(await postUpdate(service.url, tap(b, data))).toBe(200);
    }
    await fake.waitFor(() => fake.sent(b).length >= bRepliesBefore + 6);
    const after = await snapshot();
    expect(after.points).toEqual(before.points);
    // The taps were received (once each) and answered; nothing else changed.
    expect({ ...after.counts, inbound: before.counts.inbound, outbound: before.counts.outbound }).toEqual(before.counts);
    expect(fake.sent(b)[bRepliesBefore]!.text).toBe(messages.menu.staleButton);
    expect(fake.calls.filter((c) => c.method === 'answerCallbackQuery')).toHaveLength(6);
  });

  it('throttles invitation codes guessed in a row, says so kindly, logs it, and lets the person in after the window', async () => {
    const guesser = 4_040_404;
    const base = Math.floor(Date.now() / 1000);
    let id = 920_000;
    const say = (text: string, date = base) => ({ ...textUpdate(id++, guesser, text), message: { ...(textUpdate(0, guesser, text).message as object), message_id: id, date } });
    const guesses = ['ABCD-EFGH-JKMN', 'ZZZZ-ZZZZ-ZZZZ', '/start QQQQRRRRSSSS', '2345-6789-ABCD', '/start not-a-code', 'MNPQ-RSTU-VWXY', 'WXYZ-2345-6789'];
    for (const guess of guesses) expect(await postUpdate(service.url, say(guess))).toBe(200);
    const unit = await queryRows<{ code: string }>(service.database.db, sql`select code from org_units where code like 'RL.CB%' order by id limit 1`);
    const { code } = await createInvitation(service.database.db, { unitCode: unit[0]!.code, role: 'deputy', days: 14, now: new Date() });
    // The right code, still inside the window: refused unchecked, and the code stays unused.
    expect(await postUpdate(service.url, say(`/start ${code}`))).toBe(200);
    await fake.waitFor(() => fake.sent(guesser).length === guesses.length + 1);
    const texts = fake.sent(guesser).map((m) => m.text);
    expect(texts.slice(0, INVITATION_ATTEMPT_LIMIT)).toEqual(Array(INVITATION_ATTEMPT_LIMIT).fill(messages.onboarding.invalidCode));
    expect(new Set(texts.slice(INVITATION_ATTEMPT_LIMIT))).toEqual(new Set([messages.onboarding.tooManyAttempts(10)]));
    const audit = await queryRows<{ action: string; n: string | number }>(
      service.database.db,
      sql`select action, count(*) as n from audit_log where entity_type = 'channel_account' and action like 'invitation.%' group by action order by action`,
    );
    expect(audit.map((r) => [r.action, Number(r.n)])).toEqual([['invitation.refused', INVITATION_ATTEMPT_LIMIT], ['invitation.throttled', guesses.length + 1 - INVITATION_ATTEMPT_LIMIT]]);
    const bound = await queryRows<{ n: string | number }>(service.database.db, sql`select count(*) as n from channel_accounts where external_user_id = ${String(guesser)} and person_id is not null`);
    expect(Number(bound[0]!.n)).toBe(0);

    // Eleven minutes later (by the server's clock) the right code works.
    clockShiftMs = 11 * 60_000;
    expect(await postUpdate(service.url, say(`/start ${code}`, base + 11 * 60))).toBe(200);
    await fake.waitFor(() => fake.sent(guesser).length === guesses.length + 2);
    expect(fake.sent(guesser).at(-1)!.text).toContain('Chào mừng đồng chí');
  });
});
