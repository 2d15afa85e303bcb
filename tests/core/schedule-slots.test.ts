import { describe, it, expect } from 'vitest';
import { DEFAULT_SCHEDULE_RULES, scheduleRulesSchema, type ScheduleRules } from '../../src/core/schedule.js';
import { dueDigestSlot, dueMonthlySlots, dueReviewNotice, nextScheduledSlot, type MonthlySlot } from '../../src/core/schedule-slots.js';
import { localDaysBetween } from '../../src/core/time.js';

const HANOI = 'Asia/Ho_Chi_Minh';
const BERLIN = 'Europe/Berlin';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const R = DEFAULT_SCHEDULE_RULES;
/** No quiet hours at all, to look at the edges of a window that quiet hours would hide. */
const NEVER_QUIET: ScheduleRules = { ...R, quietFromHour: 0, quietUntilHour: 0 };

/** A Hà Nội wall-clock time ("2026-11-20T08:00", seconds optional) as an instant; written independently of the code under test. */
function vn(local: string): Date {
  return new Date(`${local.length === 16 ? `${local}:00` : local}+07:00`);
}
function keys(slots: readonly { key: string }[]): string[] {
  return slots.map((s) => s.key).sort();
}
function monthly(local: string, rules: ScheduleRules = R): string[] {
  return keys(dueMonthlySlots(vn(local), rules, HANOI));
}

