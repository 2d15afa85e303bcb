import { CHANNEL_CAPABILITIES, chooseMessageKind } from '../core/channel-capabilities.js';
import type { ChannelKind } from '../core/domain.js';
import { isNoticePayload, renderNotice } from '../core/notices.js';
import { isQuietTime, nextAllowedInstant } from '../core/schedule.js';
import { renderBarChartPng } from '../reports/digest-chart.js';
import type { Database } from '../storage/client.js';
import { findGeneratedFile } from '../storage/queries/generated-files.js';
import type { ChannelAccountRow, OutboundMessageRow } from '../storage/types.js';
import { whyNoticeIsNotWanted } from './notice-relevance.js';
import { StoredJsonError } from '../core/stored-json.js';
import { readPayload, type OutboundPayload, type StoredPayload } from './payload.js';
import type { ChannelSender, OutboundFile, Recipient, SendOptions } from './port.js';

/** A message ready to go: everything the send needs, decided and loaded. */
export interface PreparedMessage {
  sender: ChannelSender;
  to: Recipient;
  payload: OutboundPayload;
  file?: OutboundFile;
  options: SendOptions;
  /** A notice waits its turn in the channel's pace; a reply only waits out a 429. */
  paced: boolean;
  /** A digest's chart as a captioned image, sent before the text (a template carries text only, so none then). */
  chart?: { caption: string; file: OutboundFile };
}

/**
 * What to do with a claimed message, decided before anything is sent (as courier's sender
 * does): send it; defer it (quiet hours); cancel it (no longer true); or fail it, for good
 * (`retryAt` null) or until later. `blocked`: the person blocked us, so the rest of their queue
 * is not attempted.
 */
export type Preparation =
  | { do: 'send'; message: PreparedMessage }
  | { do: 'defer'; until: Date }
  | { do: 'cancel'; reason: string }
  | { do: 'fail'; error: string; retryAt: Date | null; blocked?: true };

/** What preparing needs: the database, the configured senders, the clock and the organisation's zone. */
export interface PrepareContext {
  db: Database;
  senders: ReadonlyMap<ChannelKind, ChannelSender>;
  now: () => Date;
  timeZone: string;
}

/**
 * Decides how a claimed message goes: a blocked account, a channel not configured, quiet hours,
 * the relevance re-check of a notice, then the notice's text, free message or template, its
 * chart, and a reply's document. Throws only what a retry may cure (the database).
 */
export async function prepareMessage(ctx: PrepareContext, message: OutboundMessageRow, account: ChannelAccountRow): Promise<Preparation> {
  if (account.blockedAt) return { do: 'fail', error: 'account blocked', retryAt: null, blocked: true };
  const sender = ctx.senders.get(account.channel);
  if (!sender) return { do: 'fail', error: `channel ${account.channel} is not configured`, retryAt: new Date(ctx.now().getTime() + 60_000) };
  const to = { accountId: account.id, chatId: account.chatId };
  let raw: StoredPayload;
  try {
    raw = readPayload(message);
  } catch (error) {
    // A payload that does not parse never will: failed for good, with the row named.
    if (error instanceof StoredJsonError) return { do: 'fail', error: error.message, retryAt: null };
    throw error;
  }
  if (!isNoticePayload(raw)) {
    // A reply answers a message just received, so it is always inside the interaction window.
    const payload = raw;
    const stored = payload.document ? await findGeneratedFile(ctx.db, payload.document.fileId) : undefined;
    if (payload.document && !stored) return { do: 'fail', error: `generated file ${payload.document.fileId} is gone`, retryAt: null };
    const file = stored ? { fileName: stored.fileName, bytes: stored.content, contentType: stored.contentType } : undefined;
    return { do: 'send', message: { sender, to, payload, ...(file ? { file } : {}), options: { kind: 'free' }, paced: false } };
  }
  const notice = raw;
  if (notice.quiet) {
    const quiet = { quietFromHour: notice.quiet.fromHour, quietUntilHour: notice.quiet.untilHour };
    if (isQuietTime(ctx.now(), quiet, ctx.timeZone)) return { do: 'defer', until: nextAllowedInstant(ctx.now(), quiet, ctx.timeZone) };
  }
  const unwanted = await whyNoticeIsNotWanted(ctx.db, notice, { now: ctx.now(), timeZone: ctx.timeZone });
  if (unwanted) return { do: 'cancel', reason: unwanted };
  const rendered = renderNotice(notice);
  // Someone outside the channel's interaction window gets a template (Zalo).
  const kind = chooseMessageKind(CHANNEL_CAPABILITIES[account.channel], account.lastInboundAt, ctx.now());
  return {
    do: 'send',
    message: {
      sender,
      to,
      payload: { text: rendered.text, ...(rendered.choices ? { choices: rendered.choices } : {}) },
      options: { kind, purpose: notice.notice },
      paced: true,
      ...(rendered.chart && kind !== 'template'
        ? { chart: { caption: rendered.chart.title, file: { fileName: 'tong-hop.png', bytes: renderBarChartPng(rendered.chart), contentType: 'image/png' } } }
        : {}),
    },
  };
}
