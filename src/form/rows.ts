/**
 * The document as one stream of rows in reading order: every lattice row of every table,
 * and every line of text outside tables, ordered by page then top y. A merged cell appears
 * in every row it spans (the same `CellText`), which carries merged labels to each row.
 */
import type { TextRun } from '../extract/types.js';
import type { Cell, Grid, PageLayout } from '../grid/types.js';
import { DEFAULT_GRID_OPTIONS, groupLines, joinCellText } from '../grid/index.js';
import type { CellText } from './types.js';

export interface RowCell {
  /** Lattice column range [colStart, colEnd) covered, or -1s for free text. */
  colStart: number;
  colEnd: number;
  text: CellText;
}

export interface StreamRow {
  page: number;
  /** Top y of the row (points, top-left origin). */
  y: number;
  /** The table the row belongs to; undefined for a line of free text. */
  grid?: Grid;
  /** Lattice row index within `grid`. */
  row?: number;
  cells: RowCell[];
}

function cellText(cell: Cell, page: number): CellText {
  const ocr = cell.runs.some((r) => r.source === 'ocr');
  const confidence = cell.runs.length > 0 ? Math.min(...cell.runs.map((r) => r.confidence)) : 1;
  const replaced = cell.runs.length === 1 ? cell.runs[0]?.replaced : undefined;
  return { text: cell.text, page, bbox: cell.bbox, source: ocr ? 'ocr' : 'text', confidence, ...(replaced !== undefined ? { replaced } : {}) };
}

/** Free runs as lines (the grid stage's line grouping), each line one row of one cell. */
function freeLines(runs: readonly TextRun[], page: number): StreamRow[] {
  return groupLines(runs, DEFAULT_GRID_OPTIONS).map((line) => {
    const text: CellText = {
      text: joinCellText(line, DEFAULT_GRID_OPTIONS),
      page,
      bbox: {
        x0: Math.min(...line.map((r) => r.bbox.x0)),
        y0: Math.min(...line.map((r) => r.bbox.y0)),
        x1: Math.max(...line.map((r) => r.bbox.x1)),
        y1: Math.max(...line.map((r) => r.bbox.y1)),
      },
      source: line.some((r) => r.source === 'ocr') ? 'ocr' : 'text',
      confidence: Math.min(...line.map((r) => r.confidence)),
    };
    return { page, y: text.bbox.y0, cells: [{ colStart: -1, colEnd: -1, text }] };
  });
}

/** All rows of one table, top to bottom; each row lists the cells covering it, left to right. */
function gridRows(grid: Grid): StreamRow[] {
  const texts = new Map<Cell, CellText>();
  for (const cell of grid.cells) texts.set(cell, cellText(cell, grid.page));
  const rows: StreamRow[] = [];
  for (let r = 0; r < grid.rows.length - 1; r++) {
    const cells = grid.cells
      .filter((c) => c.row <= r && r < c.row + c.rowSpan)
      .sort((a, b) => a.col - b.col)
      .map((c) => ({ colStart: c.col, colEnd: c.col + c.colSpan, text: texts.get(c) as CellText }));
    rows.push({ page: grid.page, y: grid.rows[r] ?? 0, grid, row: r, cells });
  }
  return rows;
}

/** The whole document as rows in reading order. */
export function documentRows(layouts: readonly PageLayout[]): StreamRow[] {
  const rows: StreamRow[] = [];
  for (const layout of layouts) {
    const pageRows = [...freeLines(layout.freeRuns, layout.page), ...layout.grids.flatMap(gridRows)];
    // Stable: a free line and a table row at the same y keep table order after the line.
    pageRows.sort((a, b) => a.y - b.y);
    rows.push(...pageRows);
  }
  return rows;
}