describe('dueMonthlySlots: November 2026 in Hà Nội under the default rules', () => {
  it('sends nothing of November before 20/11 08:00 local', () => {
    for (const at of ['2026-11-05T10:00', '2026-11-19T10:00', '2026-11-19T20:59', '2026-11-20T07:00', '2026-11-20T07:59:59']) {
      const slots = dueMonthlySlots(vn(at), R, HANOI);
      expect(slots.filter((s) => s.period.month === 11), at).toEqual([]);
    }
  });

  it('still escalates October early in November (7 days from 26/10 08:00), and nothing else', () => {
    expect(monthly('2026-10-26T07:59')).toEqual([]);
    expect(monthly('2026-10-26T08:00')).toEqual(['late:2026-10']);
    expect(monthly('2026-11-01T10:00')).toEqual(['late:2026-10']);
    expect(monthly('2026-11-02T07:59')).toEqual(['late:2026-10']);
    expect(monthly('2026-11-02T08:00')).toEqual([]);
    expect(monthly('2026-11-19T10:00')).toEqual([]);
  });

  it('sends the invitation from 20/11 08:00, with the opening instant as its time', () => {
    const slots = dueMonthlySlots(vn('2026-11-20T08:00'), R, HANOI);
    expect(slots).toEqual([{ job: 'period-open', key: 'open:2026-11', period: { year: 2026, month: 11 }, at: vn('2026-11-20T08:00') }]);
    expect(monthly('2026-11-21T12:00')).toEqual(['open:2026-11']);
  });

  it('replaces the invitation by the D-3 reminder on 22/11 08:00, then the D-1 on 24/11 and the D-0 on 25/11, one at a time', () => {
    expect(monthly('2026-11-22T07:59')).toEqual(['open:2026-11']);
    expect(monthly('2026-11-22T08:00')).toEqual(['remind:2026-11:d3']);
    expect(monthly('2026-11-23T15:00')).toEqual(['remind:2026-11:d3']);
    expect(monthly('2026-11-24T07:59')).toEqual(['remind:2026-11:d3']);
    expect(monthly('2026-11-24T08:00')).toEqual(['remind:2026-11:d1']);
    expect(monthly('2026-11-25T08:00')).toEqual(['remind:2026-11:d0']);
    expect(monthly('2026-11-25T20:59:59')).toEqual(['remind:2026-11:d0']);

    const d1 = dueMonthlySlots(vn('2026-11-24T10:00'), R, HANOI).find((s) => s.job === 'reminder');
    expect(d1).toEqual({ job: 'reminder', key: 'remind:2026-11:d1', period: { year: 2026, month: 11 }, daysBefore: 1, at: vn('2026-11-24T08:00') });
  });

  it('keeps the period open until 25/11 23:59:59 local and not a second longer', () => {
    expect(keys(dueMonthlySlots(vn('2026-11-25T23:59:59'), NEVER_QUIET, HANOI))).toEqual(['remind:2026-11:d0']);
    expect(keys(dueMonthlySlots(vn('2026-11-26T00:00:00'), NEVER_QUIET, HANOI))).toEqual([]);
  });

  it('escalates the late units from 26/11 08:00 for 7 days, and no longer', () => {
    expect(monthly('2026-11-26T07:59')).toEqual([]);
    const slots = dueMonthlySlots(vn('2026-11-26T08:00'), R, HANOI);
    expect(slots).toEqual([{ job: 'escalation', key: 'late:2026-11', period: { year: 2026, month: 11 }, at: vn('2026-11-26T08:00') }]);
    expect(monthly('2026-11-30T12:00')).toEqual(['late:2026-11']);
    expect(monthly('2026-12-03T07:59')).toEqual(['late:2026-11']);
    expect(monthly('2026-12-03T08:00')).toEqual([]);
  });

  it('sends nothing between 21:00 and 07:00 local, whatever is due', () => {
    for (let day = 20; day <= 30; day += 1) {
      const d = String(day).padStart(2, '0');
      for (const time of ['21:00', '22:30', '23:59', `00:00`, '03:00', '06:59:59']) {
        // 00:00–06:59 is the morning of the day; the night of the 25th also covers the due instant itself.
        expect(monthly(`2026-11-${d}T${time}`), `${d}/11 ${time}`).toEqual([]);
      }
    }
    expect(dueMonthlySlots(vn('2026-11-25T23:59:59'), R, HANOI)).toEqual([]);
  });

  it('at 07:00 sends again what was due before the night, with the same key', () => {
    expect(monthly('2026-11-21T20:59')).toEqual(['open:2026-11']);
    expect(monthly('2026-11-21T21:00')).toEqual([]);
    expect(monthly('2026-11-22T07:00')).toEqual(['open:2026-11']);
    expect(monthly('2026-11-22T20:59')).toEqual(['remind:2026-11:d3']);
    expect(monthly('2026-11-22T21:00')).toEqual([]);
    expect(monthly('2026-11-23T07:00')).toEqual(['remind:2026-11:d3']);
    expect(monthly('2026-11-27T06:59')).toEqual([]);
    expect(monthly('2026-11-27T07:00')).toEqual(['late:2026-11']);
  });

  it('at 07:00 sends a slot that came due during the night (an opening at 00:00 goes at 07:00)', () => {
    const midnight: ScheduleRules = { ...R, opensAtHour: 0 };
    expect(keys(dueMonthlySlots(vn('2026-11-20T00:00'), midnight, HANOI))).toEqual([]);
    expect(keys(dueMonthlySlots(vn('2026-11-20T06:59'), midnight, HANOI))).toEqual([]);
    const slots = dueMonthlySlots(vn('2026-11-20T07:00'), midnight, HANOI);
    expect(slots).toEqual([{ job: 'period-open', key: 'open:2026-11', period: { year: 2026, month: 11 }, at: vn('2026-11-20T00:00') }]);
  });

  it('a service down from 21/11 until 24/11 09:00 catches up with the D-1 reminder only, not the D-3 too', () => {
    expect(monthly('2026-11-24T09:00')).toEqual(['remind:2026-11:d1']);
  });

  it('a service down from before the opening until 24/11 09:00 sends the D-1 alone, not the invitation as well', () => {
    expect(monthly('2026-11-19T12:00')).toEqual([]);
    expect(monthly('2026-11-24T09:00')).toEqual(['remind:2026-11:d1']);
  });

  it('a service down over the due day does not send the D-0 reminder after the period is over', () => {
    expect(monthly('2026-11-26T07:00')).toEqual([]);
    expect(monthly('2026-11-26T09:00')).toEqual(['late:2026-11']);
  });

  it('walking October 2026 to early January 2027 every 15 minutes: each slot appears in one unbroken window (nights aside) with one key and one time', () => {
    const seen = new Map<string, { first: Date; last: Date; at: Set<number> }>();
    let together = 0;
    const start = vn('2026-09-28T00:00').getTime();
    const end = vn('2027-01-06T00:00').getTime();
    for (let t = start; t < end; t += 15 * MINUTE) {
      const slots = dueMonthlySlots(new Date(t), R, HANOI);
      if (slots.some((s) => s.job === 'period-open') && slots.some((s) => s.job === 'reminder')) together += 1;
      for (const slot of slots) {
        const entry = seen.get(slot.key) ?? { first: new Date(t), last: new Date(t), at: new Set<number>() };
        entry.last = new Date(t);
        entry.at.add(slot.at.getTime());
        seen.set(slot.key, entry);
      }
    }
    const windows = Object.fromEntries(
      [...seen].map(([key, e]) => {
        expect(e.at.size, key).toBe(1);
        return [key, [e.first.toISOString(), e.last.toISOString()]];
      }),
    );
    expect(together, 'instants with an invitation and a reminder at once').toBe(0);
    const w = (from: string, to: string) => [vn(from).toISOString(), vn(to).toISOString()];
    expect(windows).toEqual({
      'late:2026-09': w('2026-09-28T07:00', '2026-10-03T07:45'),
      'open:2026-10': w('2026-10-20T08:00', '2026-10-22T07:45'),
      'remind:2026-10:d3': w('2026-10-22T08:00', '2026-10-24T07:45'),
      'remind:2026-10:d1': w('2026-10-24T08:00', '2026-10-25T07:45'),
      'remind:2026-10:d0': w('2026-10-25T08:00', '2026-10-25T20:45'),
      'late:2026-10': w('2026-10-26T08:00', '2026-11-02T07:45'),
      'open:2026-11': w('2026-11-20T08:00', '2026-11-22T07:45'),
      'remind:2026-11:d3': w('2026-11-22T08:00', '2026-11-24T07:45'),
      'remind:2026-11:d1': w('2026-11-24T08:00', '2026-11-25T07:45'),
      'remind:2026-11:d0': w('2026-11-25T08:00', '2026-11-25T20:45'),
      'late:2026-11': w('2026-11-26T08:00', '2026-12-03T07:45'),
      'open:2026-12': w('2026-12-20T08:00', '2026-12-22T07:45'),
      'remind:2026-12:d3': w('2026-12-22T08:00', '2026-12-24T07:45'),
      'remind:2026-12:d1': w('2026-12-24T08:00', '2026-12-25T07:45'),
      'remind:2026-12:d0': w('2026-12-25T08:00', '2026-12-25T20:45'),
      'late:2026-12': w('2026-12-26T08:00', '2027-01-02T07:45'),
    });
  });

  it('gives the same slot the same key at two instants, and distinct keys in distinct months', () => {
    const a = dueMonthlySlots(vn('2026-11-22T08:00'), R, HANOI);
    const b = dueMonthlySlots(vn('2026-11-23T19:17:42'), R, HANOI);
    expect(a).toEqual(b);
    expect(dueMonthlySlots(vn('2026-11-20T08:00'), R, HANOI)).toEqual(dueMonthlySlots(vn('2026-11-21T16:05:09'), R, HANOI));
    const oct = dueMonthlySlots(vn('2026-10-22T08:00'), R, HANOI);
    expect(keys(oct)).toEqual(['remind:2026-10:d3']);
    expect(keys(oct).some((k) => keys(a).includes(k))).toBe(false);
    // Same day-of-month a year later: a different key, not a repeat of last year's.
    expect(monthly('2027-11-21T08:00')).toEqual(['open:2027-11']);
    expect(monthly('2027-11-22T08:00')).toEqual(['remind:2027-11:d3']);
  });

  it('reports on December across the new year: late:2026-12 in January 2027, then January opens on 20/1/2027', () => {
    expect(monthly('2027-01-01T10:00')).toEqual(['late:2026-12']);
    expect(monthly('2027-01-20T08:00')).toEqual(['open:2027-01']);
  });
});

