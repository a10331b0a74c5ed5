/**
 * The field-set report: a folder converted with the library, its CSVs scored with score.ts,
 * and the figures broken down per file and per kind (digital / scan / mixed). Each breakdown
 * scores that subset of the truth with score.py's own definitions (`subsetTruth`); the
 * python-compatible metrics are the whole truth's, unchanged.
 */
import { availableParallelism } from 'node:os';
import { basename } from 'node:path';
import { convertBatch, createOcrProvider, writeCsvFiles } from '../../src/index.js';
import type { FileResult, ProgressEvent } from '../../src/index.js';
import type { Py } from './py.js';
import { fileKind, readOutputDir, scoreField, subsetTruth, summaryLine } from './score.js';
import type { FieldScore, FileKind, OutputRows, Tally, Truth } from './score.js';

export const KINDS: readonly FileKind[] = ['digital', 'scan', 'mixed'];

/** The figures of one file or one kind. */
export interface FieldFigures {
  /** Forms found / forms in the truth. */
  forms: Tally;
  /** Indicator cells exact (name, target, actual, weight, score, note of each truth row). */
  indCells: Tally;
  /** Numeric cells exact: the project's numbers and each row's weight and score. */
  numCells: Tally;
  /** Project fields exact (name, department, implementer and the 8 numbers). */
  projectFields: Tally;
  /** Files that must fail, and how many did with an error finding. */
  badFiles: Tally;
  /** Conversion wall time, seconds (summed over a kind's files). */
  seconds: number;
}

export interface FileFigures extends FieldFigures {
  file: string;
  kind: FileKind;
  /** Scan resolution, when the truth's layout gives it. */
  dpi?: number;
  /** No output for this file (it is in the truth, not in the folder). */
  missing: boolean;
}

export interface FieldReport {
  files: FileFigures[];
  kinds: Partial<Record<FileKind, FieldFigures & { files: number }>>;
  /** score.py's metrics, as it prints them. */
  metrics: FieldScore['metrics'];
  /** Not in score.py: numeric cells exact per kind (`num_cells_digital` …), the ratio rounded as score.py rounds. */
  extra: Record<string, number | null>;
  /** score.py's summary line. */
  summary: string;
  /** Files converted that the truth does not list (score.py ignores them). */
  notInTruth: string[];
  fails: string[];
}

function figures(score: FieldScore, seconds: number): FieldFigures {
  const c = score.counts;
  return { forms: c.forms, indCells: c.ind_cells, numCells: c.num_cells, projectFields: c.project_fields, badFiles: c.bad_files, seconds };
}

/** A dpi in the truth's layout of the file's forms, if any form carries one. */
function layoutDpi(forms: Py): number | undefined {
  if (!Array.isArray(forms)) return undefined;
  for (const f of forms) {
    const dpi = f instanceof Map ? (f.get('layout') as Py | undefined) : undefined;
    const value = dpi instanceof Map ? dpi.get('dpi') : undefined;
    if (typeof value === 'bigint' || typeof value === 'number') return Number(value);
  }
  return undefined;
}

/**
 * Score converted output against the truth. `results` give each file's time (by the CSV file
 * name's basename, as score.py matches files); without them the times are 0.
 */
export function fieldReport(truth: Truth, rows: OutputRows, results: readonly FileResult[] = []): FieldReport {
  const seconds = new Map(results.map((r) => [basename(r.file), r.durationMs / 1000]));
  const whole = scoreField(truth, rows);
  const files: FileFigures[] = [...truth].map(([file, forms]) => {
    const dpi = layoutDpi(forms);
    return {
      file,
      kind: fileKind(file),
      ...(dpi !== undefined ? { dpi } : {}),
      missing: results.length > 0 && !seconds.has(file),
      ...figures(scoreField(subsetTruth(truth, (f) => f === file), rows), seconds.get(file) ?? 0),
    };
  });
  const kinds: FieldReport['kinds'] = {};
  const extra: Record<string, number | null> = {};
  for (const kind of KINDS) {
    const own = files.filter((f) => f.kind === kind);
    if (own.length === 0) continue;
    const score = scoreField(subsetTruth(truth, (f) => fileKind(f) === kind), rows);
    const time = own.reduce((sum, f) => sum + f.seconds, 0);
    kinds[kind] = { files: own.length, ...figures(score, time) };
    extra[`num_cells_${kind}`] = score.metrics.num_cells ?? null;
  }
  const notInTruth = results.map((r) => r.file).filter((f) => !truth.has(basename(f)));
  return { files, kinds, metrics: whole.metrics, extra, summary: summaryLine(whole.metrics), notInTruth, fails: whole.fails };
}

/**
 * Convert a folder with the library as the CLI does (OCR on, one OCR worker per core, the
 * default concurrency) and write the three CSVs into `outDir`.
 */
export async function convertFolder(dir: string, outDir: string, onProgress?: (event: ProgressEvent) => void): Promise<{ results: FileResult[]; rows: OutputRows }> {
  const ocr = createOcrProvider({ workers: availableParallelism() });
  let results: FileResult[];
  try {
    results = await convertBatch(dir, { ocr, ...(onProgress ? { onProgress } : {}) });
  } finally {
    await ocr.close();
  }
  await writeCsvFiles(outDir, results);
  return { results, rows: await readOutputDir(outDir) };
}
