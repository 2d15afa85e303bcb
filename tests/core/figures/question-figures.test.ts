import { describe, expect, it } from 'vitest';
import type { QuestionSetDefinition } from '../../../src/core/checkin/question-set.js';
import { aggregateAnswers, describeFigure, digestLines, reviewSentences } from '../../../src/core/figures/question-figures.js';

const V1: QuestionSetDefinition = {
  version: 1,
  title: 'v1',
  questions: [
    { key: 'classes', label: 'Lớp chuyên đề', scope: 'unit', kind: 'number', unit: 'lớp', prompt: '?', optional: false, showInDigest: true },
    { key: 'held', label: 'Có chuyên đề', scope: 'unit', kind: 'yes_no', prompt: '?', optional: false, showInDigest: true },
    { key: 'themed', label: 'Dự chuyên đề', scope: 'unit', kind: 'attendance', prompt: '?', optional: false, showInDigest: true },
    { key: 'mood', label: 'Đánh giá', scope: 'model', kind: 'choice', prompt: '?', optional: false, choices: [{ value: 'good', label: 'Tốt' }, { value: 'fair', label: 'Khá' }] },
    { key: 'note', label: 'Ghi chú', scope: 'unit', kind: 'text', prompt: '?', optional: true },
  ],
};
const V2: QuestionSetDefinition = { ...V1, version: 2, questions: [{ ...V1.questions[0]!, label: 'Số lớp học tập chuyên đề' }] };

describe('the figures of every question', () => {
  it('sums numbers across versions, counts yes of units, adds attendance, distributes choices and lists texts, in the Vietnamese way', () => {
    const figures = aggregateAnswers(new Map([[1, V1], [2, V2]]), [
      { questionSetId: 1, unitName: 'Chi bộ A', answers: { classes: 1200, held: true, themed: { present: 40, total: 45 }, note: 'Tốt' }, models: [{ mood: 'good' }, { mood: 'fair' }] },
      { questionSetId: 1, unitName: 'Chi bộ B', answers: { classes: 440, held: false, themed: { present: 37, total: 40 }, note: null }, models: [{ mood: 'good' }] },
      { questionSetId: 2, unitName: 'Chi bộ C', answers: { classes: 0 }, models: [] },
      // A damaged or foreign answer is left out, never read as a number.
      { questionSetId: 1, unitName: 'Chi bộ D', answers: { classes: '12', themed: { present: 'x' } }, models: ['bad'] },
    ]);
    const byKey = new Map(figures.map((f) => [f.key, f]));
    expect(describeFigure(byKey.get('classes')!)).toBe('1.640 lớp');
    expect(byKey.get('classes')!.label).toBe('Số lớp học tập chuyên đề');
    expect(describeFigure(byKey.get('held')!)).toBe('1/2 đơn vị có');
    expect(describeFigure(byKey.get('themed')!)).toBe('77/85 (90,6%)');
    expect(describeFigure(byKey.get('mood')!)).toBe('Tốt 2, Khá 1');
    expect(byKey.get('note')).toMatchObject({ kind: 'text', texts: [{ unitName: 'Chi bộ A', text: 'Tốt' }] });
    expect(digestLines(figures)).toEqual(['• Số lớp học tập chuyên đề: 1.640 lớp', '• Có chuyên đề: 1/2 đơn vị có', '• Dự chuyên đề: 77/85 (90,6%)']);
    expect(reviewSentences(figures)[0]).toBe('Số lớp học tập chuyên đề: 1.640 lớp.');
  });
});
