import { sql } from 'drizzle-orm';
import { DEFAULT_QUESTION_SET } from '../../src/core/checkin/question-set.js';
import { handleInbound } from '../../src/services/inbound.js';
import { queryRows, type Database } from '../../src/storage/client.js';
import { ensureDefaultQuestionSet } from '../../src/storage/queries/question-sets.js';
import { createTestDatabase } from './database.js';

/** The bot's token in every reliability test (the fake Bot API accepts any). */
export const TOKEN = '123456:RELIABILITY_abcdefghijklmnopqrstuvwxyz';
export const SECRET = 'reliability_secret_7';
export const timeZone = 'Asia/Ho_Chi_Minh';

/**
 * What each simulated secretary sends, in order: open the check-in, start, answer every
 * question of a unit with one model, and send the report. Each step has exactly one reply.
 */
export const SCRIPT = ['/baocao', 'bắt đầu', '1', '17/19', 'không', '2', '30', 'đúng kế hoạch', 'bỏ qua', 'không có', 'xong', 'không', 'không có', 'không có', 'gửi báo cáo'];

/**
 * `count` chi bộ under one root, each with a mô hình and a secretary who pressed Start on
 * Telegram (chat id = 300000 + person id). Every unit and person has the same name, so every
 * secretary gets the very same replies to the same answers. Returns the chat ids.
 */
export async function prepareSecretaries(db: Database, count: number): Promise<number[]> {
  await ensureDefaultQuestionSet(db, DEFAULT_QUESTION_SET);
  await db.execute(sql`insert into org_units (code, name, kind) values ('RL', 'Đảng bộ thử độ bền', 'tinh')`);
  await db.execute(sql`
    insert into org_units (code, name, kind, parent_id)
    select 'RL.CB' || g, 'Chi bộ Thử', 'chi_bo', (select id from org_units where code = 'RL') from generate_series(1, ${count}) g`);
  await db.execute(sql`insert into models (unit_id, title) select id, 'Nuôi ong lấy mật' from org_units where code like 'RL.CB%'`);
  await db.execute(sql`
    with units as (select id, row_number() over (order by id) as n from org_units where code like 'RL.CB%'),
         added as (insert into people (full_name) select 'Thử Độ Bền' from generate_series(1, ${count}) returning id),
         persons as (select id, row_number() over (order by id) as n from added)
    insert into unit_roles (person_id, unit_id, role) select p.id, u.id, 'secretary' from units u join persons p using (n)`);
  await db.execute(sql`
    insert into channel_accounts (person_id, channel, external_user_id, chat_id, display_name)
    select person_id, 'telegram', (300000 + person_id)::text, (300000 + person_id)::text, 'Thử Độ Bền' from unit_roles
     where unit_id in (select id from org_units where code like 'RL.CB%')`);
  const rows = await queryRows<{ chat_id: string }>(db, sql`select chat_id from channel_accounts where external_user_id::bigint >= 300000 order by id`);
  return rows.map((r) => Number(r.chat_id));
}

/** Where a conversation stands: its step and the answers stored so far. */
export interface ConversationPoint {
  step: string;
  answers: string;
}

/** For each chat, where its open or latest conversation stands (a sent report's too). */
export async function conversationPoints(db: Database): Promise<Map<number, ConversationPoint>> {
  const rows = await queryRows<{ chat_id: string; step: string; answers: unknown }>(
    db,
    sql`select distinct on (a.id) a.chat_id, c.step, c.state -> 'checkin' -> 'answers' as answers
          from channel_accounts a join conversations c on c.account_id = a.id
         order by a.id, c.id desc`,
  );
  return new Map(rows.map((r) => [Number(r.chat_id), { step: r.step, answers: stableJson(r.answers) }]));
}

function stableJson(value: unknown): string {
  const parsed = typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
  const sorted = (v: unknown): unknown =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)).map(([k, x]) => [k, sorted(x)])) : v;
  return JSON.stringify(sorted(parsed ?? {}));
}

/**
 * The script played by one secretary through the inbound service in this process, on a database
 * of its own: after k messages the conversation must stand at `points[k]`, and the replies are
 * `replies` (their texts, in order). The crash test compares every secretary with this.
 */
export async function referenceRun(now: () => Date): Promise<{ points: ConversationPoint[]; replies: string[] }> {
  const handle = await createTestDatabase();
  try {
    const [chat] = await prepareSecretaries(handle.db, 1);
    const points: ConversationPoint[] = [{ step: '', answers: '' }];
    const replies: string[] = [];
    for (const [i, text] of SCRIPT.entries()) {
      const outcome = await handleInbound(
        handle.db,
        { channel: 'telegram', externalId: `ref-${i}`, receivedAt: now(), from: { externalUserId: String(chat), chatId: String(chat), displayName: 'Thử Độ Bền' }, message: { type: 'text', text } },
        { timeZone },
      );
      replies.push(...outcome.toSend.map((s) => (s.message.payload as { text: string }).text));
      points.push((await conversationPoints(handle.db)).get(chat!)!);
    }
    return { points, replies };
  } finally {
    await handle.close();
  }
}

/** A Telegram text message update from a secretary, sent at `date` (Unix seconds; default now). */
export function textUpdate(updateId: number, chat: number, text: string, date = Math.floor(Date.now() / 1000)): Record<string, unknown> {
  const from = { id: chat, is_bot: false, first_name: 'Thử', last_name: 'Độ Bền', language_code: 'vi' };
  return { update_id: updateId, message: { message_id: updateId, date, chat: { id: chat, type: 'private', first_name: 'Thử' }, from, text } };
}

/** Posts an update to the webhook as Telegram does; the status, or null when the connection failed (the service is down). */
export async function postUpdate(url: string, update: unknown, secret = SECRET): Promise<number | null> {
  try {
    const response = await fetch(`${url}/telegram/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret },
      body: JSON.stringify(update),
      signal: AbortSignal.timeout(20_000),
    });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return null;
  }
}
