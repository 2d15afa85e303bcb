/**
 * A ZipWriter on fflate's streaming Zip (ZipDeflate members, deflate in JavaScript on the main
 * thread), for bench:export to measure against our node:zlib writer (src/reports/zip-stream.ts).
 * fflate has no back-pressure of its own: each piece waits for the output's drain.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { Zip, ZipDeflate } from 'fflate';
import type { ZipMemberWriter, ZipWriter } from '../src/reports/zip-stream.js';

export function fflateZip(out: Writable, options: { level?: number }): ZipWriter {
  const level = (options.level ?? 6) as 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
  let failure: Error | null = null;
  let pressure = false;
  let finished: (() => void) | undefined;
  const zip = new Zip((error, chunk, final) => {
    if (error) {
      failure = error;
      return;
    }
    if (!out.write(chunk)) pressure = true;
    if (final) out.end(() => finished?.());
  });
  const drained = async () => {
    if (failure) throw failure;
    if (pressure) {
      pressure = false;
      await once(out, 'drain');
    }
  };
  return {
    async addFile(name, content) {
      const member = new ZipDeflate(name, { level });
      zip.add(member);
      member.push(typeof content === 'string' ? Buffer.from(content, 'utf8') : content, true);
      await drained();
    },
    async openFile(name): Promise<ZipMemberWriter> {
      const member = new ZipDeflate(name, { level });
      zip.add(member);
      return {
        write: async (piece) => {
          member.push(typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece);
          await drained();
        },
        end: async () => {
          member.push(new Uint8Array(0), true);
          await drained();
        },
      };
    },
    async finish() {
      const done = new Promise<void>((resolve) => (finished = resolve));
      zip.end();
      await done;
      if (failure) throw failure;
    },
  };
}
