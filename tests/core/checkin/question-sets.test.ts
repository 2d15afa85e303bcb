import { describe, expect, it } from 'vitest';
import { advance, startCheckin } from '../../../src/core/checkin/engine.js';
import { DEFAULT_QUESTION_SET, QUESTION_SET_V1, type Question, type QuestionSetDefinition } from '../../../src/core/checkin/question-set.js';
import { parseQuestionSetFile, parseStoredQuestionSet, toQuestionSetFile, toStoredQuestionSet } from '../../../src/core/checkin/question-set-schema.js';
import { toReportFigures } from '../../../src/core/checkin/report-figures.js';
import { validateQuestionSet } from '../../../src/core/checkin/validate-question-set.js';
import type { AdvanceResult, CheckinContext, CheckinInput } from '../../../src/core/checkin/types.js';

const q = (key: string) => DEFAULT_QUESTION_SET.questions.find((x) => x.key === key)!;

/** The default set with a themed session's classes and people (numbers with a unit), and the idle-model skip. */
const CUSTOM: QuestionSetDefinition = {
  version: 2,
  title: 'Bộ câu hỏi Lai Châu 2027',
  questions: [
    q('meetingsHeld'),
    q('attendance'),
    q('themedSessionHeld'),
    { key: 'themedClasses', label: 'Lớp học tập chuyên đề', scope: 'unit', kind: 'number', unit: 'lớp', prompt: 'Tổ chức bao nhiêu lớp học tập chuyên đề?', optional: false, askIf: 'themedSessionHeld', max: 1000, showInDigest: true },
    { key: 'themedPeople', label: 'Lượt người dự chuyên đề', scope: 'unit', kind: 'number', unit: 'lượt người', prompt: 'Bao nhiêu lượt người dự?', optional: false, askIf: 'themedClasses', min: 1, showInDigest: true },
    { ...q('activities'), skipRestIfZero: true },
    q('participants'),
    q('progress'),
    q('photos'),
    q('proposals'),
  ],
};

const models = Array.from({ length: 6 }, (_, i) => ({ id: 100 + i, title: `Mô hình ${i + 1}` }));
const ctx = (questionSet: QuestionSetDefinition, count = 2): CheckinContext => ({
  personName: 'Lò Văn Quản', unitName: 'Chi bộ bản Ka Lăng', periodLabel: '01/2027', month: 1, dueLabel: '25/01/2027', models: models.slice(0, count), questionSet,
});
const text = (value: string): CheckinInput => ({ type: 'text', text: value });
const tap = (value: string): CheckinInput => ({ type: 'choice', value });

function play(c: CheckinContext, inputs: readonly (string | CheckinInput)[]): AdvanceResult {
  let result = startCheckin(c);
  for (const input of inputs) result = advance(c, result.state, typeof input === 'string' ? text(input) : input);
  return result;
}

describe('a number with a unit', () => {
  it('reads "197 lớp" and "9.614 lượt", shows the unit in the summary, refuses below its minimum and nonsense with an example', () => {
    const c = ctx(CUSTOM, 0);
    const asked = play(c, [tap('start'), '1', '17/19', 'có']);
    expect(asked.replies[0]!.text).toBe('Tổ chức bao nhiêu lớp học tập chuyên đề?');
    const nonsense = advance(c, asked.state, text('nhiều lắm'));
    expect(nonsense.replies[0]!.text).toBe('Xin lỗi, tôi chưa hiểu. Đồng chí gõ một số, ví dụ: 12 lớp.');
    const classes = advance(c, asked.state, text('197 lớp'));
    expect(classes.state.answers.themedClasses).toBe(197);
    expect(advance(c, classes.state, text('0')).replies[0]!.text).toContain('nhỏ hơn mức tối thiểu (1)');
    const done = play(c, [tap('start'), '1', '17/19', 'có', '197 lớp', '9.614 lượt', 'không có']);
    expect(done.state.phase).toBe('summary');
    const summary = done.replies.map((r) => r.text).join('\n');
    expect(summary).toContain('• Lớp học tập chuyên đề: 197 lớp');
    expect(summary).toContain('• Lượt người dự chuyên đề: 9.614 lượt người');
    expect(toReportFigures(c, done.state).answers).toMatchObject({ themedClasses: 197, themedPeople: 9614 });
  });

  it('is asked only when the earlier question opens it: no themed session, no classes, no people', () => {
    const done = play(ctx(CUSTOM, 0), [tap('start'), '1', '17/19', 'không', 'không có']);
    expect(done.state.phase).toBe('summary');
    expect(done.state.answers).not.toHaveProperty('themedClasses');
    expect(done.state.answers).not.toHaveProperty('themedPeople');
  });
});

