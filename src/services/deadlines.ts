import { validateDeadline, type DeadlineProblem, type DeadlineRequest } from '../core/review-deadline.js';
import { AppError, NotFoundError } from '../core/errors.js';
import type { Db } from '../storage/client.js';
import { recordAudit, type AuditEntry } from '../storage/queries/audit.js';
import { findUnitByCode } from '../storage/queries/org-units.js';
import { createReviewDeadline, deleteReviewDeadline, findReviewDeadline, listReviewDeadlines, updateReviewDeadline } from '../storage/queries/review-deadlines.js';
import { findRulesForUnitPath } from '../storage/queries/schedules.js';
import type { OrgUnitRow, ReviewDeadlineRow } from '../storage/types.js';

/** A deadline request that cannot be set, with the reason the catalogue words. */
export class DeadlineRefusedError extends AppError {
  override readonly name = 'DeadlineRefusedError';
  constructor(readonly problem: DeadlineProblem) {
    super('DEADLINE_REFUSED', `review deadline refused: ${problem}`, { context: { problem } });
  }
}

type Actor = Pick<AuditEntry, 'actorKind' | 'actorPersonId'>;

/** The organisation a code names: a root unit (a province's party committee), never a unit inside one. */
async function findOrganisation(db: Db, code: string): Promise<OrgUnitRow> {
  const unit = await findUnitByCode(db, code);
  if (!unit || unit.parentId !== null) throw new NotFoundError('organisation', code);
  return unit;
}

/** An organisation's review deadlines with the notice days its calendar gives them. */
export async function listDeadlines(db: Db, p: { orgCode: string }): Promise<{ organisation: OrgUnitRow; deadlines: ReviewDeadlineRow[]; noticeDays: readonly number[] }> {
  const organisation = await findOrganisation(db, p.orgCode);
  const [deadlines, { rules }] = await Promise.all([listReviewDeadlines(db, { organisationPath: organisation.path }), findRulesForUnitPath(db, organisation.path)]);
  return { organisation, deadlines, noticeDays: [...rules.reviewNoticeDaysBefore].sort((a, b) => b - a) };
}

/** Sets a sơ kết / tổng kết / themed review for an organisation, checked first; audited. */
export async function addDeadline(db: Db, p: { orgCode: string; request: DeadlineRequest; now: Date; timeZone: string; actor: Actor }): Promise<ReviewDeadlineRow> {
  const organisation = await findOrganisation(db, p.orgCode);
  const valid = validateDeadline(p.request, p.now, p.timeZone);
  if ('problem' in valid) throw new DeadlineRefusedError(valid.problem);
  const deadline = await createReviewDeadline(db, { scopeUnitId: organisation.id, ...valid, at: p.now });
  await recordAudit(db, {
    ...p.actor, action: 'deadline.add', entityType: 'review_deadline', entityId: String(deadline.id),
    details: { organisation: organisation.code, before: null, after: describe(deadline) }, at: p.now,
  });
  return deadline;
}

/** A deadline set in an organisation's subtree (by its path); not there: NotFoundError, as if it did not exist. */
export async function findDeadlineIn(db: Db, p: { id: number; organisationPath: string; lock?: boolean }): Promise<ReviewDeadlineRow> {
  const deadline = await findReviewDeadline(db, p.id, { lock: p.lock });
  const inside = deadline ? (await listReviewDeadlines(db, { organisationPath: p.organisationPath })).some((d) => d.id === p.id) : false;
  if (!deadline || !inside) throw new NotFoundError('review deadline', String(p.id));
  return deadline;
}

/** A deadline changed by someone else since the editor read it: nothing written. */
export class DeadlineChangedError extends AppError {
  override readonly name = 'DeadlineChangedError';
  constructor(id: number) {
    super('DEADLINE_CHANGED', `review deadline ${id} was changed meanwhile`, { context: { id } });
  }
}

/**
 * Changes a deadline of an organisation with the same checks as a new one (a date already past is
 * refused), only if nobody changed it since `version`; its notices not yet sent are cancelled and
 * go again for the new date. Audited with before and after.
 */
export async function editDeadline(
  db: Db,
  p: { orgCode: string; id: number; version: Date; request: DeadlineRequest; now: Date; timeZone: string; actor: Actor },
): Promise<ReviewDeadlineRow> {
  const organisation = await findOrganisation(db, p.orgCode);
  const before = await findDeadlineIn(db, { id: p.id, organisationPath: organisation.path, lock: true });
  const valid = validateDeadline(p.request, p.now, p.timeZone);
  if ('problem' in valid) throw new DeadlineRefusedError(valid.problem);
  const after = await updateReviewDeadline(db, { id: p.id, version: p.version, at: p.now, values: { ...valid, noticeDaysBefore: valid.noticeDaysBefore ?? null } });
  if (!after) throw new DeadlineChangedError(p.id);
  await recordAudit(db, {
    ...p.actor, action: 'deadline.edit', entityType: 'review_deadline', entityId: String(p.id),
    details: { organisation: organisation.code, unitId: organisation.id, before: describe(before), after: describe(after) }, at: p.now,
  });
  return after;
}

/** Cancels a deadline: it goes, with its notices not yet sent; audited with what it was. Given an organisation, one outside it is not found. */
export async function cancelDeadline(db: Db, p: { id: number; now: Date; actor: Actor; organisationPath?: string }): Promise<{ deadline: ReviewDeadlineRow; cancelledNotices: number }> {
  if (p.organisationPath !== undefined) await findDeadlineIn(db, { id: p.id, organisationPath: p.organisationPath, lock: true });
  const removed = await deleteReviewDeadline(db, p.id);
  if (!removed) throw new NotFoundError('review deadline', String(p.id));
  await recordAudit(db, {
    ...p.actor, action: 'deadline.cancel', entityType: 'review_deadline', entityId: String(p.id),
    details: { before: describe(removed.deadline), after: null, cancelledNotices: removed.cancelledNotices }, at: p.now,
  });
  return removed;
}

function describe(d: ReviewDeadlineRow) {
  return { kind: d.kind, title: d.title, coversFrom: d.coversFrom, coversTo: d.coversTo, dueAt: d.dueAt.toISOString(), scopeUnitId: d.scopeUnitId, noticeDaysBefore: d.noticeDaysBefore };
}
