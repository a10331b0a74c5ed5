/**
 * Tolerances of the grid stage. Every length is in PDF points (1/72 inch); ratios are
 * plain fractions. Coordinates follow extract/types.ts: top-left origin, y downward.
 */

export interface GridOptions {
  /**
   * Collinear snapping: pieces on the same axis whose positions differ by at most this
   * (chained) are one line. Real PDFs jitter up to ~1 pt for the same border.
   */
  snapTolerance: number;
  /**
   * Collinear pieces whose extents overlap or leave a gap of at most this are joined into
   * one edge. Per-cell border pieces leave gaps of up to ~1–2 pt.
   */
  joinTolerance: number;
  /** Merged edges shorter than this are dropped (glyph-like marks, dots). */
  minSegmentLength: number;
  /** Segments thicker than this are not rulings (filled boxes, bars). */
  maxThickness: number;
  /**
   * A horizontal and a vertical edge touch when each reaches within this of the other
   * (an end stopping short of the crossing line by a gap still connects).
   */
  intersectionTolerance: number;
  /**
   * Edges of one table whose positions differ by at most this (chained) give one lattice
   * boundary; it also absorbs double strokes drawn a couple of points apart.
   */
  latticeTolerance: number;
  /**
   * The border between two adjacent lattice cells exists when rulings cover at least this
   * fraction of their shared edge; otherwise the two cells are one merged cell.
   */
  coverageRatio: number;
  /**
   * Open table sides (e.g. a table continued from the previous page without a top rule):
   * when at least two vertical (horizontal) edges reach this far beyond the outermost
   * horizontal (vertical) boundary, their common end becomes an extra boundary.
   * `Infinity` turns this off.
   */
  openEdgeMinExtent: number;
  /** Runs on one line: vertical centres within this fraction of the font size. */
  lineTolerance: number;
  /** Between two non-CJK runs on a line, a gap above this fraction of the em is a space. */
  wordGapRatio: number;
  /**
   * Drop a run that repeats another run's text at (almost) the same place, within this
   * distance (fake-bold double printing). 0 turns it off.
   */
  duplicateRunTolerance: number;
}

export const DEFAULT_GRID_OPTIONS: Readonly<GridOptions> = Object.freeze({
  snapTolerance: 1.5,
  joinTolerance: 3,
  minSegmentLength: 3,
  maxThickness: 6,
  intersectionTolerance: 3,
  latticeTolerance: 3,
  coverageRatio: 0.5,
  openEdgeMinExtent: 6,
  lineTolerance: 0.5,
  wordGapRatio: 0.25,
  duplicateRunTolerance: 1,
});

/** Defaults overlaid with the caller's choices. */
export function resolveGridOptions(options?: Partial<GridOptions>): GridOptions {
  return { ...DEFAULT_GRID_OPTIONS, ...options };
}
