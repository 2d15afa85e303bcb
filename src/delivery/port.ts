import type { MessageKind } from '../core/channel-capabilities.js';
import type { ChannelKind } from '../core/domain.js';
import { AppError } from '../core/errors.js';
import type { OutboundPayload } from './payload.js';
import type { SendLimits } from './pacer.js';

/** A generated file's bytes, as a sender uploads them. */
export interface OutboundFile {
  fileName: string;
  bytes: Uint8Array;
  /** An image is shown as a photo; anything else goes as a document. */
  contentType?: string;
}

/** Where a message goes: the account and the chat id the channel knows it by. */
export interface Recipient {
  accountId: number;
  chatId: string;
}

/**
 * The one thing the outbox needs from a channel: deliver a neutral message. Implementations
 * translate to the channel's API and classify failures as ChannelSendError.
 */
export interface ChannelSender {
  readonly channel: ChannelKind;
  /** How fast scheduled messages may go out (none: no limit, as for the console). */
  readonly limits?: SendLimits;
  /** `file` is the payload's document, loaded by the outbox: the text is then its caption. */
  send(to: Recipient, payload: OutboundPayload, file?: OutboundFile, options?: SendOptions): Promise<{ externalMessageId: string | null }>;
}

/** How the outbox wants a message sent, decided from the channel's capabilities (core/channel-capabilities). */
export interface SendOptions {
  /** A template outside the channel's interaction window (Zalo); free otherwise. */
  kind?: MessageKind;
  /** What the message is for (a notice's kind: reminder, digest…): picks the template. */
  purpose?: string;
}

/**
 * Why a send failed: the person blocked us or unfollowed; wait (rate limit); try again later;
 * never again; or the person is outside the channel's interaction window (Zalo: a template
 * may still reach them).
 */
export type SendFailure = 'blocked' | 'rate_limited' | 'transient' | 'permanent' | 'outside_window';

/** A delivery that failed, with what to do next: stop for this person, wait, retry, or give up. */
export class ChannelSendError extends AppError {
  override readonly name = 'ChannelSendError';
  constructor(
    readonly failure: SendFailure,
    message: string,
    options: { retryAfterMs?: number; cause?: unknown; context?: Record<string, unknown> } = {},
  ) {
    super(`CHANNEL_${failure.toUpperCase()}`, message, {
      cause: options.cause,
      context: { ...options.context, retryAfterMs: options.retryAfterMs },
      retryable: failure === 'rate_limited' || failure === 'transient',
    });
    this.retryAfterMs = options.retryAfterMs ?? null;
  }
  readonly retryAfterMs: number | null;
}
