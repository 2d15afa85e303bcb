import { monthKey } from '../core/figures/arithmetic.js';
import { parseExportArgs } from '../core/figures/export-request.js';
import { reviewKind } from '../core/figures/review-text.js';
import { ForbiddenError, NotFoundError } from '../core/errors.js';
import { formatMonth } from '../core/format.js';
import { vi } from '../core/messages/vi.js';
import { DEFAULT_MONTHLY_SCHEDULE, reportingMonth } from '../core/schedule.js';
import type { Db } from '../storage/client.js';
import { resolveExportScope } from './export.js';
import type { PlannedReply } from '../delivery/payload.js';

/**
 * /xuat and /baocaosoket from a chat: reads the words (format, unit code, months), checks the
 * person may see that unit, and asks for the reply that carries the file: an export job renders
 * it after the update's transaction (services/export-job) and queues it as a document. Default range: January of the reporting
 * month's year to the reporting month (what a sơ kết or tổng kết covers so far).
 */
export async function exportForChat(
  db: Db,
  p: { personId: number; command: 'xuat' | 'baocaosoket'; arg: string | null; now: Date; timeZone: string },
): Promise<PlannedReply[]> {
  const current = reportingMonth(p.now, DEFAULT_MONTHLY_SCHEDULE, p.timeZone);
  const defaults = { format: p.command === 'baocaosoket' ? 'docx' : 'xlsx', from: monthKey(current.year, 1), to: monthKey(current.year, current.month) } as const;
  const request = parseExportArgs(p.arg, defaults);
  if (request === 'bad-range') return [{ text: vi.export.badRange }];
  if (request === 'bad-request') return [{ text: vi.export.badRequest }];
  const format = p.command === 'baocaosoket' ? 'docx' : request.format;
  try {
    const scope = await resolveExportScope(db, { personId: p.personId, unitCode: request.unitCode });
    const [fy, fm] = request.from.split('-').map(Number) as [number, number];
    const [ty, tm] = request.to.split('-').map(Number) as [number, number];
    const kind = vi.export.kinds[format === 'docx' ? reviewKind(request.from, request.to) : format]!;
    const caption = vi.export.caption({ kind, unit: scope.unit.name, from: formatMonth(fy, fm), to: formatMonth(ty, tm) });
    const exportJob = { personId: p.personId, unitId: scope.unit.id, subtree: scope.subtree, from: request.from, to: request.to, format };
    return [{ text: vi.export.preparing }, { text: caption, exportJob }];
  } catch (error) {
    if (error instanceof ForbiddenError) return [{ text: error.message }];
    if (error instanceof NotFoundError) return [{ text: vi.cli.notFound(String(error.context.entity), String(error.context.key)) }];
    throw error;
  }
}
