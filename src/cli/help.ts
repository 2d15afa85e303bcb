import { vi } from '../core/messages/vi.js';
import type { CommandSpec } from './commands.js';

/** A terminal's width: help and usage lines are wrapped to fit it. */
export const HELP_WIDTH = 80;

/**
 * Breaks text into lines of at most `width` characters at spaces (a word longer than the width
 * stays whole), every line after the first starting with `indent`.
 */
export function wrapText(text: string, width: number = HELP_WIDTH, firstIndent = '', indent = firstIndent): string[] {
  const lines: string[] = [];
  let line = firstIndent;
  let empty = true;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = empty ? `${line}${word}` : `${line} ${word}`;
    if (!empty && [...candidate].length > width) {
      lines.push(line);
      line = `${indent}${word}`;
    } else {
      line = candidate;
    }
    empty = false;
  }
  lines.push(line);
  return lines;
}

/** The text of `--help`: every command's usage and what it does, within 80 columns. */
export function helpText(commands: readonly CommandSpec[]): string {
  return [
    vi.cli.help.usage,
    vi.cli.help.oneCommand,
    '',
    vi.cli.help.commands,
    ...commands.flatMap((c) => [...wrapText(c.usage, HELP_WIDTH, '  ', '      '), ...wrapText(c.summary, HELP_WIDTH, '      ')]),
    '',
    ...wrapText(vi.cli.help.config),
  ].join('\n');
}

/** The text of `<command> --help`. */
export function commandHelpText(command: CommandSpec): string {
  return [...wrapText(vi.cli.usageLine(command.usage), HELP_WIDTH, '', '    '), ...wrapText(command.summary)].join('\n');
}

/** What a usage error prints: the problem, the command's usage, and where the help is; not the whole help. */
export function usageErrorText(message: string, command: CommandSpec | undefined): string {
  if (!command) return wrapText(message).join('\n');
  return [...wrapText(message), ...wrapText(vi.cli.usageLine(command.usage), HELP_WIDTH, '', '    '), vi.cli.seeHelp(command.name)].join('\n');
}
