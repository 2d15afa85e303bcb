import { and, eq, isNull, sql } from 'drizzle-orm';
import type { RoleKind } from '../../core/domain.js';
import type { Db } from '../client.js';
import { orgUnits, people, unitRoles } from '../schema/index.js';
import type { PersonRow } from '../types.js';

export interface PersonInput {
  fullName: string;
  phone: string | null;
}

/**
 * Finds the person an import row means, or creates them: by phone when there is one, otherwise
 * by name among the people already holding a role in that unit (so a re-import adds nobody twice).
 */
export async function findOrCreatePerson(db: Db, input: PersonInput & { unitId: number }): Promise<{ person: PersonRow; created: boolean }> {
  if (input.phone) {
    const [existing] = await db.select().from(people).where(eq(people.phone, input.phone));
    if (existing) {
      if (existing.fullName !== input.fullName) {
        const [renamed] = await db
          .update(people)
          .set({ fullName: input.fullName, updatedAt: sql`now()` })
          .where(eq(people.id, existing.id))
          .returning();
        return { person: renamed ?? existing, created: false };
      }
      return { person: existing, created: false };
    }
  } else {
    const [sameName] = await db
      .select({ person: people })
      .from(people)
      .innerJoin(unitRoles, eq(unitRoles.personId, people.id))
      .where(and(eq(unitRoles.unitId, input.unitId), eq(people.fullName, input.fullName), isNull(people.phone)))
      .limit(1);
    if (sameName) return { person: sameName.person, created: false };
  }
  const [person] = await db.insert(people).values({ fullName: input.fullName, phone: input.phone }).returning();
  if (!person) throw new Error('insert into people returned no row');
  return { person, created: true };
}

/** Gives a person a role in a unit (or updates its title); roles are unique per person, unit and role. */
export async function assignRole(
  db: Db,
  params: { personId: number; unitId: number; role: RoleKind; title: string | null; keepTitle?: boolean },
): Promise<void> {
  const { keepTitle, ...values } = params;
  await db
    .insert(unitRoles)
    .values(values)
    .onConflictDoUpdate({
      target: [unitRoles.personId, unitRoles.unitId, unitRoles.role],
      set: { title: keepTitle ? sql`${unitRoles.title}` : params.title, endedAt: null, updatedAt: sql`now()` },
    });
}

/** A person's current roles with the units they hold them in, for routing and permissions. */
export async function listRolesOfPerson(
  db: Db,
  personId: number,
): Promise<{ role: RoleKind; title: string | null; unitId: number; unitName: string; unitCode: string; unitPath: string }[]> {
  return db
    .select({ role: unitRoles.role, title: unitRoles.title, unitId: orgUnits.id, unitName: orgUnits.name, unitCode: orgUnits.code, unitPath: orgUnits.path })
    .from(unitRoles)
    .innerJoin(orgUnits, eq(orgUnits.id, unitRoles.unitId))
    .where(and(eq(unitRoles.personId, personId), isNull(unitRoles.endedAt)))
    .orderBy(orgUnits.code);
}

export async function findPerson(db: Db, personId: number): Promise<PersonRow | undefined> {
  const [row] = await db.select().from(people).where(eq(people.id, personId));
  return row;
}

/** Creates a person known only by the name their chat account shows (an invitation for a role, not a person). */
export async function createPerson(db: Db, fullName: string): Promise<PersonRow> {
  const [row] = await db.insert(people).values({ fullName }).returning();
  if (!row) throw new Error('insert into people returned no row');
  return row;
}
