import { vi } from '../core/messages/vi.js';
import { nextModelStatus, type ModelForm, type ModelStatusForm } from '../core/models/model-rules.js';
import type { Db } from '../storage/client.js';
import { findAdminModel, insertModel, unitHasModelTitled, updateModelIfVersion, type AdminModel } from '../storage/queries/models.js';
import { findUnitByCode } from '../storage/queries/org-units.js';

const w = vi.admin.models;

/** A model as the audit log keeps it before and after a change (no derived columns). */
export type ModelAuditView = Omit<AdminModel, 'unitPath' | 'updatedAt' | 'unitName' | 'replicatedFromTitle'>;

/** What an admin's model action did: done (with before and after for the audit), refused per field, a stale version, or not theirs. */
export type ModelActionOutcome =
  | { ok: true; modelId: number; unitId: number; before: ModelAuditView | null; after: ModelAuditView }
  | { ok: false; problem: 'fields'; errors: Record<string, string> }
  | { ok: false; problem: 'version' }
  | { ok: false; problem: 'not-found' };

const inside = (paths: readonly string[], path: string) => paths.some((p) => path.startsWith(p));

function auditView(m: AdminModel): ModelAuditView {
  const { unitPath: _p, updatedAt: _u, unitName: _n, replicatedFromTitle: _t, ...rest } = m;
  return rest;
}

/** The model an admin may change (inside their organisations), or undefined (answered 404). */
export async function findModelForAdmin(db: Db, p: { adminPaths: readonly string[]; id: number }): Promise<AdminModel | undefined> {
  const model = await findAdminModel(db, p.id);
  return model && inside(p.adminPaths, model.unitPath) ? model : undefined;
}

async function checkSource(db: Db, adminPaths: readonly string[], id: number | null, self?: number): Promise<string | null> {
  if (id === null) return null;
  if (id === self) return w.ownSource;
  const source = await findAdminModel(db, id);
  return source && inside(adminPaths, source.unitPath) ? null : w.unknownSource;
}

/** Registers a model in a unit of the admin's organisation. Run inside the action's transaction. */
export async function registerModel(db: Db, p: { adminPaths: readonly string[]; form: ModelForm; at: Date }): Promise<ModelActionOutcome> {
  const f = p.form;
  const errors: Record<string, string> = {};
  const unit = await findUnitByCode(db, f.unitCode);
  if (!unit || !inside(p.adminPaths, unit.path)) errors.unitCode = w.unknownUnit(f.unitCode);
  const sourceProblem = await checkSource(db, p.adminPaths, f.replicatedFromId);
  if (sourceProblem) errors.replicatedFromId = sourceProblem;
  if (!unit || Object.keys(errors).length > 0) return { ok: false, problem: 'fields', errors };
  const id = await insertModel(db, {
    unitId: unit.id, title: f.title, field: f.field, startedOn: f.startMonth, status: 'active', description: f.description,
    replicatedFromId: f.replicatedFromId, replicationTarget: f.replicationTarget, at: p.at,
  });
  if (id === null) return { ok: false, problem: 'fields', errors: { title: w.duplicateTitle } };
  const after = (await findAdminModel(db, id))!;
  return { ok: true, modelId: id, unitId: unit.id, before: null, after: auditView(after) };
}

/** Edits a model's title, field, start, description and replication, if nobody changed it since `version`. */
export async function editModel(db: Db, p: { adminPaths: readonly string[]; id: number; version: Date | null; form: ModelForm; at: Date }): Promise<ModelActionOutcome> {
  const model = await findModelForAdmin(db, p);
  if (!model) return { ok: false, problem: 'not-found' };
  const f = p.form;
  const errors: Record<string, string> = {};
  const sourceProblem = await checkSource(db, p.adminPaths, f.replicatedFromId, model.id);
  if (sourceProblem) errors.replicatedFromId = sourceProblem;
  if (await unitHasModelTitled(db, { unitId: model.unitId, title: f.title, exceptId: model.id })) errors.title = w.duplicateTitle;
  if (Object.keys(errors).length > 0) return { ok: false, problem: 'fields', errors };
  const updated =
    p.version !== null &&
    (await updateModelIfVersion(db, {
      id: model.id, version: p.version, at: p.at,
      set: { title: f.title, field: f.field, startedOn: f.startMonth, description: f.description, replicatedFromId: f.replicatedFromId, replicationTarget: f.replicationTarget },
    }));
  if (!updated) return { ok: false, problem: 'version' };
  return { ok: true, modelId: model.id, unitId: model.unitId, before: auditView(model), after: auditView((await findAdminModel(db, model.id))!) };
}

/** Pauses, completes, stops or resumes a model, with the reason and the month, if nobody changed it since `version`. */
export async function changeModelStatus(db: Db, p: { adminPaths: readonly string[]; id: number; version: Date | null; form: ModelStatusForm; at: Date }): Promise<ModelActionOutcome> {
  const model = await findModelForAdmin(db, p);
  if (!model) return { ok: false, problem: 'not-found' };
  if (p.version === null || p.version.getTime() !== model.updatedAt.getTime()) return { ok: false, problem: 'version' };
  const next = nextModelStatus(model.status, p.form.action);
  if (!next) return { ok: false, problem: 'fields', errors: { action: w.statusNotPossible } };
  const updated = await updateModelIfVersion(db, {
    id: model.id, version: p.version, at: p.at,
    set: { status: next, statusReason: p.form.reason, statusMonth: p.form.month },
  });
  if (!updated) return { ok: false, problem: 'version' };
  return { ok: true, modelId: model.id, unitId: model.unitId, before: auditView(model), after: auditView((await findAdminModel(db, model.id))!) };
}
