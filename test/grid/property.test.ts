import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildPageLayout } from '../../src/grid/index.js';
import { drawLattice, expectedCells, page, rng, runAt, shape, shuffle, type BorderStyle, type Merge } from './helpers.js';

const STYLES: BorderStyle[] = ['long', 'pieces', 'gappy'];

/** Accept candidate merges in order when inside the lattice, > 1 position, and disjoint. */
function disjointMerges(nR: number, nC: number, candidates: Merge[]): Merge[] {
  const taken = new Set<string>();
  const out: Merge[] = [];
  for (const m of candidates) {
    if (m.row + m.rowSpan > nR || m.col + m.colSpan > nC || m.rowSpan * m.colSpan < 2) continue;
    const keys: string[] = [];
    for (let r = m.row; r < m.row + m.rowSpan; r++) for (let c = m.col; c < m.col + m.colSpan; c++) keys.push(`${r},${c}`);
    if (keys.some((k) => taken.has(k))) continue;
    keys.forEach((k) => taken.add(k));
    out.push(m);
  }
  return out;
}

/** Boundary indexes that survive: the outer ones and every one some cell starts at. */
function kept(count: number, starts: number[]): number[] {
  const used = new Set(starts);
  return Array.from({ length: count }, (_, i) => i).filter((i) => i === 0 || i === count - 1 || used.has(i));
}

const latticeArb = fc
  .record({
    heights: fc.array(fc.integer({ min: 8, max: 40 }), { minLength: 1, maxLength: 8 }),
    widths: fc.array(fc.integer({ min: 10, max: 90 }), { minLength: 1, maxLength: 8 }),
    origin: fc.tuple(fc.double({ min: 20, max: 120, noNaN: true }), fc.double({ min: 20, max: 300, noNaN: true })),
    merges: fc.array(
      fc.record({
        row: fc.nat({ max: 7 }),
        col: fc.nat({ max: 7 }),
        rowSpan: fc.integer({ min: 1, max: 4 }),
        colSpan: fc.integer({ min: 1, max: 4 }),
      }),
      { maxLength: 6 },
    ),
    seed: fc.integer(),
  })
  .map(({ heights, widths, origin, merges, seed }) => {
    const ys = [origin[1]];
    for (const hgt of heights) ys.push((ys[ys.length - 1] as number) + hgt);
    const xs = [origin[0]];
    for (const w of widths) xs.push((xs[xs.length - 1] as number) + w);
    return { ys, xs, merges: disjointMerges(heights.length, widths.length, merges), seed };
  });

describe('buildPageLayout: random lattices (property)', () => {
  it('recovers lattice size, cells, bboxes and text placement from any border drawing', () => {
    fc.assert(
      fc.property(latticeArb, ({ ys, xs, merges, seed }) => {
        const random = rng(seed);
        const nR = ys.length - 1;
        const nC = xs.length - 1;
        const styles = Array.from({ length: nR + nC + 2 }, () => STYLES[Math.floor(random() * 3)] as BorderStyle);
        const segments = shuffle(drawLattice(ys, xs, merges, (i) => styles[i] ?? 'long', random, 0.4), random);
        const cells = expectedCells(nR, nC, merges);
        const runs = shuffle(
          cells.map((c) =>
            runAt(
              `r${c.row}c${c.col}`,
              ((xs[c.col] as number) + (xs[c.col + c.colSpan] as number)) / 2,
              ((ys[c.row] as number) + (ys[c.row + c.rowSpan] as number)) / 2,
            ),
          ),
          random,
        );

        const layout = buildPageLayout(page(segments, runs));

        // A boundary that no cell starts at is drawn nowhere: the expected lattice lacks it too.
        const rowsKept = kept(nR + 1, cells.map((c) => c.row));
        const colsKept = kept(nC + 1, cells.map((c) => c.col));
        const rowIdx = new Map(rowsKept.map((o, i) => [o, i]));
        const colIdx = new Map(colsKept.map((o, i) => [o, i]));
        const expected = cells.map((c) => {
          const row = rowIdx.get(c.row) as number;
          const col = colIdx.get(c.col) as number;
          return {
            row,
            col,
            rowSpan: (rowIdx.get(c.row + c.rowSpan) as number) - row,
            colSpan: (colIdx.get(c.col + c.colSpan) as number) - col,
          };
        });

        expect(layout.grids).toHaveLength(1);
        const grid = layout.grids[0];
        if (!grid) return;
        expect(grid.rows).toHaveLength(rowsKept.length);
        expect(grid.cols).toHaveLength(colsKept.length);
        expect(grid.cells.map(shape)).toEqual(expected);
        grid.cells.forEach((cell, k) => {
          const src = cells[k] as Merge;
          const want = {
            x0: xs[src.col] as number,
            y0: ys[src.row] as number,
            x1: xs[src.col + src.colSpan] as number,
            y1: ys[src.row + src.rowSpan] as number,
          };
          expect(Math.abs(cell.bbox.x0 - want.x0)).toBeLessThanOrEqual(1);
          expect(Math.abs(cell.bbox.y0 - want.y0)).toBeLessThanOrEqual(1);
          expect(Math.abs(cell.bbox.x1 - want.x1)).toBeLessThanOrEqual(1);
          expect(Math.abs(cell.bbox.y1 - want.y1)).toBeLessThanOrEqual(1);
          expect(cell.text).toBe(`r${src.row}c${src.col}`);
          expect(cell.runs).toHaveLength(1);
        });
        expect(layout.freeRuns).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
