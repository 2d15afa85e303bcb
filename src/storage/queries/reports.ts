import { and, desc, eq, inArray, notInArray, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { ReportFigures } from '../../core/checkin/report-figures.js';
import type { ChannelKind } from '../../core/domain.js';
import type { Db } from '../client.js';
import { attachments, goodDeeds, modelAnswers, orgUnits, periods, reports, reportVersions } from '../schema/index.js';
import type { PeriodRow, ReportRow } from '../types.js';
import { recordReviewEvent } from './report-review.js';

/**
 * The period a unit reports in for a month: the one of the nearest ancestor (or the unit itself)
 * that has a schedule, since a province's schedule covers its whole subtree.
 */
export async function findPeriodForUnit(db: Db, params: { unitId: number; startsOn: string }): Promise<PeriodRow | undefined> {
  const unit = alias(orgUnits, 'unit');
  const scope = alias(orgUnits, 'scope');
  const [row] = await db
    .select({ period: periods })
    .from(periods)
    .innerJoin(scope, eq(scope.id, periods.scopeUnitId))
    .innerJoin(unit, sql`${unit.path} like ${scope.path} || '%'`)
    .where(and(eq(unit.id, params.unitId), eq(periods.startsOn, params.startsOn), eq(periods.kind, 'month')))
    .orderBy(desc(scope.depth))
    .limit(1);
  return row?.period;
}

/** The unit's report for the period, created as a draft under the given question set if new. */
export async function ensureDraftReport(
  db: Db,
  params: { unitId: number; periodId: number; questionSetId: number },
): Promise<ReportRow> {
  await db.insert(reports).values(params).onConflictDoNothing();
  const [row] = await db
    .select()
    .from(reports)
    .where(and(eq(reports.unitId, params.unitId), eq(reports.periodId, params.periodId)));
  if (!row) throw new Error('report missing after insert');
  return row;
}

export async function findReport(db: Db, reportId: number): Promise<ReportRow | undefined> {
  const [row] = await db.select().from(reports).where(eq(reports.id, reportId));
  return row;
}

/** The report, locked until the transaction ends: two people of one unit sending at once take turns. */
export async function lockReport(db: Db, reportId: number): Promise<ReportRow | undefined> {
  const [row] = await db.select().from(reports).where(eq(reports.id, reportId)).for('update');
  return row;
}

/**
 * Records a submission: the report's figures, the answers of each model, the good deeds and
 * photos (linked to their model's answer), and a new numbered version with who sent it and
 * when; the report waits for review again (chờ duyệt) and its history gets the step (`action`,
 * decided by core/review; by default a first submission or an edit). Returns the version number.
 */
export async function submitReport(
  db: Db,
  params: { reportId: number; figures: ReportFigures; personId: number | null; channel: ChannelKind; at: Date; action?: 'submit' | 'edit' | 'resubmit' },
): Promise<number> {
  const f = params.figures;
  const [updated] = await db
    .update(reports)
    .set({
      status: 'submitted',
      noActivity: f.noActivity,
      meetingsHeld: f.meetingsHeld,
      membersPresent: f.membersPresent,
      membersTotal: f.membersTotal,
      themedSessionHeld: f.themedSessionHeld,
      themedSessionSubject: f.themedSessionSubject,
      difficulties: f.difficulties,
      proposals: f.proposals,
      answers: f.answers,
      version: sql`${reports.version} + 1`,
      submittedAt: params.at,
      submittedByPersonId: params.personId,
      reviewState: 'pending',
      updatedAt: params.at,
    })
    .where(eq(reports.id, params.reportId))
    .returning({ version: reports.version });
  const version = updated!.version;

  const keptModels = f.models.map((m) => m.modelId);
  await db
    .delete(modelAnswers)
    .where(and(eq(modelAnswers.reportId, params.reportId), keptModels.length > 0 ? notInArray(modelAnswers.modelId, keptModels) : undefined));
  for (const m of f.models) {
    const values = { activities: m.activities, participants: m.participants, progress: m.progress, results: m.results, difficulties: m.difficulties, answers: m.answers ?? {} };
    const [answer] = await db
      .insert(modelAnswers)
      .values({ reportId: params.reportId, modelId: m.modelId, ...values })
      .onConflictDoUpdate({ target: [modelAnswers.reportId, modelAnswers.modelId], set: { ...values, updatedAt: params.at } })
      .returning({ id: modelAnswers.id });
    if (m.photos.length > 0) await linkPhotos(db, { reportId: params.reportId, modelAnswerId: answer!.id, channel: params.channel, photos: m.photos });
  }
  await db.delete(goodDeeds).where(eq(goodDeeds.reportId, params.reportId));
  if (f.goodDeeds.length > 0) await db.insert(goodDeeds).values(f.goodDeeds.map((description) => ({ reportId: params.reportId, description })));
  await db.insert(reportVersions).values({
    reportId: params.reportId,
    version,
    snapshot: f,
    editedByPersonId: params.personId,
    createdAt: params.at,
  });
  await recordReviewEvent(db, {
    reportId: params.reportId, version, action: params.action ?? (version === 1 ? 'submit' : 'edit'), personId: params.personId, via: params.channel, at: params.at,
  });
  return version;
}

/**
 * Links a model's photos to its answer as the report is sent. They were recorded as they
 * arrived (recordArrivedPhoto: fetched already, or being fetched), each on the channel it came
 * by, which need not be the sender's (a check-in handed over to the unit's next secretary): a
 * row of the report with the same file reference is that photo, whatever its channel. The first
 * model a photo was sent for keeps it. A photo with no row (sent before photos were recorded on
 * arrival) gets one now, on the sender's channel.
 */
async function linkPhotos(db: Db, p: { reportId: number; modelAnswerId: number; channel: ChannelKind; photos: ReportFigures['models'][number]['photos'] }): Promise<void> {
  const refs = [...new Set(p.photos.map((photo) => photo.fileRef))];
  const known = await db
    .update(attachments)
    .set({ modelAnswerId: sql`coalesce(${attachments.modelAnswerId}, ${p.modelAnswerId}::int)` })
    .where(and(eq(attachments.reportId, p.reportId), inArray(attachments.fileRef, refs)))
    .returning({ fileRef: attachments.fileRef });
  const seen = new Set(known.map((k) => k.fileRef));
  const missing = p.photos.filter((photo) => !seen.has(photo.fileRef) && seen.add(photo.fileRef));
  if (missing.length === 0) return;
  await db
    .insert(attachments)
    .values(missing.map((photo) => ({ reportId: p.reportId, modelAnswerId: p.modelAnswerId, channel: p.channel, fileRef: photo.fileRef, mediaGroupId: photo.mediaGroupId ?? null })))
    .onConflictDoNothing();
}

export async function findReportByUnitPeriod(db: Db, params: { unitId: number; periodId: number }): Promise<ReportRow | undefined> {
  const [row] = await db.select().from(reports).where(and(eq(reports.unitId, params.unitId), eq(reports.periodId, params.periodId)));
  return row;
}

/**
 * SQL: whether the report under `alias` (possibly null in an outer join) has been begun: answers
 * kept on it, or a check-in about it moved past the greeting. Opening /baocao and reading the
 * greeting makes a draft row, but is not "đang làm dở" yet: reminders and leader lists say so only
 * once something was answered.
 */
export function reportBegun(alias: string): SQL {
  const r = sql.raw(alias);
  return sql`(${r}.id is not null and (${r}.answers <> '{}'::jsonb or exists (
    select 1 from unit_roles bu
      join channel_accounts ba on ba.person_id = bu.person_id
      join conversations bc on bc.account_id = ba.id
     where bu.unit_id = ${r}.unit_id and bc.report_id = ${r}.id and bc.step <> 'intro')))`;
}
