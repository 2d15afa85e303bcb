/**
 * The one codec of what a button carries back when tapped, for every channel and every writer
 * (notices, menus, the check-in engine) and reader (the inbound router, the fast path).
 *
 * Two layers: the button's *value* (`unit:12`, `unit:12:sua`, `unit:12:p40`, `snooze:12`, `fix:9`,
 * `dv:p2` / `dv:9` / `dv:9:2:a` / `dv:9:2:r`, `mh:u:42` / `mh:f:kinh_te` / `mh:m:2027-01` / `mh:ok:17` /
 * `mh:no:17`, `ans:yes`, `edit:3`, or a plain step word such as
 * `done`), and the *data* a channel keeps for it: the value with the
 * conversation and version it was drawn for, so a stale button is recognised ("12.3.ans:yes", or
 * ".value" with no conversation), within Telegram's 64 bytes of callback data.
 */
import { MODEL_FIELDS, type ModelField } from './domain.js';

/** Telegram's limit for a button's callback data, in bytes (DESIGN.md §7). */
export const BUTTON_DATA_LIMIT = 64;

/**
 * The longest prefix encodeButtonData puts before a check-in button's value: "<conversation id,
 * up to 12 digits>.<version, up to 9>.". A question's button values must fit in what is left.
 */
export const BUTTON_DATA_PREFIX_MAX = 12 + 1 + 9 + 1;

/** A /duyet button (issue 19): a page of the list, a report's summary, or «Đạt» / «Trả lại» on the version read. */
export type ReviewTap = { kind: 'page'; page: number } | { kind: 'open'; reportId: number } | { kind: 'approve' | 'return'; reportId: number; version: number };

/**
 * A /mohinh button (issue 17): the unit to propose for, the proposal's lĩnh vực or start month
 * (answered within its conversation), or a leader's «Xác nhận» / «Từ chối» under a proposal.
 */
export type ProposalTap =
  | { kind: 'unit'; unitId: number }
  | { kind: 'field'; field: ModelField }
  | { kind: 'month'; month: string }
  | { kind: 'confirm' | 'refuse'; proposalId: number };

/** A button's value, decoded. */
export type ButtonValue =
  /**
   * A unit picked from «which unit?»: to report (/baocao, a notice's button), for a given month
   * (this one, or a past one opened for it by a «báo cáo bổ sung»), or to correct (/sua).
   */
  | { kind: 'unit'; unitId: number; intent: 'report'; periodId?: number }
  | { kind: 'unit'; unitId: number; intent: 'edit' }
  /** «Nhắc lại sau» under a notice: put the unit's reminder off. */
  | { kind: 'snooze'; unitId: number }
  /** «Sửa báo cáo» under a return's notice (or /sua's list of returned reports): correct that report. */
  | { kind: 'fix'; reportId: number }
  /** A button of /duyet, the leader's review in the chat. */
  | { kind: 'review'; tap: ReviewTap }
  /** A button of /mohinh, a model proposed in the chat. */
  | { kind: 'proposal'; tap: ProposalTap }
  /** An answer offered as a button (a choice, yes/no, a quick reply). */
  | { kind: 'answer'; answer: string }
  /** «Sửa» one step from the summary's list, by its index. */
  | { kind: 'edit'; step: number }
  /** A step word of the check-in (start, done, skip, submit, …). */
  | { kind: 'word'; word: string };

/** A button's value as a string, as buttons carry it. */
export function encodeButtonValue(value: ButtonValue): string {
  switch (value.kind) {
    case 'unit':
      return `unit:${value.unitId}${value.intent === 'edit' ? ':sua' : value.periodId !== undefined ? `:p${value.periodId}` : ''}`;
    case 'snooze':
      return `snooze:${value.unitId}`;
    case 'fix':
      return `fix:${value.reportId}`;
    case 'review':
      return `dv:${encodeReviewTap(value.tap)}`;
    case 'proposal':
      return `mh:${encodeProposalTap(value.tap)}`;
    case 'answer':
      return `ans:${value.answer}`;
    case 'edit':
      return `edit:${value.step}`;
    case 'word':
      return value.word;
  }
}

/**
 * A tapped button's value, decoded. A value with a known prefix that does not read (`unit:x`)
 * is null: nothing we drew, so nothing to act on.
 */
