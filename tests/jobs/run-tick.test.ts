import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderNotice, type NoticePayload } from '../../src/core/notices.js';
import { calendarParts } from '../../src/core/format.js';
import { runTick } from '../../src/jobs/run-tick.js';
import { handleInbound } from '../../src/services/inbound.js';
import { queryRows, type DatabaseHandle } from '../../src/storage/client.js';
import { latestDefaultQuestionSet } from '../../src/storage/queries/question-sets.js';
import { ensureDraftReport, findPeriodForUnit, submitReport } from '../../src/storage/queries/reports.js';
import { saveScheduleRules } from '../../src/storage/queries/schedules.js';
import { findUnitByCode } from '../../src/storage/queries/org-units.js';
import { createDemoOnTelegram } from '../helpers/demo-on-telegram.js';
import { SLOW_TEST_TIMEOUT_MS } from '../helpers/timeouts.js';

const timeZone = 'Asia/Ho_Chi_Minh';
let handle: DatabaseHandle;

/** An instant given as Vietnam's wall clock: local('2026-11-20 08:00'). */
const local = (wall: string) => new Date(`${wall.replace(' ', 'T')}:00+07:00`);

beforeEach(async () => {
  handle = await createDemoOnTelegram(timeZone);
});
afterEach(async () => {
  await handle.close();
});

interface Sent {
  purpose: string;
  key: string;
  person: string;
  at: Date;
  notice: NoticePayload;
  text: string;
}

async function scheduled(): Promise<Sent[]> {
  const rows = await queryRows<{ purpose: string; key: string; person: string; at: string | Date; payload: NoticePayload }>(
    handle.db,
    sql`select o.purpose, o.dedupe_key as key, p.full_name as person, o.created_at as at, o.payload
          from outbound_messages o join channel_accounts a on a.id = o.account_id join people p on p.id = a.person_id
         where o.purpose <> 'reply' order by o.id`,
  );
  return rows.map((r) => ({ purpose: r.purpose, key: r.key, person: r.person, at: new Date(r.at), notice: r.payload, text: renderNotice(r.payload).text }));
}

async function unitName(code: string): Promise<string> {
  return (await findUnitByCode(handle.db, code))!.name;
}

async function submitNovember(code: string, at: Date, startsOn = '2026-11-01'): Promise<void> {
  const unit = (await findUnitByCode(handle.db, code))!;
  const period = (await findPeriodForUnit(handle.db, { unitId: unit.id, startsOn }))!;
  const questionSet = (await latestDefaultQuestionSet(handle.db))!;
  const report = await ensureDraftReport(handle.db, { unitId: unit.id, periodId: period.id, questionSetId: questionSet.id });
  await submitReport(handle.db, {
    reportId: report.id, personId: null, channel: 'telegram', at,
    figures: { noActivity: true, meetingsHeld: 0, membersPresent: null, membersTotal: null, themedSessionHeld: false, themedSessionSubject: null, difficulties: null, proposals: null, goodDeeds: [], models: [], answers: {} },
  });
}

/** Ticks every hour from `from` up to (not including) `to`, each instant twice, as two instances would. */
async function walk(from: Date, to: Date, onHour?: (at: Date) => Promise<void>): Promise<void> {
  for (let t = from.getTime(); t < to.getTime(); t += 3_600_000) {
    const at = new Date(t);
    await onHour?.(at);
    await runTick(handle.db, { now: at, timeZone });
    const again = await runTick(handle.db, { now: at, timeZone });
    expect(again.slots, `a repeated tick at ${at.toISOString()} worked a slot again`).toEqual([]);
    expect(again.failures).toEqual([]);
  }
}

