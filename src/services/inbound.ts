import { arrangeChoices, CHANNEL_CAPABILITIES } from '../core/channel-capabilities.js';
import { parseCommand } from '../core/checkin/commands.js';
import { normalizeInvitationCode } from '../core/invitation-code.js';
import { stripUnstorable } from '../core/text.js';
import { vi } from '../core/messages/vi.js';
import type { Logger } from '../log.js';
import type { Database, Transaction } from '../storage/client.js';
import { closeOpenConversationOfFlow, lockOpenConversation } from '../storage/queries/conversations.js';
import { claimInboundForAccount } from '../storage/queries/inbound-messages.js';
import { enqueueExportJobs } from '../storage/queries/export-jobs.js';
import { enqueueOutbound, findLastPayloadTo } from '../storage/queries/outbound-messages.js';
import { listRolesOfPerson } from '../storage/queries/people.js';
import { findReport } from '../storage/queries/reports.js';
import { handleReviewButton, listForReview, receiveReviewComment, REVIEW_COMMENT_FLOW } from './review-chat.js';
import type { ChannelAccountRow } from '../storage/types.js';
import { buttonIsCurrent, continueCheckin, correctReport, mayReportPeriod, startOrOffer, describeProgress, describeStaleTap, editSubmitted, startOrResume } from './checkin-flow.js';
import { exportForChat } from './export-chat.js';
import { handleGroupMessage } from './group-chat.js';
import { answerFast } from './fast-answer.js';
import { redeemInvitation } from './onboarding.js';
import { snoozeReminder } from './snooze.js';
import { DEFAULT_WEB_BASE_URL, webLinkForChat } from './web-sign-in.js';
import { describeDigest, describeUnit, describeUnsent } from './leader-views.js';
import { claimStart, type InboundEvent, type InboundOutcome } from './inbound-event.js';
import { readPayload, toPayload, type PlannedReply } from '../delivery/payload.js';
import { isNoticePayload } from '../core/notices.js';

export type { InboundEvent, InboundOutcome } from './inbound-event.js';

/** What handling a message needs besides the database: the zone, a log, the web console's address (for /web). */
export interface InboundDeps {
  timeZone: string;
  log?: Logger;
  /** The web console's base URL (PUBLIC_URL, else http://HTTP_HOST:HTTP_PORT), read when /web asks. */
  webBaseUrl?: () => string;
}

/**
 * Handles one inbound message exactly once: the de-duplication key, the account, the state
 * change, the stored answer and the replies are written in one transaction, and the replies are
 * sent afterwards from the outbox. A redelivered message changes nothing.
 */
export async function handleInbound(db: Database, received: InboundEvent, deps: InboundDeps): Promise<InboundOutcome> {
  const event = storable(received);
  if (event.chatKind === 'group') return handleGroupMessage(db, event);
  const input = await readTypedChoice(db, event);
  return (await answerFast(db, input)) ?? handleCarefully(db, input, deps);
}

/** The event with what PostgreSQL cannot store (NUL, lone surrogates) taken out of every text a person sent. */
function storable(event: InboundEvent): InboundEvent {
  const m = event.message;
  const message =
    m.type === 'text' ? { ...m, text: stripUnstorable(m.text) }
    : m.type === 'choice' ? { ...m, value: stripUnstorable(m.value) }
    : m.type === 'photo' ? { ...m, fileRef: stripUnstorable(m.fileRef), ...(m.mediaGroupId !== undefined ? { mediaGroupId: stripUnstorable(m.mediaGroupId) } : {}) }
    : m;
  const { displayName } = event.from;
  return {
    ...event,
    externalId: stripUnstorable(event.externalId),
    from: {
      externalUserId: stripUnstorable(event.from.externalUserId),
      chatId: stripUnstorable(event.from.chatId),
      ...(displayName !== undefined ? { displayName: displayName === null ? null : stripUnstorable(displayName).trim() || null } : {}),
    },
    message,
  };
}

/**
 * Where a channel has few buttons, choices beyond them were numbered in the text (see
 * arrangeChoices): a typed "3" then taps the third, for the question it was shown under.
 * Channels with enough buttons skip this (and its query) entirely.
 */
