import { describeError } from '../core/errors.js';
import { formatDate, formatMonth } from '../core/format.js';
import type { NoticePayload } from '../core/notices.js';
import { DEFAULT_SCHEDULE_RULES, isQuietTime, nextAllowedInstant, type ScheduleRules } from '../core/schedule.js';
import { nextScheduledSlot, type NextSlot } from '../core/schedule-slots.js';
import { explainNothingQueued, type NothingQueuedReason } from '../core/tick-explanations.js';
import { localDaysBetween } from '../core/time.js';
import type { Logger } from '../log.js';
import type { Database } from '../storage/client.js';
import { findSlotRun, markSlotDone } from '../storage/queries/job-runs.js';
import { enqueueOutbound } from '../storage/queries/outbound-messages.js';
import { listOrganisationSchedules, type OrganisationSchedule } from '../storage/queries/schedules.js';
import { listDueSnoozes } from '../storage/queries/snoozes.js';
import { ORGANISATION_JOBS, type JobSpec } from './jobs.js';

/**
 * What one tick did: each slot worked through, with how many messages it queued (and, when none,
 * why), the slots due but already worked through earlier, each organisation's quiet hours and
 * next send (to explain a tick that found nothing), and what failed.
 */
export interface TickReport {
  at: Date;
  slots: { organisation: string; job: string; slot: string; queued: number; why?: NothingQueuedReason }[];
  /** Slots due at this instant that an earlier tick already worked through: nothing is sent twice. */
  earlier: { organisation: string; job: string; slot: string; queued: number; at: Date }[];
  organisations: { code: string; quiet: { fromHour: number; untilHour: number } | null; next: NextSlot }[];
  snoozed: number;
  failures: { organisation: string; job: string; error: string }[];
}

/**
 * Runs every job due at `now` for every organisation, then the reminders put off with «Nhắc lại
 * sau». Safe to run any number of times, at any instants, on several instances at once: slots
 * already worked through are skipped, and the outbox refuses a message queued twice. A failure
 * in one organisation's job is logged and reported, and the others still run.
 */
export async function runTick(db: Database, deps: { now: Date; timeZone: string; log?: Logger; jobs?: readonly JobSpec[] }): Promise<TickReport> {
  const ctx = { db, now: deps.now, timeZone: deps.timeZone };
  const report: TickReport = { at: deps.now, slots: [], earlier: [], organisations: [], snoozed: 0, failures: [] };
  let organisations: OrganisationSchedule[];
  try {
    organisations = await listOrganisationSchedules(db);
  } catch (error) {
    report.failures.push({ organisation: '*', job: 'schedules', error: describeError(error) });
    deps.log?.error({ err: error }, 'tick: could not read the schedules');
    return report;
  }
  for (const org of organisations) {
    const quiet = isQuietTime(deps.now, org.rules, deps.timeZone);
    report.organisations.push({
      code: org.code,
      quiet: quiet ? { fromHour: org.rules.quietFromHour, untilHour: org.rules.quietUntilHour } : null,
      next: nextScheduledSlot(deps.now, org.rules, deps.timeZone),
    });
    for (const job of deps.jobs ?? ORGANISATION_JOBS) {
      try {
        for (const slot of await job.due(org, ctx)) {
          const earlier = await findSlotRun(db, { scopeUnitId: org.scopeUnitId, slotKey: slot.key });
          if (earlier) {
            report.earlier.push({ organisation: org.code, job: job.name, slot: slot.key, queued: earlier.queued, at: earlier.finishedAt });
            continue;
          }
          const queued = await job.run(org, slot, ctx);
          await markSlotDone(db, { scopeUnitId: org.scopeUnitId, slotKey: slot.key, queued, at: deps.now });
          const why = queued === 0 && job.audience ? explainNothingQueued(job.name, await job.audience(org, slot, ctx)) : undefined;
          report.slots.push({ organisation: org.code, job: job.name, slot: slot.key, queued, ...(why ? { why } : {}) });
          deps.log?.info(
            { organisation: org.code, job: job.name, slot: slot.key, queued, ...(why ? { why: why.reason } : {}) },
            `tick: ${job.name} queued ${queued} message(s)${why ? ` (${why.reason})` : ''}`,
          );
        }
      } catch (error) {
        report.failures.push({ organisation: org.code, job: job.name, error: describeError(error) });
        deps.log?.error({ err: error, organisation: org.code, job: job.name }, `tick: ${job.name} failed for ${org.code}`);
      }
    }
  }
  try {
    report.snoozed = await queueSnoozedReminders(db, { ...deps, rules: DEFAULT_SCHEDULE_RULES });
  } catch (error) {
    report.failures.push({ organisation: '*', job: 'snooze', error: describeError(error) });
    deps.log?.error({ err: error }, 'tick: snoozed reminders failed');
  }
  return report;
}

/** The reminders whose «Nhắc lại sau» time has come, for reports still unsent; each goes once. */
async function queueSnoozedReminders(db: Database, deps: { now: Date; timeZone: string; rules: ScheduleRules }): Promise<number> {
  if (nextAllowedInstant(deps.now, deps.rules, deps.timeZone).getTime() !== deps.now.getTime()) return 0;
  const due = await listDueSnoozes(db, { now: deps.now });
  const queued = await enqueueOutbound(
    db,
    due.map((s) => {
      const [year, month] = s.startsOn.split('-').map(Number) as [number, number];
      const payload: NoticePayload = {
        notice: 'reminder',
        quiet: { fromHour: deps.rules.quietFromHour, untilHour: deps.rules.quietUntilHour },
        params: {
          person: s.person, unit: s.unit, unitId: s.unitId, periodId: s.periodId, period: formatMonth(year, month), due: formatDate(s.dueAt, deps.timeZone),
          daysLeft: localDaysBetween(deps.now, s.dueAt, deps.timeZone), started: s.started,
        },
      };
      return { accountId: s.accountId, purpose: 'reminder', dedupeKey: `snooze:${s.id}`, payload };
    }),
    deps.now,
  );
  return queued.length;
}
