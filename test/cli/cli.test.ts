/**
 * The real command on real files: output files, ordering and exit codes.
 * Runs the built CLI (`npm test` builds first).
 */
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, readdir, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { garbagePdf } from '../extract/garbage-pdf.js';
import { BAD, CLI, SEED_SINGLE } from '../support/paths.js';

const run = promisify(execFile);

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

async function jixiao(...args: string[]): Promise<Outcome> {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], { encoding: 'utf8' });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

/** Rows of a CSV written by the tool (BOM stripped; the tool's cells have no embedded newlines here). */
async function csv(path: string): Promise<{ bom: boolean; header: string[]; rows: string[][] }> {
  const text = await readFile(path, 'utf8');
  const bom = text.startsWith('\uFEFF');
  const lines = text.replace(/^\uFEFF/, '').trimEnd().split('\n');
  const split = (line: string): string[] => {
    const cells: string[] = [];
    let cur = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i] as string;
      if (quoted) {
        if (ch === '"' && line[i + 1] === '"') (cur += '"'), i++;
        else if (ch === '"') quoted = false;
        else cur += ch;
      } else if (ch === '"') quoted = true;
      else if (ch === ',') cells.push(cur), (cur = '');
      else cur += ch;
    }
    cells.push(cur);
    return cells;
  };
  const [head = '', ...rest] = lines;
  return { bom, header: split(head), rows: rest.map(split) };
}

let inbox: string;

beforeAll(async () => {
  inbox = await mkdtemp(join(tmpdir(), 'jixiao-cli-'));
  await mkdir(join(inbox, 'unit-b'), { recursive: true });
  await copyFile(join(SEED_SINGLE, 'form-06.pdf'), join(inbox, 'unit-b', 'form-06.pdf'));
  await copyFile(join(SEED_SINGLE, 'form-02.pdf'), join(inbox, 'a-form-02.pdf'));
  await copyFile(join(SEED_SINGLE, 'form-11.pdf'), join(inbox, 'c-form-11.PDF'));
  // Not a PDF: skipped. A folder named .pdf: skipped.
  await writeFile(join(inbox, 'notes.txt'), 'not a pdf');
  await mkdir(join(inbox, 'folder.pdf'));
});

