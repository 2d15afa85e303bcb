import { and, eq, sql } from 'drizzle-orm';
import type { ModelField } from '../../core/domain.js';
import { queryRows, type Db } from '../client.js';
import { modelProposals } from '../schema/index.js';

/** A proposal with its unit and proposer, as the chat and the console show it. */
export interface ProposalView {
  id: number;
  unitId: number;
  unitCode: string;
  unitName: string;
  unitPath: string;
  title: string;
  field: ModelField;
  startsOn: string;
  status: 'pending' | 'confirmed' | 'refused';
  proposedByPersonId: number | null;
  proposedByName: string | null;
}

const columns = sql`mp.id, mp.unit_id, u.code as unit_code, u.name as unit_name, u.path as unit_path, mp.title, mp.field,
  mp.starts_on::text as starts_on, mp.status, mp.proposed_by_person_id, p.full_name as proposed_by_name`;

function toView(r: Record<string, unknown>): ProposalView {
  return {
    id: Number(r.id), unitId: Number(r.unit_id), unitCode: String(r.unit_code), unitName: String(r.unit_name), unitPath: String(r.unit_path),
    title: String(r.title), field: r.field as ModelField, startsOn: String(r.starts_on), status: r.status as ProposalView['status'],
    proposedByPersonId: r.proposed_by_person_id === null ? null : Number(r.proposed_by_person_id), proposedByName: r.proposed_by_name === null ? null : String(r.proposed_by_name),
  };
}

/** Stores a secretary's proposal; its id. */
export async function insertProposal(db: Db, p: { unitId: number; personId: number; title: string; field: ModelField; startsOn: string; at: Date }): Promise<number> {
  const [row] = await db
    .insert(modelProposals)
    .values({ unitId: p.unitId, proposedByPersonId: p.personId, title: p.title, field: p.field, startsOn: p.startsOn, createdAt: p.at, updatedAt: p.at })
    .returning({ id: modelProposals.id });
  return row!.id;
}

/** One proposal (undefined: none). */
export async function findProposal(db: Db, id: number): Promise<ProposalView | undefined> {
  const [row] = await queryRows<Record<string, unknown>>(
    db,
    sql`select ${columns} from model_proposals mp join org_units u on u.id = mp.unit_id left join people p on p.id = mp.proposed_by_person_id where mp.id = ${id}`,
  );
  return row ? toView(row) : undefined;
}

/** The pending proposals of units under some paths, oldest first (capped). */
export async function listPendingProposals(db: Db, p: { paths: readonly string[]; limit: number }): Promise<ProposalView[]> {
  if (p.paths.length === 0) return [];
  const inPaths = sql.join(p.paths.map((path) => sql`u.path like ${`${path}%`}`), sql` or `);
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select ${columns} from model_proposals mp join org_units u on u.id = mp.unit_id left join people p on p.id = mp.proposed_by_person_id
         where mp.status = 'pending' and (${inPaths}) order by mp.id limit ${p.limit}`,
  );
  return rows.map(toView);
}

/** Records a decision on a still pending proposal; false when it was decided meanwhile. */
export async function decideProposalRow(
  db: Db,
  p: { id: number; status: 'confirmed' | 'refused'; personId: number; reason: string | null; modelId: number | null; at: Date },
): Promise<boolean> {
  const rows = await db
    .update(modelProposals)
    .set({ status: p.status, decidedByPersonId: p.personId, decidedAt: p.at, reason: p.reason, modelId: p.modelId, updatedAt: p.at })
    .where(and(eq(modelProposals.id, p.id), eq(modelProposals.status, 'pending')))
    .returning({ id: modelProposals.id });
  return rows.length > 0;
}

/** The leaders of the nearest unit above this one that has a leader: who a proposal is sent to. */
export async function listNearestLeadersAbove(db: Db, unit: { id: number; path: string }): Promise<number[]> {
  const rows = await queryRows<{ person_id: number; depth: number }>(
    db,
    sql`select ur.person_id, u.depth from unit_roles ur join org_units u on u.id = ur.unit_id
         where ur.role = 'leader' and ur.ended_at is null and u.id <> ${unit.id} and ${unit.path} like u.path || '%'
         order by u.depth desc`,
  );
  const deepest = rows[0]?.depth;
  return [...new Set(rows.filter((r) => r.depth === deepest).map((r) => Number(r.person_id)))];
}
