import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { csvCell, writeCsv, writeCsvSet } from '../../src/write/csv.js';

describe('csvCell', () => {
  it('guards text a spreadsheet would evaluate', () => {
    expect(csvCell('=2')).toBe("'=2");
    expect(csvCell('+3')).toBe("'+3");
    expect(csvCell('-')).toBe("'-");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('≥1个')).toBe('≥1个');
  });
  it('writes numbers plainly and absent values as empty', () => {
    expect(csvCell(191.2947)).toBe('191.2947');
    expect(csvCell(-1.5)).toBe('-1.5');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(Number.NaN)).toBe('');
  });
});

describe('writeCsv', () => {
  it('writes a BOM, a header row, quoted fields, and leaves no temporary file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'jixiao-csv-'));
    const path = join(dir, 'x.csv');
    await writeCsv(path, ['a', 'b'], [
      { a: '含,逗号', b: 1 },
      { a: '=2', b: null },
      { a: '两行\n文本', b: 'say "hi"' },
    ]);
    const bytes = await readFile(path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    expect(text).toBe('a,b\n"含,逗号",1\n\'=2,\n"两行\n文本","say ""hi"""\n');
    expect(await readdir(dir)).toEqual(['x.csv']);
  });
});

describe('writeCsvSet', () => {
  it('puts no file in place unless every file of the set was written', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'jixiao-set-'));
    const set = [
      { path: join(dir, 'a.csv'), columns: ['x'], rows: [{ x: 1 }] },
      { path: join(dir, 'missing-folder', 'b.csv'), columns: ['y'], rows: [{ y: 2 }] },
    ];
    await expect(writeCsvSet(set)).rejects.toThrow();
    expect(await readdir(dir)).toEqual([]);
  });
});
