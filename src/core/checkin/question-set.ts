/**
 * The check-in questions as data (DESIGN.md §5). A province can store its own version in
 * question_sets; this is version 1, the default. Answers keep the version they were given under,
 * so changing the questions never changes the meaning of an old report.
 */
export type QuestionKind = 'count' | 'number' | 'attendance' | 'yes_no' | 'text' | 'choice' | 'photos';

/** Every kind, in the order an editor offers them. */
export const QUESTION_KINDS: readonly QuestionKind[] = ['count', 'number', 'attendance', 'yes_no', 'choice', 'text', 'photos'];

export interface QuestionChoice {
  value: string;
  label: string;
}

export interface Question {
  /** Stable key the answer is stored under. */
  key: string;
  /** Asked once per report, or once for each registered model. */
  scope: 'unit' | 'model';
  kind: QuestionKind;
  /** Vietnamese prompt; {month}, {model}, {index} and {count} are filled in when asked. */
  prompt: string;
  /** Short name in the summary and the "which answer to correct" list. */
  label: string;
  optional: boolean;
  /** Buttons offered beside free text. */
  quickReplies?: readonly string[];
  choices?: readonly QuestionChoice[];
  /** Lower bound for counts and numbers (default 0): anything below is refused. */
  min?: number;
  /** Upper bound for counts: anything above is refused as implausible. */
  max?: number;
  /** For a number: what it counts ("lớp", "lượt người"), shown after it in the summary and the figures. */
  unit?: string;
  /** Asked only when the answer to this earlier question was yes (yes/no) or above zero (count). */
  askIf?: string;
  /**
   * For a model's count: when it is 0, the rest of that model's questions are skipped (a model
   * with no activity this month has no participants, progress or photos to report).
   */
  skipRestIfZero?: boolean;
  /** Shown in the weekly digest, /tonghop and the review report's section I. */
  showInDigest?: boolean;
}

/**
 * The indicators the roll-ups and the long-run series read by key: they may be reworded, never
 * removed or given another kind or scope (DESIGN.md §5, issue 18).
 */
export const STANDARD_INDICATORS: readonly { key: string; scope: Question['scope']; kind: QuestionKind }[] = [
  { key: 'meetingsHeld', scope: 'unit', kind: 'count' },
  { key: 'attendance', scope: 'unit', kind: 'attendance' },
  { key: 'activities', scope: 'model', kind: 'count' },
  { key: 'participants', scope: 'model', kind: 'count' },
  { key: 'progress', scope: 'model', kind: 'choice' },
];

export interface QuestionSetDefinition {
  version: number;
  title: string;
  questions: readonly Question[];
}

/**
 * Version 1 of the default set, as it was stored before issue 18: kept for the reports answered
 * under it (they read it from the database) and for tests of the engine's own behaviour.
 */
export const QUESTION_SET_V1: QuestionSetDefinition = {
  version: 1,
  title: 'Báo cáo tháng về mô hình học tập và làm theo Bác',
  questions: [
    { key: 'meetingsHeld', label: 'Sinh hoạt thường kỳ (cuộc)', scope: 'unit', kind: 'count', prompt: 'Tháng {month} chi bộ sinh hoạt thường kỳ mấy cuộc?', optional: false, quickReplies: ['0', '1', '2'], max: 31 },
    { key: 'attendance', label: 'Đảng viên dự / tổng số', scope: 'unit', kind: 'attendance', prompt: 'Bao nhiêu đảng viên dự / tổng số? (ví dụ 18/20)', optional: false, max: 5000, askIf: 'meetingsHeld' },
    { key: 'themedSessionHeld', label: 'Sinh hoạt chuyên đề', scope: 'unit', kind: 'yes_no', prompt: 'Tháng này chi bộ có sinh hoạt chuyên đề không?', optional: false },
    { key: 'themedSessionSubject', label: 'Chủ đề chuyên đề', scope: 'unit', kind: 'text', prompt: 'Chủ đề sinh hoạt chuyên đề là gì?', optional: true, askIf: 'themedSessionHeld' },
    { key: 'activities', label: 'Số hoạt động', scope: 'model', kind: 'count', prompt: 'Mô hình {index}/{count} «{model}».\nTháng này có bao nhiêu hoạt động triển khai mô hình?', optional: false, quickReplies: ['0', '1', '2', '3'], max: 100 },
    { key: 'participants', label: 'Lượt người tham gia', scope: 'model', kind: 'count', prompt: 'Tổng số lượt người tham gia?', optional: false, max: 100_000 },
    {
      key: 'progress',
      label: 'Tiến độ',
      scope: 'model',
      kind: 'choice',
      prompt: 'Tiến độ mô hình?',
      optional: false,
      choices: [
        { value: 'on_track', label: 'Đúng kế hoạch' },
        { value: 'delayed', label: 'Chậm' },
        { value: 'paused', label: 'Tạm dừng' },
        { value: 'completed', label: 'Hoàn thành' },
      ],
    },
    { key: 'results', label: 'Kết quả nổi bật', scope: 'model', kind: 'text', prompt: 'Kết quả nổi bật (gõ ngắn gọn, hoặc bấm Bỏ qua)', optional: true },
    { key: 'modelDifficulties', label: 'Khó khăn của mô hình', scope: 'model', kind: 'text', prompt: 'Khó khăn, vướng mắc?', optional: true, quickReplies: ['Không có'] },
    { key: 'photos', label: 'Ảnh minh chứng', scope: 'model', kind: 'photos', prompt: 'Gửi ảnh minh chứng nếu có.', optional: true },
    { key: 'goodDeeds', label: 'Người tốt, việc tốt', scope: 'unit', kind: 'text', prompt: 'Có gương người tốt, việc tốt nào cần ghi nhận? (gõ ngắn gọn: ai, việc gì)', optional: true, quickReplies: ['Không'] },
    { key: 'difficulties', label: 'Khó khăn, vướng mắc chung', scope: 'unit', kind: 'text', prompt: 'Khó khăn, vướng mắc chung của chi bộ?', optional: true, quickReplies: ['Không có'] },
    { key: 'proposals', label: 'Đề xuất, kiến nghị', scope: 'unit', kind: 'text', prompt: 'Đề xuất, kiến nghị với cấp trên?', optional: true, quickReplies: ['Không có'] },
  ],
};

/** A themed session's attendance: took part / invited («77/85 cán bộ chủ chốt, đạt 91%»). */
const THEMED_ATTENDANCE: Question = {
  key: 'themedAttendance', label: 'Dự chuyên đề / được mời', scope: 'unit', kind: 'attendance',
  prompt: 'Buổi chuyên đề có bao nhiêu người dự / số được mời? (ví dụ 77/85)', optional: false, max: 100_000, askIf: 'themedSessionHeld', showInDigest: true,
};

/**
 * The default set, version 2 (issue 18): version 1 with a themed session's attendance, and a
 * model with no activity this month skipping the rest of its questions (a unit with 6 idle
 * models answers 6 taps, not 36).
 */
export const DEFAULT_QUESTION_SET: QuestionSetDefinition = {
  version: 2,
  title: QUESTION_SET_V1.title,
  questions: QUESTION_SET_V1.questions.flatMap((q) =>
    q.key === 'themedSessionSubject' ? [q, THEMED_ATTENDANCE] : q.key === 'activities' ? [{ ...q, skipRestIfZero: true }] : [q],
  ),
};
