import { and, asc, eq, inArray, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCallbackData, translateUpdate } from '../../src/channels/telegram/translate-update.js';
import { readPhotos } from '../../src/core/checkin/photos.js';
import { DEFAULT_QUESTION_SET, type Question } from '../../src/core/checkin/question-set.js';
import { answerKey, buildSteps, type Step } from '../../src/core/checkin/steps.js';
import type { Answer, CheckinInput, CheckinState } from '../../src/core/checkin/types.js';
import { seededRandom } from '../../src/core/random.js';
import type { StoredCheckin } from '../../src/services/checkin-flow.js';
import { handleInbound, type InboundEvent, type InboundOutcome } from '../../src/services/inbound.js';
import type { OutboundPayload } from '../../src/delivery/payload.js';
import { seedDemo } from '../../src/services/seed-demo.js';
import type { DatabaseHandle } from '../../src/storage/client.js';
import { bindAccountToPerson, touchAccount } from '../../src/storage/queries/channel-accounts.js';
import * as t from '../../src/storage/schema/index.js';
import { createTestDatabase } from '../helpers/database.js';
import { SLOW_TEST_TIMEOUT_MS } from '../helpers/timeouts.js';

/**
 * Throws thousands of random and hostile messages at the DB-backed inbound service (the function
 * the Telegram webhook calls), as one seeded random demo secretary, and checks after every one
 * what the engine fuzz test cannot see: nothing throws, every message gets a reply queued in the
 * outbox, a redelivered update changes nothing, two taps of one button record one answer, what is
 * stored is valid, conversation versions only grow, and the check-in can still be sent at the end.
 * A failure names the seed; FUZZ_SEED=<seed> replays it (FUZZ_STEPS changes the length).
 */

const SEED = Number(process.env.FUZZ_SEED ?? 0x1b0f7);
const STEPS = Number(process.env.FUZZ_STEPS ?? 1500);
const timeZone = 'Asia/Ho_Chi_Minh';
const now = new Date('2026-11-21T03:00:00Z');
const CHAT = 7_770_001;

