import { readFile } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { describe, expect, it } from 'vitest';

const MIGRATIONS = new URL('../../migrations/', import.meta.url);
const TAG = '0017_report_review';

/** The journal's migrations in order, by tag. */
async function journal(): Promise<string[]> {
  const parsed = JSON.parse(await readFile(new URL('meta/_journal.json', MIGRATIONS), 'utf8')) as { entries: { tag: string }[] };
  return parsed.entries.map((e) => e.tag);
}

/** Applies one migration file as drizzle does: its statements in one transaction. */
async function apply(db: PGlite, tag: string): Promise<void> {
  const text = await readFile(new URL(`${tag}.sql`, MIGRATIONS), 'utf8');
  await db.transaction(async (tx) => {
    for (const statement of text.split('--> statement-breakpoint')) if (statement.trim()) await tx.exec(statement);
  });
}

describe(`migration ${TAG}`, () => {
  it('makes reports sent before it wait for review, their versions the start of their history', async () => {
    const db = new PGlite();
    const tags = await journal();
    const at = tags.indexOf(TAG);
    expect(at).toBeGreaterThan(0);
    for (const tag of tags.slice(0, at)) await apply(db, tag);

    const one = async <T>(query: string, params: unknown[] = []) => (await db.query<T>(query, params)).rows[0]!;
    const unit = await one<{ id: number }>(`insert into org_units (code, name, kind) values ('M', 'Chi bộ M', 'chi_bo') returning id`);
    const person = await one<{ id: number }>(`insert into people (full_name) values ('Nguyễn Văn A') returning id`);
    const qs = await one<{ id: number }>(`insert into question_sets (version, title, definition) values (1, 'Bộ câu hỏi', '{}') returning id`);
    const period = await one<{ id: number }>(
      `insert into periods (scope_unit_id, starts_on, ends_on, opens_at, due_at) values ($1, '2026-10-01', '2026-10-31', '2026-10-20T01:00:00Z', '2026-10-25T16:59:59Z') returning id`,
      [unit.id],
    );
    const report = await one<{ id: number }>(
      `insert into reports (unit_id, period_id, question_set_id, status, version, submitted_at) values ($1, $2, $3, 'submitted', 2, '2026-10-24T03:00:00Z') returning id`,
      [unit.id, period.id, qs.id],
    );
    for (const [version, createdAt] of [[1, '2026-10-22T03:00:00Z'], [2, '2026-10-24T03:00:00Z']] as const) {
      await db.query(`insert into report_versions (report_id, version, snapshot, edited_by_person_id, created_at) values ($1, $2, '{}', $3, $4)`, [report.id, version, person.id, createdAt]);
    }

    await apply(db, TAG);

    expect(await one(`select review_state::text, reviewed_at, review_comment from reports where id = $1`, [report.id])).toEqual({ review_state: 'pending', reviewed_at: null, review_comment: null });
    const history = (await db.query(`select version, action::text, actor_person_id, via, comment from review_events where report_id = $1 order by at`, [report.id])).rows;
    expect(history).toEqual([
      { version: 1, action: 'submit', actor_person_id: person.id, via: 'system', comment: null },
      { version: 2, action: 'edit', actor_person_id: person.id, via: 'system', comment: null },
    ]);
    // A return always says why.
    await expect(db.query(`insert into review_events (report_id, version, action, via, at) values ($1, 2, 'return', 'web', now())`, [report.id])).rejects.toThrow(/review_events_return_has_comment/);
    await db.close();
  });
});
