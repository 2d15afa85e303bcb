import { describe, it, expect } from 'vitest';
import { advance, reopenForEdit, resumeCheckin, startCheckin } from '../../../src/core/checkin/engine.js';
import { readPhotos } from '../../../src/core/checkin/photos.js';
import { DEFAULT_QUESTION_SET, QUESTION_SET_V1, type Question } from '../../../src/core/checkin/question-set.js';
import { toReportFigures } from '../../../src/core/checkin/report-figures.js';
import { answerKey, buildSteps, stepOpen, type Step } from '../../../src/core/checkin/steps.js';
import type { AdvanceResult, Answer, CheckinContext, CheckinInput, CheckinState, PhotoRef, Reply } from '../../../src/core/checkin/types.js';
import { cleanText } from '../../../src/core/text.js';
import { seededRandom } from '../../../src/core/random.js';
import { SLOW_TEST_TIMEOUT_MS } from '../../helpers/timeouts.js';

/**
 * Drives the check-in with thousands of random inputs (seeded, so a failure replays) and checks,
 * after every step, what a secretary and the reports rely on: an answer to every message, no
 * crash, nothing invalid stored, a state that survives being saved as JSON.
 */


type Rng = () => number;
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
const int = (rng: Rng, min: number, max: number): number => min + Math.floor(rng() * (max - min + 1));

const base = {
  personName: 'Nguyễn Văn A',
  unitName: 'Chi bộ Hạt Kiểm lâm',
  periodLabel: '11/2026',
  month: 11,
  dueLabel: '25/11/2026',
  questionSet: DEFAULT_QUESTION_SET,
};
const MODELS = [
  { id: 11, title: 'Trồng cây cà phê tại thôn 4, xã Đăk Pne' },
  { id: 12, title: 'Khảo nghiệm trồng cây Teak trên đất nương rẫy cũ' },
  { id: 13, title: 'Dân vận khéo: đường giao thông nông thôn thôn Kon Rày' },
];
// The default set of now (version 2: an idle model skips the rest) and of before (version 1: every model question asked, photos more often).
const CONTEXTS: readonly CheckinContext[] = [0, 1, 3].map((n) => ({ ...base, models: MODELS.slice(0, n), questionSet: n === 3 ? QUESTION_SET_V1 : DEFAULT_QUESTION_SET }));

const text = (value: string): CheckinInput => ({ type: 'text', text: value });
const tap = (value: string): CheckinInput => ({ type: 'choice', value });

const VIET = 'Chi bộ tổ chức trồng cây, dọn vệ sinh đường làng, thăm hỏi gia đình chính sách; ';
const HOSTILE_TEXTS: readonly string[] = [
  'x'.repeat(10_000),
  'Đ'.repeat(10_000),
  VIET.repeat(Math.ceil(1000 / VIET.length)).slice(0, 1000),
  VIET.repeat(Math.ceil(1001 / VIET.length)).slice(0, 1001),
  `  ${'ạ'.repeat(998)}  `,
  '🙂',
  '👍👍👍',
  '👨‍👩‍👧',
  '🙂'.repeat(600),
  '\u200b',
  '\u200b\u200b2\u200b',
  '\u200b17/19\u200c',
  '\u200fكلمة\u200f',
  '\u202eabc\u202c',
  '\u200e',
  '\u2066không\u2069',
  "'; DROP TABLE reports; --",
  'Robert"); DELETE FROM people; --',
  '<script>alert(1)</script>',
  '<b>đậm</b> &amp; <i>nghiêng</i>',
  '**đậm** _nghiêng_ [liên kết](http://example.com) `code`',
  '-999999999',
  '999999999999999999999999',
  '1e309',
  'NaN',
  'Infinity',
  '-Infinity',
  '0x10',
  '1 000',
  '2 0',
  '1,5',
  '1.5',
  '\u0000',
  'abc\u0000def',
  'Trồng \u0000 cây\u0007',
  '\u0000\u0001\u001f',
  '',
  '   ',
  '\n\n\t',
  'constructor',
  '__proto__',
  'toString',
  'null',
  'undefined',
  '{}',
  '[]',
  '/start',
  '/baocao',
  'ans:2',
  'edit:3',
  '-0',
  '0/0',
  '20/19',
  '-1/19',
  '5000/5000',
  '5001/5001',
];
const VALID_TEXTS: readonly string[] = [
  '2', 'hai', '2 cuộc', 'hai cuoc', 'Hai cuộc ạ', 'mười lăm', '0', 'không', '35 lượt', '1.640', 'ba mươi lăm lượt người',
  '17/19', '17 trên 19', 'mười bảy trên mười chín', '0/5',
  'có', 'Có ạ', 'không', 'chưa', 'vâng',
  'Đúng kế hoạch', 'chậm', 'Tạm dừng', 'hoàn thành', '1', '4',
  'Trồng thêm 200 cây', 'Không có', 'ko', 'Học tập tư tưởng Hồ Chí Minh về tự lực, tự cường',
  'xong', 'bỏ qua', 'quay lại', 'Bắt đầu', 'Gửi báo cáo', 'sửa', 'Nhắc lại sau',
];
const TOKENS: readonly string[] = [
  'start', 'snooze', 'no_activity', 'no_activity_off', 'skip', 'back', 'done', 'submit', 'edit', 'summary', 'other',
  'ans:2', 'ans:0', 'ans:yes', 'ans:no', 'ans:on_track', 'ans:Không có', 'edit:0', 'edit:3', 'edit:12',
  'edit:-1', 'edit:9999', 'edit:', 'edit:abc', 'ans:', 'ans:-5', 'ans:99999999', 'ans:1e309', '', 'nonsense',
];
const FILE_REFS = ['AgACAgIAAxkBAAIBpWZ', 'AgACAgIAAxkBAAIBpXa', 'AgACAgIAAxkBAAIBpYb', 'p1', 'p2', ''];
const ALBUMS = [undefined, undefined, '13500001', '13500002'];