async function readTypedChoice(db: Database, event: InboundEvent): Promise<InboundEvent> {
  const caps = CHANNEL_CAPABILITIES[event.channel];
  if (caps.maxButtons === null || event.message.type !== 'text') return event;
  const typed = /^\s*(\d{1,2})\s*\.?\s*$/.exec(event.message.text);
  if (!typed) return event;
  const last = await findLastPayloadTo(db, { channel: event.channel, externalUserId: event.from.externalUserId });
  const payload = last ? readPayload(last) : undefined;
  // A notice's buttons are worded when it is sent; only a ready reply keeps its choices.
  if (!payload || isNoticePayload(payload) || !payload.choices) return event;
  const choice = arrangeChoices(caps, payload.choices).numbered[Number(typed[1]) - 1];
  if (!choice) return event;
  return {
    ...event,
    message: { type: 'choice', value: choice.value },
    ...(payload.conversationId !== undefined ? { button: { conversationId: payload.conversationId, version: payload.version ?? 0 } } : {}),
  };
}

/** The full path, one transaction: commands, onboarding, submissions, and whatever the fast path declined. */
async function handleCarefully(db: Database, event: InboundEvent, deps: InboundDeps): Promise<InboundOutcome> {
  return db.transaction(async (tx) => {
    const account = await claimInboundForAccount(tx, { channel: event.channel, externalId: event.externalId, ...event.from, at: event.receivedAt });
    if (!account) return { duplicate: true, outboxIds: [], toSend: [] };
    const replies = (await route(tx, account, event, { now: event.receivedAt, timeZone: deps.timeZone, log: deps.log, webBaseUrl: deps.webBaseUrl })).map((reply, i) => ({
      reply,
      dedupeKey: `reply:${event.channel}:${event.externalId}:${i}`,
    }));
    const queued = await enqueueOutbound(
      tx,
      replies.filter(({ reply }) => !reply.exportJob).map(({ reply, dedupeKey }) => ({ accountId: account.id, purpose: 'reply', dedupeKey, payload: toPayload(reply) })),
      event.receivedAt,
      { claim: true, claimFrom: claimStart(event) },
    );
    // An export is rendered by its own job, which queues this reply (same key) with the file.
    const exports = await enqueueExportJobs(
      tx,
      replies.flatMap(({ reply, dedupeKey }) =>
        reply.exportJob ? [{ personId: reply.exportJob.personId, accountId: account.id, dedupeKey, request: { caption: reply.text, job: reply.exportJob } }] : [],
      ),
      event.receivedAt,
      { claim: true, claimFrom: claimStart(event) },
    );
    return { duplicate: false, outboxIds: queued.map((m) => m.id), toSend: queued.map((message) => ({ message, account })), exports };
  });
}

