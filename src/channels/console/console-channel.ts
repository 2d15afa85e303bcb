import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { vi } from '../../core/messages/vi.js';
import type { InboundEvent } from '../../services/inbound.js';
import type { OutboundPayload } from '../../delivery/payload.js';
import type { ChannelSender, OutboundFile, Recipient, SendOptions } from '../../delivery/port.js';

/** The prefix of a notice's buttons: «t1» taps a notice's first button, «1» stays the question's. */
const NOTICE_KEY = 't';

/**
 * The terminal as a channel, for trying the bot with no token: messages are printed, buttons
 * become numbered options, and typing a number taps the matching button. A scheduled notice
 * (a reminder, a digest) is printed set apart in a frame, its buttons numbered «t1», «t2», so it
 * never takes over the question waiting for an answer. Files (exports, charts) are written into
 * `filesDir` and their path printed.
 */
export class ConsoleChannel implements ChannelSender {
  readonly channel = 'console' as const;
  private lastButtons: { payload: OutboundPayload } | null = null;
  private noticeButtons: OutboundPayload['choices'] = undefined;
  /** Whether the conversation's latest message has buttons: a notice then says the question still waits. */
  private questionHasButtons = false;
  private sequence = 0;

  constructor(
    private readonly out: Writable,
    private readonly session: string,
    private readonly filesDir: string,
  ) {}

  async send(_to: Recipient, payload: OutboundPayload, file?: OutboundFile, options?: SendOptions): Promise<{ externalMessageId: string | null }> {
    const saved = file ? await this.save(file) : undefined;
    if (options?.purpose !== undefined) {
      this.out.write(this.renderNotice(payload, saved));
      return { externalMessageId: null };
    }
    this.questionHasButtons = Boolean(payload.choices?.length);
    const lines = [`\n🤖 ${payload.text}`];
    if (saved) lines.push(`   📎 ${vi.console.fileSaved(saved.path, saved.kb)}`);
    if (payload.choices?.length) {
      // Numbered options, unless the options are numbers already: then they are shown as they are.
      const numeric = payload.choices.some((c) => /^\d+$/.test(c.label));
      lines.push(numeric ? `   ${payload.choices.map((c) => `[${c.label}]`).join(' ')}` : payload.choices.map((c, i) => `   [${i + 1}] ${c.label}`).join('\n'));
      this.lastButtons = { payload };
    }
    this.out.write(`${lines.join('\n')}\n`);
    return { externalMessageId: null };
  }

  /** A typed line as an inbound message: a number picks a button of the last message that had some, «t1» a notice's. */
  toInbound(line: string, from: { externalUserId: string; displayName: string }, receivedAt: Date): InboundEvent {
    this.sequence += 1;
    const base = {
      channel: 'console' as const,
      externalId: `${this.session}:${this.sequence}`,
      receivedAt,
      from: { externalUserId: from.externalUserId, chatId: from.externalUserId, displayName: from.displayName },
    };
    const noticePick = new RegExp(`^\\s*${NOTICE_KEY}\\s*(\\d{1,2})\\s*$`, 'i').exec(line);
    const noticeChoice = noticePick ? this.noticeButtons?.[Number(noticePick[1]) - 1] : undefined;
    if (noticeChoice) return { ...base, message: { type: 'choice', value: noticeChoice.value } };
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

  /** A notice in a frame, apart from the conversation, and a word that the question still waits. */
  private renderNotice(payload: OutboundPayload, saved: { path: string; kb: number } | undefined): string {
    const rule = '─'.repeat(60);
    const body = payload.text.split('\n').map((l) => `│ ${l}`);
    const lines = [`\n┌─ 🔔 ${vi.console.noticeTitle} ${rule.slice(0, 40)}`, ...body];
    if (saved) lines.push(`│ 📎 ${vi.console.fileSaved(saved.path, saved.kb)}`);
    if (payload.choices?.length) {
      this.noticeButtons = payload.choices;
      lines.push(`│ ${payload.choices.map((c, i) => `[${NOTICE_KEY}${i + 1}] ${c.label}`).join('   ')}`);
    }
    lines.push(`└${rule}`);
    if (this.questionHasButtons) lines.push(vi.console.questionStillWaiting);
    return `${lines.join('\n')}\n`;
  }

  /** Writes a file into the folder for files, under its own name, and says where. */
  private async save(file: OutboundFile): Promise<{ path: string; kb: number }> {
    await mkdir(this.filesDir, { recursive: true });
    const path = resolve(join(this.filesDir, basename(file.fileName)));
    await writeFile(path, file.bytes);
    return { path, kb: Math.ceil(file.bytes.length / 1024) };
  }
}
