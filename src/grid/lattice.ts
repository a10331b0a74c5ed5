/**
 * Step 3 of the grid stage: a table's edges → its lattice (row and column boundaries) and
 * which stretches of each boundary are actually ruled.
 *
 * Units: PDF points; origin top-left, y downward (extract/types.ts).
 */
import type { Edge, TableEdges } from './edges.js';
import type { GridOptions } from './options.js';
import { clusterByKey, unionIntervals, type Interval } from './util.js';

/**
 * The lattice of one table: every distinct row boundary (y of a horizontal ruling) and
 * column boundary (x of a vertical ruling), and for each boundary the ruled stretches on it.
 */
export interface Lattice {
  /** Row boundaries, ascending y (points). */
  rows: number[];
  /** Column boundaries, ascending x (points). */
  cols: number[];
  /** rowRulings[i]: x-intervals ruled along y = rows[i] (sorted, disjoint). */
  rowRulings: Interval[][];
  /** colRulings[j]: y-intervals ruled along x = cols[j] (sorted, disjoint). */
  colRulings: Interval[][];
}

interface Boundary {
  pos: number;
  rulings: Interval[];
}

/** Cluster edges of one axis by position (chained ≤ tolerance) into boundaries. */
function boundaries(edges: readonly Edge[], tolerance: number): Boundary[] {
  return clusterByKey(edges, (e) => e.pos, tolerance).map((group) => {
    let wsum = 0;
    let psum = 0;
    for (const e of group) {
      const w = Math.max(e.to - e.from, 0.1);
      wsum += w;
      psum += w * e.pos;
    }
    return { pos: psum / wsum, rulings: unionIntervals(group.map((e) => ({ from: e.from, to: e.to }))) };
  });
}

/**
 * Where at least two perpendicular edges end together beyond the outermost boundary, by at
 * least `minExtent`: the position of that common end, else null. `ends` are the edges'
 * end coordinates; `outward` is +1 when looking past the last boundary, -1 before the first.
 */
function openEnd(ends: readonly number[], limit: number, outward: 1 | -1, tolerance: number, minExtent: number): number | null {
  if (!Number.isFinite(minExtent)) return null;
  const groups = clusterByKey(ends, (x) => x, tolerance);
  if (outward === 1) groups.reverse();
  for (const g of groups) {
    if (g.length < 2) continue;
    const mean = g.reduce((a, b) => a + b, 0) / g.length;
    return outward * (mean - limit) >= minExtent ? mean : null;
  }
  return null;
}

/**
 * Boundaries of a table: horizontal edges' positions clustered with `latticeTolerance` give
 * the rows, vertical ones the columns (each boundary at the length-weighted mean position).
 * Open sides (see `GridOptions.openEdgeMinExtent`) add an unruled outer boundary.
 */
export function buildLattice(
  table: TableEdges,
  options: Pick<GridOptions, 'latticeTolerance' | 'openEdgeMinExtent'>,
): Lattice {
  const tol = options.latticeTolerance;
  const rowB = boundaries(table.h, tol);
  const colB = boundaries(table.v, tol);
  const extend = (list: Boundary[], ends: { from: number[]; to: number[] }): void => {
    const first = list[0];
    const last = list[list.length - 1];
    if (!first || !last) return;
    const before = openEnd(ends.from, first.pos, -1, tol, options.openEdgeMinExtent);
    const after = openEnd(ends.to, last.pos, 1, tol, options.openEdgeMinExtent);
    if (before !== null) list.unshift({ pos: before, rulings: [] });
    if (after !== null) list.push({ pos: after, rulings: [] });
  };
  extend(rowB, { from: table.v.map((e) => e.from), to: table.v.map((e) => e.to) });
  extend(colB, { from: table.h.map((e) => e.from), to: table.h.map((e) => e.to) });
  return {
    rows: rowB.map((b) => b.pos),
    cols: colB.map((b) => b.pos),
    rowRulings: rowB.map((b) => b.rulings),
    colRulings: colB.map((b) => b.rulings),
  };
}