describe('jixiao convert', () => {
  it('converts good files: exit 0, three CSVs with BOM and headers, sorted by file', async () => {
    const out = join(inbox, '..', `${inbox.split('/').pop()}-out`);
    const r = await jixiao('convert', inbox, '--out', out, '--no-progress');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Forms: 3');
    expect(r.stdout).toContain(join(out, 'projects.csv'));
    expect((await readdir(out)).sort()).toEqual(['findings.csv', 'indicators.csv', 'projects.csv']);
    const projects = await csv(join(out, 'projects.csv'));
    expect(projects.bom).toBe(true);
    expect(projects.header.slice(0, 4)).toEqual(['file', 'form', 'pages', 'year']);
    expect(projects.rows.map((row) => row[0])).toEqual(['a-form-02.pdf', 'c-form-11.PDF', 'unit-b/form-06.pdf']);
    const name = projects.header.indexOf('project_name');
    expect(projects.rows[0]?.[name]).toBe('2024年-城指中心搬迁信息化建设');
    const rate = projects.header.indexOf('execution_rate');
    expect(projects.rows[0]?.[rate]).toBe('75.87');
    // Form 11 prints no 年初预算数: an empty cell, not 0.
    expect(projects.rows[1]?.[projects.header.indexOf('budget_initial')]).toBe('');

    const indicators = await csv(join(out, 'indicators.csv'));
    expect(indicators.bom).toBe(true);
    const target = indicators.header.indexOf('target');
    // Form 6 has the target `=2`: guarded so a spreadsheet shows it as text.
    const guarded = indicators.rows.find((row) => row[indicators.header.indexOf('name')] === '租用专线');
    expect(guarded?.[target]).toBe("'=2");
    expect(guarded?.[indicators.header.indexOf('target_op')]).toBe("'=");
    expect(guarded?.[indicators.header.indexOf('target_value')]).toBe('2');
  });

  it('follows links to PDFs', async () => {
    const linked = await mkdtemp(join(tmpdir(), 'jixiao-link-'));
    await symlink(join(SEED_SINGLE, 'form-03.pdf'), join(linked, 'linked.pdf'));
    const out = `${linked}-out`;
    const r = await jixiao('convert', linked, '--out', out);
    expect(r.code, r.stderr).toBe(0);
    expect((await csv(join(out, 'projects.csv'))).rows.map((row) => row[0])).toEqual(['linked.pdf']);
  });

  it('gives the same bytes whatever the concurrency', async () => {
    const a = join(tmpdir(), `jixiao-c1-${process.pid}`);
    const b = join(tmpdir(), `jixiao-c4-${process.pid}`);
    expect((await jixiao('convert', inbox, '--out', a, '-c', '1')).code).toBe(0);
    expect((await jixiao('convert', inbox, '--out', b, '-c', '4')).code).toBe(0);
    for (const f of ['projects.csv', 'indicators.csv', 'findings.csv']) {
      expect(await readFile(join(b, f), 'utf8')).toBe(await readFile(join(a, f), 'utf8'));
    }
  });

  it('reports each bad file with its cause, converts the rest, and exits 1', async () => {
    const mixed = await mkdtemp(join(tmpdir(), 'jixiao-bad-'));
    for (const f of await readdir(BAD)) await copyFile(join(BAD, f), join(mixed, f));
    await copyFile(join(SEED_SINGLE, 'form-01.pdf'), join(mixed, 'good.pdf'));
    const out = `${mixed}-out`;
    const r = await jixiao('convert', mixed, '--out', out);
    expect(r.code).toBe(1);
    expect(r.stderr + r.stdout).not.toMatch(/\n\s+at /); // no stack trace
    const findings = await csv(join(out, 'findings.csv'));
    const col = (name: string): number => findings.header.indexOf(name);
    const byFile = new Map(findings.rows.filter((row) => row[col('severity')] === 'error').map((row) => [row[col('file')], row]));
    expect(byFile.get('empty.pdf')?.[col('code')]).toBe('unreadable-file');
    expect(byFile.get('empty.pdf')?.[col('message')]).toMatch(/empty\.pdf: .*empty/);
    expect(byFile.get('not-a-pdf.pdf')?.[col('message')]).toMatch(/not a PDF/);
    expect(byFile.get('truncated.pdf')?.[col('code')]).toMatch(/unreadable-file|page-not-read|no-form-found/);
    expect(byFile.get('truncated.pdf')?.[col('message')]).toMatch(/truncated\.pdf: /);
    expect(byFile.get('encrypted.pdf')?.[col('message')]).toMatch(/encrypted/);
    expect(byFile.get('no-form.pdf')?.[col('code')]).toBe('no-form-found');
    for (const row of byFile.values()) expect(row[col('form')]).toBe('');
    const projects = await csv(join(out, 'projects.csv'));
    expect(projects.rows.map((row) => row[0])).toEqual(['good.pdf']);
    const indicators = await csv(join(out, 'indicators.csv'));
    expect(indicators.rows).toHaveLength(22);
    // Nothing half-written is left next to the outputs.
    expect((await readdir(out)).sort()).toEqual(['findings.csv', 'indicators.csv', 'projects.csv']);
  });

  it('--no-ocr: a scanned page is a page-not-read finding, the text pages are converted (exit 0)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'jixiao-cli-no-ocr-'));
    // Seed form 1, then a page that is only an image: a scan as far as the tool can tell.
    await writeFile(join(dir, 'half-scanned.pdf'), await garbagePdf([{ kind: 'copy', path: `${SEED_SINGLE}form-01.pdf`, page: 1 }, { kind: 'image' }]));
    const out = join(dir, 'out');
    const r = await jixiao('convert', join(dir, 'half-scanned.pdf'), '--out', out, '--no-ocr', '--no-progress');
    expect(r.code).toBe(0);
    const findings = await csv(join(out, 'findings.csv'));
    const col = (name: string): number => findings.header.indexOf(name);
    const errors = findings.rows.filter((row) => row[col('severity')] === 'error');
    expect(errors.map((row) => [row[col('code')], row[col('page')]])).toEqual([['page-not-read', '2']]);
    expect(errors[0]?.[col('message')]).toMatch(/page 2 .*OCR is not available/);
    expect((await csv(join(out, 'projects.csv'))).rows).toHaveLength(1);
  });

  it('exits 2 on usage errors', async () => {
    expect((await jixiao('convert')).code).toBe(2);
    expect((await jixiao('convert', join(inbox, 'missing-folder'))).code).toBe(2);
    expect((await jixiao('convert', inbox, '--concurrency', '0')).code).toBe(2);
    expect((await jixiao('frobnicate')).code).toBe(2);
    const blocked = join(inbox, '..', `${inbox.split('/').pop()}-file`);
    await writeFile(blocked, 'a file where the output folder should be');
    const noOut = await jixiao('convert', inbox, '--out', blocked);
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toContain('cannot write to the output folder');
    const empty = await mkdtemp(join(tmpdir(), 'jixiao-none-'));
    await writeFile(join(empty, 'notes.txt'), 'no pdf here');
    const r = await jixiao('convert', empty);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no PDF or image files');
  });

  it('prints help with examples and exits 0', async () => {
    const r = await jixiao('convert', '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Examples:');
    expect(r.stdout).toContain('--concurrency');
  });
});
