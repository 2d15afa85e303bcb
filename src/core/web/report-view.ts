import { z } from 'zod';
import type { SubmissionCounts } from '../figures/types.js';
import { formatCount } from '../format.js';
import { parseMonthKey } from '../figures/arithmetic.js';

/** The part of a stored question set the report page needs: each question's key, label and scope. */
const questionsSchema = z
  .object({ questions: z.array(z.object({ key: z.string(), label: z.string(), scope: z.string() }).loose()) })
  .loose()
  .catch({ questions: [] });

export interface QuestionLabel {
  key: string;
  label: string;
  scope: 'unit' | 'model';
}

/** The questions of a stored definition (jsonb), in order; an unreadable one gives none. */
export function readQuestions(definition: unknown): QuestionLabel[] {
  return questionsSchema.parse(definition).questions.map((q) => ({ key: q.key, label: q.label, scope: q.scope === 'model' ? 'model' : 'unit' }));
}

/** "2026-11-01" → "11/2026". */
export function monthLabel(key: string): string {
  const { year, month } = parseMonthKey(key);
  return `${String(month).padStart(2, '0')}/${year}`;
}

/** An answer as the secretary gave it, in words: 17/19, Có/Không, 3 ảnh, or the text. */
export function formatAnswer(value: unknown, words: { yes: string; no: string; skipped: string; photos: (n: number) => string }): string {
  if (value === null || value === undefined || value === '') return words.skipped;
  if (typeof value === 'number') return formatCount(value);
  if (typeof value === 'boolean') return value ? words.yes : words.no;
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return words.photos(value.length);
  if (typeof value === 'object' && 'present' in value && 'total' in value) {
    const v = value as { present: unknown; total: unknown };
    return `${formatCount(Number(v.present))}/${formatCount(Number(v.total))}`;
  }
  return JSON.stringify(value);
}

/**
 * The unit answers to show: the answers map as given, completed from the report's typed columns
 * for the well-known questions it lacks (reports imported or made before answers were kept).
 */
export function unitAnswers(
  answers: Readonly<Record<string, unknown>>,
  columns: { meetingsHeld: number | null; membersPresent: number | null; membersTotal: number | null; themedSessionHeld: boolean | null; themedSessionSubject: string | null; difficulties: string | null; proposals: string | null },
  goodDeeds: readonly string[],
): Record<string, unknown> {
  const fromColumns: Record<string, unknown> = {
    meetingsHeld: columns.meetingsHeld,
    attendance: columns.membersPresent !== null && columns.membersTotal !== null ? { present: columns.membersPresent, total: columns.membersTotal } : null,
    themedSessionHeld: columns.themedSessionHeld,
    themedSessionSubject: columns.themedSessionSubject,
    goodDeeds: goodDeeds.length > 0 ? goodDeeds.join('; ') : null,
    difficulties: columns.difficulties,
    proposals: columns.proposals,
  };
  const merged: Record<string, unknown> = { ...answers };
  for (const [key, value] of Object.entries(fromColumns)) if (!(key in merged) && value !== null) merged[key] = value;
  return merged;
}

/**
 * A submitted version's answers, flattened for comparison: its answers map, completed from the
 * snapshot's figures (unit figures, and each model's as "m<i>.<question>").
 */
export function snapshotAnswers(snapshot: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const get = <T>(key: string, ok: (v: unknown) => v is T): T | null => (ok(snapshot[key]) ? (snapshot[key] as T) : null);
  const isNum = (v: unknown): v is number => typeof v === 'number';
  const isStr = (v: unknown): v is string => typeof v === 'string';
  const isBool = (v: unknown): v is boolean => typeof v === 'boolean';
  const answers = typeof snapshot.answers === 'object' && snapshot.answers !== null ? (snapshot.answers as Record<string, unknown>) : {};
  const deeds = Array.isArray(snapshot.goodDeeds) ? snapshot.goodDeeds.filter(isStr) : [];
  const merged = unitAnswers(
    answers,
    {
      meetingsHeld: get('meetingsHeld', isNum),
      membersPresent: get('membersPresent', isNum),
      membersTotal: get('membersTotal', isNum),
      themedSessionHeld: get('themedSessionHeld', isBool),
      themedSessionSubject: get('themedSessionSubject', isStr),
      difficulties: get('difficulties', isStr),
      proposals: get('proposals', isStr),
    },
    deeds,
  );
  const models = Array.isArray(snapshot.models) ? snapshot.models : [];
  models.forEach((m, i) => {
    if (typeof m !== 'object' || m === null) return;
    const fields: Record<string, string> = { activities: 'activities', participants: 'participants', progress: 'progress', results: 'results', difficulties: 'modelDifficulties' };
    for (const [from, to] of Object.entries(fields)) {
      const key = `m${i}.${to}`;
      const value = (m as Record<string, unknown>)[from];
      if (!(key in merged) && value !== undefined && value !== null) merged[key] = value;
    }
  });
  return merged;
}

/** A model answer's key "m0.activities" → its model index and question key; null for a unit answer. */
export function splitModelKey(key: string): { index: number; question: string } | null {
  const m = /^m(\d+)\.(.+)$/.exec(key);
  return m ? { index: Number(m[1]), question: m[2]! } : null;
}

/** One answer that differs between two submitted versions. */
export interface AnswerChange {
  key: string;
  before: unknown;
  after: unknown;
}

/**
 * What changed from one submitted version to the next: every answer key whose value differs
 * (compared as JSON), in the order of the newer version's keys, then keys that were dropped.
 */
export function diffAnswers(before: Record<string, unknown>, after: Record<string, unknown>): AnswerChange[] {
  const keys = [...Object.keys(after), ...Object.keys(before).filter((k) => !(k in after))];
  return keys
    .filter((k) => JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null))
    .map((k) => ({ key: k, before: before[k] ?? null, after: after[k] ?? null }));
}

/**
 * How a month-matrix cell is coloured: every expected unit sent on time (ok), all sent but some
 * late (warn), some not sent (bad), nobody expected (none). The counts come from the figures.
 */
export function submissionTone(c: SubmissionCounts): 'ok' | 'warn' | 'bad' | 'none' {
  if (c.expected === 0) return 'none';
  if (c.notSent > 0) return 'bad';
  if (c.late > 0) return 'warn';
  return 'ok';
}