describe('dueMonthlySlots: a due day past the end of the month', () => {
  // Opens on the 30th, due on the 31st, reminders the day before and on the day.
  const rules = scheduleRulesSchema.parse({ opensOnDay: 30, dueOnDay: 31, reminderDaysBefore: [1, 0] });

  it('in February 2026 opens and is due on the 28th: the D-0 reminder (standing in for the invitation), no D-1 before the opening', () => {
    expect(monthly('2026-02-27T10:00', rules)).toEqual([]);
    expect(monthly('2026-02-28T07:59', rules)).toEqual([]);
    const slots = dueMonthlySlots(vn('2026-02-28T08:00'), rules, HANOI);
    expect(keys(slots)).toEqual(['remind:2026-02:d0']);
    expect(slots.find((s) => s.job === 'reminder')?.at).toEqual(vn('2026-02-28T08:00'));
    expect(keys(dueMonthlySlots(vn('2026-02-28T23:59:59'), { ...rules, quietFromHour: 0, quietUntilHour: 0 }, HANOI))).toEqual([
      'remind:2026-02:d0',
    ]);
  });

  it('escalates February on 1/3 08:00, as February and not March', () => {
    expect(monthly('2026-03-01T07:59', rules)).toEqual([]);
    const slots = dueMonthlySlots(vn('2026-03-01T08:00'), rules, HANOI);
    expect(slots).toEqual([{ job: 'escalation', key: 'late:2026-02', period: { year: 2026, month: 2 }, at: vn('2026-03-01T08:00') }]);
  });

  it('in a leap February opens and is due on the 29th', () => {
    expect(monthly('2028-02-28T10:00', rules)).toEqual([]);
    expect(monthly('2028-02-29T08:00', rules)).toEqual(['remind:2028-02:d0']);
    expect(monthly('2028-03-01T08:00', rules)).toEqual(['late:2028-02']);
  });

  it('in a 31-day month sends the D-1 on the 30th and the D-0 on the 31st', () => {
    expect(monthly('2026-03-30T07:59', rules)).toEqual([]);
    expect(monthly('2026-03-30T08:00', rules)).toEqual(['remind:2026-03:d1']);
    expect(monthly('2026-03-31T08:00', rules)).toEqual(['remind:2026-03:d0']);
    expect(monthly('2026-04-01T08:00', rules)).toEqual(['late:2026-03']);
  });

  it('in a 30-day month opens and is due on the 30th', () => {
    expect(monthly('2026-04-30T08:00', rules)).toEqual(['remind:2026-04:d0']);
    expect(monthly('2026-05-01T08:00', rules)).toEqual(['late:2026-04']);
  });
});

