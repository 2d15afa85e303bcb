import { advance, reopenForEdit, resumeCheckin, startCheckin } from '../core/checkin/engine.js';
import { DEFAULT_QUESTION_SET, type QuestionSetDefinition } from '../core/checkin/question-set.js';
import { parseStoredQuestionSet } from '../core/checkin/question-set-schema.js';
import { toReportFigures } from '../core/checkin/report-figures.js';
import type { AdvanceResult, CheckinContext, CheckinInput, CheckinState } from '../core/checkin/types.js';
import { formatClock, formatDate, formatDateTime, formatIsoDate, formatMonth } from '../core/format.js';
import { hasStopped } from '../core/unit-activity.js';
import { vi } from '../core/messages/vi.js';
import type { Db } from '../storage/client.js';
import { recordArrivedPhoto } from '../storage/queries/attachment-media.js';
import { recordAudit } from '../storage/queries/audit.js';
import {
  activateConversation,
  findConversationFor,
  findHandedOverCheckin,
  findLatestConversationForReport,
  openConversation,
  saveConversation,
} from '../storage/queries/conversations.js';
import { listActiveModels } from '../storage/queries/models.js';
import { findUnitById } from '../storage/queries/org-units.js';
import { findPerson } from '../storage/queries/people.js';
import { findQuestionSet, moveUnbegunReport, questionSetInForce } from '../storage/queries/question-sets.js';
import { ensureDraftReport, findReport, findReportByUnitPeriod, lockReport, submitReport } from '../storage/queries/reports.js';
import { listAnsweredModels, listReturnedReports, loadReviewableReport, type ReviewableReport } from '../storage/queries/report-review.js';
import { decideSubmission, mayCorrect, type ReviewRefusal } from '../core/review/report-review.js';
import type { ChannelAccountRow, ConversationRow, PeriodRow } from '../storage/types.js';
import type { PlannedReply } from '../delivery/payload.js';
import { snoozeReminder } from './snooze.js';
import { listMonthsOpenedFor } from './month-opening.js';
import { findPeriodById } from '../storage/queries/periods.js';
import { encodeButtonValue } from '../core/button-data.js';
import { readStoredCheckin, STORED_CHECKIN_VERSION, type CheckinAbout, type StoredCheckin } from './stored-checkin.js';
import { currentPeriod } from './current-period.js';

export type { CheckinAbout, StoredCheckin } from './stored-checkin.js';

/**
 * Whether a tapped button answers what is on screen now: drawn for this conversation, and not
 * before the bot's last message in it. An older one (already answered, or from another
 * conversation) must not answer twice.
 */
export function buttonIsCurrent(button: { conversationId: number; version: number }, conversation: { id: number; version: number; stored: StoredCheckin }): boolean {
  if (button.conversationId !== conversation.id || button.version > conversation.version) return false;
  return button.version >= conversation.stored.screenVersion;
}

/** The stored check-in after a step to `version` that said `replies`: the screen moves on only if the bot spoke. */
export function nextStored(stored: StoredCheckin, checkin: CheckinState, version: number, replies: readonly unknown[]): StoredCheckin {
  return { ...stored, v: STORED_CHECKIN_VERSION, checkin, ...(replies.length > 0 ? { screenVersion: version } : {}) };
}

interface FlowDeps {
  now: Date;
  timeZone: string;
}

/** Question sets never change once stored (a change is a new version), so they are kept once read. */
const questionSets = new Map<number, QuestionSetDefinition>();

/** One context per stored `about`: answers in a row reuse it, and with it the engine's step list. */
const contexts = new WeakMap<CheckinAbout, CheckinContext>();

async function contextOf(db: Db, about: CheckinAbout): Promise<CheckinContext> {
  const known = contexts.get(about);
  if (known) return known;
  let questionSet = questionSets.get(about.questionSetId);
  if (!questionSet) {
    const row = await findQuestionSet(db, about.questionSetId);
    questionSet = row ? parseStoredQuestionSet(row.definition) : DEFAULT_QUESTION_SET;
    questionSets.set(about.questionSetId, questionSet);
  }
  const { personName, unitName, periodLabel, month, dueLabel, models } = about;
  const context = { personName, unitName, periodLabel, month, dueLabel, models, questionSet };
  contexts.set(about, context);
  return context;
}

/**
 * The period a unit reports in now (or the past one given, opened for it by a «báo cáo bổ
 * sung»), and this account's latest conversation about it.
 */
