import { describe, it, expect } from 'vitest';
import {
  DEFAULT_MONTHLY_SCHEDULE,
  DEFAULT_SCHEDULE_RULES,
  isQuietHour,
  isQuietTime,
  monthlyPeriodDates,
  nextAllowedInstant,
  reportingMonth,
  scheduleRulesSchema,
} from '../../src/core/schedule.js';

const HANOI = 'Asia/Ho_Chi_Minh';
const BERLIN = 'Europe/Berlin';
const MINUTE = 60_000;

function vn(local: string): Date {
  return new Date(`${local.length === 16 ? `${local}:00` : local}+07:00`);
}
/** The paths of the problems the schema finds in `input`, or [] when it accepts it. */
function refusals(input: unknown): string[] {
  const result = scheduleRulesSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => i.path.join('.'));
}

describe('scheduleRulesSchema', () => {
  it('turns an empty object into the documented defaults', () => {
    expect(scheduleRulesSchema.parse({})).toEqual({
      opensOnDay: 20,
      opensAtHour: 8,
      dueOnDay: 25,
      reminderDaysBefore: [3, 1, 0],
      quietFromHour: 21,
      quietUntilHour: 7,
      reminderHour: 8,
      escalateDaysAfter: 1,
      reviewNoticeDaysBefore: [14, 7, 3, 1],
      digestWeekday: 1,
      digestHour: 7,
      digestMinute: 30,
      snoozeHours: 3,
      reviewGraceDays: 7,
    });
    expect(DEFAULT_SCHEDULE_RULES).toEqual(scheduleRulesSchema.parse({}));
    expect(DEFAULT_SCHEDULE_RULES).toMatchObject(DEFAULT_MONTHLY_SCHEDULE);
  });

  it('keeps what an organisation sets and defaults the rest', () => {
    const rules = scheduleRulesSchema.parse({ dueOnDay: 28, reminderDaysBefore: [5, 0], digestWeekday: 5 });
    expect(rules).toMatchObject({ opensOnDay: 20, dueOnDay: 28, reminderDaysBefore: [5, 0], digestWeekday: 5, digestHour: 7, quietFromHour: 21 });
  });

  it('refuses unknown keys (a typo must not silently fall back to a default)', () => {
    expect(refusals({ dueDay: 28 })).not.toEqual([]);
    expect(refusals({ quietHours: [22, 6] })).not.toEqual([]);
  });

  it('refuses a due day before the opening day, and accepts both on the same day', () => {
    expect(refusals({ opensOnDay: 20, dueOnDay: 15 })).toContain('dueOnDay');
    expect(refusals({ opensOnDay: 25, dueOnDay: 25, reminderDaysBefore: [0] })).toEqual([]);
  });

  it('refuses a reminder that would fall before the period opens', () => {
    // Opens 23rd, due 25th: a D-3 reminder would be on the 22nd.
    expect(refusals({ opensOnDay: 23 })).toContain('reminderDaysBefore');
    expect(refusals({ opensOnDay: 22 })).toEqual([]);
    expect(refusals({ opensOnDay: 30, dueOnDay: 31 })).toContain('reminderDaysBefore');
    expect(refusals({ opensOnDay: 30, dueOnDay: 31, reminderDaysBefore: [1, 0] })).toEqual([]);
  });

  it('refuses an opening, reminder or digest hour inside quiet hours, and accepts the edges', () => {
    expect(refusals({ reminderHour: 22 })).toContain('quietFromHour');
    expect(refusals({ reminderHour: 21 })).toContain('quietFromHour');
    expect(refusals({ reminderHour: 6 })).toContain('quietFromHour');
    expect(refusals({ opensAtHour: 0 })).toContain('quietFromHour');
    expect(refusals({ digestHour: 5 })).toContain('quietFromHour');
    expect(refusals({ quietFromHour: 12, quietUntilHour: 13, reminderHour: 12 })).toContain('quietFromHour');
    expect(refusals({ reminderHour: 20 })).toEqual([]);
    expect(refusals({ reminderHour: 7, opensAtHour: 7, digestHour: 7, digestMinute: 0 })).toEqual([]);
    expect(refusals({ quietFromHour: 12, quietUntilHour: 13, reminderHour: 13 })).toEqual([]);
  });

  it('refuses out-of-range and non-integer values', () => {
    for (const bad of [
      { opensAtHour: 24 },
      { opensAtHour: -1 },
      { reminderHour: 8.5 },
      { quietFromHour: 25 },
      { opensOnDay: 0 },
      { dueOnDay: 32 },
      { digestWeekday: 0 },
      { digestWeekday: 8 },
      { digestMinute: 60 },
      { escalateDaysAfter: 0 },
      { snoozeHours: 0 },
      { snoozeHours: 49 },
      { reminderDaysBefore: [-1] },
      { reminderDaysBefore: [31] },
      { reviewNoticeDaysBefore: [0] },
      { reviewNoticeDaysBefore: [61] },
      { dueOnDay: '25' },
      { reminderDaysBefore: 3 },
    ]) {
      expect(refusals(bad), JSON.stringify(bad)).not.toEqual([]);
    }
  });

  it('refuses a non-object', () => {
    expect(refusals(null)).not.toEqual([]);
    expect(refusals('20-25')).not.toEqual([]);
  });
});

