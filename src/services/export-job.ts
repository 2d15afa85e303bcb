import { z } from 'zod';
import { EXPORT_FORMATS } from '../core/figures/export-request.js';
import { describeError, NotFoundError } from '../core/errors.js';
import { readStoredJson, StoredJsonError, type StoredJsonFormat } from '../core/stored-json.js';
import type { OutboxDispatcher } from '../delivery/dispatcher.js';
import { queueFileFailedText } from '../delivery/failure-notice.js';
import type { ExportJob, OutboundDocument } from '../delivery/payload.js';
import type { Logger } from '../log.js';
import type { Database } from '../storage/client.js';
import { claimDueExportJobs, deleteFinishedExportJobsBefore, markExportJobDone, markExportJobFailed } from '../storage/queries/export-jobs.js';
import { deleteGeneratedFilesBefore, insertGeneratedFile } from '../storage/queries/generated-files.js';
import { findUnitById } from '../storage/queries/org-units.js';
import { enqueueOutbound } from '../storage/queries/outbound-messages.js';
import type { ExportJobRow } from '../storage/types.js';
import { exportToBytes } from './export.js';

/** Generated files older than this are forgotten by the scheduler's tick. */
export const KEEP_FILES_MS = 7 * 24 * 3600_000;

/** After this many failed renderings an export is given up. */
export const EXPORT_MAX_ATTEMPTS = 5;

/**
 * What an export job keeps (export_jobs.request, version 1): the caption (the chat reply's text,
 * or on the web the name shown while the file is made) and the export to render.
 */
export const exportRequestSchema = z.object({
  caption: z.string(),
  job: z.object({
    personId: z.number().int(),
    unitId: z.number().int(),
    subtree: z.boolean(),
    from: z.string(),
    to: z.string(),
    format: z.enum(EXPORT_FORMATS),
  }),
});
export type ExportRequest = z.infer<typeof exportRequestSchema>;

/** export_jobs.request, version 1 (the first): no older shapes to upgrade. */
export const EXPORT_REQUEST: StoredJsonFormat<ExportRequest> = {
  table: 'export_jobs',
  column: 'request',
  version: 1,
  schema: exportRequestSchema,
  upgrade: (value) => value,
};

/** The request of an export_jobs row, read through its schema; one that does not parse is a StoredJsonError naming the row. */
export function readExportRequest(row: Pick<ExportJobRow, 'id' | 'request'>): ExportRequest {
  return readStoredJson(EXPORT_REQUEST, row.id, row.request, row);
}

/**
 * Renders an export asked for in a chat and keeps it in generated_files, in one repeatable-read
 * transaction (every sheet reads the same snapshot).
 */
export async function renderExportJob(db: Database, job: ExportJob, deps: { now: Date; timeZone: string }): Promise<OutboundDocument> {
  return db.transaction(
    async (tx) => {
      const unit = await findUnitById(tx, job.unitId);
      if (!unit) throw new NotFoundError('org unit', String(job.unitId));
      const file = await exportToBytes(tx, { unit, subtree: job.subtree, from: job.from, to: job.to, format: job.format }, deps);
      const fileId = await insertGeneratedFile(tx, { personId: job.personId, fileName: file.fileName, contentType: file.contentType, content: file.bytes, at: deps.now });
      return { fileId, fileName: file.fileName };
    },
    { isolationLevel: 'repeatable read' },
  );
}

/** Forgets generated files older than a week (sent long ago, or never fetched) and the finished export jobs as old: exports are made again on request. */
export async function forgetOldFiles(db: Database, now: Date): Promise<void> {
  const before = new Date(now.getTime() - KEEP_FILES_MS);
  await deleteFinishedExportJobsBefore(db, before);
  await deleteGeneratedFilesBefore(db, before);
}

/** A rendered export: its file, and (asked in a chat) the outbox message carrying it. */
export interface RenderedExport {
  jobId: number;
  fileId: number;
  outboundId: number | null;
}

/**
 * Renders the exports asked for in chats and on the web console, as jobs of their own: a job is
 * claimed, its file rendered, and, asked in a chat, the reply carrying it queued (under the
 * request's reply key) and handed to the outbox, which sends and retries it like any reply; asked
 * on the web, the file waits on the Xuất page. The receive entry point and the web console run a
 * job right after queuing it (claimed); a sweep picks up what a crash or a failure left.
 */
