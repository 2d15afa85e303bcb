/** @jsxImportSource hono/jsx */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { MAX_UPLOAD_BYTES } from '../../core/import/upload-check.js';
import { vi } from '../../core/messages/vi.js';
import { cancelImport, confirmImport, previewImport, type ImportPreview, type WebImporter } from '../../services/import-upload.js';
import { ImportPage, SAMPLE_FILES } from '../pages/admin/import.js';
import { MessagePage } from '../layout.js';
import { secretsMatch } from '../../core/constant-time.js';
import { isSameOrigin } from '../security.js';
import { forbidden, NotFound, type WebEnv, type WebKit } from '../web-kit.js';
import { requireAdmin } from './admin-kit.js';

const w = vi.admin.import;
const BASE = '/quan-tri/nhap-tep';
/** The repository's sample files (copied beside the compiled code in the image). */
const SAMPLES_DIR = fileURLToPath(new URL('../../../samples/', import.meta.url));
const CONTENT_TYPES: Record<string, string> = { xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', csv: 'text/csv; charset=utf-8' };

/**
 * The admin pages «import», mounted at /quan-tri/nhap-tep (issue 17): upload a spreadsheet (its
 * own body limit: 10 MB and the form around it), see the whole file's problems or the preview of
 * what it changes, then confirm (or cancel). The file waits server-side between the two steps.
 */
export function createImportAdminRoutes(kit: WebKit): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  const admin = requireAdmin(kit);
  const importer = (c: Context<WebEnv>): WebImporter => {
    const viewer = c.get('viewer');
    return { personId: viewer.personId, sessionId: viewer.sessionId, adminPaths: viewer.adminRoots.map((r) => r.path) };
  };
  const page = (c: Context<WebEnv>, p: { preview?: ImportPreview; notice?: { text: string; error?: boolean } }, status: 200 | 400 | 409 | 413 = 200) =>
    c.html(<ImportPage viewer={c.get('viewer')} base={BASE} {...p} />, status);

  app.get('/', admin, (c) => {
    const done = c.req.query('ket-qua');
    const count = Number(c.req.query('so') ?? '0');
    const notice =
      done === 'da-nhap' ? { text: Number.isInteger(count) && count > 0 ? w.done(count) : w.doneNothing } : done === 'da-huy' ? { text: w.cancelled } : undefined;
    return page(c, notice ? { notice } : {});
  });

  app.get('/mau/:name', admin, async (c) => {
    const name = c.req.param('name') ?? '';
    if (!(SAMPLE_FILES as readonly string[]).includes(name)) throw new NotFound();
    const bytes = await readFile(`${SAMPLES_DIR}${name}`);
    return c.body(new Uint8Array(bytes), 200, {
      'Content-Type': CONTENT_TYPES[name.split('.').pop()!]!,
      'Content-Disposition': `attachment; filename="${name}"`,
    });
  });

  // The upload: up to 10 MB of file plus the form around it; more is refused before it is read.
  const uploadLimit = bodyLimit({
    maxSize: MAX_UPLOAD_BYTES + 64 * 1024,
    onError: (c) => c.html(<MessagePage title={w.title} lines={[w.tooBig(MAX_UPLOAD_BYTES / 1024 / 1024)]} homeLink />, 413),
  });
  app.post('/xem-truoc', uploadLimit, async (c) => {
    if (!isSameOrigin(c)) return forbidden(c);
    const form = await c.req.parseBody();
    if (typeof form._csrf !== 'string' || !secretsMatch(form._csrf, c.get('viewer').csrfToken)) return forbidden(c);
    const file = form.tep;
    if (!(file instanceof File) || file.size === 0) return page(c, { notice: { text: w.noFile, error: true } }, 400);
    const preview = await previewImport(kit.db, { importer: importer(c), fileName: file.name, bytes: new Uint8Array(await file.arrayBuffer()), now: kit.now(), timeZone: kit.timeZone });
    const tooBig = !preview.ok && preview.issues.length === 1 && preview.issues[0]!.message === w.tooBig(MAX_UPLOAD_BYTES / 1024 / 1024);
    return page(c, { preview }, preview.ok ? 200 : tooBig ? 413 : 400);
  });

  app.post('/xac-nhan', kit.formLimit, async (c) => {
    const form = await kit.checkedForm(c);
    if (!form) return forbidden(c);
    const result = await confirmImport(kit.db, { importer: importer(c), token: form.tep ?? '', digest: form['ban-xem-truoc'] ?? '', now: kit.now(), timeZone: kit.timeZone });
    if (result.outcome === 'expired') return page(c, { notice: { text: w.expired, error: true } }, 409);
    if (result.outcome === 'plan-changed') return page(c, { preview: result.preview, notice: { text: w.changedSincePreview, error: true } }, 409);
    return c.redirect(`${BASE}?ket-qua=da-nhap&so=${result.summary.changes.length}`, 303);
  });

  app.post('/huy', kit.formLimit, async (c) => {
    const form = await kit.checkedForm(c);
    if (!form) return forbidden(c);
    await cancelImport(kit.db, { importer: importer(c), token: form.tep ?? '', now: kit.now() });
    return c.redirect(`${BASE}?ket-qua=da-huy`, 303);
  });
  return app;
}
