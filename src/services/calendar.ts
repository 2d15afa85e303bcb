import { readCalendarForm, calendarPreview, type CalendarFormValues, type CalendarPreviewLine, type CalendarProblems } from '../core/calendar-form.js';
import { NotFoundError } from '../core/errors.js';
import type { ScheduleRules } from '../core/schedule.js';
import { calendarParts } from '../core/format.js';
import { shiftMonth } from '../core/time.js';
import type { Db } from '../storage/client.js';
import { findUnitById } from '../storage/queries/org-units.js';
import { readScheduleWithVersion, replaceScheduleRules } from '../storage/queries/schedules.js';
import type { OrgUnitRow } from '../storage/types.js';

/** The calendar of an organisation as the console's form opens it: the rules, their version, the organisation. */
export interface CalendarView {
  organisation: OrgUnitRow;
  rules: ScheduleRules;
  version: Date | null;
}

/** The organisation's calendar to edit (404 for a unit that is not a root). */
export async function loadCalendar(db: Db, scopeUnitId: number): Promise<CalendarView> {
  const organisation = await findUnitById(db, scopeUnitId);
  if (!organisation || organisation.parentId !== null) throw new NotFoundError('organisation', String(scopeUnitId));
  const { rules, version } = await readScheduleWithVersion(db, scopeUnitId);
  return { organisation, rules, version };
}

/** The month after the one `now` falls in (local time): the month the console's preview shows. */
export function previewMonth(now: Date, timeZone: string): { year: number; month: number } {
  return shiftMonth(calendarParts(now, timeZone), 1);
}

/** Checks a typed calendar and, when it holds, what it would do next month: nothing is stored. */
export function previewCalendar(form: CalendarFormValues, p: { now: Date; timeZone: string }): { problems: CalendarProblems } | { rules: ScheduleRules; month: { year: number; month: number }; lines: CalendarPreviewLine[] } {
  const read = readCalendarForm(form);
  if ('problems' in read) return read;
  const month = previewMonth(p.now, p.timeZone);
  return { rules: read.rules, month, lines: calendarPreview(month, read.rules, p.timeZone) };
}

/**
 * Saves a typed calendar for an organisation if it holds and nobody saved another since the
 * editor read it (`version`); call inside the action's transaction, which also writes the audit
 * entry with the before and after returned here.
 */
export async function saveCalendar(
  tx: Db,
  p: { scopeUnitId: number; form: CalendarFormValues; version: Date | null; at: Date },
): Promise<{ problems: CalendarProblems } | { conflict: true } | { before: ScheduleRules; after: ScheduleRules; version: Date }> {
  const read = readCalendarForm(p.form);
  if ('problems' in read) return read;
  const current = await readScheduleWithVersion(tx, p.scopeUnitId, { lock: true });
  const same = current.version === null ? p.version === null : p.version !== null && current.version.getTime() === p.version.getTime();
  if (!same) return { conflict: true };
  const version = await replaceScheduleRules(tx, { scopeUnitId: p.scopeUnitId, rules: read.rules, version: current.version, at: p.at });
  if (!version) return { conflict: true };
  return { before: current.rules, after: read.rules, version };
}
