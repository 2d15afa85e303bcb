import { and, desc, eq, isNull } from 'drizzle-orm';
import type { QuestionSetDefinition } from '../../core/checkin/question-set.js';
import type { Db } from '../client.js';
import { questionSets } from '../schema/index.js';
import type { QuestionSetRow } from '../types.js';

/** Stores a default question set version unless it is already there; returns its row. */
export async function ensureDefaultQuestionSet(db: Db, definition: QuestionSetDefinition): Promise<QuestionSetRow> {
  await db
    .insert(questionSets)
    .values({ version: definition.version, title: definition.title, definition })
    .onConflictDoNothing();
  const [row] = await db
    .select()
    .from(questionSets)
    .where(and(isNull(questionSets.scopeUnitId), eq(questionSets.version, definition.version)));
  if (!row) throw new Error('default question set missing after insert');
  return row;
}

/** The newest default question set, the one new reports are answered under. */
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
