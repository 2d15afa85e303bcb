/** @jsxImportSource hono/jsx */
import { Hono } from 'hono';
import type { WebEnv, WebKit } from '../web-kit.js';

/** The admin pages «people», mounted at /quan-tri/can-bo (issue 17). */
export function createPeopleAdminRoutes(kit: WebKit): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  void kit;
  return app;
}
