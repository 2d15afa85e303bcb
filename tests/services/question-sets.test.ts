import { asc, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_QUESTION_SET, type Question } from '../../src/core/checkin/question-set.js';
import { toQuestionSetFile } from '../../src/core/checkin/question-set-schema.js';
import type { OutboundPayload } from '../../src/delivery/payload.js';
import { exportToBytes } from '../../src/services/export.js';
import { handleInbound } from '../../src/services/inbound.js';
import { createInvitation } from '../../src/services/invite.js';
import { publishQuestionSet, QuestionSetPastMonthError, QuestionSetRefusedError, showQuestionSet } from '../../src/services/question-sets.js';
import { seedDemo } from '../../src/services/seed-demo.js';
import { queryRows, type DatabaseHandle } from '../../src/storage/client.js';
import * as t from '../../src/storage/schema/index.js';
import { findUnitByCode } from '../../src/storage/queries/org-units.js';
import { createTestDatabase } from '../helpers/database.js';
import { readWorkbook } from '../helpers/read-files.js';
import { createFreshUnit } from '../helpers/fresh-unit.js';
import { SLOW_TEST_TIMEOUT_MS } from '../helpers/timeouts.js';

/**
 * Question sets published with an effective month: earlier months keep their version, a
 * check-in begun keeps its version, one not begun in the effective month takes the new one,
 * a subtree's own set overrides its organisation's.
 */

const timeZone = 'Asia/Ho_Chi_Minh';
const december = new Date('2026-12-21T03:00:00Z');
const january = new Date('2027-01-21T03:00:00Z');
let handle: DatabaseHandle;
let updateId = 0;

beforeAll(async () => {
  handle = await createTestDatabase();
  await seedDemo(handle.db, { now: december, timeZone });
}, SLOW_TEST_TIMEOUT_MS);
afterAll(() => handle.close());

function user(id: string) {
  let last: OutboundPayload | undefined;
  const send = async (message: { type: 'text'; text: string } | { type: 'choice'; value: string }, at: Date) => {
    updateId += 1;
    const button = message.type === 'choice' && last?.conversationId !== undefined ? { button: { conversationId: last.conversationId, version: last.version! } } : {};
    const outcome = await handleInbound(handle.db, { channel: 'telegram', externalId: `qs-${updateId}`, receivedAt: at, from: { externalUserId: id, chatId: id, displayName: id }, message, ...button }, { timeZone });
    const rows = outcome.outboxIds.length ? await handle.db.select().from(t.outboundMessages).orderBy(asc(t.outboundMessages.id)) : [];
    const payloads = rows.filter((r) => outcome.outboxIds.includes(r.id)).map((r) => r.payload as OutboundPayload);
    if (payloads.length) last = payloads.at(-1);
    return payloads.map((p) => p.text).join('\n');
  };
  return { say: (text: string, at: Date) => send({ type: 'text', text }, at), tap: (value: string, at: Date) => send({ type: 'choice', value }, at) };
}

async function join(id: string, unitCode: string) {
  const who = user(id);
  const { code } = await createInvitation(handle.db, { unitCode, role: 'secretary', days: 14, now: december });
  expect(await who.say(`/start ${code}`, december)).toContain('Chào mừng');
  return who;
}

async function reportSet(unitCode: string, month: string) {
  const [row] = await queryRows<{ version: number; scope: string | null; status: string }>(
    handle.db,
    sql`select q.version, s.code as scope, r.status::text as status from reports r join org_units u on u.id = r.unit_id join periods p on p.id = r.period_id
          join question_sets q on q.id = r.question_set_id left join org_units s on s.id = q.scope_unit_id
         where u.code = ${unitCode} and p.starts_on = ${month}::date`,
  );
  return row;
}

const CLASSES: Question = { key: 'themedClasses', label: 'Lớp chuyên đề', scope: 'unit', kind: 'number', unit: 'lớp', prompt: 'Tháng {month} tổ chức bao nhiêu lớp học tập chuyên đề?', optional: false, showInDigest: true };
const withFirst = (question: Question) => ({ ...toQuestionSetFile(DEFAULT_QUESTION_SET), questions: [question, ...DEFAULT_QUESTION_SET.questions] });
const publish = (code: string, json: unknown, from: string, now = december) =>
  handle.db.transaction((tx) => publishQuestionSet(tx, { code, json, from, now, timeZone, actor: { actorKind: 'cli' } }));

