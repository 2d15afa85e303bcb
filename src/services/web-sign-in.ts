import { createHash, randomBytes } from 'node:crypto';
import { adminRootsOf, scopeRootsOf, type ScopeRoot } from '../core/access.js';
import { ROLE_KINDS, type RoleKind } from '../core/domain.js';
import { NotFoundError } from '../core/errors.js';
import { vi } from '../core/messages/vi.js';
import type { Db } from '../storage/client.js';
import { recordAudit } from '../storage/queries/audit.js';
import { findUnitByCode } from '../storage/queries/org-units.js';
import { assignRole, createPerson, findPerson, listRolesOfPerson } from '../storage/queries/people.js';
import { listUnitPeople } from '../storage/queries/unit-directory.js';
import {
  consumeLoginLink,
  endSession,
  findOpenSession,
  insertLoginLink,
  insertSession,
  peekLoginLink,
  touchSession,
  type LinkState,
} from '../storage/queries/web-sessions.js';
import type { PlannedReply } from '../delivery/payload.js';

/** Where links point when nothing says otherwise: the service's default address. */
export const DEFAULT_WEB_BASE_URL = 'http://127.0.0.1:8080';

/** A sign-in link works once, for ten minutes. */
export const LINK_MINUTES = 10;
/** A session ends after twelve hours without a request. */
export const SESSION_IDLE_MS = 12 * 3600_000;
/** The idle clock is written at most this often, so a page view is not a write each time. */
const TOUCH_EVERY_MS = 60_000;

/** The secrets are stored by hash only: a copy of the database signs nobody in. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The person's roles that give a view of the console (any current role does). */
async function viewRoles(db: Db, personId: number) {
  return (await listRolesOfPerson(db, personId)).filter((r) => ROLE_KINDS.includes(r.role));
}

/**
 * Makes a one-time sign-in link for a person who holds a role now; null when they hold none
 * (a role that ended gives nothing). Only the token's hash is stored.
 */
export async function issueWebLink(db: Db, p: { personId: number; now: Date; baseUrl: string }): Promise<string | null> {
  if ((await viewRoles(db, p.personId)).length === 0) return null;
  const token = newToken();
  await insertLoginLink(db, { tokenHash: hashToken(token), personId: p.personId, expiresAt: new Date(p.now.getTime() + LINK_MINUTES * 60_000), at: p.now });
  return `${p.baseUrl.replace(/\/+$/, '')}/dang-nhap/${token}`;
}

/** /web in a chat: the link, sent with link previews off (a preview would fetch it). */
export async function webLinkForChat(db: Db, p: { personId: number; now: Date; baseUrl: string }): Promise<PlannedReply[]> {
  const url = await issueWebLink(db, p);
  if (!url) return [{ text: vi.web.chat.noRole }];
  return [{ text: vi.web.chat.link(url, LINK_MINUTES) }];
}

/**
 * `cli web-link`: a link for whoever holds `role` in the unit (the one with `phone` when several
 * do). When nobody does, the role goes to a new person named `name`, audited: whoever runs the
 * command line owns the server, and the first admin has no chat account yet.
 */
export async function issueCliWebLink(
  db: Db,
  p: { unitCode: string; role: Extract<RoleKind, 'admin' | 'leader'>; phone?: string; name?: string; now: Date; baseUrl: string },
): Promise<{ url: string; personId: number; personName: string; unitName: string; created: boolean }> {
  const unit = await findUnitByCode(db, p.unitCode);
  if (!unit) throw new NotFoundError('org unit', p.unitCode);
  const holders = (await listUnitPeople(db, unit.id)).filter((h) => h.role === p.role);
  let holder = holders[0];
  if (p.phone !== undefined) {
    const wanted = p.phone.replace(/\D/g, '');
    const phones = await Promise.all(holders.map(async (h) => ({ h, phone: (await findPerson(db, h.personId))?.phone ?? '' })));
    holder = phones.find((x) => x.phone.replace(/\D/g, '') === wanted)?.h;
  }
  let created = false;
  let personId: number;
  let personName: string;
  if (holder) {
    personId = holder.personId;
    personName = holder.fullName;
  } else {
    const person = await createPerson(db, p.name?.trim() || 'Quản trị viên');
    await assignRole(db, { personId: person.id, unitId: unit.id, role: p.role, title: null });
    await recordAudit(db, {
      actorKind: 'cli',
      action: 'role.assign',
      entityType: 'person',
      entityId: String(person.id),
      details: { unitCode: unit.code, role: p.role, fullName: person.fullName, via: 'web-link' },
      at: p.now,
    });
    personId = person.id;
    personName = person.fullName;
    created = true;
  }
  const url = await issueWebLink(db, { personId, now: p.now, baseUrl: p.baseUrl });
  if (!url) throw new Error('a role was just found or given, yet no link could be made');
  await recordAudit(db, { actorKind: 'cli', action: 'web.link', entityType: 'person', entityId: String(personId), details: { unitCode: unit.code, role: p.role }, at: p.now });
  return { url, personId, personName, unitName: unit.name, created };
}

