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
import { continueProposal, handleProposalButton, PROPOSAL_FLOW, receiveRefusalReason, REFUSAL_FLOW, startProposal } from './model-proposals.js';
import { handleReviewButton, listForReview, receiveReviewComment, REVIEW_COMMENT_FLOW } from './review-chat.js';
import type { ChannelAccountRow } from '../storage/types.js';
import { readStoredCheckin } from './stored-checkin.js';
import { decodeButtonValue, encodeButtonValue, routedButtonKind, type ButtonValue, type RoutedButtonKind } from '../core/button-data.js';
import { buttonIsCurrent, continueCheckin, correctReport, describeProgress, describeStaleTap, editSubmitted, mayReportPeriod, startOrOffer, startOrResume } from './checkin-flow.js';
import { exportForChat } from './export-chat.js';
import { handleGroupMessage } from './group-chat.js';
import { answerFast } from './fast-answer.js';
import { redeemInvitation } from './onboarding.js';
import { snoozeReminder } from './snooze.js';
import { DEFAULT_WEB_BASE_URL, webLinkForChat } from './web-sign-in.js';
import { describeDigest, describeUnit, describeUnsent } from './leader-views.js';
import { claimStart, replyKey, type InboundEvent, type InboundOutcome } from './inbound-event.js';
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
      dedupeKey: replyKey(event, i),
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

/** What a route looks at: the message, who sent it (a registered person), and how to read their roles. */
interface Routed {
  tx: Transaction;
  account: ChannelAccountRow;
  event: InboundEvent;
  personId: number;
  command: ReturnType<typeof parseCommand>;
  /** A tapped router's button (unit:, snooze:, fix:, dv:, mh:) decoded, 'unreadable' for one we never drew; null for anything else. */
  tapped: ButtonValue | 'unreadable' | null;
  /** Which router's button was tapped, by its prefix, even an unreadable one; null for anything else. */
  tappedKind: RoutedButtonKind | null;
  deps: { now: Date; timeZone: string; log?: Logger };
  webBaseUrl?: () => string;
  /** The units this person answers for (secretary or deputy), read when a route needs them. */
  reportingUnits: () => Promise<{ unitId: number; unitName: string }[]>;
}

/** The tapped router's button of a kind, or null. */
function tappedOf<K extends ButtonValue['kind']>(r: Routed, kind: K): Extract<ButtonValue, { kind: K }> | null {
  const tapped = r.tapped;
  return tapped !== null && tapped !== 'unreadable' && tapped.kind === kind ? (tapped as Extract<ButtonValue, { kind: K }>) : null;
}

/**
 * Picks a unit from «which unit?» (to report, or to correct with /sua), or a month of it (this
 * one, or a past one opened for it by a «báo cáo bổ sung»).
 */
async function pickedUnit(r: Routed, picked: Extract<ButtonValue, { kind: 'unit' }>): Promise<PlannedReply[]> {
  const { tx, account, personId, deps } = r;
  const { unitId } = picked;
  if (!(await r.reportingUnits()).some((u) => u.unitId === unitId)) return [{ text: vi.menu.noUnit }];
  if (picked.intent === 'edit') return editSubmitted(tx, { account, personId, unitId, ...deps });
  if (picked.periodId === undefined) return startOrOffer(tx, { account, personId, unitId, ...deps });
  const { periodId } = picked;
  if (!(await mayReportPeriod(tx, { unitId, periodId, ...deps }))) return [{ text: vi.review.opening.expired }];
  return startOrResume(tx, { account, personId, unitId, periodId, ...deps });
}

/** «Sửa báo cáo» under a return's notice: that report, for one who reports for its unit. */
async function fixReport(r: Routed, reportId: number): Promise<PlannedReply[]> {
  const { tx, account, personId, deps } = r;
  const report = await findReport(tx, reportId);
  if (!report || !(await r.reportingUnits()).some((u) => u.unitId === report.unitId)) return [{ text: vi.menu.noUnit }];
  return correctReport(tx, { account, personId, reportId, ...deps });
}

