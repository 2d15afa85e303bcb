/** @jsxImportSource hono/jsx */
import { Hono } from 'hono';
import type { WebEnv, WebKit } from '../web-kit.js';

/** The admin pages «invitations», mounted at /quan-tri/loi-moi (issue 17). */
export function createInvitationsAdminRoutes(kit: WebKit): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  void kit;
  return app;
}
