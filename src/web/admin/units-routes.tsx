/** @jsxImportSource hono/jsx */
import { Hono } from 'hono';
import type { WebEnv, WebKit } from '../web-kit.js';

/** The admin pages «units», mounted at /quan-tri/don-vi (issue 17). */
export function createUnitsAdminRoutes(kit: WebKit): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  void kit;
  return app;
}
