import { BUTTON_DATA_LIMIT, BUTTON_DATA_PREFIX_MAX } from '../button-data.js';
import { arrangeChoices, CHANNEL_CAPABILITIES } from '../channel-capabilities.js';
import { vi } from '../messages/vi.js';
import { questionButtons } from './engine.js';
import { STANDARD_INDICATORS, type Question } from './question-set.js';

/** One reason a set cannot be published: which question (its key, or its position) and why, in words. */
export interface QuestionSetProblem {
  code:
    | 'empty'
    | 'bad_key'
    | 'duplicate_key'
    | 'empty_text'
    | 'no_choices'
    | 'duplicate_choice'
    | 'negative_bound'
    | 'bounds_reversed'
    | 'condition_missing'
    | 'condition_later'
    | 'condition_scope'
    | 'condition_kind'
    | 'skip_rest_misplaced'
    | 'standard_removed'
    | 'standard_changed'
    | 'text_too_long'
    | 'button_data_too_long'
    | 'too_many_buttons'
    | 'field_not_for_kind';
  /** "meetingsHeld", or "câu 3" for a question without a usable key. */
  question: string | null;
  message: string;
}

/** What the «Quay lại» button costs: the longest value a question's own buttons may carry. */
const MAX_VALUE_BYTES = BUTTON_DATA_LIMIT - BUTTON_DATA_PREFIX_MAX;
/** The tightest text limit of the channels people answer on (Zalo's 2,000 characters). */
const TEXT_LIMIT = Math.min(CHANNEL_CAPABILITIES.telegram.textLimit, CHANNEL_CAPABILITIES.zalo.textLimit);
/** Room kept in a prompt for what is filled in when asked ({model}: a model's title). */
const PROMPT_LIMIT = TEXT_LIMIT - 300;
const KEY = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;
const bytes = (text: string) => new TextEncoder().encode(text).length;

/**
 * Every reason a set of questions cannot be published, all at once (an empty list: it can):
 * keys, choices, bounds, conditions on earlier questions of the same scope, the standard
 * indicators kept, and texts and buttons within the channels' limits. Pure, so the command
 * line and the web editor refuse the same sets with the same words.
 */
export function validateQuestionSet(questions: readonly Question[]): QuestionSetProblem[] {
  const p = vi.questions.problems;
  const problems: QuestionSetProblem[] = [];
  const add = (code: QuestionSetProblem['code'], question: string | null, message: string) => problems.push({ code, question, message });
  if (questions.length === 0) add('empty', null, p.empty);
  const firstIndex = new Map<string, number>();
  questions.forEach((q, i) => {
    const name = KEY.test(q.key) ? q.key : p.position(i + 1);
    if (!KEY.test(q.key)) add('bad_key', name, p.badKey(q.key));
    else if (firstIndex.has(q.key)) add('duplicate_key', name, p.duplicateKey(q.key, firstIndex.get(q.key)! + 1, i + 1));
    else firstIndex.set(q.key, i);
    if (q.label.trim() === '') add('empty_text', name, p.emptyLabel);
    if (q.prompt.trim() === '') add('empty_text', name, p.emptyPrompt);
    if (q.prompt.length > PROMPT_LIMIT) add('text_too_long', name, p.promptTooLong(q.prompt.length, PROMPT_LIMIT));
    if (q.label.length > 100) add('text_too_long', name, p.labelTooLong(q.label.length, 100));
    if (q.kind === 'choice' && (q.choices ?? []).length === 0) add('no_choices', name, p.noChoices);
    if (q.kind !== 'choice' && (q.choices ?? []).length > 0) add('field_not_for_kind', name, p.fieldNotForKind('choices', q.kind));
    if (q.unit !== undefined && q.kind !== 'number') add('field_not_for_kind', name, p.fieldNotForKind('unit', q.kind));
    if (q.skipRestIfZero && !(q.scope === 'model' && (q.kind === 'count' || q.kind === 'number'))) add('skip_rest_misplaced', name, p.skipRestMisplaced);
    const seenValues = new Set<string>();
    for (const c of q.choices ?? []) {
      if (seenValues.has(c.value)) add('duplicate_choice', name, p.duplicateChoice(c.value));
      seenValues.add(c.value);
    }
    for (const [field, bound] of [['min', q.min], ['max', q.max]] as const) {
      if (bound !== undefined && (bound < 0 || !Number.isFinite(bound))) add('negative_bound', name, p.negativeBound(field, bound));
    }
    if (q.min !== undefined && q.max !== undefined && q.min > q.max) add('bounds_reversed', name, p.boundsReversed(q.min, q.max));
    if (q.askIf !== undefined) {
      const target = questions.findIndex((other) => other.key === q.askIf);
      const dependsOn = questions[target];
      if (!dependsOn) add('condition_missing', name, p.conditionMissing(q.askIf));
      else if (target >= i) add('condition_later', name, p.conditionLater(q.askIf));
      else if (dependsOn.scope !== q.scope) add('condition_scope', name, p.conditionScope(q.askIf));
      else if (!['yes_no', 'count', 'number'].includes(dependsOn.kind)) add('condition_kind', name, p.conditionKind(q.askIf));
    }
    const buttons = questionButtons(q);
    for (const b of buttons) {
      if (bytes(b.value) > MAX_VALUE_BYTES) add('button_data_too_long', name, p.buttonDataTooLong(b.label, bytes(b.value) - 4, MAX_VALUE_BYTES - 4));
    }
    // Zalo draws five buttons; beyond that number answers are typed, and if even the rest do not fit the choices become a numbered list.
    if (arrangeChoices(CHANNEL_CAPABILITIES.zalo, buttons).numbered.length > 0) {
      add('too_many_buttons', name, p.tooManyButtons(buttons.length, CHANNEL_CAPABILITIES.zalo.maxButtons ?? 0));
    }
  });
  for (const standard of STANDARD_INDICATORS) {
    const q = questions.find((x) => x.key === standard.key);
    if (!q) add('standard_removed', standard.key, p.standardRemoved(standard.key));
    else if (q.kind !== standard.kind || q.scope !== standard.scope) add('standard_changed', standard.key, p.standardChanged(standard.key, standard.kind, standard.scope));
  }
  return problems;
}
