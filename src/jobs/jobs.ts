/**
 * The scheduled jobs, declared as data: for an organisation and an instant, which slots are due
 * (pure rules in core/schedule-slots.ts) and how to queue a slot's messages. Every `run` is
 * idempotent: what it queues carries the slot's key in its de-duplication key.
 */
import { formatDate, formatMonth } from '../core/format.js';
import { monthlyPeriodDates, reportingMonth } from '../core/schedule.js';
import { dueDigestSlot, dueMonthlySlots, dueReviewNotice, type MonthRef } from '../core/schedule-slots.js';
import { monthKey } from '../core/figures/arithmetic.js';
import type { DigestFigures } from '../core/figures/types.js';
import { loadDigestFigures } from '../storage/queries/figures.js';
import { loadDigestQuestionLines } from '../storage/queries/question-answers.js';
import { enqueueOutbound } from '../storage/queries/outbound-messages.js';
import { localDaysBetween } from '../core/time.js';
import type { NoticePayload, QuietHours } from '../core/notices.js';
import type { Database } from '../storage/client.js';
import { upsertMonthlyPeriod } from '../storage/queries/periods.js';
import { listUpcomingReviewDeadlines } from '../storage/queries/review-deadlines.js';
import type { OrganisationSchedule } from '../storage/queries/schedules.js';
import {
  countLateUnitAudience,
  countReviewNoticeAudience,
  countUnitNoticeAudience,
  listLeaderRecipients,
  queueLateUnitNotices,
  queueReviewNotices,
  queueUnitNotices,
} from '../storage/queries/scheduled-messages.js';
import type { SlotAudience } from '../core/tick-explanations.js';
import type { PeriodRow } from '../storage/types.js';

/** What every job is given: the database, the instant it runs for, and the organisation's zone. */
export interface JobContext {
  db: Database;
  now: Date;
  timeZone: string;
}

/** One send of one job (a reminder of one period, say), identified by its key. */
export interface JobSlot {
  key: string;
}

export interface JobSpec<S extends JobSlot = JobSlot> {
  name: string;
  /** The slots due at `ctx.now` for this organisation. */
  due(org: OrganisationSchedule, ctx: JobContext): Promise<S[]>;
  /** Queues the slot's messages; returns how many were new. */
  run(org: OrganisationSchedule, slot: S, ctx: JobContext): Promise<number>;
  /** Counts the slot's audience when `run` queued nothing, so the tick can say why. */
  audience?(org: OrganisationSchedule, slot: S, ctx: JobContext): Promise<SlotAudience>;
}

function defineJob<S extends JobSlot>(spec: JobSpec<S>): JobSpec {
  return spec as unknown as JobSpec;
}

/** Escalations list at most this many units by name; the total is always given. */
const LATE_UNITS_SHOWN = 30;

function quietOf(org: OrganisationSchedule): QuietHours {
  return { fromHour: org.rules.quietFromHour, untilHour: org.rules.quietUntilHour };
}

async function periodOf(org: OrganisationSchedule, ref: MonthRef, ctx: JobContext): Promise<{ period: PeriodRow; label: string; due: string }> {
  const period = await upsertMonthlyPeriod(ctx.db, { scopeUnitId: org.scopeUnitId, ...monthlyPeriodDates(ref.year, ref.month, org.rules, ctx.timeZone) });
  return { period, label: formatMonth(ref.year, ref.month), due: formatDate(period.dueAt, ctx.timeZone) };
}

type MonthlyJob = JobSpec<ReturnType<typeof dueMonthlySlots>[number]>;

function monthlyJob(job: 'period-open' | 'reminder' | 'escalation', run: MonthlyJob['run']): JobSpec {
  const audience: MonthlyJob['audience'] = async (org, slot, ctx) => {
    const { period } = await periodOf(org, slot.period, ctx);
    const count = job === 'escalation' ? countLateUnitAudience : countUnitNoticeAudience;
    return count(ctx.db, { scopeUnitId: org.scopeUnitId, periodId: period.id });
  };
  return defineJob({
    name: job,
    due: async (org, ctx) => dueMonthlySlots(ctx.now, org.rules, ctx.timeZone).filter((s) => s.job === job),
    run,
    audience,
  });
}

