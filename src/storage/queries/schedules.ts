import { eq, sql } from 'drizzle-orm';
import { ValidationError } from '../../core/errors.js';
import { scheduleRulesSchema, type ScheduleRules } from '../../core/schedule.js';
import type { Db } from '../client.js';
import { orgUnits, schedules } from '../schema/index.js';

/** An organisation (a root of the tree) and the calendar its whole subtree follows. */
export interface OrganisationSchedule {
  scopeUnitId: number;
  code: string;
  name: string;
  path: string;
  rules: ScheduleRules;
}

function parseRules(stored: unknown, code: string): ScheduleRules {
  const parsed = scheduleRulesSchema.safeParse(stored ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ column: i.path.join('.'), message: i.message }));
    throw new ValidationError(`the schedule of ${code} is invalid: ${issues.map((i) => `${i.column}: ${i.message}`).join('; ')}`, issues, { code });
  }
  return parsed.data;
}

/** Every organisation with its rules (defaults where none are stored), for the scheduler. */
export async function listOrganisationSchedules(db: Db): Promise<OrganisationSchedule[]> {
  const rows = await db
    .select({ scopeUnitId: orgUnits.id, code: orgUnits.code, name: orgUnits.name, path: orgUnits.path, rules: schedules.rules })
    .from(orgUnits)
    .leftJoin(schedules, eq(schedules.scopeUnitId, orgUnits.id))
    .where(sql`${orgUnits.parentId} is null and ${orgUnits.dissolvedOn} is null`)
    .orderBy(orgUnits.code);
  return rows.map((r) => ({ ...r, rules: parseRules(r.rules, r.code) }));
}

/** The rules of the organisation a unit belongs to (the root of its path). */
export async function findRulesForUnitPath(db: Db, unitPath: string): Promise<{ scopeUnitId: number; rules: ScheduleRules }> {
  const scopeUnitId = Number(unitPath.split('/')[1]);
  const [row] = await db.select({ rules: schedules.rules }).from(schedules).where(eq(schedules.scopeUnitId, scopeUnitId));
  return { scopeUnitId, rules: parseRules(row?.rules, String(scopeUnitId)) };
}

/** Stores an organisation's calendar after checking it; what is left out takes the default. */
export async function saveScheduleRules(db: Db, params: { scopeUnitId: number; rules: Partial<ScheduleRules> }): Promise<ScheduleRules> {
  const rules = parseRules(params.rules, String(params.scopeUnitId));
  await db
    .insert(schedules)
    .values({ scopeUnitId: params.scopeUnitId, rules: params.rules })
    .onConflictDoUpdate({ target: schedules.scopeUnitId, set: { rules: params.rules, updatedAt: sql`now()` } });
  return rules;
}

/** An organisation's stored calendar with its version (the row's updated_at; null: none stored, the defaults apply). */
export async function readScheduleWithVersion(db: Db, scopeUnitId: number, p: { lock?: boolean } = {}): Promise<{ rules: ScheduleRules; version: Date | null }> {
  const query = db.select({ rules: schedules.rules, updatedAt: schedules.updatedAt }).from(schedules).where(eq(schedules.scopeUnitId, scopeUnitId));
  const [row] = p.lock ? await query.for('update') : await query;
  return { rules: parseRules(row?.rules, String(scopeUnitId)), version: row?.updatedAt ?? null };
}

/**
 * Stores an organisation's calendar only if it is still the version the editor read (null: none
 * was stored); the new version is later than the old by at least a millisecond, so a form read
 * before this save always sees a different one. Returns the new version, or null when someone
 * else saved first (nothing written).
 */
export async function replaceScheduleRules(db: Db, p: { scopeUnitId: number; rules: ScheduleRules; version: Date | null; at: Date }): Promise<Date | null> {
  if (p.version === null) {
    const inserted = await db
      .insert(schedules)
      .values({ scopeUnitId: p.scopeUnitId, rules: p.rules, createdAt: p.at, updatedAt: p.at })
      .onConflictDoNothing({ target: schedules.scopeUnitId })
      .returning({ updatedAt: schedules.updatedAt });
    return inserted[0]?.updatedAt ?? null;
  }
  const updated = await db
    .update(schedules)
    .set({ rules: p.rules, updatedAt: sql`greatest(${p.at.toISOString()}::timestamptz, ${schedules.updatedAt} + interval '1 millisecond')` })
    .where(sql`${schedules.scopeUnitId} = ${p.scopeUnitId} and date_trunc('milliseconds', ${schedules.updatedAt}) = ${p.version.toISOString()}::timestamptz`)
    .returning({ updatedAt: schedules.updatedAt });
  return updated[0]?.updatedAt ?? null;
}
