import { describe, expect, it } from 'vitest';
import { isBack, isDone, isNoActivity, isNone, isSend, isSkip, parseAttendance, parseCount, parseYesNo } from '../../../src/core/checkin/parse-answer.js';
import { seededRandom } from '../../../src/core/random.js';
import { ANSWER_CORPUS } from './answer-corpus.js';

/** Pieces a hostile or clumsy input is made of: any code point, digits of many scripts, combining marks, the reader's own words. */
const PIECES = [
  ...'0123456789/\\%-–—.,;:()+~=?!&x đĐ ạ ươ ́̀̃ ',
  '２', '٣', '३', '𝟐', '１５', '／', '\u200b', '\ufeff', '\u202e', '\ud800', '\udfff', '👍', '👎', '🙂', '❤️',
  'không', 'ko', 'k', 'có', 'chưa', 'hai', 'tư', 'mốt', 'lăm', 'nhăm', 'băm', 'hăm', 'mươi', 'mười', 'chục', 'trăm', 'nghìn',
  'triệu', 'tỷ', 'lẻ', 'linh', 'rưỡi', 'tầm', 'đ/c', 'vắng', 'dự', 'tổng', 'trên', 'bỏ qua', 'quay lại', 'xong', 'ảnh',
  'constructor', '__proto__', 'toString', ' ', ' ', ' ',
];

function randomInput(random: () => number): string {
  const length = Math.floor(random() * 24);
  let text = '';
  for (let i = 0; i < length; i += 1) {
    text += random() < 0.3 ? String.fromCodePoint(Math.floor(random() * 0x30000)) : PIECES[Math.floor(random() * PIECES.length)]!;
  }
  return text;
}

describe('the answer reader never throws and never returns nonsense', () => {
  const random = seededRandom(20);
  const inputs = [
    ...Array.from({ length: 1500 }, () => randomInput(random)),
    // Corpus answers cut, doubled and stuck together.
    ...ANSWER_CORPUS.flatMap((c) => [c.input.slice(0, Math.floor(c.input.length / 2)), `${c.input} ${c.input}`]),
    'hai '.repeat(5000),
    '9'.repeat(100_000),
    '1/'.repeat(20_000),
    'mười '.repeat(70),
    'một trăm nghìn triệu tỷ '.repeat(12),
    '(((((((((('.repeat(30),
  ];

  it.each([31, 5000, 100_000])('parseCount(…, %i) gives a whole number within the bound, or a reason', (max) => {
    for (const input of inputs) {
      const parsed = parseCount(input, max);
      if (parsed.ok) {
        expect(Number.isSafeInteger(parsed.value), input).toBe(true);
        expect(parsed.value >= 0 && parsed.value <= max && !Object.is(parsed.value, -0), input).toBe(true);
      } else expect(['unreadable', 'negative', 'too_large'], input).toContain(parsed.reason);
    }
  });

  it('parseAttendance gives present ≤ total within the bound, total above 0, or a reason', () => {
    for (const input of inputs) {
      const parsed = parseAttendance(input, 5000);
      if (parsed.ok) {
        const { present, total } = parsed.value;
        expect(Number.isSafeInteger(present) && Number.isSafeInteger(total), input).toBe(true);
        expect(present >= 0 && present <= total && total > 0 && total <= 5000, input).toBe(true);
      } else expect(['unreadable', 'negative', 'too_large', 'present_above_total', 'zero_total'], input).toContain(parsed.reason);
    }
  });

  it('the phrase readers answer true, false or (yes/no) null', () => {
    for (const input of inputs) {
      for (const read of [isNone, isSkip, isBack, isDone, isNoActivity, isSend]) expect(typeof read(input), input).toBe('boolean');
      expect([true, false, null], input).toContain(parseYesNo(input));
    }
  });

  it('never reads a long text as none, skip, back or done', () => {
    const long = `không có ${'kinh phí '.repeat(60)}`;
    expect([isNone(long), isSkip(long), isBack(long), isDone(long)]).toEqual([false, false, false, false]);
  });
});