async function thisMonthsCheckin(
  db: Db,
  p: { account: ChannelAccountRow; unitId: number; periodId?: number } & FlowDeps,
): Promise<{ period: PeriodRow; conversation: ConversationRow | undefined; stored: StoredCheckin | undefined }> {
  const given = p.periodId !== undefined ? await findPeriodById(db, p.periodId) : undefined;
  const period = given ?? (await currentPeriod(db, p.unitId, p));
  const conversation = await findConversationFor(db, { accountId: p.account.id, unitId: p.unitId, periodId: period.id });
  return { period, conversation, stored: conversation ? readStoredCheckin(conversation) : undefined };
}

function periodLabelOf(period: PeriodRow): { periodLabel: string; month: number } {
  const [year, month] = period.startsOn.split('-').map(Number) as [number, number];
  return { periodLabel: formatMonth(year, month), month };
}

/**
 * /baocao for one unit when a past month was opened for it (a «báo cáo bổ sung»): which month,
 * this one or the opened ones; otherwise straight to this month's check-in.
 */
export async function startOrOffer(
  db: Db,
  p: { account: ChannelAccountRow; personId: number; unitId: number } & FlowDeps,
): Promise<PlannedReply[]> {
  const opened = await listMonthsOpenedFor(db, { unitId: p.unitId, now: p.now });
  if (opened.length === 0) return startOrResume(db, p);
  const current = await currentPeriod(db, p.unitId, p);
  const label = (startsOn: string) => formatMonth(Number(startsOn.slice(0, 4)), Number(startsOn.slice(5, 7)));
  const o = vi.review.opening;
  return [
    {
      text: o.pickMonth,
      choices: [
        ...opened.filter((m) => m.periodId !== current.id).map((m) => ({ label: o.supplementLabel(label(m.startsOn), formatDate(m.until, p.timeZone)), value: encodeButtonValue({ kind: 'unit', unitId: p.unitId, intent: 'report', periodId: m.periodId }) })),
        { label: o.monthLabel(label(current.startsOn)), value: encodeButtonValue({ kind: 'unit', unitId: p.unitId, intent: 'report', periodId: current.id }) },
      ],
    },
  ];
}

/** Whether a unit may report this period now: the current one, or a past one opened for it. */
export async function mayReportPeriod(db: Db, p: { unitId: number; periodId: number } & FlowDeps): Promise<boolean> {
  if ((await currentPeriod(db, p.unitId, p)).id === p.periodId) return true;
  return (await listMonthsOpenedFor(db, { unitId: p.unitId, now: p.now })).some((m) => m.periodId === p.periodId);
}

/**
 * /baocao for one unit: resumes the conversation about this month where it stopped, or starts
 * one (with a draft report under the newest question set). A sent report is not restarted.
 */
