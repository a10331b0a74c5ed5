/**
 * Where each run goes when its centre is not where it shows: wrapped text taller than its
 * row, and text clipped to a cell.
 *
 * Spreadsheet exports fix row heights for printing. A wrap-text cell whose text needs more
 * lines than the row holds is centred on the row, so its first line sticks up over the top
 * border and its last line hangs below the bottom one, into the neighbouring rows (field-07:
 * `服务对象满意度` / `指标` over the 总分 row; field-03: `执行率` / `（B/A）` over the value
 * row). Assigned line by line, by centre, the overhanging line joins the wrong cell. Two
 * mechanisms put it back:
 *
 * - **Clip paths**: an exporter that clips a cell's text to the cell says which cell the text
 *   belongs to. A clipped run is placed by the visible part of its box (box ∩ clip), or, when
 *   none of it shows, by the point of the clip nearest to it.
 * - **Wrapped blocks**, for the cells the same exporter does not clip: a line that crosses an
 *   interior ruled border by a real share of its height on both sides (`CROSS_SHARE`), or
 *   that another line of its cell is printed over (an unclipped overhang, `OVERPRINT_EM`),
 *   starts a block. The block grows through the lines above and below in the same lattice
 *   columns, of the same font size, at one line pitch of a paragraph (`PITCH_EM`; the pitch of
 *   the nearer neighbour, then within `PITCH_TOLERANCE_EM` of it — a neighbouring cell's line
 *   lies a row pitch away), where the line before the break is full (the next line's first
 *   word would not have fitted in the lattice columns holding it), and never into a line
 *   that sits inside a cell where its own paragraph goes on (the last line of a goal). The whole block goes to the cell holding most of it; a tie, to the cell
 *   holding its centre.
 *
 * What stays out of reach without clips: a block of three or more lines in a one-line row
 * whose outer lines cross no border and overprint nothing (they sit wholly inside the
 * neighbouring rows' empty cells) — geometry alone cannot tell them from those rows' text.
 *
 * Units: PDF points; origin top-left, y downward (extract/types.ts).
 */
import type { BBox, TextRun } from '../extract/types.js';
import type { CellLayout } from './cells.js';
import { advance } from './split.js';
import { isCjkChar, runCentre } from './text.js';
import { locate } from './util.js';

/** A point (page space) that decides which cell a run is assigned to. */
export interface Anchor {
  x: number;
  y: number;
}

/** A line crosses a border when at least this share of its height lies on each side. */
const CROSS_SHARE = 0.1;
/** Line pitch of a wrapped paragraph, in em of its font: from single spacing to 1.8. */
const PITCH_EM = { min: 0.9, max: 1.8 } as const;
/** The lines of one paragraph lie at one pitch: within this (em) of it. */
const PITCH_TOLERANCE_EM = 0.05;
/** Runs of one cell whose centres are closer than this (em) and that overlap are printed over each other. */
const OVERPRINT_EM = 0.5;
/** Pieces of one printed line share its baseline: within this (em). */
const BASELINE_EM = 0.1;
/** Same font size: within this fraction. */
const SIZE_TOLERANCE = 0.05;
/** Cell padding assumed on each side when asking whether a line is full (em). */
const PADDING_EM = 0.25;
/** Boxes overlapping a cell by amounts within this (points) count as a tie. */
const TIE = 0.5;

function height(b: BBox): number {
  return b.y1 - b.y0;
}

function centreY(b: BBox): number {
  return (b.y0 + b.y1) / 2;
}

/** The part of a run's box that shows on paper: inside its clip. Null when none does. */
export function visibleBox(run: TextRun): BBox | null {
  const c = run.clip;
  if (!c) return run.bbox;
  const b = run.bbox;
  const box = { x0: Math.max(b.x0, c.x0), y0: Math.max(b.y0, c.y0), x1: Math.min(b.x1, c.x1), y1: Math.min(b.y1, c.y1) };
  return box.x1 > box.x0 && box.y1 > box.y0 ? box : null;
}

/** The anchor of a clipped run: the centre of what shows, or the nearest point well inside the clip. */
function clipAnchor(run: TextRun, clip: BBox): Anchor {
  const shown = visibleBox(run);
  if (shown) return { x: (shown.x0 + shown.x1) / 2, y: centreY(shown) };
  const { x, y } = runCentre(run);
  const insetX = (clip.x1 - clip.x0) / 4;
  const insetY = height(clip) / 4;
  return { x: Math.min(Math.max(x, clip.x0 + insetX), clip.x1 - insetX), y: Math.min(Math.max(y, clip.y0 + insetY), clip.y1 - insetY) };
}

/** Index of the cell of `table` at (x, y), or -1. */
function cellAt(table: CellLayout, x: number, y: number): number {
  const r = locate(table.rows, y);
  const c = locate(table.cols, x);
  return r < 0 || c < 0 ? -1 : (table.owner[r]?.[c] ?? -1);
}

