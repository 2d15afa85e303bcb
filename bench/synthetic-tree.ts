/**
 * A synthetic organisation of any size, built with set-based SQL (generate_series, one
 * statement per level and table), for the digest and export benchmarks: a national root,
 * provinces, communes, chi bộ with one or two models each, and `months` months of submitted
 * reports with model answers ending at `lastMonth`. About 5% of reports are missing, 20% late,
 * 2% of models never active, some difficulties and proposals, a few good deeds.
 */
import { sql } from 'drizzle-orm';
import { DEFAULT_QUESTION_SET } from '../src/core/checkin/question-set.js';
import { shiftMonthKey, parseMonthKey } from '../src/core/figures/arithmetic.js';
import { DEFAULT_MONTHLY_SCHEDULE, monthlyPeriodDates } from '../src/core/schedule.js';
import { queryRows, type Database } from '../src/storage/client.js';
import { ensureDefaultQuestionSet } from '../src/storage/queries/question-sets.js';
import { periods } from '../src/storage/schema/index.js';

export interface TreeScale {
  provinces: number;
  communesPerProvince: number;
  chiBoPerCommune: number;
  months: number;
  /** "2026-11-01" */
  lastMonth: string;
  /** Share of chi bộ with a second model (0..1). */
  secondModelShare: number;
}

export interface BuiltTree {
  rootId: number;
  provinceIds: number[];
  chiBo: number;
  models: number;
  reports: number;
  answers: number;
}