describe('dueMonthlySlots in a zone with daylight saving time (Berlin, October 2026)', () => {
  // CEST (UTC+2) until 25/10/2026 03:00, then CET (UTC+1).
  const at = (iso: string) => keys(dueMonthlySlots(new Date(iso), R, BERLIN));

  it('sends the D-1 at 08:00 summer time and the D-0 at 08:00 winter time', () => {
    expect(at('2026-10-24T05:59:00Z')).toEqual(['remind:2026-10:d3']);
    expect(at('2026-10-24T06:00:00Z')).toEqual(['remind:2026-10:d1']);
    // 07:30 CET on the 25th: the D-0 has not come yet (it would have, on summer time).
    expect(at('2026-10-25T06:30:00Z')).toEqual(['remind:2026-10:d1']);
    expect(at('2026-10-25T07:00:00Z')).toEqual(['remind:2026-10:d0']);
  });

  it('follows quiet hours on the local clock: 20:30 CET is allowed, 21:30 CET is not', () => {
    expect(at('2026-10-25T19:30:00Z')).toEqual(['remind:2026-10:d0']);
    expect(at('2026-10-25T20:30:00Z')).toEqual([]);
  });

  it('escalates at 08:00 CET on 26/10', () => {
    expect(at('2026-10-26T06:59:00Z')).toEqual([]);
    const slots = dueMonthlySlots(new Date('2026-10-26T07:00:00Z'), R, BERLIN);
    expect(slots.map((s: MonthlySlot) => [s.key, s.at.toISOString()])).toEqual([['late:2026-10', '2026-10-26T07:00:00.000Z']]);
  });
});

