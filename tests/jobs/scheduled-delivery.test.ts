import { sql } from 'drizzle-orm';
import { Bot } from 'grammy';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TelegramSender } from '../../src/channels/telegram/telegram-sender.js';
import { runTick } from '../../src/jobs/run-tick.js';
import { DEFAULT_QUESTION_SET } from '../../src/core/checkin/question-set.js';
import { seededRandom } from '../../src/core/random.js';
import { createLogger } from '../../src/log.js';
import { handleInbound } from '../../src/services/inbound.js';
import { OutboxDispatcher } from '../../src/delivery/dispatcher.js';
import { queryRows, wrapPool, type Database, type DatabaseHandle } from '../../src/storage/client.js';
import { findUnitByCode } from '../../src/storage/queries/org-units.js';
import { ensureDefaultQuestionSet } from '../../src/storage/queries/question-sets.js';
import { ensureDraftReport, findPeriodForUnit, submitReport } from '../../src/storage/queries/reports.js';
import { createTestDatabase, testEngine } from '../helpers/database.js';
import { FakeTelegram } from '../helpers/fake-telegram.js';
import { SCRIPT } from '../helpers/reliability-fixtures.js';

const timeZone = 'Asia/Ho_Chi_Minh';
const TOKEN = '123456:TEST_TOKEN_abcdefghijklmnopqrstuvwxyz';
const UNITS = testEngine === 'postgres' ? 3000 : 1200;
/** The simulated month sends about five messages per unit, hour by hour; fewer units keep it within CI's time. */
const MONTH_UNITS = Number(process.env.MONTH_UNITS ?? (testEngine === 'postgres' ? 1000 : 400));
let handle: DatabaseHandle;
let telegram: FakeTelegram;

beforeEach(async () => {
  handle = await createTestDatabase();
  telegram = await new FakeTelegram().start();
});

/** One organisation with `units` chi bộ, each with a mô hình and a secretary who pressed Start. */
async function seedUnits(units: number): Promise<void> {
  await handle.db.execute(sql`insert into org_units (code, name, kind) values ('QG', 'Đảng bộ thử nghiệm', 'tinh')`);
  await handle.db.execute(sql`
    insert into org_units (code, name, kind, parent_id)
    select 'QG.CB' || g, 'Chi bộ số ' || g, 'chi_bo', (select id from org_units where code = 'QG') from generate_series(1, ${units}) g`);
  await handle.db.execute(sql`insert into models (unit_id, title) select id, 'Dân vận khéo' from org_units where code like 'QG.CB%'`);
  await handle.db.execute(sql`insert into people (full_name) select 'Bí thư ' || code from org_units where code like 'QG.CB%'`);
  await handle.db.execute(sql`
    insert into unit_roles (person_id, unit_id, role)
    select p.id, u.id, 'secretary' from org_units u join people p on p.full_name = 'Bí thư ' || u.code`);
  await handle.db.execute(sql`
    insert into channel_accounts (person_id, channel, external_user_id, chat_id)
    select id, 'telegram', (100000 + id)::text, (100000 + id)::text from people`);
}
afterEach(async () => {
  await telegram.stop();
  await handle.close();
});

/** One running instance's sender: its own grammY client, fast limits so the test does not wait 30 a second. */
function instance(clock: () => Date, db: Database = handle.db) {
  const sender = new TelegramSender(new Bot(TOKEN, { client: { apiRoot: telegram.url } }).api, { perSecond: 2000, perChatGapMs: 1000 });
  return new OutboxDispatcher(db, new Map([['telegram', sender]]), { now: clock, log: createLogger('silent'), timeZone, batchSize: 200 });
}