/** Builds the tree and its history; `engine` decides whether foreign-key triggers may be skipped. */
export async function buildSyntheticTree(db: Database, scale: TreeScale, engine: 'postgres' | 'pglite'): Promise<BuiltTree> {
  const qs = await ensureDefaultQuestionSet(db, DEFAULT_QUESTION_SET);
  const [root] = await queryRows<{ id: number }>(db, sql`insert into org_units (code, name, kind) values ('VN', 'Toàn quốc', 'khac') returning id`);
  const rootId = root!.id;
  await db.execute(sql`insert into org_units (code, name, kind, parent_id)
    select 'P' || g, 'Đảng bộ tỉnh số ' || g, 'tinh', ${rootId} from generate_series(1, ${scale.provinces}) g`);
  await db.execute(sql`insert into org_units (code, name, kind, parent_id)
    select p.code || '.X' || g, 'Đảng ủy xã số ' || g || ' tỉnh ' || p.code, 'xa', p.id
      from org_units p, generate_series(1, ${scale.communesPerProvince}) g where p.parent_id = ${rootId}`);
  await db.execute(sql`insert into org_units (code, name, kind, parent_id)
    select x.code || '.CB' || g, 'Chi bộ thôn ' || g || ' ' || x.code, 'chi_bo', x.id
      from org_units x, generate_series(1, ${scale.chiBoPerCommune}) g where x.kind = 'xa'`);
  const provinceIds = (await queryRows<{ id: number }>(db, sql`select id from org_units where parent_id = ${rootId} order by id`)).map((r) => r.id);
  const months = Array.from({ length: scale.months }, (_, i) => shiftMonthKey(scale.lastMonth, i - scale.months + 1));
  const periodRows = provinceIds.flatMap((scopeUnitId) =>
    months.map((m) => {
      const { year, month } = parseMonthKey(m);
      return { scopeUnitId, kind: 'month' as const, ...monthlyPeriodDates(year, month, DEFAULT_MONTHLY_SCHEDULE, 'Asia/Ho_Chi_Minh') };
    }),
  );
  for (let i = 0; i < periodRows.length; i += 500) await db.insert(periods).values(periodRows.slice(i, i + 500));

  await db.transaction(async (tx) => {
    // Only the benchmark's own throw-away data: skip foreign-key triggers on the big tables.
    if (engine === 'postgres') await tx.execute(sql`set local session_replication_role = replica`);
    // The figures roll-ups are rebuilt set-based at the end, not row by row by their triggers.
    await tx.execute(sql`select set_config('chibo.figures_maintenance', 'off', true)`);
    await tx.execute(sql`insert into models (unit_id, title, field, started_on)
      select u.id, case k when 1 then 'Trồng cây cà phê tại thôn' else 'Khu dân cư phòng, chống ma túy' end,
           (array['kinh_te','van_hoa_xa_hoi','moi_truong','an_ninh_trat_tu','xay_dung_dang','khac'])[1 + (u.id + k) % 6]::model_field,
           '2024-01-01'
        from org_units u, generate_series(1, 2) k
       where u.kind = 'chi_bo' and (k = 1 or (u.id % 1000) < ${Math.round(scale.secondModelShare * 1000)})`);

    await tx.execute(sql`insert into reports (unit_id, period_id, question_set_id, status, version, submitted_at, meetings_held,
                                             members_present, members_total, difficulties, proposals)
      select u.id, p.id, ${qs.id}, 'submitted', 1,
             p.due_at - make_interval(days => (u.id + extract(month from p.starts_on)::int) % 5 - 1),
             1 + u.id % 2, 12 + u.id % 9, 21 + u.id % 5,
             case when (u.id + p.id) % 10 = 0 then 'Thiếu vốn để mở rộng quy mô mô hình' end,
             case when (u.id + p.id) % 15 = 0 then 'Đề nghị hỗ trợ vốn vay ưu đãi để nhân rộng mô hình' end
        from org_units u
        join org_units x on x.id = u.parent_id
        join periods p on p.scope_unit_id = x.parent_id
       where u.kind = 'chi_bo' and (u.id * 7 + p.id) % 20 <> 0`);
    await tx.execute(sql`insert into model_answers (report_id, model_id, activities, participants, progress, results)
      select r.id, m.id, case when m.id % 50 = 0 then 0 else 1 + (m.id + r.id) % 4 end,
             case when m.id % 50 = 0 then 0 else 10 + (m.id + r.id) % 30 end,
             (case when m.id % 50 = 0 then 'paused' else 'on_track' end)::model_progress,
             case when (m.id + r.id) % 25 = 0 then 'Thu hoạch đợt đầu, bình quân 3 triệu đồng/hộ' end
        from reports r join models m on m.unit_id = r.unit_id`);
    await tx.execute(sql`insert into good_deeds (report_id, person_name, description)
      select r.id, 'Đảng viên ' || r.unit_id, 'Hiến đất làm đường liên thôn' from reports r where r.id % 40 = 0`);
    await tx.execute(sql`select figures_rebuild()`);
  });
  // As autovacuum would after a bulk load: statistics, and visibility maps for index-only scans.
  await db.execute(sql`vacuum analyze`);
  return describeTree(db, rootId);
}

/** The tree an earlier build left in this database (root code "VN"), if any: for BENCH_REUSE. */
export async function findSyntheticTree(db: Database): Promise<BuiltTree | undefined> {
  const [root] = await queryRows<{ id: number }>(db, sql`select id from org_units where code = 'VN'`);
  return root ? describeTree(db, root.id) : undefined;
}

async function describeTree(db: Database, rootId: number): Promise<BuiltTree> {
  const count = async (q: ReturnType<typeof sql>) => Number((await queryRows<{ n: number }>(db, q))[0]?.n ?? 0);
  const provinceIds = (await queryRows<{ id: number }>(db, sql`select id from org_units where parent_id = ${rootId} order by id`)).map((r) => r.id);
  return {
    rootId,
    provinceIds,
    chiBo: await count(sql`select count(*)::int as n from org_units where kind = 'chi_bo'`),
    models: await count(sql`select count(*)::int as n from models`),
    reports: await count(sql`select count(*)::int as n from reports`),
    answers: await count(sql`select count(*)::int as n from model_answers`),
  };
}

/** The median of some numbers. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
