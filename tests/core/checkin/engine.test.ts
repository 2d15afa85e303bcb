import { describe, expect, it } from 'vitest';
import { advance, reopenForEdit, resumeCheckin, startCheckin } from '../../../src/core/checkin/engine.js';
import { QUESTION_SET_V1 } from '../../../src/core/checkin/question-set.js';
import { toReportFigures } from '../../../src/core/checkin/report-figures.js';
import { buildSteps } from '../../../src/core/checkin/steps.js';
import type { AdvanceResult, CheckinContext, CheckinInput, CheckinState } from '../../../src/core/checkin/types.js';

const ctx: CheckinContext = {
  personName: 'Nguyễn Văn A',
  unitName: 'Chi bộ Hạt Kiểm lâm',
  periodLabel: '11/2026',
  month: 11,
  dueLabel: '25/11/2026',
  models: [
    { id: 11, title: 'Trồng cây cà phê tại thôn 4, xã Đăk Pne' },
    { id: 12, title: 'Khảo nghiệm trồng cây Teak trên đất nương rẫy cũ' },
  ],
  // Version 1 of the default set: these scripts test the engine; the default's version 2 is tested in question-sets.test.ts.
  questionSet: QUESTION_SET_V1,
};

const text = (value: string): CheckinInput => ({ type: 'text', text: value });
const tap = (value: string): CheckinInput => ({ type: 'choice', value });

/** Plays a conversation, returning every step's result; the last one is the current state. */
function play(inputs: CheckinInput[], from: AdvanceResult = startCheckin(ctx)): AdvanceResult[] {
  const results = [from];
  for (const input of inputs) results.push(advance(ctx, results.at(-1)!.state, input));
  return results;
}
const last = (results: AdvanceResult[]) => results.at(-1)!;
const lastText = (results: AdvanceResult[]) => last(results).replies.map((r) => r.text).join('\n');

const MODEL_ANSWERS = ['hai', '35 lượt', 'Đúng kế hoạch', 'Trồng thêm 200 cây', 'Không có', 'xong'];
const FULL = [tap('start'), '1', '17/19', 'có', 'Học tập tư tưởng Hồ Chí Minh về tự lực, tự cường', ...MODEL_ANSWERS, ...MODEL_ANSWERS, 'không', 'không có', 'Đề nghị hỗ trợ giống cà phê'];