describe('dueDigestSlot', () => {
  const digest = (local: string, rules: ScheduleRules = R) => dueDigestSlot(vn(local), rules, HANOI);

  it('is due from Monday 07:30 local, keyed by the Monday', () => {
    expect(digest('2026-11-23T07:29:59')).toBeNull();
    expect(digest('2026-11-23T07:30')).toEqual({ job: 'digest', key: 'digest:2026-11-23', weekOf: '2026-11-23', at: vn('2026-11-23T07:30') });
    expect(digest('2026-11-23T15:00')?.key).toBe('digest:2026-11-23');
  });

  it('stays due until a day later (Tuesday before 07:30), but not at night and not on Tuesday afternoon', () => {
    expect(digest('2026-11-23T20:59')?.key).toBe('digest:2026-11-23');
    expect(digest('2026-11-23T21:00')).toBeNull();
    expect(digest('2026-11-24T03:00')).toBeNull();
    expect(digest('2026-11-24T07:00')?.key).toBe('digest:2026-11-23');
    expect(digest('2026-11-24T07:29:59')?.key).toBe('digest:2026-11-23');
    expect(digest('2026-11-24T07:30')).toBeNull();
    expect(digest('2026-11-24T15:00')).toBeNull();
  });

  it('is not due on any other day of the week', () => {
    for (const day of ['2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29']) {
      for (const time of ['07:00', '07:30', '12:00', '20:59']) expect(digest(`${day}T${time}`), `${day} ${time}`).toBeNull();
    }
  });

  it('walking three weeks every 15 minutes: one key per Monday, only on the Monday and the Tuesday morning after it', () => {
    const byKey = new Map<string, string[]>();
    for (let t = vn('2026-11-22T00:00').getTime(); t < vn('2026-12-14T00:00').getTime(); t += 15 * MINUTE) {
      const slot = dueDigestSlot(new Date(t), R, HANOI);
      if (slot) byKey.set(slot.key, [...(byKey.get(slot.key) ?? []), new Date(t).toISOString()]);
    }
    expect([...byKey.keys()]).toEqual(['digest:2026-11-23', 'digest:2026-11-30', 'digest:2026-12-07']);
    for (const [key, instants] of byKey) {
      const monday = key.slice('digest:'.length);
      expect(instants[0], key).toBe(vn(`${monday}T07:30`).toISOString());
      const lastMs = Date.parse(instants[instants.length - 1]!);
      expect(lastMs - vn(`${monday}T07:30`).getTime(), key).toBe(24 * HOUR - 15 * MINUTE);
    }
  });

  it('keeps the Monday as the key when the Tuesday is in the next month', () => {
    expect(digest('2026-12-01T07:15')?.weekOf).toBe('2026-11-30');
  });

  it('follows a configured weekday and time (Friday 17:00, or Sunday)', () => {
    const friday: ScheduleRules = { ...R, digestWeekday: 5, digestHour: 17, digestMinute: 0 };
    expect(digest('2026-11-23T07:30', friday)).toBeNull();
    expect(digest('2026-11-27T16:59', friday)).toBeNull();
    expect(digest('2026-11-27T17:00', friday)).toEqual({ job: 'digest', key: 'digest:2026-11-27', weekOf: '2026-11-27', at: vn('2026-11-27T17:00') });
    expect(digest('2026-11-28T16:59', friday)?.key).toBe('digest:2026-11-27');
    expect(digest('2026-11-28T17:00', friday)).toBeNull();

    const sunday: ScheduleRules = { ...R, digestWeekday: 7 };
    expect(digest('2026-11-29T07:30', sunday)?.key).toBe('digest:2026-11-29');
    expect(digest('2026-11-30T07:30', sunday)).toBeNull();
  });

  it('uses the local clock in a daylight-saving zone: Monday 07:30 CEST on 30/3/2026 in Berlin', () => {
    expect(dueDigestSlot(new Date('2026-03-30T05:29:00Z'), R, BERLIN)).toBeNull();
    const slot = dueDigestSlot(new Date('2026-03-30T05:30:00Z'), R, BERLIN);
    expect(slot).toEqual({ job: 'digest', key: 'digest:2026-03-30', weekOf: '2026-03-30', at: new Date('2026-03-30T05:30:00Z') });
  });
});

