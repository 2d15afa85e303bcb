import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Logger } from '../../log.js';
import type { Receive } from '../../services/receive.js';
import type { ConsoleChannel } from './console-channel.js';
import { vi } from '../../core/messages/vi.js';

/**
 * Reads lines from the terminal and feeds them to the same inbound handler every channel uses,
 * then delivers the replies at once. Resolves when the input ends (Ctrl+D) or /thoat is typed.
 */
export async function runConsoleSession(params: {
  channel: ConsoleChannel;
  receive: Receive;
  input: Readable;
  output: Writable;
  user: { externalUserId: string; displayName: string };
  now: () => Date;
  log: Logger;
  firstLine?: string;
}): Promise<void> {
  const lines = createInterface({ input: params.input, terminal: false });
  // Iterating from the start buffers every line, so nothing typed while the first reply is on its way is lost.
  const typed = lines[Symbol.asyncIterator]();
  const handle = async (line: string) => {
    const event = params.channel.toInbound(line, params.user, params.now());
    await params.receive(event, { replies: 'awaited' });
  };
  if (params.firstLine) await handle(params.firstLine);
  params.output.write('> ');
  for (let next = await typed.next(); !next.done; next = await typed.next()) {
    const line = next.value;
    if (line.trim() === '/thoat') break;
    if (line.trim() !== '') {
      try {
        await handle(line);
      } catch (error) {
        params.log.error({ err: error }, 'console message failed');
        params.output.write(vi.console.failed);
      }
    }
    params.output.write('> ');
  }
  lines.close();
}
