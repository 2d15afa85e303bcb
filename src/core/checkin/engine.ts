import { decodeButtonValue, encodeButtonValue } from '../button-data.js';
import { CHANNEL_CAPABILITIES } from '../channel-capabilities.js';
import { vi } from '../messages/vi.js';
import { splitText } from '../split-text.js';
import { cleanText, foldVietnamese } from '../text.js';
import { isBack, isDone, isLater, isNoActivity, isNone, isSend, isSkip, labelKey, parseAttendance, parseChoice, parseCount, parseYesNo, type Parsed } from './parse-answer.js';
import type { Question } from './question-set.js';
import { answerKey, buildSteps, stepOpen, type Step } from './steps.js';
import { renderSummary, renderEditList } from './summary.js';
import { readPhotos } from './photos.js';
import type { AdvanceResult, Answer, CheckinContext, CheckinInput, CheckinState, ChoiceButton, PhotoRef, Reply } from './types.js';

const MAX_TEXT = 1000;
const B = vi.checkin.buttons;
const t = vi.checkin;

/** A new check-in, waiting at the invitation («Bắt đầu» / «Nhắc lại sau» / nothing this month). */
export function startCheckin(ctx: CheckinContext): AdvanceResult {
  const state: CheckinState = { phase: 'intro', step: 0, trail: [], answers: {}, noActivity: false, editing: false, lastMediaGroup: null };
  return { state, replies: [introReply(ctx)] };
}

/** Re-asks whatever the conversation is waiting for: used when a secretary comes back days later. */
export function resumeCheckin(ctx: CheckinContext, state: CheckinState): Reply[] {
  switch (state.phase) {
    case 'intro':
      return [introReply(ctx)];
    case 'asking':
      // The model list can shrink between sessions; a step past the end means the answers are complete.
      return stepsOf(ctx)[state.step] ? [ask(ctx, state)] : summaryReplies(ctx, state);
    case 'summary':
      return summaryReplies(ctx, state);
    case 'pick_edit':
      return [editListReply(ctx, state)];
    case 'submitted':
      return [{ text: t.alreadySubmitted }];
  }
}

/** Opens a sent report for correction: back to the summary, answers kept. */
export function reopenForEdit(ctx: CheckinContext, state: CheckinState): AdvanceResult {
  const next: CheckinState = { ...state, phase: 'summary', editing: false };
  return { state: next, replies: summaryReplies(ctx, next) };
}

/**
 * The check-in engine: given the state and what the person sent, the next state and the replies.
 * Pure and deterministic; every input gets an answer, and nothing invalid enters the state.
 */
export function advance(ctx: CheckinContext, state: CheckinState, input: CheckinInput): AdvanceResult {
  const text = input.type === 'text' ? input.text : input.type === 'choice' ? input.value : '';
  if (input.type === 'text' && /^\/(huy|dung)\b/i.test(text.trim())) return { state, replies: [{ text: t.paused }], event: 'paused' };
  // Any other slash command is never an answer: it gets the help, and the question again.
  if (input.type === 'text' && /^\/[A-Za-z]/.test(text.trim())) return { state, replies: [{ text: t.help }, ...resumeCheckin(ctx, state)] };
  switch (state.phase) {
    case 'intro':
      return onIntro(ctx, state, input);
    case 'asking':
      return onAnswer(ctx, state, input);
    case 'summary':
      return onSummary(ctx, state, input);
    case 'pick_edit':
      return onPickEdit(ctx, state, input);
    case 'submitted':
      return { state, replies: [{ text: t.alreadySubmitted }] };
  }
}

function onIntro(ctx: CheckinContext, state: CheckinState, input: CheckinInput): AdvanceResult {
  const value = typedButton(input, introReply(ctx).choices) ?? choiceOrText(input);
  const typed = input.type === 'text' ? input.text : null;
  // "tháng này ko có hoạt động" before "ko" alone could be read as a no to «Bắt đầu nhé?».
  if (value === 'no_activity' || (typed !== null && isNoActivity(typed))) {
    const next: CheckinState = { ...state, phase: 'summary', noActivity: true };
    return { state: next, replies: summaryReplies(ctx, next) };
  }
  if (value === 'start' || (typed !== null && (labelKey(typed) === 'bat dau' || parseYesNo(typed) === true))) {
    const first = nextStep(ctx, state, -1);
    const next: CheckinState = { ...state, phase: first === null ? 'summary' : 'asking', step: first ?? 0 };
    return { state: next, replies: first === null ? summaryReplies(ctx, next) : [ask(ctx, next)] };
  }
  if (value === 'snooze' || (typed !== null && isLater(typed))) return { state, replies: [{ text: t.snoozed }], event: 'snoozed' };
  return { state, replies: [{ text: t.reprompt.intro }, introReply(ctx)] };
}

