import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { secretsOf, type Config } from '../config.js';
import { ROLE_KINDS, type RoleKind } from '../core/domain.js';
import { AppError } from '../core/errors.js';
import { formatDate, formatDateTime, formatMonth } from '../core/format.js';
import { formatInvitationCode } from '../core/invitation-code.js';
import { vi } from '../core/messages/vi.js';
import { EXPORT_FORMATS, isValidRange, parseMonth, type ExportFormat } from '../core/figures/export-request.js';
import { CSV_LOCALES, parseCsvLocale } from '../reports/csv-export.js';
import { CSV_SHEETS, exportToFile, type CsvSheet } from '../services/export.js';
import { createInvitation, telegramDeepLink } from '../services/invite.js';
import type { DatabaseHandle } from '../storage/client.js';
import type { MigrationOutcome } from '../storage/migrate.js';
import type { TickReport } from '../jobs/run-tick.js';

/** What a command gets: its arguments, the open database, the config, the time and an output. */
export interface CommandContext {
  args: readonly string[];
  options: Readonly<Record<string, string | boolean | undefined>>;
  config: Config;
  database: DatabaseHandle;
  migration: MigrationOutcome;
  now: Date;
  print: (line: string) => void;
}

export interface CommandSpec {
  name: string;
  usage: string;
  summary: string;
  /** How many arguments it takes besides its options (0 when not given). */
  positionals?: number;
  /** Options this command takes, for parseArgs: name → type. */
  options?: Record<string, { type: 'string' | 'boolean'; short?: string }>;
  run: (ctx: CommandContext) => Promise<void>;
}

/** A command line the user got wrong; the message says what, and the CLI adds the command's usage. */
export class UsageError extends AppError {
  override readonly name = 'UsageError';
  constructor(message: string) {
    super('CLI_USAGE', message);
  }
}

/** A request refused with the reasons already in words, one a line (exit 1). */
export class RefusedError extends AppError {
  override readonly name = 'RefusedError';
  constructor(readonly lines: readonly string[]) {
    super('CLI_REFUSED', lines[0] ?? 'refused');
  }
}

/** A file named on the command line that cannot be read: one line says which and why. */
export class InputFileError extends AppError {
  override readonly name = 'InputFileError';
  constructor(message: string, cause: unknown) {
    super('CLI_INPUT_FILE', message, { cause });
  }
}

/**
 * The admin commands, as data: `--help` is generated from this list, the words come from the
 * catalogue (vi.cli.commands). A command loads the heavy modules it alone needs (exceljs for
 * import, the channels for tick) when it runs, so every command line starts quicker and smaller.
 */
