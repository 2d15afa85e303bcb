import { describe, expect, it } from 'vitest';
import { BUTTON_DATA_LIMIT, decodeButtonData, decodeButtonValue, encodeButtonData, encodeButtonValue, routedButtonKind, type ButtonValue } from '../../src/core/button-data.js';
import { DEFAULT_QUESTION_SET } from '../../src/core/checkin/question-set.js';

const bytes = (s: string) => new TextEncoder().encode(s).length;

describe('button values', () => {
  it('encode and decode every kind the bot draws', () => {
    const values: [ButtonValue, string][] = [
      [{ kind: 'unit', unitId: 12, intent: 'report' }, 'unit:12'],
      [{ kind: 'unit', unitId: 12, intent: 'edit' }, 'unit:12:sua'],
      [{ kind: 'snooze', unitId: 7 }, 'snooze:7'],
      [{ kind: 'answer', answer: 'Không có' }, 'ans:Không có'],
      [{ kind: 'edit', step: 3 }, 'edit:3'],
      [{ kind: 'word', word: 'done' }, 'done'],
    ];
    for (const [value, text] of values) {
      expect(encodeButtonValue(value)).toBe(text);
      expect(decodeButtonValue(text)).toEqual(value);
    }
  });

  it('reads a known prefix that does not parse as nothing drawn', () => {
    for (const text of ['unit:', 'unit:x', 'unit:12:xoa', 'snooze:', 'snooze:1.5', 'edit:', 'edit:-1']) expect(decodeButtonValue(text), text).toBeNull();
  });

  it('fits Telegram\'s 64 bytes with the largest ids, for every answer button of the default question set', () => {
    const conversation = { id: 999_999_999_999, version: 999_999_999 };
    const largest: ButtonValue[] = [
      { kind: 'unit', unitId: 999_999_999, intent: 'edit' },
      { kind: 'snooze', unitId: 999_999_999 },
      { kind: 'edit', step: 9999 },
    ];
    for (const q of DEFAULT_QUESTION_SET.questions) {
      for (const c of q.choices ?? []) largest.push({ kind: 'answer', answer: c.value });
      for (const quick of q.quickReplies ?? []) largest.push({ kind: 'answer', answer: quick });
    }
    for (const value of largest) {
      const data = encodeButtonData(encodeButtonValue(value), conversation);
      expect(bytes(data), data).toBeLessThanOrEqual(BUTTON_DATA_LIMIT);
      expect(decodeButtonValue(decodeButtonData(data)!.value)).toEqual(value);
    }
  });

  it('encodes the review\'s buttons (issue 19) as they were drawn before the codec, within 64 bytes at the largest ids', () => {
    const values: [ButtonValue, string][] = [
      [{ kind: 'unit', unitId: 12, intent: 'report', periodId: 40 }, 'unit:12:p40'],
      [{ kind: 'fix', reportId: 9 }, 'fix:9'],
      [{ kind: 'review', tap: { kind: 'page', page: 2 } }, 'dv:p2'],
      [{ kind: 'review', tap: { kind: 'open', reportId: 123 } }, 'dv:123'],
      [{ kind: 'review', tap: { kind: 'approve', reportId: 123, version: 2 } }, 'dv:123:2:a'],
      [{ kind: 'review', tap: { kind: 'return', reportId: 123, version: 2 } }, 'dv:123:2:r'],
    ];
    for (const [value, text] of values) {
      expect(encodeButtonValue(value)).toBe(text);
      expect(decodeButtonValue(text)).toEqual(value);
      expect(routedButtonKind(text)).not.toBeNull();
    }
    for (const text of ['unit:12:p', 'unit:12:px', 'fix:', 'fix:x', 'dv:', 'dv:p0', 'dv:42:3:x', 'dv:42;drop', 'dv:1234567890']) expect(decodeButtonValue(text), text).toBeNull();
    const conversation = { id: 999_999_999_999, version: 999_999_999 };
    const largest: ButtonValue[] = [
      { kind: 'unit', unitId: 999_999_999, intent: 'report', periodId: 999_999_999 },
      { kind: 'fix', reportId: 999_999_999 },
      { kind: 'review', tap: { kind: 'return', reportId: 999_999_999, version: 999_999_999 } },
    ];
    for (const value of largest) expect(bytes(encodeButtonData(encodeButtonValue(value), conversation))).toBeLessThanOrEqual(BUTTON_DATA_LIMIT);
    for (const text of ['ans:yes', 'edit:3', 'done']) expect(routedButtonKind(text)).toBeNull();
  });

  it('encodes /mohinh\'s buttons (a unit, a lĩnh vực, a month, «Xác nhận» / «Từ chối») as the proposal drew them, within 64 bytes', () => {
    const values: [ButtonValue, string][] = [
      [{ kind: 'proposal', tap: { kind: 'unit', unitId: 42 } }, 'mh:u:42'],
      [{ kind: 'proposal', tap: { kind: 'field', field: 'an_ninh_trat_tu' } }, 'mh:f:an_ninh_trat_tu'],
      [{ kind: 'proposal', tap: { kind: 'month', month: '2027-01' } }, 'mh:m:2027-01'],
      [{ kind: 'proposal', tap: { kind: 'confirm', proposalId: 17 } }, 'mh:ok:17'],
      [{ kind: 'proposal', tap: { kind: 'refuse', proposalId: 17 } }, 'mh:no:17'],
    ];
    for (const [value, text] of values) {
      expect(encodeButtonValue(value)).toBe(text);
      expect(decodeButtonValue(text)).toEqual(value);
      expect(routedButtonKind(text)).toBe('proposal');
    }
    // A field we do not have, a thirteenth month, an id that is not a number: nothing we drew.
    for (const text of ['mh:', 'mh:f:thu_vien', 'mh:m:2027-13', 'mh:m:27-01', 'mh:ok:', 'mh:ok:x', 'mh:yes:1', 'mh:u:1234567890']) expect(decodeButtonValue(text), text).toBeNull();
    const largest: ButtonValue[] = [
      { kind: 'proposal', tap: { kind: 'unit', unitId: 999_999_999 } },
      { kind: 'proposal', tap: { kind: 'field', field: 'van_hoa_xa_hoi' } },
      { kind: 'proposal', tap: { kind: 'refuse', proposalId: 999_999_999 } },
    ];
    for (const value of largest) expect(bytes(encodeButtonData(encodeButtonValue(value), { id: 999_999_999_999, version: 999_999_999 }))).toBeLessThanOrEqual(BUTTON_DATA_LIMIT);
  });

  it('refuses data past 64 bytes, counting bytes, not characters', () => {
    const fits = 'ạ'.repeat(Math.floor((BUTTON_DATA_LIMIT - 1 - 4) / 3)); // «ạ» is 3 bytes in UTF-8
    expect(bytes(encodeButtonData(encodeButtonValue({ kind: 'answer', answer: fits })))).toBeLessThanOrEqual(BUTTON_DATA_LIMIT);
    expect(() => encodeButtonData(encodeButtonValue({ kind: 'answer', answer: `${fits}ạ` }))).toThrow(RangeError);
  });
});