/** A photo, alone or in an album, often one already sent. */
function randomPhoto(rng: Rng): CheckinInput {
  const mediaGroupId = pick(rng, ALBUMS);
  const fileRef = pick(rng, FILE_REFS);
  return mediaGroupId === undefined ? { type: 'photo', fileRef } : { type: 'photo', fileRef, mediaGroupId };
}

const LONG_VALID = VIET.repeat(Math.ceil(1000 / VIET.length)).slice(0, 1000).trim();
/** A plausible answer to the question being asked, so the walk gets through the whole check-in. */
const VALID_ANSWERS: Record<Question['kind'], readonly string[]> = {
  count: ['0', '1', '2', 'hai', 'mười lăm', '3 cuộc', 'ans:1'],
  number: ['0', '197', '197 lớp', 'hai'],
  attendance: ['17/19', '0/5', '5 trên 7', 'mười bảy trên mười chín', '19/19'],
  yes_no: ['có', 'không', 'ans:yes', 'ans:no', 'chưa', 'Có ạ'],
  text: ['Trồng thêm 200 cây', 'Không có', LONG_VALID, "'; DROP TABLE reports; --", 'ko', 'bỏ qua'],
  choice: ['Đúng kế hoạch', 'chậm', '3', 'hoàn thành', 'ans:paused'],
  photos: ['xong', 'done'],
};

/** What the person might send next: mostly something the screen invites, often something hostile. */
function randomInput(rng: Rng, steps: readonly Step[], state: CheckinState, screen: Reply | undefined): CheckinInput {
  const step = state.phase === 'asking' ? steps[state.step] : undefined;
  if (step && rng() < 0.3) {
    if (step.question.kind === 'photos' && rng() < 0.7) return randomPhoto(rng);
    const answer = pick(rng, VALID_ANSWERS[step.question.kind]);
    return answer.startsWith('ans:') ? tap(answer) : text(answer);
  }
  const r = rng();
  if (r < 0.3 && screen?.choices?.length) return tap(pick(rng, screen.choices).value);
  if (r < 0.5) return text(pick(rng, VALID_TEXTS));
  if (r < 0.65) return text(pick(rng, HOSTILE_TEXTS));
  if (r < 0.75) return tap(pick(rng, TOKENS));
  if (r < 0.88) return randomPhoto(rng);
  if (r < 0.92) return { type: 'unsupported' };
  if (r < 0.95) return text(pick(rng, ['/huy', '/trogiup', '/HUY', '/trogiup ']));
  // A typed number, as in the "which answer to correct" list, or a random count.
  return text(String(int(rng, -3, 40)));
}

