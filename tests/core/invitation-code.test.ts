import { describe, it, expect } from 'vitest';
import {
  INVITATION_ALPHABET,
  INVITATION_CODE_LENGTH,
  formatInvitationCode,
  makeInvitationCode,
  normalizeInvitationCode,
} from '../../src/core/invitation-code.js';

const TELEGRAM_START_PAYLOAD = /^[A-Za-z0-9_-]{1,64}$/;

/** Deterministic "random" bytes for tests (a simple LCG). */
function pseudoRandomBytes(count: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(count);
  let state = seed >>> 0;
  for (let i = 0; i < count; i += 1) {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    bytes[i] = state >>> 24;
  }
  return bytes;
}

describe('INVITATION_ALPHABET', () => {
  it('has no look-alike characters and no duplicates', () => {
    for (const ch of ['0', 'O', '1', 'I', 'L']) expect(INVITATION_ALPHABET).not.toContain(ch);
    expect(new Set(INVITATION_ALPHABET).size).toBe(INVITATION_ALPHABET.length);
    expect(INVITATION_ALPHABET).toMatch(/^[A-Z2-9]+$/);
  });
});

describe('makeInvitationCode', () => {
  it('makes a 12-character code from the alphabet', () => {
    const code = makeInvitationCode(pseudoRandomBytes(32, 1));
    expect(code).toHaveLength(INVITATION_CODE_LENGTH);
    expect(INVITATION_CODE_LENGTH).toBe(12);
    for (const ch of code) expect(INVITATION_ALPHABET).toContain(ch);
  });

  it('is deterministic in its bytes and differs for different bytes', () => {
    expect(makeInvitationCode(pseudoRandomBytes(32, 7))).toBe(makeInvitationCode(pseudoRandomBytes(32, 7)));
    expect(makeInvitationCode(pseudoRandomBytes(32, 7))).not.toBe(makeInvitationCode(pseudoRandomBytes(32, 8)));
  });

  it('fits a Telegram /start payload and survives normalisation unchanged', () => {
    for (let seed = 0; seed < 200; seed += 1) {
      const code = makeInvitationCode(pseudoRandomBytes(32, seed));
      expect(code).toMatch(TELEGRAM_START_PAYLOAD);
      expect(normalizeInvitationCode(code)).toBe(code);
      expect(normalizeInvitationCode(formatInvitationCode(code))).toBe(code);
    }
  });

  it('maps the accepted byte values onto every character equally often', () => {
    const counts = new Map<string, number>();
    const accepted = 256 - (256 % INVITATION_ALPHABET.length);
    for (let byte = 0; byte < accepted; byte += 1) {
      const code = makeInvitationCode(new Uint8Array(INVITATION_CODE_LENGTH).fill(byte));
      expect(new Set(code).size).toBe(1);
      counts.set(code[0]!, (counts.get(code[0]!) ?? 0) + 1);
    }
    expect(counts.size).toBe(INVITATION_ALPHABET.length);
    const perChar = accepted / INVITATION_ALPHABET.length;
    expect(Number.isInteger(perChar)).toBe(true);
    for (const [ch, n] of counts) expect(n, ch).toBe(perChar);
  });

  it('skips the byte values that would bias the result (rejection sampling)', () => {
    const accepted = 256 - (256 % INVITATION_ALPHABET.length);
    const biased = Array.from({ length: 256 - accepted }, (_, i) => accepted + i);
    expect(biased.length).toBeGreaterThan(0);
    const bytes = Uint8Array.from([...biased, ...new Array<number>(INVITATION_CODE_LENGTH).fill(0)]);
    expect(makeInvitationCode(bytes)).toBe(INVITATION_ALPHABET[0]!.repeat(INVITATION_CODE_LENGTH));
  });

  it('uses the characters fairly over many random codes', () => {
    const counts = new Map<string, number>();
    for (let seed = 0; seed < 2000; seed += 1) {
      for (const ch of makeInvitationCode(pseudoRandomBytes(32, seed * 7919 + 3))) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    }
    expect(counts.size).toBe(INVITATION_ALPHABET.length);
    const expected = (2000 * INVITATION_CODE_LENGTH) / INVITATION_ALPHABET.length;
    for (const [ch, n] of counts) {
      expect(n, ch).toBeGreaterThan(expected * 0.8);
      expect(n, ch).toBeLessThan(expected * 1.2);
    }
  });

  it('throws a RangeError when there are too few usable bytes', () => {
    expect(() => makeInvitationCode(new Uint8Array(11))).toThrow(RangeError);
    expect(() => makeInvitationCode(new Uint8Array(0))).toThrow(RangeError);
    // 12 bytes, but one of them is rejected.
    expect(() => makeInvitationCode(Uint8Array.from([...new Array<number>(11).fill(0), 255]))).toThrow(RangeError);
  });

  it('accepts exactly 12 usable bytes', () => {
    expect(makeInvitationCode(new Uint8Array(12))).toHaveLength(12);
  });
});

describe('normalizeInvitationCode', () => {
  it('upper-cases and removes spaces and dashes people type', () => {
    expect(normalizeInvitationCode('abcd-efgh jkmn')).toBe('ABCDEFGHJKMN');
    expect(normalizeInvitationCode('  ABCD EFGH JKMN  ')).toBe('ABCDEFGHJKMN');
    expect(normalizeInvitationCode('ABCD--EFGH--JKMN')).toBe('ABCDEFGHJKMN');
  });

  it('refuses look-alike characters 0, O, 1, I and L', () => {
    for (const ch of ['0', 'O', 'o', '1', 'I', 'i', 'L', 'l']) {
      expect(normalizeInvitationCode(`ABCDEFGHJKM${ch}`), ch).toBeNull();
    }
  });

  it('refuses codes of the wrong length', () => {
    expect(normalizeInvitationCode('ABCDEFGHJKM')).toBeNull();
    expect(normalizeInvitationCode('ABCDEFGHJKMNP')).toBeNull();
    expect(normalizeInvitationCode('')).toBeNull();
    expect(normalizeInvitationCode('   ')).toBeNull();
  });

  it('refuses other characters, such as Telegram-unsafe or Vietnamese letters', () => {
    expect(normalizeInvitationCode('ABCD_EFGH_JKMN')).toBeNull();
    expect(normalizeInvitationCode('ABCD.EFGH.JKMN')).toBeNull();
    expect(normalizeInvitationCode('ĐBCDEFGHJKMN')).toBeNull();
  });
});

describe('formatInvitationCode', () => {
  it('groups a code in fours for reading aloud', () => {
    expect(formatInvitationCode('ABCDEFGHJKMN')).toBe('ABCD-EFGH-JKMN');
  });
});
