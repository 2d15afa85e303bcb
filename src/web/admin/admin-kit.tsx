/** @jsxImportSource hono/jsx */
import type { Context } from 'hono';
import type { ZodError } from 'zod';
import { covers, type ScopeRoot } from '../../core/access.js';
import { vi } from '../../core/messages/vi.js';
import type { Viewer } from '../../services/web-sign-in.js';
import type { Db } from '../../storage/client.js';
import { recordAudit } from '../../storage/queries/audit.js';
import { MessagePage } from '../layout.js';
import type { WebEnv, WebKit } from '../web-kit.js';

/**
 * Middleware for every admin action and every admin-only page: a viewer who administers no
 * organisation gets 403; a form they posted is also written to the audit log (a leader posting
 * an admin form is something an admin should be able to see).
 */
export function requireAdmin(kit: WebKit) {
  return async (c: Context<WebEnv>, next: () => Promise<void>) => {
    const viewer = c.get('viewer');
    if (viewer.adminRoots.length > 0) return next();
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      await recordAudit(kit.db, {
        actorKind: 'person',
        actorPersonId: viewer.personId,
        action: 'web.admin.forbidden',
        entityType: 'web_route',
        entityId: c.req.path.slice(0, 200),
        details: { method: c.req.method },
        at: kit.now(),
      });
    }
    return c.html(<MessagePage title={vi.admin.forbiddenTitle} lines={[vi.admin.forbidden]} viewer={viewer} homeLink />, 403);
  };
}

/** The organisation (admin root) that lets this viewer change a unit; undefined: not theirs to change (answer 404). */
export function adminRootCovering(viewer: Viewer, unit: { id: number; path: string }): ScopeRoot | undefined {
  return viewer.adminRoots.find((r) => covers(r, unit));
}

/** One admin change in the audit log: who, what, on which entity, the unit it concerns, before and after. */
export async function auditAdminChange(
  tx: Db,
  p: { viewer: Viewer; action: string; entityType: string; entityId: string | number; unitId?: number | null; before?: unknown; after?: unknown; at: Date },
): Promise<void> {
  await recordAudit(tx, {
    actorKind: 'person',
    actorPersonId: p.viewer.personId,
    action: p.action,
    entityType: p.entityType,
    entityId: String(p.entityId),
    details: { ...(p.unitId != null ? { unitId: p.unitId } : {}), before: p.before ?? null, after: p.after ?? null, via: 'web' },
    at: p.at,
  });
}

/** A form's problems by field name, in Vietnamese, shown next to each field; `_form` for the form as a whole. */
export type FieldErrors = Partial<Record<string, string>>;

/**
 * A zod failure as field errors: the first message per field (schemas carry the catalogue's
 * Vietnamese messages), so a form shows one clear reason next to each field it concerns.
 */
export function fieldErrorsOf(error: ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? String(issue.path[0]) : '_form';
    if (out[key] === undefined) out[key] = issue.message;
  }
  return out;
}

/**
 * The version a form was loaded with (a hidden field holding the row's updated_at), so a save
 * can refuse when someone else changed the row meanwhile; null when absent or malformed.
 */
export function formVersion(form: Record<string, string>): Date | null {
  const text = form['phien-ban'] ?? '';
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/.test(text)) return null;
  const at = new Date(text);
  return Number.isNaN(at.getTime()) ? null : at;
}
