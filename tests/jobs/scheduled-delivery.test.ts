import { sql } from 'drizzle-orm';
import { Bot } from 'grammy';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TelegramSender } from '../../src/channels/telegram/telegram-sender.js';
import { runTick } from '../../src/jobs/run-tick.js';
import { createLogger } from '../../src/log.js';
import { OutboxDispatcher } from '../../src/services/outbox-dispatcher.js';
import { queryRows, type DatabaseHandle } from '../../src/storage/client.js';
import { DEFAULT_QUESTION_SET } from '../../src/core/checkin/question-set.js';
import { findUnitByCode } from '../../src/storage/queries/org-units.js';
import { ensureDefaultQuestionSet } from '../../src/storage/queries/question-sets.js';
import { ensureDraftReport, findPeriodForUnit, submitReport } from '../../src/storage/queries/reports.js';
import { createTestDatabase, testEngine } from '../helpers/database.js';
import { FakeTelegram } from '../helpers/fake-telegram.js';

const timeZone = 'Asia/Ho_Chi_Minh';
const TOKEN = '123456:TEST_TOKEN_abcdefghijklmnopqrstuvwxyz';
const UNITS = testEngine === 'postgres' ? 3000 : 1200;
let handle: DatabaseHandle;
let telegram: FakeTelegram;

beforeEach(async () => {
  handle = await createTestDatabase();
  telegram = await new FakeTelegram().start();
  // One organisation with UNITS chi bộ, each with a mô hình and a secretary who pressed Start.
  await handle.db.execute(sql`insert into org_units (code, name, kind) values ('QG', 'Đảng bộ thử nghiệm', 'tinh')`);
  await handle.db.execute(sql`
    insert into org_units (code, name, kind, parent_id)
    select 'QG.CB' || g, 'Chi bộ số ' || g, 'chi_bo', (select id from org_units where code = 'QG') from generate_series(1, ${UNITS}) g`);
  await handle.db.execute(sql`insert into models (unit_id, title) select id, 'Dân vận khéo' from org_units where code like 'QG.CB%'`);
  await handle.db.execute(sql`insert into people (full_name) select 'Bí thư ' || code from org_units where code like 'QG.CB%'`);
  await handle.db.execute(sql`
    insert into unit_roles (person_id, unit_id, role)
    select p.id, u.id, 'secretary' from org_units u join people p on p.full_name = 'Bí thư ' || u.code`);
  await handle.db.execute(sql`
    insert into channel_accounts (person_id, channel, external_user_id, chat_id)
    select id, 'telegram', (100000 + id)::text, (100000 + id)::text from people`);
});
afterEach(async () => {
  await telegram.stop();
  await handle.close();
});

/** One running instance's sender: its own grammY client, fast limits so the test does not wait 30 a second. */
function instance(clock: () => Date) {
  const sender = new TelegramSender(new Bot(TOKEN, { client: { apiRoot: telegram.url } }).api, { perSecond: 2000, perChatGapMs: 1000 });
  return new OutboxDispatcher(handle.db, new Map([['telegram', sender]]), { now: clock, log: createLogger('silent'), timeZone, batchSize: 200 });
}

describe('scheduled reminders at scale', () => {
  it(`two instances ticking and sending one month's reminders to ${UNITS} units, through 429s and 5xx, deliver each exactly once`, async () => {
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
});
