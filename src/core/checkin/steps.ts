import type { Question, QuestionSetDefinition } from './question-set.js';
import type { Answer } from './types.js';

/** One question as asked: a unit-level question, or a model question for one model. */
export interface Step {
  question: Question;
  /** Index into the check-in's model list, for model questions. */
  modelIndex: number | null;
  /**
   * The answer keys that must all open this step ("meetingsHeld", "m0.activities"): its own
   * «ask only if», and for a model question the earlier count of the same model marked «skip the
   * rest when 0».
   */
  conditions: readonly string[];
}

/**
 * Lays the question set out in asking order: the unit questions that come before the first
 * model question, then every model question for each model in turn, then the remaining unit
 * questions. With no models, the model block is simply absent.
 */
export function buildSteps(definition: QuestionSetDefinition, modelCount: number): Step[] {
  const set = withStandardConditions(definition);
  const firstModel = set.questions.findIndex((q) => q.scope === 'model');
  const unit = (q: Question) => q.scope === 'unit';
  const before = (firstModel < 0 ? set.questions : set.questions.slice(0, firstModel)).filter(unit);
  const after = firstModel < 0 ? [] : set.questions.slice(firstModel).filter(unit);
  const perModel = set.questions.filter((q) => q.scope === 'model');
  const unitStep = (question: Question): Step => ({ question, modelIndex: null, conditions: question.askIf ? [question.askIf] : [] });
  const steps: Step[] = before.map(unitStep);
  for (let m = 0; m < modelCount; m += 1) {
    const gates: string[] = [];
    for (const question of perModel) {
      const own = question.askIf ? [`m${m}.${question.askIf}`] : [];
      steps.push({ question, modelIndex: m, conditions: [...gates, ...own] });
      if (question.skipRestIfZero && (question.kind === 'count' || question.kind === 'number')) gates.push(`m${m}.${question.key}`);
    }
  }
  for (const question of after) steps.push(unitStep(question));
  return steps;
}

/**
 * The conditions the standard indicators carry whatever the stored set says (a set stored before
 * they were declared lacks them): attendance is asked only when a meeting was held, since "đảng
 * viên dự / tổng số" of no meeting means nothing and would pull the month's rate down.
 */
function withStandardConditions(set: QuestionSetDefinition): QuestionSetDefinition {
  const has = (key: string) => set.questions.some((q) => q.key === key && q.scope === 'unit');
  if (!has('meetingsHeld') || !has('attendance')) return set;
  return {
    ...set,
    questions: set.questions.map((q) => (q.key === 'attendance' && q.scope === 'unit' && !q.askIf ? { ...q, askIf: 'meetingsHeld' } : q)),
  };
}

/** Whether the answer a conditional question depends on opens it: a yes, or a count above zero. */
export function conditionHolds(answer: Answer | undefined): boolean {
  return answer === true || (typeof answer === 'number' && answer > 0);
}

/** Whether a step is asked with these answers: every condition it has holds. */
export function stepOpen(step: Step, answers: Readonly<Record<string, Answer>>): boolean {
  return step.conditions.every((key) => conditionHolds(answers[key]));
}

/** Where a step's answer is kept: "meetingsHeld", or "m0.activities" for the first model. */
export function answerKey(step: Step): string {
  return step.modelIndex === null ? step.question.key : `m${step.modelIndex}.${step.question.key}`;
}
