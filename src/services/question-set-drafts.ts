import { parseQuestionSetFile, parseStoredQuestionSet, toQuestionSetFile, type QuestionSetFile } from '../core/checkin/question-set-schema.js';
import type { QuestionSetDefinition } from '../core/checkin/question-set.js';
import type { CheckinContext } from '../core/checkin/types.js';
import { formatDate } from '../core/format.js';
import { vi } from '../core/messages/vi.js';
import { monthlyPeriodDates } from '../core/schedule.js';
import type { Db } from '../storage/client.js';
import { findUnitById } from '../storage/queries/org-units.js';
import { deleteQuestionSetDraft, findQuestionSetDraft, insertQuestionSetDraft, overrideScopesUnder, questionSetsOfScope, updateQuestionSetDraft } from '../storage/queries/question-set-drafts.js';
import { questionSetInForce } from '../storage/queries/question-sets.js';
import { findRulesForUnitPath } from '../storage/queries/schedules.js';
import type { OrgUnitRow, QuestionSetDraftRow, QuestionSetRow } from '../storage/types.js';
import { monthLabel, publishQuestionSet, reportingMonthOf } from './question-sets.js';

/**
 * The question-set editor's use cases (the console's «Bộ câu hỏi báo cáo», issue 18): a draft per
 * scope started from the set in force, saved with a version check, tried with the real engine,
 * and published through the same service (and refusals) as `questions publish`.
 */

/** What the editor's first page shows for a scope: the set its reports use now, its own versions, its draft. */
export interface QuestionSetOverview {
  currentMonth: string;
  inForce: { row: QuestionSetRow; definition: QuestionSetDefinition; scope: { id: number; code: string; name: string } | null };
  versions: QuestionSetRow[];
  draft: QuestionSetDraftRow | undefined;
  overrides: { code: string; name: string }[];
}

/** The set in force for a scope this month, its own published versions, its draft, and (for an organisation) its subtrees with their own. */
export async function loadQuestionSetOverview(db: Db, p: { unit: OrgUnitRow; root: { id: number; path: string }; now: Date; timeZone: string }): Promise<QuestionSetOverview> {
  const currentMonth = await reportingMonthOf(db, p.unit, p);
  const row = (await questionSetInForce(db, { unitId: p.unit.id, month: currentMonth }))!;
  const scopeUnit = row.scopeUnitId === null ? undefined : await findUnitById(db, row.scopeUnitId);
  return {
    currentMonth,
    inForce: { row, definition: parseStoredQuestionSet(row.definition), scope: scopeUnit ? { id: scopeUnit.id, code: scopeUnit.code, name: scopeUnit.name } : null },
    versions: await questionSetsOfScope(db, p.unit.id),
    draft: await findQuestionSetDraft(db, p.unit.id),
    overrides: await overrideScopesUnder(db, p.root),
  };
}

/** A draft's set as stored (the file shape); a row that does not read is damaged, not a draft. */
export function draftFile(row: QuestionSetDraftRow): QuestionSetFile {
  const read = parseQuestionSetFile(row.definition);
  if (!read.ok) throw new Error(`question set draft ${row.id} unreadable`);
  return read.file;
}

/** Starts a scope's draft from the set its reports use this month (its own, or the one it inherits); an existing draft is kept. */
export async function startQuestionSetDraft(db: Db, p: { unit: OrgUnitRow; personId: number; now: Date; timeZone: string }): Promise<{ draft: QuestionSetDraftRow; created: boolean }> {
  const existing = await findQuestionSetDraft(db, p.unit.id);
  if (existing) return { draft: existing, created: false };
  const month = await reportingMonthOf(db, p.unit, p);
  const row = (await questionSetInForce(db, { unitId: p.unit.id, month }))!;
  const file = toQuestionSetFile(parseStoredQuestionSet(row.definition));
  return { draft: await insertQuestionSetDraft(db, { scopeUnitId: p.unit.id, definition: file, personId: p.personId, at: p.now }), created: true };
}

/** Saves a checked set as the draft if nobody saved it since `version`; the new version, or null on a conflict. */
export async function saveQuestionSetDraft(db: Db, p: { draft: QuestionSetDraftRow; version: Date; file: QuestionSetFile; now: Date }): Promise<Date | null> {
  return updateQuestionSetDraft(db, { id: p.draft.id, version: p.version, definition: p.file, at: p.now });
}

/** Drops a draft (still at `version`); whether it was dropped. */
export async function discardQuestionSetDraft(db: Db, p: { draft: QuestionSetDraftRow; version: Date }): Promise<boolean> {
  return deleteQuestionSetDraft(db, { id: p.draft.id, version: p.version });
}

/**
 * Publishes a scope's draft from a month, as `questions publish` does (the same checks and
 * refusals, one audit entry `question_set.publish`), and removes the draft. Call inside one
 * transaction: a refusal throws and leaves the draft as it was. Null: the draft changed since `version`.
 */
export async function publishQuestionSetDraft(
  db: Db,
  p: { unit: OrgUnitRow; draft: QuestionSetDraftRow; version: Date; from: string; personId: number; now: Date; timeZone: string },
): Promise<{ row: QuestionSetRow; questions: number; from: string } | null> {
  const file = draftFile(p.draft);
  if (!(await deleteQuestionSetDraft(db, { id: p.draft.id, version: p.version }))) return null;
  const published = await publishQuestionSet(db, { code: p.unit.code, json: file, from: p.from, now: p.now, timeZone: p.timeZone, actor: { actorKind: 'person', actorPersonId: p.personId } });
  return { row: published.row, questions: published.questions, from: monthLabel(p.from) };
}

/**
 * What a preview's check-in knows besides its answers: the scope's name, this month and its due
 * date from the organisation's calendar, and two made-up models so the model questions are asked.
 */
export async function previewContext(db: Db, p: { unit: OrgUnitRow; file: QuestionSetFile; now: Date; timeZone: string }): Promise<CheckinContext> {
  const month = await reportingMonthOf(db, p.unit, p);
  const { rules } = await findRulesForUnitPath(db, p.unit.path);
  const [year, m] = [Number(month.slice(0, 4)), Number(month.slice(5, 7))];
  const t = vi.admin.questions.preview;
  return {
    personName: t.person,
    unitName: p.unit.name,
    periodLabel: monthLabel(month),
    month: m,
    dueLabel: formatDate(monthlyPeriodDates(year, m, rules, p.timeZone).dueAt, p.timeZone),
    models: t.models.map((title, i) => ({ id: -(i + 1), title })),
    questionSet: { version: 0, title: p.file.title ?? '', questions: p.file.questions },
  };
}