describe('«skip the rest of this model when activities = 0»', () => {
  it('a unit with 6 idle models answers one question per model, not every question', () => {
    const c = ctx(CUSTOM, 6);
    const done = play(c, [tap('start'), '0', 'không', '0', '0', '0', '0', '0', '0', 'không có']);
    expect(done.state.phase).toBe('summary');
    const modelKeys = Object.keys(done.state.answers).filter((k) => /^m\d+\./.test(k));
    expect(modelKeys.sort()).toEqual(['m0.activities', 'm1.activities', 'm2.activities', 'm3.activities', 'm4.activities', 'm5.activities']);
    const figures = toReportFigures(c, done.state);
    expect(figures.models.map((m) => [m.activities, m.participants, m.progress])).toEqual(Array.from({ length: 6 }, () => [0, null, null]));
    // No meeting: attendance neither asked nor kept.
    expect(done.state.answers).not.toHaveProperty('attendance');
    expect(figures.membersTotal).toBeNull();
  });

  it('asks the rest of an active model, and a correction to 0 drops what no longer applies', () => {
    const c = ctx(CUSTOM, 1);
    const done = play(c, [tap('start'), '1', '18/20', 'không', '2', '35', tap('ans:on_track'), tap('done'), 'không có']);
    expect(done.state.phase).toBe('summary');
    expect(done.state.answers).toMatchObject({ 'm0.activities': 2, 'm0.participants': 35, 'm0.progress': 'on_track' });
    const picking = advance(c, done.state, tap('edit'));
    const activitiesButton = picking.replies[0]!.choices!.find((b) => b.label.includes('Số hoạt động'))!;
    const editing = advance(c, picking.state, tap(activitiesButton.value));
    const corrected = advance(c, editing.state, text('0'));
    expect(corrected.state.phase).toBe('summary');
    expect(corrected.state.answers['m0.activities']).toBe(0);
    expect(corrected.state.answers).not.toHaveProperty('m0.participants');
    expect(corrected.state.answers).not.toHaveProperty('m0.progress');
  });
});

describe('the default set, version 2', () => {
  it('asks a themed session\'s attendance, and an idle model\'s activities only', () => {
    const c = ctx(DEFAULT_QUESTION_SET, 2);
    const themed = play(c, [tap('start'), '0', 'có', 'Học tập Chỉ thị 05']);
    expect(themed.replies[0]!.text).toBe('Buổi chuyên đề có bao nhiêu người dự / số được mời? (ví dụ 77/85)');
    const done = play(c, [tap('start'), '0', 'có', 'Học tập Chỉ thị 05', '77/85', '0', '0', 'không', 'không có', 'không có']);
    expect(done.state.phase).toBe('summary');
    expect(done.replies.map((r) => r.text).join('\n')).toContain('• Dự chuyên đề / được mời: 77/85 (90,6%)');
    expect(Object.keys(done.state.answers).filter((k) => /^m\d+\./.test(k))).toEqual(['m0.activities', 'm1.activities']);
  });
});

