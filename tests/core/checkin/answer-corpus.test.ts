import { describe, expect, it } from 'vitest';
import { isBack, isDone, isNone, isSkip, parseAttendance, parseCount, parseYesNo } from '../../../src/core/checkin/parse-answer.js';
import { ANSWER_CORPUS, type CorpusCase } from './answer-corpus.js';

/** What the reader made of one case, in the corpus's own terms. */
function readCase(c: CorpusCase): unknown {
  switch (c.fn) {
    case 'count': {
      const parsed = parseCount(c.input, c.max);
      if (parsed.ok) return parsed.value;
      return c.expect === 'negative' || c.expect === 'too_large' ? parsed.reason : 'refused';
    }
    case 'attendance': {
      const parsed = parseAttendance(c.input, c.max);
      return parsed.ok ? [parsed.value.present, parsed.value.total] : 'refused';
    }
    case 'none':
      return isNone(c.input);
    case 'skip':
      return isSkip(c.input);
    case 'back':
      return isBack(c.input);
    case 'done':
      return isDone(c.input);
    case 'yesno':
      return parseYesNo(c.input);
  }
}

describe('the answer corpus: what secretaries type, read right on the first try', () => {
  it('holds at least 500 answers of every kind', () => {
    expect(ANSWER_CORPUS.length).toBeGreaterThanOrEqual(500);
    expect(new Set(ANSWER_CORPUS.map((c) => c.fn))).toEqual(new Set(['count', 'attendance', 'none', 'yesno', 'skip', 'back', 'done']));
  });

  it('reads at least 99% of them right, and says where it does not', () => {
    const byKind = new Map<string, { right: number; total: number }>();
    const misses: string[] = [];
    for (const c of ANSWER_CORPUS) {
      const got = readCase(c);
      const right = JSON.stringify(got) === JSON.stringify(c.expect);
      const tally = byKind.get(c.kind) ?? { right: 0, total: 0 };
      tally.total += 1;
      if (right) tally.right += 1;
      else misses.push(`${c.kind} ${c.fn}(${JSON.stringify(c.input)}): expected ${JSON.stringify(c.expect)}, read ${JSON.stringify(got)}`);
      byKind.set(c.kind, tally);
    }
    const right = [...byKind.values()].reduce((sum, k) => sum + k.right, 0);
    const lines = [...byKind].map(([kind, k]) => `${kind.padEnd(34)} ${String(k.right).padStart(4)}/${String(k.total).padEnd(4)} ${((100 * k.right) / k.total).toFixed(1)}%`);
    lines.push(`${'all'.padEnd(34)} ${String(right).padStart(4)}/${String(ANSWER_CORPUS.length).padEnd(4)} ${((100 * right) / ANSWER_CORPUS.length).toFixed(1)}%`);
    console.log(`Answer corpus, share read right per kind:\n${lines.join('\n')}${misses.length ? `\nMisses:\n${misses.join('\n')}` : ''}`);
    expect(right / ANSWER_CORPUS.length, misses.join('\n')).toBeGreaterThanOrEqual(0.99);
  });
});
