import { GrammyError, HttpError, InputFile, type Api } from 'grammy';
import type { InlineKeyboardButton } from 'grammy/types';
import type { OutboundPayload } from '../../delivery/payload.js';
import type { SendLimits } from '../../delivery/pacer.js';
import { ChannelSendError, type ChannelSender, type OutboundFile, type Recipient } from '../../delivery/port.js';
import { CHANNEL_CAPABILITIES } from '../../core/channel-capabilities.js';
import { splitText } from '../../core/split-text.js';
import { encodeCallbackData } from './translate-update.js';

export { splitText } from '../../core/split-text.js';

/** Telegram's limit for one message's text (CHANNEL_CAPABILITIES). */
export const TELEGRAM_TEXT_LIMIT = CHANNEL_CAPABILITIES.telegram.textLimit;

/** Telegram's limit for a document's caption. */
export const TELEGRAM_CAPTION_LIMIT = 1024;

/**
 * Sends neutral messages through the Bot API: choices become an inline keyboard (two short
 * buttons a row, long ones alone), long texts are split at line breaks under 4096 characters
 * with the keyboard on the last part, and API errors become ChannelSendError.
 */
export class TelegramSender implements ChannelSender {
  readonly channel = 'telegram' as const;
  /** Telegram's bulk limits (DESIGN.md §7): about 30 messages a second, one a second per chat. */
  readonly limits: SendLimits;
  constructor(
    /** The Bot API client, shared with the receiving half (answering taps). */
    readonly api: Api,
    /** 29 rather than Telegram's 30 a second: evenly spaced, that leaves 34 ms for the network's jitter. */
    limits: SendLimits = { perSecond: 29, perChatGapMs: 1000 },
  ) {
    this.limits = limits;
  }

  async send(to: Recipient, payload: OutboundPayload, file?: OutboundFile): Promise<{ externalMessageId: string | null }> {
    if (file) return this.sendDocument(to, payload, file);
    const parts = splitText(payload.text, TELEGRAM_TEXT_LIMIT);
    const conversation = payload.conversationId !== undefined ? { id: payload.conversationId, version: payload.version ?? 0 } : undefined;
    let lastId: string | null = null;
    for (const [i, part] of parts.entries()) {
      const keyboard = i === parts.length - 1 && payload.choices?.length ? { inline_keyboard: layoutButtons(payload.choices, conversation) } : undefined;
      try {
        // No link previews: a preview would fetch a /web sign-in link (the page only shows a button, but no need).
        const sent = await this.api.sendMessage(to.chatId, part, { link_preview_options: { is_disabled: true }, ...(keyboard ? { reply_markup: keyboard } : {}) });
        lastId = String(sent.message_id);
      } catch (error) {
        throw classify(error);
      }
    }
    return { externalMessageId: lastId };
  }

  /** A file as a photo (an image) or a document, the text as its caption (cut to Telegram's 1024 characters). */
  private async sendDocument(to: Recipient, payload: OutboundPayload, file: OutboundFile): Promise<{ externalMessageId: string | null }> {
    try {
      const caption = payload.text.length > TELEGRAM_CAPTION_LIMIT ? `${payload.text.slice(0, TELEGRAM_CAPTION_LIMIT - 1)}…` : payload.text;
      const input = new InputFile(file.bytes, file.fileName);
      const options = caption ? { caption } : {};
      const sent = file.contentType?.startsWith('image/')
        ? await this.api.sendPhoto(to.chatId, input, options)
        : await this.api.sendDocument(to.chatId, input, options);
      return { externalMessageId: String(sent.message_id) };
    } catch (error) {
      throw classify(error);
    }
  }
}

function layoutButtons(choices: readonly { label: string; value: string }[], conversation?: { id: number; version: number }): InlineKeyboardButton[][] {
  const rows: InlineKeyboardButton[][] = [];
  let row: InlineKeyboardButton[] = [];
  for (const choice of choices) {
    const button = { text: choice.label, callback_data: encodeCallbackData(choice.value, conversation) };
    if (choice.label.length > 14) {
      if (row.length) rows.push(row);
      rows.push([button]);
      row = [];
      continue;
    }
    row.push(button);
    if (row.length === 3 || (row.length === 2 && choices.length <= 4)) {
      rows.push(row);
      row = [];
    }
  }
  if (row.length) rows.push(row);
  return rows;
}

function classify(error: unknown): ChannelSendError {
  if (error instanceof GrammyError) {
    if (error.error_code === 403) return new ChannelSendError('blocked', error.description, { cause: error });
    if (error.error_code === 429) {
      const seconds = error.parameters.retry_after ?? 5;
      return new ChannelSendError('rate_limited', error.description, { cause: error, retryAfterMs: seconds * 1000 });
    }
    if (error.error_code >= 500) return new ChannelSendError('transient', error.description, { cause: error });
    return new ChannelSendError('permanent', error.description, { cause: error });
  }
  if (error instanceof HttpError) return new ChannelSendError('transient', error.message, { cause: error });
  return new ChannelSendError('transient', error instanceof Error ? error.message : String(error), { cause: error });
}
