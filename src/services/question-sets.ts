import { parseQuestionSetFile, parseStoredQuestionSet, toQuestionSetFile, type FileShapeIssue, type QuestionSetFile } from '../core/checkin/question-set-schema.js';
import { validateQuestionSet, type QuestionSetProblem } from '../core/checkin/validate-question-set.js';
import { AppError, NotFoundError } from '../core/errors.js';
import { formatMonth } from '../core/format.js';
import { reportingMonth } from '../core/schedule.js';
import { isoDate } from '../core/time.js';
import type { Db } from '../storage/client.js';
import { recordAudit, type AuditEntry } from '../storage/queries/audit.js';
import { findUnitByCode } from '../storage/queries/org-units.js';
import { insertQuestionSetVersion, questionSetInForce } from '../storage/queries/question-sets.js';
import { findRulesForUnitPath } from '../storage/queries/schedules.js';
import type { OrgUnitRow, QuestionSetRow } from '../storage/types.js';

/** A file that is not a question set at all (not the shape `questions show` prints): where and why. */
export class QuestionSetFileError extends AppError {
  override readonly name = 'QuestionSetFileError';
  constructor(readonly issues: readonly FileShapeIssue[]) {
    super('QUESTION_SET_NOT_A_SET', `not a question set: ${issues.length} issue(s)`, { context: { issues: issues.length } });
  }
}

/** A set that cannot be published: every problem the checks found, nothing stored. */
export class QuestionSetRefusedError extends AppError {
  override readonly name = 'QuestionSetRefusedError';
  constructor(readonly problems: readonly QuestionSetProblem[]) {
    super('QUESTION_SET_REFUSED', `question set refused: ${problems.map((p) => p.code).join(', ')}`, { context: { problems: problems.length } });
  }
}

/** An effective month before the one being reported now: its reports are under way or done. */
export class QuestionSetPastMonthError extends AppError {
  override readonly name = 'QuestionSetPastMonthError';
  constructor(readonly from: string, readonly current: string) {
    super('QUESTION_SET_PAST_MONTH', `effective month ${from} is before the current ${current}`, { context: { from, current } });
  }
}

type Actor = Pick<AuditEntry, 'actorKind' | 'actorPersonId'>;

async function findScope(db: Db, code: string): Promise<OrgUnitRow> {
  const unit = await findUnitByCode(db, code);
  if (!unit) throw new NotFoundError('organisation', code);
  return unit;
}

/** The month (its first day) a unit reports in now, read from its organisation's calendar without opening it; the earliest a set can be published from. */
export async function reportingMonthOf(db: Db, unit: OrgUnitRow, deps: { now: Date; timeZone: string }): Promise<string> {
  const { rules } = await findRulesForUnitPath(db, unit.path);
  const { year, month } = reportingMonth(deps.now, rules, deps.timeZone);
  return isoDate(year, month, 1);
}

/**
 * The set in force for an organisation (a root unit's code) or a subtree (any unit's code) in a
 * month (default: the one reported now), as the file `publish` reads back.
 */
export async function showQuestionSet(
  db: Db,
  p: { code: string; month?: string; now: Date; timeZone: string },
): Promise<{ unit: OrgUnitRow; row: QuestionSetRow; file: QuestionSetFile }> {
  const unit = await findScope(db, p.code);
  const month = p.month ?? (await reportingMonthOf(db, unit, p));
  const row = await questionSetInForce(db, { unitId: unit.id, month });
  if (!row) throw new NotFoundError('question set', p.code);
  return { unit, row, file: toQuestionSetFile(parseStoredQuestionSet(row.definition)) };
}

/**
 * Publishes an edited set for an organisation or a subtree, applying to reports of months from
 * `from` (yyyy-mm-01, not before the month reported now): read, checked (every problem listed,
 * nothing stored when there is one), stored as the scope's next version, audited.
 */
export async function publishQuestionSet(
  db: Db,
  p: { code: string; json: unknown; from: string; now: Date; timeZone: string; actor: Actor },
): Promise<{ unit: OrgUnitRow; row: QuestionSetRow; questions: number }> {
  const unit = await findScope(db, p.code);
  const read = parseQuestionSetFile(p.json);
  if (!read.ok) throw new QuestionSetFileError(read.issues);
  const problems = validateQuestionSet(read.file.questions);
  if (problems.length > 0) throw new QuestionSetRefusedError(problems);
  const current = await reportingMonthOf(db, unit, p);
  if (p.from < current) throw new QuestionSetPastMonthError(monthLabel(p.from), monthLabel(current));
  const before = await questionSetInForce(db, { unitId: unit.id, month: p.from });
  const title = read.file.title ?? (before ? parseStoredQuestionSet(before.definition).title : unit.name);
  const row = await insertQuestionSetVersion(db, { scopeUnitId: unit.id, title, questions: read.file.questions, effectiveFrom: p.from });
  await recordAudit(db, {
    ...p.actor, action: 'question_set.publish', entityType: 'question_set', entityId: String(row.id),
    details: { unit: unit.code, from: p.from, before: before ? { id: before.id, version: before.version } : null, after: { version: row.version, questions: read.file.questions.length } },
    at: p.now,
  });
  return { unit, row, questions: read.file.questions.length };
}

/** "2027-01-01" → "01/2027". */
export function monthLabel(firstOfMonth: string): string {
  return formatMonth(Number(firstOfMonth.slice(0, 4)), Number(firstOfMonth.slice(5, 7)));
}
