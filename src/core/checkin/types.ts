import type { QuestionSetDefinition } from './question-set.js';

/** A button: what it shows and the token that comes back when it is tapped. */
export interface ChoiceButton {
  label: string;
  value: string;
}

/** A channel-neutral message to send: adapters render choices as buttons or numbered lines. */
export interface Reply {
  text: string;
  choices?: readonly ChoiceButton[];
}

/** What the person sent, already translated from the channel's own shape. */
export type CheckinInput =
  | { type: 'text'; text: string }
  | { type: 'choice'; value: string }
  | { type: 'photo'; fileRef: string; mediaGroupId?: string }
  | { type: 'unsupported' };

/** A photo kept by the channel's file reference, with the album it came in (Telegram's media_group_id). */
export interface PhotoRef {
  fileRef: string;
  mediaGroupId?: string;
}

/** A photo as stored in a check-in's answers: a PhotoRef, or a bare file reference (check-ins started before albums were kept). */
export type StoredPhoto = string | PhotoRef;

/** A stored answer: a count, attendance, yes/no, text, a choice value, photos, or skipped (null). */
export type Answer = number | { present: number; total: number } | boolean | string | readonly StoredPhoto[] | null;

/** Everything the engine needs to know about this check-in that is not its state. */
export interface CheckinContext {
  personName: string;
  unitName: string;
  /** "11/2026" */
  periodLabel: string;
  /** The month's number, for "Tháng 11 chi bộ sinh hoạt …". */
  month: number;
  /** "25/11/2026" */
  dueLabel: string;
  models: readonly { id: number; title: string }[];
  questionSet: QuestionSetDefinition;
}

/** The conversation's state, stored as JSON between messages; it carries every answer so far. */
export interface CheckinState {
  phase: 'intro' | 'asking' | 'summary' | 'pick_edit' | 'submitted';
  step: number;
  /** Steps asked before this one, for «Quay lại». */
  trail: number[];
  answers: Record<string, Answer>;
  noActivity: boolean;
  /** Set while correcting one answer from the summary: go back to the summary after it. */
  editing: boolean;
  /** The album whose first photo was acknowledged, so an album gets one reply. */
  lastMediaGroup: string | null;
}

/**
 * Something the service must do besides sending the replies. `photo`: a new photo was kept in
 * the answers; the service records it for fetching at once (a Zalo image URL expires long
 * before a check-in left open for days is sent).
 */
export type CheckinEvent = 'submitted' | 'snoozed' | 'paused' | 'photo';

export interface AdvanceResult {
  state: CheckinState;
  replies: Reply[];
  event?: CheckinEvent;
}