describe('the monthly check-in conversation', () => {
  it('greets the secretary by name and unit with the period and its due date', () => {
    const { replies } = startCheckin(ctx);
    expect(replies[0]?.text).toBe(
      'Chào đồng chí Nguyễn Văn A, Chi bộ Hạt Kiểm lâm. Đã đến kỳ báo cáo tháng 11/2026 về các mô hình học tập và làm theo Bác (hạn 25/11/2026). Bắt đầu nhé?',
    );
    expect(replies[0]?.choices?.map((c) => c.label)).toEqual(['Bắt đầu', 'Nhắc lại sau', 'Tháng này không có hoạt động']);
  });

  it('goes through unit questions, each model, good deeds and proposals to a summary, then sends', () => {
    const results = play(FULL.map((i) => (typeof i === 'string' ? text(i) : i)));
    expect(last(results).state.phase).toBe('summary');
    const summary = lastText(results);
    expect(summary).toContain('Tóm tắt báo cáo tháng 11/2026 – Chi bộ Hạt Kiểm lâm');
    expect(summary).toContain('Đảng viên dự / tổng số: 17/19 (89,5%)');
    expect(summary).toContain('Mô hình 1. «Trồng cây cà phê tại thôn 4, xã Đăk Pne»');
    expect(summary).toContain('Đề xuất, kiến nghị: Đề nghị hỗ trợ giống cà phê');
    const sent = advance(ctx, last(results).state, tap('submit'));
    expect(sent.event).toBe('submitted');
    expect(sent.state.phase).toBe('submitted');
    const figures = toReportFigures(ctx, sent.state);
    expect(figures).toMatchObject({
      meetingsHeld: 1,
      membersPresent: 17,
      membersTotal: 19,
      themedSessionHeld: true,
      themedSessionSubject: 'Học tập tư tưởng Hồ Chí Minh về tự lực, tự cường',
      difficulties: null,
      proposals: 'Đề nghị hỗ trợ giống cà phê',
      goodDeeds: [],
    });
    expect(figures.models).toEqual([
      {
        modelId: 11, activities: 2, participants: 35, progress: 'on_track', results: 'Trồng thêm 200 cây', difficulties: null, photos: [],
        answers: { activities: 2, participants: 35, progress: 'on_track', results: 'Trồng thêm 200 cây', modelDifficulties: null },
      },
      {
        modelId: 12, activities: 2, participants: 35, progress: 'on_track', results: 'Trồng thêm 200 cây', difficulties: null, photos: [],
        answers: { activities: 2, participants: 35, progress: 'on_track', results: 'Trồng thêm 200 cây', modelDifficulties: null },
      },
    ]);
  });

  it('asks the model question with its position and title', () => {
    const results = play([tap('start'), text('1'), text('17/19'), text('không')]);
    expect(lastText(results)).toBe('Mô hình 1/2 «Trồng cây cà phê tại thôn 4, xã Đăk Pne».\nTháng này có bao nhiêu hoạt động triển khai mô hình?');
  });

  it('skips the themed-session subject when there was no themed session', () => {
    const results = play([tap('start'), text('1'), text('17/19'), tap('ans:no')]);
    expect(last(results).state.answers).not.toHaveProperty('themedSessionSubject');
    expect(lastText(results)).toContain('Mô hình 1/2');
  });

  it('re-prompts in Vietnamese with an example, and stores nothing wrong', () => {
    const atAttendance = play([tap('start'), text('1')]);
    for (const [input, expected] of [
      ['mười chín', 'số có mặt/tổng số'],
      ['20/19', 'không thể nhiều hơn tổng số'],
      ['0/0', 'lớn hơn 0'],
      ['🙂', 'số có mặt/tổng số'],
    ] as const) {
      const result = advance(ctx, last(atAttendance).state, text(input));
      expect(result.state).toEqual(last(atAttendance).state);
      expect(result.replies[0]?.text).toContain(expected);
      expect(result.replies[1]?.text).toContain('Bao nhiêu đảng viên dự');
    }
    const atMeetings = play([tap('start')]);
    expect(advance(ctx, last(atMeetings).state, text('-2')).replies[0]?.text).toContain('không thể âm');
    expect(advance(ctx, last(atMeetings).state, text('500')).replies[0]?.text).toContain('tối đa 31');
    expect(advance(ctx, last(atMeetings).state, { type: 'unsupported' }).replies[0]?.text).toContain('chữ, số và ảnh');
  });

  it('goes back to the previous question and keeps going from there', () => {
    const results = play([tap('start'), text('1'), text('17/19'), tap('back')]);
    expect(lastText(results)).toContain('Bao nhiêu đảng viên dự');
    const corrected = play([text('18/19')], last(results));
    expect(last(corrected).state.answers.attendance).toEqual({ present: 18, total: 19 });
    expect(lastText(corrected)).toContain('sinh hoạt chuyên đề');
  });

  it('lets optional questions be skipped but not required ones', () => {
    const atResults = play([tap('start'), text('1'), text('17/19'), text('không'), text('2'), text('30'), text('chậm')]);
    expect(lastText(atResults)).toContain('Kết quả nổi bật');
    const skipped = advance(ctx, last(atResults).state, tap('skip'));
    expect(skipped.state.answers['m0.results']).toBeNull();
    const atMeetings = play([tap('start')]);
    const refused = advance(ctx, last(atMeetings).state, text('bỏ qua'));
    expect(refused.replies[0]?.text).toBe('Câu này cần trả lời để hoàn thành báo cáo.');
    expect(refused.state).toEqual(last(atMeetings).state);
  });

  it('collects photos, acknowledging an album once', () => {
    const atPhotos = play([tap('start'), text('1'), text('17/19'), text('không'), text('2'), text('30'), text('1'), tap('skip'), text('ko')]);
    expect(lastText(atPhotos)).toContain('Gửi ảnh minh chứng');
    const album = play(
      [
        { type: 'photo', fileRef: 'p1', mediaGroupId: 'g' },
        { type: 'photo', fileRef: 'p2', mediaGroupId: 'g' },
        { type: 'photo', fileRef: 'p2', mediaGroupId: 'g' },
        tap('done'),
      ],
      last(atPhotos),
    );
    expect(album[1]?.replies[0]?.text).toBe('Đã nhận ảnh. Gửi thêm, hoặc bấm «Xong» khi đã gửi hết.');
    expect(album[2]?.replies).toEqual([]);
    // Each new photo asks the service to record it for fetching now; the same photo again does not.
    expect(album.slice(1, 4).map((r) => r.event)).toEqual(['photo', 'photo', undefined]);
    // Each photo keeps its album, into the report's figures.
    expect(last(album).state.answers['m0.photos']).toEqual([{ fileRef: 'p1', mediaGroupId: 'g' }, { fileRef: 'p2', mediaGroupId: 'g' }]);
    expect(last(album).replies[0]?.text).toMatch(/^Đã lưu 2 ảnh\.\n\nMô hình 2\/2 «/);
    // A photo on its own is counted at once.
    const single = play([{ type: 'photo', fileRef: 'p1' }, { type: 'photo', fileRef: 'p2' }], last(atPhotos));
    expect(single.slice(1).map((r) => r.replies[0]?.text)).toEqual(['Đã nhận 1 ảnh. Gửi thêm, hoặc bấm «Xong».', 'Đã nhận 2 ảnh. Gửi thêm, hoặc bấm «Xong».']);
    expect(last(single).state.answers['m0.photos']).toEqual([{ fileRef: 'p1' }, { fileRef: 'p2' }]);
  });

  it('keeps each photo\'s album, beside a single photo and two albums, into the report figures', () => {
    const atPhotos = play([tap('start'), text('1'), text('17/19'), text('không'), text('2'), text('30'), text('1'), tap('skip'), text('ko')]);
    const sent = play(
      [
        { type: 'photo', fileRef: 'a1', mediaGroupId: 'album-A' },
        { type: 'photo', fileRef: 'a2', mediaGroupId: 'album-A' },
        { type: 'photo', fileRef: 'solo' },
        { type: 'photo', fileRef: 'b1', mediaGroupId: 'album-B' },
        tap('done'),
      ],
      last(atPhotos),
    );
    const figures = toReportFigures(ctx, last(sent).state);
    expect(figures.models[0]!.photos).toEqual([
      { fileRef: 'a1', mediaGroupId: 'album-A' },
      { fileRef: 'a2', mediaGroupId: 'album-A' },
      { fileRef: 'solo' },
      { fileRef: 'b1', mediaGroupId: 'album-B' },
    ]);
  });

  it('reads photos stored as bare file references by a check-in started before albums were kept', () => {
    const atPhotos = play([tap('start'), text('1'), text('17/19'), text('không'), text('2'), text('30'), text('1'), tap('skip'), text('ko')]);
    // The state as an older version stored it: file references only.
    const old: CheckinState = { ...last(atPhotos).state, answers: { ...last(atPhotos).state.answers, 'm0.photos': ['old1', 'old2'] } };
    // A photo already kept is still recognised; a new one joins with its album.
    expect(advance(ctx, old, { type: 'photo', fileRef: 'old1' }).replies).toEqual([]);
    const more = play([{ type: 'photo', fileRef: 'new1', mediaGroupId: 'g' }, tap('done')], { state: old, replies: [] });
    expect(last(more).replies[0]?.text).toMatch(/^Đã lưu 3 ảnh\./);
    expect(toReportFigures(ctx, last(more).state).models[0]!.photos).toEqual([{ fileRef: 'old1' }, { fileRef: 'old2' }, { fileRef: 'new1', mediaGroupId: 'g' }]);
    // A photos answer closed before the change (bare references) still makes report figures.
    const closed: CheckinState = { ...old, phase: 'summary' };
    expect(toReportFigures(ctx, closed).models[0]!.photos).toEqual([{ fileRef: 'old1' }, { fileRef: 'old2' }]);
  });

  it('records "nothing happened this month" as a report with no activity', () => {
    const results = play([tap('no_activity')]);
    expect(lastText(results)).toContain('Tháng này không có hoạt động.');
    const sent = advance(ctx, last(results).state, tap('submit'));
    expect(sent.event).toBe('submitted');
    expect(toReportFigures(ctx, sent.state)).toMatchObject({ noActivity: true, meetingsHeld: 0, models: [] });
  });

  it('corrects one answer from the summary and returns to it', () => {
    const done = play(FULL.map((i) => (typeof i === 'string' ? text(i) : i)));
    const list = advance(ctx, last(done).state, tap('edit'));
    expect(list.replies[0]?.choices?.[1]?.label).toBe('2. Đảng viên dự / tổng số');
    const asked = advance(ctx, list.state, text('2'));
    expect(asked.replies[0]?.text).toContain('Bao nhiêu đảng viên dự');
    const back = advance(ctx, asked.state, text('18/19'));
    expect(back.state.phase).toBe('summary');
    expect(back.replies[0]?.text).toContain('18/19');
  });

  it('does not ask attendance when no meeting was held', () => {
    const results = play([tap('start'), text('0')]);
    expect(lastText(results)).toContain('sinh hoạt chuyên đề');
    expect(last(results).state.answers).not.toHaveProperty('attendance');
  });

  it('drops the attendance when the meetings are corrected to 0, and asks it again when corrected back', () => {
    const done = play(FULL.map((i) => (typeof i === 'string' ? text(i) : i)));
    const list = advance(ctx, last(done).state, tap('edit'));
    const asked = advance(ctx, list.state, text('1'));
    expect(asked.replies[0]?.text).toContain('sinh hoạt thường kỳ mấy cuộc');
    const zero = advance(ctx, asked.state, text('0'));
    expect(zero.state.phase).toBe('summary');
    const summary = zero.replies.map((r) => r.text).join('\n');
    expect(summary).toContain('Sinh hoạt thường kỳ (cuộc): 0');
    expect(summary).not.toContain('Đảng viên dự / tổng số');
    expect(zero.state.answers).not.toHaveProperty('attendance');
    // The edit list no longer offers it, and what is sent is what the summary showed.
    const labels = advance(ctx, zero.state, tap('edit')).replies[0]?.choices?.map((c) => c.label) ?? [];
    expect(labels.some((l) => l.includes('Đảng viên dự'))).toBe(false);
    const sent = advance(ctx, zero.state, tap('submit'));
    expect(toReportFigures(ctx, sent.state)).toMatchObject({ meetingsHeld: 0, membersPresent: null, membersTotal: null });
    // Reopened and corrected back to two meetings: attendance is asked, then back to the summary.
    const reopened = reopenForEdit(ctx, sent.state).state;
    const again = advance(ctx, advance(ctx, advance(ctx, reopened, tap('edit')).state, text('1')).state, text('2'));
    expect(again.replies[0]?.text).toContain('Bao nhiêu đảng viên dự');
    const back = advance(ctx, again.state, text('15/19'));
    expect(back.state.phase).toBe('summary');
    expect(toReportFigures(ctx, back.state)).toMatchObject({ meetingsHeld: 2, membersPresent: 15, membersTotal: 19 });
  });

  it('keeps the figures free of attendance for a check-in saved with one beside 0 meetings', () => {
    const saved: CheckinState = { ...last(play([tap('start')])).state, answers: { meetingsHeld: 0, attendance: { present: 18, total: 19 } } };
    expect(toReportFigures(ctx, saved)).toMatchObject({ membersPresent: null, membersTotal: null });
  });

  it('resumes at the same question after a pause, days later', () => {
    const results = play([tap('start'), text('2'), text('/huy')]);
    expect(last(results).event).toBe('paused');
    expect(resumeCheckin(ctx, last(results).state)[0]?.text).toContain('Bao nhiêu đảng viên dự');
  });

  it('reopens a sent report at the summary, answers kept', () => {
    const sent = play([tap('no_activity'), tap('submit')]);
    const reopened = reopenForEdit(ctx, last(sent).state);
    expect(reopened.state.phase).toBe('summary');
    expect(reopened.state.noActivity).toBe(true);
  });

  it('never stores a slash command as an answer: it shows the help and asks again', () => {
    const atSubject = play([tap('start'), text('1'), text('17/19'), text('có')]);
    const result = advance(ctx, last(atSubject).state, text('/xyz'));
    expect(result.state).toEqual(last(atSubject).state);
    expect(result.replies[0]?.text).toContain('/baocao');
    expect(result.replies[1]?.text).toContain('Chủ đề sinh hoạt chuyên đề');
  });

  it('resumes at the summary when the models it was asking about are gone', () => {
    const atSecondModel = play([tap('start'), text('1'), text('17/19'), text('không'), ...MODEL_ANSWERS.map(text)]);
    const fewer = { ...ctx, models: ctx.models.slice(0, 1) };
    const state = { ...last(atSecondModel).state, step: 999 };
    expect(resumeCheckin(fewer, state)[0]?.text).toContain('Tóm tắt báo cáo');
  });

  it('puts off the check-in when asked', () => {
    expect(advance(ctx, startCheckin(ctx).state, tap('snooze')).event).toBe('snoozed');
  });

  it('answers every kind of input in every phase, without throwing', () => {
    const inputs: CheckinInput[] = [text(''), text('x'.repeat(5000)), tap('nonsense'), tap('edit:999'), { type: 'photo', fileRef: 'f' }, { type: 'unsupported' }, tap('back')];
    let state: CheckinState = startCheckin(ctx).state;
    for (const script of [FULL, [tap('start')], [tap('no_activity')]]) {
      for (const input of script) {
        for (const probe of inputs) expect(advance(ctx, state, probe).replies.length + (probe.type === 'photo' ? 1 : 0)).toBeGreaterThan(0);
        state = advance(ctx, state, typeof input === 'string' ? text(input) : input).state;
      }
    }
  });
});

