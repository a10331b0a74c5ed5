/**
 * The grid stage end to end: PageContent → PageLayout, keeping every intermediate result
 * (`analyzePage`) so a debug view can draw edges, intersections, lattices and cells.
 *
 * Units: PDF points; origin top-left, y downward (extract/types.ts).
 */
import type { PageContent, TextRun } from '../extract/types.js';
import type { Grid, PageLayout } from './types.js';
import { buildCells, type CellLayout } from './cells.js';
import { findIntersections, findTables, mergeSegments, sortByReadingOrder, type Edge, type Intersection, type TableEdges } from './edges.js';
import { buildLattice, type Lattice } from './lattice.js';
import { resolveGridOptions, type GridOptions } from './options.js';
import { splitRunsAtBorders } from './split.js';
import { placeRuns } from './blocks.js';
import { addUnruledColumns } from './unruled.js';
import { assignRuns, dropDuplicateRuns, groupLines, isBlankRun, joinCellText, readingOrder } from './text.js';

/** One table through every step. */
export interface TableAnalysis {
  edges: TableEdges;
  lattice: Lattice;
  cells: CellLayout;
  grid: Grid;
}

/** Every intermediate result of the grid stage for one page. */
export interface PageAnalysis {
  options: GridOptions;
  /** Merged edges of the whole page (before grouping into tables). */
  edges: Edge[];
  /** Intersections between `edges` (indexes into `edges`). */
  intersections: Intersection[];
  /** Tables in reading order (same order as `layout.grids`). */
  tables: TableAnalysis[];
  layout: PageLayout;
}

/**
 * Run the whole chain: `mergeSegments` → `findIntersections` → `findTables` →
 * `buildLattice` → `buildCells` → `addUnruledColumns` → `splitRunsAtBorders` → `placeRuns` (clips, wrapped blocks)
 * → `assignRuns` → `joinCellText`.
 */
export function analyzePage(page: PageContent, options?: Partial<GridOptions>): PageAnalysis {
  const opts = resolveGridOptions(options);
  const edges = mergeSegments(page.segments, opts);
  const intersections = findIntersections(edges, opts);
  const tableEdges = findTables(edges, intersections, opts);
  const built = tableEdges
    .map((t) => {
      const lattice = buildLattice(t, opts);
      return { edges: t, lattice, cells: buildCells(lattice, opts) };
    })
    .filter((t) => t.cells.cells.length > 0);
  const ordered = sortByReadingOrder(built, (t) => gridBBox(t.cells), opts.latticeTolerance);

  const visible = dropDuplicateRuns(
    page.runs.filter((r) => !isBlankRun(r)),
    opts.duplicateRunTolerance,
  );
  const layouts = addUnruledColumns(
    ordered.map((t) => t.cells),
    visible,
  );
  ordered.forEach((t, i) => (t.cells = layouts[i] as CellLayout));
  const runs: TextRun[] = splitRunsAtBorders(layouts, visible);
  const assigned = assignRuns(layouts, runs, placeRuns(layouts, runs));
  const tables: TableAnalysis[] = ordered.map((t, ti) => {
    const grid: Grid = {
      page: page.pageNumber,
      bbox: gridBBox(t.cells),
      rows: t.cells.rows,
      cols: t.cells.cols,
      cells: t.cells.cells.map((frame, k) => {
        const cellRuns = assigned.byTable[ti]?.[k] ?? [];
        return {
          ...frame,
          text: joinCellText(cellRuns, opts),
          runs: groupLines(cellRuns, opts).flat(),
        };
      }),
    };
    return { ...t, grid };
  });
  const layout: PageLayout = {
    page: page.pageNumber,
    width: page.width,
    height: page.height,
    grids: tables.map((t) => t.grid),
    freeRuns: readingOrder(assigned.free, opts),
  };
  return { options: opts, edges, intersections, tables, layout };
}

/** Rebuild the page's ruled tables and put its text in their cells. */
export function buildPageLayout(page: PageContent, options?: Partial<GridOptions>): PageLayout {
  return analyzePage(page, options).layout;
}

function gridBBox(cells: CellLayout): { x0: number; y0: number; x1: number; y1: number } {
  return {
    x0: cells.cols[0] ?? 0,
    y0: cells.rows[0] ?? 0,
    x1: cells.cols[cells.cols.length - 1] ?? 0,
    y1: cells.rows[cells.rows.length - 1] ?? 0,
  };
}
