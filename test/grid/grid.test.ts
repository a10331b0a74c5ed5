import { describe, expect, it } from 'vitest';
import {
  analyzePage,
  buildPageLayout,
  findIntersections,
  findTables,
  mergeSegments,
  resolveGridOptions,
  type Grid,
} from '../../src/grid/index.js';
import type { Segment } from '../../src/extract/types.js';
import { drawLattice, h, page, rng, run, runAt, shape, shuffle, v } from './helpers.js';

const XS = [50, 150, 250, 350];
const YS = [100, 130, 160, 190];

/** 3×3 table, top row's first two cells merged, drawn with one long line per boundary. */
function mergedTable(): Segment[] {
  return [
    h(100, 50, 350),
    h(130, 50, 350),
    h(160, 50, 350),
    h(190, 50, 350),
    v(50, 100, 190),
    v(150, 130, 190), // no border between (0,0) and (0,1)
    v(250, 100, 190),
    v(350, 100, 190),
  ];
}

const MERGED_SHAPES = [
  { row: 0, col: 0, rowSpan: 1, colSpan: 2 },
  { row: 0, col: 2, rowSpan: 1, colSpan: 1 },
  { row: 1, col: 0, rowSpan: 1, colSpan: 1 },
  { row: 1, col: 1, rowSpan: 1, colSpan: 1 },
  { row: 1, col: 2, rowSpan: 1, colSpan: 1 },
  { row: 2, col: 0, rowSpan: 1, colSpan: 1 },
  { row: 2, col: 1, rowSpan: 1, colSpan: 1 },
  { row: 2, col: 2, rowSpan: 1, colSpan: 1 },
];

function only(grids: Grid[]): Grid {
  expect(grids).toHaveLength(1);
  return grids[0] as Grid;
}

function expectClose(actual: number[], expected: number[], tol = 1): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((a, i) => expect(Math.abs(a - (expected[i] as number))).toBeLessThanOrEqual(tol));
}

describe('mergeSegments', () => {
  it('snaps jittered collinear pieces and joins pieces with small gaps', () => {
    const edges = mergeSegments(
      [h(100, 0, 40), h(100.6, 41.5, 80), h(99.7, 81, 120), h(100.2, 118, 150), h(100, 200, 240)],
      resolveGridOptions(),
    );
    expect(edges).toHaveLength(2);
    const [a, b] = edges;
    expect(a).toMatchObject({ axis: 'h', from: 0, to: 150, pieces: 4 });
    expect(Math.abs((a?.pos ?? 0) - 100)).toBeLessThan(0.5);
    expect(b).toMatchObject({ axis: 'h', pos: 100, from: 200, to: 240, pieces: 1 });
  });

  it('drops tiny pieces, thick bars and non-finite noise, keeps orientation separate', () => {
    const edges = mergeSegments(
      [
        h(10, 0, 2), // tiny
        v(10, 0, 1.5), // tiny
        h(50, 0, 100, 20), // thick bar, not a ruling
        { axis: 'h', pos: Number.NaN, from: 0, to: 10, thickness: 1 },
        { axis: 'v', pos: 30, from: 80, to: 20, thickness: 1 }, // reversed: normalized
      ],
      resolveGridOptions(),
    );
    expect(edges).toEqual([{ axis: 'v', pos: 30, from: 20, to: 80, thickness: 1, pieces: 1 }]);
  });

  it('joins a line dashed into many touching pieces', () => {
    const dashes = Array.from({ length: 50 }, (_, i) => h(10, i * 4, i * 4 + 2));
    const edges = mergeSegments(dashes, resolveGridOptions());
    expect(edges).toEqual([{ axis: 'h', pos: 10, from: 0, to: 198, thickness: 0.5, pieces: 50 }]);
  });
});

