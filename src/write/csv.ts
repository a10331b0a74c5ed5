/**
 * CSV output: projects.csv, indicators.csv, findings.csv.
 *
 * UTF-8 with BOM (Excel and WPS then read Chinese correctly), a header row, numbers as plain
 * numbers, empty when absent. Text that a spreadsheet would evaluate as a formula (leading
 * `=`, `+`, `-`, `@`) gets a leading `'`: `=2` is a real target. The files are written under
 * temporary names and renamed together, so a crash never leaves half a file.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { format } from 'fast-csv';
import type { ProvenanceMap } from '../model/types.js';
import type { FileResult } from '../pipeline/types.js';

type CsvValue = string | number | null | undefined;
export type CsvRow = Record<string, CsvValue>;

export const PROJECT_COLUMNS = [
  'file', 'form', 'pages', 'year', 'project_name', 'department', 'implementer',
  'budget_initial', 'budget_annual', 'executed', 'fund_weight', 'execution_rate', 'fund_score',
  'total_weight', 'total_score', 'goal_expected', 'goal_actual', 'source', 'ocr_repaired', 'status',
] as const;

export const INDICATOR_COLUMNS = [
  'file', 'form', 'project_name', 'seq', 'level1', 'level2', 'name', 'target', 'actual', 'weight',
  'score', 'note', 'target_op', 'target_value', 'target_unit', 'actual_value', 'actual_unit', 'met',
  'page', 'source', 'confidence',
] as const;

export const FINDING_COLUMNS = [
  'file', 'form', 'project_name', 'severity', 'code', 'indicator', 'field', 'message', 'printed', 'computed', 'page',
] as const;

/** A spreadsheet evaluates text starting with these characters. */
const FORMULA_START = /^[=+\-@]/;

/** Render one value: numbers plainly, absent as empty, formula-like text guarded. */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** Pages as `5` or `5;6` (a hyphen would turn into a date in a spreadsheet). */
function pagesCell(pages: readonly number[]): string | number {
  return pages.length === 1 ? (pages[0] as number) : pages.join(';');
}

/**
 * The cells whose OCR reading was replaced: a number by a re-reading that adds up
 * (`totalScore: 88 → 8.8`), free text corrected from the document's words
 * (`indicators.4.name: 系统利用亩 → 系统利用率`).
 */
function repairedCell(provenance: ProvenanceMap): string {
  return Object.entries(provenance)
    .filter(([path, p]) => p.replaced !== undefined && p.source !== 'text' && !path.endsWith('Percent'))
    .map(([path, p]) => `${path}: ${p.replaced ?? ''} → ${p.raw}`)
    .join('; ');
}

export function projectRows(results: readonly FileResult[]): CsvRow[] {
  return results.flatMap((r) =>
    r.forms.map(({ project: p, provenance, status }) => ({
      file: r.file,
      form: p.form,
      pages: pagesCell(p.pages),
      year: p.year,
      project_name: p.projectName,
      department: p.department,
      implementer: p.implementer,
      budget_initial: p.funds.total?.initialBudget,
      budget_annual: p.funds.total?.annualBudget,
      executed: p.funds.total?.executed,
      fund_weight: p.funds.total?.weight,
      execution_rate: p.funds.total?.executionRatePercent,
      fund_score: p.funds.total?.score,
      total_weight: p.totalWeight,
      total_score: p.totalScore,
      goal_expected: p.goals.expected,
      goal_actual: p.goals.actual,
      source: p.source,
      ocr_repaired: repairedCell(provenance),
      status,
    })),
  );
}

export function indicatorRows(results: readonly FileResult[]): CsvRow[] {
  return results.flatMap((r) =>
    r.forms.flatMap(({ project: p }) =>
      p.indicators.map((i) => ({
        file: r.file,
        form: p.form,
        project_name: p.projectName,
        seq: i.seq,
        level1: i.level1,
        level2: i.level2,
        name: i.name,
        target: i.target,
        actual: i.actual,
        weight: i.weight,
        score: i.score,
        note: i.note,
        target_op: i.targetParsed.op,
        target_value: i.targetParsed.value,
        target_unit: i.targetParsed.unit,
        actual_value: i.actualParsed.value,
        actual_unit: i.actualParsed.unit,
        met: i.met === null ? '' : i.met ? 'yes' : 'no',
        page: i.page,
        source: i.source,
        confidence: Math.round(i.confidence * 1000) / 1000,
      })),
    ),
  );
}

export function findingRows(results: readonly FileResult[]): CsvRow[] {
  return results.flatMap((r) => {
    const names = new Map(r.forms.map((f) => [f.project.form, f.project.projectName]));
    const all = [...r.findings, ...r.forms.flatMap((f) => f.findings)];
    return all.map((f) => ({
      file: r.file,
      form: f.form,
      project_name: f.form !== undefined ? names.get(f.form) : '',
      severity: f.severity,
      code: f.code,
      indicator: f.indicator,
      field: f.field,
      message: f.message,
      printed: f.printed,
      computed: f.computed,
      page: f.page,
    }));
  });
}

/** Write one CSV under `tmp` (BOM, header row, one line per row). */
async function writeCsvTo(tmp: string, columns: readonly string[], rows: readonly CsvRow[]): Promise<void> {
  await new Promise<void>((resolvePromise, reject) => {
    const out = createWriteStream(tmp);
    const csv = format<string[], string[]>({ headers: false, writeBOM: true, includeEndRowDelimiter: true });
    out.on('error', reject);
    out.on('finish', resolvePromise);
    csv.on('error', reject);
    csv.pipe(out);
    csv.write([...columns]);
    for (const row of rows) csv.write(columns.map((c) => csvCell(row[c])));
    csv.end();
  });
}

interface CsvFile {
  path: string;
  columns: readonly string[];
  rows: readonly CsvRow[];
}

/**
 * Write CSV files as one set: each is written under a temporary name first, and only when
 * all are complete are they renamed into place, so a crash never leaves half a file, nor a
 * new projects.csv beside an old findings.csv.
 */
export async function writeCsvSet(files: readonly CsvFile[]): Promise<void> {
  const tmp = (path: string): string => `${path}.${process.pid}.tmp`;
  try {
    for (const f of files) await writeCsvTo(tmp(f.path), f.columns, f.rows);
    for (const f of files) await rename(tmp(f.path), f.path);
  } catch (error) {
    await Promise.all(files.map((f) => rm(tmp(f.path), { force: true })));
    throw error;
  }
}

/** Write one CSV atomically: temporary file, then rename. */
export async function writeCsv(path: string, columns: readonly string[], rows: readonly CsvRow[]): Promise<void> {
  await writeCsvSet([{ path, columns, rows }]);
}

export interface WrittenFiles {
  projects: string;
  indicators: string;
  findings: string;
}

/** Write the three CSVs into `outDir` (created if needed). */
export async function writeCsvFiles(outDir: string, results: readonly FileResult[]): Promise<WrittenFiles> {
  await mkdir(outDir, { recursive: true });
  const files: WrittenFiles = {
    projects: join(outDir, 'projects.csv'),
    indicators: join(outDir, 'indicators.csv'),
    findings: join(outDir, 'findings.csv'),
  };
  await writeCsvSet([
    { path: files.projects, columns: PROJECT_COLUMNS, rows: projectRows(results) },
    { path: files.indicators, columns: INDICATOR_COLUMNS, rows: indicatorRows(results) },
    { path: files.findings, columns: FINDING_COLUMNS, rows: findingRows(results) },
  ]);
  return files;
}