describe('scheduled reminders at scale', () => {
  it(`two instances ticking and sending one month's reminders to ${UNITS} units, through 429s and 5xx, deliver each exactly once`, async () => {
    await seedUnits(UNITS);
    const start = Date.now();
    const base = new Date('2026-11-22T01:00:00Z'); // 22/11 08:00 in Vietnam: the D-3 reminder
    const clock = () => new Date(base.getTime() + (Date.now() - start));
    telegram.failNext('sendMessage', { status: 429, description: 'Too Many Requests: retry after 1', retryAfter: 1 }, 3);
    telegram.failNext('sendMessage', { status: 502, description: 'Bad Gateway' }, 3);

    // Both instances tick at the same instant, twice (a retried job), then both send.
    const ticks = await Promise.all([runTick(handle.db, { now: base, timeZone }), runTick(handle.db, { now: base, timeZone })]);
    await runTick(handle.db, { now: base, timeZone });
    const queued = ticks.flatMap((t) => t.slots).filter((s) => s.job === 'reminder').reduce((n, s) => n + s.queued, 0);
    expect(queued).toBe(UNITS);

    const a = instance(clock);
    const b = instance(clock);
    a.start(50);
    b.start(50);
    try {
      await telegram.waitFor(() => telegram.delivered().length >= UNITS, 120_000);
      await new Promise((r) => setTimeout(r, 300)); // a duplicate, if any, would arrive now
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }

    const delivered = telegram.delivered();
    const perChat = new Map<string, number>();
    for (const m of delivered) perChat.set(String(m.chat_id), (perChat.get(String(m.chat_id)) ?? 0) + 1);
    expect(perChat.size).toBe(UNITS);
    expect([...perChat.entries()].filter(([, n]) => n !== 1)).toEqual([]);
    expect(delivered[0]!.text).toContain('còn 3 ngày nữa là đến hạn');
    const states = await queryRows<{ status: string; n: number | string }>(
      handle.db,
      sql`select status, count(*) as n from outbound_messages group by status`,
    );
    expect(states.map((s) => [s.status, Number(s.n)])).toEqual([['sent', UNITS]]);
  }, 180_000);

  it('does not send a queued reminder to a unit whose report was sent after it was queued', async () => {
    await seedUnits(UNITS);
    const at = new Date('2026-11-22T01:00:00Z'); // 22/11 08:00 in Vietnam: the D-3 reminder
    await runTick(handle.db, { now: at, timeZone });
    // Ten secretaries send their report while the reminders are still waiting their turn.
    const questionSet = await ensureDefaultQuestionSet(handle.db, DEFAULT_QUESTION_SET);
    for (let i = 1; i <= 10; i++) {
      const unit = (await findUnitByCode(handle.db, `QG.CB${i}`))!;
      const period = (await findPeriodForUnit(handle.db, { unitId: unit.id, startsOn: '2026-11-01' }))!;
      const report = await ensureDraftReport(handle.db, { unitId: unit.id, periodId: period.id, questionSetId: questionSet.id });
      await submitReport(handle.db, {
        reportId: report.id, personId: null, channel: 'telegram', at,
        figures: { noActivity: true, meetingsHeld: 0, membersPresent: null, membersTotal: null, themedSessionHeld: false, themedSessionSubject: null, difficulties: null, proposals: null, goodDeeds: [], models: [], answers: {} },
      });
    }
    const dispatcher = instance(() => at);
    await dispatcher.drain();
    const states = await queryRows<{ status: string; n: number | string }>(handle.db, sql`select status, count(*) as n from outbound_messages group by status order by status`);
    expect(states.map((s) => [s.status, Number(s.n)])).toEqual([['sent', UNITS - 10], ['cancelled', 10]]);
    expect(telegram.delivered()).toHaveLength(UNITS - 10);
  }, 120_000);

  it(`two instances serving secretaries and ticking hour by hour through a month for ${MONTH_UNITS} units: every notice and digest once, every conversation consistent`, async () => {
    // On PostgreSQL the second instance has its own connections (and so its own cache of conversations); PGlite has one.
    await seedUnits(MONTH_UNITS);
    const second = handle.pool ? wrapPool(new pg.Pool({ connectionString: (handle.pool.options as { connectionString: string }).connectionString, max: 4 })) : handle;
    const random = seededRandom(0x5eed7);
    const local = (wall: string) => new Date(`${wall.replace(' ', 'T')}:00+07:00`);
    await ensureDefaultQuestionSet(handle.db, DEFAULT_QUESTION_SET);
    await handle.db.execute(sql`insert into people (full_name) values ('Lãnh đạo tỉnh')`);
    await handle.db.execute(sql`insert into unit_roles (person_id, unit_id, role) select p.id, u.id, 'leader' from people p, org_units u where p.full_name = 'Lãnh đạo tỉnh' and u.code = 'QG'`);
    await handle.db.execute(sql`insert into channel_accounts (person_id, channel, external_user_id, chat_id) select id, 'telegram', 'leader', 'leader' from people where full_name = 'Lãnh đạo tỉnh'`);
    const accounts = await queryRows<{ external_user_id: string }>(handle.db, sql`select external_user_id from channel_accounts where external_user_id <> 'leader' order by id`);
    // A third of the secretaries answer their check-in on the 21st, each message through either instance at random.
    const answering = accounts.filter(() => random() < 0.33).map((a) => a.external_user_id);

    let now = local('2026-11-19 00:00');
    const instances = [
      { db: handle.db, dispatcher: instance(() => now) },
      { db: second.db, dispatcher: instance(() => now, second.db) },
    ];
    let updateId = 1;
    try {
      for (; now < local('2026-12-04 00:00'); now = new Date(now.getTime() + 3_600_000)) {
        // Both instances tick at the same instant; then both send what is due.
        await Promise.all(instances.map((i) => runTick(i.db, { now, timeZone })));
        if (now.getTime() === local('2026-11-21 09:00').getTime()) {
          await Promise.all(
            Array.from({ length: 8 }, async (_, w) => {
              for (const user of answering.filter((_, k) => k % 8 === w)) {
                for (const text of SCRIPT) {
                  const via = instances[random() < 0.5 ? 0 : 1]!;
                  const event = { channel: 'telegram' as const, externalId: String(updateId++), receivedAt: now, from: { externalUserId: user, chatId: user }, message: { type: 'text' as const, text } };
                  const outcome = await handleInbound(via.db, event, { timeZone });
                  await via.dispatcher.sendClaimed(outcome.toSend);
                }
              }
            }),
          );
        }
        for (let busy = true; busy; ) busy = (await Promise.all(instances.map((i) => i.dispatcher.dispatch()))).some((n) => n > 0);
      }
      await new Promise((r) => setTimeout(r, 300)); // a duplicate, if any, would arrive now
    } finally {
      await Promise.all(instances.map((i) => i.dispatcher.stop()));
      if (second !== handle) await second.close();
    }

    // Every queued message was delivered, exactly once: per chat, as many messages as rows.
    const rows = await queryRows<{ chat_id: string; purpose: string; n: string | number }>(
      handle.db,
      sql`select a.chat_id, o.purpose, count(*) as n from outbound_messages o join channel_accounts a on a.id = o.account_id where o.status = 'sent' group by a.chat_id, o.purpose`,
    );
    const unsent = await queryRows<{ n: string | number }>(handle.db, sql`select count(*) as n from outbound_messages where status <> 'sent'`);
    expect(Number(unsent[0]!.n)).toBe(0);
    const expectedPerChat = new Map<string, number>();
    for (const r of rows) expectedPerChat.set(r.chat_id, (expectedPerChat.get(r.chat_id) ?? 0) + Number(r.n));
    const deliveredPerChat = new Map<string, number>();
    for (const m of telegram.delivered()) deliveredPerChat.set(String(m.chat_id), (deliveredPerChat.get(String(m.chat_id)) ?? 0) + 1);
    expect([...deliveredPerChat.entries()].filter(([chat, n]) => expectedPerChat.get(chat) !== n)).toEqual([]);
    expect(deliveredPerChat.size).toBe(expectedPerChat.size);

    const byPurpose = (purpose: string, chats?: (chat: string) => boolean) =>
      rows.filter((r) => r.purpose === purpose && (!chats || chats(r.chat_id))).reduce((n, r) => n + Number(r.n), 0);
    const answered = new Set(answering);
    const silent = (chat: string) => chat !== 'leader' && !answered.has(chat);
    // The invitation on the 20th to everyone; reminders D-3, D-1, D-0 only to those who had not sent.
    expect(byPurpose('period-open')).toBe(MONTH_UNITS);
    expect(byPurpose('reminder', (chat) => answered.has(chat))).toBe(0);
    expect(byPurpose('reminder', silent)).toBe(3 * (MONTH_UNITS - answered.size));
    // The leader: a digest on Mondays 23/11 and 30/11, and one escalation listing the late units.
    expect(byPurpose('digest', (chat) => chat === 'leader')).toBe(2);
    expect(telegram.calls.filter((c) => c.method === 'sendPhoto' && c.body.chat_id === 'leader')).toHaveLength(2);
    expect(byPurpose('late-units', (chat) => chat === 'leader')).toBe(1);

    // Every answering secretary's conversation went through to a sent report, whichever instance took each answer.
    const reports = await queryRows<{ n: string | number }>(handle.db, sql`select count(*) as n from reports where status = 'submitted' and version = 1`);
    expect(Number(reports[0]!.n)).toBe(answered.size);
    const conversations = await queryRows<{ step: string; n: string | number }>(
      handle.db,
      sql`select step, count(*) as n from conversations group by step`,
    );
    expect(conversations.map((c) => [c.step, Number(c.n)])).toEqual([[conversations[0]!.step, answered.size]]);
  }, 600_000);
});