describe('stored definitions and the edited file', () => {
  it('reads a set stored before formats (format 1) and one stored now, never a damaged one', () => {
    const legacy = JSON.parse(JSON.stringify(QUESTION_SET_V1)) as unknown;
    expect(parseStoredQuestionSet(legacy)).toEqual(QUESTION_SET_V1);
    const stored = JSON.parse(JSON.stringify(toStoredQuestionSet(CUSTOM))) as unknown;
    expect(stored).toMatchObject({ format: 2 });
    expect(parseStoredQuestionSet(stored)).toEqual(parseStoredQuestionSet(toStoredQuestionSet(CUSTOM)));
    expect(parseStoredQuestionSet(stored).questions[3]).toMatchObject({ kind: 'number', unit: 'lớp', showInDigest: true });
    expect(() => parseStoredQuestionSet({ version: 1, title: 'x', questions: [{ key: 'a', kind: 'number' }] })).toThrow(/unreadable/);
  });

  it('prints a set as the file publish reads, and reads it back unchanged', () => {
    const file = JSON.parse(JSON.stringify(toQuestionSetFile(CUSTOM))) as unknown;
    const read = parseQuestionSetFile(file);
    expect(read.ok).toBe(true);
    if (read.ok) expect(JSON.stringify(toQuestionSetFile({ ...CUSTOM, questions: read.file.questions }))).toBe(JSON.stringify(file));
    expect(Object.keys((file as { questions: Record<string, unknown>[] }).questions[0]!).slice(0, 6)).toEqual(['key', 'scope', 'kind', 'label', 'prompt', 'optional']);
  });

  it('says where a file is not a set, in Vietnamese', () => {
    const read = parseQuestionSetFile({ questions: [{ key: 'a', scope: 'unit', kind: 'slider', label: 'A', prompt: 'A?', optional: false, colour: 'red' }] });
    expect(read.ok).toBe(false);
    if (!read.ok) {
      expect(read.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['questions.0.kind', 'questions.0']));
      expect(read.issues.map((i) => i.message).join(' ')).toContain('không hợp lệ');
    }
  });
});

describe('the checks before publishing', () => {
  it('pass the default set and the custom one', () => {
    expect(validateQuestionSet(DEFAULT_QUESTION_SET.questions)).toEqual([]);
    expect(validateQuestionSet(CUSTOM.questions)).toEqual([]);
  });

  it('list every problem at once', () => {
    const questions: Question[] = [
      { ...q('meetingsHeld'), max: -1 },
      { ...q('attendance'), kind: 'count' },
      { key: 'early', label: 'Sớm', scope: 'unit', kind: 'text', prompt: 'Sớm?', optional: true, askIf: 'late' },
      { key: 'late', label: 'Muộn', scope: 'unit', kind: 'yes_no', prompt: 'Muộn?', optional: false },
      { key: 'ghost', label: 'Ma', scope: 'unit', kind: 'text', prompt: 'Ma?', optional: true, askIf: 'nowhere' },
      { key: 'late', label: 'Trùng', scope: 'unit', kind: 'text', prompt: 'Trùng?', optional: true },
      { key: 'pick', label: 'Chọn', scope: 'unit', kind: 'choice', prompt: 'Chọn?', optional: false },
      { key: 'many', label: 'Nhiều', scope: 'unit', kind: 'choice', prompt: 'Nhiều?', optional: true, choices: Array.from({ length: 6 }, (_, i) => ({ value: `v${i}`, label: `Lựa chọn ${i}` })) },
      { key: 'long', label: 'Dài', scope: 'unit', kind: 'yes_no', prompt: 'x'.repeat(2001), optional: true, quickReplies: ['Đúng vậy, chi bộ đã thực hiện đầy đủ cả năm'] },
      q('activities'),
      { ...q('participants'), scope: 'unit' },
    ];
    const problems = validateQuestionSet(questions);
    expect(problems.map((p) => [p.question, p.code])).toEqual([
      ['meetingsHeld', 'negative_bound'],
      ['early', 'condition_later'],
      ['ghost', 'condition_missing'],
      ['late', 'duplicate_key'],
      ['pick', 'no_choices'],
      ['many', 'too_many_buttons'],
      ['long', 'text_too_long'],
      ['long', 'button_data_too_long'],
      ['attendance', 'standard_changed'],
      ['participants', 'standard_changed'],
      ['progress', 'standard_removed'],
    ]);
    expect(problems.find((p) => p.code === 'button_data_too_long')!.message).toContain('64 byte');
    expect(problems.find((p) => p.code === 'too_many_buttons')!.message).toContain('Zalo chỉ hiện 5 nút');
    expect(problems.find((p) => p.code === 'standard_removed')!.message).toContain('chỉ được sửa lời');
  });
});