describe('isQuietHour and isQuietTime', () => {
  it('treats 21:00–06:59 as quiet under the defaults, wrapping midnight', () => {
    const quiet = Array.from({ length: 24 }, (_, h) => h).filter((h) => isQuietHour(h, DEFAULT_SCHEDULE_RULES));
    expect(quiet).toEqual([0, 1, 2, 3, 4, 5, 6, 21, 22, 23]);
  });

  it('handles quiet hours within one day (12–13) and no quiet hours (from = until)', () => {
    const lunch = { quietFromHour: 12, quietUntilHour: 13 };
    expect(Array.from({ length: 24 }, (_, h) => h).filter((h) => isQuietHour(h, lunch))).toEqual([12]);
    const none = { quietFromHour: 0, quietUntilHour: 0 };
    expect(Array.from({ length: 24 }, (_, h) => h).filter((h) => isQuietHour(h, none))).toEqual([]);
  });

  it('reads the clock in the organisation zone', () => {
    expect(isQuietTime(vn('2026-11-25T20:59:59'), DEFAULT_SCHEDULE_RULES, HANOI)).toBe(false);
    expect(isQuietTime(vn('2026-11-25T21:00'), DEFAULT_SCHEDULE_RULES, HANOI)).toBe(true);
    expect(isQuietTime(vn('2026-11-26T06:59:59'), DEFAULT_SCHEDULE_RULES, HANOI)).toBe(true);
    expect(isQuietTime(vn('2026-11-26T07:00'), DEFAULT_SCHEDULE_RULES, HANOI)).toBe(false);
    // 19:00Z is 21:00 in Berlin in summer (quiet) but 20:00 in winter (not).
    expect(isQuietTime(new Date('2026-07-01T19:00:00Z'), DEFAULT_SCHEDULE_RULES, BERLIN)).toBe(true);
    expect(isQuietTime(new Date('2026-01-15T19:00:00Z'), DEFAULT_SCHEDULE_RULES, BERLIN)).toBe(false);
  });
});