/** The organisation's jobs, in the order a tick runs them. */
export const ORGANISATION_JOBS: readonly JobSpec[] = [
  monthlyJob('period-open', async (org, slot, ctx) => {
    const { period, label, due } = await periodOf(org, slot.period, ctx);
    return queueUnitNotices(ctx.db, {
      notice: 'period-open', scopeUnitId: org.scopeUnitId, periodId: period.id, slotKey: slot.key,
      periodLabel: label, dueLabel: due, daysLeft: 0, quiet: quietOf(org), now: ctx.now,
    });
  }),
  monthlyJob('reminder', async (org, slot, ctx) => {
    const { period, label, due } = await periodOf(org, slot.period, ctx);
    return queueUnitNotices(ctx.db, {
      notice: 'reminder', scopeUnitId: org.scopeUnitId, periodId: period.id, slotKey: slot.key,
      periodLabel: label, dueLabel: due, daysLeft: slot.job === 'reminder' ? slot.daysBefore : 0, quiet: quietOf(org), now: ctx.now,
    });
  }),
  monthlyJob('escalation', async (org, slot, ctx) => {
    const { period, label, due } = await periodOf(org, slot.period, ctx);
    return queueLateUnitNotices(ctx.db, {
      scopeUnitId: org.scopeUnitId, periodId: period.id, slotKey: slot.key, periodLabel: label, dueLabel: due,
      quiet: quietOf(org), now: ctx.now, shown: LATE_UNITS_SHOWN,
    });
  }),
  defineJob({
    name: 'review-notice',
    due: async (org, ctx) => {
      const deadlines = await listUpcomingReviewDeadlines(ctx.db, { organisationPath: org.path, now: ctx.now });
      return deadlines.flatMap((deadline) => {
        // A deadline with its own notice days uses them; the others the organisation's.
        const rules = deadline.noticeDaysBefore ? { ...org.rules, reviewNoticeDaysBefore: deadline.noticeDaysBefore } : org.rules;
        const slot = dueReviewNotice(ctx.now, deadline, rules, ctx.timeZone);
        return slot ? [{ ...slot, deadline }] : [];
      });
    },
    run: async (org, slot, ctx) =>
      queueReviewNotices(ctx.db, {
        deadlineId: slot.deadline.id, scopeUnitId: slot.deadline.scopeUnitId, slotKey: slot.key, title: slot.deadline.title,
        dueLabel: formatDate(slot.deadline.dueAt, ctx.timeZone), daysLeft: localDaysBetween(ctx.now, slot.deadline.dueAt, ctx.timeZone),
        quiet: quietOf(org), now: ctx.now,
      }),
    audience: async (_org, slot, ctx) => countReviewNoticeAudience(ctx.db, { scopeUnitId: slot.deadline.scopeUnitId }),
  }),
  defineJob({
    name: 'digest',
    due: async (org, ctx) => {
      const slot = dueDigestSlot(ctx.now, org.rules, ctx.timeZone);
      return slot ? [slot] : [];
    },
    run: async (org, slot, ctx) => {
      // The digest is about the month secretaries are reporting on now (this one once it has opened).
      const { year, month } = reportingMonth(ctx.now, org.rules, ctx.timeZone);
      const figuresByUnit = new Map<number, DigestFigures>();
      let queued = 0;
      for (const r of await listLeaderRecipients(ctx.db, { organisationPath: org.path })) {
        let figures = figuresByUnit.get(r.unitId);
        if (!figures) {
          const figuresMonth = monthKey(year, month);
          figures = { ...(await loadDigestFigures(ctx.db, { unitId: r.unitId, month: figuresMonth, now: ctx.now })), questionLines: await loadDigestQuestionLines(ctx.db, { unitId: r.unitId, month: figuresMonth }) };
          figuresByUnit.set(r.unitId, figures);
        }
        const payload: NoticePayload = { notice: 'digest', quiet: quietOf(org), params: { person: r.person, timeZone: ctx.timeZone, figures } };
        const dedupeKey = `${slot.key}:u${r.unitId}:a${r.accountId}`;
        queued += (await enqueueOutbound(ctx.db, [{ accountId: r.accountId, purpose: 'digest', dedupeKey, payload }], ctx.now)).length;
      }
      return queued;
    },
    audience: async (org, _slot, ctx) => ({ reachableLeaders: (await listLeaderRecipients(ctx.db, { organisationPath: org.path })).length }),
  }),
];