type Rng = () => number;
const rng: Rng = seededRandom(SEED);
const pick = <T>(items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
const int = (min: number, max: number): number => min + Math.floor(rng() * (max - min + 1));

const HOSTILE: readonly string[] = [
  'x'.repeat(5000),
  'Đ'.repeat(4097),
  '🙂'.repeat(700),
  '👨‍👩‍👧‍👦',
  '\u200b',
  '\u200b\u200c\u200d\ufeff',
  '\u200b17/19\u200c',
  '\u2066không\u2069',
  '\u202eabc\u202c',
  "'; DROP TABLE reports; --",
  'Robert"); DELETE FROM conversations; --',
  "1; update conversations set version = 0; --",
  '$1',
  '\\x00',
  '\u0000',
  'abc\u0000def',
  '\u0001\u0007\u001f',
  '<script>alert(1)</script>',
  '{"checkin": {"phase": "submitted"}}',
  '-1',
  '-999999999999',
  '999999999999999999999999999',
  '1e309',
  'NaN',
  '-0',
  '0x1F',
  '1,5',
  '3.7',
  '20/19',
  '-1/19',
  '5001/5001',
  '0/0',
  '__proto__',
  'constructor',
  '   ',
  '\n\t\n',
];
const PLAIN: readonly string[] = [
  'hai', '2 cuộc', 'mười lăm', '17 trên 19', 'có', 'không', 'ko', 'khong co', 'Đúng kế hoạch', 'chậm', 'xong', 'bỏ qua',
  'quay lại', 'Bắt đầu', 'Gửi báo cáo', 'sửa', 'Nhắc lại sau', 'Tháng này không có hoạt động', 'Trồng thêm 200 cây', '1', '4', '12',
];
const COMMANDS: readonly string[] = ['/baocao', '/baocao', '/baocao', '/sua', '/huy', '/trogiup', '/tiendo', '/sua', '/start', '/start ABCD-EFGH-JKLM', '/xoa', '/BAOCAO', '/baocao@chibo_bot'];
const TOKENS: readonly string[] = [
  'start', 'snooze', 'no_activity', 'no_activity_off', 'skip', 'back', 'done', 'submit', 'edit', 'summary', 'other',
  'ans:2', 'ans:yes', 'ans:no', 'ans:on_track', 'edit:0', 'edit:9999', 'edit:-1', 'ans:-5', 'ans:99999999', 'unit:1', 'unit:99999', 'unit:abc', 'nonsense',
];
const FILES = ['AgACAgIAAxkBAAIBpWZ', 'AgACAgIAAxkBAAIBpXa', 'AgACAgIAAxkBAAIBpYb', 'AgACAgIAAxkBAAIBpZc'];
const ALBUMS = [undefined, undefined, '13500001', '13500002'];
/** Answers each kind of question accepts, so the walk gets through the check-in. */
const VALID: Record<Question['kind'], readonly string[]> = {
  count: ['0', '1', '2', 'hai', '3 cuộc'],
  number: ['0', '197', '197 lớp'],
  attendance: ['17/19', '0/5', '5 trên 7', '19/19'],
  yes_no: ['có', 'không', 'ans:yes', 'ans:no'],
  text: ['Trồng thêm 200 cây', 'Không có', "'; DROP TABLE reports; --", 'bỏ qua'],
  choice: ['Đúng kế hoạch', 'chậm', 'ans:completed', 'ans:paused'],
  photos: ['xong', 'done'],
};

const ZERO_WIDTH = /[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

let handle: DatabaseHandle;
let accountId: number;
let unitId: number;
let updateId = 900_000;

beforeAll(async () => {
  handle = await createTestDatabase();
  await seedDemo(handle.db, { now, timeZone });
  // A seeded random demo secretary of a chi bộ with registered models, on a Telegram account of their own.
  const candidates = await handle.db
    .selectDistinct({ personId: t.unitRoles.personId, unitId: t.unitRoles.unitId })
    .from(t.unitRoles)
    .innerJoin(t.models, and(eq(t.models.unitId, t.unitRoles.unitId), eq(t.models.status, 'active')))
    .where(eq(t.unitRoles.role, 'secretary'))
    .orderBy(asc(t.unitRoles.personId), asc(t.unitRoles.unitId));
  const chosen = pick(candidates);
  unitId = chosen.unitId;
  // This month's report starts unsent, whatever the demo history holds, so the walk can go all the way.
  await handle.db.delete(t.reports).where(and(eq(t.reports.unitId, unitId), inArray(t.reports.periodId, await novemberPeriods())));
  const account = await touchAccount(handle.db, { channel: 'telegram', externalUserId: String(CHAT), chatId: String(CHAT), at: now });
  await bindAccountToPerson(handle.db, { accountId: account.id, personId: chosen.personId });
  accountId = account.id;
});
afterAll(async () => {
  await handle.close();
});

/** November 2026 of every province in the demo (each has its own periods). */
async function novemberPeriods(): Promise<number[]> {
  return (await handle.db.select({ id: t.periods.id }).from(t.periods).where(eq(t.periods.startsOn, '2026-11-01'))).map((p) => p.id);
}

function event(message: CheckinInput, button?: { conversationId: number; version: number }): InboundEvent {
  updateId += 1;
  return {
    channel: 'telegram', externalId: String(updateId), receivedAt: now,
    from: { externalUserId: String(CHAT), chatId: String(CHAT), displayName: 'Bí thư' },
    message, ...(button ? { button } : {}),
  };
}

/** A button tap as Telegram delivers it, with callback data as sent, or forged. */
function callbackEvent(data: string): InboundEvent | null {
  updateId += 1;
  const from = { id: CHAT, is_bot: false, first_name: 'Bí thư' };
  const meaning = translateUpdate({
    update_id: updateId,
    callback_query: { id: `cb${updateId}`, from, chat_instance: 'x', data, message: { message_id: 1, date: 0, chat: { id: CHAT, type: 'private', first_name: 'B' } } },
  } as never);
  return meaning.kind === 'inbound' ? { ...meaning.event, receivedAt: now } : null;
}

interface Snapshot {
  conversations: Map<number, { version: number; status: string; state: unknown; step: string; unitId: number | null }>;
  outbox: number;
}

async function snapshot(): Promise<Snapshot> {
  const rows = await handle.db.select().from(t.conversations).where(eq(t.conversations.accountId, accountId));
  const outbox = await handle.db.$count(t.outboundMessages, eq(t.outboundMessages.accountId, accountId));
  return { conversations: new Map(rows.map((r) => [r.id, { version: r.version, status: r.status, state: r.state, step: r.step, unitId: r.unitId }])), outbox };
}

function openCheckin(s: Snapshot): { id: number; version: number; stored: StoredCheckin; unitId: number | null } | undefined {
  for (const [id, c] of s.conversations) if (c.status === 'open') return { id, version: c.version, stored: c.state as StoredCheckin, unitId: c.unitId };
  return undefined;
}

function stepsOf(stored: StoredCheckin): Step[] {
  return buildSteps(DEFAULT_QUESTION_SET, stored.about.models.length);
}

/** Only a photo already received, or the rest of an acknowledged album, may go unanswered. */
function maySilence(before: Snapshot, input: CheckinInput): boolean {
  const open = openCheckin(before);
  if (!open || input.type !== 'photo') return false;
  const state = open.stored.checkin;
  const step = state.phase === 'asking' ? stepsOf(open.stored)[state.step] : undefined;
  if (step?.question.kind !== 'photos') return false;
  const photos = readPhotos(state.answers[answerKey(step)]);
  return photos.some((p) => p.fileRef === input.fileRef) || (input.mediaGroupId !== undefined && input.mediaGroupId === state.lastMediaGroup);
}

function checkAnswer(question: Question, value: Answer, at: string): void {
  if (value === null) return expect(question.optional, at).toBe(true);
  switch (question.kind) {
    case 'count':
      expect(Number.isSafeInteger(value) && (value as number) >= 0 && (value as number) <= (question.max ?? 100_000), at).toBe(true);
      return;
    case 'attendance': {
      const { present, total } = value as { present: number; total: number };
      expect(Number.isSafeInteger(present) && Number.isSafeInteger(total) && present >= 0 && present <= total && total > 0 && total <= (question.max ?? 100_000), at).toBe(true);
      return;
    }
    case 'yes_no':
      return expect(typeof value, at).toBe('boolean');
    case 'choice':
      return expect(question.choices?.map((c) => c.value), at).toContain(value);
    case 'text': {
      const s = value as string;
      expect(typeof s === 'string' && s.length > 0 && s.length <= 1000 && s === s.trim(), at).toBe(true);
      expect(ZERO_WIDTH.test(s) || CONTROL.test(s) || LONE_SURROGATE.test(s), at).toBe(false);
      return;
    }
    case 'photos': {
      const photos = readPhotos(value);
      expect(Array.isArray(value) && photos.length === (value as readonly unknown[]).length && photos.length > 0, at).toBe(true);
      expect(new Set(photos.map((p) => p.fileRef)).size, `${at}: a photo stored twice`).toBe(photos.length);
    }
  }
}

/** Every stored conversation holds only answers its questions allow. */
function checkStored(s: Snapshot, where: string): void {
  for (const [id, c] of s.conversations) {
    const stored = c.state as StoredCheckin;
    if (!stored?.checkin) continue;
    const steps = stepsOf(stored);
    const byKey = new Map(steps.map((step) => [answerKey(step), step.question]));
    const state: CheckinState = stored.checkin;
    expect(['intro', 'asking', 'summary', 'pick_edit', 'submitted'], where).toContain(state.phase);
    if (state.phase === 'asking') expect(steps[state.step], `${where}: conversation ${id} asks step ${state.step}`).toBeDefined();
    for (const [key, value] of Object.entries(state.answers)) {
      const question = byKey.get(key);
      expect(question, `${where}: stray answer ${key}`).toBeDefined();
      checkAnswer(question!, value, `${where}: conversation ${id} answer ${key}=${JSON.stringify(value)?.slice(0, 80)}`);
    }
  }
}

/** What the reports hold for the unit is within the questions' ranges (the database checks the rest). */
async function checkReports(where: string): Promise<void> {
  const reports = await handle.db.select().from(t.reports).where(eq(t.reports.unitId, unitId));
  for (const r of reports) {
    const at = `${where}: report ${r.id}`;
    if (r.meetingsHeld !== null) expect(r.meetingsHeld, at).toBeLessThanOrEqual(31);
    if (r.membersTotal !== null) expect(r.membersTotal, at).toBeLessThanOrEqual(5000);
    expect(r.membersPresent === null, at).toBe(r.membersTotal === null);
    if (r.status === 'submitted') expect(r.version, at).toBeGreaterThanOrEqual(1);
  }
  const ids = reports.map((r) => r.id);
  if (ids.length === 0) return;
  for (const m of await handle.db.select().from(t.modelAnswers).where(inArray(t.modelAnswers.reportId, ids))) {
    if (m.activities !== null) expect(m.activities, `${where}: model answer ${m.id}`).toBeLessThanOrEqual(100);
    if (m.participants !== null) expect(m.participants, `${where}: model answer ${m.id}`).toBeLessThanOrEqual(100_000);
    for (const text of [m.results, m.difficulties]) if (text !== null) expect(CONTROL.test(text) || text.length > 1000, where).toBe(false);
  }
}

/** The replies queued for one update, in order. */
async function repliesTo(e: InboundEvent): Promise<{ id: number; payload: OutboundPayload }[]> {
  const rows = await handle.db
    .select({ id: t.outboundMessages.id, payload: t.outboundMessages.payload })
    .from(t.outboundMessages)
    .where(like(t.outboundMessages.dedupeKey, `reply:telegram:${e.externalId}:%`))
    .orderBy(asc(t.outboundMessages.id));
  return rows.map((r) => ({ id: r.id, payload: r.payload as OutboundPayload }));
}

function checkPayload(p: OutboundPayload, where: string): void {
  const at = `${where}: reply ${JSON.stringify(p.text.slice(0, 80))}`;
  expect(p.text.trim().length, at).toBeGreaterThan(0);
  expect(p.text.length, at).toBeLessThan(4096);
  expect(LONE_SURROGATE.test(p.text), at).toBe(false);
  // Every button must fit Telegram's 64 bytes of callback data with the conversation it belongs to.
  for (const c of p.choices ?? []) {
    expect(() => encodeCallbackData(c.value, p.conversationId !== undefined ? { id: p.conversationId, version: p.version! } : undefined), at).not.toThrow();
  }
}

describe('the inbound service under random and hostile input', () => {
  // 1500 messages, each a few statements: minutes on a loaded 2-core machine (8 min seen at load 24). A bound, not a speed check.
  it(`keeps every promise for ${STEPS} messages from one secretary (seed ${SEED})`, { timeout: 5 * SLOW_TEST_TIMEOUT_MS }, async () => {
    console.info(`inbound fuzz: seed ${SEED}, ${STEPS} steps (replay with FUZZ_SEED=${SEED})`);
    const history: InboundEvent[] = [];
    /** Buttons seen so far, with the conversation and version they were drawn for. */
    const buttons: { value: string; conversationId?: number; version?: number }[] = [];
    let screen: OutboundPayload | undefined;
    let before = await snapshot();
    const counts = { replays: 0, doubleTaps: 0, silent: 0, forged: 0 };
    const phases = new Set<string>();

    const send = async (e: InboundEvent, where: string): Promise<InboundOutcome> => {
      try {
        return await handleInbound(handle.db, e, { timeZone });
      } catch (error) {
        throw new Error(`${where}: handleInbound threw: ${String(error)}`);
      }
    };

    for (let i = 0; i < STEPS; i += 1) {
      const open = openCheckin(before);
      const state = open?.stored.checkin;
      const step = state?.phase === 'asking' ? stepsOf(open!.stored)[state.step] : undefined;
      const r = rng();
      const where = `seed ${SEED} #${i}`;

      if (r < 0.07 && history.length > 0) {
        // Telegram redelivers an update already handled: nothing may change, nothing new is queued.
        const old = pick(history);
        const outcome = await send(old, `${where} replay of ${old.externalId}`);
        const after = await snapshot();
        expect(outcome.duplicate, `${where}: replay of update ${old.externalId}`).toBe(true);
        expect(after, `${where}: replay of update ${old.externalId} changed something`).toEqual(before);
        counts.replays += 1;
        continue;
      }

      if (r < 0.12 && screen?.conversationId !== undefined && screen.choices?.length) {
        // Two fast taps on the same button: one answer at most, and both get a reply.
        const value = pick(screen.choices).value;
        const button = { conversationId: screen.conversationId, version: screen.version! };
        const [a, b] = [event({ type: 'choice', value }, button), event({ type: 'choice', value }, button)];
        const outcomes = await Promise.all([send(a, where), send(b, where)]);
        const after = await snapshot();
        const was = before.conversations.get(button.conversationId)?.version ?? 0;
        const is = after.conversations.get(button.conversationId)?.version ?? 0;
        expect(is - was, `${where}: two taps of ${value} advanced the conversation ${is - was} times`).toBeLessThanOrEqual(1);
        for (const [k, e] of [a, b].entries()) {
          expect(outcomes[k]!.duplicate, where).toBe(false);
          const replies = await repliesTo(e);
          expect(replies.length, `${where}: tap ${k + 1} of ${value} got no reply`).toBeGreaterThan(0);
          for (const reply of replies) checkPayload(reply.payload, where);
          screen = [...replies].reverse().find((x) => x.payload.choices?.length)?.payload ?? screen;
        }
        history.push(a, b);
        checkStored(after, where);
        before = after;
        counts.doubleTaps += 1;
        continue;
      }

      let e: InboundEvent | null;
      if (r < 0.37 && step) {
        if (step.question.kind === 'photos' && rng() < 0.6) {
          const mediaGroupId = pick(ALBUMS);
          e = event({ type: 'photo', fileRef: pick(FILES), ...(mediaGroupId ? { mediaGroupId } : {}) });
        } else {
          const answer = pick(VALID[step.question.kind]);
          e = answer.startsWith('ans:') || answer === 'done' ? event({ type: 'choice', value: answer }, open && { conversationId: open.id, version: open.version }) : event({ type: 'text', text: answer });
        }
      } else if (r < 0.5 && screen?.choices?.length) {
        const choice = pick(screen.choices);
        e = event({ type: 'choice', value: choice.value }, screen.conversationId !== undefined ? { conversationId: screen.conversationId, version: screen.version! } : undefined);
      } else if (r < 0.6) {
        e = event({ type: 'text', text: pick(HOSTILE) });
      } else if (r < 0.66) {
        e = event({ type: 'text', text: pick(PLAIN) });
      } else if (r < 0.71) {
        e = event({ type: 'text', text: String(pick([int(-50, 50), int(-(2 ** 31), 2 ** 31), Number.MAX_SAFE_INTEGER, -0, 1e21, 1.5])) });
      } else if (r < 0.77) {
        // A stale button (an older conversation or version), or callback data forged by hand.
        const old = buttons.length > 0 ? pick(buttons) : { value: 'start' };
        const data = pick([
          old.conversationId !== undefined ? `${old.conversationId}.${old.version}.${old.value}` : `.${old.value}`,
          `${open?.id ?? 1}.${(open?.version ?? 0) + int(1, 5)}.${pick(TOKENS)}`,
          `${int(1, 999_999)}.${int(0, 999)}.${pick(TOKENS)}`,
          `-1.-1.submit`, `.${pick(TOKENS)}`, pick(TOKENS), '', `1.1.${'x'.repeat(80)}`, '999999999999.999999999.submit', '1.2.3.4.5',
        ]);
        e = callbackEvent(data);
        counts.forged += 1;
      } else if (r < 0.85) {
        const mediaGroupId = pick(ALBUMS);
        e = event({ type: 'photo', fileRef: pick(FILES), ...(mediaGroupId ? { mediaGroupId } : {}) });
      } else if (r < 0.9) {
        e = event(pick<CheckinInput>([{ type: 'unsupported' }, { type: 'text', text: '' }]));
      } else if (r < 0.96) {
        e = event({ type: 'text', text: pick(COMMANDS) });
      } else {
        e = event({ type: 'choice', value: pick(TOKENS) }, rng() < 0.5 && open ? { conversationId: open.id, version: open.version } : undefined);
      }
      if (!e) continue;

      const at = `${where} ${JSON.stringify(e.message).slice(0, 100)}${e.button ? ` button ${e.button.conversationId}.${e.button.version}` : ''}`;
      const silenceAllowed = maySilence(before, e.message);
      const outcome = await send(e, at);
      history.push(e);
      const after = await snapshot();
      const replies = await repliesTo(e);

      expect(outcome.duplicate, at).toBe(false);
      expect(outcome.outboxIds, `${at}: the outcome names the queued replies`).toEqual(replies.map((x) => x.id));
      expect(after.outbox - before.outbox, `${at}: rows queued beyond the replies`).toBe(replies.length);
      if (!silenceAllowed) expect(replies.length, `${at}: no reply queued`).toBeGreaterThan(0);
      else if (replies.length === 0) counts.silent += 1;
      for (const reply of replies) {
        checkPayload(reply.payload, at);
        for (const c of reply.payload.choices ?? []) buttons.push({ value: c.value, conversationId: reply.payload.conversationId, version: reply.payload.version });
      }
      screen = [...replies].reverse().find((x) => x.payload.choices?.length)?.payload ?? screen;

      // A conversation's version only grows, and only one is open at a time.
      for (const [id, c] of before.conversations) {
        expect(after.conversations.get(id)?.version ?? -1, `${at}: conversation ${id} went back`).toBeGreaterThanOrEqual(c.version);
      }
      expect([...after.conversations.values()].filter((c) => c.status === 'open').length, at).toBeLessThanOrEqual(1);
      checkStored(after, at);
      const phase = openCheckin(after)?.stored.checkin.phase;
      if (phase) phases.add(phase);
      if (i % 100 === 0) await checkReports(at);
      before = after;
    }
    await checkReports(`seed ${SEED} after the walk`);
    console.info(`inbound fuzz: seed ${SEED}: ${JSON.stringify(counts)}, phases ${[...phases].join(' ')}`);
    // The hostile parts of the walk really happened.
    expect(counts.replays, 'replays').toBeGreaterThan(0);
    expect(counts.doubleTaps, 'double taps').toBeGreaterThan(0);
    expect(counts.forged, 'forged buttons').toBeGreaterThan(0);
    // ...and the walk went through the questions to the summary, not round in circles at the start.
    expect([...phases], `seed ${SEED}: phases reached`).toEqual(expect.arrayContaining(['intro', 'asking', 'summary']));

    // Whatever the walk left behind, the secretary can still finish and send this month's report.
    let last: OutboundPayload | undefined;
    const say = async (message: CheckinInput, button?: { conversationId: number; version: number }) => {
      const e = event(message, button);
      await send(e, `seed ${SEED} finishing`);
      const replies = await repliesTo(e);
      expect(replies.length, `seed ${SEED} finishing ${JSON.stringify(message)}`).toBeGreaterThan(0);
      last = replies.at(-1)!.payload;
      return replies.map((x) => x.payload);
    };
    const tap = (value: string) => say({ type: 'choice', value }, last?.conversationId !== undefined ? { conversationId: last.conversationId, version: last.version! } : undefined);
    await say({ type: 'text', text: '/huy' });
    let sent = false;
    for (let k = 0; k < 80 && !sent; k += 1) {
      const choices = last?.choices?.map((c) => c.value) ?? [];
      const open = openCheckin(await snapshot());
      // Only a conversation about the chosen unit counts (the person may answer for several).
      const checkin = open?.unitId === unitId ? open.stored.checkin : undefined;
      const unitChoice = choices.find((v) => v === `unit:${unitId}` || v === `unit:${unitId}:sua`);
      if (unitChoice) await tap(unitChoice);
      else if (checkin?.phase === 'summary' && choices.includes('submit')) sent = (await tap('submit')).some((p) => p.text.includes('Đã gửi báo cáo'));
      else if (!checkin || checkin.phase === 'submitted') await say({ type: 'text', text: last?.text.includes('đã gửi') || checkin ? '/sua' : '/baocao' });
      else if (checkin.phase === 'intro') await tap('start');
      else if (checkin.phase === 'pick_edit') await tap('summary');
      else if (checkin.phase === 'summary') await say({ type: 'text', text: '/baocao' });
      else {
        const question = stepsOf(open!.stored)[checkin.step]!.question;
        const answer = { count: '1', number: '1', attendance: '17/19', yes_no: 'ans:no', text: 'Không có', choice: 'ans:on_track', photos: 'done' }[question.kind];
        await (answer.startsWith('ans:') || answer === 'done' ? tap(answer) : say({ type: 'text', text: answer }));
      }
    }
    expect(sent, `seed ${SEED}: the report could not be sent after the walk`).toBe(true);
    const [report] = await handle.db.select().from(t.reports).where(and(eq(t.reports.unitId, unitId), inArray(t.reports.periodId, await novemberPeriods())));
    expect(report).toMatchObject({ status: 'submitted' });
    expect(report!.version).toBeGreaterThanOrEqual(1);
    await checkReports(`seed ${SEED} after sending`);
    checkStored(await snapshot(), `seed ${SEED} after sending`);
  });
});
