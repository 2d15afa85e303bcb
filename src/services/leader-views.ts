import { formatCount, formatDate, formatMonth, formatPercent } from '../core/format.js';
import { composeDigest } from '../core/digest.js';
import { monthKey } from '../core/figures/arithmetic.js';
import { vi } from '../core/messages/vi.js';
import { monthlyPeriodDates, reportingMonth } from '../core/schedule.js';
import { isoDate } from '../core/time.js';
import type { Db } from '../storage/client.js';
import { findUnitByCode } from '../storage/queries/org-units.js';
import { loadDigestFigures } from '../storage/queries/figures.js';
import { loadDigestQuestionLines } from '../storage/queries/question-answers.js';
import { findPerson, listRolesOfPerson } from '../storage/queries/people.js';
import { findRulesForUnitPath } from '../storage/queries/schedules.js';
import { listUnitMonths, listUnsentUnits } from '../storage/queries/unit-status.js';
import type { PlannedReply } from '../delivery/payload.js';

interface ViewDeps {
  now: Date;
  timeZone: string;
}

/** How many units /chuanop names before "… và N đơn vị khác". */
const UNSENT_SHOWN = 40;

/** The units a person leads (leader or admin): they see these subtrees and nothing else. */
async function ledUnits(db: Db, personId: number) {
  return (await listRolesOfPerson(db, personId)).filter((r) => r.role === 'leader' || r.role === 'admin');
}

/** /chuanop: for each unit the person leads, who has not sent this month's report. */
export async function describeUnsent(db: Db, p: { personId: number } & ViewDeps): Promise<PlannedReply[]> {
  const units = await ledUnits(db, p.personId);
  if (units.length === 0) return [{ text: vi.leader.notLeader }];
  const parts: string[] = [];
  for (const unit of units) {
    const { rules } = await findRulesForUnitPath(db, unit.unitPath);
    const { year, month } = reportingMonth(p.now, rules, p.timeZone);
    const period = formatMonth(year, month);
    const unsent = await listUnsentUnits(db, { unitPath: unit.unitPath, month: isoDate(year, month, 1), limit: UNSENT_SHOWN });
    if (unsent.total === 0) {
      parts.push(vi.leader.allSent(unit.unitName, period));
      continue;
    }
    const due = formatDate(monthlyPeriodDates(year, month, rules, p.timeZone).dueAt, p.timeZone);
    parts.push(
      [
        vi.leader.unsentTitle({ unit: unit.unitName, period, due, total: unsent.total }),
        ...unsent.units.map((u) => vi.leader.unsentLine(u)),
        ...(unsent.total > unsent.units.length ? [vi.leader.more(unsent.total - unsent.units.length)] : []),
      ].join('\n'),
    );
  }
  return [{ text: parts.join('\n\n') }];
}

/** /tonghop: the weekly digest of each live unit the person leads, as of now. */
export async function describeDigest(db: Db, p: { personId: number } & ViewDeps): Promise<PlannedReply[]> {
  const units = await ledUnits(db, p.personId);
  if (units.length === 0) return [{ text: vi.leader.notLeader }];
  const person = (await findPerson(db, p.personId))?.fullName ?? '';
  const replies: PlannedReply[] = [];
  for (const unit of units) {
    const { rules } = await findRulesForUnitPath(db, unit.unitPath);
    const reporting = reportingMonth(p.now, rules, p.timeZone);
    const month = monthKey(reporting.year, reporting.month);
    const figures = { ...(await loadDigestFigures(db, { unitId: unit.unitId, month, now: p.now })), questionLines: await loadDigestQuestionLines(db, { unitId: unit.unitId, month }) };
    replies.push({ text: composeDigest(figures, { person, timeZone: p.timeZone }).text });
  }
  return replies;
}

/** /donvi <code>: one unit's recent months, for a leader above it or the unit's own secretary. */
export async function describeUnit(db: Db, p: { personId: number; code: string | null } & ViewDeps): Promise<PlannedReply[]> {
  if (!p.code) return [{ text: vi.leader.unitUsage }];
  const code = p.code.trim().split(/\s+/)[0]!.toUpperCase();
  const unit = await findUnitByCode(db, code);
  if (!unit) return [{ text: vi.leader.unitNotFound(code) }];
  const roles = await listRolesOfPerson(db, p.personId);
  const allowed = roles.some((r) =>
    r.role === 'leader' || r.role === 'admin' ? unit.path.startsWith(r.unitPath) : r.unitId === unit.id,
  );
  if (!allowed) return [{ text: vi.leader.unitForbidden(code) }];
  const months = await listUnitMonths(db, { unitId: unit.id, unitPath: unit.path, months: 6, now: p.now });
  if (months.length === 0) return [{ text: `${vi.leader.unitTitle(unit.name, unit.code)}\n${vi.leader.unitNoMonths}` }];
  const lines = months.map((m) => {
    const [year, month] = m.month.split('-').map(Number) as [number, number];
    const period = formatMonth(year, month);
    if (m.status !== 'submitted' || !m.submittedAt) {
      return vi.leader.monthMissing({ period, started: m.status === 'draft', overdue: p.now.getTime() > m.dueAt.getTime() });
    }
    const head = vi.leader.monthSubmitted({ period, at: formatDate(m.submittedAt, p.timeZone), late: m.submittedAt.getTime() > m.dueAt.getTime() });
    if (m.noActivity) return `${head} · ${vi.leader.noActivity}`;
    const facts = [
      m.meetingsHeld !== null ? vi.leader.meetings(formatCount(m.meetingsHeld)) : null,
      m.membersPresent !== null && m.membersTotal ? vi.leader.attendance(formatCount(m.membersPresent), formatCount(m.membersTotal), formatPercent(m.membersPresent / m.membersTotal)) : null,
      m.activities !== null ? vi.leader.activities(formatCount(m.activities), formatCount(m.participants ?? 0)) : null,
    ].filter((f): f is string => f !== null);
    return [head, ...facts].join(' · ');
  });
  return [{ text: [vi.leader.unitTitle(unit.name, unit.code), ...lines].join('\n') }];
}