describe('typed answers where a button is expected (issue 20)', () => {
  const atIntro = () => startCheckin(ctx);
  const atSummary = () => {
    const results = play(FULL.map((i) => (typeof i === 'string' ? text(i) : i)));
    expect(last(results).state.phase).toBe('summary');
    return last(results);
  };
  const stepKey = (state: CheckinState) => buildSteps(ctx.questionSet, ctx.models.length)[state.step]?.question.key;

  it.each(['tháng này ko có hoạt động', 'Tháng này không có hoạt động', 'thang nay khong co hoat dong a', 'không có hoạt động gì'])(
    'at the invitation, %j is the no-activity report',
    (input) => {
      const after = advance(ctx, atIntro().state, text(input));
      expect(after.state.phase).toBe('summary');
      expect(after.state.noActivity).toBe(true);
    },
  );

  it.each(['bắt đầu', 'Bắt đầu nhé', 'ok', 'dạ vâng', 'có'])('at the invitation, %j starts the questions', (input) => {
    const after = advance(ctx, atIntro().state, text(input));
    expect(after.state.phase).toBe('asking');
    expect(lastText([after])).toContain('sinh hoạt thường kỳ mấy cuộc');
  });

  it.each(['nhắc lại sau', 'để sau', 'lát nữa nhé'])('at the invitation, %j snoozes', (input) => {
    expect(advance(ctx, atIntro().state, text(input)).event).toBe('snoozed');
  });

  it.each(['abc', 'không', '2', '🙂'])('at the invitation, %j gets a hint with what to type, then the invitation again', (input) => {
    const start = atIntro();
    const after = advance(ctx, start.state, text(input));
    expect(after.state).toEqual(start.state);
    expect(after.replies[0]?.text).toContain('«tháng này không có hoạt động»');
    expect(after.replies.at(-1)?.choices?.map((c) => c.value)).toEqual(['start', 'snooze', 'no_activity']);
  });

  it.each(['ok gửi đi', 'gửi', 'Gửi báo cáo', 'gửi luôn nhé', 'đồng ý'])('at the summary, %j sends the report', (input) => {
    const after = advance(ctx, atSummary().state, text(input));
    expect(after.event).toBe('submitted');
    expect(after.state.phase).toBe('submitted');
  });

  it('at the summary, «sửa lại» opens the list to correct, and anything else gets the hint, not a send', () => {
    expect(advance(ctx, atSummary().state, text('sửa lại')).state.phase).toBe('pick_edit');
    for (const input of ['không gửi', 'chờ chút', 'abc']) {
      const after = advance(ctx, atSummary().state, text(input));
      expect(after.event, input).toBeUndefined();
      expect(after.replies[0]?.text, input).toContain('«Gửi báo cáo»');
    }
  });

  it('typing a button label does what the button does, at any question with buttons', () => {
    const atMeetings = last(play([tap('start')]));
    expect(advance(ctx, atMeetings.state, text('khác')).replies[0]?.text).toBe('Đồng chí gõ số, ví dụ: 4.');
    expect(advance(ctx, atMeetings.state, text('Khác ạ')).replies[0]?.text).toBe('Đồng chí gõ số, ví dụ: 4.');
    const atAttendance = last(play([text('1')], atMeetings));
    expect(stepKey(advance(ctx, atAttendance.state, text('« Quay lại')).state)).toBe('meetingsHeld');
    const atThemed = last(play([text('17/19')], atAttendance));
    expect(advance(ctx, atThemed.state, text('Có')).state.answers.themedSessionHeld).toBe(true);
    const atResults = last(play([text('không'), text('2'), text('30'), text('chậm')], atThemed));
    expect(stepKey(atResults.state)).toBe('results');
    const skipped = advance(ctx, atResults.state, text('Bỏ qua'));
    expect(skipped.state.answers['m0.results']).toBeNull();
    const atDifficulties = skipped;
    expect(advance(ctx, atDifficulties.state, text('không có')).state.answers['m0.modelDifficulties']).toBeNull();
    const atPhotos = advance(ctx, atDifficulties.state, text('không có'));
    expect(stepKey(atPhotos.state)).toBe('photos');
    expect(stepKey(advance(ctx, atPhotos.state, text('Xong')).state)).toBe('activities');
  });

  it('anything not understood gets a short hint with an example before the question, never the question alone', () => {
    const atMeetings = last(play([tap('start')]));
    const atAttendance = last(play([text('1')], atMeetings));
    const atThemed = last(play([text('17/19')], atAttendance));
    const cases: [AdvanceResult, string, string][] = [
      [atMeetings, 'mấy cuộc', 'ví dụ'],
      [atMeetings, '3 – 4', 'ví dụ'],
      [atAttendance, '15/16, vắng 3', 'ví dụ'],
      [atThemed, 'không biết', '«Có» hoặc «Không»'],
    ];
    for (const [at, input, hint] of cases) {
      const after = advance(ctx, at.state, text(input));
      expect(after.state, input).toEqual(at.state);
      expect(after.replies.length, input).toBe(2);
      expect(after.replies[0]?.text, input).toContain(hint);
    }
    // A button from an older message: a hint, then the question.
    const stale = advance(ctx, atThemed.state, tap('submit'));
    expect(stale.replies[0]?.text).toContain('tin nhắn trước');
    expect(stale.replies.at(-1)?.text).toContain('sinh hoạt chuyên đề');
  });
});
