import { and, asc, eq, sql } from 'drizzle-orm';
import type { ChannelKind, RoleKind } from '../core/domain.js';
import type { Db } from '../storage/client.js';
import { bindAccountToPerson, touchAccount } from '../storage/queries/channel-accounts.js';
import { orgUnits, people, unitRoles } from '../storage/schema/index.js';

/**
 * Signs the terminal in as a demo person holding `role` (in the given unit, or one whose unit
 * still has this month to report), so anyone can try the conversation without an invitation.
 * Null when nobody holds the role.
 */
export async function bindDemoAccount(
  db: Db,
  params: { channel: ChannelKind; role: RoleKind; unitCode?: string; at: Date },
): Promise<{ externalUserId: string; displayName: string; unitName: string } | null> {
  const [holder] = await db
    .select({ personId: people.id, fullName: people.fullName, unitName: orgUnits.name })
    .from(unitRoles)
    .innerJoin(people, eq(people.id, unitRoles.personId))
    .innerJoin(orgUnits, eq(orgUnits.id, unitRoles.unitId))
    .where(and(eq(unitRoles.role, params.role), params.unitCode ? eq(orgUnits.code, params.unitCode) : undefined))
    // Prefer a unit with models that has not reported the latest month yet: the demo has something to do.
    .orderBy(
      sql`exists (select 1 from models m where m.unit_id = ${orgUnits.id}) desc`,
      sql`exists (select 1 from reports r join periods p on p.id = r.period_id
                  where r.unit_id = ${orgUnits.id} and p.starts_on = (select max(starts_on) from periods)) asc`,
      asc(orgUnits.code),
    )
    .limit(1);
  if (!holder) return null;
  const externalUserId = `demo-${params.role}-${holder.personId}`;
  const account = await touchAccount(db, { channel: params.channel, externalUserId, chatId: externalUserId, displayName: holder.fullName, at: params.at });
  await bindAccountToPerson(db, { accountId: account.id, personId: holder.personId });
  return { externalUserId, displayName: holder.fullName, unitName: holder.unitName };
}
