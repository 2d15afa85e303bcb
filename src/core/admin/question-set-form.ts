/**
 * The question-set editor's form (the console's «Bộ câu hỏi báo cáo», issue 18): a set as rows
 * of typed strings, read back from the posted fields, the editor's moves (add, remove, up, down)
 * and the rows turned into questions for the same checks `questions publish` runs. Pure: the
 * page only renders these rows and the problems placed on them.
 */
import { foldVietnamese } from '../text.js';
import { vi } from '../messages/vi.js';
import type { QuestionSetFile } from '../checkin/question-set-schema.js';
import { QUESTION_KINDS, STANDARD_INDICATORS, type Question, type QuestionChoice, type QuestionKind } from '../checkin/question-set.js';
import type { QuestionSetProblem } from '../checkin/validate-question-set.js';

const t = vi.admin.questions.editor;

/** More questions than any monthly check-in should ask; a form with more is not read past this. */
export const MAX_EDITOR_QUESTIONS = 60;

/** One question as the form shows and posts it: every field a string, checkboxes "1" or "". */
export interface QuestionRow {
  key: string;
  scope: string;
  kind: string;
  label: string;
  prompt: string;
  optional: string;
  quickReplies: string;
  choices: string;
  min: string;
  max: string;
  unit: string;
  askIf: string;
  skipRestIfZero: string;
  showInDigest: string;
}

/** The posted field of a row's value: `c3-ten` for the label of the fourth question. */
export const ROW_FIELDS: Record<keyof QuestionRow, string> = {
  key: 'ma',
  scope: 'pham-vi',
  kind: 'kieu',
  label: 'ten',
  prompt: 'hoi',
  optional: 'bo-qua-duoc',
  quickReplies: 'tra-loi-nhanh',
  choices: 'lua-chon',
  min: 'nho-nhat',
  max: 'lon-nhat',
  unit: 'don-vi-tinh',
  askIf: 'chi-hoi-neu',
  skipRestIfZero: 'bo-qua-phan-con-lai',
  showInDigest: 'tong-hop',
};

/** The form field of a row's value. */
export function rowField(index: number, field: keyof QuestionRow): string {
  return `c${index}-${ROW_FIELDS[field]}`;
}

/** Whether a key is one of the standard indicators (reworded only: never removed, retyped or moved to another scope). */
export function isStandardKey(key: string): boolean {
  return STANDARD_INDICATORS.some((s) => s.key === key);
}

/** A set as the editor's rows. */
export function rowsOfSet(file: QuestionSetFile): QuestionRow[] {
  return file.questions.map((q) => ({
    key: q.key,
    scope: q.scope,
    kind: q.kind,
    label: q.label,
    prompt: q.prompt,
    optional: q.optional ? '1' : '',
    quickReplies: (q.quickReplies ?? []).join(', '),
    choices: (q.choices ?? []).map((c) => `${c.value} | ${c.label}`).join('\n'),
    min: q.min === undefined ? '' : String(q.min),
    max: q.max === undefined ? '' : String(q.max),
    unit: q.unit ?? '',
    askIf: q.askIf ?? '',
    skipRestIfZero: q.skipRestIfZero ? '1' : '',
    showInDigest: q.showInDigest ? '1' : '',
  }));
}

/** A new question at the end of the draft: the admin fills it in. */
export function blankRow(): QuestionRow {
  return { key: '', scope: 'unit', kind: 'count', label: '', prompt: '', optional: '', quickReplies: '', choices: '', min: '', max: '', unit: '', askIf: '', skipRestIfZero: '', showInDigest: '' };
}

/** The posted form as the title and rows, as typed; a standard indicator keeps its kind and scope whatever was posted. */
export function readEditorForm(form: Readonly<Record<string, string>>): { title: string; rows: QuestionRow[] } {
  const count = Math.min(MAX_EDITOR_QUESTIONS, /^\d{1,3}$/.test(form['so-cau'] ?? '') ? Number(form['so-cau']) : 0);
  const rows: QuestionRow[] = [];
  for (let i = 0; i < count; i += 1) {
    const row = blankRow();
    for (const field of Object.keys(ROW_FIELDS) as (keyof QuestionRow)[]) row[field] = (form[rowField(i, field)] ?? '').slice(0, 2500);
    const standard = STANDARD_INDICATORS.find((s) => s.key === row.key);
    if (standard) Object.assign(row, { kind: standard.kind, scope: standard.scope });
    rows.push(row);
  }
  return { title: (form['tieu-de'] ?? '').slice(0, 200), rows };
}

/** What a button of the editor asks besides saving: add a question, remove or move one. */
export type EditorMove = { kind: 'add' } | { kind: 'remove' | 'up' | 'down'; index: number };

/** The move a pressed button names (`them`, `xoa-3`, `len-3`, `xuong-3`); null: a plain save. */
export function editorMoveOf(action: string | undefined): EditorMove | null {
  if (action === 'them') return { kind: 'add' };
  const m = /^(xoa|len|xuong)-(\d{1,3})$/.exec(action ?? '');
  if (!m) return null;
  return { kind: m[1] === 'xoa' ? 'remove' : m[1] === 'len' ? 'up' : 'down', index: Number(m[2]) };
}

/** The rows after a move; removing a standard indicator does nothing (the page offers no button for it). */
export function applyEditorMove(rows: readonly QuestionRow[], move: EditorMove): QuestionRow[] {
  const next = [...rows];
  if (move.kind === 'add') return next.length >= MAX_EDITOR_QUESTIONS ? next : [...next, blankRow()];
  const i = move.index;
  if (i < 0 || i >= next.length) return next;
  if (move.kind === 'remove') return isStandardKey(next[i]!.key) ? next : next.filter((_, j) => j !== i);
  const j = move.kind === 'up' ? i - 1 : i + 1;
  if (j < 0 || j >= next.length) return next;
  [next[i], next[j]] = [next[j]!, next[i]!];
  return next;
}

