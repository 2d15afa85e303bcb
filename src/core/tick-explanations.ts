/**
 * Why a scheduled send queued nothing, decided from counts of its audience: the operator running
 * `tick` (and the log) should read the reason, not a bare "0". The words are in the catalogue
 * (vi.cli.tickReasons); the counts come from storage.
 */

/** Who a slot's messages are for, counted; each job fills the fields it has. */
export interface SlotAudience {
  /** Units that report (active mô hình) in the organisation, or in the review's scope. */
  reportingUnits?: number;
  /** Of them, those the slot is about: not yet sent (invitation, reminder), late (escalation), with months missing (review). */
  pendingUnits?: number;
  /** Of those, units with someone to write to: an answerer (or, for the escalation, a leader above) with a channel account. */
  reachableUnits?: number;
  /** Leaders and admins with a channel account (the digest). */
  reachableLeaders?: number;
}

export type NothingQueuedReason =
  | { reason: 'no-reporting-units' }
  | { reason: 'all-sent' }
  | { reason: 'nobody-joined'; pendingUnits: number }
  | { reason: 'no-leader-joined'; pendingUnits?: number }
  | { reason: 'already-queued' };

/** The first reason that explains an empty slot, from the widest (nobody to ask) to the narrowest. */
export function explainNothingQueued(job: string, audience: SlotAudience): NothingQueuedReason {
  if (job === 'digest') return audience.reachableLeaders === 0 ? { reason: 'no-leader-joined' } : { reason: 'already-queued' };
  if (audience.reportingUnits === 0) return { reason: 'no-reporting-units' };
  if (audience.pendingUnits === 0) return { reason: 'all-sent' };
  if (audience.reachableUnits === 0) {
    return job === 'escalation'
      ? { reason: 'no-leader-joined', pendingUnits: audience.pendingUnits ?? 0 }
      : { reason: 'nobody-joined', pendingUnits: audience.pendingUnits ?? 0 };
  }
  return { reason: 'already-queued' };
}
