/**
 * Step 5 of the grid stage: text runs → cells (by centre point) and cell text.
 *
 * Units: PDF points; origin top-left, y downward (extract/types.ts). Font sizes in points.
 */
import type { TextRun } from '../extract/types.js';
import type { CellLayout } from './cells.js';
import type { GridOptions } from './options.js';
import { locate } from './util.js';

/**
 * Characters that take no space next to them: CJK ideographs (all extensions), radicals,
 * CJK symbols and punctuation, kana, full-width forms, vertical/small form variants,
 * mathematical operators (≥ ≤ ≠ …), curly quotes, em dash, ellipsis, middle dot.
 */
const CJK_CHAR =
  /[\p{Script=Han}\u2E80-\u2FDF\u3000-\u303F\u3040-\u30FF\u31C0-\u31EF\uFE10-\uFE1F\uFE30-\uFE4F\uFF00-\uFFEF\u2200-\u22FF\u2014\u2018\u2019\u201C\u201D\u2026\u00B7]/u;
const CJK_CLASS = CJK_CHAR.source.slice(1, -1);
const SPACE_BETWEEN_CJK = new RegExp(`([${CJK_CLASS}])\\s+(?=[${CJK_CLASS}])`, 'gu');
const ASCII_LETTER = /^[A-Za-z]$/;

/** True when `ch` (one code point) is CJK-like: no space is put next to it. */
export function isCjkChar(ch: string | undefined): boolean {
  return ch !== undefined && CJK_CHAR.test(ch);
}

/** True for runs with no visible character (pdf.js emits such items for spacing). */
export function isBlankRun(run: TextRun): boolean {
  return run.text.trim().length === 0;
}

/** Centre of a run's box (points). */
export function runCentre(run: TextRun): { x: number; y: number } {
  return { x: (run.bbox.x0 + run.bbox.x1) / 2, y: (run.bbox.y0 + run.bbox.y1) / 2 };
}

/** The run's em in points: its font size, or its box height when the size is unknown. */
function em(run: TextRun): number {
  return run.fontSize > 0 ? run.fontSize : Math.max(run.bbox.y1 - run.bbox.y0, 0);
}

/**
 * Drop runs that repeat an earlier run's text with every bbox coordinate within
 * `tolerance` points (fake bold printed twice). Keeps the first of each group, in order.
 */
export function dropDuplicateRuns(runs: readonly TextRun[], tolerance: number): TextRun[] {
  if (!(tolerance > 0)) return [...runs];
  const seen = new Map<string, TextRun[]>();
  const out: TextRun[] = [];
  for (const run of runs) {
    const same = seen.get(run.text);
    const b = run.bbox;
    const dup = same?.some(
      (o) =>
        Math.abs(o.bbox.x0 - b.x0) <= tolerance &&
        Math.abs(o.bbox.x1 - b.x1) <= tolerance &&
        Math.abs(o.bbox.y0 - b.y0) <= tolerance &&
        Math.abs(o.bbox.y1 - b.y1) <= tolerance,
    );
    if (dup) continue;
    if (same) same.push(run);
    else seen.set(run.text, [run]);
    out.push(run);
  }
  return out;
}

/**
 * Group runs into lines: sorted by vertical centre, a run joins the current line when its
 * centre is within `lineTolerance` × em (the larger of the run's and the line's mean em)
 * of the line's mean centre. Lines top to bottom, runs in a line left to right.
 */
export function groupLines(runs: readonly TextRun[], options: Pick<GridOptions, 'lineTolerance'>): TextRun[][] {
  const sorted = [...runs].sort((a, b) => runCentre(a).y - runCentre(b).y || a.bbox.x0 - b.bbox.x0);
  const lines: { runs: TextRun[]; ySum: number; emSum: number }[] = [];
  for (const run of sorted) {
    const y = runCentre(run).y;
    const line = lines[lines.length - 1];
    if (line) {
      const n = line.runs.length;
      const tol = options.lineTolerance * Math.max(em(run), line.emSum / n);
      if (Math.abs(y - line.ySum / n) <= tol) {
        line.runs.push(run);
        line.ySum += y;
        line.emSum += em(run);
        continue;
      }
    }
    lines.push({ runs: [run], ySum: y, emSum: em(run) });
  }
  return lines.map((l) => l.runs.sort((a, b) => a.bbox.x0 - b.bbox.x0 || a.bbox.y0 - b.bbox.y0));
}

