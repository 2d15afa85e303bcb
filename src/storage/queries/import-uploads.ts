import { and, eq, gt, lt } from 'drizzle-orm';
import type { Db } from '../client.js';
import { importUploads } from '../schema/index.js';
import type { ImportUploadRow } from '../types.js';

/** Keeps an uploaded spreadsheet until it is confirmed, cancelled or expires. */
export async function insertImportUpload(db: Db, p: { tokenHash: string; personId: number; sessionId: number; fileName: string; content: Uint8Array; expiresAt: Date; at: Date }): Promise<void> {
  await db.insert(importUploads).values({ tokenHash: p.tokenHash, personId: p.personId, sessionId: p.sessionId, fileName: p.fileName, content: p.content, expiresAt: p.expiresAt, createdAt: p.at });
}

/** The upload behind a token, only for the session that made it and before it expires. */
export async function findImportUpload(db: Db, p: { tokenHash: string; sessionId: number; now: Date }): Promise<ImportUploadRow | undefined> {
  const [row] = await db
    .select()
    .from(importUploads)
    .where(and(eq(importUploads.tokenHash, p.tokenHash), eq(importUploads.sessionId, p.sessionId), gt(importUploads.expiresAt, p.now)));
  return row;
}

/** Forgets one upload (confirmed or cancelled) and every expired one. */
export async function deleteImportUpload(db: Db, p: { id?: number; now: Date }): Promise<void> {
  if (p.id !== undefined) await db.delete(importUploads).where(eq(importUploads.id, p.id));
  await db.delete(importUploads).where(lt(importUploads.expiresAt, p.now));
}