export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'migrate',
    ...vi.cli.commands.migrate,
    run: async (ctx) => ctx.print(vi.cli.migrated(ctx.migration.applied, ctx.migration.known)),
  },
  {
    name: 'seed-demo',
    ...vi.cli.commands['seed-demo'],
    run: async (ctx) => {
      const { seedDemo } = await import('../services/seed-demo.js');
      const summary = await seedDemo(ctx.database.db, { now: ctx.now, timeZone: ctx.config.timeZone });
      ctx.print(summary ? vi.cli.seeded(summary) : vi.cli.alreadySeeded);
    },
  },
  {
    name: 'import',
    ...vi.cli.commands.import,
    positionals: 1,
    options: { 'dry-run': { type: 'boolean' } },
    run: async (ctx) => {
      const file = ctx.args[0];
      if (!file) throw new UsageError(vi.cli.missingFile);
      const bytes = await readFile(file).catch((error: unknown) => {
        const code = (error as NodeJS.ErrnoException).code;
        throw new InputFileError(
          code === 'ENOENT' ? vi.cli.fileNotFound(file, process.cwd()) : vi.cli.fileUnreadable(file, code ?? (error as Error).message),
          error,
        );
      });
      const { readTabularFile } = await import('../services/read-tabular.js');
      const { importOrganisation } = await import('../services/import-organisation.js');
      const sheets = await readTabularFile(file, bytes);
      const dryRun = ctx.options['dry-run'] === true;
      const summary = await importOrganisation(ctx.database.db, sheets, { fileName: basename(file), dryRun, now: ctx.now, timeZone: ctx.config.timeZone });
      if (summary.duplicates.length > 0) ctx.print(vi.import.duplicateRows(summary.duplicates));
      ctx.print(`${dryRun ? vi.cli.dryRun : ''}${summary.changed ? vi.import.done(summary) : vi.import.unchanged(summary)}`);
    },
  },
  {
    name: 'invite',
    usage: vi.cli.commands.invite.usage(ROLE_KINDS),
    summary: vi.cli.commands.invite.summary,
    positionals: 1,
    options: { role: { type: 'string' }, days: { type: 'string' }, force: { type: 'boolean' } },
    run: async (ctx) => {
      const unitCode = ctx.args[0];
      if (!unitCode) throw new UsageError(vi.cli.missingUnit);
      const role = (ctx.options.role ?? 'secretary') as RoleKind;
      if (!ROLE_KINDS.includes(role)) throw new UsageError(vi.cli.badRole(ROLE_KINDS));
      const days = Number(ctx.options.days ?? 14);
      if (!Number.isInteger(days) || days < 1 || days > 90) throw new UsageError(vi.cli.badDays);
      const invitation = await createInvitation(ctx.database.db, { unitCode, role, days, now: ctx.now, force: ctx.options.force === true });
      ctx.print(
        vi.invite.created({
          unitName: invitation.unit.name,
          role: vi.roles[role],
          code: formatInvitationCode(invitation.code),
          expires: formatDate(invitation.expiresAt, ctx.config.timeZone),
        }),
      );
      const username = ctx.config.telegramUsername;
      ctx.print(username ? vi.invite.telegramLink(telegramDeepLink(username, invitation.code)) : vi.invite.telegramNoUsername);
      ctx.print(vi.invite.typeTheCode);
    },
  },
  {
    name: 'web-link',
    ...vi.cli.commands['web-link'],
    positionals: 1,
    options: { role: { type: 'string' }, phone: { type: 'string' }, name: { type: 'string' } },
    run: async (ctx) => {
      const unitCode = ctx.args[0];
      if (!unitCode) throw new UsageError(vi.web.cli.noUnit);
      const role = ctx.options.role ?? 'admin';
      if (role !== 'admin' && role !== 'leader') throw new UsageError(vi.web.cli.badRole);
      const { issueCliWebLink, LINK_MINUTES } = await import('../services/web-sign-in.js');
      const baseUrl = ctx.config.web.publicUrl ?? `http://${ctx.config.http.host}:${ctx.config.http.port}`;
      const phone = typeof ctx.options.phone === 'string' ? ctx.options.phone : undefined;
      const name = typeof ctx.options.name === 'string' ? ctx.options.name : undefined;
      const link = await ctx.database.db.transaction((tx) =>
        issueCliWebLink(tx, { unitCode, role, now: ctx.now, baseUrl, ...(phone !== undefined ? { phone } : {}), ...(name !== undefined ? { name } : {}) }),
      );
      if (link.created) ctx.print(vi.web.cli.created(link.personName));
      ctx.print(vi.web.cli.link({ person: link.personName, role: vi.roles[role], unit: link.unitName, url: link.url, minutes: LINK_MINUTES }));
    },
  },
  {
    name: 'role',
    usage: vi.cli.commands.role.usage(ROLE_KINDS),
    summary: vi.cli.commands.role.summary,
    positionals: 2,
    options: { role: { type: 'string' }, phone: { type: 'string' } },
    run: async (ctx) => {
      const [action, unitCode] = ctx.args;
      if (action !== 'end') throw new UsageError(vi.cli.roleAction(action));
      if (!unitCode) throw new UsageError(vi.cli.missingUnit);
      const role = ctx.options.role as RoleKind | undefined;
      if (!role || !ROLE_KINDS.includes(role)) throw new UsageError(vi.cli.badRole(ROLE_KINDS));
      const phone = typeof ctx.options.phone === 'string' ? ctx.options.phone : undefined;
      const { endRole } = await import('../services/roles.js');
      const ended = await ctx.database.db.transaction((tx) =>
        endRole(tx, { unitCode, role, now: ctx.now, actor: { actorKind: 'cli' }, ...(phone !== undefined ? { phone } : {}) }),
      );
      ctx.print(vi.roleChange.ended({ person: ended.fullName, role: vi.roles[role], unit: ended.unitName, closed: ended.closedCheckins, cancelled: ended.cancelledNotices }));
    },
  },
  {
    name: 'deadline',
    ...vi.cli.commands.deadline,
    positionals: 2,
    options: { org: { type: 'string' }, kind: { type: 'string' }, due: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, title: { type: 'string' }, notice: { type: 'string' } },
    run: async (ctx) => {
      const [action, idText] = ctx.args;
      const text = (name: string) => (typeof ctx.options[name] === 'string' ? (ctx.options[name] as string) : undefined);
      const deadlines = await import('../services/deadlines.js');
      const tz = ctx.config.timeZone;
      if (action === 'cancel') {
        const id = Number(idText);
        if (!idText || !Number.isSafeInteger(id) || id < 1) throw new UsageError(vi.deadline.needsId);
        const done = await ctx.database.db.transaction((tx) => deadlines.cancelDeadline(tx, { id, now: ctx.now, actor: { actorKind: 'cli' } }));
        ctx.print(vi.deadline.cancelled({ id, title: done.deadline.title, notices: done.cancelledNotices }));
        return;
      }
      if (action !== 'list' && action !== 'add') throw new UsageError(vi.deadline.action(action));
      if (idText !== undefined) throw new UsageError(vi.cli.extraArgument(idText));
      const orgCode = text('org');
      if (!orgCode) throw new UsageError(vi.deadline.needsOrg);
      if (action === 'list') {
        const { organisation, deadlines: rows, noticeDays } = await deadlines.listDeadlines(ctx.database.db, { orgCode });
        if (rows.length === 0) return ctx.print(vi.deadline.none(organisation.name));
        ctx.print(vi.deadline.listHeader(organisation.name, noticeDays));
        for (const d of rows) {
          const month = (iso: string) => formatMonth(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)));
          ctx.print(vi.deadline.line({
            id: d.id, kind: vi.deadline.kinds[d.kind] ?? d.kind, title: d.title, due: formatDate(d.dueAt, tz),
            from: month(d.coversFrom), to: month(d.coversTo), past: d.dueAt.getTime() <= ctx.now.getTime(),
          }));
        }
        return;
      }
      const request = { kind: text('kind') ?? '', due: text('due') ?? '', from: text('from') ?? '', to: text('to') ?? text('from') ?? '', ...(text('title') !== undefined ? { title: text('title')! } : {}), ...(text('notice') !== undefined ? { noticeDays: text('notice')! } : {}) };
      const added = await ctx.database.db
        .transaction((tx) => deadlines.addDeadline(tx, { orgCode, request, now: ctx.now, timeZone: tz, actor: { actorKind: 'cli' } }))
        .catch((error: unknown) => {
          if (error instanceof deadlines.DeadlineRefusedError) throw new UsageError(vi.deadline.problems[error.problem]!);
          throw error;
        });
      ctx.print(vi.deadline.added({ id: added.id, title: added.title, due: formatDate(added.dueAt, tz) }));
    },
  },
  {
    name: 'questions',
    usage: vi.questions.cli.usage,
    summary: vi.questions.cli.summary,
    positionals: 2,
    options: { org: { type: 'string' }, from: { type: 'string' }, month: { type: 'string' } },
    run: async (ctx) => {
      const [action, file] = ctx.args;
      const q = vi.questions.cli;
      if (action !== 'show' && action !== 'publish') throw new UsageError(q.action(action));
      const code = typeof ctx.options.org === 'string' ? ctx.options.org : undefined;
      if (!code) throw new UsageError(q.needsOrg);
      const sets = await import('../services/question-sets.js');
      const deps = { now: ctx.now, timeZone: ctx.config.timeZone };
      if (action === 'show') {
        if (file !== undefined) throw new UsageError(vi.cli.extraArgument(file));
        const month = typeof ctx.options.month === 'string' ? parseMonth(ctx.options.month) : undefined;
        if (month === null) throw new UsageError(q.badMonth);
        const shown = await sets.showQuestionSet(ctx.database.db, { code, ...(month ? { month } : {}), ...deps });
        ctx.print(JSON.stringify(shown.file, null, 2));
        return;
      }
      if (!file) throw new UsageError(q.needsFile);
      const from = typeof ctx.options.from === 'string' ? parseMonth(ctx.options.from) : null;
      if (!from) throw new UsageError(q.needsFrom);
      const text = await readFile(file, 'utf8').catch((error: unknown) => {
        const errno = (error as NodeJS.ErrnoException).code;
        throw new InputFileError(errno === 'ENOENT' ? vi.cli.fileNotFound(file, process.cwd()) : vi.cli.fileUnreadable(file, errno ?? (error as Error).message), error);
      });
      let json: unknown;
      try {
        json = JSON.parse(text.replace(/^\uFEFF/, ''));
      } catch (error) {
        throw new InputFileError(q.notJson(file, (error as Error).message), error);
      }
      const published = await ctx.database.db
        .transaction((tx) => sets.publishQuestionSet(tx, { code, json, from, ...deps, actor: { actorKind: 'cli' } }))
        .catch((error: unknown) => {
          if (error instanceof sets.QuestionSetFileError) throw new RefusedError([q.notASet(file), ...error.issues.map((i) => q.shapeIssue(i.path, i.message))]);
          if (error instanceof sets.QuestionSetRefusedError) throw new RefusedError([q.refused(error.problems.length), ...error.problems.map((p) => q.problem(p.question, p.message))]);
          if (error instanceof sets.QuestionSetPastMonthError) throw new RefusedError([q.pastMonth(error.from, error.current)]);
          throw error;
        });
      ctx.print(q.published({ version: published.row.version, unit: published.unit.name, from: sets.monthLabel(from), questions: published.questions }));
    },
  },
  {
    name: 'tick',
    ...vi.cli.commands.tick,
    options: { at: { type: 'string' } },
    run: async (ctx) => {
      const at = ctx.options.at === undefined ? ctx.now : new Date(String(ctx.options.at));
      if (Number.isNaN(at.getTime())) throw new UsageError(vi.cli.badInstant(String(ctx.options.at)));
      const { runTick } = await import('../jobs/run-tick.js');
      const report = await runTick(ctx.database.db, { now: at, timeZone: ctx.config.timeZone });
      for (const line of describeTick(report, ctx.config.timeZone)) ctx.print(line);
      const queued = report.slots.reduce((n, s) => n + s.queued, 0) + report.snoozed;
      const { createSenders } = await import('../channels/senders.js');
      const { OutboxDispatcher } = await import('../delivery/dispatcher.js');
      const { createLogger } = await import('../log.js');
      // Tokens expire in real time, whatever instant the tick plays.
      const senders = await createSenders(ctx.config, { db: ctx.database.db, now: () => new Date() });
      if (senders.size > 0) {
        const dispatcher = new OutboxDispatcher(ctx.database.db, senders, {
          now: () => at,
          log: createLogger('warn', process.stderr, { secrets: secretsOf(ctx.config) }),
          timeZone: ctx.config.timeZone,
        });
        // A chat's export left unrendered (a crash) goes out with the tick; its renderer loads only then.
        const { ExportJobRunner } = await import('../services/export-job.js');
        await new ExportJobRunner(ctx.database.db, { dispatcher, now: () => at, timeZone: ctx.config.timeZone, log: createLogger('warn', process.stderr) }).run();
        const sent = await dispatcher.drain();
        if (sent > 0 || queued > 0) ctx.print(vi.cli.tickSent(sent));
      } else {
        ctx.print(vi.cli.tickNoChannel(queued));
      }
      for (const failure of report.failures) ctx.print(vi.cli.tickFailed(failure));
      if (report.failures.length > 0) throw new AppError('TICK_FAILED', `${report.failures.length} job(s) failed`);
    },
  },
  {
    name: 'export',
    usage: vi.cli.commands.export.usage(EXPORT_FORMATS, CSV_SHEETS, CSV_LOCALES),
    summary: vi.cli.commands.export.summary,
    options: { unit: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' }, sheet: { type: 'string' }, 'csv-locale': { type: 'string' } },
    run: async (ctx) => {
      const o = ctx.options;
      const unitCode = typeof o.unit === 'string' ? o.unit : null;
      const from = typeof o.from === 'string' ? parseMonth(o.from) : null;
      const to = typeof o.to === 'string' ? parseMonth(o.to) : from;
      const format = (o.format ?? 'xlsx') as ExportFormat;
      const path = typeof o.out === 'string' ? o.out : null;
      if (!unitCode || !path) throw new UsageError(vi.cli.exportNeeds);
      if (!from || !to || !isValidRange(from, to)) throw new UsageError(vi.export.badRange);
      if (!EXPORT_FORMATS.includes(format)) throw new UsageError(vi.cli.badFormat(EXPORT_FORMATS));
      const sheet = o.sheet as CsvSheet | undefined;
      if (sheet !== undefined && !CSV_SHEETS.includes(sheet)) throw new UsageError(vi.cli.badSheet(CSV_SHEETS));
      // CSV for Excel under Vietnamese settings by default (`;`, decimal comma); `intl` (or `en`): `,` and a point.
      const locale = typeof o['csv-locale'] === 'string' ? parseCsvLocale(o['csv-locale']) : 'vi';
      if (!locale) throw new UsageError(vi.cli.badCsvLocale);
      const result = await exportToFile(
        ctx.database.db,
        { unitCode, from, to, format, path, ...(sheet ? { csvSheet: sheet } : {}), csvLocale: locale },
        { now: ctx.now, timeZone: ctx.config.timeZone },
      );
      ctx.print(vi.cli.exported(path, result.fileName));
    },
  },
];

