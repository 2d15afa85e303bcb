import type { Context } from 'hono';
import type { z } from 'zod';
import { FormRefused } from '../../core/admin/form-refusal.js';
import { NotFoundError } from '../../core/errors.js';
import type { AdminActor, AdminChange } from '../../services/admin-organisation.js';
import type { Viewer } from '../../services/web-sign-in.js';
import type { Db } from '../../storage/client.js';
import type { FailedForm } from '../pages/admin/org-fields.js';
import { NotFound, type WebEnv, type WebKit } from '../web-kit.js';
import { auditAdminChange, fieldErrorsOf } from './admin-kit.js';

/**
 * How the units and people routes run an admin action: one transaction with the use case and
 * its audit entry; a refusal (FormRefused) comes back as the failed form to show again (400, or
 * 409 for a version conflict), nothing written; something outside the organisation is 404.
 */

/** The actor of a use case: the signed-in admin. */
export function actorOf(viewer: Viewer): AdminActor {
  return { personId: viewer.personId, adminRoots: viewer.adminRoots };
}

/** The outcome of an action: done (its result), or refused with the form to show again. */
export type ActionOutcome<T> = { ok: true; result: T } | { ok: false; failed: FailedForm; status: 400 | 409; askTransfer?: { roleId: number; fullName: string } };

/** Runs a use case and writes its audit entry in one transaction. */
export async function runAdminAction<T extends AdminChange>(kit: WebKit, viewer: Viewer, form: string, values: Record<string, string>, action: (tx: Db) => Promise<T>): Promise<ActionOutcome<T>> {
  try {
    const result = await kit.db.transaction(async (tx) => {
      const change = await action(tx);
      await auditAdminChange(tx, { viewer, action: change.action, entityType: change.entityType, entityId: change.entityId, unitId: change.unitId, before: change.before, after: change.after, at: kit.now() });
      return change;
    });
    return { ok: true, result };
  } catch (error) {
    if (error instanceof NotFoundError) throw new NotFound();
    if (error instanceof FormRefused) {
      return {
        ok: false,
        failed: { form, values, errors: error.fields },
        status: error.options.conflict ? 409 : 400,
        ...(error.options.askTransfer ? { askTransfer: error.options.askTransfer } : {}),
      };
    }
    throw error;
  }
}

/** A form's fields through its schema: the parsed values, or the form to show again with each field's reason (400). */
export function parseForm<S extends z.ZodType>(schema: S, form: string, values: Record<string, string>): { ok: true; data: z.output<S> } | { ok: false; failed: FailedForm; status: 400 } {
  const parsed = schema.safeParse(values);
  if (parsed.success) return { ok: true, data: parsed.data };
  return { ok: false, failed: { form, values, errors: fieldErrorsOf(parsed.error) }, status: 400 };
}

/** The id in a route's path (the route's pattern already allows digits only). */
export function idParam(c: Context<WebEnv>, name = 'id'): number {
  return Number(c.req.param(name));
}
