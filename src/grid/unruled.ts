/**
 * Text beside the ruled table: a column added after the borders were drawn, or borders drawn
 * on part of the table (field-03, field-04: the budget 得分 header and its value sit just right
 * of the table's last rule). Runs whose vertical centre lies in a lattice row and that sit just
 * past the table's left or right edge become cells of an unruled column of that table, one cell
 * per lattice row (pdfplumber's `text` strategy and Camelot's stream mode find columns the same
 * way), so the label-based form reader sees them.
 *
 * A column needs runs in at least `MIN_ROWS` rows that share one horizontal band, each inside
 * its row: a lone note beside a table is not a column.
 *
 * Units: PDF points; origin top-left, y downward (extract/types.ts).
 */
import type { TextRun } from '../extract/types.js';
import { ownerTable, type CellFrame, type CellLayout } from './cells.js';
import { runCentre } from './text.js';
import { locate } from './util.js';

/** A run starts at most this many em past the table's edge to belong to it. */
const MAX_GAP_EM = 4;
/** Rows (distinct lattice rows) an unruled column must hold text in. */
const MIN_ROWS = 2;
/** Share of a run's height that may stick out of its row. */
const ROW_SLACK = 0.25;

type Side = 'left' | 'right';

/** The runs beside one side of the table that sit inside a lattice row, with that row. */
function besideRuns(table: CellLayout, runs: readonly TextRun[], side: Side): TextRun[] {
  const left = table.cols[0] as number;
  const right = table.cols.at(-1) as number;
  return runs.filter((run) => {
    const b = run.bbox;
    const gap = side === 'right' ? b.x0 - right : left - b.x1;
    if (gap < 0 || gap > MAX_GAP_EM * run.fontSize) return false;
    const r = locate(table.rows, runCentre(run).y);
    if (r < 0) return false;
    const slack = ROW_SLACK * (b.y1 - b.y0);
    return b.y0 >= (table.rows[r] as number) - slack && b.y1 <= (table.rows[r + 1] as number) + slack;
  });
}

/**
 * The band [x0, x1] of an unruled column on one side, or null: the runs nearest the edge that
 * overlap each other horizontally, in at least `MIN_ROWS` rows.
 */
function columnBand(table: CellLayout, runs: readonly TextRun[], side: Side): { x0: number; x1: number } | null {
  const beside = besideRuns(table, runs, side);
  if (beside.length === 0) return null;
  const near = side === 'right' ? beside.reduce((a, b) => (b.bbox.x0 < a.bbox.x0 ? b : a)) : beside.reduce((a, b) => (b.bbox.x1 > a.bbox.x1 ? b : a));
  const band = { x0: near.bbox.x0, x1: near.bbox.x1 };
  const members = beside.filter((r) => Math.min(r.bbox.x1, band.x1) > Math.max(r.bbox.x0, band.x0));
  for (const r of members) {
    band.x0 = Math.min(band.x0, r.bbox.x0);
    band.x1 = Math.max(band.x1, r.bbox.x1);
  }
  const rows = new Set(members.map((r) => locate(table.rows, runCentre(r).y)));
  return rows.size >= MIN_ROWS ? band : null;
}

/** The table with one more lattice column at `side`, from the table edge to `outer`, a cell per row. */
function withColumn(table: CellLayout, side: Side, outer: number): CellLayout {
  const cols = side === 'right' ? [...table.cols, outer] : [outer, ...table.cols];
  const shift = side === 'left' ? 1 : 0;
  const nCols = cols.length - 1;
  const newCol = side === 'right' ? nCols - 1 : 0;
  const cells: CellFrame[] = table.cells.map((c) => ({ ...c, col: c.col + shift }));
  const [x0, x1] = [cols[newCol] as number, cols[newCol + 1] as number];
  for (let r = 0; r < table.rows.length - 1; r++) {
    cells.push({ row: r, col: newCol, rowSpan: 1, colSpan: 1, bbox: { x0, y0: table.rows[r] as number, x1, y1: table.rows[r + 1] as number } });
  }
  cells.sort((a, b) => a.row - b.row || a.col - b.col);
  return { rows: table.rows, cols, cells, owner: ownerTable(cells, table.rows.length - 1, nCols) };
}

/**
 * Each table with an unruled column added on the side(s) where runs outside every table form
 * one (see the module comment). The new boundary lies as far past the text as the text lies
 * past the table's edge.
 */
export function addUnruledColumns(tables: readonly CellLayout[], runs: readonly TextRun[]): CellLayout[] {
  const outside = runs.filter((run) => {
    const { x, y } = runCentre(run);
    return tables.every((t) => locate(t.rows, y) < 0 || locate(t.cols, x) < 0);
  });
  return tables.map((table) => {
    let out = table;
    const right = columnBand(table, outside, 'right');
    if (right) out = withColumn(out, 'right', right.x1 + Math.max(right.x0 - (table.cols.at(-1) as number), 1));
    const left = columnBand(table, outside, 'left');
    if (left) out = withColumn(out, 'left', left.x0 - Math.max((table.cols[0] as number) - left.x1, 1));
    return out;
  });
}