/** A tick's report as lines for the operator: what was queued, and why nothing was when nothing was. */
export function describeTick(report: TickReport, timeZone: string): string[] {
  const when = (d: Date) => formatDateTime(d, timeZone);
  const lines: string[] = [];
  for (const slot of report.slots) {
    lines.push(slot.queued > 0 || !slot.why ? vi.cli.tickSlot(slot) : vi.cli.tickEmptySlot(slot, vi.cli.tickReasons[slot.why.reason]!(slot.why)));
  }
  for (const earlier of report.earlier) lines.push(vi.cli.tickEarlier({ ...earlier, at: when(earlier.at) }));
  if (report.snoozed > 0) lines.push(vi.cli.tickSnoozed(report.snoozed));
  if (report.slots.length > 0 || report.earlier.length > 0 || report.snoozed > 0) return lines;
  lines.push(vi.cli.tickNothing(when(report.at)));
  if (report.organisations.length === 0) lines.push(vi.cli.tickNoOrganisation);
  // Organisations with the same calendar get one line, not one each.
  const grouped = new Map<string, string[]>();
  for (const org of report.organisations) {
    const line = (organisations: string) => [
      ...(org.quiet ? [vi.cli.tickQuiet({ organisations, ...org.quiet })] : []),
      vi.cli.tickNext({
        organisations,
        job: org.next.job,
        at: when(org.next.at),
        ...(org.next.period ? { period: formatMonth(org.next.period.year, org.next.period.month) } : {}),
      }),
    ];
    const key = line('\u0000').join('\n');
    grouped.set(key, [...(grouped.get(key) ?? []), org.code]);
  }
  for (const [key, codes] of grouped) lines.push(...key.split('\n').map((l) => l.replace('\u0000', codes.join(', '))));
  return lines;
}