/** A problem of one row's field that is not even a question yet (a bound that is not a number). */
export interface RowFieldError {
  row: number;
  field: keyof QuestionRow;
  message: string;
}

/**
 * The rows as questions, for the publish checks; a field that cannot be read (a bound that is not
 * a number, a choice line without a label) is an error of that field, and the question is read without it.
 */
export function questionsOfRows(rows: readonly QuestionRow[]): { questions: Question[]; errors: RowFieldError[] } {
  const errors: RowFieldError[] = [];
  const questions = rows.map((row, i): Question => {
    const number = (field: 'min' | 'max'): number | undefined => {
      const text = row[field].trim().replace(/\./g, '').replace(',', '.');
      if (text === '') return undefined;
      const value = Number(text);
      if (!Number.isFinite(value) || !/^-?\d+(\.\d+)?$/.test(text)) {
        errors.push({ row: i, field, message: t.notANumber });
        return undefined;
      }
      return value;
    };
    const choices: QuestionChoice[] = [];
    for (const line of row.choices.split(/\r?\n/)) {
      if (line.trim() === '') continue;
      const bar = line.indexOf('|');
      const label = (bar < 0 ? line : line.slice(bar + 1)).trim();
      const value = bar < 0 ? slug(label) : line.slice(0, bar).trim() || slug(label);
      if (label === '' || value === '') errors.push({ row: i, field: 'choices', message: t.badChoiceLine(line.trim()) });
      else choices.push({ value, label });
    }
    const quickReplies = row.quickReplies.split(',').map((r) => r.trim()).filter((r) => r !== '');
    const kind = (QUESTION_KINDS as readonly string[]).includes(row.kind) ? (row.kind as QuestionKind) : 'text';
    const min = number('min');
    const max = number('max');
    return {
      key: row.key.trim(),
      scope: row.scope === 'model' ? 'model' : 'unit',
      kind,
      label: row.label.trim(),
      prompt: row.prompt.replace(/\r\n/g, '\n').trim(),
      optional: row.optional === '1',
      ...(quickReplies.length > 0 ? { quickReplies } : {}),
      ...(choices.length > 0 ? { choices } : {}),
      ...(min !== undefined ? { min } : {}),
      ...(max !== undefined ? { max } : {}),
      ...(row.unit.trim() !== '' ? { unit: row.unit.trim() } : {}),
      ...(row.askIf.trim() !== '' ? { askIf: row.askIf.trim() } : {}),
      ...(row.skipRestIfZero === '1' ? { skipRestIfZero: true } : {}),
      ...(row.showInDigest === '1' ? { showInDigest: true } : {}),
    };
  });
  return { questions, errors };
}

/** A choice's stored value from its label: "Đúng kế hoạch" → "dung_ke_hoach". */
function slug(label: string): string {
  return foldVietnamese(label).replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 40);
}

/** One problem shown next to a question: the words, and the field it is about when there is one (marked invalid). */
export interface RowProblem {
  message: string;
  field?: keyof QuestionRow;
}

const PROBLEM_FIELD: Partial<Record<QuestionSetProblem['code'], keyof QuestionRow>> = {
  bad_key: 'key',
  duplicate_key: 'key',
  no_choices: 'choices',
  duplicate_choice: 'choices',
  negative_bound: 'min',
  bounds_reversed: 'min',
  condition_missing: 'askIf',
  condition_later: 'askIf',
  condition_scope: 'askIf',
  condition_kind: 'askIf',
  skip_rest_misplaced: 'skipRestIfZero',
  standard_changed: 'kind',
  button_data_too_long: 'quickReplies',
  too_many_buttons: 'quickReplies',
  field_not_for_kind: 'kind',
};

function fieldOf(p: QuestionSetProblem): keyof QuestionRow | undefined {
  const words = vi.questions.problems;
  if (p.code === 'empty_text') return p.message === words.emptyLabel ? 'label' : 'prompt';
  if (p.code === 'text_too_long') return p.message.startsWith(words.labelTooLong(0, 0).slice(0, 8)) ? 'label' : 'prompt';
  return PROBLEM_FIELD[p.code];
}

/**
 * Every problem for each row (its index), in order: the fields that could not be read and the
 * publish checks' problems (a problem names a question by key or by «câu N»); those that name no
 * question come under `general`.
 */
export function problemsByRow(rows: readonly QuestionRow[], fieldErrors: readonly RowFieldError[], problems: readonly QuestionSetProblem[]): { byRow: Map<number, RowProblem[]>; general: string[]; count: number } {
  const byRow = new Map<number, RowProblem[]>();
  const general: string[] = [];
  const put = (row: number, problem: RowProblem) => byRow.set(row, [...(byRow.get(row) ?? []), problem]);
  for (const e of fieldErrors) put(e.row, { message: e.message, field: e.field });
  const position = vi.questions.problems.position;
  for (const p of problems) {
    const rowsNamed = p.question === null ? [] : rows.flatMap((r, i) => (r.key.trim() === p.question || position(i + 1) === p.question ? [i] : []));
    // A duplicate key is the second one's problem; every other names its question(s).
    const target = p.code === 'duplicate_key' ? rowsNamed.slice(-1) : rowsNamed;
    if (target.length === 0) general.push(p.question && p.code !== 'standard_removed' ? `${p.question}: ${p.message}` : p.message);
    const field = fieldOf(p);
    for (const i of target) put(i, field ? { message: p.message, field } : { message: p.message });
  }
  return { byRow, general, count: fieldErrors.length + problems.length };
}
