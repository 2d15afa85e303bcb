import { isNoticePayload } from '../core/notices.js';
import { vi } from '../core/messages/vi.js';
import type { Db } from '../storage/client.js';
import { enqueueOutbound } from '../storage/queries/outbound-messages.js';
import type { OutboundMessageRow } from '../storage/types.js';
import { readPayload, type StoredPayload } from './payload.js';

/**
 * When a reply the person is waiting for (a file from /xuat or /baocaosoket) fails for good, a
 * short text tells them it failed and what to do, instead of silence after "Đang gửi tệp…".
 * Queued once per failed message (its dedupe key), and never for a failure notice itself.
 */
export async function queueFailureNotice(db: Db, message: OutboundMessageRow, now: Date): Promise<void> {
  let payload: StoredPayload;
  try {
    payload = readPayload(message);
  } catch {
    return; // A payload that does not parse carried no file anyone waits for.
  }
  if (message.purpose !== 'reply' || isNoticePayload(payload) || payload.document === undefined) return;
  await queueFileFailedText(db, { accountId: message.accountId, dedupeKey: `send-failed:${message.id}`, now });
}

/**
 * The same text when the file could not even be made (an export job given up): queued under
 * `dedupeKey`, once; returns the outbox id to send, or null when it was queued before.
 */
export async function queueFileFailedText(db: Db, p: { accountId: number; dedupeKey: string; now: Date }): Promise<number | null> {
  const [queued] = await enqueueOutbound(db, [{ accountId: p.accountId, purpose: 'reply', dedupeKey: p.dedupeKey, payload: { text: vi.export.sendFailed } }], p.now);
  return queued?.id ?? null;
}