describe('a month of the calendar, ticked hour by hour', () => {
  it('invites on the 20th, reminds only the units that have not sent, tells the leader above about late units, each once and never at night', { timeout: SLOW_TEST_TIMEOUT_MS }, async () => {
    await walk(local('2026-11-19 00:00'), local('2026-12-04 00:00'), async (at) => {
      // Chi bộ Hạt Kiểm lâm's secretary (KT.KONRAY.HKL) sends on the 23rd, after the D-3 reminder.
      if (at.getTime() === local('2026-11-23 10:00').getTime()) await submitNovember('KT.KONRAY.HKL', at);
    });
    const sent = await scheduled();

    for (const message of sent) {
      const hour = calendarParts(message.at, timeZone).hour;
      expect(hour >= 7 && hour < 21, `${message.key} was queued at ${hour}h`).toBe(true);
    }
    expect(new Set(sent.map((m) => m.key)).size).toBe(sent.length);

    const hkl = await unitName('KT.KONRAY.HKL');
    const invitations = sent.filter((m) => m.purpose === 'period-open');
    expect(invitations.length).toBeGreaterThan(0);
    for (const m of invitations) expect(m.at).toEqual(local('2026-11-20 08:00'));
    // Units that had already sent November's report (the demo's Chi bộ Mặt trận, sent on the 20th) are
    // not invited; nor are units without an active mô hình.
    const invited = new Set(invitations.map((m) => (m.notice.params as { unit: string }).unit));
    expect(invited).toContain(hkl);
    expect(invited).not.toContain(await unitName('KT.KONRAY.MT'));
    expect(invited).not.toContain(await unitName('KT.KONRAY.DTL.KONBRAI'));
    const hklInvite = invitations.find((m) => m.person === 'Bùi Đức Thắng')!;
    expect(hklInvite.text).toContain('tháng 11/2026');
    expect(hklInvite.text).toContain('25/11/2026');

    const reminders = sent.filter((m) => m.purpose === 'reminder');
    const reminderTimes = [...new Set(reminders.map((m) => m.at.getTime()))].sort();
    expect(reminderTimes).toEqual([local('2026-11-22 08:00'), local('2026-11-24 08:00'), local('2026-11-25 08:00')].map((d) => d.getTime()));
    const thang = reminders.filter((m) => m.person === 'Bùi Đức Thắng');
    expect(thang.map((m) => m.key.split(':')[2])).toEqual(['d3']);
    expect(thang[0]!.text).toContain('còn 3 ngày');
    const lastDay = reminders.find((m) => m.person === 'Nguyễn Thị Lan' && m.key.includes(':d0:'))!;
    expect(lastDay.text).toContain('hôm nay (25/11/2026) là hạn cuối');

    const late = sent.filter((m) => m.purpose === 'late-units');
    for (const m of late) expect(m.at).toEqual(local('2026-11-26 08:00'));
    // Trường TH Đăk Tơ Lung (KT.KONRAY.DTL.THDTL) is late: the leader of the xã above hears of it, once.
    const tu = late.filter((m) => m.person === 'Đinh Văn Tú');
    expect(tu).toHaveLength(1);
    expect(tu[0]!.text).toContain(await unitName('KT.KONRAY.DTL.THDTL'));
    // Đăk Tơ Lung itself is late, and so goes to the huyện's leaders, without Hạt Kiểm lâm (it sent).
    for (const leader of ['Lê Quang Vinh', 'Y Sương']) {
      const mine = late.filter((m) => m.person === leader);
      expect(mine).toHaveLength(1);
      expect(mine[0]!.text).toContain(await unitName('KT.KONRAY.DTL'));
      expect(mine[0]!.text).not.toContain(hkl);
    }
    // Nobody hears about a unit outside the subtree of the unit they lead.
    expect(late.filter((m) => m.person === 'Huỳnh Minh Trí').every((m) => !m.text.includes(hkl))).toBe(true);
  });

  it('a tick missed while the service was down runs once when it comes back, and sends only the latest reminder', async () => {
    await runTick(handle.db, { now: local('2026-11-20 09:00'), timeZone });
    // Down from the 21st until the 24th at 10:00: D-3 (22nd) and D-1 (24th 08:00) have both passed.
    const back = await runTick(handle.db, { now: local('2026-11-24 10:00'), timeZone });
    expect(back.slots.filter((s) => s.job === 'reminder').map((s) => s.slot.split(':').pop())).toEqual(['d1', 'd1', 'd1']);
    const reminders = (await scheduled()).filter((m) => m.purpose === 'reminder');
    expect(reminders.every((m) => m.key.includes(':d1:'))).toBe(true);
    // Back at night: nothing is queued until 07:00.
    expect((await runTick(handle.db, { now: local('2026-11-25 22:00'), timeZone })).slots).toEqual([]);
  });

  it('«Nhắc lại sau» reminds again after the snooze hours, once, unless the report was sent meanwhile', async () => {
    await runTick(handle.db, { now: local('2026-11-22 08:00'), timeZone });
    // Chi bộ Hạt Kiểm lâm has not sent November (Chi bộ Mặt trận has, on the 20th).
    const unit = (await findUnitByCode(handle.db, 'KT.KONRAY.HKL'))!;
    const [maiAccount] = await queryRows<{ external_user_id: string }>(
      handle.db,
      sql`select a.external_user_id from channel_accounts a join people p on p.id = a.person_id where p.full_name = 'Bùi Đức Thắng'`,
    );
    const mai = maiAccount!.external_user_id;
    const outcome = await handleInbound(
      handle.db,
      { channel: 'telegram', externalId: 'u1', receivedAt: local('2026-11-22 09:00'), from: { externalUserId: mai, chatId: mai }, message: { type: 'choice', value: `snooze:${unit.id}` } },
      { timeZone },
    );
    const reply = outcome.toSend[0]!.message.payload as { text: string };
    expect(reply.text).toContain('12:00 ngày 22/11');

    expect((await runTick(handle.db, { now: local('2026-11-22 11:00'), timeZone })).snoozed).toBe(0);
    expect((await runTick(handle.db, { now: local('2026-11-22 12:00'), timeZone })).snoozed).toBe(1);
    expect((await runTick(handle.db, { now: local('2026-11-22 13:00'), timeZone })).snoozed).toBe(0);
    const again = (await scheduled()).filter((m) => m.key.startsWith('snooze:'));
    expect(again).toHaveLength(1);
    expect(again[0]!.person).toBe('Bùi Đức Thắng');
    expect(again[0]!.text).toContain('còn 3 ngày');

    // Snoozed again, then sent before the time: no reminder.
    await handleInbound(
      handle.db,
      { channel: 'telegram', externalId: 'u2', receivedAt: local('2026-11-22 14:00'), from: { externalUserId: mai, chatId: mai }, message: { type: 'choice', value: `snooze:${unit.id}` } },
      { timeZone },
    );
    await submitNovember('KT.KONRAY.HKL', local('2026-11-22 15:00'));
    expect((await runTick(handle.db, { now: local('2026-11-22 17:00'), timeZone })).snoozed).toBe(0);
  });

  it('notices before the tổng kết deadline at D-14, 7, 3 and 1 list the months a unit has not sent', { timeout: SLOW_TEST_TIMEOUT_MS }, async () => {
    // Chi bộ Mặt trận missed one month of the year in the demo: it sends it late, and so has sent every month.
    const [missing] = await queryRows<{ starts_on: string }>(
      handle.db,
      sql`select p.starts_on::text from periods p join org_units root on root.id = p.scope_unit_id and root.code = 'KT'
           where p.kind = 'month' and p.starts_on between '2026-01-01' and '2026-11-01'
             and not exists (select 1 from reports r join org_units u on u.id = r.unit_id where r.period_id = p.id and u.code = 'KT.KONRAY.MT' and r.status = 'submitted')`,
    );
    if (missing) await submitNovember('KT.KONRAY.MT', local('2026-11-28 09:00'), missing.starts_on);
    await walk(local('2026-11-30 07:00'), local('2026-12-16 07:00'));
    const notices = (await scheduled()).filter((m) => m.purpose === 'review' && m.person === 'Bùi Đức Thắng');
    expect(notices.map((m) => m.key.split(':')[2])).toEqual(['d14', 'd7', 'd3', 'd1']);
    expect(notices.map((m) => m.at)).toEqual([local('2026-12-01 08:00'), local('2026-12-08 08:00'), local('2026-12-12 08:00'), local('2026-12-14 08:00')]);
    expect(notices[0]!.text).toContain('còn 14 ngày nữa là đến hạn Tổng kết năm 2026');
    expect(notices[0]!.text).toContain('11/2026');
    // Mặt trận sent every month: thanked, not chased.
    const konlung = (await scheduled()).filter((m) => m.purpose === 'review' && m.person === 'Võ Thị Mai');
    expect(konlung).toHaveLength(4);
    expect(konlung[0]!.text).toContain('đã gửi đủ');
  });

  it("follows an organisation's own calendar when it has one", async () => {
    const kt = (await findUnitByCode(handle.db, 'KT'))!;
    await saveScheduleRules(handle.db, { scopeUnitId: kt.id, rules: { opensOnDay: 15, dueOnDay: 20, reminderDaysBefore: [2] } });
    const report = await runTick(handle.db, { now: local('2026-12-18 08:00'), timeZone });
    expect(report.slots.filter((s) => s.organisation === 'KT').map((s) => s.slot)).toEqual(['remind:2026-12:d2']);
    expect(report.slots.filter((s) => s.organisation === 'AG').map((s) => s.slot)).toEqual([]);
  });
});
