import { and, asc, eq, like, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { orgUnits, questionSetDrafts, questionSets } from '../schema/index.js';
import type { QuestionSetDraftRow, QuestionSetRow } from '../types.js';

/** A scope's draft (an organisation's or a subtree's), if an admin started one. */
export async function findQuestionSetDraft(db: Db, scopeUnitId: number): Promise<QuestionSetDraftRow | undefined> {
  const [row] = await db.select().from(questionSetDrafts).where(eq(questionSetDrafts.scopeUnitId, scopeUnitId));
  return row;
}

/** Starts a scope's draft unless one exists (two admins pressing «Tạo» at once get the same one); returns it. */
export async function insertQuestionSetDraft(db: Db, p: { scopeUnitId: number; definition: unknown; personId: number; at: Date }): Promise<QuestionSetDraftRow> {
  await db
    .insert(questionSetDrafts)
    .values({ scopeUnitId: p.scopeUnitId, definition: p.definition, createdByPersonId: p.personId, createdAt: p.at, updatedAt: p.at })
    .onConflictDoNothing();
  return (await findQuestionSetDraft(db, p.scopeUnitId))!;
}

/**
 * Replaces a draft's definition if it is still the version the form was loaded with (its
 * updated_at, to the millisecond); the new version, or null when someone saved it meanwhile.
 */
export async function updateQuestionSetDraft(db: Db, p: { id: number; version: Date; definition: unknown; at: Date }): Promise<Date | null> {
  const [row] = await db
    .update(questionSetDrafts)
    .set({ definition: p.definition, updatedAt: sql`greatest(${p.at.toISOString()}::timestamptz, ${questionSetDrafts.updatedAt} + interval '1 millisecond')` })
    .where(and(eq(questionSetDrafts.id, p.id), sql`date_trunc('milliseconds', ${questionSetDrafts.updatedAt}) = ${p.version.toISOString()}::timestamptz`))
    .returning({ updatedAt: questionSetDrafts.updatedAt });
  return row?.updatedAt ?? null;
}

/** Removes a draft if it is still the version given; whether it was removed. */
export async function deleteQuestionSetDraft(db: Db, p: { id: number; version: Date }): Promise<boolean> {
  const rows = await db
    .delete(questionSetDrafts)
    .where(and(eq(questionSetDrafts.id, p.id), sql`date_trunc('milliseconds', ${questionSetDrafts.updatedAt}) = ${p.version.toISOString()}::timestamptz`))
    .returning({ id: questionSetDrafts.id });
  return rows.length > 0;
}

/** The versions published for one scope, newest first. */
export async function questionSetsOfScope(db: Db, scopeUnitId: number): Promise<QuestionSetRow[]> {
  return db.select().from(questionSets).where(eq(questionSets.scopeUnitId, scopeUnitId)).orderBy(sql`${questionSets.version} desc`);
}

/** The units inside an organisation (below its root) that have a set of their own or a draft: the subtree overrides. */
export async function overrideScopesUnder(db: Db, root: { id: number; path: string }): Promise<{ code: string; name: string }[]> {
  const inSets = db.select({ id: questionSets.scopeUnitId }).from(questionSets);
  const inDrafts = db.select({ id: questionSetDrafts.scopeUnitId }).from(questionSetDrafts);
  return db
    .select({ code: orgUnits.code, name: orgUnits.name })
    .from(orgUnits)
    .where(and(like(orgUnits.path, `${root.path}%`), sql`${orgUnits.id} <> ${root.id}`, sql`${orgUnits.id} in (${inSets} union ${inDrafts})`))
    .orderBy(asc(orgUnits.path));
}
