import { describe, it, expect } from 'vitest';
import { isBack, isDone, isNone, isSkip, parseAttendance, parseChoice, parseCount, parseYesNo } from '../../../src/core/checkin/parse-answer.js';

/** The largest count any default question accepts (participants). */
const BIG = 100_000;

describe('parseCount: a count as secretaries type it on a phone', () => {
  it.each([
    ['2', 2],
    ['hai', 2],
    ['2 cuộc', 2],
    ['hai cuoc', 2],
    ['Hai cuộc ạ', 2],
    ['  2  ', 2],
    ['2.', 2],
    ['mười', 10],
    ['mười lăm', 15],
    ['muoi lam', 15],
    ['mười một', 11],
    ['hai mươi', 20],
    ['hai mươi mốt', 21],
    ['hai mươi tư', 24],
    ['ba mươi lăm lượt', 35],
    ['năm mươi năm', 55],
    ['một trăm', 100],
    ['một trăm linh năm', 105],
    ['một trăm lẻ năm', 105],
    ['một nghìn sáu trăm bốn mươi', 1640],
    ['một ngàn sáu trăm bốn mươi', 1640],
    ['1.640', 1640],
    ['1640', 1640],
    ['35 lượt người', 35],
    ['35 luot nguoi', 35],
    ['khoảng 30 người', 30],
    ['tổ chức 2 cuộc', 2],
    ['tổ chức hai cuộc', 2],
    ['hai chục', 20],
    ['hai chục người', 20],
    ['không', 0],
    ['0', 0],
    ['0 cuộc', 0],
    // Typed with decomposed diacritics (some Android keyboards) and with a zero-width space.
    ['hai mươi mốt'.normalize('NFD'), 21],
    ['2\u200b', 2],
  ])('reads %j as %i', (input, expected) => {
    expect(parseCount(input, BIG)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['1,5', 'unreadable'], // one and a half, in Vietnamese
    ['1.5', 'unreadable'], // a decimal with a dot is not a whole count either, and never 15
    ['3.5 cuộc', 'unreadable'],
    ['1.64', 'unreadable'],
    ['2 3', 'unreadable'],
    ['2 hoặc 3', 'unreadable'],
    ['abc', 'unreadable'],
    ['hai ba', 'unreadable'],
    ['', 'unreadable'],
    ['   ', 'unreadable'],
    ['🙂', 'unreadable'],
    ['👍👍', 'unreadable'],
    ['❤️', 'unreadable'],
    ['1e309', 'unreadable'],
    ['0x10', 'unreadable'],
    ['NaN', 'unreadable'],
    ['Infinity', 'unreadable'],
    ['99999999999999999999999', 'unreadable'],
    ['hai cây cà phê xanh', 'unreadable'],
    // Words that name properties every JavaScript object has are not numbers.
    ['constructor', 'unreadable'],
    ['__proto__', 'unreadable'],
    ['hasOwnProperty', 'unreadable'],
    ['tổ chức', 'unreadable'],
    ['-3', 'negative'],
    ['- 3', 'negative'],
    ['âm 3', 'negative'],
    ['-999999999', 'negative'],
  ] as const)('refuses %j (%s)', (input, reason) => {
    expect(parseCount(input, BIG)).toEqual({ ok: false, reason });
  });

  it('refuses a count above the question maximum as too large, and accepts the maximum itself', () => {
    expect(parseCount('32', 31)).toEqual({ ok: false, reason: 'too_large' });
    expect(parseCount('ba mươi hai', 31)).toEqual({ ok: false, reason: 'too_large' });
    expect(parseCount('1.640', 100)).toEqual({ ok: false, reason: 'too_large' });
    expect(parseCount('1.000.000', BIG)).toEqual({ ok: false, reason: 'too_large' });
    expect(parseCount('31', 31)).toEqual({ ok: true, value: 31 });
  });

  it('never returns anything but a non-negative safe integer when it accepts', () => {
    for (const input of ['0', '7', 'một trăm', '1.640', 'mười lăm', '100000']) {
      const parsed = parseCount(input, BIG);
      expect(parsed.ok, input).toBe(true);
      if (parsed.ok) {
        expect(Number.isSafeInteger(parsed.value)).toBe(true);
        expect(Object.is(parsed.value, -0)).toBe(false);
        expect(parsed.value).toBeGreaterThanOrEqual(0);
      }
    }
  });
});

describe('parseAttendance: members present of the total', () => {
  it.each([
    ['17/19', 17, 19],
    ['17 / 19', 17, 19],
    ['17 trên 19', 17, 19],
    ['17 tren 19', 17, 19],
    ['17 trên tổng số 19', 17, 19],
    ['mười bảy trên mười chín', 17, 19],
    ['muoi bay tren muoi chin', 17, 19],
    ['17/19 đồng chí', 17, 19],
    ['17 đồng chí / 19 đồng chí', 17, 19],
    ['0/19', 0, 19],
    ['19/19', 19, 19],
  ])('reads %j as %i of %i', (input, present, total) => {
    expect(parseAttendance(input, 5000)).toEqual({ ok: true, value: { present, total } });
  });

  it.each([
    ['20/19', 'present_above_total'],
    ['3/0', 'zero_total'],
    ['0/0', 'zero_total'],
    ['17', 'unreadable'],
    ['mười chín', 'unreadable'],
    ['17/19/20', 'unreadable'],
    ['17.5/19', 'unreadable'],
    ['17,5/19', 'unreadable'],
    ['abc/19', 'unreadable'],
    ['/', 'unreadable'],
    ['', 'unreadable'],
    ['🙂', 'unreadable'],
    ['constructor/constructor', 'unreadable'],
    ['__proto__/19', 'unreadable'],
    ['-1/19', 'negative'],
    ['17/-19', 'negative'],
    ['6000/7000', 'too_large'],
  ] as const)('refuses %j (%s)', (input, reason) => {
    expect(parseAttendance(input, 5000)).toEqual({ ok: false, reason });
  });
});

describe('isNone: "there is nothing to report here"', () => {
  it.each(['không', 'Không', 'Không có', 'khong co', 'ko', 'k', 'KO', 'chưa có', 'Không có ạ.', 'không có gì', 'không có!', '  khong  '])('%j means none', (input) => {
    expect(isNone(input)).toBe(true);
  });

  // A lone 0, dash, dot or cross said to a free-text question is "nothing" too (issue 20).
  it.each(['0', '-', '.', 'x'])('%j means none', (input) => {
    expect(isNone(input)).toBe(true);
  });

  it.each(['không khí', 'có', 'Không có tiền mua giống', 'kỳ này khó', '', 'không có xe đi lại', 'thiếu cán bộ', 'chưa có nhà văn hóa', '- thiếu vốn'])('%j does not', (input) => {
    expect(isNone(input)).toBe(false);
  });
});

describe('parseYesNo', () => {
  it.each([
    ['có', true],
    ['Có', true],
    ['Có ạ', true],
    ['co', true],
    ['vâng', true],
    ['rồi', true],
    ['dạ', true],
    ['ok', true],
    ['chưa', false],
    ['Chưa ạ', false],
    ['không', false],
    ['ko', false],
    ['khong co', false],
    ['có lẽ', null],
    ['maybe', null],
    ['', null],
    ['🙂', null],
    ['2', null],
  ] as const)('%j → %s', (input, expected) => {
    expect(parseYesNo(input)).toBe(expected);
  });
});

describe('isSkip, isBack, isDone', () => {
  it('recognises the skip words, with or without diacritics', () => {
    // «bỏ» alone is «bỏ qua» cut short (issue 20); "không" stays an answer (none, or 0 to a count).
    for (const word of ['bỏ qua', 'Bỏ qua', 'bo qua', 'boqua', 'skip', 'tiếp', 'để sau', 'bỏ', 'bỏ qua nhé']) expect(isSkip(word), word).toBe(true);
    for (const word of ['không', 'quay lại', '', 'sáu', 'bỏ vốn']) expect(isSkip(word), word).toBe(false);
  });

  it('recognises the back words', () => {
    for (const word of ['quay lại', 'Quay lại', 'quay lai', 'lùi', 'trở lại', 'back']) expect(isBack(word), word).toBe(true);
    for (const word of ['quay', 'lại', 'bỏ qua', '']) expect(isBack(word), word).toBe(false);
  });

  it('recognises the words that close the photo step', () => {
    for (const word of ['xong', 'Xong', 'Xong rồi!', 'hết', 'done', 'không có ảnh']) expect(isDone(word), word).toBe(true);
    for (const word of ['xong việc cả rồi', 'ảnh', 'không', '']) expect(isDone(word), word).toBe(false);
  });
});

describe('parseChoice', () => {
  const progress = [
    { value: 'on_track', label: 'Đúng kế hoạch' },
    { value: 'delayed', label: 'Chậm' },
    { value: 'paused', label: 'Tạm dừng' },
    { value: 'completed', label: 'Hoàn thành' },
  ] as const;

  it.each([
    ['Đúng kế hoạch', 'on_track'],
    ['đúng kế hoạch', 'on_track'],
    ['dung ke hoach', 'on_track'],
    ['Chậm', 'delayed'],
    ['cham', 'delayed'],
    ['Chậm.', 'delayed'],
    ['Tạm dừng', 'paused'],
    ['tam dung', 'paused'],
    ['hoàn thành', 'completed'],
    ['HOAN THANH', 'completed'],
    ['on_track', 'on_track'],
    ['1', 'on_track'],
    ['2', 'delayed'],
    ['3', 'paused'],
    ['4', 'completed'],
  ] as const)('%j → %s', (input, expected) => {
    expect(parseChoice(input, progress)).toBe(expected);
  });

  it.each(['0', '5', '99', '-1', '1.5', '', 'nhanh', '🙂'])('%j → null', (input) => {
    expect(parseChoice(input, progress)).toBeNull();
  });

  it('uses synonyms, folded', () => {
    expect(parseChoice('Đã xong', progress, { completed: ['da xong'] })).toBe('completed');
    expect(parseChoice('xong', progress, { delayed: ['tre'] })).toBeNull();
  });
});
