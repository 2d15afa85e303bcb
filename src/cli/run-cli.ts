import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.js';
import { describeError, NotFoundError, ValidationError } from '../core/errors.js';
import { vi } from '../core/messages/vi.js';
import { openDatabase, type DatabaseHandle } from '../storage/client.js';
import { runMigrations } from '../storage/migrate.js';
import { COMMANDS, helpText, UsageError } from './commands.js';

/**
 * The admin command line's entry point and its one error boundary: every failure becomes a
 * readable message and a non-zero exit code (1 for a refused request, 2 for bad usage or config).
 */
export async function runCli(argv: readonly string[], out: (line: string) => void = console.log, err: (line: string) => void = console.error): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    out(helpText());
    return name ? 0 : 2;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    err(vi.cli.unknownCommand(name));
    return 2;
  }
  let database: DatabaseHandle | undefined;
  try {
    const parsed = parseArgs({ args: [...rest], options: { ...command.options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
    if (parsed.values.help) {
      out(`Cách dùng: npm run cli -- ${command.usage}\n${command.summary}`);
      return 0;
    }
    const config = loadConfig();
    database = await openDatabase(config.database);
    const migration = await runMigrations(database);
    await command.run({ args: parsed.positionals, options: parsed.values, config, database, migration, now: new Date(), print: out });
    return 0;
  } catch (error) {
    err(formatFailure(error));
    return error instanceof UsageError || error instanceof ConfigError || isParseArgsError(error) ? 2 : 1;
  } finally {
    await database?.close();
  }
}

function formatFailure(error: unknown): string {
  if (error instanceof ValidationError) {
    const lines = error.issues.map((issue) => {
      const where = vi.import.where(issue);
      return `  - ${where ? `${where}: ` : ''}${issue.message}`;
    });
    return [error.message, ...lines].join('\n');
  }
  if (error instanceof ConfigError) return error.message;
  if (error instanceof UsageError) return `${error.message}\n\n${helpText()}`;
  if (isParseArgsError(error)) return `${(error as Error).message}\n\n${helpText()}`;
  if (error instanceof NotFoundError) return vi.cli.notFound(String(error.context.entity), String(error.context.key));
  return `${vi.cli.failed}\n${describeError(error)}`;
}

function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}
