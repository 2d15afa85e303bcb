import { vi } from '../core/messages/vi.js';
import type { Db } from '../storage/client.js';
import { enqueueOutbound } from '../storage/queries/outbound-messages.js';
import type { OutboundMessageRow } from '../storage/types.js';

/**
 * When a reply the person is waiting for (a file from /xuat or /baocaosoket) fails for good, a
 * short text tells them it failed and what to do, instead of silence after "Đang gửi tệp…".
 * Queued once per failed message (its dedupe key), and never for a failure notice itself.
 */
export async function queueFailureNotice(db: Db, message: OutboundMessageRow, now: Date): Promise<void> {
  const payload = message.payload as { exportJob?: unknown; document?: unknown } | null;
  if (message.purpose !== 'reply' || !payload || (payload.exportJob === undefined && payload.document === undefined)) return;
  await enqueueOutbound(db, [{ accountId: message.accountId, purpose: 'reply', dedupeKey: `send-failed:${message.id}`, payload: { text: vi.export.sendFailed } }], now);
}
