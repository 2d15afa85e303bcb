import { describe, expect, it } from 'vitest';
import { calendarFormValues, calendarPreview, readCalendarForm } from '../../src/core/calendar-form.js';
import { DEFAULT_SCHEDULE_RULES, scheduleRulesSchema } from '../../src/core/schedule.js';
import { dueDigestSlot, dueMonthlySlots, scheduledSlotsBetween } from '../../src/core/schedule-slots.js';

const tz = 'Asia/Ho_Chi_Minh';

describe('the calendar form', () => {
  it('reads back what it shows, and «Ngày cuối tháng» (31) lands on each month\'s last day', () => {
    expect(readCalendarForm(calendarFormValues(DEFAULT_SCHEDULE_RULES))).toEqual({ rules: DEFAULT_SCHEDULE_RULES });
    const last = readCalendarForm({ ...calendarFormValues(DEFAULT_SCHEDULE_RULES), 'ngay-mo': '25', han: '31', nhac: '3, 0' });
    if (!('rules' in last)) throw new Error(JSON.stringify(last));
    const february = calendarPreview({ year: 2027, month: 2 }, last.rules, tz).map((l) => l.what + ' ' + l.at.toISOString());
    expect(february).toContain('Hạn nộp báo cáo tháng 02/2027 2027-02-28T16:59:59.000Z');
    expect(february).toContain('Nhắc hạn tháng 02/2027 (trước 3 ngày) 2027-02-25T01:00:00.000Z');
  });

  it('refuses a reminder that falls before the opening in a short month though not in a long one', () => {
    const result = readCalendarForm({ ...calendarFormValues(DEFAULT_SCHEDULE_RULES), 'ngay-mo': '27', han: '31', nhac: '3' });
    expect(result).toEqual({ problems: { nhac: 'Nhắc trước 3 ngày thì rơi vào trước ngày mở kỳ. Bớt số ngày hoặc mở kỳ sớm hơn.' } });
  });
});

describe('scheduledSlotsBetween (the preview)', () => {
  it('lists exactly the sends a tick finds due at their times', () => {
    const rules = scheduleRulesSchema.parse({ dueOnDay: 27, digestWeekday: 3, digestHour: 9, digestMinute: 15 });
    const from = new Date('2026-11-30T17:00:00Z');
    const to = new Date('2027-01-31T17:00:00Z');
    const slots = scheduledSlotsBetween(from, to, rules, tz);
    expect(slots.length).toBeGreaterThan(10);
    for (const slot of slots) {
      const due = slot.job === 'digest' ? (dueDigestSlot(slot.at, rules, tz) ? ['digest'] : []) : dueMonthlySlots(slot.at, rules, tz).map((s) => s.job);
      expect(due, `${slot.job} at ${slot.at.toISOString()}`).toContain(slot.job);
    }
    expect(slots.filter((s) => s.job === 'digest').map((s) => s.at.toISOString()).slice(0, 2)).toEqual(['2026-12-02T02:15:00.000Z', '2026-12-09T02:15:00.000Z']);
    expect(slots.some((s) => s.moved)).toBe(false);
    // A send whose own time falls in quiet hours (rules the form refuses, built here directly) is moved out, and said so.
    const early = scheduledSlotsBetween(from, to, { ...rules, digestHour: 6 }, tz).find((s) => s.job === 'digest')!;
    expect(early.moved).toBe(true);
    expect(early.at.toISOString()).toBe('2026-12-02T00:00:00.000Z');
  });
});
