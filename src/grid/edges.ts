/**
 * Steps 1–2 of the grid stage: raw ruling segments → merged edges → intersections →
 * tables (connected components of touching edges).
 *
 * Units: PDF points; origin at the page's top-left corner, y downward (extract/types.ts).
 */
import type { BBox, Segment } from '../extract/types.js';
import type { GridOptions } from './options.js';
import { UnionFind, clusterByKey } from './util.js';

/**
 * A ruling after merging: collinear pieces snapped to one position and joined along their
 * length. Same geometry fields as `Segment` (pos = length-weighted mean of the pieces' pos,
 * thickness = the thickest piece), plus how many raw pieces it was made of.
 */
export interface Edge extends Segment {
  pieces: number;
}

/** Where a horizontal edge and a vertical edge meet (or nearly meet), in points. */
export interface Intersection {
  x: number;
  y: number;
  /** Indexes into the edge list given to `findIntersections`. */
  h: number;
  v: number;
}

/** The edges of one table: a connected component with ≥ 2 horizontal and ≥ 2 vertical edges. */
export interface TableEdges {
  /** Horizontal edges, sorted by pos then from. */
  h: Edge[];
  /** Vertical edges, sorted by pos then from. */
  v: Edge[];
  /** Extent of all the component's edges. */
  bbox: BBox;
}

/**
 * Keep only usable rulings: finite coordinates, `from <= to` (swapped if needed), thickness
 * at most `maxThickness`. Lengths are not checked here (tiny pieces may still join up).
 */
export function cleanSegments(segments: readonly Segment[], options: Pick<GridOptions, 'maxThickness'>): Segment[] {
  const out: Segment[] = [];
  for (const s of segments) {
    if (s.axis !== 'h' && s.axis !== 'v') continue;
    if (!Number.isFinite(s.pos) || !Number.isFinite(s.from) || !Number.isFinite(s.to)) continue;
    const thickness = Number.isFinite(s.thickness) ? s.thickness : 0;
    if (thickness > options.maxThickness) continue;
    const from = Math.min(s.from, s.to);
    const to = Math.max(s.from, s.to);
    out.push({ axis: s.axis, pos: s.pos, from, to, thickness });
  }
  return out;
}

/**
 * Snap and join collinear pieces: per axis, positions are clustered (chained steps
 * ≤ `snapTolerance`), and inside a cluster pieces whose extents overlap or leave a gap
 * ≤ `joinTolerance` become one edge. Edges shorter than `minSegmentLength` are dropped.
 * Result sorted by axis ('h' first), pos, from. O(n log n).
 */
export function mergeSegments(
  segments: readonly Segment[],
  options: Pick<GridOptions, 'maxThickness' | 'snapTolerance' | 'joinTolerance' | 'minSegmentLength'>,
): Edge[] {
  const clean = cleanSegments(segments, options);
  const edges: Edge[] = [];
  for (const axis of ['h', 'v'] as const) {
    const onAxis = clean.filter((s) => s.axis === axis);
    for (const cluster of clusterByKey(onAxis, (s) => s.pos, options.snapTolerance)) {
      cluster.sort((a, b) => a.from - b.from || a.to - b.to);
      let cur: { from: number; to: number; thickness: number; pieces: number; wsum: number; psum: number } | null = null;
      const flush = (): void => {
        if (!cur) return;
        const pos = cur.wsum > 0 ? cur.psum / cur.wsum : 0;
        edges.push({ axis, pos, from: cur.from, to: cur.to, thickness: cur.thickness, pieces: cur.pieces });
      };
      for (const s of cluster) {
        // Weight by length, with a floor so zero-length pieces still count.
        const w = Math.max(s.to - s.from, 0.1);
        if (cur && s.from <= cur.to + options.joinTolerance) {
          cur.to = Math.max(cur.to, s.to);
          cur.thickness = Math.max(cur.thickness, s.thickness);
          cur.pieces += 1;
          cur.wsum += w;
          cur.psum += w * s.pos;
        } else {
          flush();
          cur = { from: s.from, to: s.to, thickness: s.thickness, pieces: 1, wsum: w, psum: w * s.pos };
        }
      }
      flush();
    }
  }
  return edges.filter((e) => e.to - e.from >= options.minSegmentLength);
}

/**
 * Every pair (horizontal edge, vertical edge) that crosses or touches, allowing each to stop
 * short of the other by up to `intersectionTolerance`. The point is (v.pos, h.pos).
 * O(H·V), fine for the few hundred edges of a page.
 */