const ZERO_WIDTH = /[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const utf8Bytes = (s: string) => Buffer.byteLength(s, 'utf8');

function stepsFor(ctx: CheckinContext): Step[] {
  return buildSteps(ctx.questionSet, ctx.models.length);
}

function conditionHolds(step: Step, state: CheckinState): boolean {
  return stepOpen(step, state.answers);
}

/** Every answer the state holds is one the question allows. */
function checkAnswer(question: Question, key: string, value: Answer, where: string): void {
  const at = `${where} answer ${key}=${JSON.stringify(value)?.slice(0, 200)}`;
  if (value === null) {
    // A skipped answer: only for optional questions (photos closed without any are null too).
    expect(question.optional, at).toBe(true);
    return;
  }
  switch (question.kind) {
    case 'count':
    case 'number':
      expect(typeof value, at).toBe('number');
      expect(Number.isSafeInteger(value), at).toBe(true);
      expect(value as number, at).toBeGreaterThanOrEqual(0);
      expect(Object.is(value, -0), at).toBe(false);
      expect(value as number, at).toBeLessThanOrEqual(question.max ?? 100_000);
      break;
    case 'attendance': {
      expect(typeof value === 'object' && !Array.isArray(value), at).toBe(true);
      const { present, total } = value as { present: number; total: number };
      expect(Object.keys(value as object).sort(), at).toEqual(['present', 'total']);
      expect(Number.isSafeInteger(present) && Number.isSafeInteger(total), at).toBe(true);
      expect(total, at).toBeGreaterThan(0);
      expect(total, at).toBeLessThanOrEqual(question.max ?? 100_000);
      expect(present, at).toBeGreaterThanOrEqual(0);
      expect(present, at).toBeLessThanOrEqual(total);
      break;
    }
    case 'yes_no':
      expect(typeof value, at).toBe('boolean');
      break;
    case 'text': {
      expect(typeof value, at).toBe('string');
      const s = value as string;
      expect(s.length, at).toBeGreaterThan(0);
      expect(s.length, at).toBeLessThanOrEqual(1000);
      expect(ZERO_WIDTH.test(s), `${at}: zero-width or direction character`).toBe(false);
      // PostgreSQL refuses U+0000 in text and jsonb: a stored answer must not carry one.
      expect(CONTROL.test(s), `${at}: control character`).toBe(false);
      expect(s, at).toBe(s.trim());
      expect(LONE_SURROGATE.test(s), at).toBe(false);
      break;
    }
    case 'choice':
      expect(question.choices?.map((c) => c.value), at).toContain(value);
      break;
    case 'photos': {
      expect(Array.isArray(value), at).toBe(true);
      const photos = value as readonly PhotoRef[];
      expect(photos.length, at).toBeGreaterThan(0);
      for (const p of photos) {
        expect(typeof p.fileRef, at).toBe('string');
        expect(p.mediaGroupId === undefined || typeof p.mediaGroupId === 'string', at).toBe(true);
      }
      expect(new Set(photos.map((p) => p.fileRef)).size, `${at}: duplicate photo`).toBe(photos.length);
      break;
    }
  }
}

function checkReplies(replies: readonly Reply[], where: string): void {
  for (const reply of replies) {
    const at = `${where} reply ${JSON.stringify(reply.text.slice(0, 120))}`;
    expect(typeof reply.text, at).toBe('string');
    expect(reply.text.trim().length, at).toBeGreaterThan(0);
    expect(reply.text.length, `${at}: ${reply.text.length} characters`).toBeLessThan(4096);
    expect(LONE_SURROGATE.test(reply.text), at).toBe(false);
    for (const choice of reply.choices ?? []) {
      expect(choice.label.trim().length, at).toBeGreaterThan(0);
      expect(utf8Bytes(choice.value), `${at}: choice ${choice.value}`).toBeLessThanOrEqual(60);
    }
  }
}

function checkState(ctx: CheckinContext, steps: readonly Step[], state: CheckinState, where: string): void {
  expect(JSON.parse(JSON.stringify(state)), `${where}: JSON round trip`).toEqual(state);
  expect(['intro', 'asking', 'summary', 'pick_edit', 'submitted'], where).toContain(state.phase);
  if (state.phase === 'asking') {
    expect(Number.isInteger(state.step), where).toBe(true);
    expect(state.step, where).toBeGreaterThanOrEqual(0);
    expect(state.step, where).toBeLessThan(steps.length);
    expect(conditionHolds(steps[state.step]!, state), `${where}: asking a question whose condition does not hold`).toBe(true);
  }
  // An answer whose condition no longer holds is not kept (0 meetings → no attendance).
  for (const step of steps) {
    if (!conditionHolds(step, state)) expect(state.answers, `${where}: kept ${answerKey(step)} after its condition closed`).not.toHaveProperty([answerKey(step)]);
  }
  for (const i of state.trail) expect(steps[i], `${where}: trail ${i}`).toBeDefined();
  const byKey = new Map(steps.map((s) => [answerKey(s), s.question]));
  for (const [key, value] of Object.entries(state.answers)) {
    const question = byKey.get(key);
    expect(question, `${where}: stray answer key ${key}`).toBeDefined();
    checkAnswer(question!, key, value, where);
  }

  const figures = toReportFigures(ctx, state);
  for (const n of [figures.meetingsHeld, ...figures.models.flatMap((m) => [m.activities, m.participants])]) {
    if (n !== null) expect(n, `${where}: figure`).toBeGreaterThanOrEqual(0);
  }
  expect(figures.membersPresent === null, where).toBe(figures.membersTotal === null);
  if (figures.membersPresent !== null && figures.membersTotal !== null) {
    expect(figures.membersTotal, where).toBeGreaterThan(0);
    expect(figures.membersPresent, where).toBeLessThanOrEqual(figures.membersTotal);
  }
  expect(figures.models.length, where).toBe(state.noActivity ? 0 : ctx.models.length);
  for (const m of figures.models) expect(new Set(m.photos.map((p) => p.fileRef)).size, where).toBe(m.photos.length);
}

/** The one case where silence is right: a photo already received, or the rest of an album already acknowledged. */
function expectSilence(steps: readonly Step[], state: CheckinState, input: CheckinInput): boolean {
  if (state.phase !== 'asking' || input.type !== 'photo') return false;
  const step = steps[state.step];
  if (step?.question.kind !== 'photos') return false;
  const photos = readPhotos(state.answers[answerKey(step)]);
  return photos.some((p) => p.fileRef === input.fileRef) || (input.mediaGroupId !== undefined && input.mediaGroupId === state.lastMediaGroup);
}

function checkStep(ctx: CheckinContext, steps: readonly Step[], prev: CheckinState, screen: Reply | undefined, input: CheckinInput, result: AdvanceResult, where: string): void {
  const { state, replies } = result;
  checkReplies(replies, where);
  checkState(ctx, steps, state, where);

  const silent = expectSilence(steps, prev, input);
  if (silent) {
    expect(replies, `${where}: a repeated photo or the rest of an album gets no reply`).toEqual([]);
    const key = answerKey(steps[prev.step]!);
    expect(readPhotos(state.answers[key]).map((p) => p.fileRef), `${where}: the silent photo is kept once`).toContain((input as { fileRef: string }).fileRef);
  } else {
    expect(replies.length, `${where}: every message gets a reply`).toBeGreaterThan(0);
  }

  if (input.type === 'text' && /^\/huy\b/i.test(input.text.trim())) {
    expect(result.event, where).toBe('paused');
    expect(state, where).toEqual(prev);
  }
  if (input.type === 'text' && /^\/trogiup\b/i.test(input.text.trim())) expect(state, where).toEqual(prev);

  if (prev.phase === 'asking') {
    const step = steps[prev.step]!;
    const key = answerKey(step);
    // Photos received at the photo step are never thrown away by what comes next.
    const before = prev.answers[key];
    if (step.question.kind === 'photos' && Array.isArray(before)) {
      const after = state.answers[key];
      expect(Array.isArray(after), `${where}: photos kept`).toBe(true);
      // Each with the album it came in.
      for (const photo of readPhotos(before)) expect(readPhotos(after), `${where}: photos kept`).toContainEqual(photo);
    }
    // A button the question did not offer (from an older message) is never taken as its answer.
    const offered = new Set((screen?.choices ?? []).map((c) => c.value));
    if (input.type === 'choice' && !offered.has(input.value) && !['back', 'skip', 'other'].includes(input.value)) {
      expect(state.answers, `${where}: an unoffered button ${input.value} changed the answers`).toEqual(prev.answers);
    }
  }
  if (prev.phase !== 'asking') {
    // Outside the questions nothing typed, tapped or sent changes an answer.
    expect(state.answers, where).toEqual(prev.answers);
  }
}

/** Plays `count` random inputs against one context, checking every step. */
function run(seed: number, ctx: CheckinContext, count: number): { phases: Set<string>; silent: number } {
  const rng = seededRandom(seed);
  const steps = stepsFor(ctx);
  let result = startCheckin(ctx);
  checkReplies(result.replies, `seed ${seed} start`);
  let screen = result.replies.at(-1);
  const phases = new Set<string>([result.state.phase]);
  let silent = 0;
  for (let i = 0; i < count; i += 1) {
    const prev = result.state;
    if (prev.phase === 'submitted' && rng() < 0.5) {
      // «/sua»: the secretary reopens the sent report.
      result = reopenForEdit(ctx, prev);
      checkReplies(result.replies, `seed ${seed} #${i} reopen`);
      checkState(ctx, steps, result.state, `seed ${seed} #${i} reopen`);
      screen = [...result.replies].reverse().find((r) => r.choices) ?? screen;
      continue;
    }
    if (rng() < 0.03) {
      // Days later: the conversation is re-asked from the stored state.
      const resumed = resumeCheckin(ctx, JSON.parse(JSON.stringify(prev)) as CheckinState);
      checkReplies(resumed, `seed ${seed} #${i} resume`);
      expect(resumed.length).toBeGreaterThan(0);
      screen = [...resumed].reverse().find((r) => r.choices) ?? screen;
    }
    const input = randomInput(rng, steps, prev, screen);
    const where = `seed ${seed} #${i} phase ${prev.phase} step ${prev.step} input ${JSON.stringify(input).slice(0, 120)}`;
    let next: AdvanceResult;
    try {
      next = advance(ctx, prev, input);
    } catch (error) {
      throw new Error(`${where}: advance threw ${String(error)}`);
    }
    checkStep(ctx, steps, prev, screen, input, next, where);
    if (next.replies.length === 0) silent += 1;
    result = next;
    phases.add(result.state.phase);
    // The buttons on screen: those of the last message that had any (older ones stay tappable too).
    screen = [...result.replies].reverse().find((r) => r.choices) ?? screen;
  }
  return { phases, silent };
}

describe('the check-in engine under random and hostile input', () => {
  const SEEDS = Array.from({ length: 20 }, (_, i) => 0x5eed + i * 7919);

  it.each(SEEDS.map((seed, i) => [seed, CONTEXTS[i % CONTEXTS.length]!.models.length, CONTEXTS[i % CONTEXTS.length]!] as const))(
    'seed %i with %i model(s): 400 steps keep every invariant',
    (seed, _models, ctx) => {
      const { phases } = run(seed, ctx, 400);
      // The walk is not stuck at the invitation: it reaches the questions and beyond.
      expect(phases.has('asking')).toBe(true);
    },
  );

  it('reaches every phase and the silent-photo rule across the runs, so the invariants were checked everywhere', () => {
    const seen = new Set<string>();
    let silent = 0;
    // Every seed's walk: which one meets an album at the photo question depends on the set's questions and wording.
    for (const [i, seed] of SEEDS.entries()) {
      const stats = run(seed, CONTEXTS[i % 3]!, 400);
      for (const p of stats.phases) seen.add(p);
      silent += stats.silent;
    }
    expect([...seen].sort()).toEqual(['asking', 'intro', 'pick_edit', 'submitted', 'summary']);
    expect(silent).toBeGreaterThan(0);
    // Twenty walks of 400 steps: a bound for a loaded machine, not a speed check.
  }, SLOW_TEST_TIMEOUT_MS);
});

describe('hostile text is stored as written, never interpreted', () => {
  const ctx = CONTEXTS[1]!;
  const steps = stepsFor(ctx);
  const play = (inputs: CheckinInput[]) => inputs.reduce((r, input) => advance(ctx, r.state, input), startCheckin(ctx));
  /** At «Kết quả nổi bật» of the first model. */
  const atResults = () => play([tap('start'), text('1'), text('17/19'), text('không'), text('2'), text('30'), text('chậm')]);

  it.each([
    ["'; DROP TABLE reports; --", "'; DROP TABLE reports; --"],
    ['<script>alert(1)</script>', '<script>alert(1)</script>'],
    ['**đậm** _nghiêng_ [x](http://example.com)', '**đậm** _nghiêng_ [x](http://example.com)'],
    ['  \u200bTrồng\u200c thêm\u2060 200\ufeff cây  ', 'Trồng thêm 200 cây'],
    ['{"present": 99, "total": 1}', '{"present": 99, "total": 1}'],
    ['Robert"); DELETE FROM people; --\u0000', 'Robert"); DELETE FROM people; --'],
    ['2', '2'],
    ['có', 'có'],
  ])('%j is kept as %j', (input, stored) => {
    const start = atResults();
    expect(steps[start.state.step]?.question.key).toBe('results');
    const after = advance(ctx, start.state, text(input));
    expect(after.state.answers['m0.results']).toBe(stored);
    expect(after.state.answers['m0.results']).toBe(cleanText(input));
    // Nothing else changed, and the conversation moved on to the next question.
    const { ['m0.results']: _results, ...rest } = after.state.answers;
    expect(rest).toEqual(start.state.answers);
    expect(steps[after.state.step]?.question.key).toBe('modelDifficulties');
    const summary = play([tap('start'), text('1'), text('17/19'), text('không'), text('2'), text('30'), text('chậm'), text(input), text('không'), tap('done'), text('không'), text('không'), text('không')]);
    expect(summary.state.phase).toBe('summary');
    expect(summary.replies.map((r) => r.text).join('\n')).toContain(`Kết quả nổi bật: ${stored}`);
  });

  it('a text that is only invisible characters is refused, not stored as an empty answer', () => {
    const start = atResults();
    for (const input of ['\u200b', '\u200f', '\u202e\u202c', '\u0000', ' \u2060 ']) {
      const after = advance(ctx, start.state, text(input));
      expect(after.state, JSON.stringify(input)).toEqual(start.state);
      expect(after.replies[0]?.text).toContain('gõ nội dung ngắn gọn');
    }
  });

  it('a button from an older message is not taken as the answer to the current question', () => {
    const start = atResults();
    for (const token of ['submit', 'snooze', 'start', 'edit:3', 'no_activity', 'done', 'ans:on_track', 'ans:yes']) {
      const after = advance(ctx, start.state, tap(token));
      expect(after.state, token).toEqual(start.state);
      expect(after.replies.at(-1)?.text, token).toContain('Kết quả nổi bật');
    }
  });

  it('«dừng» (stopped) is never stored as «Đúng kế hoạch» (on track): folded they are the same word', () => {
    const atProgress = play([tap('start'), text('1'), text('17/19'), text('không'), text('2'), text('30')]);
    expect(steps[atProgress.state.step]?.question.key).toBe('progress');
    for (const word of ['dừng', 'đúng', 'dung']) {
      const after = advance(ctx, atProgress.state, text(word));
      expect(after.state, word).toEqual(atProgress.state);
      expect(after.replies[0]?.text, word).toContain('Đồng chí chọn một trong');
    }
    expect(advance(ctx, atProgress.state, text('tạm ngừng')).state.answers['m0.progress']).toBe('paused');
    expect(advance(ctx, atProgress.state, text('đúng tiến độ')).state.answers['m0.progress']).toBe('on_track');
    expect(advance(ctx, atProgress.state, text('Tạm dừng')).state.answers['m0.progress']).toBe('paused');
  });

  it('moving on from the photo step with «bỏ qua» or «tiếp» keeps the photos already sent', () => {
    const atPhotos = play([tap('start'), text('1'), text('17/19'), text('không'), text('2'), text('30'), text('chậm'), tap('skip'), text('không')]);
    expect(steps[atPhotos.state.step]?.question.kind).toBe('photos');
    const sent = advance(ctx, atPhotos.state, { type: 'photo', fileRef: 'p1' });
    for (const word of ['bỏ qua', 'tiếp', 'xong']) {
      const after = advance(ctx, sent.state, text(word));
      expect(after.state.answers['m0.photos'], word).toEqual([{ fileRef: 'p1' }]);
    }
    expect(advance(ctx, sent.state, tap('skip')).state.answers['m0.photos']).toEqual([{ fileRef: 'p1' }]);
  });

  it('a long report is summarised in messages a channel accepts, with every answer in full', () => {
    const three = CONTEXTS[2]!;
    const long = (n: number) => `${String(n).padStart(3, '0')} ${VIET.repeat(20)}`.slice(0, 1000).trim();
    let n = 0;
    const model = () => ['3', '120', 'chậm', long(n++), long(n++), 'xong'];
    const inputs = [tap('start'), '2', '17/19', 'có', long(n++), '77/85', ...model(), ...model(), ...model(), long(n++), long(n++), long(n++)];
    const result = inputs.reduce((r, input) => advance(three, r.state, typeof input === 'string' ? text(input) : input), startCheckin(three));
    expect(result.state.phase).toBe('summary');
    checkReplies(result.replies, 'long summary');
    const all = result.replies.map((r) => r.text).join('\n');
    for (let i = 0; i < n; i += 1) expect(all).toContain(long(i));
    // The buttons come with the last part, where the secretary finishes reading.
    expect(result.replies.at(-1)?.choices?.map((c) => c.value)).toEqual(['submit', 'edit']);
    expect(result.replies.slice(0, -1).every((r) => !r.choices)).toBe(true);
  });
});
