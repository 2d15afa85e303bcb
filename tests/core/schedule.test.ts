import { describe, it, expect } from 'vitest';
import { DEFAULT_MONTHLY_SCHEDULE, monthlyPeriodDates, type MonthlySchedule } from '../../src/core/schedule.js';

const HANOI = 'Asia/Ho_Chi_Minh';

describe('DEFAULT_MONTHLY_SCHEDULE', () => {
  it('opens on the 20th at 08:00 and is due on the 25th, with quiet hours at night', () => {
    expect(DEFAULT_MONTHLY_SCHEDULE).toMatchObject({ opensOnDay: 20, opensAtHour: 8, dueOnDay: 25, quietFromHour: 21, quietUntilHour: 7 });
  });

  it('sends reminders no later than the due day', () => {
    for (const days of DEFAULT_MONTHLY_SCHEDULE.reminderDaysBefore) expect(days).toBeGreaterThanOrEqual(0);
    expect(DEFAULT_MONTHLY_SCHEDULE.reminderDaysBefore).toContain(0);
  });
});

describe('monthlyPeriodDates', () => {
  it('November 2026 in Hà Nội opens 20/11 08:00 local and is due 25/11 23:59:59 local', () => {
    const dates = monthlyPeriodDates(2026, 11, DEFAULT_MONTHLY_SCHEDULE, HANOI);
    expect(dates.startsOn).toBe('2026-11-01');
    expect(dates.endsOn).toBe('2026-11-30');
    expect(dates.opensAt.toISOString()).toBe('2026-11-20T01:00:00.000Z');
    expect(dates.dueAt.toISOString()).toBe('2026-11-25T16:59:59.000Z');
  });

  it('ends a 31-day month on the 31st', () => {
    const dates = monthlyPeriodDates(2026, 12, DEFAULT_MONTHLY_SCHEDULE, HANOI);
    expect(dates.startsOn).toBe('2026-12-01');
    expect(dates.endsOn).toBe('2026-12-31');
  });

  it('clamps a due day past the end of February to its last day', () => {
    const schedule: MonthlySchedule = { ...DEFAULT_MONTHLY_SCHEDULE, dueOnDay: 30 };
    const feb2026 = monthlyPeriodDates(2026, 2, schedule, HANOI);
    expect(feb2026.endsOn).toBe('2026-02-28');
    expect(feb2026.dueAt.toISOString()).toBe('2026-02-28T16:59:59.000Z');

    const feb2028 = monthlyPeriodDates(2028, 2, schedule, HANOI);
    expect(feb2028.endsOn).toBe('2028-02-29');
    expect(feb2028.dueAt.toISOString()).toBe('2028-02-29T16:59:59.000Z');
  });

  it('clamps the opening day too, and keeps a 30-day month due on the 30th', () => {
    const schedule: MonthlySchedule = { ...DEFAULT_MONTHLY_SCHEDULE, opensOnDay: 31, dueOnDay: 31 };
    const april = monthlyPeriodDates(2026, 4, schedule, HANOI);
    expect(april.opensAt.toISOString()).toBe('2026-04-30T01:00:00.000Z');
    expect(april.dueAt.toISOString()).toBe('2026-04-30T16:59:59.000Z');
  });

  it('opens before it is due under the default schedule, every month of the year', () => {
    for (let month = 1; month <= 12; month += 1) {
      const { opensAt, dueAt } = monthlyPeriodDates(2027, month, DEFAULT_MONTHLY_SCHEDULE, HANOI);
      expect(opensAt.getTime(), `month ${month}`).toBeLessThan(dueAt.getTime());
    }
  });

  it('follows the organisation time zone, including daylight saving time', () => {
    // Berlin is on CET (+1) before 29/03/2026 and CEST (+2) after it.
    const schedule: MonthlySchedule = { ...DEFAULT_MONTHLY_SCHEDULE, opensOnDay: 20, dueOnDay: 31 };
    const march = monthlyPeriodDates(2026, 3, schedule, 'Europe/Berlin');
    expect(march.opensAt.toISOString()).toBe('2026-03-20T07:00:00.000Z');
    expect(march.dueAt.toISOString()).toBe('2026-03-31T21:59:59.000Z');
  });
});
