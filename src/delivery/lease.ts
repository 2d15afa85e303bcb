import type { Logger } from '../log.js';
import type { Database } from '../storage/client.js';
import { createSendLease, type SendLease } from '../storage/send-lease.js';

/**
 * The dispatcher's use of the send lease (storage/send-lease): whether this instance paces the
 * scheduled messages now, and whether it has just taken them over from another (whose last
 * second of sends it cannot see). A lease that cannot be checked counts as held elsewhere.
 */
export class SendLeaseHolder {
  private readonly lease: SendLease;
  private held = false;

  constructor(
    db: Database,
    lease: SendLease | undefined,
    private readonly log: Logger,
  ) {
    this.lease = lease ?? createSendLease(db);
  }

  /** Takes or confirms the lease; `takenOver` is true on the first hold after not holding it. */
  async hold(): Promise<{ held: boolean; takenOver: boolean }> {
    const held = await this.lease.hold().catch((error: unknown) => {
      this.log.warn({ err: error }, 'could not check the send lease; leaving scheduled messages to another instance');
      return false;
    });
    const takenOver = held && !this.held;
    this.held = held;
    return { held, takenOver };
  }

  /** Hands the lease back (at shutdown, after the command line's tick). */
  async release(): Promise<void> {
    this.held = false;
    await this.lease.release().catch((error: unknown) => this.log.warn({ err: error }, 'could not release the send lease'));
  }
}
