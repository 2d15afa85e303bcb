import { arrangeChoices, CHANNEL_CAPABILITIES } from '../../core/channel-capabilities.js';
import { vi } from '../../core/messages/vi.js';
import type { OutboundPayload } from '../../delivery/payload.js';
import type { SendLimits } from '../../delivery/pacer.js';
import { encodeButtonData } from '../../core/button-data.js';
import { ChannelSendError, type ChannelSender, type OutboundFile, type Recipient, type SendOptions } from '../../delivery/port.js';
import { splitText } from '../../core/split-text.js';
import { ZaloApiError, type ZaloApi, type ZaloButton } from './zalo-api.js';
import { ZaloTokenError, type ZaloTokens } from './zalo-tokens.js';

/** A tap's payload starts with this, so it is told apart from text the person typed. */
export const ZALO_BUTTON_PREFIX = '#';

/** Zalo's codes (DESIGN.md §7) and what each means for the outbox. */
const TOKEN_ERRORS = new Set([-216, -220, -124]);
const GONE_ERRORS = new Set([-213, -227, -244]);
const WINDOW_ERRORS = new Set([-230, -232]);
const RATE_LIMIT_ERRORS = new Set([-32]);

/** Zalo's template parameters are short; longer text is cut with an ellipsis. */
const TEMPLATE_PARAM_LIMIT = 400;

/**
 * Sends neutral messages through the Zalo OA API: texts split under 2,000 characters, choices
 * as up to five buttons (or numbered, see arrangeChoices), images and files uploaded first,
 * and template messages beyond the interaction window. A stale token is renewed and the call
 * retried once; Zalo's error codes become ChannelSendError for the outbox to act on.
 */
export class ZaloSender implements ChannelSender {
  readonly channel = 'zalo' as const;
  /** Kept well under what an OA is allowed, so a fan-out of reminders never trips -32. */
  readonly limits: SendLimits = { perSecond: 10, perChatGapMs: 1000 };

  constructor(
    private readonly api: ZaloApi,
    private readonly tokens: ZaloTokens,
    /** Template ids by purpose (a notice's kind), with `default` for the rest. */
    private readonly templates: Readonly<Record<string, string>>,
  ) {}

  async send(to: Recipient, payload: OutboundPayload, file?: OutboundFile, options: SendOptions = {}): Promise<{ externalMessageId: string | null }> {
    try {
      if (options.kind === 'template') return await this.sendTemplate(to, payload, options.purpose);
      if (file) return await this.sendFile(to, payload, file);
      return await this.sendText(to, payload);
    } catch (error) {
      throw classify(error);
    }
  }

  private async sendText(to: Recipient, payload: OutboundPayload): Promise<{ externalMessageId: string | null }> {
    const layout = arrangeChoices(CHANNEL_CAPABILITIES.zalo, payload.choices ?? []);
    let text = payload.text;
    if (layout.numbered.length) text = `${text}\n\n${vi.channel.numbered(layout.numbered.map((c, i) => (c.label.startsWith(`${i + 1}. `) ? c.label : `${i + 1}. ${c.label}`)))}`;
    else if (layout.typedNumbers.length) text = `${text}\n${vi.channel.typeNumber(layout.typedNumbers)}`;
    const conversation = payload.conversationId !== undefined ? { id: payload.conversationId, version: payload.version ?? 0 } : undefined;
    const buttons: ZaloButton[] = layout.buttons.map((c) => ({ title: c.label.slice(0, 100), payload: `${ZALO_BUTTON_PREFIX}${encodeButtonData(c.value, conversation)}` }));
    const parts = splitText(text, CHANNEL_CAPABILITIES.zalo.textLimit);
    let last: string | null = null;
    for (const [i, part] of parts.entries()) {
      const withButtons = i === parts.length - 1 && buttons.length > 0;
      last = (await this.call((token) => this.api.sendConsultation(token, to.chatId, { kind: 'text', text: part, ...(withButtons ? { buttons } : {}) }))).messageId;
    }
    return { externalMessageId: last };
  }

