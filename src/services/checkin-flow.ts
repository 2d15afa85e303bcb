import { DEFAULT_QUESTION_SET, type QuestionSetDefinition } from '../core/checkin/question-set.js';
import { advance, reopenForEdit, resumeCheckin, startCheckin } from '../core/checkin/engine.js';
import { toReportFigures } from '../core/checkin/report-figures.js';
import type { AdvanceResult, CheckinContext, CheckinInput, CheckinState } from '../core/checkin/types.js';
import { formatDate, formatMonth } from '../core/format.js';
import { vi } from '../core/messages/vi.js';
import { DEFAULT_MONTHLY_SCHEDULE, monthlyPeriodDates, reportingMonth } from '../core/schedule.js';
import { isoDate } from '../core/time.js';
import type { Db } from '../storage/client.js';
import { recordAudit } from '../storage/queries/audit.js';
import { activateConversation, findConversationFor, openConversation, saveConversation } from '../storage/queries/conversations.js';
import { listActiveModels } from '../storage/queries/models.js';
import { findUnitById } from '../storage/queries/org-units.js';
import { findPerson } from '../storage/queries/people.js';
import { findPeriod, upsertMonthlyPeriod } from '../storage/queries/periods.js';
import { findQuestionSet, latestDefaultQuestionSet } from '../storage/queries/question-sets.js';
import { ensureDraftReport, findPeriodForUnit, findReport, findReportByUnitPeriod, submitReport } from '../storage/queries/reports.js';
import type { ChannelAccountRow, ConversationRow, PeriodRow, ReportRow } from '../storage/types.js';
import type { PlannedReply } from './replies.js';

/** What a check-in conversation row keeps: the engine's state and the models it asks about. */
export interface StoredCheckin {
  checkin: CheckinState;
  models: { id: number; title: string }[];
}

interface FlowDeps {
  now: Date;
  timeZone: string;
}

/** The period a unit reports in now, created on demand from the default schedule if the scheduler has not yet. */
async function currentPeriod(db: Db, unitId: number, deps: FlowDeps): Promise<PeriodRow> {
  const { year, month } = reportingMonth(deps.now, DEFAULT_MONTHLY_SCHEDULE, deps.timeZone);
  const found = await findPeriodForUnit(db, { unitId, startsOn: isoDate(year, month, 1) });
  if (found) return found;
  const unit = await findUnitById(db, unitId);
  const rootId = Number(unit!.path.split('/')[1]);
  return upsertMonthlyPeriod(db, { scopeUnitId: rootId, ...monthlyPeriodDates(year, month, DEFAULT_MONTHLY_SCHEDULE, deps.timeZone) });
}

async function buildContext(db: Db, p: { personId: number; unitId: number; period: PeriodRow; report: ReportRow; models: StoredCheckin['models']; timeZone: string }): Promise<CheckinContext> {
  const [person, unit, set] = await Promise.all([findPerson(db, p.personId), findUnitById(db, p.unitId), findQuestionSet(db, p.report.questionSetId)]);
  const [year, month] = p.period.startsOn.split('-').map(Number) as [number, number];
  return {
    personName: person?.fullName ?? 'Đồng chí',
    unitName: unit?.name ?? '',
    periodLabel: formatMonth(year, month),
    month,
    dueLabel: formatDate(p.period.dueAt, p.timeZone),
    models: p.models,
    questionSet: (set?.definition as QuestionSetDefinition | undefined) ?? DEFAULT_QUESTION_SET,
  };
}

/**
 * /baocao for one unit: resumes the conversation about this month where it stopped, or starts
 * one (with a draft report under the newest question set). A sent report is not restarted.
 */
export async function startOrResume(
  db: Db,
  p: { account: ChannelAccountRow; personId: number; unitId: number } & FlowDeps,
): Promise<PlannedReply[]> {
  const period = await currentPeriod(db, p.unitId, p);
  const existing = await findConversationFor(db, { accountId: p.account.id, unitId: p.unitId, periodId: period.id });
  const stored = existing?.state as StoredCheckin | undefined;
  if (existing && stored && stored.checkin.phase !== 'submitted') {
    const report = (await findReport(db, existing.reportId!))!;
    const ctx = await buildContext(db, { ...p, period, report, models: stored.models });
    const active = await activateConversation(db, { id: existing.id, accountId: p.account.id });
    return resumeCheckin(ctx, stored.checkin).map((r) => ({ ...r, conversation: { id: active.id, version: active.version } }));
  }
  const questionSet = (await latestDefaultQuestionSet(db))!;
  const report = await ensureDraftReport(db, { unitId: p.unitId, periodId: period.id, questionSetId: questionSet.id });
  if (report.status === 'submitted') return [{ text: vi.checkin.alreadySubmitted }];
  const models = (await listActiveModels(db, p.unitId)).map((m) => ({ id: m.id, title: m.title }));
  const ctx = await buildContext(db, { ...p, period, report, models });
  const started = startCheckin(ctx);
  const row = await openConversation(db, {
    accountId: p.account.id, flow: 'checkin', unitId: p.unitId, periodId: period.id, reportId: report.id,
    step: stepName(started.state), state: { checkin: started.state, models } satisfies StoredCheckin,
  });
  return started.replies.map((r) => ({ ...r, conversation: { id: row.id, version: row.version } }));
}

