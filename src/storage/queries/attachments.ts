import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../client.js';

/**
 * Listing a report's or a model's photos for the web console's galleries (the web/media
 * contract: this is the one listing; the photo route serves each by id, checking scope itself).
 */
export interface AttachmentItem {
  id: number;
  reportId: number;
  month: string;
  modelTitle: string | null;
  caption: string | null;
  /** Where its copy stands: in the media store, still to fetch (or being fetched), or failed for good. */
  state: 'ready' | 'pending' | 'failed';
}

function stateOf(status: unknown): AttachmentItem['state'] {
  return status === 'fetched' ? 'ready' : status === 'failed' ? 'failed' : 'pending';
}

function toItem(r: Record<string, unknown>): AttachmentItem {
  return {
    id: Number(r.id),
    state: stateOf(r.fetch_status),
    reportId: Number(r.report_id),
    month: String(r.month),
    modelTitle: r.title === null || r.title === undefined ? null : String(r.title),
    caption: r.caption === null || r.caption === undefined ? null : String(r.caption),
  };
}

/**
 * A report's photos, by model then arrival: those of the report as sent (each in its model's
 * answer). Photos that arrived in a check-in not sent yet (or a correction not sent again) are
 * recorded and fetched already, but are not part of the report until it is sent.
 */
export async function listReportAttachments(db: Db, reportId: number): Promise<AttachmentItem[]> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select a.id, a.report_id, p.starts_on::text as month, m.title, a.caption, a.fetch_status
          from attachments a
          join reports r on r.id = a.report_id
          join periods p on p.id = r.period_id
          join model_answers ma on ma.id = a.model_answer_id
          join models m on m.id = ma.model_id
         where a.report_id = ${reportId} and a.kind = 'photo'
         order by ma.id, a.id limit 200`,
  );
  return rows.map(toItem);
}

/** A model's photos from submitted reports, newest month first; capped. */
export async function listModelAttachments(db: Db, p: { modelId: number; limit: number }): Promise<AttachmentItem[]> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select a.id, a.report_id, p.starts_on::text as month, m.title, a.caption, a.fetch_status
          from model_answers ma
          join models m on m.id = ma.model_id
          join attachments a on a.model_answer_id = ma.id and a.kind = 'photo'
          join reports r on r.id = ma.report_id and r.status = 'submitted'
          join periods p on p.id = r.period_id
         where ma.model_id = ${p.modelId}
         order by p.starts_on desc, a.id limit ${p.limit}`,
  );
  return rows.map(toItem);
}
