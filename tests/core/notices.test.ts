import { describe, it, expect } from 'vitest';
import { isNoticePayload, renderNotice, type Notice } from '../../src/core/notices.js';

const person = 'Nguyễn Văn An';
const unit = 'Chi bộ Thôn Kon Rày';
const base = { person, unit, unitId: 42, period: '11/2026', due: '25/11/2026' };

/** Every text a person reads: no placeholder left unfilled. */
function expectClean(text: string): void {
  expect(text).not.toMatch(/undefined|null|NaN|\[object/);
}

describe('renderNotice: the invitation', () => {
  const out = renderNotice({ notice: 'period-open', params: base });

  it('names the person, the unit, the month and the due date in Vietnamese', () => {
    expect(out.text).toContain(`Kính gửi đồng chí ${person}`);
    expect(out.text).toContain('đã mở kỳ báo cáo tháng 11/2026');
    expect(out.text).toContain(unit);
    expect(out.text).toContain('hạn 25/11/2026');
    expectClean(out.text);
  });

  it('offers to report now (opening the unit) or to be reminded later', () => {
    expect(out.choices).toEqual([
      { label: 'Báo cáo ngay', value: 'unit:42' },
      { label: 'Nhắc lại sau', value: 'snooze:42' },
    ]);
  });
});

describe('renderNotice: reminders', () => {
  const reminder = (daysLeft: number, started: boolean) => renderNotice({ notice: 'reminder', params: { ...base, daysLeft, started } });

  it('says how many days are left before the due date (D-3, D-1)', () => {
    const d3 = reminder(3, false);
    expect(d3.text).toContain(`Kính gửi đồng chí ${person}`);
    expect(d3.text).toContain('còn 3 ngày nữa là đến hạn (25/11/2026)');
    expect(d3.text).toContain('báo cáo tháng 11/2026');
    expect(d3.text).toContain(unit);
    expect(d3.text).toContain('Đơn vị chưa gửi báo cáo.');
    expect(reminder(1, false).text).toContain('còn 1 ngày nữa là đến hạn (25/11/2026)');
    expectClean(d3.text);
  });

  it('on the due day says it is the last day, never "còn 0 ngày"', () => {
    const d0 = reminder(0, false);
    expect(d0.text).toContain('hôm nay (25/11/2026) là hạn cuối');
    expect(d0.text).not.toContain('còn 0 ngày');
    expect(reminder(-1, false).text).not.toMatch(/còn -?\d+ ngày/);
  });

  it('offers "Báo cáo ngay" to a unit that has not started, "Tiếp tục" to one that has, both on unit:<id>', () => {
    expect(reminder(3, false).choices).toEqual([
      { label: 'Báo cáo ngay', value: 'unit:42' },
      { label: 'Nhắc lại sau', value: 'snooze:42' },
    ]);
    const started = reminder(1, true);
    expect(started.choices).toEqual([
      { label: 'Tiếp tục', value: 'unit:42' },
      { label: 'Nhắc lại sau', value: 'snooze:42' },
    ]);
    expect(started.text).toContain('Báo cáo đang làm dở');
    expect(started.text).not.toContain('Đơn vị chưa gửi báo cáo.');
  });

  it('names in its text only buttons that it shows', () => {
    for (const started of [false, true]) {
      const out = reminder(2, started);
      const named = [...out.text.matchAll(/«([^»]+)»/g)].map((m) => m[1]);
      for (const label of named) expect(out.choices?.map((c) => c.label), label).toContain(label);
    }
  });

  it('puts each unit on its own buttons', () => {
    const other = renderNotice({ notice: 'reminder', params: { ...base, unitId: 7, daysLeft: 3, started: false } });
    expect(other.choices?.map((c) => c.value)).toEqual(['unit:7', 'snooze:7']);
  });
});

describe('renderNotice: late units to the leader above', () => {
  const late = (total: number, shown: { unit: string; started: boolean }[]) =>
    renderNotice({ notice: 'late-units', params: { person: 'Trần Thị Bình', period: '11/2026', due: '25/11/2026', total, shown } });

  it('lists every late unit, marking those half done, with the month and the due date', () => {
    const out = late(2, [
      { unit: 'Chi bộ Thôn 1', started: false },
      { unit: 'Chi bộ Thôn 2', started: true },
    ]);
    expect(out.text).toContain('Kính gửi đồng chí Trần Thị Bình');
    expect(out.text).toContain('đã quá hạn báo cáo tháng 11/2026 (25/11/2026), còn 2 đơn vị chưa gửi:');
    const lines = out.text.split('\n');
    expect(lines).toContain('• Chi bộ Thôn 1');
    expect(lines).toContain('• Chi bộ Thôn 2 (đang làm dở)');
    expect(out.text).not.toContain('đơn vị khác');
    expect(out.text).toContain('/chuanop');
    expect(out.choices).toBeUndefined();
    expectClean(out.text);
  });

  it('says "… và N đơn vị khác" when the list is cut short', () => {
    const shown = Array.from({ length: 10 }, (_, i) => ({ unit: `Chi bộ ${i + 1}`, started: false }));
    const out = late(137, shown);
    expect(out.text).toContain('còn 137 đơn vị chưa gửi');
    expect(out.text.split('\n').filter((l) => l.startsWith('• '))).toHaveLength(10);
    expect(out.text).toContain('… và 127 đơn vị khác.');
  });
});

describe('renderNotice: review deadline notices', () => {
  const review = (missing: string[], daysLeft = 7) =>
    renderNotice({ notice: 'review', params: { person, unit, title: 'sơ kết 6 tháng cuối năm 2026', due: '15/12/2026', daysLeft, missing } });

  it('lists the months still missing', () => {
    const out = review(['09/2026', '10/2026']);
    expect(out.text).toContain(`Kính gửi đồng chí ${person}`);
    expect(out.text).toContain('còn 7 ngày nữa là đến hạn sơ kết 6 tháng cuối năm 2026 (15/12/2026)');
    expect(out.text).toContain(`${unit} còn thiếu báo cáo tháng 09/2026, 10/2026`);
    expect(out.text).toContain('/baocao');
    expect(out.text).not.toContain('Cảm ơn');
    expectClean(out.text);
  });

  it('thanks a unit that has sent every month', () => {
    const out = review([], 14);
    expect(out.text).toContain('còn 14 ngày nữa');
    expect(out.text).toContain(`${unit} đã gửi đủ báo cáo các tháng trong kỳ. Cảm ơn đồng chí!`);
    expect(out.text).not.toContain('còn thiếu');
    expect(out.choices).toBeUndefined();
  });
});

describe('isNoticePayload', () => {
  it('recognises a stored notice, with or without quiet hours', () => {
    const notice: Notice = { notice: 'period-open', params: base };
    expect(isNoticePayload(notice)).toBe(true);
    expect(isNoticePayload({ ...notice, quiet: { fromHour: 21, untilHour: 7 } })).toBe(true);
    expect(isNoticePayload(JSON.parse(JSON.stringify(notice)))).toBe(true);
  });

  it('does not take a ready reply or junk for a notice', () => {
    for (const payload of [null, undefined, 'period-open', 42, [], { text: 'Xin chào' }, { notice: 5 }, { notice: null }]) {
      expect(isNoticePayload(payload), JSON.stringify(payload)).toBe(false);
    }
  });
});
