import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Config } from '../config.js';
import { ROLE_KINDS, type RoleKind } from '../core/domain.js';
import { AppError } from '../core/errors.js';
import { formatClock, formatDate } from '../core/format.js';
import { formatInvitationCode } from '../core/invitation-code.js';
import { vi } from '../core/messages/vi.js';
import { EXPORT_FORMATS, isValidRange, parseMonth, type ExportFormat } from '../core/figures/export-request.js';
import { CSV_SHEETS, exportToFile, type CsvSheet } from '../services/export.js';
import { createInvitation, telegramDeepLink } from '../services/invite.js';
import type { DatabaseHandle } from '../storage/client.js';
import type { MigrationOutcome } from '../storage/migrate.js';

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
  /** Options this command takes, for parseArgs: name → type. */
  options?: Record<string, { type: 'string' | 'boolean'; short?: string }>;
  run: (ctx: CommandContext) => Promise<void>;
}

/** A command line the user got wrong; the message says how to get it right. */
export class UsageError extends AppError {
  override readonly name = 'UsageError';
  constructor(message: string) {
    super('CLI_USAGE', message);
  }
}

/**
 * The admin commands, as data: `--help` is generated from this list. A command loads the heavy
 * modules it alone needs (exceljs for import, the channels for tick) when it runs, so every
 * command line starts quicker and smaller.
 */
