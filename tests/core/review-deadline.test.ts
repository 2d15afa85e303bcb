import { describe, expect, it } from 'vitest';
import { validateDeadline } from '../../src/core/review-deadline.js';

const tz = 'Asia/Ho_Chi_Minh';
const now = new Date('2026-12-03T03:00:00Z');
const ok = { kind: 'so-ket', due: '2027-07-15', from: '2027-01', to: '2027-06' };

describe('a review deadline as an operator types it', () => {
  it('is due at the end of its day, local time, covers whole months, and gets a title from its kind and months', () => {
    expect(validateDeadline(ok, now, tz)).toEqual({
      kind: 'so_ket', title: 'Sơ kết 01/2027–06/2027', coversFrom: '2027-01-01', coversTo: '2027-06-30', dueAt: new Date('2027-07-15T16:59:59Z'),
    });
    expect(validateDeadline({ ...ok, kind: 'TONG-KET', to: '2027-02', title: '  Tổng kết chuyên đề  ' }, now, tz)).toMatchObject({ kind: 'tong_ket', title: 'Tổng kết chuyên đề', coversTo: '2027-02-28' });
  });

  it('refuses each impossible request with its reason', () => {
    expect(validateDeadline({ ...ok, kind: 'so_ket ' }, now, tz)).toEqual({ problem: 'bad-kind' });
    expect(validateDeadline({ ...ok, due: '2027-02-30' }, now, tz)).toEqual({ problem: 'bad-due' });
    expect(validateDeadline({ ...ok, due: '15/07/2027' }, now, tz)).toEqual({ problem: 'bad-due' });
    expect(validateDeadline({ ...ok, from: '2027-13' }, now, tz)).toEqual({ problem: 'bad-month' });
    expect(validateDeadline({ ...ok, from: '2027-06', to: '2027-01' }, now, tz)).toEqual({ problem: 'range-backwards' });
    expect(validateDeadline({ ...ok, due: '2026-12-02', from: '2026-01', to: '2026-06' }, now, tz)).toEqual({ problem: 'due-in-past' });
    expect(validateDeadline({ ...ok, due: '2026-12-20', from: '2027-01', to: '2027-06' }, now, tz)).toEqual({ problem: 'due-before-range' });
    expect(validateDeadline({ ...ok, title: '   ' }, now, tz)).toEqual({ problem: 'blank-title' });
  });

  it('takes today as a due day until its last second', () => {
    expect(validateDeadline({ ...ok, due: '2026-12-03', from: '2026-07', to: '2026-12' }, now, tz)).toMatchObject({ dueAt: new Date('2026-12-03T16:59:59Z') });
  });
});
