import { setTimeout as sleep } from 'node:timers/promises';
import { describeError } from '../core/errors.js';
import type { Logger } from '../log.js';

/** The longest wait between two tries of a start-up step. */
export const BACKGROUND_RETRY_MAX_MS = 5 * 60_000;

/**
 * Runs a step the service can work without for a while (a command menu, a webhook registration)
 * until it succeeds: each failure is logged and tried again after 1 s, 2 s, 4 s… up to 5 minutes,
 * until `signal` aborts (the service is stopping). Resolves true when the step succeeded.
 */
export async function retryInBackground(
  what: string,
  step: () => Promise<unknown>,
  deps: { log: Logger; signal: AbortSignal; firstDelayMs?: number },
): Promise<boolean> {
  let delay = deps.firstDelayMs ?? 1000;
  for (let attempt = 1; !deps.signal.aborted; attempt += 1) {
    try {
      await step();
      if (attempt > 1) deps.log.info(`${what}: done after ${attempt} tries`);
      return true;
    } catch (error) {
      if (deps.signal.aborted) return false;
      deps.log.warn({ err: error, attempt }, `${what} failed (${describeError(error)}); trying again in ${Math.round(delay / 1000)} s`);
    }
    await sleep(delay, undefined, { signal: deps.signal, ref: false }).catch(() => undefined);
    delay = Math.min(delay * 2, BACKGROUND_RETRY_MAX_MS);
  }
  return false;
}