describe('nextAllowedInstant', () => {
  const R = DEFAULT_SCHEDULE_RULES;
  const next = (local: string, rules: { quietFromHour: number; quietUntilHour: number } = R) => nextAllowedInstant(vn(local), rules, HANOI);

  it('at 22:00 waits until 07:00 the next day, also across a month and a year', () => {
    expect(next('2026-11-24T22:00')).toEqual(vn('2026-11-25T07:00'));
    expect(next('2026-11-24T21:00')).toEqual(vn('2026-11-25T07:00'));
    expect(next('2026-11-30T23:30')).toEqual(vn('2026-12-01T07:00'));
    expect(next('2026-12-31T22:00')).toEqual(vn('2027-01-01T07:00'));
  });

  it('at 03:00 (or midnight, or 06:59) waits until 07:00 the same day', () => {
    expect(next('2026-11-25T03:00')).toEqual(vn('2026-11-25T07:00'));
    expect(next('2026-11-25T00:00')).toEqual(vn('2026-11-25T07:00'));
    expect(next('2026-11-25T06:59:59')).toEqual(vn('2026-11-25T07:00'));
  });

  it('outside quiet hours is the instant itself', () => {
    expect(next('2026-11-25T10:00')).toEqual(vn('2026-11-25T10:00'));
    expect(next('2026-11-25T07:00')).toEqual(vn('2026-11-25T07:00'));
    expect(next('2026-11-25T20:59:59')).toEqual(vn('2026-11-25T20:59:59'));
  });

  it('handles quiet hours that do not wrap midnight (12–13)', () => {
    const lunch = { quietFromHour: 12, quietUntilHour: 13 };
    expect(next('2026-11-25T11:59', lunch)).toEqual(vn('2026-11-25T11:59'));
    expect(next('2026-11-25T12:00', lunch)).toEqual(vn('2026-11-25T13:00'));
    expect(next('2026-11-25T12:45', lunch)).toEqual(vn('2026-11-25T13:00'));
    expect(next('2026-11-25T13:00', lunch)).toEqual(vn('2026-11-25T13:00'));
    expect(next('2026-11-25T23:00', lunch)).toEqual(vn('2026-11-25T23:00'));
  });

  it('is always the first allowed instant at or after the given one (every 5 minutes of two days)', () => {
    for (const rules of [R, { quietFromHour: 12, quietUntilHour: 13 }, { quietFromHour: 0, quietUntilHour: 6 }]) {
      for (let t = vn('2026-11-24T00:00').getTime(); t < vn('2026-11-26T00:00').getTime(); t += 5 * MINUTE) {
        const now = new Date(t);
        const allowed = nextAllowedInstant(now, rules, HANOI);
        const label = `${JSON.stringify(rules)} ${now.toISOString()}`;
        expect(allowed.getTime(), label).toBeGreaterThanOrEqual(t);
        expect(isQuietTime(allowed, rules, HANOI), label).toBe(false);
        if (allowed.getTime() > t) expect(isQuietTime(new Date(allowed.getTime() - 1000), rules, HANOI), label).toBe(true);
      }
    }
  });

  it('gives 07:00 on the local clock across a daylight-saving change (Berlin)', () => {
    // 28/3/2026 22:00 CET → 29/3 07:00 CEST; 24/10 22:00 CEST → 25/10 07:00 CET.
    expect(nextAllowedInstant(new Date('2026-03-28T21:00:00Z'), R, BERLIN)).toEqual(new Date('2026-03-29T05:00:00Z'));
    expect(nextAllowedInstant(new Date('2026-10-24T20:00:00Z'), R, BERLIN)).toEqual(new Date('2026-10-25T06:00:00Z'));
  });
});

describe('monthlyPeriodDates and reportingMonth', () => {
  it('clamps dueOnDay 31 / opensOnDay 30 to the 28th of February 2026 and the 29th of February 2028', () => {
    const rules = scheduleRulesSchema.parse({ opensOnDay: 30, dueOnDay: 31, reminderDaysBefore: [1, 0] });
    const feb = monthlyPeriodDates(2026, 2, rules, HANOI);
    expect(feb).toEqual({ startsOn: '2026-02-01', endsOn: '2026-02-28', opensAt: vn('2026-02-28T08:00'), dueAt: vn('2026-02-28T23:59:59') });
    const leap = monthlyPeriodDates(2028, 2, rules, HANOI);
    expect([leap.opensAt, leap.dueAt]).toEqual([vn('2028-02-29T08:00'), vn('2028-02-29T23:59:59')]);
  });

  it('reports on the previous month until this month opens, and across the new year', () => {
    const R = DEFAULT_SCHEDULE_RULES;
    expect(reportingMonth(vn('2026-11-20T07:59:59'), R, HANOI)).toEqual({ year: 2026, month: 10 });
    expect(reportingMonth(vn('2026-11-20T08:00'), R, HANOI)).toEqual({ year: 2026, month: 11 });
    expect(reportingMonth(vn('2026-12-03T10:00'), R, HANOI)).toEqual({ year: 2026, month: 11 });
    expect(reportingMonth(vn('2027-01-01T00:30'), R, HANOI)).toEqual({ year: 2026, month: 12 });
    // 31/12/2026 18:00Z is already 1/1/2027 01:00 in Hà Nội.
    expect(reportingMonth(new Date('2026-12-31T18:00:00Z'), R, HANOI)).toEqual({ year: 2026, month: 12 });
    expect(reportingMonth(vn('2027-01-20T08:00'), R, HANOI)).toEqual({ year: 2027, month: 1 });
  });
});
