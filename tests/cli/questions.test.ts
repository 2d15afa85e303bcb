import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';
import { SLOW_TEST_TIMEOUT_MS } from '../helpers/timeouts.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chibo-questions-'));
  process.env.DATA_DIR = join(dir, 'data');
  delete process.env.DATABASE_URL;
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, (l) => out.push(l), (l) => err.push(l));
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('questions show | publish', () => {
  it('round-trips show → edit → publish, and shows the edit for its month', { timeout: SLOW_TEST_TIMEOUT_MS }, async () => {
    expect((await cli('seed-demo')).code).toBe(0);
    const shown = await cli('questions', 'show', '--org', 'KT');
    expect(shown.code).toBe(0);
    const file = JSON.parse(shown.out) as { title: string; questions: Record<string, unknown>[] };
    expect(Object.keys(file.questions[0]!).slice(0, 6)).toEqual(['key', 'scope', 'kind', 'label', 'prompt', 'optional']);
    // Unchanged, it publishes as it is.
    const same = join(dir, 'same.json');
    await writeFile(same, shown.out);
    const republished = await cli('questions', 'publish', same, '--org', 'KT', '--from', '2027-01');
    expect(republished).toMatchObject({ code: 0, out: expect.stringContaining('phiên bản 1 cho Đảng bộ tỉnh Kon Tum từ tháng 01/2027') });
    // Edited: a number with a unit, asked after the themed session.
    const at = file.questions.findIndex((q) => q.key === 'themedSessionHeld') + 1;
    file.questions.splice(at, 0, { key: 'themedClasses', scope: 'unit', kind: 'number', label: 'Lớp chuyên đề', prompt: 'Bao nhiêu lớp?', optional: false, unit: 'lớp', askIf: 'themedSessionHeld', showInDigest: true });
    const edited = join(dir, 'edited.json');
    await writeFile(edited, JSON.stringify(file, null, 2));
    expect((await cli('questions', 'publish', edited, '--org', 'KT', '--from', '2027-02')).code).toBe(0);
    const february = await cli('questions', 'show', '--org', 'KT', '--month', '2027-02');
    expect(JSON.parse(february.out)).toEqual(file);
    expect(JSON.parse((await cli('questions', 'show', '--org', 'KT', '--month', '2027-01')).out)).toEqual(JSON.parse(shown.out));
  });

  it('refuses a file that is not a set, bad JSON and an inconsistent set with every problem, exit 1', { timeout: SLOW_TEST_TIMEOUT_MS }, async () => {
    const notASet = join(dir, 'not-a-set.json');
    await writeFile(notASet, JSON.stringify({ units: ['KT'] }));
    const refusedShape = await cli('questions', 'publish', notASet, '--org', 'KT', '--from', '2027-03');
    expect(refusedShape.code).toBe(1);
    expect(refusedShape.err).toContain('không phải một bộ câu hỏi');

    const badJson = join(dir, 'bad.json');
    await writeFile(badJson, '{ "questions": [');
    expect(await cli('questions', 'publish', badJson, '--org', 'KT', '--from', '2027-03')).toMatchObject({ code: 1, err: expect.stringContaining('không phải JSON hợp lệ') });

    const file = JSON.parse((await cli('questions', 'show', '--org', 'KT')).out) as { questions: Record<string, unknown>[] };
    const questions = file.questions.filter((q) => q.key !== 'participants');
    questions.push({ key: 'pick', scope: 'unit', kind: 'choice', label: 'Chọn', prompt: 'Chọn?', optional: false });
    questions.push({ key: 'pick', scope: 'unit', kind: 'text', label: 'Trùng', prompt: 'Trùng?', optional: true, askIf: 'nowhere' });
    const broken = join(dir, 'broken.json');
    await writeFile(broken, JSON.stringify({ questions }));
    const refused = await cli('questions', 'publish', broken, '--org', 'KT', '--from', '2027-03');
    expect(refused.code).toBe(1);
    expect(refused.err.split('\n')[0]).toBe('Không áp dụng được bộ câu hỏi: 4 lỗi. Chưa có gì được ghi.');
    for (const words of ['chưa có lựa chọn nào', 'bị trùng', '"nowhere" không có', '"participants" bị xóa']) expect(refused.err).toContain(words);

    expect((await cli('questions', 'publish', broken, '--org', 'KT')).code).toBe(2);
    expect((await cli('questions', 'show')).code).toBe(2);
    expect((await cli('questions', 'show', '--org', 'KHONGCO')).code).toBe(1);
    expect((await cli('--help')).out).toContain('questions show --org');
  });
});