/** True when the run crosses a ruled row border inside the table by a real share on both sides. */
function crossesBorder(table: CellLayout, run: TextRun): boolean {
  const b = run.bbox;
  const share = CROSS_SHARE * height(b);
  const c = locate(table.cols, runCentre(run).x);
  if (c < 0) return false;
  for (let i = 1; i < table.rows.length - 1; i++) {
    const y = table.rows[i] as number;
    if (y <= b.y0 + share || y >= b.y1 - share) continue;
    if (table.owner[i - 1]?.[c] !== table.owner[i]?.[c]) return true;
  }
  return false;
}

/** Width (points) of the first word of a run: one CJK character, or the non-CJK characters before the next CJK one. */
function firstWordWidth(run: TextRun): number {
  const chars = Array.from(run.text.trim());
  const weights = chars.map(advance);
  const total = weights.reduce((a, b) => a + b, 0);
  if (total === 0) return 0;
  let n = 0;
  if (isCjkChar(chars[0]) && !/[（(【\[]/.test(chars[0] ?? '')) n = 1;
  else while (n < chars.length && (!isCjkChar(chars[n]) || /[（）()]/.test(chars[n] ?? ''))) n++;
  const word = weights.slice(0, Math.max(n, 1)).reduce((a, b) => a + b, 0);
  return (word / total) * (run.bbox.x1 - run.bbox.x0);
}

/** True when `line` is full in a cell `width` wide: `next`'s first word would not have fitted after it. */
function wrapsInto(line: TextRun, next: TextRun, width: number): boolean {
  const inner = width - 2 * PADDING_EM * line.fontSize;
  return line.bbox.x1 - line.bbox.x0 + firstWordWidth(next) > inner;
}

function sameSize(a: TextRun, b: TextRun): boolean {
  return Math.abs(a.fontSize - b.fontSize) <= SIZE_TOLERANCE * Math.max(a.fontSize, b.fontSize);
}

function overlapX(a: BBox, b: BBox): number {
  return Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
}

/**
 * The narrowest run of lattice columns holding `box`: the room a wrapped line had. (The cell
 * the line shows in may be wider — a merged cell of the row it hangs into — so the lattice
 * decides, not that cell.)
 */
function latticeSpan(table: CellLayout, box: BBox): { x0: number; x1: number } {
  const cols = table.cols;
  let x0 = cols[0] as number;
  let x1 = cols.at(-1) as number;
  for (const x of cols) {
    if (x <= box.x0 + 0.5) x0 = x;
    if (x >= box.x1 - 0.5 && x < x1) x1 = x;
  }
  return { x0, x1: Math.max(x1, x0) };
}

/**
 * The block a seed line starts: the lines above and below it that continue the same wrapped
 * paragraph (see the module comment), top to bottom. `column` is the x range of the seed's cell.
 */
function growBlock(seed: TextRun, candidates: readonly TextRun[], t: TableRuns): TextRun[] {
  const table = t.table;
  const block = [seed];
  const column = latticeSpan(table, seed.bbox);
  const inColumn = (r: TextRun): boolean => r.bbox.x0 >= column.x0 - 1 && r.bbox.x1 <= column.x1 + 1;
  /**
   * The line in direction `dir` that continues `from`'s paragraph, and the gap to it: same
   * font size, at a paragraph's pitch (at `pitch` once known, else the nearest), `from` or it
   * full. Lines printed over others (an unclipped neighbour's overhang) are passed over.
   */
  const next = (from: TextRun, dir: 1 | -1, pitch: number | null): { run: TextRun; gap: number } | undefined => {
    const em = from.fontSize;
    let best: { run: TextRun; gap: number } | undefined;
    const score = (gap: number): number => (pitch === null ? gap : Math.abs(gap - pitch));
    for (const r of candidates) {
      if (block.includes(r) || !inColumn(r) || overlapX(r.bbox, from.bbox) <= 0 || !sameSize(r, from)) continue;
      const gap = dir * (centreY(r.bbox) - centreY(from.bbox));
      if (gap < PITCH_EM.min * em || gap > PITCH_EM.max * em) continue;
      if (pitch !== null && Math.abs(gap - pitch) > PITCH_TOLERANCE_EM * em) continue;
      if (best && score(gap) >= score(best.gap)) continue;
      const [upper, lower] = dir === 1 ? [from, r] : [r, from];
      const room = latticeSpan(table, upper.bbox);
      if (!wrapsInto(upper, lower, room.x1 - room.x0) || ownText(t, r, block)) continue;
      best = { run: r, gap };
    }
    return best;
  };
  // The pitch of the paragraph: the nearer of the seed's two neighbours (a line of another
  // cell's text lies a row pitch away, farther than the next wrapped line).
  const up = next(seed, -1, null);
  const down = next(seed, 1, null);
  const pitch = Math.min(up?.gap ?? Infinity, down?.gap ?? Infinity);
  if (!Number.isFinite(pitch)) return [seed];
  for (let n = next(seed, -1, pitch); n; n = next(block[0] as TextRun, -1, pitch)) block.unshift(n.run);
  for (let n = next(seed, 1, pitch); n; n = next(block.at(-1) as TextRun, 1, pitch)) block.push(n.run);
  // The other runs of the block's lines (a line drawn in pieces: `≥`, `450`, `人`).
  const pieces = candidates.filter(
    (r) => !block.includes(r) && inColumn(r) && block.some((b) => overlapX(r.bbox, b.bbox) <= 0 && Math.abs(centreY(r.bbox) - centreY(b.bbox)) <= BASELINE_EM * b.fontSize),
  );
  return [...block, ...pieces];
}

/** The unclipped runs placed in one table, by the cell holding their centre. */
interface TableRuns {
  table: CellLayout;
  runs: TextRun[];
  cellOf: Map<TextRun, number>;
  byCell: Map<number, TextRun[]>;
}

function tableRuns(table: CellLayout, runs: readonly TextRun[]): TableRuns {
  const cellOf = new Map<TextRun, number>();
  const byCell = new Map<number, TextRun[]>();
  for (const r of runs) {
    if (r.clip) continue;
    const k = cellAt(table, runCentre(r).x, runCentre(r).y);
    if (k < 0) continue;
    cellOf.set(r, k);
    byCell.set(k, [...(byCell.get(k) ?? []), r]);
  }
  return { table, runs: [...cellOf.keys()], cellOf, byCell };
}

/** The other runs of `run`'s cell. */
function cellMates(t: TableRuns, run: TextRun): TextRun[] {
  return (t.byCell.get(t.cellOf.get(run) ?? -1) ?? []).filter((r) => r !== run);
}

/** True when another run of the same cell is printed over `run` (overlapping it): an unclipped overhang. */
function overprinted(t: TableRuns, run: TextRun): boolean {
  return cellMates(t, run).some((r) => Math.abs(centreY(r.bbox) - centreY(run.bbox)) < OVERPRINT_EM * run.fontSize && overlapX(r.bbox, run.bbox) > 0);
}

/**
 * A line wholly inside one cell (crossing none of its borders) whose paragraph goes on in that
 * cell — another line of the cell, not in `block`, a paragraph pitch away, above or below it:
 * that cell's own text (the last line of a goal paragraph), not an overhang.
 */
function ownText(t: TableRuns, line: TextRun, block: readonly TextRun[]): boolean {
  if (crossesBorder(t.table, line)) return false;
  const em = line.fontSize;
  return cellMates(t, line).some((r) => {
    if (block.includes(r) || !sameSize(r, line) || overlapX(r.bbox, line.bbox) <= 0) return false;
    const gap = Math.abs(centreY(r.bbox) - centreY(line.bbox));
    return gap >= PITCH_EM.min * em && gap <= PITCH_EM.max * em;
  });
}

/** The cell holding most of `box` among the cells at x; ties go to the cell holding its centre. */
function cellHoldingMost(table: CellLayout, x: number, box: BBox): number {
  const c = locate(table.cols, x);
  if (c < 0) return -1;
  let best = -1;
  let bestOverlap = -Infinity;
  const centre = cellAt(table, x, centreY(box));
  for (let r = 0; r < table.rows.length - 1; r++) {
    const k = table.owner[r]?.[c] ?? -1;
    const cell = table.cells[k];
    if (!cell || (r > 0 && table.owner[r - 1]?.[c] === k)) continue;
    const overlap = Math.min(box.y1, cell.bbox.y1) - Math.max(box.y0, cell.bbox.y0);
    if (overlap > bestOverlap + TIE || (Math.abs(overlap - bestOverlap) <= TIE && k === centre)) {
      best = k;
      bestOverlap = Math.max(overlap, bestOverlap);
    }
  }
  return best;
}

/**
 * Anchors for the runs whose centre does not say their cell: clipped runs (by what shows) and
 * the runs of wrapped blocks (by the cell holding most of the block). Runs not in the map are
 * placed by their centre.
 */
export function placeRuns(tables: readonly CellLayout[], runs: readonly TextRun[]): Map<TextRun, Anchor> {
  const anchors = new Map<TextRun, Anchor>();
  for (const run of runs) if (run.clip) anchors.set(run, clipAnchor(run, run.clip));
  for (const table of tables) {
    const t = tableRuns(table, runs);
    for (const seed of t.runs) {
      if (anchors.has(seed) || !(crossesBorder(table, seed) || overprinted(t, seed))) continue;
      const { x } = runCentre(seed);
      const block = growBlock(
        seed,
        t.runs.filter((r) => !anchors.has(r)),
        t,
      );
      const box = {
        x0: Math.min(...block.map((r) => r.bbox.x0)),
        y0: Math.min(...block.map((r) => r.bbox.y0)),
        x1: Math.max(...block.map((r) => r.bbox.x1)),
        y1: Math.max(...block.map((r) => r.bbox.y1)),
      };
      const target = table.cells[cellHoldingMost(table, x, box)];
      if (!target) continue;
      const y = centreY(target.bbox);
      for (const r of block) {
        const cx = runCentre(r).x;
        anchors.set(r, { x: Math.min(Math.max(cx, target.bbox.x0 + 0.01), target.bbox.x1 - 0.01), y });
      }
    }
  }
  return anchors;
}
