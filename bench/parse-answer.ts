/**
 * How long the answer reader takes per call: every corpus answer (and a few long, hostile inputs)
 * through each reader, in rounds, bounded in time. Prints the median and the 99th percentile per
 * call and the slowest input seen; the aim is well under a millisecond per call.
 *   npm run bench:parse
 */
import { performance } from 'node:perf_hooks';
import { isBack, isDone, isNone, isSkip, parseAttendance, parseCount, parseYesNo } from '../src/core/checkin/parse-answer.js';
import { ANSWER_CORPUS } from '../tests/core/checkin/answer-corpus.js';

const READERS: Record<string, (input: string) => unknown> = {
  parseCount: (s) => parseCount(s, 100_000),
  parseAttendance: (s) => parseAttendance(s, 5000),
  isNone,
  parseYesNo,
  isSkip,
  isBack,
  isDone,
};
const inputs = [
  ...ANSWER_CORPUS.map((c) => c.input),
  'một nghìn không trăm năm mươi hai người '.repeat(7).slice(0, 290),
  'Có mặt: 15/16 đ/c, vắng 1 (đi làm xa), đạt 93,75%, ngày 5/11/2026',
  'không có khó khăn gì, mọi việc thuận lợi, '.repeat(6).slice(0, 290),
  '9'.repeat(100_000),
  '👍'.repeat(150),
];
const BUDGET_MS = 8000;
const started = performance.now();
const rows: string[] = [];
for (const [name, read] of Object.entries(READERS)) {
  const samples: number[] = [];
  let slowest = { ms: 0, input: '' };
  // Warm up, then time each call; a round over all inputs at a time, within the budget's share.
  for (const input of inputs) read(input);
  const until = performance.now() + BUDGET_MS / Object.keys(READERS).length;
  while (performance.now() < until) {
    for (const input of inputs) {
      const t0 = performance.now();
      read(input);
      const ms = performance.now() - t0;
      samples.push(ms);
      if (ms > slowest.ms) slowest = { ms, input };
    }
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!;
  rows.push(
    `${name.padEnd(16)} median ${(at(0.5) * 1000).toFixed(1).padStart(6)} µs   p99 ${(at(0.99) * 1000).toFixed(1).padStart(7)} µs   max ${(slowest.ms * 1000).toFixed(0).padStart(6)} µs (${JSON.stringify(slowest.input.slice(0, 40))})   ${samples.length} calls`,
  );
}
console.log(`Answer reader, per call (${inputs.length} inputs, ${((performance.now() - started) / 1000).toFixed(1)} s):\n${rows.join('\n')}`);
