import type { ChannelKind } from './domain.js';

/**
 * What a channel can carry, in one place, so the outbox and the scheduler decide the same way
 * for every channel: how long a text may be, how many buttons fit (more become numbered
 * choices typed as a number), and whether free messages reach only people who wrote recently
 * (Zalo's interaction window), beyond which a pre-approved template must be used.
 */
export interface ChannelCapabilities {
  /** Longest text of one message; longer texts are split at line breaks. */
  textLimit: number;
  /** Most buttons under one message; null when the channel has no practical limit. */
  maxButtons: number | null;
  /** Free messages reach a person only this long after their last message; null: always. */
  freeWindowMs: number | null;
  /** Whether a template message can reach a person outside the window. */
  templates: boolean;
  /** Whether an invitation can be a link that opens the chat with the code (Telegram deep links); else the code is typed. */
  inviteLinks: boolean;
}

const HOUR = 3_600_000;

/** DESIGN.md §7: the channels' hard limits. */
export const CHANNEL_CAPABILITIES: Readonly<Record<ChannelKind, ChannelCapabilities>> = {
  telegram: { textLimit: 4096, maxButtons: null, freeWindowMs: null, templates: false, inviteLinks: true },
  // Free consultation messages reach followers who interacted in the last 48 hours.
  zalo: { textLimit: 2000, maxButtons: 5, freeWindowMs: 48 * HOUR, templates: true, inviteLinks: false },
  console: { textLimit: 100_000, maxButtons: null, freeWindowMs: null, templates: false, inviteLinks: false },
};

/** How a message reaches a person: a free message, or a template that invites a tap. */
export type MessageKind = 'free' | 'template';

/**
 * The message kind for a scheduled message to a person who last wrote at `lastInboundAt`:
 * free inside the channel's window, a template beyond it. A margin keeps a message queued at
 * the window's edge from arriving just after it closes.
 */
export function chooseMessageKind(caps: ChannelCapabilities, lastInboundAt: Date | null, now: Date, marginMs = 10 * 60_000): MessageKind {
  if (caps.freeWindowMs === null) return 'free';
  if (lastInboundAt && now.getTime() - lastInboundAt.getTime() < caps.freeWindowMs - marginMs) return 'free';
  return caps.templates ? 'template' : 'free';
}

/** Whether choices this many are shown as numbered text (typed back as a number) rather than buttons. */
export function usesNumberedChoices(caps: ChannelCapabilities, count: number): boolean {
  return caps.maxButtons !== null && count > caps.maxButtons;
}

export interface Choice {
  label: string;
  value: string;
}

/** How a question's choices are shown where buttons are few. */
export interface ChoiceLayout {
  buttons: Choice[];
  /** Shown as "1. …" in the text; the person types the number. */
  numbered: Choice[];
  /** Numbers offered as answers (0, 1, 2 …): typed as they are, so not drawn as buttons. */
  typedNumbers: string[];
}

/**
 * Fits choices to a channel's buttons. Where they do not fit (Zalo: 5), number answers such as
 * "0", "1", "2" are left to be typed (the parser reads them) and the rest become buttons; if
 * even those are too many, they are all numbered in the text and a typed number picks one.
 * The sender draws this and the inbound service reads a typed number back by the same rule.
 */
export function arrangeChoices(caps: ChannelCapabilities, choices: readonly Choice[]): ChoiceLayout {
  if (caps.maxButtons === null || choices.length <= caps.maxButtons) return { buttons: [...choices], numbered: [], typedNumbers: [] };
  const isNumber = (c: Choice) => /^\d+$/.test(c.label.trim());
  // «Khác» on a count question only says "type a number", which is what the person does here.
  const rest = choices.filter((c) => !isNumber(c) && c.value !== 'other');
  if (rest.length <= caps.maxButtons) return { buttons: rest, numbered: [], typedNumbers: choices.filter(isNumber).map((c) => c.label.trim()) };
  return { buttons: [], numbered: [...choices], typedNumbers: [] };
}
