import { sql } from 'drizzle-orm';
import { parseStoredQuestionSet } from '../../core/checkin/question-set-schema.js';
import type { QuestionSetDefinition } from '../../core/checkin/question-set.js';
import { aggregateAnswers, digestLines, type AnsweredReport } from '../../core/figures/question-figures.js';
import { queryRows, type Db } from '../client.js';
import { sentCte, type RowsParams } from './export-rows.js';
import { resolveScope } from './figures.js';

/**
 * The question sets the subtree's sent reports of the months were answered under, read (zod,
 * by format): the export's columns of a set's own questions come from them.
 */
export async function loadQuestionSetsUsed(tx: Db, p: RowsParams): Promise<Map<number, QuestionSetDefinition>> {
  const scope = await resolveScope(tx, p.unitId, p.subtree);
  if (!scope) return new Map();
  const rows = await queryRows<{ id: number; definition: unknown }>(
    tx,
    sql`with ${sentCte(scope, p.months)}
        select q.id, q.definition from question_sets q where q.id in (select distinct question_set_id from sent) order by q.id`,
  );
  return new Map(rows.map((r) => [Number(r.id), parseStoredQuestionSet(r.definition)]));
}

/** The subtree's sent reports of the months with their answers (the unit's and each model's), for the figures of every question. */
export async function loadAnsweredReports(tx: Db, p: RowsParams): Promise<AnsweredReport[]> {
  const scope = await resolveScope(tx, p.unitId, p.subtree);
  if (!scope) return [];
  const rows = await queryRows<{ question_set_id: number; unit_name: string; answers: unknown; models: unknown }>(
    tx,
    sql`with ${sentCte(scope, p.months)}
        select sent.question_set_id, sent.unit_name, sent.answers,
               coalesce((select json_agg(a.answers order by a.id) from model_answers a where a.report_id = sent.id), '[]'::json) as models
          from sent order by sent.month, sent.code`,
  );
  return rows.map((r) => ({ questionSetId: Number(r.question_set_id), unitName: String(r.unit_name), answers: r.answers, models: Array.isArray(r.models) ? r.models : [] }));
}

/** The digest's lines of the questions marked «show in digest», for a unit's subtree in a month. */
export async function loadDigestQuestionLines(db: Db, p: { unitId: number; month: string }): Promise<string[]> {
  const params = { unitId: p.unitId, months: [p.month] };
  const [sets, reports] = [await loadQuestionSetsUsed(db, params), await loadAnsweredReports(db, params)];
  return digestLines(aggregateAnswers(sets, reports));
}
