import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { people, webLoginLinks, webSessions } from '../schema/index.js';

/** Stores a sign-in link by the hash of its token. */
export async function insertLoginLink(db: Db, link: { tokenHash: string; personId: number; expiresAt: Date; at: Date }): Promise<void> {
  await db.insert(webLoginLinks).values({ tokenHash: link.tokenHash, personId: link.personId, expiresAt: link.expiresAt, createdAt: link.at });
  // Links are short-lived: old ones go as new ones are made, so the table stays small.
  await db.delete(webLoginLinks).where(lt(webLoginLinks.expiresAt, new Date(link.at.getTime() - 86_400_000)));
}

/** What a link's token is worth at an instant: usable (for whom), or why not. */
export type LinkState = { state: 'usable'; personId: number; personName: string } | { state: 'used' | 'expired' | 'unknown' };

/** Looks at a link without spending it (the page with the «Đăng nhập» button). */
export async function peekLoginLink(db: Db, p: { tokenHash: string; now: Date }): Promise<LinkState> {
  const [row] = await db
    .select({ personId: webLoginLinks.personId, expiresAt: webLoginLinks.expiresAt, usedAt: webLoginLinks.usedAt, personName: people.fullName })
    .from(webLoginLinks)
    .innerJoin(people, eq(people.id, webLoginLinks.personId))
    .where(eq(webLoginLinks.tokenHash, p.tokenHash));
  if (!row) return { state: 'unknown' };
  if (row.usedAt) return { state: 'used' };
  if (row.expiresAt.getTime() <= p.now.getTime()) return { state: 'expired' };
  return { state: 'usable', personId: row.personId, personName: row.personName };
}

/**
 * Spends a link: one statement marks it used only if it was unused and unexpired, so two
 * clicks racing each other open one session. Returns the person, or why it cannot be used.
 */
export async function consumeLoginLink(db: Db, p: { tokenHash: string; now: Date }): Promise<LinkState> {
  const [row] = await db
    .update(webLoginLinks)
    .set({ usedAt: p.now })
    .where(and(eq(webLoginLinks.tokenHash, p.tokenHash), isNull(webLoginLinks.usedAt), sql`${webLoginLinks.expiresAt} > ${p.now.toISOString()}::timestamptz`))
    .returning({ personId: webLoginLinks.personId });
  if (row) return { state: 'usable', personId: row.personId, personName: '' };
  const seen = await peekLoginLink(db, p);
  return seen.state === 'usable' ? { state: 'used' } : seen;
}

/** Opens a session for a person: the cookie's token by hash, and the session's form token. */
export async function insertSession(db: Db, s: { tokenHash: string; csrfToken: string; personId: number; at: Date }): Promise<number> {
  const [row] = await db
    .insert(webSessions)
    .values({ tokenHash: s.tokenHash, csrfToken: s.csrfToken, personId: s.personId, lastSeenAt: s.at, createdAt: s.at })
    .returning({ id: webSessions.id });
  return row!.id;
}

export interface SessionRow {
  id: number;
  personId: number;
  personName: string;
  csrfToken: string;
  lastSeenAt: Date;
}

/** The open session a cookie's token hash names, with its person; undefined when none or ended. */
export async function findOpenSession(db: Db, tokenHash: string): Promise<SessionRow | undefined> {
  const [row] = await db
    .select({ id: webSessions.id, personId: webSessions.personId, personName: people.fullName, csrfToken: webSessions.csrfToken, lastSeenAt: webSessions.lastSeenAt })
    .from(webSessions)
    .innerJoin(people, eq(people.id, webSessions.personId))
    .where(and(eq(webSessions.tokenHash, tokenHash), isNull(webSessions.endedAt)));
  return row;
}

/** Marks a session used now (its idle clock starts again). */
export async function touchSession(db: Db, p: { id: number; at: Date }): Promise<void> {
  await db.update(webSessions).set({ lastSeenAt: p.at }).where(eq(webSessions.id, p.id));
}

/** Ends a session (sign-out, idle expiry, a role that ended); a no-op when already ended. */
export async function endSession(db: Db, p: { id: number; at: Date }): Promise<void> {
  await db.update(webSessions).set({ endedAt: p.at }).where(and(eq(webSessions.id, p.id), isNull(webSessions.endedAt)));
}

/** Drops sessions ended or idle since before `before`: they can never be used again. */
export async function deleteStaleSessions(db: Db, before: Date): Promise<void> {
  await db.delete(webSessions).where(or(lt(webSessions.lastSeenAt, before), lt(webSessions.endedAt, before)));
}