describe('buildPageLayout: structure', () => {
  it('rebuilds a 3×3 table with one merged cell', () => {
    const layout = buildPageLayout(page(mergedTable()));
    const grid = only(layout.grids);
    expect(grid.rows).toEqual(YS);
    expect(grid.cols).toEqual(XS);
    expect(grid.bbox).toEqual({ x0: 50, y0: 100, x1: 350, y1: 190 });
    expect(grid.cells.map(shape)).toEqual(MERGED_SHAPES);
    expect(grid.cells[0]?.bbox).toEqual({ x0: 50, y0: 100, x1: 250, y1: 130 });
    expect(grid.cells[7]?.bbox).toEqual({ x0: 250, y0: 160, x1: 350, y1: 190 });
    expect(grid.page).toBe(1);
  });

  it('rebuilds the same table from per-cell-edge pieces with gaps and jitter', () => {
    const random = rng(7);
    const segments = drawLattice(YS, XS, [{ row: 0, col: 0, rowSpan: 1, colSpan: 2 }], () => 'gappy', random, 0.5);
    // Per-cell pieces: 3 + 3 + 3 + 3 horizontal, 3 + 2 + 3 + 3 vertical.
    expect(segments).toHaveLength(23);
    const grid = only(buildPageLayout(page(shuffle(segments, random))).grids);
    expect(grid.cells.map(shape)).toEqual(MERGED_SHAPES);
    expectClose(grid.rows, YS, 0.5);
    expectClose(grid.cols, XS, 0.5);
  });

  it('reads thin filled rectangles (thick centre-line segments) and double strokes', () => {
    const segments: Segment[] = [
      // thin rectangles as segments along their centre line, 1.5 pt thick
      h(100, 49.25, 350.75, 1.5),
      h(130, 49.25, 350.75, 1.5),
      h(160, 49.25, 350.75, 1.5),
      // bottom border stroked twice, 0.7 pt apart, and once more exactly on top
      h(189.65, 50, 350),
      h(190.35, 50, 350),
      h(190.35, 50, 350),
      v(50, 99.25, 190.75, 1.5),
      v(150, 129.25, 190.75, 1.5),
      v(250, 99.25, 190.75, 1.5),
      v(350, 99.25, 190.75, 1.5),
      v(350.5, 99.25, 190.75, 1.5), // double stroke on the right
    ];
    const analysis = analyzePage(page(segments));
    expect(analysis.edges.filter((e) => e.axis === 'h')).toHaveLength(4);
    expect(analysis.edges.filter((e) => e.axis === 'v')).toHaveLength(4);
    const grid = only(analysis.layout.grids);
    expect(grid.cells.map(shape)).toEqual(MERGED_SHAPES);
    expectClose(grid.rows, YS, 0.5);
    expectClose(grid.cols, XS, 0.5);
  });

  it('finds two tables on one page, in reading order, with free text around them', () => {
    const lower = drawLattice([400, 420, 440], [60, 200, 500], [], () => 'long', rng(1));
    const upper = drawLattice([80, 100, 120, 140], [60, 300, 500], [{ row: 2, col: 0, rowSpan: 1, colSpan: 2 }], () => 'pieces', rng(2));
    const runs = [
      run('项目支出绩效自评表', 200, 50, 16),
      runAt('项目名称', 180, 90),
      runAt('合计', 280, 130),
      runAt('第二张', 130, 410),
      run('（2023年度）', 250, 70, 8),
    ];
    const layout = buildPageLayout(page([...lower, ...upper], runs));
    expect(layout.grids).toHaveLength(2);
    const [first, second] = layout.grids as [Grid, Grid];
    expect(first.rows).toEqual([80, 100, 120, 140]);
    expect(first.cells.map(shape)).toContainEqual({ row: 2, col: 0, rowSpan: 1, colSpan: 2 });
    expect(first.cells).toHaveLength(5);
    expect(first.cells[0]?.text).toBe('项目名称');
    expect(first.cells[4]?.text).toBe('合计');
    expect(second.rows).toEqual([400, 420, 440]);
    expect(second.cells).toHaveLength(4);
    expect(second.cells[0]?.text).toBe('第二张');
    expect(layout.freeRuns.map((r) => r.text)).toEqual(['项目支出绩效自评表', '（2023年度）']);
  });

  it('orders tables side by side left to right', () => {
    const right = drawLattice([100.5, 120, 140], [320, 400, 500], [], () => 'long', rng(3));
    const left = drawLattice([100, 120, 140], [50, 150, 250], [], () => 'long', rng(4));
    const layout = buildPageLayout(page([...right, ...left]));
    expect(layout.grids.map((g) => g.bbox.x0)).toEqual([50, 320]);
  });

  it('ignores noise: a tiny table nested in a cell, stray ticks, a lone underline', () => {
    const segments = [
      ...mergedTable(),
      // checkbox drawn inside cell (1,1)
      h(140, 190, 198),
      h(148, 190, 198),
      v(190, 140, 148),
      v(198, 140, 148),
      h(60, 100, 300), // underline under the title, touches nothing
      h(170, 60, 61), // 1 pt tick
    ];
    const layout = buildPageLayout(page(segments, [runAt('✓', 194, 144), runAt('title', 200, 55)]));
    const grid = only(layout.grids);
    expect(grid.rows).toEqual(YS);
    expect(grid.cols).toEqual(XS);
    expect(grid.cells.map(shape)).toEqual(MERGED_SHAPES);
    expect(grid.cells[3]?.text).toBe('✓');
    expect(layout.freeRuns.map((r) => r.text)).toEqual(['title']);
  });

  it('needs two horizontal and two vertical lines for a table', () => {
    const layout = buildPageLayout(page([h(100, 50, 350), h(130, 50, 350), v(50, 100, 130)], [runAt('x', 100, 115)]));
    expect(layout.grids).toEqual([]);
    expect(layout.freeRuns.map((r) => r.text)).toEqual(['x']);
  });

  it('adds the open top of a table continued from the previous page', () => {
    // no top rule: the verticals start at the page margin (y = 40), first rule at y = 70
    const segments = [h(70, 50, 350), h(100, 50, 350), v(50, 40, 100), v(200, 40, 100), v(350, 40, 100)];
    const layout = buildPageLayout(page(segments, [runAt('续上页', 120, 55), runAt('b', 300, 85)]));
    const grid = only(layout.grids);
    expect(grid.rows).toEqual([40, 70, 100]);
    expect(grid.cols).toEqual([50, 200, 350]);
    expect(grid.cells).toHaveLength(4);
    expect(grid.cells[0]?.text).toBe('续上页');
    expect(grid.cells[3]?.text).toBe('b');
    expect(layout.freeRuns).toEqual([]);
  });

  it('uses the bounding rectangle of a non-rectangular region and covers every position once', () => {
    // 3×3 lattice; cell (1,1) lost its right and bottom borders, so (1,1),(1,2),(2,1) connect
    // into an L; its bounding box also swallows (2,2).
    const segments = [
      h(100, 50, 350),
      h(130, 50, 350),
      h(160, 50, 150),
      h(160, 250, 350),
      h(190, 50, 350),
      v(50, 100, 190),
      v(150, 100, 190),
      v(250, 100, 130),
      v(250, 160, 190),
      v(350, 100, 190),
    ];
    const grid = only(buildPageLayout(page(segments)).grids);
    expect(grid.cells.map(shape)).toEqual([
      { row: 0, col: 0, rowSpan: 1, colSpan: 1 },
      { row: 0, col: 1, rowSpan: 1, colSpan: 1 },
      { row: 0, col: 2, rowSpan: 1, colSpan: 1 },
      { row: 1, col: 0, rowSpan: 1, colSpan: 1 },
      { row: 1, col: 1, rowSpan: 2, colSpan: 2 },
      { row: 2, col: 0, rowSpan: 1, colSpan: 1 },
    ]);
  });

  it('treats a border covering less than half of a cell edge as absent, and prunes stubs', () => {
    const segments = [
      h(100, 50, 350),
      h(130, 50, 350),
      v(50, 100, 130),
      v(350, 100, 130),
      v(200, 100, 110), // a stub: a third of the row height
    ];
    const grid = only(buildPageLayout(page(segments)).grids);
    expect(grid.cols).toEqual([50, 350]);
    expect(grid.cells.map(shape)).toEqual([{ row: 0, col: 0, rowSpan: 1, colSpan: 1 }]);
  });

  it('keeps every intermediate result for a debug view', () => {
    const a = analyzePage(page(mergedTable()));
    expect(a.edges).toHaveLength(8);
    expect(a.intersections.length).toBe(4 * 4 - 1);
    expect(a.tables).toHaveLength(1);
    expect(a.tables[0]?.lattice.rows).toEqual(YS);
    expect(a.tables[0]?.cells.owner[0]).toEqual([0, 0, 1]);
    const tables = findTables(a.edges, findIntersections(a.edges, a.options), a.options);
    expect(tables[0]?.bbox).toEqual({ x0: 50, y0: 100, x1: 350, y1: 190 });
  });

  it('takes a few ms for a page of ~150 cells drawn in ~300 pieces', () => {
    const ys = Array.from({ length: 26 }, (_, i) => 60 + i * 28);
    const xs = [40, 120, 200, 280, 360, 440, 555];
    const random = rng(11);
    const segments = shuffle(drawLattice(ys, xs, [], (i) => (i % 2 ? 'pieces' : 'long'), random, 0.4), random);
    expect(segments.length).toBeGreaterThan(150);
    const runs = ys.slice(0, -1).flatMap((y, r) => xs.slice(0, -1).map((x, c) => runAt(`r${r}c${c}`, x + 20, y + 14)));
    const p = page(segments, runs);
    buildPageLayout(p); // warm up
    const n = 20;
    const t0 = performance.now();
    for (let i = 0; i < n; i++) buildPageLayout(p);
    const perPage = (performance.now() - t0) / n;
    const grid = only(buildPageLayout(p).grids);
    expect(grid.cells).toHaveLength(150);
    expect(perPage).toBeLessThan(20);
  });
});
