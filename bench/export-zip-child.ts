/**
 * One XLSX export for bench:export's ZIP comparison, in a process of its own: the same
 * exportToFile as `npm run cli -- export`, with the ZIP writer named by the first argument
 * ("ours": src/reports/zip-stream.ts; "fflate": bench/fflate-zip.ts).
 *   node --import tsx bench/export-zip-child.ts <ours|fflate> <unit> <from> <to> <out>
 */
import { exportToFile } from '../src/services/export.js';
import { openDatabase } from '../src/storage/client.js';
import { fflateZip } from './fflate-zip.js';

const [which, unitCode, from, to, path] = process.argv.slice(2);
if (!which || !unitCode || !from || !to || !path) throw new Error('usage: export-zip-child.ts <ours|fflate> <unit> <from> <to> <out>');
const url = process.env.DATABASE_URL;
if (!url) throw new Error('set DATABASE_URL');
const database = await openDatabase({ kind: 'postgres', url });
try {
  await exportToFile(
    database.db,
    { unitCode, from: `${from}-01`, to: `${to}-01`, format: 'xlsx', path },
    { now: new Date(), timeZone: 'Asia/Ho_Chi_Minh', ...(which === 'fflate' ? { zip: fflateZip } : {}) },
  );
} finally {
  await database.close();
}
