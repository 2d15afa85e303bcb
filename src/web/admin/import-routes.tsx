/** @jsxImportSource hono/jsx */
import { Hono } from 'hono';
import type { WebEnv, WebKit } from '../web-kit.js';

/** The admin pages «import», mounted at /quan-tri/nhap-tep (issue 17). */
export function createImportAdminRoutes(kit: WebKit): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  void kit;
  return app;
}
