import { describe, it, expect } from 'vitest';
import {
  calendarParts,
  formatCount,
  formatDate,
  formatLongDate,
  formatMonth,
  formatPercent,
} from '../../src/core/format.js';

const HANOI = 'Asia/Ho_Chi_Minh';

describe('formatCount', () => {
  it('groups thousands with a dot, as Vietnamese reports do', () => {
    expect(formatCount(1640)).toBe('1.640');
    expect(formatCount(1_234_567)).toBe('1.234.567');
  });

  it('writes small numbers and zero plainly', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(7)).toBe('7');
    expect(formatCount(999)).toBe('999');
  });

  it('rounds to a whole number', () => {
    expect(formatCount(1639.6)).toBe('1.640');
  });

  it('writes every whole number as Intl does for vi-VN, negative ones included, and -0 as 0', () => {
    const intl = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });
    expect(formatCount(-0)).toBe('0');
    const values = [-1, -999, -1000, -1234567, 1000, 9999, 10_000, 99_999, 100_000, 999_999, 1_000_000, 2 ** 31, Number.MAX_SAFE_INTEGER];
    for (let n = 1; n < 1e15; n = n * 7 + 3) values.push(n, -n);
    for (const n of values) expect(formatCount(n), String(n)).toBe(intl.format(n));
  });
});

describe('formatPercent', () => {
  it('writes one decimal with a comma', () => {
    expect(formatPercent(0.912)).toBe('91,2%');
    expect(formatPercent(0.035)).toBe('3,5%');
  });

  it('drops the decimal when it is zero', () => {
    expect(formatPercent(0.8)).toBe('80%');
    expect(formatPercent(1)).toBe('100%');
    expect(formatPercent(0)).toBe('0%');
  });

  it('rounds to the nearest tenth of a percent', () => {
    expect(formatPercent(0.91249)).toBe('91,2%');
    expect(formatPercent(0.91251)).toBe('91,3%');
    expect(formatPercent(0.99996)).toBe('100%');
  });

  it('groups thousands above 1000%', () => {
    expect(formatPercent(12.345)).toBe('1.234,5%');
  });
});

describe('formatDate', () => {
  it('writes dd/mm/yyyy with leading zeros', () => {
    expect(formatDate(new Date('2026-11-25T03:00:00Z'), HANOI)).toBe('25/11/2026');
    expect(formatDate(new Date('2026-03-05T03:00:00Z'), HANOI)).toBe('05/03/2026');
  });

  it('uses the calendar day in Hà Nội, not in UTC', () => {
    // 17:30 UTC on 24/11 is 00:30 on 25/11 in Hà Nội (UTC+7).
    const instant = new Date('2026-11-24T17:30:00Z');
    expect(formatDate(instant, 'UTC')).toBe('24/11/2026');
    expect(formatDate(instant, HANOI)).toBe('25/11/2026');
  });

  it('rolls over the year in Hà Nội before UTC does', () => {
    const instant = new Date('2026-12-31T18:00:00Z');
    expect(formatDate(instant, 'UTC')).toBe('31/12/2026');
    expect(formatDate(instant, HANOI)).toBe('01/01/2027');
  });

  it('treats midnight in Hà Nội as the start of the new day', () => {
    expect(formatDate(new Date('2026-11-24T17:00:00Z'), HANOI)).toBe('25/11/2026');
    expect(formatDate(new Date('2026-11-24T16:59:59Z'), HANOI)).toBe('24/11/2026');
  });
});

describe('formatMonth', () => {
  it('names a reporting month as mm/yyyy', () => {
    expect(formatMonth(2026, 11)).toBe('11/2026');
    expect(formatMonth(2027, 1)).toBe('01/2027');
  });
});

describe('formatLongDate', () => {
  it('writes the place-and-date form in the given zone', () => {
    expect(formatLongDate(new Date('2026-11-24T17:30:00Z'), HANOI)).toBe('ngày 25 tháng 11 năm 2026');
    expect(formatLongDate(new Date('2026-02-03T00:00:00Z'), HANOI)).toBe('ngày 03 tháng 02 năm 2026');
  });
});

describe('calendarParts', () => {
  it('gives the wall clock in the zone, with midnight as hour 0', () => {
    expect(calendarParts(new Date('2026-11-24T17:05:00Z'), HANOI)).toEqual({ year: 2026, month: 11, day: 25, hour: 0, minute: 5 });
    expect(calendarParts(new Date('2026-11-24T17:05:00Z'), 'UTC')).toEqual({ year: 2026, month: 11, day: 24, hour: 17, minute: 5 });
  });
});
