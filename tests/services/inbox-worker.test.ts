import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { readStoredZaloEvent } from '../../src/channels/zalo/translate-event.js';
import { INBOX_MAX_ATTEMPTS, InboxWorker } from '../../src/services/inbox-worker.js';
import type { DatabaseHandle } from '../../src/storage/client.js';
import { storeWebhookEvent } from '../../src/storage/queries/webhook-inbox.js';
import * as t from '../../src/storage/schema/index.js';
import type { WebhookInboxRow } from '../../src/storage/types.js';
import { createTestDatabase } from '../helpers/database.js';

let handle: DatabaseHandle;
const now = () => new Date('2026-11-21T03:00:00Z');
beforeEach(async () => {
  handle = await createTestDatabase();
});
afterEach(() => handle.close());

async function store(externalId: string, senderId: string) {
  return storeWebhookEvent(handle.db, { channel: 'zalo', externalId, senderId, event: { n: externalId }, receivedAt: now() });
}

describe('InboxWorker', () => {
  it('stores a redelivered event once', async () => {
    expect(await store('m1', 'u1')).not.toBeNull();
    expect(await store('m1', 'u1')).toBeNull();
    expect(await handle.db.select().from(t.webhookInbox)).toHaveLength(1);
  });

  it('handles what a crashed instance left behind, each sender in arrival order, and only once', async () => {
    for (const [id, sender] of [['a1', 'A'], ['b1', 'B'], ['a2', 'A'], ['a3', 'A'], ['b2', 'B']] as const) await store(id, sender);
    const seen: string[] = [];
    const worker = new InboxWorker(
      handle.db,
      'zalo',
      async (row: WebhookInboxRow) => {
        // The first event of A is slow: A's later events must still wait for it.
        if (row.externalId === 'a1') await new Promise((r) => setTimeout(r, 50));
        seen.push(row.externalId);
      },
      { now, log: createLogger('silent'), sweepDelayMs: -1000 },
    );
    expect(await worker.sweep()).toBe(5);
    expect(seen.filter((id) => id.startsWith('a'))).toEqual(['a1', 'a2', 'a3']);
    expect(seen.filter((id) => id.startsWith('b'))).toEqual(['b1', 'b2']);
    expect(await worker.sweep()).toBe(0);
    expect(seen).toHaveLength(5);
  });

  it('retries a failing event on the next sweeps, then sets it aside with its error', async () => {
    await store('bad', 'C');
    let calls = 0;
    const worker = new InboxWorker(
      handle.db,
      'zalo',
      async () => {
        calls += 1;
        throw new Error('database went away');
      },
      { now, log: createLogger('silent'), sweepDelayMs: -1000 },
    );
    for (let i = 0; i < INBOX_MAX_ATTEMPTS + 2; i++) await worker.sweep();
    expect(calls).toBe(INBOX_MAX_ATTEMPTS);
    const [row] = await handle.db.select().from(t.webhookInbox);
    expect(row).toMatchObject({ attempts: INBOX_MAX_ATTEMPTS, lastError: expect.stringContaining('database went away') });
    expect(row?.processedAt).not.toBeNull();
  });

  it('sets aside at once an event that does not parse, naming its row', async () => {
    const row = await storeWebhookEvent(handle.db, { channel: 'zalo', externalId: 'odd', senderId: 'D', event: { sender: { id: 5 } }, receivedAt: now() });
    let calls = 0;
    const worker = new InboxWorker(
      handle.db,
      'zalo',
      async (stored: WebhookInboxRow) => {
        calls += 1;
        readStoredZaloEvent(stored);
      },
      { now, log: createLogger('silent'), sweepDelayMs: -1000 },
    );
    for (let i = 0; i < 3; i++) await worker.sweep();
    expect(calls).toBe(1);
    const [kept] = await handle.db.select().from(t.webhookInbox);
    expect(kept).toMatchObject({ attempts: 1, lastError: expect.stringContaining(`webhook_inbox row ${row!.id}: event does not parse`) });
    expect(kept?.processedAt).not.toBeNull();
  });
});
