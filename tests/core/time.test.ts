import { describe, it, expect } from 'vitest';
import { daysInMonth, isoDate, offsetMs, shiftMonth, wallClockOf, zonedInstant } from '../../src/core/time.js';
import { calendarParts } from '../../src/core/format.js';

const HANOI = 'Asia/Ho_Chi_Minh';
const BERLIN = 'Europe/Berlin';
const HOUR = 3_600_000;

describe('zonedInstant', () => {
  it('turns a Hà Nội wall-clock time into the instant 7 hours earlier in UTC', () => {
    expect(zonedInstant({ year: 2026, month: 11, day: 20, hour: 8 }, HANOI).toISOString()).toBe('2026-11-20T01:00:00.000Z');
    expect(zonedInstant({ year: 2026, month: 11, day: 25, hour: 23, minute: 59, second: 59 }, HANOI).toISOString()).toBe(
      '2026-11-25T16:59:59.000Z',
    );
  });

  it('defaults the time to midnight, which is the previous day in UTC', () => {
    expect(zonedInstant({ year: 2026, month: 1, day: 1 }, HANOI).toISOString()).toBe('2025-12-31T17:00:00.000Z');
  });

  it('is the identity for UTC', () => {
    expect(zonedInstant({ year: 2026, month: 3, day: 29, hour: 2, minute: 30 }, 'UTC').toISOString()).toBe('2026-03-29T02:30:00.000Z');
  });

  // Berlin moves from CET (UTC+1) to CEST (UTC+2) at 02:00 local = 01:00Z on 29/03/2026,
  // and back at 03:00 local = 01:00Z on 25/10/2026.
  it('uses winter time just before the spring change in Berlin', () => {
    expect(zonedInstant({ year: 2026, month: 3, day: 29, hour: 0 }, BERLIN).toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(zonedInstant({ year: 2026, month: 3, day: 29, hour: 1, minute: 30 }, BERLIN).toISOString()).toBe('2026-03-29T00:30:00.000Z');
  });

  it('uses summer time just after the spring change in Berlin', () => {
    expect(zonedInstant({ year: 2026, month: 3, day: 29, hour: 3 }, BERLIN).toISOString()).toBe('2026-03-29T01:00:00.000Z');
    expect(zonedInstant({ year: 2026, month: 3, day: 29, hour: 12 }, BERLIN).toISOString()).toBe('2026-03-29T10:00:00.000Z');
    expect(zonedInstant({ year: 2026, month: 3, day: 29, hour: 23, minute: 59, second: 59 }, BERLIN).toISOString()).toBe(
      '2026-03-29T21:59:59.000Z',
    );
  });

  it('gives an instant whose Berlin wall clock reads back as asked, on every hour of the change days', () => {
    for (const [month, day] of [
      [3, 28],
      [3, 29],
      [3, 30],
      [10, 24],
      [10, 25],
      [10, 26],
    ] as const) {
      for (let hour = 0; hour < 24; hour += 1) {
        if (month === 3 && day === 29 && hour === 2) continue; // 02:00–02:59 does not exist that day
        const instant = zonedInstant({ year: 2026, month, day, hour, minute: 15 }, BERLIN);
        expect(calendarParts(instant, BERLIN), `${day}/${month} ${hour}:15`).toEqual({ year: 2026, month, day, hour, minute: 15 });
      }
    }
  });

  it('moves a time in the spring gap forward to a real instant', () => {
    const instant = zonedInstant({ year: 2026, month: 3, day: 29, hour: 2, minute: 30 }, BERLIN);
    // 02:30 does not exist; the clock jumped from 02:00 CET to 03:00 CEST.
    expect(instant.toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(calendarParts(instant, BERLIN)).toMatchObject({ day: 29, hour: 3, minute: 30 });
  });
});

describe('offsetMs', () => {
  it('is +7 hours in Hà Nội all year', () => {
    expect(offsetMs(new Date('2026-01-15T12:00:00Z'), HANOI)).toBe(7 * HOUR);
    expect(offsetMs(new Date('2026-07-15T12:00:00Z'), HANOI)).toBe(7 * HOUR);
  });

  it('changes from +1 to +2 hours in Berlin at 01:00Z on 29/03/2026', () => {
    expect(offsetMs(new Date('2026-03-29T00:59:59Z'), BERLIN)).toBe(1 * HOUR);
    expect(offsetMs(new Date('2026-03-29T01:00:00Z'), BERLIN)).toBe(2 * HOUR);
  });

  it('ignores milliseconds of the instant', () => {
    expect(offsetMs(new Date('2026-11-20T01:00:00.999Z'), HANOI)).toBe(7 * HOUR);
  });
});

describe('isoDate', () => {
  it('pads month and day', () => {
    expect(isoDate(2026, 3, 5)).toBe('2026-03-05');
    expect(isoDate(2026, 11, 25)).toBe('2026-11-25');
  });
});

describe('daysInMonth', () => {
  it('knows the length of each month, including leap Februaries', () => {
    expect(daysInMonth(2026, 1)).toBe(31);
    expect(daysInMonth(2026, 2)).toBe(28);
    expect(daysInMonth(2028, 2)).toBe(29);
    expect(daysInMonth(2100, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(daysInMonth(2026, 4)).toBe(30);
    expect(daysInMonth(2026, 12)).toBe(31);
  });
});

describe('shiftMonth', () => {
  it('moves within a year', () => {
    expect(shiftMonth({ year: 2026, month: 5 }, 1)).toEqual({ year: 2026, month: 6 });
    expect(shiftMonth({ year: 2026, month: 5 }, -1)).toEqual({ year: 2026, month: 4 });
    expect(shiftMonth({ year: 2026, month: 5 }, 0)).toEqual({ year: 2026, month: 5 });
  });

  it('crosses year boundaries both ways', () => {
    expect(shiftMonth({ year: 2026, month: 1 }, -1)).toEqual({ year: 2025, month: 12 });
    expect(shiftMonth({ year: 2026, month: 12 }, 1)).toEqual({ year: 2027, month: 1 });
    expect(shiftMonth({ year: 2026, month: 11 }, 14)).toEqual({ year: 2028, month: 1 });
    expect(shiftMonth({ year: 2026, month: 2 }, -26)).toEqual({ year: 2023, month: 12 });
  });

  it('moves by whole years', () => {
    expect(shiftMonth({ year: 2026, month: 7 }, 12)).toEqual({ year: 2027, month: 7 });
    expect(shiftMonth({ year: 2026, month: 7 }, -24)).toEqual({ year: 2024, month: 7 });
  });
});

describe('wallClockOf', () => {
  it('shows the same clock as calendarParts, to the minute, also next to daylight-saving changes', () => {
    const cases: [string, string][] = [
      ['Asia/Ho_Chi_Minh', '2026-11-25T16:59:00Z'],
      ['America/New_York', '2026-03-08T06:00:00Z'],
      ['America/New_York', '2026-11-01T05:00:00Z'],
      ['America/St_Johns', '2010-03-14T03:00:00Z'], // changed at 00:01 local, off the quarter hours
      ['Asia/Kathmandu', '2026-06-01T00:00:00Z'],
    ];
    for (const [zone, around] of cases) {
      const clock = wallClockOf(zone);
      const start = new Date(around).getTime() - 3 * 3600_000;
      for (let ms = start; ms < start + 6 * 3600_000; ms += 37_000) {
        const instant = new Date(ms);
        const p = calendarParts(instant, zone);
        expect(clock(instant).toISOString(), `${zone} ${instant.toISOString()}`).toBe(new Date(Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute)).toISOString());
      }
    }
  });
});
