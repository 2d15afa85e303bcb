/** @jsxImportSource hono/jsx */
import { Hono } from 'hono';
import type { WebEnv, WebKit } from '../web-kit.js';

/** The admin pages «models», mounted at /quan-tri/mo-hinh (issue 17). */
export function createModelsAdminRoutes(kit: WebKit): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  void kit;
  return app;
}
