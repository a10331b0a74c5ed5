/**
 * Step 4 of the grid stage: lattice → which lattice edges are ruled → cells (merged
 * regions with row/column spans).
 *
 * Units: PDF points; origin top-left, y downward (extract/types.ts).
 */
import type { BBox } from '../extract/types.js';
import type { Lattice } from './lattice.js';
import type { GridOptions } from './options.js';
import { UnionFind, coveredLength } from './util.js';

/** Which unit edges of the lattice are ruled. */
export interface LatticeBorders {
  /** h[i][c]: row boundary i (0..rows.length-1) is ruled over lattice column c. */
  h: boolean[][];
  /** v[j][r]: column boundary j (0..cols.length-1) is ruled over lattice row r. */
  v: boolean[][];
}

/** A cell before text: lattice position, spans, and box in points. */
export interface CellFrame {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  bbox: BBox;
}

/** The cells of one table on its (pruned) lattice. */
export interface CellLayout {
  /** Row / column boundaries (points); boundaries no cell starts at are pruned. */
  rows: number[];
  cols: number[];
  /** Cells sorted by row, then col; each lattice position in exactly one. */
  cells: CellFrame[];
  /** owner[r][c]: index in `cells` of the cell covering lattice position (r, c). */
  owner: number[][];
}

/**
 * A unit edge of the lattice is ruled when the rulings on its boundary cover at least
 * `coverageRatio` of its length.
 */
export function findBorders(lattice: Lattice, options: Pick<GridOptions, 'coverageRatio'>): LatticeBorders {
  const { rows, cols } = lattice;
  const ruled = (rulings: Lattice['rowRulings'][number] | undefined, a: number, b: number): boolean =>
    b > a && coveredLength(rulings ?? [], a, b) >= options.coverageRatio * (b - a);
  const h = rows.map((_, i) =>
    cols.slice(0, -1).map((x0, c) => ruled(lattice.rowRulings[i], x0, cols[c + 1] ?? x0)),
  );
  const v = cols.map((_, j) =>
    rows.slice(0, -1).map((y0, r) => ruled(lattice.colRulings[j], y0, rows[r + 1] ?? y0)),
  );
  return { h, v };
}

/** A merged region of lattice positions: inclusive row range r0..r1, column range c0..c1. */
export interface LatticeRegion {
  r0: number;
  c0: number;
  r1: number;
  c1: number;
}

/**
 * Merge lattice positions not separated by a ruled edge (union-find). A region that is not
 * a rectangle (broken borders) takes its bounding rectangle and absorbs every region that
 * rectangle overlaps, repeated until all regions are disjoint rectangles: deterministic and
 * every position ends in exactly one region. Returns the regions (inclusive lattice index
 * ranges), sorted by top row then left column.
 */
export function mergeRegions(nRows: number, nCols: number, borders: LatticeBorders): LatticeRegion[] {
  const id = (r: number, c: number): number => r * nCols + c;
  const uf = new UnionFind(nRows * nCols);
  for (let r = 0; r < nRows; r++) {
    for (let c = 0; c < nCols; c++) {
      if (c + 1 < nCols && !borders.v[c + 1]?.[r]) uf.union(id(r, c), id(r, c + 1));
      if (r + 1 < nRows && !borders.h[r + 1]?.[c]) uf.union(id(r, c), id(r + 1, c));
    }
  }
  for (;;) {
    const rects = new Map<number, LatticeRegion>();
    for (let r = 0; r < nRows; r++) {
      for (let c = 0; c < nCols; c++) {
        const root = uf.find(id(r, c));
        const rect = rects.get(root);
        if (!rect) rects.set(root, { r0: r, c0: c, r1: r, c1: c });
        else {
          rect.r0 = Math.min(rect.r0, r);
          rect.c0 = Math.min(rect.c0, c);
          rect.r1 = Math.max(rect.r1, r);
          rect.c1 = Math.max(rect.c1, c);
        }
      }
    }
    let changed = false;
    for (const [root, rect] of rects) {
      for (let r = rect.r0; r <= rect.r1; r++) {
        for (let c = rect.c0; c <= rect.c1; c++) if (uf.union(root, id(r, c))) changed = true;
      }
    }
    if (!changed) return [...rects.values()].sort((a, b) => a.r0 - b.r0 || a.c0 - b.c0);
  }
}

/** Keep boundary 0, the last one, and every inner boundary some region starts at. */
function keptBoundaries(count: number, starts: Iterable<number>): number[] {
  const used = new Set(starts);
  const kept: number[] = [];
  for (let i = 0; i < count; i++) if (i === 0 || i === count - 1 || used.has(i)) kept.push(i);
  return kept;
}

/**
 * Cells of a table: ruled unit edges (`findBorders`), merged regions (`mergeRegions`), then
 * inner boundaries that no cell starts at (a stub ruling that separates nothing) are pruned
 * from the lattice and indexes renumbered.
 */
export function buildCells(lattice: Lattice, options: Pick<GridOptions, 'coverageRatio'>): CellLayout {
  const nRows = lattice.rows.length - 1;
  const nCols = lattice.cols.length - 1;
  if (nRows < 1 || nCols < 1) return { rows: [...lattice.rows], cols: [...lattice.cols], cells: [], owner: [] };
  const regions = mergeRegions(nRows, nCols, findBorders(lattice, options));
  const keptRows = keptBoundaries(nRows + 1, regions.map((g) => g.r0));
  const keptCols = keptBoundaries(nCols + 1, regions.map((g) => g.c0));
  const rowIndex = new Map(keptRows.map((old, i) => [old, i]));
  const colIndex = new Map(keptCols.map((old, i) => [old, i]));
  const rows = keptRows.map((i) => lattice.rows[i] as number);
  const cols = keptCols.map((i) => lattice.cols[i] as number);
  const cells: CellFrame[] = regions.map((g) => {
    // A region's end boundary is always kept: the region below / right of it starts there.
    const row = rowIndex.get(g.r0) ?? 0;
    const col = colIndex.get(g.c0) ?? 0;
    const rowEnd = rowIndex.get(g.r1 + 1) ?? rows.length - 1;
    const colEnd = colIndex.get(g.c1 + 1) ?? cols.length - 1;
    return {
      row,
      col,
      rowSpan: rowEnd - row,
      colSpan: colEnd - col,
      bbox: { x0: cols[col] as number, y0: rows[row] as number, x1: cols[colEnd] as number, y1: rows[rowEnd] as number },
    };
  });
  cells.sort((a, b) => a.row - b.row || a.col - b.col);
  return { rows, cols, cells, owner: ownerTable(cells, rows.length - 1, cols.length - 1) };
}

/** owner[r][c]: index in `cells` of the cell covering lattice position (r, c), -1 where none does. */
export function ownerTable(cells: readonly CellFrame[], nRows: number, nCols: number): number[][] {
  const owner = Array.from({ length: nRows }, () => new Array<number>(nCols).fill(-1));
  cells.forEach((cell, k) => {
    for (let r = cell.row; r < cell.row + cell.rowSpan; r++) {
      const line = owner[r] as number[];
      for (let c = cell.col; c < cell.col + cell.colSpan; c++) line[c] = k;
    }
  });
  return owner;
}