function onAnswer(ctx: CheckinContext, state: CheckinState, input: CheckinInput): AdvanceResult {
  const steps = stepsOf(ctx);
  const step = steps[state.step];
  if (!step) return toSummary(ctx, state);
  // A button's label typed out ("khác", "bỏ qua", "Không có") does what tapping it does.
  const pressed = typedButton(input, ask(ctx, state).choices);
  if (pressed !== null) input = { type: 'choice', value: pressed };
  const raw = input.type === 'choice' ? input.value : input.type === 'text' ? input.text : '';

  if (input.type === 'choice' && raw === 'back') return goBack(ctx, state);
  if (input.type === 'text' && isBack(raw)) return goBack(ctx, state);
  if (input.type === 'choice' && raw === 'other') return { state, replies: [{ text: t.typeANumber }] };
  if ((input.type === 'choice' && raw === 'skip') || (input.type === 'text' && isSkip(raw))) {
    if (!step.question.optional) return { state, replies: [{ text: t.reprompt.required }, ask(ctx, state)] };
    // At the photo step, moving on keeps the photos already sent: onPhoto records them.
    if (step.question.kind !== 'photos') return record(ctx, state, step, null);
  }
  if (step.question.kind === 'photos') return onPhoto(ctx, state, step, input);
  if (input.type === 'photo' || input.type === 'unsupported') return reprompt(ctx, state, t.reprompt.unsupported);
  // A button from an older message (the invitation, the summary, another question) is not an
  // answer to this one: ask this question again rather than store the button's token.
  if (input.type === 'choice' && !ask(ctx, state).choices?.some((c) => c.value === raw)) return reprompt(ctx, state, t.reprompt.staleButton);

  const tapped = input.type === 'choice' ? decodeButtonValue(raw) : null;
  const value = tapped?.kind === 'answer' ? tapped.answer : raw;
  const parsed = readAnswer(step.question, value);
  if (!parsed.ok) return reprompt(ctx, state, parsed.message);
  return record(ctx, state, step, parsed.value);
}

function onPhoto(ctx: CheckinContext, state: CheckinState, step: Step, input: CheckinInput): AdvanceResult {
  const key = answerKey(step);
  // Each photo keeps the album it came in; a state stored before that holds bare file references.
  const photos = readPhotos(state.answers[key]);
  if (input.type === 'photo') {
    if (photos.some((p) => p.fileRef === input.fileRef)) return { state, replies: [] };
    const photo: PhotoRef = input.mediaGroupId !== undefined ? { fileRef: input.fileRef, mediaGroupId: input.mediaGroupId } : { fileRef: input.fileRef };
    const next: CheckinState = {
      ...state,
      answers: { ...state.answers, [key]: [...photos, photo] },
      lastMediaGroup: input.mediaGroupId ?? null,
    };
    // One acknowledgement per album, not one per photo in it; its photos come one by one, so it
    // names no count (the count comes with «Xong»).
    if (input.mediaGroupId !== undefined && input.mediaGroupId === state.lastMediaGroup) return { state: next, replies: [], event: 'photo' };
    const text = input.mediaGroupId !== undefined ? t.albumReceived : t.photoReceived(photos.length + 1);
    return { state: next, replies: [{ text, choices: [{ label: B.done, value: 'done' }] }], event: 'photo' };
  }
  const value = choiceOrText(input);
  if (value === 'done' || isDone(value) || isNone(value) || value === 'skip' || isSkip(value)) {
    if (photos.length === 0) return record(ctx, state, step, null);
    // The next question says how many photos were kept, in the same message.
    const recorded = record(ctx, state, step, photos);
    const [first, ...rest] = recorded.replies;
    return { ...recorded, replies: first ? [{ ...first, text: `${t.photosSaved(photos.length)}\n\n${first.text}` }, ...rest] : recorded.replies };
  }
  return reprompt(ctx, state, t.reprompt.photo);
}