describe('dueReviewNotice', () => {
  // A sơ kết due 15/12/2026 23:59:59 in Hà Nội: notices on 1/12, 8/12, 12/12 and 14/12 at 08:00.
  const deadline = { id: 7, dueAt: vn('2026-12-15T23:59:59') };
  const notice = (local: string, rules: ScheduleRules = R, d = deadline) => dueReviewNotice(vn(local), d, rules, HANOI);

  it('sends nothing before D-14 08:00', () => {
    expect(notice('2026-11-20T10:00')).toBeNull();
    expect(notice('2026-12-01T07:59')).toBeNull();
  });

  it('sends the D-14, D-7, D-3 and D-1 notices at 08:00 local on those days', () => {
    expect(notice('2026-12-01T08:00')).toEqual({ job: 'review-notice', key: 'review:7:d14', daysBefore: 14, at: vn('2026-12-01T08:00') });
    expect(notice('2026-12-08T07:59')?.key).toBe('review:7:d14');
    expect(notice('2026-12-08T08:00')).toEqual({ job: 'review-notice', key: 'review:7:d7', daysBefore: 7, at: vn('2026-12-08T08:00') });
    expect(notice('2026-12-12T08:00')).toEqual({ job: 'review-notice', key: 'review:7:d3', daysBefore: 3, at: vn('2026-12-12T08:00') });
    expect(notice('2026-12-14T08:00')).toEqual({ job: 'review-notice', key: 'review:7:d1', daysBefore: 1, at: vn('2026-12-14T08:00') });
  });

  it('gives only the latest notice that has come: a service down from 2/12 to 13/12 sends the D-3 alone', () => {
    expect(notice('2026-12-13T10:00')?.key).toBe('review:7:d3');
  });

  it('sends nothing in quiet hours, and the same notice again at 07:00', () => {
    expect(notice('2026-12-08T21:00')).toBeNull();
    expect(notice('2026-12-09T06:59')).toBeNull();
    expect(notice('2026-12-09T07:00')?.key).toBe('review:7:d7');
  });

  it('sends nothing at or after the deadline', () => {
    expect(dueReviewNotice(vn('2026-12-15T23:59:58'), deadline, NEVER_QUIET, HANOI)?.key).toBe('review:7:d1');
    expect(dueReviewNotice(vn('2026-12-15T23:59:59'), deadline, NEVER_QUIET, HANOI)).toBeNull();
    expect(notice('2026-12-16T10:00')).toBeNull();
    expect(notice('2027-01-10T10:00')).toBeNull();
  });

  it('gives two deadlines on the same day distinct keys', () => {
    expect(notice('2026-12-08T10:00', R, { id: 8, dueAt: deadline.dueAt })?.key).toBe('review:8:d7');
  });

  it('counts back across a month and a year: a deadline on 5/1/2027 has its D-14 on 22/12/2026', () => {
    const early = { id: 9, dueAt: vn('2027-01-05T23:59:59') };
    expect(notice('2026-12-22T07:59', R, early)).toBeNull();
    expect(notice('2026-12-22T08:00', R, early)).toEqual({ job: 'review-notice', key: 'review:9:d14', daysBefore: 14, at: vn('2026-12-22T08:00') });
    expect(notice('2026-12-29T08:00', R, early)?.key).toBe('review:9:d7');
    expect(notice('2027-01-04T08:00', R, early)?.key).toBe('review:9:d1');
  });

  it('follows configured offsets and hour', () => {
    const rules: ScheduleRules = { ...R, reviewNoticeDaysBefore: [2, 10], reminderHour: 9 };
    expect(notice('2026-12-05T08:59', rules)).toBeNull();
    expect(notice('2026-12-05T09:00', rules)?.key).toBe('review:7:d10');
    expect(notice('2026-12-13T09:00', rules)?.key).toBe('review:7:d2');
  });
});