export async function startOrResume(
  db: Db,
  p: { account: ChannelAccountRow; personId: number; unitId: number; periodId?: number } & FlowDeps,
): Promise<PlannedReply[]> {
  const { period, conversation: existing, stored } = await thisMonthsCheckin(db, p);
  // A unit that has stopped is not asked for its month's report any more (a month before, opened for it by a leader, still is).
  const unitRow = await findUnitById(db, p.unitId);
  if (unitRow?.dissolvedOn && hasStopped(unitRow, p.now, p.timeZone) && (p.periodId === undefined || period.startsOn >= `${unitRow.dissolvedOn.slice(0, 7)}-01`)) {
    return [{ text: vi.checkin.unitStopped(unitRow.name, formatIsoDate(unitRow.dissolvedOn)) }];
  }
  if (existing && stored && stored.checkin.phase !== 'submitted') {
    const active = await activateConversation(db, { id: existing.id, accountId: p.account.id });
    const current = await withSetInForce(db, stored, { unitId: p.unitId, startsOn: period.startsOn });
    if (current !== stored) {
      const version = await saveConversation(db, { id: active.id, expectedVersion: active.version, step: stepName(current.checkin), state: current });
      return resumeCheckin(await contextOf(db, current.about), current.checkin).map((r) => ({ ...r, conversation: { id: active.id, version } }));
    }
    return resumeCheckin(await contextOf(db, stored.about), stored.checkin).map((r) => ({ ...r, conversation: { id: active.id, version: active.version } }));
  }
  // The set in force for the unit and the report's month; a report already begun keeps its own.
  const questionSet = (await questionSetInForce(db, { unitId: p.unitId, month: period.startsOn }))!;
  let report = await ensureDraftReport(db, { unitId: p.unitId, periodId: period.id, questionSetId: questionSet.id });
  if (report.status === 'submitted') return [{ text: vi.checkin.alreadySubmitted }];
  // A predecessor's check-in (their role ended), if any; a report nobody has begun moves to the set in force.
  const handedOver = await findHandedOverCheckin(db, { unitId: p.unitId, periodId: period.id });
  const previous = handedOver ? readStoredCheckin(handedOver) : undefined;
  if (report.questionSetId !== questionSet.id && !begun(previous) && (await moveUnbegunReport(db, { reportId: report.id, questionSetId: questionSet.id }))) {
    report = { ...report, questionSetId: questionSet.id };
  }
  const [person, unit, models] = [await findPerson(db, p.personId), unitRow, await listActiveModels(db, p.unitId, period.endsOn)];
  const about: CheckinAbout = {
    personName: person?.fullName ?? 'Đồng chí',
    unitName: unit?.name ?? '',
    ...periodLabelOf(period),
    dueLabel: formatDate(period.dueAt, p.timeZone),
    dueAt: period.dueAt.toISOString(),
    questionSetId: report.questionSetId,
    reportId: report.id,
    models: models.map((m) => ({ id: m.id, title: m.title })),
  };
  // A check-in left by a predecessor whose role ended goes on from its answers.
  if (previous && previous.about.reportId === report.id && previous.about.questionSetId === report.questionSetId) {
    const context = await contextOf(db, about);
    const row = await openConversation(db, {
      accountId: p.account.id, flow: 'checkin', unitId: p.unitId, periodId: period.id, reportId: report.id,
      // A new row is at version 0, and the bot speaks: its buttons are on screen from version 0.
      step: stepName(previous.checkin), state: { v: STORED_CHECKIN_VERSION, checkin: previous.checkin, about, screenVersion: 0, seenVersion: report.version } satisfies StoredCheckin,
    });
    const replies: PlannedReply[] = [{ text: vi.roleChange.continuing(about.unitName) }, ...resumeCheckin(context, previous.checkin)];
    return replies.map((r) => ({ ...r, conversation: { id: row.id, version: row.version } }));
  }
  const started = startCheckin(await contextOf(db, about));
  const row = await openConversation(db, {
    accountId: p.account.id, flow: 'checkin', unitId: p.unitId, periodId: period.id, reportId: report.id,
    // A new row is at version 0, and the bot speaks: its buttons are on screen from version 0.
    step: stepName(started.state), state: { v: STORED_CHECKIN_VERSION, checkin: started.state, about, screenVersion: 0, seenVersion: report.version } satisfies StoredCheckin,
  });
  return started.replies.map((r) => ({ ...r, conversation: { id: row.id, version: row.version } }));
}

/**
 * Feeds one input to the open conversation: advances the engine, saves the new state with its
 * version, records a photo as it arrives (for the fetch job) and on «Gửi báo cáo» the
 * submission, all in the caller's transaction.
 */
