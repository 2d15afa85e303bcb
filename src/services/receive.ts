import type { OutboxDispatcher } from '../delivery/dispatcher.js';
import type { Logger } from '../log.js';
import type { Database } from '../storage/client.js';
import type { ExportJobRunner } from './export-job.js';
import { handleInbound, type InboundEvent, type InboundOutcome } from './inbound.js';

/**
 * When the replies to an event leave, relative to the caller. `awaited`: the call returns once
 * they are sent, so one person's replies leave in the order of their messages (Zalo's inbox
 * worker, the console). `fire-and-forget`: the call returns once they are stored, so the channel
 * may answer at once (Telegram's webhook, ordered per chat by grammY); a failed send is logged
 * and left to the outbox's retries.
 */
export type ReplyOrdering = 'awaited' | 'fire-and-forget';

export interface ReceiveOptions {
  replies: ReplyOrdering;
  /** The channel's own housekeeping once the event is handled, before its replies go (Telegram: answer the tap, remove the keyboard). */
  beforeSending?: (outcome: InboundOutcome) => Promise<void>;
}

/** The one way a channel hands an inbound event over: handled exactly once, then its replies sent. */
export type Receive = (event: InboundEvent, options: ReceiveOptions) => Promise<InboundOutcome>;

/**
 * The receive entry point every adapter calls (Telegram, Zalo, console): adapters only
 * translate. Built once the dispatcher exists, so nothing needs a lazy getter to break the cycle.
 */
export function createReceiver(deps: {
  db: Database;
  dispatcher: OutboxDispatcher;
  /** Renders the exports a message asked for, after its replies («preparing…») went. */
  exports: Pick<ExportJobRunner, 'runClaimed'>;
  timeZone: string;
  log: Logger;
  /** The web console's address, for /web. */
  webBaseUrl?: () => string;
  /**
   * Called once a photo has been handled (and so, in a check-in's photo step, recorded for
   * fetching): the photo fetcher's nudge, so the copy starts now rather than at its next sweep.
   */
  photoArrived?: () => void;
}): Receive {
  return async (event, options) => {
    const outcome = await handleInbound(deps.db, event, { timeZone: deps.timeZone, log: deps.log, webBaseUrl: deps.webBaseUrl });
    if (event.message.type === 'photo' && !outcome.duplicate) deps.photoArrived?.();
    await options.beforeSending?.(outcome);
    const jobs = outcome.exports ?? [];
    const sending = deps.dispatcher.sendClaimed(outcome.toSend).then(async (sent) => {
      if (jobs.length > 0) await deps.exports.runClaimed(jobs);
      return sent;
    });
    if (options.replies === 'awaited') await sending;
    else void sending.catch((error: unknown) => deps.log.error({ err: error }, 'sending replies failed'));
    return outcome;
  };
}
