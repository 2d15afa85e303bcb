import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { toStoredQuestionSet } from '../../core/checkin/question-set-schema.js';
import type { QuestionSetDefinition } from '../../core/checkin/question-set.js';
import type { Db } from '../client.js';
import { orgUnits, questionSets, reports } from '../schema/index.js';
import type { QuestionSetRow } from '../types.js';

/** Stores a default question set version unless it is already there; returns its row. */
export async function ensureDefaultQuestionSet(db: Db, definition: QuestionSetDefinition): Promise<QuestionSetRow> {
  await db
    .insert(questionSets)
    .values({ version: definition.version, title: definition.title, definition: toStoredQuestionSet(definition) })
    .onConflictDoNothing();
  const [row] = await db
    .select()
    .from(questionSets)
    .where(and(isNull(questionSets.scopeUnitId), eq(questionSets.version, definition.version)));
  if (!row) throw new Error('default question set missing after insert');
  return row;
}

/** The newest default question set, the one reports are answered under where no organisation has its own. */
export async function latestDefaultQuestionSet(db: Db): Promise<QuestionSetRow | undefined> {
  const [row] = await db
    .select()
    .from(questionSets)
    .where(isNull(questionSets.scopeUnitId))
    .orderBy(desc(questionSets.version))
    .limit(1);
  return row;
}

export async function findQuestionSet(db: Db, id: number): Promise<QuestionSetRow | undefined> {
  const [row] = await db.select().from(questionSets).where(eq(questionSets.id, id));
  return row;
}

/**
 * The set in force for a unit's report of a month (`month`: its first day): of the sets
 * published for the unit or a unit above it and effective by that month, the nearest scope's,
 * then the latest effective month's, then the newest version; the default set when there is none.
 */
export async function questionSetInForce(db: Db, p: { unitId: number; month: string }): Promise<QuestionSetRow | undefined> {
  const scope = orgUnits;
  const [row] = await db
    .select({ set: questionSets })
    .from(questionSets)
    .innerJoin(scope, eq(scope.id, questionSets.scopeUnitId))
    .where(
      and(
        sql`(select u.path from org_units u where u.id = ${p.unitId}) like ${scope.path} || '%'`,
        sql`(${questionSets.effectiveFrom} is null or ${questionSets.effectiveFrom} <= ${p.month}::date)`,
      ),
    )
    .orderBy(desc(scope.depth), sql`${questionSets.effectiveFrom} desc nulls last`, desc(questionSets.version))
    .limit(1);
  return row?.set ?? (await latestDefaultQuestionSet(db));
}

/**
 * Stores a new version for a scope (an organisation or a subtree), applying to reports of months
 * from `effectiveFrom` (a first of month). The caller checked the definition; its version is
 * the next one of this scope.
 */
export async function insertQuestionSetVersion(
  db: Db,
  p: { scopeUnitId: number; title: string; questions: QuestionSetDefinition['questions']; effectiveFrom: string },
): Promise<QuestionSetRow> {
  // One publisher at a time per scope, so two never take the same version number.
  await db.execute(sql`select pg_advisory_xact_lock(hashtext('question_sets'), ${p.scopeUnitId})`);
  const [last] = await db
    .select({ version: questionSets.version })
    .from(questionSets)
    .where(eq(questionSets.scopeUnitId, p.scopeUnitId))
    .orderBy(desc(questionSets.version))
    .limit(1);
  const version = (last?.version ?? 0) + 1;
  const definition: QuestionSetDefinition = { version, title: p.title, questions: p.questions };
  const [row] = await db
    .insert(questionSets)
    .values({ scopeUnitId: p.scopeUnitId, version, title: p.title, definition: toStoredQuestionSet(definition), effectiveFrom: p.effectiveFrom })
    .returning();
  return row!;
}

/**
 * Moves a report not yet begun (a draft with no answer) to another question set; a report with
 * answers or sent keeps its own. Returns whether it moved.
 */
export async function moveUnbegunReport(db: Db, p: { reportId: number; questionSetId: number }): Promise<boolean> {
  const moved = await db
    .update(reports)
    .set({ questionSetId: p.questionSetId })
    .where(and(eq(reports.id, p.reportId), eq(reports.status, 'draft'), eq(reports.version, 0), sql`${reports.answers} = '{}'::jsonb`))
    .returning({ id: reports.id });
  return moved.length > 0;
}