export async function continueCheckin(
  db: Db,
  p: { account: ChannelAccountRow; personId: number; conversation: ConversationRow; input: CheckinInput } & FlowDeps,
): Promise<PlannedReply[]> {
  const { conversation } = p;
  const read = readStoredCheckin(conversation);
  const unitId = conversation.unitId;
  const period = conversation.periodId !== null && unitId !== null && read.checkin.phase === 'intro' ? await findPeriodById(db, conversation.periodId) : undefined;
  // Not begun yet: it begins under the set in force now for its month (a version published since the invitation).
  const stored = period && unitId !== null ? await withSetInForce(db, read, { unitId, startsOn: period.startsOn }) : read;
  const ctx = await contextOf(db, stored.about);
  let result: AdvanceResult = advance(ctx, stored.checkin, p.input);
  let seenVersion = stored.seenVersion;
  if (result.event === 'submitted') {
    const report = (await lockReport(db, stored.about.reportId))!;
    // What sending does now is the review machine's to say (core/review): a first submission, a
    // correction before the due date, a returned report sent again (even late), or a refusal.
    const subject = (await loadReviewableReport(db, { reportId: report.id }))!;
    const decision = decideSubmission(subject, p.now);
    const late = p.now.getTime() > new Date(stored.about.dueAt).getTime();
    if (!decision.ok) {
      // Refused (past due while waiting for review, approved, a closed month): the sent version stands.
      const text = refusalText(decision.refusal, subject, ctx.dueLabel);
      result = { state: subject.stage === 'draft' ? stored.checkin : { ...stored.checkin, phase: 'submitted' }, replies: [{ text }] };
    } else if (report.status === 'submitted' && seenVersion !== undefined && report.version > seenVersion && report.submittedByPersonId !== p.personId) {
      // Someone else of the unit (secretary or deputy) sent this month's report meanwhile: say
      // who and when, and send this one only if asked again, as a new version beside theirs.
      const sender = report.submittedByPersonId ? await findPerson(db, report.submittedByPersonId) : undefined;
      seenVersion = report.version;
      result = {
        state: stored.checkin,
        replies: [{
          text: vi.checkin.sentByAnother({ person: sender?.fullName ?? 'Đồng chí khác', at: formatClock(report.submittedAt!, p.timeZone), period: ctx.periodLabel }),
          choices: [{ label: vi.checkin.buttons.submit, value: 'submit' }, { label: vi.checkin.buttons.edit, value: 'edit' }],
        }],
      };
    } else {
      const version = await submitReport(db, {
        reportId: report.id, figures: toReportFigures(ctx, result.state), personId: p.personId, channel: p.account.channel, at: p.now, action: decision.action,
      });
      seenVersion = version;
      await recordAudit(db, {
        actorKind: 'person', actorPersonId: p.personId, action: `report.${decision.action}`,
        entityType: 'report', entityId: String(report.id), details: { version, channel: p.account.channel, before: { state: subject.stage }, after: { state: 'pending' } }, at: p.now,
      });
      // Sent again after a return: it waits for the reviewer again, whatever the date.
      if (decision.action === 'resubmit') result = { ...result, replies: [{ text: vi.review.secretary.resubmitted(ctx.periodLabel) }] };
      // Sent after the due date: it cannot be corrected through the bot, so do not say it can.
      else if (late) result = { ...result, replies: [{ text: vi.checkin.submittedLate(ctx.periodLabel, ctx.dueLabel) }] };
    }
  }
  if (result.event === 'photo' && p.input.type === 'photo') {
    // Kept for fetching now, in this transaction: the fetch job copies it while the check-in is still open.
    await recordArrivedPhoto(db, { reportId: stored.about.reportId, channel: p.account.channel, fileRef: p.input.fileRef, mediaGroupId: p.input.mediaGroupId ?? null, at: p.now });
  }
  if (result.event === 'snoozed' && conversation.unitId !== null) {
    result = { ...result, replies: await snoozeReminder(db, { account: p.account, unitId: conversation.unitId, now: p.now, timeZone: p.timeZone }) };
  }
  const version = await saveConversation(db, {
    id: conversation.id, expectedVersion: conversation.version, step: stepName(result.state),
    state: { ...nextStored(stored, result.state, conversation.version + 1, result.replies), ...(seenVersion !== undefined ? { seenVersion } : {}) },
  });
  return result.replies.map((r) => ({ ...r, conversation: { id: conversation.id, version } }));
}

/**
 * /sua: a report returned for correction first (whatever its month; a choice when there are
 * several), otherwise this month's sent report, opened at its summary while it may still change
 * (core/review: until the due date while waiting for review).
 */
export async function editSubmitted(
  db: Db,
  p: { account: ChannelAccountRow; personId: number; unitId: number } & FlowDeps,
): Promise<PlannedReply[]> {
  const returned = await listReturnedReports(db, p.unitId);
  if (returned.length === 1) return correctReport(db, { ...p, reportId: returned[0]!.reportId });
  if (returned.length > 1) {
    const label = (month: string) => vi.review.secretary.returnedLabel(formatMonth(Number(month.slice(0, 4)), Number(month.slice(5, 7))));
    return [{ text: vi.review.secretary.pickReturned, choices: returned.map((r) => ({ label: label(r.month), value: encodeButtonValue({ kind: 'fix', reportId: r.reportId }) })) }];
  }
  const { period, conversation, stored } = await thisMonthsCheckin(db, p);
  if (conversation && stored && stored.checkin.phase !== 'submitted') return [{ text: vi.menu.nothingToEdit }];
  // Sent from this account, another of the unit, or loaded otherwise: this month's report as sent.
  const report = await findReportByUnitPeriod(db, { unitId: p.unitId, periodId: period.id });
  if (!report || report.status !== 'submitted') return [{ text: vi.menu.nothingToEdit }];
  return correctReport(db, { ...p, reportId: report.id });
}