export function findIntersections(
  edges: readonly Edge[],
  options: Pick<GridOptions, 'intersectionTolerance'>,
): Intersection[] {
  const tol = options.intersectionTolerance;
  const hs: number[] = [];
  const vs: number[] = [];
  edges.forEach((e, i) => (e.axis === 'h' ? hs : vs).push(i));
  const out: Intersection[] = [];
  for (const hi of hs) {
    const h = edges[hi] as Edge;
    for (const vi of vs) {
      const v = edges[vi] as Edge;
      if (v.pos >= h.from - tol && v.pos <= h.to + tol && h.pos >= v.from - tol && h.pos <= v.to + tol) {
        out.push({ x: v.pos, y: h.pos, h: hi, v: vi });
      }
    }
  }
  return out;
}

/** Bounding box of edges (their lines, not their thickness). */
export function edgesBBox(edges: readonly Edge[]): BBox {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const e of edges) {
    if (e.axis === 'h') {
      x0 = Math.min(x0, e.from);
      x1 = Math.max(x1, e.to);
      y0 = Math.min(y0, e.pos);
      y1 = Math.max(y1, e.pos);
    } else {
      y0 = Math.min(y0, e.from);
      y1 = Math.max(y1, e.to);
      x0 = Math.min(x0, e.pos);
      x1 = Math.max(x1, e.pos);
    }
  }
  return { x0, y0, x1, y1 };
}

function contains(outer: BBox, inner: BBox, tol: number): boolean {
  return inner.x0 >= outer.x0 - tol && inner.y0 >= outer.y0 - tol && inner.x1 <= outer.x1 + tol && inner.y1 <= outer.y1 + tol;
}

function byPosThenFrom(a: Edge, b: Edge): number {
  return a.pos - b.pos || a.from - b.from;
}

/**
 * Tables = connected components of the intersection graph that have at least two horizontal
 * and two vertical edges (smaller components, e.g. a lone underline, are dropped). A
 * component lying inside a larger table's bbox (within `intersectionTolerance`) is folded
 * into that table rather than reported as a table of its own: a box drawn inside a cell
 * (checkbox) then disappears again when `mergeRegions` absorbs it into the ring around it.
 * Sorted by top y, then left x.
 */
export function findTables(
  edges: readonly Edge[],
  intersections: readonly Intersection[],
  options: Pick<GridOptions, 'intersectionTolerance' | 'latticeTolerance'>,
): TableEdges[] {
  const uf = new UnionFind(edges.length);
  for (const p of intersections) uf.union(p.h, p.v);
  const groups = new Map<number, Edge[]>();
  edges.forEach((e, i) => {
    const root = uf.find(i);
    const g = groups.get(root);
    if (g) g.push(e);
    else groups.set(root, [e]);
  });
  const candidates: TableEdges[] = [];
  for (const g of groups.values()) {
    const h = g.filter((e) => e.axis === 'h').sort(byPosThenFrom);
    const v = g.filter((e) => e.axis === 'v').sort(byPosThenFrom);
    if (h.length < 2 || v.length < 2) continue;
    candidates.push({ h, v, bbox: edgesBBox(g) });
  }
  const area = (b: BBox): number => (b.x1 - b.x0) * (b.y1 - b.y0);
  const bigFirst = [...candidates].sort((a, b) => area(b.bbox) - area(a.bbox));
  const kept: TableEdges[] = [];
  for (const t of bigFirst) {
    const host = kept.find((k) => contains(k.bbox, t.bbox, options.intersectionTolerance));
    if (!host) {
      kept.push(t);
      continue;
    }
    host.h = [...host.h, ...t.h].sort(byPosThenFrom);
    host.v = [...host.v, ...t.v].sort(byPosThenFrom);
    host.bbox = edgesBBox([...host.h, ...host.v]);
  }
  return sortByReadingOrder(kept, (t) => t.bbox, options.latticeTolerance);
}

/**
 * Order boxes top to bottom, then left to right; tops within `tolerance` count as level.
 * Deterministic: ties fall back to exact y, then x.
 */
export function sortByReadingOrder<T>(items: readonly T[], box: (item: T) => BBox, tolerance: number): T[] {
  const rows = clusterByKey(items, (t) => box(t).y0, tolerance);
  return rows.flatMap((row) => row.sort((a, b) => box(a).x0 - box(b).x0 || box(a).y0 - box(b).y0));
}