export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'migrate',
    usage: 'migrate',
    summary: 'Áp dụng migration cho cơ sở dữ liệu (chạy lại an toàn).',
    run: async (ctx) => ctx.print(vi.cli.migrated(ctx.migration.applied, ctx.migration.known)),
  },
  {
    name: 'seed-demo',
    usage: 'seed-demo',
    summary: 'Nạp dữ liệu mẫu (các trường hợp thật ở Kon Tum, An Giang, Lai Châu) với vài tháng báo cáo.',
    run: async (ctx) => {
      const { seedDemo } = await import('../services/seed-demo.js');
      const summary = await seedDemo(ctx.database.db, { now: ctx.now, timeZone: ctx.config.timeZone });
      ctx.print(summary ? vi.cli.seeded(summary) : vi.cli.alreadySeeded);
    },
  },
  {
    name: 'import',
    usage: 'import <tệp.csv|tệp.xlsx> [--dry-run]',
    summary: 'Nhập đơn vị, nhân sự, mô hình từ tệp CSV hoặc Excel (xem README). Lỗi ở bất kỳ dòng nào: không ghi gì.',
    options: { 'dry-run': { type: 'boolean' } },
    run: async (ctx) => {
      const file = ctx.args[0];
      if (!file) throw new UsageError('Thiếu đường dẫn tệp: import <tệp.csv|tệp.xlsx>');
      const bytes = await readFile(file).catch((error: unknown) => {
        throw new UsageError(`Không đọc được tệp "${file}": ${(error as Error).message}`);
      });
      const { readTabularFile } = await import('../services/read-tabular.js');
      const { importOrganisation } = await import('../services/import-organisation.js');
      const sheets = await readTabularFile(file, bytes);
      const dryRun = ctx.options['dry-run'] === true;
      const summary = await importOrganisation(ctx.database.db, sheets, { fileName: basename(file), dryRun });
      ctx.print(`${dryRun ? '(Chạy thử, chưa ghi) ' : ''}${vi.import.done(summary)}`);
    },
  },
  {
    name: 'invite',
    usage: 'invite <mã-đơn-vị> [--role secretary|deputy|leader|admin] [--days 14]',
    summary: 'Tạo mã mời dùng một lần và in liên kết Telegram.',
    options: { role: { type: 'string' }, days: { type: 'string' } },
    run: async (ctx) => {
      const unitCode = ctx.args[0];
      if (!unitCode) throw new UsageError('Thiếu mã đơn vị: invite <mã-đơn-vị> [--role secretary|leader]');
      const role = (ctx.options.role ?? 'secretary') as RoleKind;
      if (!ROLE_KINDS.includes(role)) throw new UsageError(`--role phải là một trong: ${ROLE_KINDS.join(', ')}`);
      const days = Number(ctx.options.days ?? 14);
      if (!Number.isInteger(days) || days < 1 || days > 90) throw new UsageError('--days phải là số ngày từ 1 đến 90');
      const invitation = await createInvitation(ctx.database.db, { unitCode, role, days, now: ctx.now });
      ctx.print(
        vi.invite.created({
          unitName: invitation.unit.name,
          role: vi.roles[role],
          code: formatInvitationCode(invitation.code),
          expires: formatDate(invitation.expiresAt, ctx.config.timeZone),
        }),
      );
      const username = ctx.config.telegram?.username ?? ctx.config.telegramUsername;
      ctx.print(username ? vi.invite.telegramLink(telegramDeepLink(username, invitation.code)) : vi.invite.telegramNoUsername);
      ctx.print(vi.invite.typeTheCode);
    },
  },
  {
    name: 'web-link',
    usage: 'web-link <mã-đơn-vị> --role admin|leader [--phone <số>] [--name <họ tên>]',
    summary: 'In liên kết đăng nhập trang theo dõi (dùng một lần, 10 phút) cho người giữ chức danh đó ở đơn vị; chưa có ai thì giao cho người mới (--name).',
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
    name: 'tick',
    usage: 'tick [--at <thời điểm ISO, ví dụ 2026-11-22T08:00:00+07:00>]',
    summary: 'Chạy mọi việc theo lịch đến hạn ở thời điểm đó (mở kỳ, nhắc hạn, báo trễ, sơ kết, tổng hợp tuần) rồi gửi qua các kênh đã cấu hình.',
    options: { at: { type: 'string' } },
    run: async (ctx) => {
      const at = ctx.options.at === undefined ? ctx.now : new Date(String(ctx.options.at));
      if (Number.isNaN(at.getTime())) throw new UsageError(`--at "${String(ctx.options.at)}" không phải thời điểm hợp lệ; ví dụ 2026-11-22T08:00:00+07:00`);
      const { runTick } = await import('../jobs/run-tick.js');
      const report = await runTick(ctx.database.db, { now: at, timeZone: ctx.config.timeZone });
      for (const slot of report.slots) ctx.print(vi.cli.tickSlot(slot));
      if (report.snoozed > 0) ctx.print(vi.cli.tickSnoozed(report.snoozed));
      if (report.slots.length === 0 && report.snoozed === 0) ctx.print(vi.cli.tickNothing(formatClock(at, ctx.config.timeZone)));
      const { createSenders } = await import('../channels/senders.js');
      const { OutboxDispatcher } = await import('../delivery/dispatcher.js');
      const { createLogger } = await import('../log.js');
      // Tokens expire in real time, whatever instant the tick plays.
      const senders = await createSenders(ctx.config, { db: ctx.database.db, now: () => new Date() });
      if (senders.size > 0) {
        const dispatcher = new OutboxDispatcher(ctx.database.db, senders, {
          now: () => at,
          log: createLogger('warn', process.stderr),
          timeZone: ctx.config.timeZone,
          // A chat's export left unsent (a crash) goes out with the tick; its renderer loads only then.
          renderExport: async (job, when) => (await import('../services/export-job.js')).renderExportJob(ctx.database.db, job, when),
        });
        ctx.print(vi.cli.tickSent(await dispatcher.drain()));
      } else {
        ctx.print(vi.cli.tickNoChannel);
      }
      for (const failure of report.failures) ctx.print(vi.cli.tickFailed(failure));
      if (report.failures.length > 0) throw new AppError('TICK_FAILED', `${report.failures.length} job(s) failed`);
    },
  },
  {
    name: 'export',
    usage: 'export --unit <mã> --from 2026-06 --to 2026-11 --format xlsx|csv|docx --out <tệp> [--sheet mo-hinh|don-vi|tong-hop|kho-khan|viec-tot]',
    summary: 'Xuất số liệu của đơn vị và cấp dưới: bảng tính XLSX, CSV (một trang, mặc định mô hình) hoặc dự thảo báo cáo sơ kết DOCX.',
    options: { unit: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' }, sheet: { type: 'string' } },
    run: async (ctx) => {
      const o = ctx.options;
      const unitCode = typeof o.unit === 'string' ? o.unit : null;
      const from = typeof o.from === 'string' ? parseMonth(o.from) : null;
      const to = typeof o.to === 'string' ? parseMonth(o.to) : from;
      const format = (o.format ?? 'xlsx') as ExportFormat;
      const path = typeof o.out === 'string' ? o.out : null;
      if (!unitCode || !path) throw new UsageError('Cần --unit <mã đơn vị> và --out <tệp>.');
      if (!from || !to || !isValidRange(from, to)) throw new UsageError(vi.export.badRange);
      if (!EXPORT_FORMATS.includes(format)) throw new UsageError(`--format phải là một trong: ${EXPORT_FORMATS.join(', ')}`);
      const sheet = o.sheet as CsvSheet | undefined;
      if (sheet !== undefined && !CSV_SHEETS.includes(sheet)) throw new UsageError(`--sheet phải là một trong: ${CSV_SHEETS.join(', ')}`);
      const result = await exportToFile(ctx.database.db, { unitCode, from, to, format, path, ...(sheet ? { csvSheet: sheet } : {}) }, { now: ctx.now, timeZone: ctx.config.timeZone });
      ctx.print(vi.cli.exported(path, result.fileName));
    },
  },
];

/** The text of `--help`. */
export function helpText(): string {
  const width = Math.max(...COMMANDS.map((c) => c.usage.length));
  return [
    'Cách dùng: npm run cli -- <lệnh> [tham số]',
    '',
    'Các lệnh:',
    ...COMMANDS.map((c) => `  ${c.usage.padEnd(width)}  ${c.summary}`),
    '',
    'Cấu hình qua biến môi trường (xem README): DATABASE_URL, DATA_DIR, TIMEZONE, TELEGRAM_BOT_USERNAME, ...',
  ].join('\n');
}