/** The check-in commands (/baocao, /sua, /tiendo, /start without a code): one unit at once, several by «which unit?». */
async function checkinCommand(r: Routed, command: NonNullable<Routed['command']>): Promise<PlannedReply[]> {
  const { tx, account, deps } = r;
  const units = await r.reportingUnits();
  if (command.command === 'start' && units.length === 0) return [{ text: vi.menu.help }];
  if (units.length === 0) return [{ text: vi.menu.noUnit }];
  if (command.command === 'tiendo') {
    const lines = await Promise.all(units.map((u) => describeProgress(tx, { account, unitId: u.unitId, ...deps })));
    return [{ text: lines.join('\n') }];
  }
  const picked = (unitId: number): Extract<ButtonValue, { kind: 'unit' }> => (command.command === 'sua' ? { kind: 'unit', unitId, intent: 'edit' } : { kind: 'unit', unitId, intent: 'report' });
  if (units.length > 1) {
    return [{ text: vi.menu.pickUnit, choices: units.map((u) => ({ label: u.unitName, value: encodeButtonValue(picked(u.unitId)) })) }];
  }
  return pickedUnit(r, picked(units[0]!.unitId));
}

/** Anything else is for the open conversation: a check-in's answer, a tap, /huy or /trogiup within it, or a return's comment. */
async function answerCheckin(r: Routed): Promise<PlannedReply[]> {
  const { tx, account, personId, event, deps } = r;
  const conversation = await lockOpenConversation(tx, account.id);
  if (!conversation) {
    const tap = tappedOf(r, 'proposal');
    if (tap) return handleProposalButton(tx, { account, personId, tap: tap.tap, units: await r.reportingUnits(), ...deps });
    if (r.command?.command === 'trogiup') return [{ text: vi.menu.help }];
    // "Type /baocao to start" is true only for someone who reports: a leader gets the help, a
    // person whose role ended is told they have nothing to report.
    if ((await r.reportingUnits()).length > 0) return [{ text: vi.menu.noOpenCheckin }];
    return [{ text: (await listRolesOfPerson(tx, personId)).length > 0 ? vi.menu.help : vi.menu.noUnit }];
  }
  // A leader asked for a return's comment: this message is it.
  if (conversation.flow === REVIEW_COMMENT_FLOW) return receiveReviewComment(tx, { account, personId, conversation, input: event.message, ...deps });
  // A leader asked for a refused proposal's reason; a secretary proposing a model (/mohinh).
  if (conversation.flow === REFUSAL_FLOW) return receiveRefusalReason(tx, { account, personId, conversation, input: event.message, ...deps });
  if (conversation.flow === PROPOSAL_FLOW) {
    if (conversation.unitId !== null && !(await r.reportingUnits()).some((u) => u.unitId === conversation.unitId)) return [{ text: vi.menu.noUnit }];
    return continueProposal(tx, { account, personId, conversation, input: event.message, ...deps });
  }
  // A /mohinh lĩnh vực or month tapped when its proposal is no longer open.
  const proposalTap = tappedOf(r, 'proposal');
  if (proposalTap) return handleProposalButton(tx, { account, personId, tap: proposalTap.tap, units: await r.reportingUnits(), ...deps });
  const stored = readStoredCheckin(conversation);
  if (event.button && !buttonIsCurrent(event.button, { ...conversation, stored })) {
    // An old button (already answered, or from another conversation) must not answer twice;
    // the reply says where things stand (on Zalo old buttons stay on screen).
    return describeStaleTap(tx, { conversation });
  }
  // The role may have ended since the check-in began (read now, on every instance): no more answers.
  if (conversation.unitId !== null && !(await r.reportingUnits()).some((u) => u.unitId === conversation.unitId)) {
    return [{ text: vi.checkin.roleEnded(stored.about.unitName) }];
  }
  return continueCheckin(tx, { account, personId, conversation, input: event.message, ...deps });
}

/**
 * Where a registered person's message goes, in order: the first route whose `when` holds
 * answers it. The router's buttons, then the commands that need no unit, then the check-in
 * commands, and everything else to the open conversation.
 */
