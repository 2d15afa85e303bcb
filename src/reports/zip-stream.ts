import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { constants, crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';
import { AppError } from '../core/errors.js';

/** A ZIP member or the archive went past 4 GiB, which needs ZIP64 (not written here). */
export class ZipTooLargeError extends AppError {
  override readonly name = 'ZipTooLargeError';
  constructor(entry: string) {
    super('ZIP_TOO_LARGE', `ZIP member ${entry} or its offset exceeds 4 GiB`, { context: { entry } });
  }
}

interface CentralEntry {
  name: Buffer;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
  flags: number;
}

const UTF8_NAMES = 0x0800;
const DATA_DESCRIPTOR = 0x0008;
const DEFLATE = 8;
const MAX_32 = 0xffffffff;
/** 1980-01-01 00:00 in MS-DOS format: the members carry no meaningful time. */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;

/**
 * What the XLSX writer needs of a ZIP writer: small members whole, a large one in pieces, then
 * the directory. ZipStreamWriter is ours; bench:export plugs a library's in to compare.
 */
export interface ZipWriter {
  addFile(name: string, content: string | Buffer): Promise<void>;
  openFile(name: string): Promise<ZipMemberWriter>;
  finish(): Promise<void>;
}

/** Makes the ZIP writer of an output (options: the deflate level). */
export type ZipWriterFactory = (out: Writable, options: { level?: number }) => ZipWriter;

/**
 * A streaming ZIP writer on node:zlib (deflate and CRC-32 native, deflate on the thread pool):
 * members are written one after another, a large one as it is produced (sizes in a data
 * descriptor after it), so an XLSX of a province never sits in memory and needs no dependency.
 * It respects the output's back-pressure. No ZIP64: a member or offset past 4 GiB is refused.
 */
export class ZipStreamWriter implements ZipWriter {
  readonly #out: Writable;
  readonly #level: number;
  readonly #entries: CentralEntry[] = [];
  #offset = 0;
  #busy = false;

  constructor(out: Writable, options: { level?: number } = {}) {
    this.#out = out;
    this.#level = options.level ?? constants.Z_DEFAULT_COMPRESSION;
  }

  /** A small member whose content is known (deflated at once). */
  async addFile(name: string, content: string | Buffer): Promise<void> {
    this.#claim();
    const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    const deflated = deflateRawSync(data, { level: this.#level });
    const entry = { name: Buffer.from(name, 'utf8'), crc: crc32(data), compressed: deflated.length, size: data.length, offset: this.#offset, flags: UTF8_NAMES };
    await this.#write(localHeader(entry));
    await this.#write(deflated);
    this.#record(entry);
    this.#busy = false;
  }

  /** A member written in pieces; only one may be open at a time, and it must be ended. */
  async openFile(name: string): Promise<ZipMemberWriter> {
    this.#claim();
    const entry: CentralEntry = { name: Buffer.from(name, 'utf8'), crc: 0, compressed: 0, size: 0, offset: this.#offset, flags: UTF8_NAMES | DATA_DESCRIPTOR };
    await this.#write(localHeader(entry));
    const deflate = createDeflateRaw({ level: this.#level, chunkSize: 64 * 1024 });
    // A failing output must not leave the deflate paused for ever: fail the member instead.
    const onOutError = (error: Error) => deflate.destroy(error);
    this.#out.once('error', onOutError);
    deflate.on('data', (chunk: Buffer) => {
      entry.compressed += chunk.length;
      this.#offset += chunk.length;
      if (!this.#out.write(chunk)) {
        deflate.pause();
        this.#out.once('drain', () => deflate.resume());
      }
    });
    const ended = once(deflate, 'end');
    ended.catch(() => undefined); // awaited in end(); a failed write reports the error first
    return {
      write: async (piece: string | Buffer) => {
        const data = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece;
        entry.crc = crc32(data, entry.crc);
        entry.size += data.length;
        if (entry.size > MAX_32) throw new ZipTooLargeError(name);
        if (!deflate.write(data)) await once(deflate, 'drain');
      },
      end: async () => {
        deflate.end();
        await ended;
        this.#out.off('error', onOutError);
        const descriptor = Buffer.alloc(16);
        descriptor.writeUInt32LE(0x08074b50, 0);
        descriptor.writeUInt32LE(entry.crc >>> 0, 4);
        descriptor.writeUInt32LE(entry.compressed, 8);
        descriptor.writeUInt32LE(entry.size, 12);
        await this.#write(descriptor);
        this.#record(entry);
        this.#busy = false;
      },
    };
  }

  /** Writes the central directory and ends the output (resolves once it is flushed). */
  async finish(): Promise<void> {
    this.#claim();
    const start = this.#offset;
    for (const e of this.#entries) await this.#write(centralHeader(e));
    const size = this.#offset - start;
    if (this.#offset > MAX_32 || this.#entries.length > 0xffff) throw new ZipTooLargeError('central directory');
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.#entries.length, 8);
    end.writeUInt16LE(this.#entries.length, 10);
    end.writeUInt32LE(size, 12);
    end.writeUInt32LE(start, 16);
    const finished = once(this.#out, 'finish');
    this.#out.end(end);
    await finished;
  }

  #claim(): void {
    if (this.#busy) throw new Error('ZipStreamWriter: a member is still open');
    this.#busy = true;
  }

  #record(entry: CentralEntry): void {
    if (entry.compressed > MAX_32 || entry.offset > MAX_32 || this.#offset > MAX_32) throw new ZipTooLargeError(entry.name.toString());
    this.#entries.push(entry);
  }

  async #write(bytes: Buffer): Promise<void> {
    this.#offset += bytes.length;
    if (!this.#out.write(bytes)) await once(this.#out, 'drain');
  }
}

/** The open member of a ZipStreamWriter. */
export interface ZipMemberWriter {
  write(piece: string | Buffer): Promise<void>;
  end(): Promise<void>;
}

function localHeader(e: CentralEntry): Buffer {
  const h = Buffer.alloc(30 + e.name.length);
  h.writeUInt32LE(0x04034b50, 0);
  h.writeUInt16LE(20, 4);
  h.writeUInt16LE(e.flags, 6);
  h.writeUInt16LE(DEFLATE, 8);
  h.writeUInt16LE(DOS_TIME, 10);
  h.writeUInt16LE(DOS_DATE, 12);
  const known = (e.flags & DATA_DESCRIPTOR) === 0;
  h.writeUInt32LE(known ? e.crc >>> 0 : 0, 14);
  h.writeUInt32LE(known ? e.compressed : 0, 18);
  h.writeUInt32LE(known ? e.size : 0, 22);
  h.writeUInt16LE(e.name.length, 26);
  h.writeUInt16LE(0, 28);
  e.name.copy(h, 30);
  return h;
}

function centralHeader(e: CentralEntry): Buffer {
  const h = Buffer.alloc(46 + e.name.length);
  h.writeUInt32LE(0x02014b50, 0);
  h.writeUInt16LE(20, 4); // made by: MS-DOS, version 2.0
  h.writeUInt16LE(20, 6);
  h.writeUInt16LE(e.flags, 8);
  h.writeUInt16LE(DEFLATE, 10);
  h.writeUInt16LE(DOS_TIME, 12);
  h.writeUInt16LE(DOS_DATE, 14);
  h.writeUInt32LE(e.crc >>> 0, 16);
  h.writeUInt32LE(e.compressed, 20);
  h.writeUInt32LE(e.size, 24);
  h.writeUInt16LE(e.name.length, 28);
  h.writeUInt32LE(e.offset, 42);
  e.name.copy(h, 46);
  return h;
}