function onSummary(ctx: CheckinContext, state: CheckinState, input: CheckinInput): AdvanceResult {
  const value = typedButton(input, SUMMARY_CHOICES) ?? choiceOrText(input);
  const typed = input.type === 'text' ? input.text : null;
  if (value === 'submit' || (typed !== null && isSend(typed))) {
    const next: CheckinState = { ...state, phase: 'submitted', editing: false };
    return { state: next, replies: [{ text: t.submitted(ctx.periodLabel, ctx.dueLabel) }], event: 'submitted' };
  }
  if (value === 'edit' || (typed !== null && ['sua', 'sua lai', 'chinh sua', 'sua bao cao'].includes(labelKey(typed)))) {
    const next: CheckinState = { ...state, phase: 'pick_edit' };
    return { state: next, replies: [editListReply(ctx, next)] };
  }
  return { state, replies: [{ text: t.reprompt.summary }, ...summaryReplies(ctx, state)] };
}

function onPickEdit(ctx: CheckinContext, state: CheckinState, input: CheckinInput): AdvanceResult {
  const value = typedButton(input, editListReply(ctx, state).choices) ?? choiceOrText(input);
  if (value === 'summary' || value === 'back' || isBack(value)) return toSummary(ctx, state);
  if (value === 'no_activity_off') {
    const first = nextStep(ctx, { ...state, noActivity: false }, -1);
    const next: CheckinState = { ...state, noActivity: false, phase: first === null ? 'summary' : 'asking', step: first ?? 0, editing: false };
    return { state: next, replies: first === null ? summaryReplies(ctx, next) : [ask(ctx, next)] };
  }
  const steps = stepsOf(ctx);
  const askable = askableSteps(ctx, state);
  // A button carries the step index; a typed number is the position in the list shown.
  const tapped = value.startsWith('edit:') ? decodeButtonValue(value) : null;
  const index = tapped ? (tapped.kind === 'edit' ? tapped.step : NaN) : /^\d+$/.test(value) ? (askable[Number(value) - 1] ?? NaN) : NaN;
  if (!Number.isInteger(index) || !askable.includes(index) || !steps[index]) {
    return { state, replies: [{ text: t.reprompt.pickEdit }, editListReply(ctx, state)] };
  }
  const next: CheckinState = { ...state, phase: 'asking', step: index, editing: true, trail: [] };
  return { state: next, replies: [ask(ctx, next)] };
}

/** Stores an answer and moves on: the next step, or the summary when done (or when correcting). */
function record(ctx: CheckinContext, state: CheckinState, step: Step, value: Answer): AdvanceResult {
  const answers = withoutClosedAnswers(stepsOf(ctx), { ...state.answers, [answerKey(step)]: value });
  const updated: CheckinState = { ...state, answers, lastMediaGroup: null };
  const following = nextStep(ctx, updated, state.step);
  // Correcting from the summary returns there, unless the change opens a follow-up question not answered yet.
  const followUp = following === null ? undefined : stepsOf(ctx)[following];
  const opensFollowUp = followUp !== undefined && followUp.conditions.includes(answerKey(step)) && stepOpen(followUp, answers) && answers[answerKey(followUp)] === undefined;
  if (following === null || (state.editing && !opensFollowUp)) return toSummary(ctx, updated);
  const next: CheckinState = { ...updated, phase: 'asking', step: following, trail: [...state.trail, state.step] };
  return { state: next, replies: [ask(ctx, next)] };
}

function goBack(ctx: CheckinContext, state: CheckinState): AdvanceResult {
  if (state.editing) return toSummary(ctx, state);
  const trail = [...state.trail];
  const previous = trail.pop();
  if (previous === undefined) {
    const next: CheckinState = { ...state, phase: 'intro', trail: [] };
    return { state: next, replies: [introReply(ctx)] };
  }
  const next: CheckinState = { ...state, step: previous, trail };
  return { state: next, replies: [ask(ctx, next)] };
}

function toSummary(ctx: CheckinContext, state: CheckinState): AdvanceResult {
  const next: CheckinState = { ...state, phase: 'summary', editing: false, trail: [] };
  return { state: next, replies: summaryReplies(ctx, next) };
}

function reprompt(ctx: CheckinContext, state: CheckinState, message: string): AdvanceResult {
  return { state, replies: [{ text: message }, ask(ctx, state)] };
}

/**
 * The answers without those whose condition no longer holds: a meeting count corrected to 0
 * drops the attendance, a themed session corrected to «Không» drops its subject. So the summary,
 * the stored report and a later correction all see the same answers.
 */
