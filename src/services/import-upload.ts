import { createHash, randomBytes } from 'node:crypto';
import { AppError, ValidationError, type ValidationIssue } from '../core/errors.js';
import type { ImportChange } from '../core/import/import-changes.js';
import { uploadProblem } from '../core/import/upload-check.js';
import type { Database, Db } from '../storage/client.js';
import { deleteImportUpload, findImportUpload, insertImportUpload } from '../storage/queries/import-uploads.js';
import { importOrganisation, type ImportSummary } from './import-organisation.js';
import { readTabularFile } from './read-tabular.js';

/** An uploaded file waits this long for its confirmation. */
export const UPLOAD_MINUTES = 60;

/** The admin importing from the console: their person, session and organisations. */
export interface WebImporter {
  personId: number;
  sessionId: number;
  adminPaths: readonly string[];
}

/** A preview: the file's problems (nothing kept), or what it would change and the token to confirm it. */
export type ImportPreview =
  | { ok: false; fileName: string; issues: readonly ValidationIssue[] }
  | { ok: true; fileName: string; token: string; digest: string; summary: ImportSummary };

/**
 * Checks an uploaded spreadsheet as the command line does (the whole file, every problem with
 * its sheet, row and column) and previews its changes by running the very import in a dry run
 * (so the preview is what the import writes); a good file is kept for the confirmation.
 */
export async function previewImport(
  db: Database,
  p: { importer: WebImporter; fileName: string; bytes: Uint8Array; now: Date; timeZone: string },
): Promise<ImportPreview> {
  const problem = uploadProblem(p.fileName, p.bytes);
  if (problem) return { ok: false, fileName: p.fileName, issues: [{ message: problem }] };
  const summary = await runImport(db, p.importer, p.fileName, p.bytes, { dryRun: true, now: p.now, timeZone: p.timeZone });
  if ('issues' in summary) return { ok: false, fileName: p.fileName, issues: summary.issues };
  const token = randomBytes(24).toString('base64url');
  await deleteImportUpload(db, { now: p.now });
  await insertImportUpload(db, {
    tokenHash: hashOf(token), personId: p.importer.personId, sessionId: p.importer.sessionId, fileName: p.fileName, content: p.bytes,
    expiresAt: new Date(p.now.getTime() + UPLOAD_MINUTES * 60_000), at: p.now,
  });
  return { ok: true, fileName: p.fileName, token, digest: digestOf(summary.changes), summary };
}

/** What a confirmation did: imported; refused because the plan changed since the preview (a new preview); or the upload is gone. */
export type ImportConfirmation =
  | { outcome: 'imported'; summary: ImportSummary }
  | { outcome: 'plan-changed'; preview: ImportPreview }
  | { outcome: 'expired' };

/**
 * Imports a previewed upload. The import is run again (in the same transaction that writes it)
 * and written only when its changes are exactly those previewed; when the database changed
 * meanwhile in a way that alters them, nothing is written and the new preview is returned.
 */
export async function confirmImport(
  db: Database,
  p: { importer: WebImporter; token: string; digest: string; now: Date; timeZone: string },
): Promise<ImportConfirmation> {
  const upload = await findImportUpload(db, { tokenHash: hashOf(p.token), sessionId: p.importer.sessionId, now: p.now });
  if (!upload || upload.personId !== p.importer.personId) return { outcome: 'expired' };
  const bytes = new Uint8Array(upload.content);
  try {
    const summary = await db.transaction(async (tx) => {
      const result = await runImport(tx, p.importer, upload.fileName, bytes, { now: p.now, timeZone: p.timeZone });
      if ('issues' in result) throw new PlanChanged();
      if (digestOf(result.changes) !== p.digest) throw new PlanChanged();
      await deleteImportUpload(tx, { id: upload.id, now: p.now });
      return result;
    });
    return { outcome: 'imported', summary };
  } catch (error) {
    if (!(error instanceof PlanChanged)) throw error;
    const summary = await runImport(db, p.importer, upload.fileName, bytes, { dryRun: true, now: p.now, timeZone: p.timeZone });
    if ('issues' in summary) return { outcome: 'plan-changed', preview: { ok: false, fileName: upload.fileName, issues: summary.issues } };
    return { outcome: 'plan-changed', preview: { ok: true, fileName: upload.fileName, token: p.token, digest: digestOf(summary.changes), summary } };
  }
}

/** Drops a previewed upload («Huỷ»). */
export async function cancelImport(db: Database, p: { importer: WebImporter; token: string; now: Date }): Promise<void> {
  const upload = await findImportUpload(db, { tokenHash: hashOf(p.token), sessionId: p.importer.sessionId, now: p.now });
  await deleteImportUpload(db, { ...(upload ? { id: upload.id } : {}), now: p.now });
}

/** The fingerprint of a list of changes: a preview and a run agree when theirs are equal. */
export function digestOf(changes: readonly ImportChange[]): string {
  return createHash('sha256').update(JSON.stringify(changes)).digest('base64url');
}

async function runImport(
  db: Db,
  importer: WebImporter,
  fileName: string,
  bytes: Uint8Array,
  o: { dryRun?: boolean; now: Date; timeZone: string },
): Promise<ImportSummary | { issues: readonly ValidationIssue[] }> {
  try {
    const sheets = await readTabularFile(fileName, bytes);
    return await importOrganisation(db, sheets, {
      fileName, now: o.now, timeZone: o.timeZone, ...(o.dryRun ? { dryRun: true } : {}),
      actor: { actorKind: 'person', actorPersonId: importer.personId }, withinPaths: importer.adminPaths,
    });
  } catch (error) {
    if (error instanceof ValidationError) return { issues: error.issues.length > 0 ? error.issues : [{ message: error.message }] };
    throw error;
  }
}

class PlanChanged extends AppError {
  constructor() {
    super('IMPORT_PLAN_CHANGED', 'the import would change other things than its preview');
  }
}

function hashOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
