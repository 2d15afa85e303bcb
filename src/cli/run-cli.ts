import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.js';
import { describeError, NotFoundError, ValidationError } from '../core/errors.js';
import { RoleAmbiguousError, RoleNotHeldError } from '../services/roles.js';
import { formatDateTime } from '../core/format.js';
import { vi } from '../core/messages/vi.js';
import { openDatabase, type DatabaseHandle } from '../storage/client.js';
import { DataDirBusyError } from '../storage/data-dir-lock.js';
import { runMigrations } from '../storage/migrate.js';
import { COMMANDS, InputFileError, RefusedError, UsageError, type CommandSpec } from './commands.js';
import { commandHelpText, helpText, usageErrorText } from './help.js';

/**
 * The admin command line's entry point and its one error boundary: every failure becomes a
 * readable message and a non-zero exit code (1 for a refused request, 2 for bad usage or config).
 * A usage error prints what is wrong and the command's usage line, not the whole help.
 */
export async function runCli(argv: readonly string[], out: (line: string) => void = console.log, err: (line: string) => void = console.error): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    out(helpText(COMMANDS));
    return name ? 0 : 2;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    err(vi.cli.unknownCommand(name));
    return 2;
  }
  let database: DatabaseHandle | undefined;
  let timeZone: string | undefined;
  try {
    const parsed = parseCommandLine(command, rest);
    if (parsed.values.help) {
      out(commandHelpText(command));
      return 0;
    }
    const config = loadConfig();
    timeZone = config.timeZone;
    database = await openDatabase(config.database, { holder: `npm run cli -- ${command.name}` });
    const migration = await runMigrations(database);
    await command.run({ args: parsed.positionals, options: parsed.values, config, database, migration, now: new Date(), print: out });
    return 0;
  } catch (error) {
    err(formatFailure(error, command, timeZone));
    return error instanceof UsageError || error instanceof ConfigError ? 2 : 1;
  } finally {
    await database?.close();
  }
}

/** parseArgs with its English errors turned into a UsageError in the catalogue's words. */
function parseCommandLine(command: CommandSpec, args: readonly string[]) {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], options: { ...command.options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const message = (error as Error).message;
    const option = /'(-[^' ]*)/.exec(message)?.[1] ?? '';
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new UsageError(vi.cli.unknownOption(option, command.name));
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      throw new UsageError(message.includes('does not take an argument') ? vi.cli.notAFlag(option.split('=')[0]!) : vi.cli.missingValue(option.split(' ')[0]!));
    }
    throw new UsageError(message);
  }
  const extra = parsed.positionals[command.positionals ?? 0];
  if (extra !== undefined && !parsed.values.help) throw new UsageError(vi.cli.extraArgument(extra));
  return parsed;
}

function formatFailure(error: unknown, command: CommandSpec, timeZone = 'Asia/Ho_Chi_Minh'): string {
  if (error instanceof UsageError) return usageErrorText(error.message, command);
  if (error instanceof ValidationError) {
    const lines = error.issues.map((issue) => {
      const where = vi.import.where(issue);
      return `  - ${where ? `${where}: ` : ''}${issue.message}`;
    });
    return [error.message, ...lines].join('\n');
  }
  if (error instanceof ConfigError || error instanceof InputFileError) return error.message;
  if (error instanceof RefusedError) return error.lines.join('\n');
  if (error instanceof DataDirBusyError) {
    const since = new Date(error.holder.since);
    const when = Number.isNaN(since.getTime()) ? '?' : formatDateTime(since, timeZone);
    return [vi.cli.dataDirBusy({ dataDir: error.dataDir, pid: error.holder.pid, holder: error.holder.holder, since: when }), vi.cli.dataDirBusyWhat(error.holder.pid)].join('\n');
  }
  if (error instanceof NotFoundError) return vi.cli.notFound(String(error.context.entity), String(error.context.key));
  if (error instanceof RoleNotHeldError) return vi.roleChange.notHeld({ role: vi.roles[error.role], unit: error.unitName, ...(error.phone ? { phone: error.phone } : {}) });
  if (error instanceof RoleAmbiguousError) return vi.roleChange.ambiguous({ role: vi.roles[error.role], unit: error.unitName, holders: error.holders });
  return `${vi.cli.failed}\n${describeError(error)}`;
}
