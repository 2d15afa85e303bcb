import { describe, expect, it } from 'vitest';
import { describeUserAgent } from '../../../src/core/web/user-agent.js';

const on = { on: 'trên' };

describe('a browser as the log names it', () => {
  it('names the browser and the system of the phones and office PCs people use', () => {
    const cases: [string, string][] = [
      ['Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36', 'Chrome trên Android'],
      ['Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1', 'Safari trên iOS'],
      ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0', 'Edge trên Windows'],
      ['Mozilla/5.0 (Windows NT 6.1; rv:115.0) Gecko/20100101 Firefox/115.0', 'Firefox trên Windows'],
      ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) coc_coc_browser/117.0.170 Chrome/111.0.5563.170 Safari/537.36', 'Cốc Cốc trên Windows'],
      ['Mozilla/5.0 (Linux; Android 12; Redmi Note 9) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/119.0 Mobile Safari/537.36 Zalo android/12100', 'Zalo trên Android'],
    ];
    for (const [ua, expected] of cases) expect(describeUserAgent(ua, on), ua).toBe(expected);
  });

  it('keeps a short unknown one as it is and cuts a long one', () => {
    expect(describeUserAgent('curl/8.4.0', on)).toBe('curl/8.4.0');
    expect(describeUserAgent('x'.repeat(200), on)).toBe(`${'x'.repeat(59)}…`);
  });
});
