import { describe, expect, it } from 'vitest';
import { CHANNEL_CAPABILITIES } from '../../src/core/channel-capabilities.js';
import { splitText } from '../../src/core/split-text.js';

describe('splitText', () => {
  it('leaves a text within the limit as it is', () => {
    expect(splitText('Chào đồng chí\n\nTháng 11', 100)).toEqual(['Chào đồng chí\n\nTháng 11']);
  });

  it('cuts at line breaks within every channel\'s limit and gives the text back when joined', () => {
    const lines = Array.from({ length: 400 }, (_, i) => `• Mô hình ${i}: ${'kết quả nổi bật '.repeat(3)}`);
    for (const { textLimit } of Object.values(CHANNEL_CAPABILITIES)) {
      const parts = splitText(lines.join('\n'), textLimit);
      for (const part of parts) expect(part.length).toBeLessThanOrEqual(textLimit);
      expect(parts.join('\n')).toBe(lines.join('\n'));
    }
  });

  it('never cuts an emoji in half when a line is longer than the limit', () => {
    const line = `${'a'.repeat(9)}😀${'b'.repeat(9)}`;
    const parts = splitText(line, 10);
    expect(parts).toEqual(['a'.repeat(9), `😀${'b'.repeat(8)}`, 'b']);
    expect(parts.join('')).toBe(line);
  });

  it('drops the blank lines a cut would leave at the edge of a part', () => {
    expect(splitText('một\n\nhai\n\nba', 5)).toEqual(['một', 'hai', 'ba']);
  });
});
