import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { DEFAULT_QUESTION_SET } from '../../src/core/checkin/question-set.js';
import type { ChannelKind } from '../../src/core/domain.js';
import { createLogger } from '../../src/log.js';
import type { MediaStore } from '../../src/media/media-store.js';
import type { PhotoSource } from '../../src/media/photo-source.js';
import { fetchDuePhotos } from '../../src/services/photo-fetcher.js';
import type { Database } from '../../src/storage/client.js';
import { upsertUnits } from '../../src/storage/queries/org-units.js';
import { upsertMonthlyPeriod } from '../../src/storage/queries/periods.js';
import { ensureDefaultQuestionSet } from '../../src/storage/queries/question-sets.js';
import { ensureDraftReport } from '../../src/storage/queries/reports.js';
import * as t from '../../src/storage/schema/index.js';

/** A real JPEG of the given size (a colour gradient, so it does not compress to nothing). */
export async function makeJpeg(width: number, height: number): Promise<Uint8Array> {
  const pixels = Buffer.alloc(width * height * 3);
  for (let i = 0; i < width * height; i += 1) {
    pixels[i * 3] = (i % width) % 256;
    pixels[i * 3 + 1] = Math.floor(i / width) % 256;
    pixels[i * 3 + 2] = 128;
  }
  return new Uint8Array(await sharp(pixels, { raw: { width, height, channels: 3 } }).jpeg({ quality: 90 }).toBuffer());
}

/** A PNG of the given size. */
export async function makePng(width: number, height: number): Promise<Uint8Array> {
  return new Uint8Array(await sharp({ create: { width, height, channels: 3, background: '#3a7d44' } }).png().toBuffer());
}

/**
 * Two districts of one province, each with a chi bộ that has a report for November 2026:
 * enough to put photos on reports and check who may see them. Paths are read back from the tree.
 */
export async function createTwoDistricts(db: Database): Promise<{
  paths: { province: string; districtA: string; cellA: string; districtB: string; cellB: string };
  reports: { cellA: number; cellB: number };
}> {
  const province = await upsertUnits(db, [{ code: 'PX', name: 'Tỉnh thử', kind: 'tinh', parentId: null }]);
  const districts = await upsertUnits(db, [
    { code: 'PX.A', name: 'Huyện A', kind: 'huyen', parentId: province.get('PX')! },
    { code: 'PX.B', name: 'Huyện B', kind: 'huyen', parentId: province.get('PX')! },
  ]);
  const cells = await upsertUnits(db, [
    { code: 'PX.A.1', name: 'Chi bộ A1', kind: 'chi_bo', parentId: districts.get('PX.A')! },
    { code: 'PX.B.1', name: 'Chi bộ B1', kind: 'chi_bo', parentId: districts.get('PX.B')! },
  ]);
  const period = await upsertMonthlyPeriod(db, {
    scopeUnitId: province.get('PX')!,
    startsOn: '2026-11-01',
    endsOn: '2026-11-30',
    opensAt: new Date('2026-11-20T00:00:00Z'),
    dueAt: new Date('2026-11-25T16:59:59Z'),
  });
  const questionSet = await ensureDefaultQuestionSet(db, DEFAULT_QUESTION_SET);
  const reportA = await ensureDraftReport(db, { unitId: cells.get('PX.A.1')!, periodId: period.id, questionSetId: questionSet.id });
  const reportB = await ensureDraftReport(db, { unitId: cells.get('PX.B.1')!, periodId: period.id, questionSetId: questionSet.id });
  const pathOf = async (id: number) => (await db.select({ path: t.orgUnits.path }).from(t.orgUnits).where(eq(t.orgUnits.id, id)))[0]!.path;
  return {
    paths: {
      province: await pathOf(province.get('PX')!),
      districtA: await pathOf(districts.get('PX.A')!),
      cellA: await pathOf(cells.get('PX.A.1')!),
      districtB: await pathOf(districts.get('PX.B')!),
      cellB: await pathOf(cells.get('PX.B.1')!),
    },
    reports: { cellA: reportA.id, cellB: reportB.id },
  };
}

/**
 * A photo attachment as it is recorded when it arrives: only the channel's file reference, nothing
 * fetched; with `modelAnswerId`, as a sent report links it to its model's answer.
 */
export async function insertPhoto(db: Database, params: { reportId: number; channel: ChannelKind; fileRef: string; modelAnswerId?: number }): Promise<number> {
  const [row] = await db
    .insert(t.attachments)
    .values({ reportId: params.reportId, channel: params.channel, fileRef: params.fileRef, modelAnswerId: params.modelAnswerId ?? null })
    .returning({ id: t.attachments.id });
  return row!.id;
}

/** Marks a photo as failed for good, as the fetch job records an expired Zalo link. */
export async function failPhoto(db: Database, id: number): Promise<void> {
  await db.update(t.attachments).set({ fetchStatus: 'failed', fetchAttempts: 1, fetchError: 'Zalo image link expired or removed (HTTP 404)' }).where(eq(t.attachments.id, id));
}

/** The attachment row as stored. */
export async function readAttachment(db: Database, id: number) {
  const [row] = await db.select().from(t.attachments).where(eq(t.attachments.id, id));
  return row!;
}

/**
 * Two districts with a fetched photo on each cell's report (A: 2000×1000, B: 600×600), one on
 * cell A still waiting for the fetch job and one on cell A failed for good: what the photo route
 * and readPhoto are tested on.
 */
export async function createPhotosInTwoDistricts(db: Database, store: MediaStore) {
  const tree = await createTwoDistricts(db);
  const photoA = await insertPhoto(db, { reportId: tree.reports.cellA, channel: 'telegram', fileRef: 'photo-a' });
  const photoB = await insertPhoto(db, { reportId: tree.reports.cellB, channel: 'telegram', fileRef: 'photo-b' });
  const bytes: Record<string, Uint8Array> = { 'photo-a': await makeJpeg(2000, 1000), 'photo-b': await makeJpeg(600, 600) };
  const source: PhotoSource = { fetchPhoto: async (ref) => bytes[ref]! };
  await fetchDuePhotos(db, { store, sources: new Map([['telegram', source]]), now: () => new Date(), log: createLogger('silent') });
  const pendingA = await insertPhoto(db, { reportId: tree.reports.cellA, channel: 'telegram', fileRef: 'photo-a-later' });
  const failedA = await insertPhoto(db, { reportId: tree.reports.cellA, channel: 'zalo', fileRef: 'https://photo.example/expired.jpg' });
  await failPhoto(db, failedA);
  return { ...tree, photoA, photoB, pendingA, failedA };
}
