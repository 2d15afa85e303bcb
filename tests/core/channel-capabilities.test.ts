import { describe, expect, it } from 'vitest';
import { arrangeChoices, CHANNEL_CAPABILITIES, chooseMessageKind } from '../../src/core/channel-capabilities.js';

const now = new Date('2026-11-22T01:00:00Z');
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);

describe('chooseMessageKind', () => {
  it('sends free messages on Telegram whenever, and on Zalo only inside the 48-hour window', () => {
    expect(chooseMessageKind(CHANNEL_CAPABILITIES.telegram, null, now)).toBe('free');
    expect(chooseMessageKind(CHANNEL_CAPABILITIES.zalo, hoursAgo(2), now)).toBe('free');
    expect(chooseMessageKind(CHANNEL_CAPABILITIES.zalo, hoursAgo(47), now)).toBe('free');
    expect(chooseMessageKind(CHANNEL_CAPABILITIES.zalo, hoursAgo(49), now)).toBe('template');
    expect(chooseMessageKind(CHANNEL_CAPABILITIES.zalo, null, now)).toBe('template');
  });

  it('uses a template just before the window closes, so the message does not arrive after it', () => {
    expect(chooseMessageKind(CHANNEL_CAPABILITIES.zalo, new Date(now.getTime() - 48 * 3_600_000 + 5 * 60_000), now)).toBe('template');
  });
});

describe('arrangeChoices', () => {
  const zalo = CHANNEL_CAPABILITIES.zalo;
  const c = (label: string, value = label) => ({ label, value });

  it('keeps up to five choices as buttons, and every choice on Telegram', () => {
    const five = ['a', 'b', 'c', 'd', 'e'].map((x) => c(x));
    expect(arrangeChoices(zalo, five)).toEqual({ buttons: five, numbered: [], typedNumbers: [] });
    const nine = Array.from({ length: 9 }, (_, i) => c(`x${i}`));
    expect(arrangeChoices(CHANNEL_CAPABILITIES.telegram, nine).buttons).toHaveLength(9);
  });

  it('leaves number answers to be typed when the rest then fit', () => {
    const layout = arrangeChoices(zalo, [c('0', 'ans:0'), c('1', 'ans:1'), c('2', 'ans:2'), c('3', 'ans:3'), c('Khác', 'other'), c('« Quay lại', 'back')]);
    expect(layout).toEqual({ buttons: [c('« Quay lại', 'back')], numbered: [], typedNumbers: ['0', '1', '2', '3'] });
  });

  it('numbers everything when even the other choices are more than five', () => {
    const many = Array.from({ length: 7 }, (_, i) => c(`Mục ${i + 1}`, `edit:${i}`));
    expect(arrangeChoices(zalo, many)).toEqual({ buttons: [], numbered: many, typedNumbers: [] });
  });
});
