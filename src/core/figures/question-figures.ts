import type { Question, QuestionSetDefinition } from '../checkin/question-set.js';
import { formatCount, formatPercent } from '../format.js';
import { vi } from '../messages/vi.js';

/**
 * Every answer reaches the figures (issue 18): for each question of the version a report was
 * answered under, counts and numbers summed, yes/no as "x of y units", choices as a
 * distribution, attendance as present/total and rate, text listed. Pure: the storage layer
 * gives the sent reports' answers and their sets, the renderers take these figures.
 */

/** One sent report's answers, as stored: its unit's answers by key, and each model's by key. */
export interface AnsweredReport {
  questionSetId: number;
  unitName: string;
  answers: unknown;
  models: readonly unknown[];
}

/** A question's figures over the reports that asked it. */
export type QuestionFigure = { key: string; label: string; scope: Question['scope']; showInDigest: boolean; answered: number } & (
  | { kind: 'count' | 'number'; unit: string | null; sum: number }
  | { kind: 'yes_no'; yes: number }
  | { kind: 'choice'; counts: { value: string; label: string; count: number }[] }
  | { kind: 'attendance'; present: number; total: number }
  | { kind: 'text'; texts: { unitName: string; text: string }[] }
);

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** The keys the fixed columns and sentences already show: a figure of these would repeat them. */
export const FIXED_KEYS: ReadonlySet<string> = new Set([
  'meetingsHeld', 'attendance', 'themedSessionHeld', 'activities', 'participants', 'progress', 'results', 'modelDifficulties', 'photos', 'goodDeeds', 'difficulties', 'proposals',
]);

/**
 * The figures of every question (but photos) asked by the given reports' sets, in the order of
 * the newest set that has it; a key asked by several versions adds up across them.
 */
export function aggregateAnswers(sets: ReadonlyMap<number, QuestionSetDefinition>, reports: readonly AnsweredReport[]): QuestionFigure[] {
  const figures = new Map<string, QuestionFigure>();
  const newestFirst = [...sets.values()].sort((a, b) => b.version - a.version);
  // Labels and order from the newest version of each key; the figure's kind from it too.
  for (const set of newestFirst) for (const q of set.questions) if (q.kind !== 'photos' && !figures.has(q.key)) figures.set(q.key, emptyFigure(q));
  for (const report of reports) {
    const set = sets.get(report.questionSetId);
    if (!set) continue;
    const unitAnswers = isRecord(report.answers) ? report.answers : {};
    for (const q of set.questions) {
      const figure = figures.get(q.key);
      if (!figure) continue;
      if (q.scope === 'unit') add(figure, unitAnswers[q.key], report.unitName, q);
      else for (const model of report.models) if (isRecord(model)) add(figure, model[q.key], report.unitName, q);
    }
  }
  return [...figures.values()];
}

function emptyFigure(q: Question): QuestionFigure {
  const base = { key: q.key, label: q.label, scope: q.scope, showInDigest: q.showInDigest === true, answered: 0 };
  switch (q.kind) {
    case 'count':
    case 'number':
      return { ...base, kind: q.kind, unit: q.unit ?? null, sum: 0 };
    case 'yes_no':
      return { ...base, kind: 'yes_no', yes: 0 };
    case 'choice':
      return { ...base, kind: 'choice', counts: (q.choices ?? []).map((c) => ({ value: c.value, label: c.label, count: 0 })) };
    case 'attendance':
      return { ...base, kind: 'attendance', present: 0, total: 0 };
    default:
      return { ...base, kind: 'text', texts: [] };
  }
}

/** Adds one answer to its figure, if it is of the figure's kind (an answer of another version's kind is left out). */
function add(figure: QuestionFigure, answer: unknown, unitName: string, q: Question): void {
  if (answer === undefined || answer === null) return;
  switch (figure.kind) {
    case 'count':
    case 'number':
      if (isNumber(answer)) { figure.sum += answer; figure.answered += 1; }
      return;
    case 'yes_no':
      if (typeof answer === 'boolean') { figure.yes += answer ? 1 : 0; figure.answered += 1; }
      return;
    case 'choice': {
      if (typeof answer !== 'string') return;
      let slot = figure.counts.find((c) => c.value === answer);
      if (!slot) figure.counts.push((slot = { value: answer, label: q.choices?.find((c) => c.value === answer)?.label ?? answer, count: 0 }));
      slot.count += 1;
      figure.answered += 1;
      return;
    }
    case 'attendance':
      if (isRecord(answer) && isNumber(answer.present) && isNumber(answer.total)) { figure.present += answer.present; figure.total += answer.total; figure.answered += 1; }
      return;
    case 'text':
      if (typeof answer === 'string' && answer.trim() !== '') { figure.texts.push({ unitName, text: answer }); figure.answered += 1; }
      return;
  }
}

/** A figure in one short phrase, the Vietnamese way: "197 lớp", "77/85 (90,6%)", "3/5 đơn vị có", "Đúng kế hoạch 3, Chậm 1". */
export function describeFigure(f: QuestionFigure): string {
  const t = vi.questions.figures;
  switch (f.kind) {
    case 'count':
    case 'number':
      return f.unit ? `${formatCount(f.sum)} ${f.unit}` : formatCount(f.sum);
    case 'yes_no':
      return t.yesOf(formatCount(f.yes), formatCount(f.answered));
    case 'choice':
      return f.counts.filter((c) => c.count > 0).map((c) => `${c.label} ${formatCount(c.count)}`).join(', ') || t.none;
    case 'attendance':
      return f.total > 0 ? `${formatCount(f.present)}/${formatCount(f.total)} (${formatPercent(f.present / f.total)})` : t.none;
    case 'text':
      return t.texts(f.texts.length);
  }
}

/** One line per figure marked «show in digest» that has an answer: "• Dự chuyên đề / được mời: 77/85 (90,6%)". */
export function digestLines(figures: readonly QuestionFigure[]): string[] {
  return figures.filter((f) => f.showInDigest && f.answered > 0).map((f) => vi.questions.figures.line(f.label, describeFigure(f)));
}

/** The review report's sentences of section I: one per marked question with an answer ("Dự chuyên đề / được mời: 77/85 (90,6%)."). */
export function reviewSentences(figures: readonly QuestionFigure[]): string[] {
  return figures.filter((f) => f.showInDigest && f.answered > 0).map((f) => vi.questions.figures.reviewSentence(f.label, describeFigure(f)));
}

/** The answer under `key` of a stored answers object, whatever the stored JSON holds. */
export function answerOf(answers: unknown, key: string): unknown {
  return isRecord(answers) ? answers[key] : undefined;
}

/** A cell of a report's row in the export: the answer as a number or words, or empty. */
export function answerCell(q: Pick<Question, 'kind' | 'choices'>, answer: unknown): string | number | null {
  if (answer === undefined || answer === null) return null;
  if (isNumber(answer)) return answer;
  if (typeof answer === 'boolean') return answer ? vi.export.yes : vi.export.no;
  if (typeof answer === 'string') return q.kind === 'choice' ? (q.choices?.find((c) => c.value === answer)?.label ?? answer) : answer;
  if (isRecord(answer) && isNumber(answer.present) && isNumber(answer.total)) return `${answer.present}/${answer.total}`;
  return null;
}