describe('localDaysBetween (the "còn N ngày" of reminders)', () => {
  it('counts calendar days on the local clock, not 24-hour spans', () => {
    expect(localDaysBetween(vn('2026-11-22T08:00'), vn('2026-11-25T23:59:59'), HANOI)).toBe(3);
    expect(localDaysBetween(vn('2026-11-24T08:00'), vn('2026-11-25T23:59:59'), HANOI)).toBe(1);
    expect(localDaysBetween(vn('2026-11-25T08:00'), vn('2026-11-25T23:59:59'), HANOI)).toBe(0);
    expect(localDaysBetween(vn('2026-11-24T23:59'), vn('2026-11-25T00:00'), HANOI)).toBe(1);
    expect(localDaysBetween(vn('2026-11-26T08:00'), vn('2026-11-25T23:59:59'), HANOI)).toBe(-1);
  });

  it('uses the given zone: 01:00 in Hà Nội is still the previous day in UTC', () => {
    const from = new Date('2026-11-24T18:00:00Z'); // 25/11 01:00 in Hà Nội
    const to = vn('2026-11-25T23:59:59');
    expect(localDaysBetween(from, to, HANOI)).toBe(0);
    expect(localDaysBetween(from, to, 'UTC')).toBe(1);
  });

  it('is not thrown off by a 23-hour day in Berlin', () => {
    expect(localDaysBetween(new Date('2026-03-28T11:00:00Z'), new Date('2026-03-30T10:00:00Z'), BERLIN)).toBe(2);
    expect(localDaysBetween(new Date('2026-03-28T23:00:00Z'), new Date('2026-03-29T21:59:00Z'), BERLIN)).toBe(0);
    expect(localDaysBetween(new Date('2026-10-24T22:00:00Z'), new Date('2026-10-25T22:59:00Z'), BERLIN)).toBe(0);
  });
});

describe('nextScheduledSlot (what a tick that found nothing due says comes next)', () => {
  const next = (local: string, rules: ScheduleRules = R) => {
    const n = nextScheduledSlot(vn(local), rules, HANOI);
    return { job: n.job, at: n.at.toISOString(), ...(n.period ? { period: `${n.period.year}-${n.period.month}` } : {}) };
  };
  it('names the weekly digest, the opening, the reminders and the escalation in time order', () => {
    // Wednesday 2 December: the next is Monday's digest, before the opening on the 20th.
    expect(next('2026-12-02T10:00')).toEqual({ job: 'digest', at: vn('2026-12-07T07:30').toISOString() });
    expect(next('2026-12-19T10:00')).toEqual({ job: 'period-open', at: vn('2026-12-20T08:00').toISOString(), period: '2026-12' });
    expect(next('2026-11-21T23:00')).toEqual({ job: 'reminder', at: vn('2026-11-22T08:00').toISOString(), period: '2026-11' });
    expect(next('2026-11-25T09:00')).toEqual({ job: 'escalation', at: vn('2026-11-26T08:00').toISOString(), period: '2026-11' });
  });
  it('moves a send that would fall in quiet hours to their end', () => {
    const lateDigest: ScheduleRules = { ...R, digestHour: 22, digestMinute: 0 };
    expect(next('2026-12-02T10:00', lateDigest)).toEqual({ job: 'digest', at: vn('2026-12-08T07:00').toISOString() });
  });
});
