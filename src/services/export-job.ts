import { NotFoundError } from '../core/errors.js';
import type { Database } from '../storage/client.js';
import { deleteGeneratedFilesBefore, insertGeneratedFile } from '../storage/queries/generated-files.js';
import { findUnitById } from '../storage/queries/org-units.js';
import { exportToBytes } from './export.js';
import type { ExportJob, OutboundDocument } from '../delivery/payload.js';

/** Generated files older than this are dropped when a new one is made. */
const KEEP_FILES_MS = 7 * 24 * 3600_000;

/**
 * Renders an export asked for in a chat and keeps it in generated_files, in one repeatable-read
 * transaction (every sheet reads the same snapshot). The outbox calls it when the reply's turn
 * comes, so the webhook that received the request has long answered.
 */
export async function renderExportJob(db: Database, job: ExportJob, deps: { now: Date; timeZone: string }): Promise<OutboundDocument> {
  return db.transaction(
    async (tx) => {
      const unit = await findUnitById(tx, job.unitId);
      if (!unit) throw new NotFoundError('org unit', String(job.unitId));
      const file = await exportToBytes(tx, { unit, subtree: job.subtree, from: job.from, to: job.to, format: job.format }, deps);
      await deleteGeneratedFilesBefore(tx, new Date(deps.now.getTime() - KEEP_FILES_MS));
      const fileId = await insertGeneratedFile(tx, { personId: job.personId, fileName: file.fileName, contentType: file.contentType, content: file.bytes, at: deps.now });
      return { fileId, fileName: file.fileName };
    },
    { isolationLevel: 'repeatable read' },
  );
}
