import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { Database } from './client.js';

/** Arbitrary but fixed, and not the migration lock's: who sends the scheduled messages. */
const SEND_LEASE_KEY = 7_310_053;

/**
 * The right to send scheduled (paced) messages. A channel's bulk limit is per bot, not per
 * process: two instances pacing themselves at 29 a second would together send 58. So one
 * instance at a time holds the lease and sends the scheduled messages; every instance sends its
 * own replies. On PostgreSQL it is a session advisory lock on a connection kept for it, so a
 * holder that dies (even by SIGKILL) loses it as soon as the server sees the connection close.
 */
export interface SendLease {
  /** Takes the lease if nobody holds it, or confirms it is still held; false when another holds it. */
  hold(): Promise<boolean>;
  /** Gives the lease back (at shutdown, or after the command line's tick). */
  release(): Promise<void>;
}

/** Per PGlite instance, which lease holds it: an embedded database has one process, but tests run several senders on one. */
const pgliteHolders = new WeakMap<PGlite, object>();

/** The send lease for this database, on whichever engine is behind it. */
export function createSendLease(db: Database): SendLease {
  const client = (db as unknown as { $client: unknown }).$client;
  if (client instanceof pg.Pool) return new AdvisoryLease(client);
  if (client instanceof PGlite) {
    const me = {};
    return {
      hold: async () => {
        const holder = pgliteHolders.get(client);
        if (holder && holder !== me) return false;
        pgliteHolders.set(client, me);
        return true;
      },
      release: async () => {
        if (pgliteHolders.get(client) === me) pgliteHolders.delete(client);
      },
    };
  }
  // Another kind of handle (none today): behave as the only sender.
  return { hold: async () => true, release: async () => undefined };
}

/**
 * The PostgreSQL lease: pg_try_advisory_lock on a connection of its own (not the pool's, so a
 * held lease never keeps the pool from closing), kept while held.
 */
class AdvisoryLease implements SendLease {
  private connection: pg.Client | undefined;
  private trying: Promise<boolean> | undefined;

  constructor(private readonly pool: pg.Pool) {}

  hold(): Promise<boolean> {
    if (this.connection) return Promise.resolve(true);
    this.trying ??= this.tryTake().finally(() => (this.trying = undefined));
    return this.trying;
  }

  private async tryTake(): Promise<boolean> {
    const connection = new pg.Client(this.pool.options);
    // A lost connection is a lost lease: the server has already let it go.
    connection.on('error', () => {
      if (this.connection === connection) this.connection = undefined;
      void connection.end().catch(() => undefined);
    });
    try {
      await connection.connect();
      const { rows } = await connection.query<{ taken: boolean }>('select pg_try_advisory_lock($1) as taken', [SEND_LEASE_KEY]);
      if (!rows[0]?.taken) {
        await connection.end();
        return false;
      }
    } catch (error) {
      await connection.end().catch(() => undefined);
      throw error;
    }
    this.connection = connection;
    return true;
  }

  async release(): Promise<void> {
    await this.trying?.catch(() => false);
    const connection = this.connection;
    if (!connection) return;
    this.connection = undefined;
    // Closing the connection lets the lock go too; unlocking first says so plainly.
    await connection.query('select pg_advisory_unlock($1)', [SEND_LEASE_KEY]).catch(() => undefined);
    await connection.end().catch(() => undefined);
  }
}
