import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { ChannelKind, RoleKind } from '../core/domain.js';
import { reportingMonth, type ScheduleRules } from '../core/schedule.js';
import { isoDate } from '../core/time.js';
import type { Db } from '../storage/client.js';
import { bindAccountToPerson, touchAccount } from '../storage/queries/channel-accounts.js';
import { findReportByUnitPeriod, findPeriodForUnit } from '../storage/queries/reports.js';
import { findRulesForUnitPath } from '../storage/queries/schedules.js';
import { channelAccounts, orgUnits, people, unitRoles } from '../storage/schema/index.js';

/**
 * Signs the terminal in as a demo person holding `role` (in the given unit, or one chosen so the
 * try-out has something to do), so anyone can try the conversation without an invitation.
 * For a secretary the unit is one with models that has NOT sent its REPORTING month's report at
 * `at` (the previous month until the period opens): the same person as last time if their report
 * is still unsent, else a unit that has not begun it, a chi bộ before a committee. Null when
 * nobody holds the role.
 */
export async function bindDemoAccount(
  db: Db,
  params: { channel: ChannelKind; role: RoleKind; unitCode?: string; at: Date; timeZone: string },
): Promise<{ externalUserId: string; displayName: string; unitName: string } | null> {
  const holders = await db
    .select({
      personId: people.id,
      fullName: people.fullName,
      unitId: orgUnits.id,
      unitName: orgUnits.name,
      unitPath: orgUnits.path,
      hasModels: sql<boolean>`exists (select 1 from models m where m.unit_id = ${orgUnits.id} and m.status = 'active')`,
      signedInBefore: sql<boolean>`exists (select 1 from ${channelAccounts} a where a.person_id = ${people.id} and a.channel = ${params.channel})`,
    })
    .from(unitRoles)
    .innerJoin(people, eq(people.id, unitRoles.personId))
    .innerJoin(orgUnits, eq(orgUnits.id, unitRoles.unitId))
    .where(and(eq(unitRoles.role, params.role), isNull(unitRoles.endedAt), isNull(orgUnits.dissolvedOn), params.unitCode ? eq(orgUnits.code, params.unitCode) : undefined))
    .orderBy(sql`${orgUnits.kind} = 'chi_bo' desc`, asc(orgUnits.code));
  if (holders.length === 0) return null;

  let holder = holders[0]!;
  if (params.role === 'secretary' || params.role === 'deputy') {
    const rulesByRoot = new Map<string, ScheduleRules>();
    const rank = async (h: (typeof holders)[number]): Promise<number> => {
      if (!h.hasModels) return 9;
      const root = h.unitPath.split('/')[1]!;
      let rules = rulesByRoot.get(root);
      if (!rules) rulesByRoot.set(root, (rules = (await findRulesForUnitPath(db, h.unitPath)).rules));
      const { year, month } = reportingMonth(params.at, rules, params.timeZone);
      const period = await findPeriodForUnit(db, { unitId: h.unitId, startsOn: isoDate(year, month, 1) });
      const report = period ? await findReportByUnitPeriod(db, { unitId: h.unitId, periodId: period.id }) : undefined;
      if (report?.status === 'submitted') return 8;
      if (h.signedInBefore) return 0;
      return report ? 2 : 1;
    };
    // Whoever signed in before comes first; otherwise the first clean unit ends the search.
    const ordered = [...holders.filter((h) => h.signedInBefore), ...holders.filter((h) => !h.signedInBefore)];
    let best = 10;
    for (const h of ordered) {
      const r = await rank(h);
      if (r < best) [best, holder] = [r, h];
      if (best === 0 || (best === 1 && !h.signedInBefore)) break;
    }
  }
  const externalUserId = `demo-${params.role}-${holder.personId}`;
  const account = await touchAccount(db, { channel: params.channel, externalUserId, chatId: externalUserId, displayName: holder.fullName, at: params.at });
  await bindAccountToPerson(db, { accountId: account.id, personId: holder.personId });
  return { externalUserId, displayName: holder.fullName, unitName: holder.unitName };
}