describe('publishing a question set with an effective month', () => {
  it('a report begun in December under v1 finishes under v1 after v2 is published for January; January asks v2', async () => {
    const unit = await createFreshUnit(handle.db, 'QS.DEC');
    const lan = await join('81001', unit);
    expect(await lan.say('/baocao', december)).toContain('tháng 12/2026');
    expect(await lan.say('bắt đầu', december)).toContain('sinh hoạt thường kỳ');
    const published = await publish('KT', withFirst(CLASSES), '2027-01-01');
    expect(published.row.version).toBe(1);
    for (const answer of ['1', '17/19', 'không', '2', '30', 'đúng kế hoạch', 'bỏ qua', 'không có', 'xong', 'không', 'không có', 'không có']) await lan.say(answer, december);
    expect(await lan.say('gửi báo cáo', december)).toContain('Đã gửi báo cáo tháng 12/2026');
    expect(await reportSet(unit, '2026-12-01')).toEqual({ version: DEFAULT_QUESTION_SET.version, scope: null, status: 'submitted' });

    await lan.say('/baocao', january);
    expect(await lan.say('bắt đầu', january)).toBe('Tháng 1 tổ chức bao nhiêu lớp học tập chuyên đề?');
    expect(await reportSet(unit, '2027-01-01')).toMatchObject({ version: 1, scope: 'KT' });
    for (const answer of ['197 lớp', '1', '17/19', 'không', '2', '30', 'đúng kế hoạch', 'bỏ qua', 'không có', 'xong', 'không', 'không có', 'không có']) await lan.say(answer, january);
    expect(await lan.say('gửi báo cáo', january)).toContain('Đã gửi báo cáo tháng 01/2027');

    // An export of December and January: each question has its column; the months whose set did not ask it leave it empty.
    const workbook = await readWorkbook(
      (await handle.db.transaction(async (tx) => exportToBytes(tx, { unit: (await findUnitByCode(tx, unit))!, subtree: true, from: '2026-12-01', to: '2027-01-01', format: 'xlsx' }, { now: january, timeZone }))).bytes,
    );
    const sheet = workbook.getWorksheet('Đơn vị')!;
    const headers = (sheet.getRow(1).values as unknown[]).map(String);
    const column = (header: string) => headers.indexOf(header);
    expect(column('Lớp chuyên đề')).toBeGreaterThan(0);
    expect(column('Dự chuyên đề / được mời')).toBeGreaterThan(0);
    const rows = [2, 3].map((n) => sheet.getRow(n));
    expect(rows.map((r) => [r.getCell(1).value, r.getCell(column('Lớp chuyên đề')).value])).toEqual([['12/2026', null], ['01/2027', 197]]);

    // The command line shows each month's set.
    expect((await showQuestionSet(handle.db, { code: 'KT', month: '2026-12-01', now: december, timeZone })).file.questions[0]!.key).toBe('meetingsHeld');
    expect((await showQuestionSet(handle.db, { code: 'KT', month: '2027-01-01', now: december, timeZone })).file.questions[0]!.key).toBe('themedClasses');
  }, SLOW_TEST_TIMEOUT_MS);

  it('a set published for the current month: a check-in not begun takes it, one begun keeps its own', async () => {
    const begun = await join('81002', await createFreshUnit(handle.db, 'QS.BEGUN'));
    const waiting = await join('81003', await createFreshUnit(handle.db, 'QS.WAIT'));
    await begun.say('/baocao', december);
    await begun.say('bắt đầu', december);
    expect(await waiting.say('/baocao', december)).toContain('Bắt đầu nhé?');
    const question: Question = { ...CLASSES, key: 'decemberClasses', prompt: 'Tháng {month} có lớp nào không? (số lớp)' };
    await publish('KT', withFirst(question), '2026-12-01');
    expect(await waiting.tap('start', december)).toBe('Tháng 12 có lớp nào không? (số lớp)');
    expect(await begun.say('1', december)).toContain('đảng viên dự');
    expect(await reportSet('QS.WAIT', '2026-12-01')).toMatchObject({ scope: 'KT', version: 2 });
    expect(await reportSet('QS.BEGUN', '2026-12-01')).toMatchObject({ scope: null });
  }, SLOW_TEST_TIMEOUT_MS);

  it('a subtree\'s own set overrides its organisation\'s from its month', async () => {
    const own = await join('81004', await createFreshUnit(handle.db, 'QS.OWN'));
    await publish('QS.OWN', withFirst({ ...CLASSES, key: 'ownQuestion', prompt: 'Câu hỏi riêng của chi bộ?' }), '2027-01-01');
    await own.say('/baocao', january);
    expect(await own.say('bắt đầu', january)).toBe('Câu hỏi riêng của chi bộ?');
    expect(await reportSet('QS.OWN', '2027-01-01')).toMatchObject({ scope: 'QS.OWN', version: 1 });
  }, SLOW_TEST_TIMEOUT_MS);

  it('refuses an inconsistent set and a past month, storing nothing', async () => {
    const [{ n: before }] = (await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from question_sets`)) as [{ n: number }];
    const broken = { questions: DEFAULT_QUESTION_SET.questions.filter((q) => q.key !== 'progress').map((q) => (q.key === 'meetingsHeld' ? { ...q, max: -5 } : q)) };
    const refused = await publish('KT', broken, '2027-02-01').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(QuestionSetRefusedError);
    expect((refused as QuestionSetRefusedError).problems.map((p) => p.code)).toEqual(['negative_bound', 'standard_removed']);
    expect(await publish('KT', toQuestionSetFile(DEFAULT_QUESTION_SET), '2026-10-01').catch((e: unknown) => e)).toBeInstanceOf(QuestionSetPastMonthError);
    const [{ n: after }] = (await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from question_sets`)) as [{ n: number }];
    expect(after).toBe(before);
  }, SLOW_TEST_TIMEOUT_MS);
});