/**
 * Opens a sent report at its summary for correction (/sua, or the «Sửa báo cáo» button of a
 * return's notice), if the review machine allows it now: a returned report even after its due
 * date, until its month closes. The conversation that sent it is reopened; when another account
 * of the unit sent it, its check-in is carried over; when none did (an import), it is rebuilt
 * from the report's answers. The caller checked that the person reports for the report's unit.
 */
export async function correctReport(
  db: Db,
  p: { account: ChannelAccountRow; personId: number; reportId: number } & FlowDeps,
): Promise<PlannedReply[]> {
  const report = await loadReviewableReport(db, { reportId: p.reportId });
  if (!report) return [{ text: vi.menu.nothingToEdit }];
  const period = { startsOn: report.startsOn, dueAt: report.window.dueAt };
  const dueLabel = formatDate(period.dueAt, p.timeZone);
  const allowed = mayCorrect(report, p.now);
  if (!allowed.ok) return [{ text: allowed.refusal === 'not-submitted' ? vi.menu.nothingToEdit : refusalText(allowed.refusal, report, dueLabel) }];
  const mine = await findConversationFor(db, { accountId: p.account.id, unitId: report.unitId, periodId: report.periodId });
  const mineStored = mine ? readStoredCheckin(mine) : undefined;
  const source = mine && mineStored?.about.reportId === report.id ? mine : await findLatestConversationForReport(db, report.id);
  const stored: StoredCheckin = source === mine && mineStored ? mineStored : source ? readStoredCheckin(source) : await rebuildCheckin(db, { report, personId: p.personId, timeZone: p.timeZone });
  const reopened = reopenForEdit(await contextOf(db, stored.about), { ...stored.checkin, phase: 'submitted' });
  const intro: PlannedReply[] = report.stage === 'returned' ? [{ text: vi.review.secretary.opened(stored.about.periodLabel, report.reviewComment) }] : [];
  let row: ConversationRow;
  let version: number;
  if (mine && source === mine) {
    row = await activateConversation(db, { id: mine.id, accountId: p.account.id });
    version = await saveConversation(db, {
      id: row.id, expectedVersion: row.version, step: stepName(reopened.state),
      state: { ...nextStored(stored, reopened.state, row.version + 1, reopened.replies), seenVersion: report.version },
    });
  } else {
    row = await openConversation(db, {
      accountId: p.account.id, flow: 'checkin', unitId: report.unitId, periodId: report.periodId, reportId: report.id,
      // A new row is at version 0, and the bot speaks: its buttons are on screen from version 0.
      step: stepName(reopened.state), state: { v: STORED_CHECKIN_VERSION, checkin: reopened.state, about: stored.about, screenVersion: 0, seenVersion: report.version } satisfies StoredCheckin,
    });
    version = row.version;
  }
  return [...intro, ...reopened.replies].map((r) => ({ ...r, conversation: { id: row.id, version } }));
}

/** Whether a check-in has begun: past the invitation, or holding an answer. */
function begun(stored: StoredCheckin | undefined): boolean {
  return stored?.checkin !== undefined && (stored.checkin.phase !== 'intro' || hasAnswers(stored.checkin.answers));
}

/**
 * A check-in not yet begun, moved to the question set in force for its unit and month if that
 * is another one (published since it opened) and its report has no answer; otherwise the same
 * object. A check-in already begun is never switched mid-way.
 */
async function withSetInForce(db: Db, stored: StoredCheckin, p: { unitId: number; startsOn: string }): Promise<StoredCheckin> {
  if (!stored?.about || begun(stored)) return stored;
  const inForce = await questionSetInForce(db, { unitId: p.unitId, month: p.startsOn });
  if (!inForce || inForce.id === stored.about.questionSetId) return stored;
  if (!(await moveUnbegunReport(db, { reportId: stored.about.reportId, questionSetId: inForce.id }))) return stored;
  return { ...stored, about: { ...stored.about, questionSetId: inForce.id } };
}

