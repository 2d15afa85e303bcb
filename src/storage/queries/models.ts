import { and, asc, eq, sql } from 'drizzle-orm';
import type { ModelField, ModelStatus } from '../../core/domain.js';
import { queryRows, type Db } from '../client.js';
import { models } from '../schema/index.js';
import type { ModelRow } from '../types.js';

export interface ModelInput {
  unitId: number;
  title: string;
  field: ModelField;
  startedOn: string | null;
  status: ModelStatus;
  description: string | null;
}

/** Registers a mô hình, or updates the one with the same title in the same unit. */
export async function upsertModel(db: Db, input: ModelInput): Promise<ModelRow> {
  const [row] = await db
    .insert(models)
    .values(input)
    .onConflictDoUpdate({
      target: [models.unitId, models.title],
      set: {
        field: input.field,
        startedOn: input.startedOn,
        status: input.status,
        description: input.description,
        updatedAt: sql`now()`,
      },
    })
    .returning();
  if (!row) throw new Error('upsert into models returned no row');
  return row;
}

/**
 * The models a unit reports on, in a stable order (the order the check-in asks them); with
 * `startedBy` (a period's last day) only those started by then: a model confirmed for next month
 * is not asked about this month.
 */
export async function listActiveModels(db: Db, unitId: number, startedBy?: string): Promise<ModelRow[]> {
  return db
    .select()
    .from(models)
    .where(and(eq(models.unitId, unitId), eq(models.status, 'active'), startedBy ? sql`(${models.startedOn} is null or ${models.startedOn} <= ${startedBy}::date)` : undefined))
    .orderBy(asc(models.id));
}

/** A model as the admin pages show and change it: with its unit and the version (updated_at). */
export interface AdminModel {
  id: number;
  unitId: number;
  unitCode: string;
  unitName: string;
  unitPath: string;
  title: string;
  field: ModelField;
  status: ModelStatus;
  startedOn: string | null;
  description: string | null;
  statusReason: string | null;
  statusMonth: string | null;
  replicatedFromId: number | null;
  replicatedFromTitle: string | null;
  replicationTarget: string | null;
  updatedAt: Date;
}

const adminColumns = sql`m.id, m.unit_id, u.code as unit_code, u.name as unit_name, u.path as unit_path, m.title, m.field, m.status,
  m.started_on::text as started_on, m.description, m.status_reason, m.status_month::text as status_month,
  m.replicated_from_id, src.title as replicated_from_title, m.replication_target, m.updated_at`;

function toAdminModel(r: Record<string, unknown>): AdminModel {
  const str = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return {
    id: Number(r.id), unitId: Number(r.unit_id), unitCode: String(r.unit_code), unitName: String(r.unit_name), unitPath: String(r.unit_path),
    title: String(r.title), field: r.field as ModelField, status: r.status as ModelStatus, startedOn: str(r.started_on), description: str(r.description),
    statusReason: str(r.status_reason), statusMonth: str(r.status_month), replicatedFromId: r.replicated_from_id === null ? null : Number(r.replicated_from_id),
    replicatedFromTitle: str(r.replicated_from_title), replicationTarget: str(r.replication_target), updatedAt: new Date(r.updated_at as string | Date),
  };
}

/** One model for the admin pages (null: no such model). */
export async function findAdminModel(db: Db, id: number): Promise<AdminModel | undefined> {
  const [row] = await queryRows<Record<string, unknown>>(
    db,
    sql`select ${adminColumns} from models m join org_units u on u.id = m.unit_id left join models src on src.id = m.replicated_from_id where m.id = ${id}`,
  );
  return row ? toAdminModel(row) : undefined;
}

/** The models under some paths (an admin's organisations), optionally of one unit, newest first; capped, with the full count. */
export async function listAdminModels(db: Db, p: { paths: readonly string[]; unitCode?: string; limit: number }): Promise<{ total: number; items: AdminModel[] }> {
  if (p.paths.length === 0) return { total: 0, items: [] };
  const inPaths = sql.join(p.paths.map((path) => sql`u.path like ${`${path}%`}`), sql` or `);
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select ${adminColumns}, count(*) over () as total from models m join org_units u on u.id = m.unit_id left join models src on src.id = m.replicated_from_id
         where (${inPaths})${p.unitCode ? sql` and u.code = ${p.unitCode}` : sql``}
         order by m.id desc limit ${p.limit}`,
  );
  return { total: Number(rows[0]?.total ?? 0), items: rows.map(toAdminModel) };
}

/** A new model from the console (or a confirmed proposal): its id, or null when the unit already has one with that title. */
export async function insertModel(
  db: Db,
  input: ModelInput & { replicatedFromId?: number | null; replicationTarget?: string | null; at: Date },
): Promise<number | null> {
  const { at: _at, ...values } = input;
  const rows = await db
    .insert(models)
    .values(values)
    .onConflictDoNothing({ target: [models.unitId, models.title] })
    .returning({ id: models.id });
  return rows[0]?.id ?? null;
}

/**
 * Changes a model only if it is still the version the form was loaded with (updated_at): the
 * second of two admins editing at once changes nothing (false) and is told so. A title another
 * model of the unit has throws the unique violation (the caller's transaction turns it into a field error).
 */
export async function updateModelIfVersion(
  db: Db,
  p: {
    id: number;
    version: Date;
    at: Date;
    set: Partial<Pick<ModelRow, 'title' | 'field' | 'startedOn' | 'description' | 'status' | 'statusReason' | 'statusMonth' | 'replicatedFromId' | 'replicationTarget'>>;
  },
): Promise<boolean> {
  const rows = await db
    .update(models)
    // The new version always differs from the old one at the form's precision (milliseconds).
    .set({ ...p.set, updatedAt: sql`greatest(now(), date_trunc('milliseconds', ${models.updatedAt}) + interval '1 millisecond')` })
    .where(and(eq(models.id, p.id), sql`date_trunc('milliseconds', ${models.updatedAt}) = ${p.version.toISOString()}::timestamptz`))
    .returning({ id: models.id });
  return rows.length > 0;
}

/** Whether a unit has a model with this title (other than `exceptId`). */
export async function unitHasModelTitled(db: Db, p: { unitId: number; title: string; exceptId?: number }): Promise<boolean> {
  const rows = await db.select({ id: models.id }).from(models).where(and(eq(models.unitId, p.unitId), eq(models.title, p.title)));
  return rows.some((r) => r.id !== p.exceptId);
}
