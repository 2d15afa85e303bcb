import { formatCount, formatPercent } from '../format.js';
import { vi } from '../messages/vi.js';
import { answerKey, stepOpen, type Step } from './steps.js';
import type { Answer, CheckinContext, CheckinState } from './types.js';

const t = vi.checkin;

/**
 * The summary a secretary checks before sending: every answer under its short label, models
 * grouped, in the order they were asked. Skipped conditional questions are left out.
 */
export function renderSummary(ctx: CheckinContext, state: CheckinState, steps: readonly Step[]): string {
  const lines = [t.summaryTitle(ctx.periodLabel, ctx.unitName)];
  if (state.noActivity) {
    lines.push(t.noActivityNote);
    return lines.join('\n');
  }
  let currentModel: number | null = null;
  for (const step of steps) {
    if (!stepOpen(step, state.answers)) continue;
    if (step.modelIndex !== null && step.modelIndex !== currentModel) {
      currentModel = step.modelIndex;
      lines.push('', t.modelHeading(step.modelIndex + 1, ctx.models[step.modelIndex]?.title ?? ''));
    } else if (step.modelIndex === null && currentModel !== null) {
      currentModel = null;
      lines.push('');
    }
    lines.push(`• ${step.question.label}: ${describeAnswer(step, state.answers[answerKey(step)])}`);
  }
  return lines.join('\n');
}

/** The heading of the "which answer to correct" list (the items are its buttons). */
export function renderEditList(): string {
  return t.pickEditTitle;
}

/** An answer as a person reads it in the summary. */
export function describeAnswer(step: Step, answer: Answer | undefined): string {
  if (answer === undefined) return t.skipped;
  if (answer === null) return step.question.kind === 'text' ? t.none : t.skipped;
  if (typeof answer === 'boolean') return answer ? t.yes : t.no;
  if (typeof answer === 'number') return step.question.kind === 'number' && step.question.unit ? `${formatCount(answer)} ${step.question.unit}` : String(answer);
  if (typeof answer === 'string') {
    const choice = step.question.choices?.find((c) => c.value === answer);
    return choice ? choice.label : answer;
  }
  if (Array.isArray(answer)) return t.photos(answer.length);
  const { present, total } = answer as { present: number; total: number };
  return t.attendance(present, total, formatPercent(present / total));
}
