import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { ModelField } from '../../core/domain.js';
import { queryRows, type Db } from '../client.js';

/** One report as the web console's report page shows it: everything as it was given. */
export interface ReportDetail {
  id: number;
  status: 'draft' | 'submitted';
  version: number;
  month: string;
  dueAt: Date;
  submittedAt: Date | null;
  submittedBy: string | null;
  noActivity: boolean;
  unit: { id: number; code: string; name: string; path: string };
  questionSet: { version: number; title: string; definition: unknown };
  answers: Record<string, unknown>;
  /** The typed columns the well-known answers are also stored in (reports loaded without an answers map have only these). */
  columns: { meetingsHeld: number | null; membersPresent: number | null; membersTotal: number | null; themedSessionHeld: boolean | null; themedSessionSubject: string | null; difficulties: string | null; proposals: string | null };
  models: { modelId: number; title: string; field: ModelField; activities: number | null; participants: number | null; progress: string | null; results: string | null; difficulties: string | null }[];
  goodDeeds: { personName: string | null; description: string }[];
  versions: { version: number; at: Date; editedBy: string | null; snapshot: Record<string, unknown> }[];
}

/** A stored snapshot or answers map: an object of whatever the question set asked. */
const storedObject = z.record(z.string(), z.unknown()).catch({});

/** The report with its unit (and path, for the scope check), period, question set, answers, versions. */
export async function loadReportDetail(db: Db, reportId: number): Promise<ReportDetail | undefined> {
  const [r] = await queryRows<Record<string, unknown>>(
    db,
    sql`select r.id, r.status::text as status, r.version, r.no_activity, r.answers, r.submitted_at,
               r.meetings_held, r.members_present, r.members_total, r.themed_session_held, r.themed_session_subject, r.difficulties, r.proposals,
               p.starts_on::text as month, p.due_at, sp.full_name as submitted_by,
               u.id as unit_id, u.code, u.name, u.path, q.version as qs_version, q.title as qs_title, q.definition
          from reports r
          join periods p on p.id = r.period_id
          join org_units u on u.id = r.unit_id
          join question_sets q on q.id = r.question_set_id
          left join people sp on sp.id = r.submitted_by_person_id
         where r.id = ${reportId}`,
  );
  if (!r) return undefined;
  const [models, deeds, versions] = await Promise.all([
    queryRows<Record<string, unknown>>(
      db,
      sql`select a.model_id, m.title, m.field, a.activities, a.participants, a.progress::text as progress, a.results, a.difficulties
            from model_answers a join models m on m.id = a.model_id where a.report_id = ${reportId} order by a.id`,
    ),
    queryRows<Record<string, unknown>>(db, sql`select person_name, description from good_deeds where report_id = ${reportId} order by id`),
    queryRows<Record<string, unknown>>(
      db,
      sql`select v.version, v.created_at, v.snapshot, p.full_name from report_versions v
            left join people p on p.id = v.edited_by_person_id where v.report_id = ${reportId} order by v.version`,
    ),
  ]);
  const n = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  const s = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return {
    id: Number(r.id),
    status: r.status === 'submitted' ? 'submitted' : 'draft',
    version: Number(r.version),
    month: String(r.month),
    dueAt: new Date(r.due_at as string | Date),
    submittedAt: r.submitted_at ? new Date(r.submitted_at as string | Date) : null,
    submittedBy: s(r.submitted_by),
    noActivity: r.no_activity === true,
    unit: { id: Number(r.unit_id), code: String(r.code), name: String(r.name), path: String(r.path) },
    questionSet: { version: Number(r.qs_version), title: String(r.qs_title), definition: r.definition },
    answers: storedObject.parse(r.answers),
    columns: {
      meetingsHeld: n(r.meetings_held),
      membersPresent: n(r.members_present),
      membersTotal: n(r.members_total),
      themedSessionHeld: r.themed_session_held === null || r.themed_session_held === undefined ? null : r.themed_session_held === true,
      themedSessionSubject: s(r.themed_session_subject),
      difficulties: s(r.difficulties),
      proposals: s(r.proposals),
    },
    models: models.map((m) => ({
      modelId: Number(m.model_id),
      title: String(m.title),
      field: m.field as ModelField,
      activities: n(m.activities),
      participants: n(m.participants),
      progress: s(m.progress),
      results: s(m.results),
      difficulties: s(m.difficulties),
    })),
    goodDeeds: deeds.map((d) => ({ personName: s(d.person_name), description: String(d.description) })),
    versions: versions.map((v) => ({ version: Number(v.version), at: new Date(v.created_at as string | Date), editedBy: s(v.full_name), snapshot: storedObject.parse(v.snapshot) })),
  };
}