export class ExportJobRunner {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();
  private readonly inFlight = new Set<Promise<unknown>>();
  private stopped = false;

  constructor(
    private readonly db: Database,
    private readonly deps: {
      /** Sends a chat's reply at once; without it (the web console alone) the reply waits for the outbox's sweep. */
      dispatcher?: Pick<OutboxDispatcher, 'dispatch'>;
      now: () => Date;
      timeZone: string;
      log: Logger;
    },
  ) {}

  /** Renders what is due (only `ids` when given), one at a time; resolves with how many were rendered. */
  async run(ids?: readonly number[]): Promise<number> {
    if (this.stopped || ids?.length === 0) return 0;
    const rendered = await this.track(claimDueExportJobs(this.db, { now: this.deps.now(), limit: 10, ids }).then((jobs) => this.renderAll(jobs)));
    return rendered.filter((r) => r !== null).length;
  }

  /** Renders jobs the caller queued already claimed, one at a time; null for one that failed (retried later by the sweep). */
  runClaimed(jobs: readonly ExportJobRow[]): Promise<(RenderedExport | null)[]> {
    return this.track(this.renderAll(jobs));
  }

  private track<T>(work: Promise<T>): Promise<T> {
    this.inFlight.add(work);
    void work.catch(() => undefined).finally(() => this.inFlight.delete(work));
    return work;
  }

  private async renderAll(jobs: readonly ExportJobRow[]): Promise<(RenderedExport | null)[]> {
    const results: (RenderedExport | null)[] = [];
    for (const job of jobs) {
      const rendered = await this.render(job);
      results.push(rendered);
      if (rendered?.outboundId != null) await this.deps.dispatcher?.dispatch([rendered.outboundId]);
    }
    return results;
  }

  /** One job: its file, then (asked in a chat) its reply; null when it failed. */
  private async render(job: ExportJobRow): Promise<RenderedExport | null> {
    try {
      const request = readExportRequest(job);
      const now = this.deps.now();
      const document = await renderExportJob(this.db, request.job, { now, timeZone: this.deps.timeZone });
      return await this.db.transaction(async (tx) => {
        let outboundId: number | null = null;
        if (job.accountId !== null) {
          const [reply] = await enqueueOutbound(tx, [{ accountId: job.accountId, purpose: 'reply', dedupeKey: job.dedupeKey, payload: { text: request.caption, document } }], now);
          outboundId = reply?.id ?? null;
        }
        await markExportJobDone(tx, { id: job.id, fileId: document.fileId, outboundId });
        return { jobId: job.id, fileId: document.fileId, outboundId };
      });
    } catch (error) {
      const giveUp = error instanceof StoredJsonError || job.attempts >= EXPORT_MAX_ATTEMPTS;
      this.deps.log.warn({ err: error, exportJobId: job.id, attempts: job.attempts }, `rendering an export failed${giveUp ? '; giving up' : ''}`);
      const retryAt = giveUp ? null : new Date(this.deps.now().getTime() + Math.min(600_000, 1000 * 2 ** Math.max(0, job.attempts - 1)));
      await markExportJobFailed(this.db, { id: job.id, error: describeError(error), retryAt });
      // Asked in a chat and given up: the person waiting after «preparing» is told.
      if (giveUp && job.accountId !== null) {
        const notice = await queueFileFailedText(this.db, { accountId: job.accountId, dedupeKey: `send-failed:export:${job.id}`, now: this.deps.now() });
        if (notice !== null) await this.deps.dispatcher?.dispatch([notice]);
      }
      return null;
    }
  }

  /** Sweeps for exports left by a crash or waiting for a retry. */
  start(intervalMs = 5000): void {
    const tick = () => {
      this.running = this.run()
        .catch((error: unknown) => this.deps.log.error({ err: error }, 'export sweep failed'))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(tick, intervalMs);
        });
    };
    this.timer = setTimeout(tick, intervalMs);
  }

  /** Stops sweeping and waits for the renderings under way. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }
}