function lastVisible(s: string): string | undefined {
  const chars = Array.from(s.trimEnd());
  return chars[chars.length - 1];
}

function firstVisible(s: string): string | undefined {
  return Array.from(s.trimStart())[0];
}

/**
 * Join one line's runs (left to right): no space when either neighbouring character is
 * CJK; otherwise one space when the gap exceeds `wordGapRatio` × em, none when closer.
 */
export function joinLine(line: readonly TextRun[], options: Pick<GridOptions, 'wordGapRatio'>): string {
  let out = '';
  let prev: TextRun | undefined;
  for (const run of line) {
    if (prev) {
      const a = lastVisible(prev.text);
      const b = firstVisible(run.text);
      if (a !== undefined && b !== undefined && !isCjkChar(a) && !isCjkChar(b)) {
        const gap = run.bbox.x0 - prev.bbox.x1;
        if (gap > options.wordGapRatio * Math.max(em(prev), em(run))) out += ' ';
      }
    }
    out += run.text;
    prev = run;
  }
  return out;
}

/**
 * Collapse whitespace to single spaces, trim, and remove whitespace between two CJK
 * characters.
 */
export function normalizeCellText(text: string): string {
  return text.replace(/\s+/gu, ' ').trim().replace(SPACE_BETWEEN_CJK, '$1');
}

/**
 * A cell's text: runs grouped into lines (`groupLines`), each line joined (`joinLine`),
 * wrapped lines joined with no space unless both the previous line's last character and
 * the next line's first are ASCII letters; then `normalizeCellText`.
 */
export function joinCellText(
  runs: readonly TextRun[],
  options: Pick<GridOptions, 'lineTolerance' | 'wordGapRatio'>,
): string {
  let out = '';
  for (const line of groupLines(runs.filter((r) => !isBlankRun(r)), options)) {
    const text = joinLine(line, options);
    const a = lastVisible(out);
    const b = firstVisible(text);
    if (a !== undefined && b !== undefined && ASCII_LETTER.test(a) && ASCII_LETTER.test(b)) out += ' ';
    out += text;
  }
  return normalizeCellText(out);
}

/** Where runs went: per table, per cell, the runs by centre point; the rest are free. */
export interface RunAssignment {
  /** byTable[t][k]: runs whose centre lies in cell k of table t (in input order). */
  byTable: TextRun[][][];
  /** Runs in no cell of any table (in input order). */
  free: TextRun[];
}

/**
 * Put each run in the cell containing its centre, half-open: rows[i] <= y < rows[i+1],
 * cols[j] <= x < cols[j+1] — or its anchor, when `anchors` gives one (a clipped run, a line
 * of a wrapped block: grid/blocks.ts). The first table (in the given order) containing the
 * point wins. Blank runs are ignored (in neither output).
 */
export function assignRuns(
  tables: readonly CellLayout[],
  runs: readonly TextRun[],
  anchors: ReadonlyMap<TextRun, { x: number; y: number }> = new Map(),
): RunAssignment {
  const byTable = tables.map((t) => t.cells.map((): TextRun[] => []));
  const free: TextRun[] = [];
  for (const run of runs) {
    if (isBlankRun(run)) continue;
    const { x, y } = anchors.get(run) ?? runCentre(run);
    let placed = false;
    for (let t = 0; t < tables.length && !placed; t++) {
      const table = tables[t] as CellLayout;
      const r = locate(table.rows, y);
      const c = locate(table.cols, x);
      if (r < 0 || c < 0) continue;
      const k = table.owner[r]?.[c] ?? -1;
      const cellRuns = byTable[t]?.[k];
      if (cellRuns) {
        cellRuns.push(run);
        placed = true;
      }
    }
    if (!placed) free.push(run);
  }
  return { byTable, free };
}

/** Runs in reading order: lines top to bottom (`groupLines`), left to right in a line. */
export function readingOrder(runs: readonly TextRun[], options: Pick<GridOptions, 'lineTolerance'>): TextRun[] {
  return groupLines(runs, options).flat();
}

