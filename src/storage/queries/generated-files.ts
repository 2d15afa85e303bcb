import { and, desc, eq, gte, lt } from 'drizzle-orm';
import type { Db } from '../client.js';
import { generatedFiles } from '../schema/index.js';
import type { GeneratedFileRow } from '../types.js';

/** Keeps a generated file until the outbox has sent it; returns its id for the payload. */
export async function insertGeneratedFile(
  db: Db,
  file: { personId: number | null; fileName: string; contentType: string; content: Uint8Array; at: Date },
): Promise<number> {
  const { at, ...values } = file;
  const [row] = await db.insert(generatedFiles).values({ ...values, createdAt: at }).returning({ id: generatedFiles.id });
  if (!row) throw new Error('insert into generated_files returned no row');
  return row.id;
}

export async function findGeneratedFile(db: Db, id: number): Promise<GeneratedFileRow | undefined> {
  const [row] = await db.select().from(generatedFiles).where(eq(generatedFiles.id, id));
  return row;
}

/** Forgets files made before `before` (sent long ago, or never claimed): exports are made again on request. */
export async function deleteGeneratedFilesBefore(db: Db, before: Date): Promise<void> {
  await db.delete(generatedFiles).where(lt(generatedFiles.createdAt, before));
}

/** A person's generated files since an instant, newest first, without their bytes: the web console's download list. */
export async function listGeneratedFilesOf(db: Db, p: { personId: number; since: Date; limit: number }): Promise<{ id: number; fileName: string; createdAt: Date }[]> {
  return db
    .select({ id: generatedFiles.id, fileName: generatedFiles.fileName, createdAt: generatedFiles.createdAt })
    .from(generatedFiles)
    .where(and(eq(generatedFiles.personId, p.personId), gte(generatedFiles.createdAt, p.since)))
    .orderBy(desc(generatedFiles.createdAt), desc(generatedFiles.id))
    .limit(p.limit);
}
