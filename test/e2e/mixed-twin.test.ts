/**
 * A mixed file — the seed document with every second page scanned at 200 dpi (the seed of
 * make-scans.ts's seed-mixed.pdf), the others digital — converted with OCR writes the same CSVs
 * as its all-digital twin, apart from where the text came from (`source`, `confidence`,
 * `ocr_repaired`) and OCR-only findings (`low-confidence`). Both CSV sets are written with the
 * project's writer, read back, and compared cell by cell: every cell identical, free text
 * (goals, names, notes) included (see FREE_TEXT_COLUMNS).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseString } from 'fast-csv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertFile } from '../../src/pipeline/convert-file.js';
import { createOcrProvider } from '../../src/pipeline/ocr-provider.js';
import type { FileResult } from '../../src/pipeline/types.js';
import { editDistance } from '../../src/edit-distance.js';
import { writeCsvFiles } from '../../src/write/csv.js';
import type { WrittenFiles } from '../../src/write/csv.js';
import { SEED_PDF } from '../support/paths.js';
import { SCAN_SEED, scanFolder } from '../support/scans.js';
import type { ScanFolder } from '../support/scans.js';

/** Scanning half the pages and reading them with OCR (3–4 s a page on two cores), with room to spare. */
const TIMEOUT = 600_000;
/** Both files are named alike in the CSVs: the twins differ in how their pages were made only. */
const NAME = 'fengtai-2024.pdf';
/** Columns that say where a value came from, not what it is. */
const PROVENANCE_COLUMNS = new Set(['source', 'confidence', 'ocr_repaired']);
/** Findings only OCR gives. */
const OCR_ONLY_CODES = new Set(['low-confidence']);
/**
 * Free text: sentences and names no arithmetic checks. OCR reads them at about 99.9 % of
 * characters; the doubtful rest is corrected from the document's own words (ocr/lexicon.ts).
 * Their characters are counted, and the test prints what was corrected.
 */
const FREE_TEXT_COLUMNS = new Set(['project_name', 'department', 'implementer', 'goal_expected', 'goal_actual', 'name', 'note']);
/** Characters and character edits over the free-text cells compared (cellDiffs adds to it). */
const freeText = { chars: 0, edits: 0 };

type Row = Record<string, string>;
type CsvSet = Record<keyof WrittenFiles, Row[]>;

async function readCsv(path: string): Promise<Row[]> {
  const text = (await readFile(path, 'utf8')).replace(/^\uFEFF/, '');
  return new Promise((resolve, reject) => {
    const rows: Row[] = [];
    parseString<Row, Row>(text, { headers: true })
      .on('error', reject)
      .on('data', (row: Row) => rows.push(row))
      .on('end', () => resolve(rows));
  });
}

async function writeAndRead(result: FileResult, dir: string): Promise<CsvSet> {
  const files = await writeCsvFiles(dir, [result]);
  return { projects: await readCsv(files.projects), indicators: await readCsv(files.indicators), findings: await readCsv(files.findings) };
}

/** Every cell of `mixed` that differs from `twin`, row by row, columns in `skip` left out. */
function cellDiffs(table: string, twin: readonly Row[], mixed: readonly Row[], label: (row: Row) => string, skip: ReadonlySet<string>): string[] {
  const out: string[] = [];
  if (twin.length !== mixed.length) out.push(`${table}: ${twin.length} rows in the digital twin, ${mixed.length} in the mixed file`);
  twin.forEach((a, i) => {
    const b = mixed[i];
    if (b === undefined) return;
    for (const column of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (skip.has(column)) continue;
      const where = `${table} row ${i + 1} (${label(a)}) ${column}: digital ${JSON.stringify(a[column])}, mixed ${JSON.stringify(b[column])}`;
      if (FREE_TEXT_COLUMNS.has(column)) {
        freeText.chars += [...(a[column] ?? '')].length;
        freeText.edits += editDistance(a[column] ?? '', b[column] ?? '');
      }
      if (a[column] !== b[column]) out.push(where);
    }
  });
  return out;
}

/** A form's status, from better to worse. */
const STATUS = ['ok', 'warning', 'error'];
const findingKey = (f: Row): string => `form ${f.form || '-'} ${f.code} indicator=${f.indicator || '-'} field=${f.field || '-'}`;

const ocr = createOcrProvider({ workers: 2 });
let folder: ScanFolder;
let outDir: string;
let scannedPages: Set<number>;
let mixed: FileResult;
let csv: { digital: CsvSet; mixed: CsvSet };

beforeAll(async () => {
  folder = await scanFolder('jixiao-mixed-twin-');
  outDir = await mkdtemp(join(tmpdir(), 'jixiao-mixed-twin-csv-'));
  const digital = await convertFile(SEED_PDF, NAME);
  const pages = Array.from({ length: digital.pageCount }, (_, i) => i + 1).filter((p) => p % 2 === 0);
  scannedPages = new Set(pages);
  const scan = await folder.scanSeed('seed-mixed.pdf', { dpi: 200, seed: `${SCAN_SEED}/seed-mixed`, pages });
  const started = performance.now();
  mixed = await convertFile(scan.path, NAME, { ocr });
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `mixed seed (${pages.length}/${digital.pageCount} pages scanned at 200 dpi): ${mixed.forms.length} forms, ` +
      `${seconds.toFixed(1)} s (${(seconds / pages.length).toFixed(2)} s per scanned page), scan made in ${scan.seconds.toFixed(1)} s`,
  );
  csv = { digital: await writeAndRead(digital, join(outDir, 'digital')), mixed: await writeAndRead(mixed, join(outDir, 'mixed')) };
}, TIMEOUT);

