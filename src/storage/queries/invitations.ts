import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { RoleKind } from '../../core/domain.js';
import type { Db } from '../client.js';
import { channelAccounts, invitations, orgUnits, people, unitRoles } from '../schema/index.js';
import type { InvitationRow } from '../types.js';

/** Stores a new invitation by the hash of its code (the code itself is shown once and never stored). */
export async function insertInvitation(
  db: Db,
  params: { codeHash: string; unitId: number; role: RoleKind; personId?: number | null; createdByPersonId?: number | null; expiresAt: Date; createdAt: Date },
): Promise<InvitationRow> {
  const [row] = await db.insert(invitations).values(params).returning();
  if (!row) throw new Error('insert into invitations returned no row');
  return row;
}

/** The invitation with this code hash, locked so two people cannot use it at the same moment. */
export async function lockInvitationByHash(db: Db, codeHash: string): Promise<InvitationRow | undefined> {
  const [row] = await db.select().from(invitations).where(eq(invitations.codeHash, codeHash)).for('update');
  return row;
}

export async function markInvitationUsed(db: Db, params: { id: number; accountId: number; at: Date }): Promise<void> {
  await db.update(invitations).set({ usedAt: params.at, usedByAccountId: params.accountId }).where(eq(invitations.id, params.id));
}

/** An invitation still usable: not used, not revoked, not expired at `now`. */
const outstanding = (now: Date) => and(isNull(invitations.usedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, now));

/** One invitation waiting to be used, with who and where it is for. */
export interface OutstandingInvitation {
  id: number;
  role: RoleKind;
  unitId: number;
  unitCode: string;
  unitName: string;
  personId: number | null;
  personName: string | null;
  createdByName: string | null;
  createdAt: Date;
  expiresAt: Date;
}

/** The invitations not used, not expired and not revoked, for units in a subtree (by path), newest first. */
export async function listOutstandingInvitations(db: Db, p: { subtreePath: string; now: Date }): Promise<OutstandingInvitation[]> {
  const creator = alias(people, 'creator');
  return db
    .select({
      id: invitations.id, role: invitations.role, unitId: invitations.unitId, unitCode: orgUnits.code, unitName: orgUnits.name,
      personId: invitations.personId, personName: people.fullName, createdByName: creator.fullName, createdAt: invitations.createdAt, expiresAt: invitations.expiresAt,
    })
    .from(invitations)
    .innerJoin(orgUnits, eq(orgUnits.id, invitations.unitId))
    .leftJoin(people, eq(people.id, invitations.personId))
    .leftJoin(creator, eq(creator.id, invitations.createdByPersonId))
    .where(and(outstanding(p.now), sql`${orgUnits.path} like ${p.subtreePath} || '%'`))
    .orderBy(sql`${invitations.createdAt} desc`, sql`${invitations.id} desc`);
}

/** An invitation by id with its unit's path (to check the admin's scope). */
export async function findInvitation(db: Db, id: number): Promise<(InvitationRow & { unitPath: string; unitName: string }) | undefined> {
  const [row] = await db
    .select({ invitation: invitations, unitPath: orgUnits.path, unitName: orgUnits.name })
    .from(invitations)
    .innerJoin(orgUnits, eq(orgUnits.id, invitations.unitId))
    .where(eq(invitations.id, id));
  return row ? { ...row.invitation, unitPath: row.unitPath, unitName: row.unitName } : undefined;
}

/** Revokes an invitation that is still usable; false when it was used, expired or revoked already. */
export async function revokeInvitationRow(db: Db, p: { id: number; byPersonId: number; at: Date }): Promise<boolean> {
  const rows = await db
    .update(invitations)
    .set({ revokedAt: p.at, revokedByPersonId: p.byPersonId })
    .where(and(eq(invitations.id, p.id), outstanding(p.at)))
    .returning({ id: invitations.id });
  return rows.length > 0;
}

/** Revokes every usable invitation for one person, unit and role (a new one replaces them); their ids. */
export async function revokeOutstandingFor(db: Db, p: { personId: number; unitId: number; role: RoleKind; byPersonId: number; at: Date }): Promise<number[]> {
  const rows = await db
    .update(invitations)
    .set({ revokedAt: p.at, revokedByPersonId: p.byPersonId })
    .where(and(eq(invitations.personId, p.personId), eq(invitations.unitId, p.unitId), eq(invitations.role, p.role), outstanding(p.at)))
    .returning({ id: invitations.id });
  return rows.map((r) => r.id);
}

/** A secretary or deputy of a unit who has no chat account yet (nobody pressed Start for them). */
export interface UnboundReporter {
  personId: number;
  personName: string;
  role: RoleKind;
  unitId: number;
  unitCode: string;
  unitName: string;
  unitPath: string;
  activeModels: number;
}

/** Current secretaries and deputies of active units in a subtree with no chat account bound, in tree order. */
export async function listUnboundReporters(db: Db, p: { subtreePath: string }): Promise<UnboundReporter[]> {
  return db
    .select({
      personId: people.id, personName: people.fullName, role: unitRoles.role, unitId: orgUnits.id, unitCode: orgUnits.code,
      unitName: orgUnits.name, unitPath: orgUnits.path, activeModels: orgUnits.activeModels,
    })
    .from(unitRoles)
    .innerJoin(orgUnits, eq(orgUnits.id, unitRoles.unitId))
    .innerJoin(people, eq(people.id, unitRoles.personId))
    .where(
      and(
        isNull(unitRoles.endedAt),
        isNull(orgUnits.dissolvedOn),
        sql`${unitRoles.role} in ('secretary', 'deputy')`,
        sql`${orgUnits.path} like ${p.subtreePath} || '%'`,
        sql`not exists (select 1 from ${channelAccounts} where ${channelAccounts.personId} = ${people.id})`,
      ),
    )
    .orderBy(orgUnits.path, sql`case when ${unitRoles.role} = 'secretary' then 0 else 1 end`, people.fullName);
}

/** Everyone holding (or having held) a role in a unit, with whether they have a chat account: the console's invitation form. */
export async function listUnitRoleHolders(db: Db, unitId: number): Promise<{ personId: number; personName: string; role: RoleKind; endedAt: Date | null; bound: boolean }[]> {
  return db
    .select({
      personId: people.id, personName: people.fullName, role: unitRoles.role, endedAt: unitRoles.endedAt,
      bound: sql<boolean>`exists (select 1 from ${channelAccounts} where ${channelAccounts.personId} = ${people.id})`,
    })
    .from(unitRoles)
    .innerJoin(people, eq(people.id, unitRoles.personId))
    .where(eq(unitRoles.unitId, unitId))
    .orderBy(sql`${unitRoles.endedAt} is not null`, unitRoles.role, people.fullName);
}