function withoutClosedAnswers(steps: readonly Step[], answers: Record<string, Answer>): Record<string, Answer> {
  let kept = answers;
  for (const step of steps) {
    const key = answerKey(step);
    if (stepOpen(step, kept) || !(key in kept)) continue;
    const { [key]: _dropped, ...rest } = kept;
    kept = rest;
  }
  return kept;
}

/** The index of the next step to ask after `from`, skipping conditional ones whose condition is not met. */
function nextStep(ctx: CheckinContext, state: CheckinState, from: number): number | null {
  if (state.noActivity) return null;
  const steps = stepsOf(ctx);
  for (let i = from + 1; i < steps.length; i += 1) {
    if (stepOpen(steps[i]!, state.answers)) return i;
  }
  return null;
}

/** The steps a person may correct: every step whose condition holds. */
function askableSteps(ctx: CheckinContext, state: CheckinState): number[] {
  if (state.noActivity) return [];
  return stepsOf(ctx).flatMap((step, i) => {
    return stepOpen(step, state.answers) ? [i] : [];
  });
}

const stepCache = new WeakMap<CheckinContext, Step[]>();
function stepsOf(ctx: CheckinContext): Step[] {
  let steps = stepCache.get(ctx);
  if (!steps) {
    steps = buildSteps(ctx.questionSet, ctx.models.length);
    stepCache.set(ctx, steps);
  }
  return steps;
}

function readAnswer(question: Question, value: string): { ok: true; value: Answer } | { ok: false; message: string } {
  const max = question.max ?? 100_000;
  switch (question.kind) {
    case 'count':
    case 'number': {
      const unreadable = question.kind === 'number' && question.unit ? t.reprompt.number(question.unit) : t.reprompt.count;
      const parsed = explain(parseCount(value, max), max, unreadable);
      if (parsed.ok && question.min !== undefined && (parsed.value as number) < question.min) return { ok: false, message: t.reprompt.tooSmall(question.min) };
      return parsed;
    }
    case 'attendance':
      return explain(parseAttendance(value, max), max, t.reprompt.attendance);
    case 'yes_no': {
      const answer = value === 'yes' ? true : value === 'no' ? false : parseYesNo(value);
      return answer === null ? { ok: false, message: t.reprompt.yesNo } : { ok: true, value: answer };
    }
    case 'choice': {
      const choices = question.choices ?? [];
      const picked = parseChoice(value, choices, PROGRESS_SYNONYMS);
      return picked === null ? { ok: false, message: t.reprompt.choice(choices.map((c) => c.label)) } : { ok: true, value: picked };
    }
    case 'text': {
      if (isNone(value)) return { ok: true, value: null };
      const cleaned = cleanText(value);
      if (cleaned === '') return { ok: false, message: t.reprompt.textEmpty };
      if (cleaned.length > MAX_TEXT) return { ok: false, message: t.reprompt.textTooLong(MAX_TEXT) };
      return { ok: true, value: cleaned };
    }
    case 'photos':
      return { ok: false, message: t.reprompt.photo };
  }
}

// Not "dung": folded, «đúng» (on track) and «dừng» (stopped) are the same word, so it is asked again.
const PROGRESS_SYNONYMS: Record<string, readonly string[]> = {
  on_track: ['tot', 'binh thuong', 'on', 'dung tien do', 'theo ke hoach'],
  delayed: ['cham tien do', 'tre', 'cham so voi ke hoach'],
  paused: ['tam ngung', 'ngung'],
  completed: ['xong', 'da xong', 'da hoan thanh', 'hoan tat'],
};

function explain<T extends Answer>(
  parsed: Parsed<T>,
  max: number,
  unreadable: string,
): { ok: true; value: Answer } | { ok: false; message: string } {
  if (parsed.ok) return { ok: true, value: parsed.value };
  const r = t.reprompt;
  const messages = {
    unreadable,
    negative: r.negative,
    too_large: r.tooLarge(max),
    present_above_total: r.presentAboveTotal,
    zero_total: r.zeroTotal,
  } as const;
  return { ok: false, message: messages[parsed.reason] };
}

/**
 * The token of the button whose label was typed ("Bắt đầu", "khác", "« Quay lại" as "quay lại ạ"),
 * so typing a label does what tapping it does; null for other input.
 */
function typedButton(input: CheckinInput, choices: readonly ChoiceButton[] | undefined): string | null {
  if (input.type !== 'text' || !choices) return null;
  const key = labelKey(input.text);
  if (key === '') return null;
  return choices.find((choice) => keyOfLabel(choice.label) === key)?.value ?? null;
}

