/** @jsxImportSource hono/jsx */
import { randomUUID } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { EXPORT_FORMATS, isValidRange, parseMonth, type ExportFormat } from '../core/figures/export-request.js';
import { shiftMonthKey } from '../core/figures/arithmetic.js';
import { MODEL_FIELDS, MODEL_STATUSES, type ModelField, type ModelStatus } from '../core/domain.js';
import { vi } from '../core/messages/vi.js';
import type { Logger } from '../log.js';
import { ExportJobRunner, readExportRequest } from '../services/export-job.js';
import { DEFAULT_WEB_BASE_URL, inspectLink, resolveViewer, signInWithLink, signOut, type Viewer } from '../services/web-sign-in.js';
import type { Database } from '../storage/client.js';
import type { ExportJobRow } from '../storage/types.js';
import { listModelAttachments, listReportAttachments } from '../storage/queries/attachments.js';
import { recordAudit } from '../storage/queries/audit.js';
import { enqueueExportJobs, listUnfinishedWebExports } from '../storage/queries/export-jobs.js';
import { findGeneratedFile, listGeneratedFilesOf } from '../storage/queries/generated-files.js';
import { findUnitByCode } from '../storage/queries/org-units.js';
import { loadReportDetail } from '../storage/queries/report-detail.js';
import { countModelCohorts, findModelWithUnit, listChildUnits, listModelMonths, listScopeModels, listScopeUnitChoices, searchUnits, type UnitChoice } from '../storage/queries/unit-directory.js';
import { scopeCovering } from '../core/access.js';
import { availableReviews, MAX_REVIEW_COMMENT } from '../core/review/report-review.js';
import { describeRefusal, listReviewQueue, reviewerRoleFor, reviewReport } from '../services/report-review.js';
import { openMonthForUnit } from '../services/month-opening.js';
import { monthLabel } from '../core/web/report-view.js';
import { zonedInstant } from '../core/time.js';
import { calendarParts, formatIsoDate } from '../core/format.js';
import { listReviewHistory, loadReviewableReport } from '../storage/queries/report-review.js';
import { secretsMatch } from '../core/constant-time.js';
import { APP_CSS, APP_CSS_PATH } from './assets.js';
import { MessagePage } from './layout.js';
import { currentMonthOf, findUnitInScope, loadOverview, loadUnitPage } from './loaders.js';
import { ExportsPage, type ExportForm, type ExportListing } from './pages/exports.js';
import { ModelPage, ModelsPage } from './pages/models.js';
import { OverviewPage, renderOverviewFigures } from './pages/overview.js';
import { ReportPage } from './pages/report.js';
import { ReviewQueuePage, type BulkResult, type ReportReviewView } from './pages/review.js';
import { UnitPage, UnitsPage } from './pages/units.js';
import { SignInPage } from './pages/sign-in.js';
import { createPageCache } from './page-cache.js';
import { BadRequest, createWebKit, forbidden, NotFound, optionalChoice, optionalId, optionalMonth, tooLarge, type WebEnv } from './web-kit.js';
import { mountAdmin } from './admin/admin-routes.js';
import { mountModelProposals, proposalsFor } from './model-proposal-routes.js';
import { ProposalsSection } from './pages/model-proposals.js';
import { clearSessionCookie, isSameOrigin, readSessionCookie, securityHeaders, writeSessionCookie } from './security.js';

const t = vi.web;

export interface WebDependencies {
  db: Database;
  log: Logger;
  timeZone: string;
  now: () => Date;
  /** Secure cookies: the console is served over https (PUBLIC_URL says so). */
  secureCookies: boolean;
  /**
   * The photo routes (media's), given how to tell the scope of the request's viewer (the paths
   * of their scope roots, or null when nobody is signed in); mounted at /anh.
   */
  photoRoutes?: (resolveScopePaths: (c: Context) => Promise<readonly string[] | null>) => Hono;
  /** The public address of the console (links, QR codes); default: the local one. */
  baseUrl?: () => string;
  /** How long Tổng quan's figures are kept for other viewers of the same unit (ms; 0 or absent: not kept). */
  overviewCacheMs?: number;
  /** The Telegram bot's username, for invitation deep links in the admin pages. */
  telegramUsername?: string;
  /** The Zalo Official Account's id, for its follow link beside an invitation code. */
  zaloOaId?: string;
  /** How long a download request waits for its file before offering it later on the Xuất page (0: it never waits). */
  exportWaitMs?: number;
  /** Renders the exports asked for here (export_jobs), the service's runner; by default one of the console's own. */
  exports?: Pick<ExportJobRunner, 'runClaimed'>;
}

