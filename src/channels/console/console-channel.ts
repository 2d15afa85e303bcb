import type { Writable } from 'node:stream';
import type { InboundEvent } from '../../services/inbound.js';
import type { OutboundPayload } from '../../delivery/payload.js';
import type { ChannelSender, OutboundFile, Recipient } from '../../delivery/port.js';

/**
 * The terminal as a channel, for trying the bot with no token: messages are printed, buttons
 * become numbered options, and typing a number taps the matching button.
 */
export class ConsoleChannel implements ChannelSender {
  readonly channel = 'console' as const;
  private lastButtons: { payload: OutboundPayload } | null = null;
  private sequence = 0;

  constructor(
    private readonly out: Writable,
    private readonly session: string,
  ) {}

  async send(_to: Recipient, payload: OutboundPayload, file?: OutboundFile): Promise<{ externalMessageId: string | null }> {
    const lines = [`\n🤖 ${payload.text}`];
    if (file) lines.push(`   📎 ${file.fileName} (${Math.ceil(file.bytes.length / 1024)} KB)`);
    if (payload.choices?.length) {
      // Numbered options, unless the options are numbers already: then they are shown as they are.
      const numeric = payload.choices.some((c) => /^\d+$/.test(c.label));
      lines.push(numeric ? `   ${payload.choices.map((c) => `[${c.label}]`).join(' ')}` : payload.choices.map((c, i) => `   [${i + 1}] ${c.label}`).join('\n'));
      this.lastButtons = { payload };
    }
    this.out.write(`${lines.join('\n')}\n`);
    return { externalMessageId: null };
  }

  /** A typed line as an inbound message: a number picks a button of the last message that had some. */
  toInbound(line: string, from: { externalUserId: string; displayName: string }, receivedAt: Date): InboundEvent {
    this.sequence += 1;
    const base = {
      channel: 'console' as const,
      externalId: `${this.session}:${this.sequence}`,
      receivedAt,
      from: { externalUserId: from.externalUserId, chatId: from.externalUserId, displayName: from.displayName },
    };
    const pick = /^\s*(\d{1,2})\s*$/.exec(line);
    const payload = this.lastButtons?.payload;
    // When the buttons are numbers themselves ("mấy cuộc?" [0] [1] [2]), a typed number is the answer.
    const numericButtons = payload?.choices?.some((c) => /^\d+$/.test(c.label)) ?? false;
    const choice = pick && payload?.choices && !numericButtons ? payload.choices[Number(pick[1]) - 1] : undefined;
    if (choice && payload) {
      return {
        ...base,
        message: { type: 'choice', value: choice.value },
        ...(payload.conversationId !== undefined ? { button: { conversationId: payload.conversationId, version: payload.version! } } : {}),
      };
    }
    return { ...base, message: { type: 'text', text: line } };
  }
}