/** A check-in rebuilt from a sent report's answers, for a report no conversation of the unit sent (an import, the demo). */
async function rebuildCheckin(db: Db, p: { report: ReviewableReport; personId: number; timeZone: string }): Promise<StoredCheckin> {
  const row = (await findReport(db, p.report.id))!;
  const [year, month] = p.report.startsOn.split('-').map(Number) as [number, number];
  const [person, answered] = [await findPerson(db, p.personId), await listAnsweredModels(db, p.report.id)];
  const models = answered.length > 0 ? answered : (await listActiveModels(db, p.report.unitId)).map((m) => ({ id: m.id, title: m.title }));
  const about: CheckinAbout = {
    personName: person?.fullName ?? 'Đồng chí',
    unitName: p.report.unitName,
    periodLabel: formatMonth(year, month),
    month,
    dueLabel: formatDate(p.report.window.dueAt, p.timeZone),
    dueAt: p.report.window.dueAt.toISOString(),
    questionSetId: row.questionSetId,
    reportId: row.id,
    models,
  };
  const answers = (row.answers ?? {}) as CheckinState['answers'];
  return { v: STORED_CHECKIN_VERSION, about, checkin: { phase: 'submitted', step: 0, trail: [], answers, noActivity: row.noActivity, editing: false, lastMediaGroup: null }, screenVersion: 0 };
}

/** Why a secretary's correction or submission is refused, in words. */
function refusalText(refusal: ReviewRefusal, report: ReviewableReport, dueLabel: string): string {
  if (refusal === 'past-due') return vi.menu.tooLateToEdit(dueLabel);
  return vi.review.refused[refusal]({ by: report.reviewedBy, at: null });
}

/**
 * The answer to a button of an earlier question: after the report was sent, that it was sent and
 * what can be done; while answering, the question the check-in is waiting on, asked again.
 */
export async function describeStaleTap(db: Db, p: { conversation: ConversationRow }): Promise<PlannedReply[]> {
  const stored = readStoredCheckin(p.conversation);
  if (stored.checkin.phase === 'submitted') return [{ text: vi.menu.staleAfterSubmit(stored.about.periodLabel) }];
  const current = resumeCheckin(await contextOf(db, stored.about), stored.checkin);
  const conversation = { id: p.conversation.id, version: p.conversation.version };
  return [{ text: vi.menu.staleButton }, ...current.map((r) => ({ ...r, conversation }))];
}

/**
 * /tiendo: where this month's report of a unit stands, as the other commands see it: sent (when,
 * to the minute, and whether after the due date), sent and being corrected (/sua opened it and
 * it has not been sent again), begun (something answered), or not begun.
 */
export async function describeProgress(db: Db, p: { account: ChannelAccountRow; unitId: number } & FlowDeps): Promise<string> {
  const { period, stored } = await thisMonthsCheckin(db, p);
  const unit = await findUnitById(db, p.unitId);
  const { periodLabel } = periodLabelOf(period);
  const due = formatDate(period.dueAt, p.timeZone);
  const report = await findReportByUnitPeriod(db, { unitId: p.unitId, periodId: period.id });
  if (report?.status === 'submitted' && report.submittedAt) {
    const late = report.submittedAt.getTime() > period.dueAt.getTime() ? due : undefined;
    const sent = `${vi.menu.progressSubmitted(unit!.name, periodLabel, formatDateTime(report.submittedAt, p.timeZone), report.version, late)} ${vi.review.secretary.progressState(vi.review.states[report.reviewState])}`;
    const correcting = stored !== undefined && stored.checkin.phase !== 'submitted' && p.now.getTime() <= period.dueAt.getTime();
    return correcting ? `${sent}\n${vi.menu.progressCorrecting(due)}` : sent;
  }
  const begun = report !== undefined && (hasAnswers(report.answers) || (stored !== undefined && (stored.checkin.phase !== 'intro' || hasAnswers(stored.checkin.answers))));
  return begun ? vi.menu.progressInProgress(unit!.name, periodLabel, due) : vi.menu.progressNotStarted(unit!.name, periodLabel, due);
}

function hasAnswers(answers: unknown): boolean {
  return typeof answers === 'object' && answers !== null && Object.keys(answers).length > 0;
}

/** Advances a stored check-in by one input, with nothing written: the fast path writes it itself. */
export async function advanceStored(db: Db, stored: StoredCheckin, input: CheckinInput): Promise<AdvanceResult> {
  return advance(await contextOf(db, stored.about), stored.checkin, input);
}

/** The conversation's `step` column: the phase, and the question while asking. */
export function stepName(state: CheckinState): string {
  return state.phase === 'asking' ? `asking:${state.step}` : state.phase;
}