type Env = WebEnv;

/** Model list pages hold this many rows. */
const MODEL_PAGE_SIZE = 50;
/** Searches longer than this are refused: no name or code is that long. */
const MAX_SEARCH = 100;
/** About how many units the Xuất page's select offers per scope root (whole levels only). */
const EXPORT_UNIT_CHOICES = 300;
/** A unit code as the organisation's import allows it (org_units_code_format). */
const UNIT_CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/**
 * The leaders' web console (issue 16), server-rendered with hono/jsx on the service's own Hono:
 * sign-in from a one-time link, server-side sessions, and the pages (Tổng quan, Đơn vị, Báo
 * cáo, Mô hình, Xuất). Every page reads the shared query layer and is scoped like the exports:
 * anything outside the viewer's scope is answered 404. No page runs a script.
 */
export function createWebApp(deps: WebDependencies): Hono<Env> {
  const app = new Hono<Env>();
  const { db } = deps;
  const exports = deps.exports ?? new ExportJobRunner(db, { now: deps.now, timeZone: deps.timeZone, log: deps.log });
  app.use('*', securityHeaders());
  const overviews = createPageCache<string>({ ttlMs: deps.overviewCacheMs ?? 0, maxEntries: 500, now: () => performance.now() });
  // A change made through the console (a review, an opened month, an admin's edit) shows at once.
  app.use('*', async (c, next) => {
    await next();
    if (c.req.method === 'POST' && c.res.status < 400) overviews.clear();
  });

  // A query string that is not valid percent-encoding, or absurdly long, is refused at once.
  app.use('*', async (c, next) => {
    const url = c.req.url;
    if (url.length > 2048) throw new BadRequest();
    const q = url.indexOf('?');
    if (q >= 0) {
      try {
        decodeURIComponent(url.slice(q + 1).replace(/\+/g, ' '));
      } catch {
        throw new BadRequest();
      }
    }
    await next();
  });

  app.get(APP_CSS_PATH, (c) => {
    c.header('Cache-Control', 'public, max-age=31536000, immutable');
    return c.body(APP_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8' });
  });

  // ---- sign-in -------------------------------------------------------------------------------
  app.get('/dang-nhap/:token', async (c) => {
    const token = c.req.param('token');
    const link = await inspectLink(db, { token, now: deps.now() });
    if (link.state !== 'usable') return badLink(c, link.state);
    return c.html(<SignInPage token={token} personName={link.personName} />);
  });

  app.post('/dang-nhap', bodyLimit({ maxSize: 4096, onError: tooLarge }), async (c) => {
    if (!isSameOrigin(c)) return forbidden(c);
    const form = await c.req.parseBody();
    const token = typeof form.token === 'string' ? form.token : '';
    const opened = await db.transaction((tx) => signInWithLink(tx, { token, now: deps.now(), userAgent: c.req.header('user-agent') }));
    if ('state' in opened) return badLink(c, opened.state);
    writeSessionCookie(c, opened.sessionToken, deps.secureCookies);
    return c.redirect('/', 303);
  });

  // ---- everything below needs a viewer -----------------------------------------------------
  const kit = createWebKit({ db, log: deps.log, timeZone: deps.timeZone, now: deps.now, secureCookies: deps.secureCookies, baseUrl: deps.baseUrl ?? (() => DEFAULT_WEB_BASE_URL), telegramUsername: deps.telegramUsername, zaloOaId: deps.zaloOaId });
  const { signedIn, checkedForm, formLimit } = kit;

  app.post('/dang-xuat', formLimit, signedIn, async (c) => {
    if (!(await checkedForm(c))) return forbidden(c);
    await signOut(db, { viewer: c.get('viewer'), now: deps.now() });
    clearSessionCookie(c, deps.secureCookies);
    return c.html(<MessagePage title={t.nav.signOut} lines={[t.signIn.signedOut, t.signIn.howToGetLink]} />);
  });

  if (deps.photoRoutes) {
    const resolveScopePaths = async (c: Context) => {
      const token = readSessionCookie(c);
      if (!token) return null;
      const viewer = await resolveViewer(db, { sessionToken: token, now: deps.now() });
      return 'problem' in viewer ? null : viewer.roots.map((r) => r.path);
    };
    app.route('/anh', deps.photoRoutes(resolveScopePaths));
  }

  app.get('/', signedIn, async (c) => {
    const viewer = c.get('viewer');
    const unitId = optionalId(c.req.query('don-vi')) ?? viewer.roots[0]!.unitId;
    const found = await findUnitInScope(db, viewer.roots, unitId);
    if (!found) throw new NotFound();
    const current = await currentMonthOf(db, found.unit, { now: deps.now(), timeZone: deps.timeZone });
    const to = optionalMonth(c.req.query('den')) ?? current;
    const from = optionalMonth(c.req.query('tu')) ?? shiftMonthKey(to, -5);
    if (!isValidRange(from, to)) throw new BadRequest();
    // The roots' names for the scope picker (only shown with several roots; the usual one is the unit already read).
    const rootUnits = await Promise.all(
      viewer.roots.map(async (r) => ({ unitId: r.unitId, name: r.unitId === found.unit.id ? found.unit.name : ((await findUnitInScope(db, viewer.roots, r.unitId))?.unit.name ?? '') })),
    );
    const figuresHtml = await overviews.get(`${found.unit.id}:${found.root.subtree}:${from}:${to}`, async () =>
      renderOverviewFigures(await loadOverview(db, { unit: found.unit, subtree: found.root.subtree, from, to })),
    );
    return c.html(<OverviewPage viewer={viewer} unitName={found.unit.name} roots={rootUnits} figuresHtml={figuresHtml} />);
  });

  app.get('/don-vi', signedIn, async (c) => {
    const viewer = c.get('viewer');
    const query = (c.req.query('q') ?? '').trim();
    if (query.length > MAX_SEARCH) throw new BadRequest();
    if (query !== '') {
      const lists = await Promise.all(viewer.roots.map((r) => searchUnits(db, { unitId: r.unitId, subtree: r.subtree, query, limit: 50 })));
      return c.html(<UnitsPage viewer={viewer} query={query} results={lists.flat().slice(0, 50)} roots={[]} timeZone={deps.timeZone} />);
    }
    const roots = await Promise.all(
      viewer.roots.map(async (r) => {
        const found = (await findUnitInScope(db, viewer.roots, r.unitId))!;
        const unit = { id: found.unit.id, code: found.unit.code, name: found.unit.name, kind: found.unit.kind, activeModels: found.unit.activeModels, children: 0, dissolvedOn: found.unit.dissolvedOn };
        return { unit, children: r.subtree ? await listChildUnits(db, { unitId: r.unitId, limit: 500 }) : [] };
      }),
    );
    return c.html(<UnitsPage viewer={viewer} query="" results={null} roots={roots} timeZone={deps.timeZone} />);
  });

  app.get('/don-vi/:id{[0-9]{1,9}}', signedIn, async (c) => {
    const viewer = c.get('viewer');
    const found = await findUnitInScope(db, viewer.roots, Number(c.req.param('id')));
    if (!found) throw new NotFound();
    const page = await loadUnitPage(db, { ...found, roots: viewer.roots, now: deps.now(), timeZone: deps.timeZone, viewerPersonId: viewer.personId });
    // After «Cho phép báo cáo bổ sung» (PRG): ?mo-thang=supplement|reopen&thang=YYYY-MM&han=YYYY-MM-DD.
    const opened = c.req.query('mo-thang');
    const month = optionalMonth(c.req.query('thang'));
    const until = c.req.query('han');
    const openingNotice =
      (opened === 'supplement' || opened === 'reopen') && month && until && /^\d{4}-\d{2}-\d{2}$/.test(until)
        ? { text: vi.review.opening[opened === 'reopen' ? 'reopened' : 'done'](monthLabel(month), formatIsoDate(until)), error: false }
        : undefined;
    return c.html(<UnitPage viewer={viewer} unit={found.unit} subtree={found.root.subtree} timeZone={deps.timeZone} {...page} {...(openingNotice ? { openingNotice } : {})} />);
  });

  app.post('/don-vi/:id{[0-9]{1,9}}/mo-thang', formLimit, signedIn, async (c) => {
    const viewer = c.get('viewer');
    const form = await checkedForm(c);
    if (!form) return forbidden(c);
    const unitId = Number(c.req.param('id'));
    const month = parseMonth(form.thang ?? '');
    const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(form.han ?? '');
    if (!month || !day) throw new BadRequest();
    // The deadline is the end of that day in the organisation's zone.
    const until = zonedInstant({ year: Number(day[1]), month: Number(day[2]), day: Number(day[3]), hour: 23, minute: 59, second: 59 }, deps.timeZone);
    if (Number.isNaN(until.getTime())) throw new BadRequest();
    const outcome = await db.transaction((tx) => openMonthForUnit(tx, { personId: viewer.personId, unitId, month, until, via: 'web', now: deps.now(), timeZone: deps.timeZone }));
    const found = await findUnitInScope(db, viewer.roots, unitId);
    if (!found || (!outcome.ok && outcome.refusal === 'not-found')) throw new NotFound();
    if (!outcome.ok) {
      const text = vi.review.refused[outcome.refusal]({ by: null, at: null });
      if (outcome.refusal === 'not-reviewer') return c.html(<MessagePage title={vi.review.web.forbiddenTitle} lines={[text]} viewer={viewer} homeLink />, 403);
      const page = await loadUnitPage(db, { ...found, roots: viewer.roots, now: deps.now(), timeZone: deps.timeZone, viewerPersonId: viewer.personId });
      return c.html(<UnitPage viewer={viewer} unit={found.unit} subtree={found.root.subtree} timeZone={deps.timeZone} {...page} openingNotice={{ text, error: true }} />, 409);
    }
    return c.redirect(`/don-vi/${unitId}?mo-thang=${outcome.kind}&thang=${month.slice(0, 7)}&han=${form.han}`, 303);
  });

  /** The report's review as this viewer sees it: its state, what they may do now, its history. */
  const reviewOf = async (viewer: Viewer, reportId: number, extra: Partial<ReportReviewView> = {}): Promise<ReportReviewView | undefined> => {
    const report = await loadReviewableReport(db, { reportId });
    if (!report) return undefined;
    const reviewer = await reviewerRoleFor(db, viewer.personId, { id: report.unitId, path: report.unitPath });
    return {
      stage: report.stage,
      version: report.version,
      reviewedBy: report.reviewedBy,
      reviewedAt: report.reviewedAt,
      comment: report.reviewComment,
      available: availableReviews(report, { now: deps.now(), reviewer }),
      reviewer: reviewer !== null,
      history: await listReviewHistory(db, reportId),
      ...extra,
    };
  };
  const reportPage = async (c: Context<Env>, reportId: number, extra: Partial<ReportReviewView> = {}, status: 200 | 400 | 409 = 200) => {
    const viewer = c.get('viewer');
    const report = await loadReportDetail(db, reportId);
    if (!report || !scopeCovering(viewer.roots, report.unit)) throw new NotFound();
    const photos = await listReportAttachments(db, report.id);
    const review = await reviewOf(viewer, report.id, extra);
    return c.html(<ReportPage viewer={viewer} report={report} photos={photos} timeZone={deps.timeZone} review={review} />, status);
  };

  app.get('/bao-cao/:id{[0-9]{1,9}}', signedIn, async (c) => {
    // After a review, the redirect says what was done (PRG): ?ket-qua=dat|tra-lai|tra-lai-cat.
    const done = c.req.query('ket-qua');
    const w = vi.review.web;
    const notice = done === 'dat' ? [w.doneApprove] : done === 'tra-lai' ? [w.doneReturn] : done === 'tra-lai-cat' ? [w.doneReturn, vi.review.commentCut(MAX_REVIEW_COMMENT)] : undefined;
    return reportPage(c, Number(c.req.param('id')), notice ? { notice } : {});
  });

  /** «Đạt» / «Trả lại để sửa» on a report page: 303 back to it, or the page with the reason. */
  const reviewRoute = (kind: 'approve' | 'return') => async (c: Context<Env>) => {
    const viewer = c.get('viewer');
    const form = await checkedForm(c);
    if (!form) return forbidden(c);
    const reportId = Number(c.req.param('id'));
    const versionText = form['phien-ban'] ?? '';
    if (!/^[0-9]{1,9}$/.test(versionText)) throw new BadRequest();
    const version = Number(versionText);
    const comment = form['nhan-xet'] ?? '';
    const command = kind === 'approve' ? ({ kind, version } as const) : ({ kind, version, comment } as const);
    const outcome = await db.transaction((tx) => reviewReport(tx, { personId: viewer.personId, reportId, command, via: 'web', now: deps.now() }));
    if (!outcome.ok) {
      // Outside the viewer's scope the report does not exist for them (404); the attempt is audited all the same.
      if (!('report' in outcome) || !scopeCovering(viewer.roots, { id: outcome.report.unitId, path: outcome.report.unitPath })) throw new NotFound();
      if (outcome.refusal === 'not-reviewer') {
        return c.html(<MessagePage title={vi.review.web.forbiddenTitle} lines={[describeRefusal(outcome, deps.timeZone)]} viewer={viewer} homeLink />, 403);
      }
      const error = describeRefusal(outcome, deps.timeZone);
      return reportPage(c, reportId, { error, ...(kind === 'return' ? { draftComment: comment } : {}) }, outcome.refusal === 'comment-required' ? 400 : 409);
    }
    const result = outcome.action === 'approve' ? 'dat' : outcome.comment?.cut ? 'tra-lai-cat' : 'tra-lai';
    return c.redirect(`/bao-cao/${reportId}?ket-qua=${result}`, 303);
  };
  app.post('/bao-cao/:id{[0-9]{1,9}}/duyet', formLimit, signedIn, reviewRoute('approve'));
  app.post('/bao-cao/:id{[0-9]{1,9}}/tra-lai', formLimit, signedIn, reviewRoute('return'));

  // ---- Duyệt: a month's reports waiting for this viewer's review --------------------------------
  const QUEUE_LIMIT = 200;
  const queueMonth = async (viewer: Viewer, asked: string | undefined): Promise<string> => {
    const month = optionalMonth(asked);
    if (month) return month;
    const root = (await findUnitInScope(db, viewer.roots, viewer.roots[0]!.unitId))!;
    return currentMonthOf(db, root.unit, { now: deps.now(), timeZone: deps.timeZone });
  };
  const queuePage = async (c: Context<Env>, month: string, extra: { result?: BulkResult; error?: string } = {}, status: 200 | 400 = 200) => {
    const viewer = c.get('viewer');
    const queue = await listReviewQueue(db, { personId: viewer.personId, month, limit: QUEUE_LIMIT });
    return c.html(<ReviewQueuePage viewer={viewer} month={month} items={queue.items} total={queue.total} timeZone={deps.timeZone} {...extra} />, status);
  };

  app.get('/duyet', signedIn, async (c) => queuePage(c, await queueMonth(c.get('viewer'), c.req.query('thang'))));

  app.post('/duyet', formLimit, signedIn, async (c) => {
    const viewer = c.get('viewer');
    if (!isSameOrigin(c)) return forbidden(c);
    const body = await c.req.parseBody({ all: true });
    if (!secretsMatch(typeof body._csrf === 'string' ? body._csrf : '', viewer.csrfToken)) return forbidden(c);
    const month = await queueMonth(viewer, typeof body.thang === 'string' ? body.thang : undefined);
    const picked = [body['bao-cao'] ?? []].flat().filter((v): v is string => typeof v === 'string');
    if (picked.length > QUEUE_LIMIT || picked.some((v) => !/^[0-9]{1,9}:[0-9]{1,9}$/.test(v))) throw new BadRequest();
    if (picked.length === 0) return queuePage(c, month, { error: vi.review.web.bulkNothing }, 400);
    const result: BulkResult = { approved: 0, refused: [] };
    // One transaction each: a report refused (reviewed meanwhile, a new version) does not hold back the others.
    for (const [reportId, version] of picked.map((v) => v.split(':').map(Number) as [number, number])) {
      const outcome = await db.transaction((tx) => reviewReport(tx, { personId: viewer.personId, reportId, command: { kind: 'approve', version }, via: 'web', now: deps.now() }));
      if (outcome.ok) result.approved += 1;
      else if ('report' in outcome && scopeCovering(viewer.roots, { id: outcome.report.unitId, path: outcome.report.unitPath })) {
        result.refused.push({ unitName: outcome.report.unitName, month: outcome.report.startsOn, reason: describeRefusal(outcome, deps.timeZone) });
      } else result.refused.push({ unitName: `#${reportId}`, month, reason: vi.review.refused['not-found']({ by: null, at: null }) });
    }
    return queuePage(c, month, { result });
  });

  mountModelProposals(app, kit);

  app.get('/mo-hinh', signedIn, async (c) => {
    const viewer = c.get('viewer');
    const unitId = optionalId(c.req.query('don-vi')) ?? viewer.roots[0]!.unitId;
    const found = await findUnitInScope(db, viewer.roots, unitId);
    if (!found) throw new NotFound();
    const field = optionalChoice(c.req.query('linh-vuc'), MODEL_FIELDS) as ModelField | undefined;
    const status = optionalChoice(c.req.query('tinh-trang'), MODEL_STATUSES) as ModelStatus | undefined;
    const since = optionalMonth(c.req.query('khong-hoat-dong-tu'));
    const pageText = c.req.query('trang');
    if (pageText !== undefined && !/^[1-9][0-9]{0,4}$/.test(pageText)) throw new BadRequest();
    const page = pageText ? Number(pageText) : 1;
    const list = await listScopeModels(db, {
      unitId: found.unit.id,
      subtree: found.root.subtree,
      ...(field ? { field } : {}),
      ...(status ? { status } : {}),
      ...(since ? { inactiveSince: since } : {}),
      limit: MODEL_PAGE_SIZE,
      offset: (page - 1) * MODEL_PAGE_SIZE,
    });
    const filters = { unitId: found.unit.id, page, ...(field ? { field } : {}), ...(status ? { status } : {}), ...(since ? { inactiveSince: since.slice(0, 7) } : {}) };
    const cohorts = await countModelCohorts(db, { unitId: found.unit.id, subtree: found.root.subtree, year: calendarParts(deps.now(), deps.timeZone).year });
    const proposals = <ProposalsSection csrfToken={viewer.csrfToken} proposals={await proposalsFor(db, viewer)} back="/mo-hinh" />;
    const done = vi.admin.models.results[c.req.query('ket-qua') ?? ''];
    return c.html(
      <ModelsPage viewer={viewer} unitName={found.unit.name} filters={filters} total={list.total} items={list.items} pageSize={MODEL_PAGE_SIZE} cohorts={cohorts} proposals={proposals} {...(done ? { notice: done } : {})} />,
    );
  });

  app.get('/mo-hinh/:id{[0-9]{1,9}}', signedIn, async (c) => {
    const viewer = c.get('viewer');
    const model = await findModelWithUnit(db, Number(c.req.param('id')));
    if (!model || !scopeCovering(viewer.roots, { id: model.unitId, path: model.unitPath })) throw new NotFound();
    const [series, photos] = await Promise.all([listModelMonths(db, { modelId: model.id, months: 24 }), listModelAttachments(db, { modelId: model.id, limit: 60 })]);
    return c.html(<ModelPage viewer={viewer} model={model} series={series} photos={photos} timeZone={deps.timeZone} />);
  });

  // ---- exports ----------------------------------------------------------------------------
  const listing = async (viewer: Viewer): Promise<ExportListing> => {
    const now = deps.now();
    const since = new Date(now.getTime() - 7 * 86_400_000);
    const [ready, unfinished] = await Promise.all([
      listGeneratedFilesOf(db, { personId: viewer.personId, since, limit: 20 }),
      listUnfinishedWebExports(db, { personId: viewer.personId, since, limit: 20 }),
    ]);
    const pending = unfinished.map((job) => {
      // A request that does not parse is failed by the runner; here it is only named.
      const caption = captionOf(job);
      return { fileName: caption ?? `#${job.id}`, startedAt: job.createdAt, failed: job.status === 'failed' || caption === null };
    });
    return { ready, pending };
  };
  /** The units offered in the Xuất page's select: of each scope root, whole levels down to about this many. */
  const unitChoices = async (viewer: Viewer) =>
    (await Promise.all(viewer.roots.map((r) => listScopeUnitChoices(db, { unitId: r.unitId, subtree: r.subtree, limit: EXPORT_UNIT_CHOICES })))).flat();
  /** The form as first shown: the unit asked for (from a unit page's link) chosen in the select, or typed when the select does not offer it. */
  const exportForm = async (viewer: Viewer, units: readonly UnitChoice[], unitCode: string | undefined): Promise<ExportForm> => {
    const root = (await findUnitInScope(db, viewer.roots, viewer.roots[0]!.unitId))!;
    const to = await currentMonthOf(db, root.unit, { now: deps.now(), timeZone: deps.timeZone });
    const offered = unitCode === undefined || units.some((u) => u.code === unitCode);
    return { unitCode: offered ? (unitCode ?? root.unit.code) : root.unit.code, typedCode: offered ? '' : (unitCode ?? ''), from: `${to.slice(0, 4)}-01`, to: to.slice(0, 7), format: 'xlsx' };
  };

  app.get('/xuat', signedIn, async (c) => {
    const viewer = c.get('viewer');
    const code = c.req.query('don-vi');
    if (code !== undefined && !UNIT_CODE.test(code)) throw new BadRequest();
    const units = await unitChoices(viewer);
    return c.html(<ExportsPage viewer={viewer} units={units} form={await exportForm(viewer, units, code)} listing={await listing(viewer)} timeZone={deps.timeZone} />);
  });

  app.post('/xuat', formLimit, signedIn, async (c) => {
    const viewer = c.get('viewer');
    const form = await checkedForm(c);
    if (!form) return forbidden(c);
    // A code typed in the text box wins over the select (a unit deeper than the select offers).
    const chosen = (form['don-vi'] ?? '').trim();
    const typed = (form['ma-don-vi'] ?? '').trim();
    const code = typed || chosen;
    const from = parseMonth(form.tu ?? '');
    const to = parseMonth(form.den ?? '');
    const format = form['dinh-dang'] as ExportFormat;
    if (!UNIT_CODE.test(code) || (chosen !== '' && !UNIT_CODE.test(chosen)) || !EXPORT_FORMATS.includes(format)) throw new BadRequest();
    const shown = { unitCode: chosen, typedCode: typed, from: form.tu ?? '', to: form.den ?? '', format };
    const again = async (error: string, status: 400 | 404) =>
      c.html(<ExportsPage viewer={viewer} units={await unitChoices(viewer)} form={shown} listing={await listing(viewer)} error={error} timeZone={deps.timeZone} />, status);
    if (!from || !to || !isValidRange(from, to)) return again(t.exports.badRange, 400);
    const unit = await findUnitByCode(db, code);
    const root = unit ? scopeCovering(viewer.roots, unit) : undefined;
    if (!unit || !root) return again(t.exports.unitNotFound(code), 404);
    const job = { personId: viewer.personId, unitId: unit.id, subtree: root.subtree, from, to, format };
    const fileName = `${unit.code} ${from.slice(0, 7)}–${to.slice(0, 7)}.${format}`;
    // A job of its own (export_jobs), rendered by the same code as a chat's /xuat, in the
    // background: a short one is handed over at once, a long one is offered on the Xuất page when
    // it is ready, and one cut short by a restart is finished by the service's sweep.
    const [queued] = await enqueueExportJobs(db, [{ personId: viewer.personId, accountId: null, dedupeKey: `web:${randomUUID()}`, request: { caption: fileName, job } }], deps.now(), { claim: true });
    const rendering = exports.runClaimed([queued!]).then(
      ([rendered]) => rendered ?? null,
      (error: unknown) => {
        deps.log.error({ err: error, job }, 'web export failed');
        return null;
      },
    );
    // 0 means "never hold the request": a race against a 0 ms timer could go either way.
    const waitMs = deps.exportWaitMs ?? 2000;
    let timer: NodeJS.Timeout | undefined;
    const waited = waitMs === 0 ? 'later' : await Promise.race([rendering, new Promise<'later'>((resolve) => (timer = setTimeout(() => resolve('later'), waitMs)))]);
    clearTimeout(timer);
    if (waited && waited !== 'later') return c.redirect(`/xuat/tep/${waited.fileId}`, 303);
    return c.redirect('/xuat', 303);
  });

  app.get('/xuat/tep/:id{[0-9]{1,9}}', signedIn, async (c) => {
    const viewer = c.get('viewer');
    const file = await findGeneratedFile(db, Number(c.req.param('id')));
    if (!file || file.personId !== viewer.personId) throw new NotFound();
    await recordAudit(db, {
      actorKind: 'person',
      actorPersonId: viewer.personId,
      action: 'web.export.download',
      entityType: 'generated_file',
      entityId: String(file.id),
      details: { fileName: file.fileName },
      at: deps.now(),
    });
    return c.body(Buffer.from(file.content), 200, {
      'Content-Type': file.contentType,
      'Content-Disposition': `attachment; filename="${file.fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
      'Cache-Control': 'private, no-store',
    });
  });

  mountAdmin(app, kit);

  app.notFound((c) => {
    if (/^\/(telegram|zalo|healthz)(\/|$)/.test(c.req.path)) return c.json({ error: 'not_found' }, 404);
    return c.html(<MessagePage title={t.errors.notFoundTitle} lines={[t.errors.notFound]} homeLink />, 404);
  });
  app.onError((error, c) => {
    if (error instanceof NotFound) return c.html(<MessagePage title={t.errors.notFoundTitle} lines={[t.errors.notFound]} homeLink />, 404);
    if (error instanceof BadRequest || error instanceof URIError) {
      return c.html(<MessagePage title={t.errors.badRequestTitle} lines={[t.errors.badRequest]} homeLink />, 400);
    }
    deps.log.error({ err: error, path: c.req.path }, 'unhandled error in a web console page');
    return c.html(<MessagePage title={t.errors.internalTitle} lines={[t.errors.internal]} homeLink />, 500);
  });
  return app;
}

/** The caption an export job was asked with (the file's name on the Xuất page), or null when its request does not parse. */
function captionOf(job: ExportJobRow): string | null {
  try {
    return readExportRequest(job).caption;
  } catch {
    return null;
  }
}

function badLink(c: Context, state: 'used' | 'expired' | 'unknown') {
  return c.html(<MessagePage title={t.signIn.badLinkTitle} lines={[t.signIn.badLink[state], t.signIn.howToGetLink]} />, state === 'unknown' ? 404 : 410);
}
