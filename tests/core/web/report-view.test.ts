import { describe, expect, it } from 'vitest';
import { diffAnswers, formatAnswer, monthLabel, readQuestions, snapshotAnswers, submissionTone } from '../../../src/core/web/report-view.js';
import { DEFAULT_QUESTION_SET } from '../../../src/core/checkin/question-set.js';

const words = { yes: 'Có', no: 'Không', skipped: '(bỏ qua)', photos: (n: number) => `${n} ảnh` };

describe('report view', () => {
  it('writes answers as the secretary gave them, in Vietnamese', () => {
    expect(formatAnswer(1640, words)).toBe('1.640');
    expect(formatAnswer({ present: 17, total: 19 }, words)).toBe('17/19');
    expect(formatAnswer(true, words)).toBe('Có');
    expect(formatAnswer(null, words)).toBe('(bỏ qua)');
    expect(formatAnswer([{ fileRef: 'a' }, { fileRef: 'b' }], words)).toBe('2 ảnh');
    expect(monthLabel('2026-11-01')).toBe('11/2026');
  });

  it('reads the labels of a stored question set, and none from an unreadable one', () => {
    expect(readQuestions(DEFAULT_QUESTION_SET).find((q) => q.key === 'attendance')?.label).toBe('Đảng viên dự / tổng số');
    expect(readQuestions({ nonsense: 1 })).toEqual([]);
  });

  it('tells what changed between two submitted versions, from the answers or the figures', () => {
    const v1 = { meetingsHeld: 1, membersPresent: 17, membersTotal: 19, models: [{ modelId: 3, activities: 2, participants: 30 }], answers: {} };
    const v2 = { meetingsHeld: 2, membersPresent: 17, membersTotal: 19, models: [{ modelId: 3, activities: 2, participants: 35 }], answers: {} };
    expect(diffAnswers(snapshotAnswers(v1), snapshotAnswers(v2))).toEqual([
      { key: 'meetingsHeld', before: 1, after: 2 },
      { key: 'm0.participants', before: 30, after: 35 },
    ]);
    expect(diffAnswers(snapshotAnswers(v1), snapshotAnswers(v1))).toEqual([]);
  });

  it('colours a month cell by what the figures counted', () => {
    expect(submissionTone({ expected: 3, submitted: 3, onTime: 3, late: 0, notSent: 0 })).toBe('ok');
    expect(submissionTone({ expected: 3, submitted: 3, onTime: 2, late: 1, notSent: 0 })).toBe('warn');
    expect(submissionTone({ expected: 3, submitted: 2, onTime: 2, late: 0, notSent: 1 })).toBe('bad');
    expect(submissionTone({ expected: 0, submitted: 0, onTime: 0, late: 0, notSent: 0 })).toBe('none');
  });
});
