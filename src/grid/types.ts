/**
 * Output of the grid stage: ruled tables rebuilt from ruling segments, with text in cells.
 * Coordinates: page points, top-left origin, y downward (see extract/types.ts).
 */
import type { BBox, TextRun } from '../extract/types.js';

/** One cell of a table; a merged cell spans several lattice rows/columns. */
export interface Cell {
  /** Index of the first lattice row / column the cell covers (0-based). */
  row: number;
  col: number;
  /** Number of lattice rows / columns covered (≥ 1). */
  rowSpan: number;
  colSpan: number;
  bbox: BBox;
  /**
   * The cell's text: runs in reading order (lines top to bottom, runs left to right),
   * whitespace collapsed, no space between CJK characters, wrapped lines joined.
   */
  text: string;
  /** The runs assigned to the cell (by their centre point), in reading order. */
  runs: TextRun[];
}

/** One ruled table found on a page. */
export interface Grid {
  /** 1-based page number. */
  page: number;
  bbox: BBox;
  /** Lattice row boundaries, ascending y (rows.length = number of rows + 1). */
  rows: number[];
  /** Lattice column boundaries, ascending x (cols.length = number of columns + 1). */
  cols: number[];
  /** Every cell, each lattice position covered by exactly one cell, sorted by row then col. */
  cells: Cell[];
}

/** A page after grid reconstruction: its tables, and the text outside any table. */
export interface PageLayout {
  page: number;
  width: number;
  height: number;
  /** Tables in reading order (top to bottom, then left to right). */
  grids: Grid[];
  /** Runs not inside any table (titles, year lines, footers), in reading order. */
  freeRuns: TextRun[];
}