const ROUTES: readonly { name: string; when: (r: Routed) => boolean; reply: (r: Routed) => Promise<PlannedReply[]> }[] = [
  {
    // /duyet's buttons: a page, a report's summary, «Đạt», «Trả lại» (checked again on every tap).
    // A comment asked for before and not given is no longer awaited.
    name: 'review button',
    when: (r) => r.tappedKind === 'review',
    reply: async (r) => {
      await closeOpenConversationOfFlow(r.tx, { accountId: r.account.id, flow: REVIEW_COMMENT_FLOW });
      return handleReviewButton(r.tx, { account: r.account, personId: r.personId, tap: tappedOf(r, 'review')?.tap ?? null, ...r.deps });
    },
  },
  {
    // /mohinh: a unit to propose for; a leader's «Xác nhận» / «Từ chối» under a proposal (its lĩnh vực
    // and month buttons answer its conversation, below).
    name: 'proposal button',
    when: (r) => { const tap = tappedOf(r, 'proposal')?.tap; return tap !== undefined && tap.kind !== 'field' && tap.kind !== 'month'; },
    reply: async (r) => handleProposalButton(r.tx, { account: r.account, personId: r.personId, tap: tappedOf(r, 'proposal')!.tap, units: await r.reportingUnits(), ...r.deps }),
  },
  { name: 'button we never drew', when: (r) => r.tapped === 'unreadable', reply: async () => [{ text: vi.menu.noUnit }] },
  { name: 'unit picked', when: (r) => tappedOf(r, 'unit') !== null, reply: (r) => pickedUnit(r, tappedOf(r, 'unit')!) },
  { name: 'fix a returned report', when: (r) => tappedOf(r, 'fix') !== null, reply: (r) => fixReport(r, tappedOf(r, 'fix')!.reportId) },
  {
    name: 'snooze',
    when: (r) => tappedOf(r, 'snooze') !== null,
    reply: async (r) => {
      const { unitId } = tappedOf(r, 'snooze')!;
      if (!(await r.reportingUnits()).some((u) => u.unitId === unitId)) return [{ text: vi.menu.noUnit }];
      return snoozeReminder(r.tx, { account: r.account, unitId, ...r.deps });
    },
  },
  {
    name: '/duyet',
    when: (r) => r.command?.command === 'duyet',
    reply: async (r) => {
      await closeOpenConversationOfFlow(r.tx, { accountId: r.account.id, flow: REVIEW_COMMENT_FLOW });
      return listForReview(r.tx, { personId: r.personId, page: 1 });
    },
  },
  { name: '/mohinh', when: (r) => r.command?.command === 'mohinh', reply: async (r) => startProposal(r.tx, { account: r.account, units: await r.reportingUnits() }) },
  { name: '/web', when: (r) => r.command?.command === 'web', reply: (r) => webLinkForChat(r.tx, { personId: r.personId, now: r.deps.now, baseUrl: r.webBaseUrl?.() ?? DEFAULT_WEB_BASE_URL }) },
  { name: '/chuanop', when: (r) => r.command?.command === 'chuanop', reply: (r) => describeUnsent(r.tx, { personId: r.personId, ...r.deps }) },
  { name: '/tonghop', when: (r) => r.command?.command === 'tonghop', reply: (r) => describeDigest(r.tx, { personId: r.personId, ...r.deps }) },
  { name: '/donvi', when: (r) => r.command?.command === 'donvi', reply: (r) => describeUnit(r.tx, { personId: r.personId, code: r.command?.arg ?? null, ...r.deps }) },
  {
    name: '/xuat, /baocaosoket',
    when: (r) => r.command?.command === 'xuat' || r.command?.command === 'baocaosoket',
    reply: (r) => exportForChat(r.tx, { personId: r.personId, command: r.command!.command as 'xuat' | 'baocaosoket', arg: r.command?.arg ?? null, ...r.deps }),
  },
  { name: 'check-in commands', when: (r) => r.command !== null && r.command.command !== 'huy' && r.command.command !== 'trogiup', reply: (r) => checkinCommand(r, r.command!) },
  { name: 'the open conversation', when: () => true, reply: answerCheckin },
];

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
  const tappedKind = event.message.type === 'choice' ? routedButtonKind(event.message.value) : null;
  const tapped = event.message.type === 'choice' && tappedKind !== null ? (decodeButtonValue(event.message.value) ?? 'unreadable') : null;
  const routed: Routed = { tx, account, event, personId, command, tapped, tappedKind, deps, ...(webBaseUrl ? { webBaseUrl } : {}), reportingUnits };
  return ROUTES.find((r) => r.when(routed))!.reply(routed);
}