/** Button labels come from a short list (the catalogue, the question set, model titles): their keys are kept. */
const labelKeys = new Map<string, string>();
function keyOfLabel(label: string): string {
  let key = labelKeys.get(label);
  if (key === undefined) {
    key = labelKey(label);
    if (labelKeys.size > 2000) labelKeys.clear();
    labelKeys.set(label, key);
  }
  return key;
}

/** A button's token as it is, or typed text folded ("Bắt đầu" → "bat dau") to compare with words. */
function choiceOrText(input: CheckinInput): string {
  if (input.type === 'choice') return input.value;
  if (input.type === 'text') return foldVietnamese(input.text);
  return '';
}

function introReply(ctx: CheckinContext): Reply {
  return {
    text: t.intro({ person: ctx.personName, unit: ctx.unitName, period: ctx.periodLabel, due: ctx.dueLabel }),
    choices: [
      { label: B.start, value: 'start' },
      { label: B.snooze, value: 'snooze' },
      { label: B.noActivity, value: 'no_activity' },
    ],
  };
}

/** The question of the current step, with its buttons. */
function ask(ctx: CheckinContext, state: CheckinState): Reply {
  const step = stepsOf(ctx)[state.step]!;
  const q = step.question;
  const model = step.modelIndex === null ? undefined : ctx.models[step.modelIndex];
  const text = q.prompt
    .replace('{month}', String(ctx.month))
    .replace('{model}', model?.title ?? '')
    .replace('{index}', String((step.modelIndex ?? 0) + 1))
    .replace('{count}', String(ctx.models.length));
  return { text, choices: questionButtons(q) };
}

/**
 * The buttons a question is asked with, in order: its choices or quick replies, «Khác», «Bỏ
 * qua» or «Xong», «Quay lại». The publish checks (validate-question-set) count and measure
 * exactly these, so a set that passes them draws within every channel's limits.
 */
export function questionButtons(q: Question): ChoiceButton[] {
  const choices: ChoiceButton[] = [];
  const answer = (a: string) => encodeButtonValue({ kind: 'answer', answer: a });
  if (q.kind === 'choice') for (const c of q.choices ?? []) choices.push({ label: c.label, value: answer(c.value) });
  if (q.kind === 'yes_no') choices.push({ label: B.yes, value: answer('yes') }, { label: B.no, value: answer('no') });
  for (const quick of q.quickReplies ?? []) choices.push({ label: quick, value: answer(quick) });
  if ((q.kind === 'count' || q.kind === 'number') && q.quickReplies) choices.push({ label: B.other, value: 'other' });
  if (q.kind === 'photos') choices.push({ label: B.done, value: 'done' });
  else if (q.optional && !(q.quickReplies ?? []).some((r) => isNone(r))) choices.push({ label: B.skip, value: 'skip' });
  choices.push({ label: B.back, value: 'back' });
  return choices;
}

const SUMMARY_CHOICES: readonly ChoiceButton[] = [
  { label: B.submit, value: 'submit' },
  { label: B.edit, value: 'edit' },
];

/** The longest text one message carries on every channel: the smallest channel limit (Zalo's 2000, DESIGN.md §7). */
const MAX_MESSAGE = Math.min(...Object.values(CHANNEL_CAPABILITIES).map((c) => c.textLimit));

/** The summary in as many messages as its length needs (long answers add up); buttons on the last. */
function summaryReplies(ctx: CheckinContext, state: CheckinState): Reply[] {
  const parts = splitText(renderSummary(ctx, state, stepsOf(ctx)), MAX_MESSAGE);
  const choices = SUMMARY_CHOICES;
  return parts.map((text, i) => (i === parts.length - 1 ? { text, choices } : { text }));
}

function editListReply(ctx: CheckinContext, state: CheckinState): Reply {
  const steps = stepsOf(ctx);
  const items = askableSteps(ctx, state).map((i) => ({ index: i, step: steps[i]! }));
  const choices: ChoiceButton[] = items.map(({ index, step }, n) => ({
    label: `${n + 1}. ${step.modelIndex === null ? '' : `MH${step.modelIndex + 1}: `}${step.question.label}`,
    value: encodeButtonValue({ kind: 'edit', step: index }),
  }));
  if (state.noActivity) choices.push({ label: vi.checkin.buttons.start, value: 'no_activity_off' });
  choices.push({ label: B.backToSummary, value: 'summary' });
  return { text: renderEditList(), choices };
}