/**
 * Feeds one input to the open conversation: advances the engine, saves the new state with its
 * version, and on «Gửi báo cáo» records the submission, all in the caller's transaction.
 */
export async function continueCheckin(
  db: Db,
  p: { account: ChannelAccountRow; personId: number; conversation: ConversationRow; input: CheckinInput } & FlowDeps,
): Promise<PlannedReply[]> {
  const { conversation } = p;
  const stored = conversation.state as StoredCheckin;
  const report = (await findReport(db, conversation.reportId!))!;
  const period = (await findPeriod(db, conversation.periodId!))!;
  const ctx = await buildContext(db, { ...p, unitId: conversation.unitId!, period, report, models: stored.models });
  let result: AdvanceResult = advance(ctx, stored.checkin, p.input);
  if (result.event === 'submitted' && p.now.getTime() > period.dueAt.getTime() && report.status === 'submitted') {
    // A correction after the due date is refused; the sent version stands.
    result = { state: { ...stored.checkin, phase: 'submitted' }, replies: [{ text: vi.menu.tooLateToEdit(ctx.dueLabel) }] };
  } else if (result.event === 'submitted') {
    const version = await submitReport(db, { reportId: report.id, figures: toReportFigures(ctx, result.state), personId: p.personId, channel: p.account.channel, at: p.now });
    await recordAudit(db, {
      actorKind: 'person', actorPersonId: p.personId, action: version === 1 ? 'report.submit' : 'report.edit',
      entityType: 'report', entityId: String(report.id), details: { version, channel: p.account.channel }, at: p.now,
    });
  }
  const version = await saveConversation(db, {
    id: conversation.id, expectedVersion: conversation.version, step: stepName(result.state),
    state: { ...stored, checkin: result.state } satisfies StoredCheckin,
  });
  return result.replies.map((r) => ({ ...r, conversation: { id: conversation.id, version } }));
}

/** /sua: opens the sent report of this month at its summary, until the due date. */
export async function editSubmitted(
  db: Db,
  p: { account: ChannelAccountRow; personId: number; unitId: number } & FlowDeps,
): Promise<PlannedReply[]> {
  const period = await currentPeriod(db, p.unitId, p);
  const dueLabel = formatDate(period.dueAt, p.timeZone);
  const conversation = await findConversationFor(db, { accountId: p.account.id, unitId: p.unitId, periodId: period.id });
  const stored = conversation?.state as StoredCheckin | undefined;
  if (!conversation || !stored || stored.checkin.phase !== 'submitted') return [{ text: vi.menu.nothingToEdit }];
  if (p.now.getTime() > period.dueAt.getTime()) return [{ text: vi.menu.tooLateToEdit(dueLabel) }];
  const report = (await findReport(db, conversation.reportId!))!;
  const ctx = await buildContext(db, { ...p, period, report, models: stored.models });
  const reopened = reopenForEdit(ctx, stored.checkin);
  const active = await activateConversation(db, { id: conversation.id, accountId: p.account.id });
  const version = await saveConversation(db, {
    id: active.id, expectedVersion: active.version, step: stepName(reopened.state), state: { ...stored, checkin: reopened.state } satisfies StoredCheckin,
  });
  return reopened.replies.map((r) => ({ ...r, conversation: { id: active.id, version } }));
}

/** /tiendo: where this month's report of a unit stands. */
export async function describeProgress(db: Db, p: { account: ChannelAccountRow; unitId: number } & FlowDeps): Promise<string> {
  const period = await currentPeriod(db, p.unitId, p);
  const unit = await findUnitById(db, p.unitId);
  const [year, month] = period.startsOn.split('-').map(Number) as [number, number];
  const label = formatMonth(year, month);
  const due = formatDate(period.dueAt, p.timeZone);
  const report = await findReportByUnitPeriod(db, { unitId: p.unitId, periodId: period.id });
  if (report?.status === 'submitted' && report.submittedAt) {
    return vi.menu.progressSubmitted(unit!.name, label, formatDate(report.submittedAt, p.timeZone), report.version);
  }
  return report ? vi.menu.progressInProgress(unit!.name, label, due) : vi.menu.progressNotStarted(unit!.name, label, due);
}

function stepName(state: CheckinState): string {
  return state.phase === 'asking' ? `asking:${state.step}` : state.phase;
}