afterAll(async () => {
  await ocr.close();
  await folder?.remove();
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

describe('a mixed file and its all-digital twin', () => {
  it('every form is read, its source `ocr`, `text` or `mixed` as its pages were scanned or not', () => {
    expect(mixed.status).toBe('success');
    const expected = csv.mixed.projects.map((row) => {
      const pages = (row.pages ?? '').split(';').map(Number);
      const scanned = pages.filter((p) => scannedPages.has(p)).length;
      return scanned === 0 ? 'text' : scanned === pages.length ? 'ocr' : 'mixed';
    });
    // The seed has forms on a scanned page, on a digital page, and over both.
    expect(new Set(expected)).toEqual(new Set(['text', 'ocr', 'mixed']));
    expect(csv.mixed.projects.map((row) => row.source)).toEqual(expected);
    expect(mixed.forms.map((f) => f.project.source)).toEqual(expected);
    // Each indicator row: from OCR on a scanned page, from the text layer on a digital one.
    const wrong = csv.mixed.indicators
      .filter((row) => (scannedPages.has(Number(row.page)) ? !['ocr', 'ocr-repaired'].includes(row.source ?? '') : row.source !== 'text'))
      .map((row) => `form ${row.form} seq ${row.seq} page ${row.page}: ${row.source}`);
    expect(wrong).toEqual([]);
  });

  it('projects.csv: the same cells (status apart from OCR-only warnings)', () => {
    const lowConfidence = new Set(csv.mixed.findings.filter((f) => OCR_ONLY_CODES.has(f.code ?? '')).map((f) => f.form));
    const diffs = cellDiffs('projects.csv', csv.digital.projects, csv.mixed.projects, (r) => `form ${r.form}`, new Set([...PROVENANCE_COLUMNS, 'status']));
    csv.digital.projects.forEach((row, i) => {
      // A low-confidence warning makes an `ok` form a `warning` one; nothing else may change.
      const status = STATUS[Math.max(STATUS.indexOf(row.status ?? ''), lowConfidence.has(row.form) ? 1 : 0)];
      const got = csv.mixed.projects[i]?.status;
      if (got !== status) diffs.push(`projects.csv row ${i + 1} (form ${row.form}) status: digital ${row.status}, so mixed ${status}; mixed ${got}`);
    });
    expect(diffs, diffs.join('\n')).toEqual([]);
  });

  it('indicators.csv: the same cells', () => {
    const diffs = cellDiffs('indicators.csv', csv.digital.indicators, csv.mixed.indicators, (r) => `form ${r.form} seq ${r.seq}`, PROVENANCE_COLUMNS);
    expect(diffs, diffs.join('\n')).toEqual([]);
  });

  it('findings.csv: the same findings by form, code, indicator and field, the same cells but the message; OCR-only ones left out', () => {
    const group = (rows: readonly Row[]): Map<string, Row[]> => {
      const out = new Map<string, Row[]>();
      for (const row of rows.filter((f) => !OCR_ONLY_CODES.has(f.code ?? ''))) out.set(findingKey(row), [...(out.get(findingKey(row)) ?? []), row]);
      return out;
    };
    const twin = group(csv.digital.findings);
    const ours = group(csv.mixed.findings);
    const diffs: string[] = [];
    for (const key of new Set([...twin.keys(), ...ours.keys()])) {
      const a = twin.get(key) ?? [];
      const b = ours.get(key) ?? [];
      for (const row of a.slice(b.length)) diffs.push(`findings.csv: only in the digital twin: ${key} — ${row.message}`);
      for (const row of b.slice(a.length)) diffs.push(`findings.csv: only in the mixed file: ${key} — ${row.message}`);
      const n = Math.min(a.length, b.length);
      diffs.push(...cellDiffs('findings.csv', a.slice(0, n), b.slice(0, n), () => key, new Set(['message'])));
    }
    expect(diffs, diffs.join('\n')).toEqual([]);
  });

  it('free text (goals, names, notes): every character the same, the corrections OCR needed listed in ocr_repaired', () => {
    Object.assign(freeText, { chars: 0, edits: 0 });
    const diffs = [
      ...cellDiffs('projects.csv', csv.digital.projects, csv.mixed.projects, (r) => `form ${r.form}`, PROVENANCE_COLUMNS),
      ...cellDiffs('indicators.csv', csv.digital.indicators, csv.mixed.indicators, (r) => `form ${r.form} seq ${r.seq}`, PROVENANCE_COLUMNS),
    ];
    const corrected = csv.mixed.projects.flatMap((r) => (r.ocr_repaired ? [`form ${r.form}: ${r.ocr_repaired}`] : []));
    console.log(`free text: ${freeText.chars - freeText.edits}/${freeText.chars} characters the same; corrections:\n  ${corrected.join('\n  ') || 'none'}`);
    expect(freeText.chars).toBeGreaterThan(1000);
    expect(freeText.edits, diffs.join('\n')).toBe(0);
    // A digital form has nothing to correct.
    expect(csv.mixed.projects.filter((r) => r.source === 'text' && r.ocr_repaired !== '')).toEqual([]);
  });
});