export function decodeButtonValue(raw: string): ButtonValue | null {
  let m: RegExpExecArray | null;
  if (raw.startsWith('unit:')) {
    if (!(m = /^unit:(\d{1,9})(?::(sua)|:p(\d{1,9}))?$/.exec(raw))) return null;
    if (m[2]) return { kind: 'unit', unitId: Number(m[1]), intent: 'edit' };
    return { kind: 'unit', unitId: Number(m[1]), intent: 'report', ...(m[3] !== undefined ? { periodId: Number(m[3]) } : {}) };
  }
  if (raw.startsWith('snooze:')) return (m = /^snooze:(\d{1,9})$/.exec(raw)) ? { kind: 'snooze', unitId: Number(m[1]) } : null;
  if (raw.startsWith('fix:')) return (m = /^fix:(\d{1,9})$/.exec(raw)) ? { kind: 'fix', reportId: Number(m[1]) } : null;
  if (raw.startsWith('dv:')) {
    const tap = decodeReviewTap(raw.slice(3));
    return tap ? { kind: 'review', tap } : null;
  }
  if (raw.startsWith('mh:')) {
    const tap = decodeProposalTap(raw.slice(3));
    return tap ? { kind: 'proposal', tap } : null;
  }
  if (raw.startsWith('ans:')) return { kind: 'answer', answer: raw.slice(4) };
  if (raw.startsWith('edit:')) return (m = /^edit:(\d{1,4})$/.exec(raw)) ? { kind: 'edit', step: Number(m[1]) } : null;
  return { kind: 'word', word: raw };
}

/** The kinds of button the inbound router answers itself, never the open check-in. */
export type RoutedButtonKind = 'unit' | 'snooze' | 'fix' | 'review' | 'proposal';

const ROUTED_PREFIXES: readonly [string, RoutedButtonKind][] = [
  ['unit:', 'unit'],
  ['snooze:', 'snooze'],
  ['fix:', 'fix'],
  ['dv:', 'review'],
  ['mh:', 'proposal'],
];

/**
 * Which router's button a tapped value is by its prefix (picking a unit or a month, snoozing,
 * correcting a returned report, reviewing), whether or not the rest reads; null for a check-in's
 * own buttons (answers, edits, step words).
 */
export function routedButtonKind(raw: string): RoutedButtonKind | null {
  return ROUTED_PREFIXES.find(([prefix]) => raw.startsWith(prefix))?.[1] ?? null;
}

/** The part of a /duyet value after `dv:`. */
function encodeReviewTap(tap: ReviewTap): string {
  switch (tap.kind) {
    case 'page':
      return `p${tap.page}`;
    case 'open':
      return `${tap.reportId}`;
    case 'approve':
    case 'return':
      return `${tap.reportId}:${tap.version}:${tap.kind === 'approve' ? 'a' : 'r'}`;
  }
}

function decodeReviewTap(rest: string): ReviewTap | null {
  let m: RegExpExecArray | null;
  if ((m = /^p([1-9][0-9]{0,4})$/.exec(rest))) return { kind: 'page', page: Number(m[1]) };
  if ((m = /^([0-9]{1,9})$/.exec(rest))) return { kind: 'open', reportId: Number(m[1]) };
  if ((m = /^([0-9]{1,9}):([0-9]{1,9}):([ar])$/.exec(rest))) return { kind: m[3] === 'a' ? 'approve' : 'return', reportId: Number(m[1]), version: Number(m[2]) };
  return null;
}

/** The part of a /mohinh value after `mh:`. */
function encodeProposalTap(tap: ProposalTap): string {
  switch (tap.kind) {
    case 'unit':
      return `u:${tap.unitId}`;
    case 'field':
      return `f:${tap.field}`;
    case 'month':
      return `m:${tap.month}`;
    case 'confirm':
    case 'refuse':
      return `${tap.kind === 'confirm' ? 'ok' : 'no'}:${tap.proposalId}`;
  }
}

function decodeProposalTap(rest: string): ProposalTap | null {
  let m: RegExpExecArray | null;
  if ((m = /^u:([0-9]{1,9})$/.exec(rest))) return { kind: 'unit', unitId: Number(m[1]) };
  if ((m = /^f:([a-z_]{1,20})$/.exec(rest))) return (MODEL_FIELDS as readonly string[]).includes(m[1]!) ? { kind: 'field', field: m[1] as ModelField } : null;
  if ((m = /^m:(\d{4}-(?:0[1-9]|1[0-2]))$/.exec(rest))) return { kind: 'month', month: m[1]! };
  if ((m = /^(ok|no):([0-9]{1,9})$/.exec(rest))) return { kind: m[1] === 'ok' ? 'confirm' : 'refuse', proposalId: Number(m[2]) };
  return null;
}

/** A button's data: its value, with the conversation and version it was drawn for. Throws past BUTTON_DATA_LIMIT bytes. */
export function encodeButtonData(value: string, conversation?: { id: number; version: number }): string {
  const data = conversation ? `${conversation.id}.${conversation.version}.${value}` : `.${value}`;
  if (new TextEncoder().encode(data).length > BUTTON_DATA_LIMIT) throw new RangeError(`button data over ${BUTTON_DATA_LIMIT} bytes: ${value}`);
  return data;
}

/** The tapped button's value, or null for data we never issued. */
export function decodeButtonData(data: string): { value: string; conversationId?: number; version?: number } | null {
  const match = /^(?:(\d{1,12})\.(\d{1,9}))?\.(.{1,60})$/su.exec(data);
  if (!match) return null;
  const value = match[3]!;
  return match[1] ? { value, conversationId: Number(match[1]), version: Number(match[2]) } : { value };
}
