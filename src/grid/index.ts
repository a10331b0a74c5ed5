/**
 * Grid stage: ruling segments and text runs of a page → ruled tables with text in cells.
 * Coordinates in points, top-left origin, y downward (extract/types.ts).
 *
 * Chain (each step exported, pdfplumber table.py style):
 * `cleanSegments` → `mergeSegments` → `findIntersections` → `findTables` → `buildLattice`
 * → `findBorders` / `mergeRegions` / `buildCells` → `addUnruledColumns` → `splitRunsAtBorders`
 * → `placeRuns` → `assignRuns` → `joinCellText`.
 */
export type { Cell, Grid, PageLayout } from './types.js';
export { DEFAULT_GRID_OPTIONS, resolveGridOptions, type GridOptions } from './options.js';
export {
  cleanSegments,
  edgesBBox,
  findIntersections,
  findTables,
  mergeSegments,
  sortByReadingOrder,
  type Edge,
  type Intersection,
  type TableEdges,
} from './edges.js';
export { buildLattice, type Lattice } from './lattice.js';
export { buildCells, findBorders, mergeRegions, ownerTable, type CellFrame, type CellLayout, type LatticeBorders, type LatticeRegion } from './cells.js';
export {
  assignRuns,
  dropDuplicateRuns,
  groupLines,
  isBlankRun,
  isCjkChar,
  joinCellText,
  joinLine,
  normalizeCellText,
  readingOrder,
  runCentre,
  type RunAssignment,
} from './text.js';
export { splitRunAt, splitRunsAtBorders } from './split.js';
export { placeRuns, visibleBox, type Anchor } from './blocks.js';
export { addUnruledColumns } from './unruled.js';
export { analyzePage, buildPageLayout, type PageAnalysis, type TableAnalysis } from './layout.js';
export { UnionFind, clusterByKey, coveredLength, locate, unionIntervals, type Interval } from './util.js';