async function route(
  tx: Transaction,
  account: ChannelAccountRow,
  event: InboundEvent,
  { webBaseUrl, ...deps }: { now: Date; timeZone: string; log?: Logger; webBaseUrl?: () => string },
): Promise<PlannedReply[]> {
  const text = event.message.type === 'text' ? event.message.text : null;
  const command = text !== null ? parseCommand(text) : null;

  if (command?.command === 'start' && command.arg) {
    return (await redeemInvitation(tx, { account, code: command.arg, ...deps })).replies;
  }
  if (!account.personId) {
    if (text !== null && normalizeInvitationCode(text)) return (await redeemInvitation(tx, { account, code: text, ...deps })).replies;
    return [{ text: CHANNEL_CAPABILITIES[account.channel].inviteLinks ? vi.onboarding.notRegistered : vi.onboarding.notRegisteredTypeCode }];
  }
  const personId = account.personId;
  // Roles matter only for commands and unit choices; a plain answer goes straight to its conversation.
  const reportingUnits = async () => (await listRolesOfPerson(tx, personId)).filter((r) => r.role === 'secretary' || r.role === 'deputy');

  if (event.message.type === 'choice' && event.message.value.startsWith('unit:')) {
    // «unit:<id>» answers /baocao's «which unit?», «unit:<id>:sua» the same question asked by /sua,
    // «unit:<id>:p<period>» a month of the unit (this one, or a past one opened for it).
    const [, id, intent, period] = /^unit:(\d{1,9})(?::(sua)|:p(\d{1,9}))?$/.exec(event.message.value) ?? [];
    const units = await reportingUnits();
    const unitId = Number(id);
    if (!units.some((u) => u.unitId === unitId)) return [{ text: vi.menu.noUnit }];
    if (intent === 'sua') return editSubmitted(tx, { account, personId, unitId, ...deps });
    if (period === undefined) return startOrOffer(tx, { account, personId, unitId, ...deps });
    const periodId = Number(period);
    if (!(await mayReportPeriod(tx, { unitId, periodId, ...deps }))) return [{ text: vi.review.opening.expired }];
    return startOrResume(tx, { account, personId, unitId, periodId, ...deps });
  }
  if (event.message.type === 'choice' && event.message.value.startsWith('fix:')) {
    // «Sửa báo cáo» under a return's notice: that report, for one who reports for its unit.
    const reportId = Number(/^fix:(\d{1,9})$/.exec(event.message.value)?.[1] ?? 0);
    const report = reportId > 0 ? await findReport(tx, reportId) : undefined;
    if (!report || !(await reportingUnits()).some((u) => u.unitId === report.unitId)) return [{ text: vi.menu.noUnit }];
    return correctReport(tx, { account, personId, reportId, ...deps });
  }
  if (event.message.type === 'choice' && event.message.value.startsWith('snooze:')) {
    const unitId = Number(event.message.value.slice(7));
    if (!(await reportingUnits()).some((u) => u.unitId === unitId)) return [{ text: vi.menu.noUnit }];
    return snoozeReminder(tx, { account, unitId, ...deps });
  }
  if (event.message.type === 'choice' && event.message.value.startsWith('dv:')) {
    // /duyet's buttons: a page, a report's summary, «Đạt», «Trả lại» (checked again on every tap).
    // A comment asked for before and not given is no longer awaited.
    await closeOpenConversationOfFlow(tx, { accountId: account.id, flow: REVIEW_COMMENT_FLOW });
    return handleReviewButton(tx, { account, personId, value: event.message.value, ...deps });
  }
  if (command?.command === 'duyet') {
    await closeOpenConversationOfFlow(tx, { accountId: account.id, flow: REVIEW_COMMENT_FLOW });
    return listForReview(tx, { personId, page: 1 });
  }
  if (command?.command === 'web') return webLinkForChat(tx, { personId, now: deps.now, baseUrl: webBaseUrl?.() ?? DEFAULT_WEB_BASE_URL });
  if (command?.command === 'chuanop') return describeUnsent(tx, { personId, ...deps });
  if (command?.command === 'tonghop') return describeDigest(tx, { personId, ...deps });
  if (command?.command === 'donvi') return describeUnit(tx, { personId, code: command.arg, ...deps });
  if (command?.command === 'xuat' || command?.command === 'baocaosoket') {
    return exportForChat(tx, { personId, command: command.command, arg: command.arg, ...deps });
  }
  if (command && command.command !== 'huy' && command.command !== 'trogiup') {
    const units = await reportingUnits();
    if (command.command === 'start' && units.length === 0) return [{ text: vi.menu.help }];
    if (units.length === 0) return [{ text: vi.menu.noUnit }];
    if (command.command === 'tiendo') {
      const lines = await Promise.all(units.map((u) => describeProgress(tx, { account, unitId: u.unitId, ...deps })));
      return [{ text: lines.join('\n') }];
    }
    if (units.length > 1) {
      const suffix = command.command === 'sua' ? ':sua' : '';
      return [{ text: vi.menu.pickUnit, choices: units.map((u) => ({ label: u.unitName, value: `unit:${u.unitId}${suffix}` })) }];
    }
    const unitId = units[0]!.unitId;
    return command.command === 'sua' ? editSubmitted(tx, { account, personId, unitId, ...deps }) : startOrOffer(tx, { account, personId, unitId, ...deps });
  }

  const conversation = await lockOpenConversation(tx, account.id);
  if (!conversation) {
    if (command?.command === 'trogiup') return [{ text: vi.menu.help }];
    // "Type /baocao to start" is true only for someone who reports: a leader gets the help, a
    // person whose role ended is told they have nothing to report.
    if ((await reportingUnits()).length > 0) return [{ text: vi.menu.noOpenCheckin }];
    return [{ text: (await listRolesOfPerson(tx, personId)).length > 0 ? vi.menu.help : vi.menu.noUnit }];
  }
  // A leader asked for a return's comment: this message is it.
  if (conversation.flow === REVIEW_COMMENT_FLOW) return receiveReviewComment(tx, { account, personId, conversation, input: event.message, ...deps });
  if (event.button && !buttonIsCurrent(event.button, conversation)) {
    // An old button (already answered, or from another conversation) must not answer twice;
    // the reply says where things stand (on Zalo old buttons stay on screen).
    return describeStaleTap(tx, { conversation });
  }
  // The role may have ended since the check-in began (read now, on every instance): no more answers.
  if (conversation.unitId !== null && !(await reportingUnits()).some((u) => u.unitId === conversation.unitId)) {
    return [{ text: vi.checkin.roleEnded((conversation.state as { about?: { unitName?: string } } | null)?.about?.unitName ?? '') }];
  }
  return continueCheckin(tx, { account, personId, conversation, input: event.message, ...deps });
}