/** What opening a link page finds: whose link it is, or why it cannot be used. */
export async function inspectLink(db: Db, p: { token: string; now: Date }): Promise<LinkState> {
  if (!isToken(p.token)) return { state: 'unknown' };
  return peekLoginLink(db, { tokenHash: hashToken(p.token), now: p.now });
}

/** A signed-in browser's secrets: the cookie's token and the forms' token. */
export interface OpenedSession {
  sessionToken: string;
  csrfToken: string;
  personId: number;
}

/**
 * «Đăng nhập»: spends the link and opens a session, audited; or says why the link is no good.
 * A person whose roles all ended since the link was made is refused like a used link.
 */
export async function signInWithLink(db: Db, p: { token: string; now: Date; userAgent?: string }): Promise<OpenedSession | { state: 'used' | 'expired' | 'unknown' }> {
  if (!isToken(p.token)) return { state: 'unknown' };
  const link = await consumeLoginLink(db, { tokenHash: hashToken(p.token), now: p.now });
  if (link.state !== 'usable') return link;
  if ((await viewRoles(db, link.personId)).length === 0) return { state: 'expired' };
  const sessionToken = newToken();
  const csrfToken = newToken();
  const sessionId = await insertSession(db, { tokenHash: hashToken(sessionToken), csrfToken, personId: link.personId, at: p.now });
  await recordAudit(db, {
    actorKind: 'person',
    actorPersonId: link.personId,
    action: 'web.sign_in',
    entityType: 'web_session',
    entityId: String(sessionId),
    details: p.userAgent ? { userAgent: p.userAgent.slice(0, 200) } : {},
    at: p.now,
  });
  return { sessionToken, csrfToken, personId: link.personId };
}

/** Who is looking at the console, and what they may see. */
export interface Viewer {
  sessionId: number;
  personId: number;
  personName: string;
  csrfToken: string;
  /** Widest first; never empty. */
  roots: ScopeRoot[];
  /** The organisations this viewer administers (empty: not an admin); the admin pages act only here. */
  adminRoots: ScopeRoot[];
  roles: { role: RoleKind; unitId: number; unitName: string; unitCode: string }[];
}

/**
 * The viewer a session cookie stands for, or why there is none: no such session, idle too
 * long (it is ended now), or every role ended (ended too: the console stops with the role).
 */
export async function resolveViewer(db: Db, p: { sessionToken: string; now: Date }): Promise<Viewer | { problem: 'none' | 'expired' | 'no-role' }> {
  if (!isToken(p.sessionToken)) return { problem: 'none' };
  const session = await findOpenSession(db, hashToken(p.sessionToken));
  if (!session) return { problem: 'none' };
  if (p.now.getTime() - session.lastSeenAt.getTime() > SESSION_IDLE_MS) {
    await endSession(db, { id: session.id, at: p.now });
    return { problem: 'expired' };
  }
  const roles = await viewRoles(db, session.personId);
  if (roles.length === 0) {
    await endSession(db, { id: session.id, at: p.now });
    return { problem: 'no-role' };
  }
  if (p.now.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) await touchSession(db, { id: session.id, at: p.now });
  return {
    sessionId: session.id,
    personId: session.personId,
    personName: session.personName,
    csrfToken: session.csrfToken,
    roots: scopeRootsOf(roles),
    adminRoots: adminRootsOf(roles),
    roles: roles.map((r) => ({ role: r.role, unitId: r.unitId, unitName: r.unitName, unitCode: r.unitCode })),
  };
}

/** «Đăng xuất»: ends the session, audited. */
export async function signOut(db: Db, p: { viewer: Viewer; now: Date }): Promise<void> {
  await endSession(db, { id: p.viewer.sessionId, at: p.now });
  await recordAudit(db, { actorKind: 'person', actorPersonId: p.viewer.personId, action: 'web.sign_out', entityType: 'web_session', entityId: String(p.viewer.sessionId), at: p.now });
}

/** Tokens are 43 characters of base64url; anything else is refused before a query. */
function isToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}
