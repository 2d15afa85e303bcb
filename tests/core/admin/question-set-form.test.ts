import { describe, expect, it } from 'vitest';
import { applyEditorMove, editorMoveOf, problemsByRow, questionsOfRows, readEditorForm, rowField, rowsOfSet } from '../../../src/core/admin/question-set-form.js';
import { DEFAULT_QUESTION_SET } from '../../../src/core/checkin/question-set.js';
import { toQuestionSetFile } from '../../../src/core/checkin/question-set-schema.js';
import { validateQuestionSet } from '../../../src/core/checkin/validate-question-set.js';

const file = toQuestionSetFile(DEFAULT_QUESTION_SET);

describe('the question-set editor\'s form', () => {
  it('round-trips a set through its rows unchanged', () => {
    expect(questionsOfRows(rowsOfSet(file))).toEqual({ questions: file.questions, errors: [] });
  });

  it('moves rows, adds a blank one, and never removes a standard indicator', () => {
    const rows = rowsOfSet(file);
    expect(editorMoveOf('len-3')).toEqual({ kind: 'up', index: 3 });
    expect(editorMoveOf('luu')).toBeNull();
    expect(applyEditorMove(rows, { kind: 'up', index: 3 }).map((r) => r.key).slice(2, 4)).toEqual([rows[3]!.key, rows[2]!.key]);
    expect(applyEditorMove(rows, { kind: 'up', index: 0 })).toEqual(rows);
    expect(applyEditorMove(rows, { kind: 'remove', index: 0 })).toEqual(rows);
    expect(applyEditorMove(rows, { kind: 'remove', index: 3 })).toHaveLength(rows.length - 1);
    expect(applyEditorMove(rows, { kind: 'add' }).at(-1)!.key).toBe('');
  });

  it('keeps a standard indicator\'s kind and scope whatever was posted, and reads choices and bounds as typed', () => {
    const form: Record<string, string> = { 'so-cau': '2', [rowField(0, 'key')]: 'meetingsHeld', [rowField(0, 'kind')]: 'text', [rowField(0, 'scope')]: 'model' };
    Object.assign(form, { [rowField(1, 'key')]: 'level', [rowField(1, 'kind')]: 'choice', [rowField(1, 'choices')]: 'tot | Tốt\nKhá\n | \nx |', [rowField(1, 'max')]: '1.000', [rowField(1, 'min')]: 'hai' });
    const { rows } = readEditorForm(form);
    expect(rows[0]).toMatchObject({ kind: 'count', scope: 'unit' });
    const read = questionsOfRows(rows);
    expect(read.questions[1]).toMatchObject({ choices: [{ value: 'tot', label: 'Tốt' }, { value: 'kha', label: 'Khá' }], max: 1000 });
    expect(read.errors.map((e) => e.field)).toEqual(['choices', 'choices', 'min']);
  });

  it('places every problem next to its question, a duplicate key on the second one', () => {
    const rows = rowsOfSet(file);
    rows[9] = { ...rows[9]!, key: rows[8]!.key };
    const placed = problemsByRow(rows, [], validateQuestionSet(questionsOfRows(rows).questions));
    expect([...placed.byRow.keys()]).toEqual([9]);
    expect(placed.byRow.get(9)![0]).toMatchObject({ field: 'key' });
    expect(placed.general).toEqual([]);
  });
});
