/**
 * Splitting text runs at cell borders.
 *
 * pdf.js joins glyphs into one text item when the gap between them is small (under ~0.6 em
 * it even inserts a space), so in a tight table the texts of two neighbouring cells often
 * arrive as one run — `全年预算数全年执行数`, `3,730.43 56.63%`. Assigning such a run by its
 * centre would put both texts in one cell. A run is split where a ruled border (not a merged
 * cell's interior) crosses it; the split point is found by estimating glyph advances (CJK
 * and full-width 1 em, Latin and digits ~0.55 em), preferring a space near that point.
 *
 * The other way a run crosses a border is overflow: a spreadsheet cell whose text is longer
 * than the cell is clipped on paper, but the text layer keeps it whole, running over the
 * neighbour's own text (`CPU、内存、存储设备等资源利用率` over the next cell's `≥90%`). When
 * another run starts on the same line beyond the border, before this one ends, the run is an
 * overflow: it stays whole, in the cell where it starts.
 *
 * Units: points, top-left origin, y downward.
 */
import type { TextRun } from '../extract/types.js';
import type { CellLayout } from './cells.js';
import { isCjkChar, runCentre } from './text.js';
import { locate } from './util.js';

/** A border must lie at least this many em inside the run to split it. */
const MIN_INSIDE_EM = 0.3;

/** Estimated advance of a character, in em. */
export function advance(ch: string): number {
  if (ch === ' ') return 0.3;
  if (isCjkChar(ch) || /[\u3000-\u303f\uff00-\uffef]/.test(ch)) return 1;
  if (/[.,:;'|!ilI]/.test(ch)) return 0.3;
  if (/[%@MW]/.test(ch)) return 0.85;
  return 0.55;
}

function piece(run: TextRun, text: string, x0: number, x1: number): TextRun {
  return { ...run, text, bbox: { ...run.bbox, x0, x1 } };
}

/** Split one run at the given x positions (ascending, strictly inside the run). */
export function splitRunAt(run: TextRun, borders: readonly number[]): TextRun[] {
  const chars = Array.from(run.text);
  const weights = chars.map(advance);
  const total = weights.reduce((a, b) => a + b, 0);
  const width = run.bbox.x1 - run.bbox.x0;
  if (total === 0 || width <= 0 || chars.length < 2) return [run];
  // x position of the boundary before char k (k = 0..n).
  const xs = [run.bbox.x0];
  for (const w of weights) xs.push((xs.at(-1) as number) + (w / total) * width);

  const cuts: number[] = [];
  for (const border of borders) {
    let best = -1;
    let bestDist = Infinity;
    for (let k = 1; k < chars.length; k++) {
      // A space next to the border is where pdf.js put the gap: cut there, dropping it.
      const bonus = chars[k] === ' ' || chars[k - 1] === ' ' ? run.fontSize * 0.5 : 0;
      const dist = Math.abs((xs[k] as number) - border) - bonus;
      if (dist < bestDist) {
        bestDist = dist;
        best = k;
      }
    }
    if (best > 0 && (cuts.length === 0 || best > (cuts.at(-1) as number))) cuts.push(best);
  }
  if (cuts.length === 0) return [run];
  const out: TextRun[] = [];
  let start = 0;
  for (const cut of [...cuts, chars.length]) {
    const text = chars.slice(start, cut).join('');
    if (text.trim() !== '') out.push(piece(run, text.trim(), xs[start] as number, xs[cut] as number));
    start = cut;
  }
  return out;
}

/**
 * Split every run that a ruled vertical border of a table crosses. Runs outside tables, and
 * runs inside one merged cell, are returned unchanged.
 */
export function splitRunsAtBorders(tables: readonly CellLayout[], runs: readonly TextRun[]): TextRun[] {
  const out: TextRun[] = [];
  const sameLine = (a: TextRun, b: TextRun): boolean => Math.abs(runCentre(a).y - runCentre(b).y) <= 0.5 * Math.max(a.fontSize, b.fontSize);
  /** Another run on the line starts past `border` while `run` is still going: overflow. */
  const overruns = (run: TextRun, border: number): boolean =>
    runs.some((o) => o !== run && o.bbox.x0 >= border - 1 && o.bbox.x0 < run.bbox.x1 - 0.5 && sameLine(run, o));
  for (const run of runs) {
    const { y } = runCentre(run);
    const margin = MIN_INSIDE_EM * run.fontSize;
    let borders: number[] = [];
    for (const table of tables) {
      const r = locate(table.rows, y);
      if (r < 0) continue;
      const row = table.owner[r];
      if (!row) continue;
      for (let j = 1; j < table.cols.length - 1; j++) {
        const x = table.cols[j] as number;
        if (x <= run.bbox.x0 + margin || x >= run.bbox.x1 - margin) continue;
        if (row[j - 1] !== row[j]) borders.push(x);
      }
      if (borders.length > 0) break;
    }
    borders = borders.sort((a, b) => a - b);
    const first = borders[0];
    if (first === undefined) out.push(run);
    else if (overruns(run, first)) out.push({ ...run, bbox: { ...run.bbox, x1: first - 0.01 } });
    else out.push(...splitRunAt(run, borders));
  }
  return out;
}
