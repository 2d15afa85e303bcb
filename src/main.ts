import { ConfigError, loadConfig, secretsOf } from './config.js';
import { describeError } from './core/errors.js';
import { vi } from './core/messages/vi.js';
import { createConsoleModeLogger, createLogger } from './log.js';
import { consoleLogFile, startService } from './service.js';

/**
 * The composition root: read the config once, start the service, stop it cleanly on SIGTERM or
 * SIGINT. A config or start-up failure ends the process with a clear message and a non-zero code.
 */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exitCode = 2;
      return;
    }
    throw error;
  }
  // No bot token and a person at the keyboard: offer the conversation in the terminal, with the
  // log in a file (only warnings show on screen) so its lines do not land in the conversation.
  const inTerminal = !config.telegram && process.stdin.isTTY;
  const logFile = inTerminal ? consoleLogFile(config) : undefined;
  const secrets = { secrets: secretsOf(config) };
  const log = logFile ? createConsoleModeLogger(config.logLevel, { file: logFile, terminal: process.stderr }, secrets) : createLogger(config.logLevel, undefined, secrets);
  if (logFile) process.stdout.write(`${vi.console.starting(logFile)}\n`);
  let service;
  try {
    const console_ = inTerminal ? { input: process.stdin, output: process.stdout, logFile } : undefined;
    service = await startService(config, { log, now: () => new Date(), console: console_ });
  } catch (error) {
    log.fatal({ err: error }, `Could not start: ${describeError(error)}`);
    process.exitCode = 1;
    return;
  }
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal} received, shutting down`);
    service
      .stop()
      .catch((error: unknown) => {
        log.error({ err: error }, 'error while shutting down');
        process.exitCode = 1;
      })
      .finally(() => process.exit());
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
  void service.consoleDone?.then(() => stop('end of terminal session'));
}

await main();