  /** An image is shown with the text as its caption; a document is sent, then the text. */
  private async sendFile(to: Recipient, payload: OutboundPayload, file: OutboundFile): Promise<{ externalMessageId: string | null }> {
    if (file.contentType?.startsWith('image/')) {
      const attachmentId = await this.call((token) => this.api.uploadImage(token, file.bytes, file.fileName, file.contentType));
      const sent = await this.call((token) => this.api.sendConsultation(token, to.chatId, { kind: 'image', attachmentId, caption: payload.text.slice(0, 2000) }));
      return { externalMessageId: sent.messageId };
    }
    const fileToken = await this.call((token) => this.api.uploadFile(token, file.bytes, file.fileName, file.contentType));
    const sent = await this.call((token) => this.api.sendConsultation(token, to.chatId, { kind: 'file', token: fileToken }));
    if (payload.text) await this.sendText(to, { text: payload.text });
    return { externalMessageId: sent.messageId };
  }

  /**
   * A template message for someone outside the window: the notice's first line and its gist,
   * and the payload of its first button, so a tap on the template reopens the conversation.
   */
  private async sendTemplate(to: Recipient, payload: OutboundPayload, purpose: string | undefined): Promise<{ externalMessageId: string | null }> {
    const templateId = (purpose ? this.templates[purpose] : undefined) ?? this.templates['default'];
    if (!templateId) throw new ChannelSendError('outside_window', `no Zalo template configured for ${purpose ?? 'this message'}`, { context: { purpose } });
    const [title = '', ...rest] = payload.text.split('\n');
    const first = payload.choices?.[0];
    const data: Record<string, string> = {
      tieu_de: cut(title),
      noi_dung: cut(rest.join('\n').trim() || vi.channel.templateHint),
      ...(first ? { nut: first.label, ma_nut: `${ZALO_BUTTON_PREFIX}${encodeButtonData(first.value)}` } : {}),
    };
    return { externalMessageId: (await this.call((token) => this.api.sendTemplate(token, to.chatId, templateId, data))).messageId };
  }

  /** One API call with the current token; a token Zalo calls invalid or expired is renewed once. */
  private async call<T>(fn: (token: string) => Promise<T>): Promise<T> {
    const token = await this.tokens.accessToken();
    try {
      return await fn(token);
    } catch (error) {
      if (!(error instanceof ZaloApiError) || !TOKEN_ERRORS.has(error.zaloCode)) throw error;
      return fn(await this.tokens.refresh(token));
    }
  }
}

function cut(text: string): string {
  return text.length > TEMPLATE_PARAM_LIMIT ? `${text.slice(0, TEMPLATE_PARAM_LIMIT - 1)}…` : text;
}

function classify(error: unknown): ChannelSendError {
  if (error instanceof ChannelSendError) return error;
  if (error instanceof ZaloTokenError) return new ChannelSendError('transient', error.message, { cause: error });
  if (error instanceof ZaloApiError) {
    const code = error.zaloCode;
    if (GONE_ERRORS.has(code)) return new ChannelSendError('blocked', error.message, { cause: error });
    if (WINDOW_ERRORS.has(code)) return new ChannelSendError('outside_window', error.message, { cause: error });
    if (RATE_LIMIT_ERRORS.has(code) || error.httpStatus === 429) return new ChannelSendError('rate_limited', error.message, { cause: error, retryAfterMs: 30_000 });
    if (code === 0 && (error.httpStatus === null || error.httpStatus >= 500)) return new ChannelSendError('transient', error.message, { cause: error });
    if (TOKEN_ERRORS.has(code)) return new ChannelSendError('transient', error.message, { cause: error });
    return new ChannelSendError('permanent', error.message, { cause: error });
  }
  return new ChannelSendError('transient', error instanceof Error ? error.message : String(error), { cause: error });
}
