/** Small helpers shared by the grid steps (no geometry policy here). */

/** Disjoint-set forest over 0..n-1, with path halving and union by size. */
export class UnionFind {
  private readonly parent: number[];
  private readonly size: number[];

  constructor(n: number) {
    this.parent = Array.from({ length: n }, (_, i) => i);
    this.size = new Array<number>(n).fill(1);
  }

  find(i: number): number {
    let x = i;
    for (;;) {
      const p = this.parent[x] ?? x;
      if (p === x) return x;
      const gp = this.parent[p] ?? p;
      this.parent[x] = gp;
      x = gp;
    }
  }

  /** Join the sets of a and b; true when they were separate. */
  union(a: number, b: number): boolean {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return false;
    if ((this.size[ra] ?? 1) < (this.size[rb] ?? 1)) [ra, rb] = [rb, ra];
    this.parent[rb] = ra;
    this.size[ra] = (this.size[ra] ?? 1) + (this.size[rb] ?? 1);
    return true;
  }
}

/**
 * Group items whose keys form a chain with steps of at most `tolerance` (pdfplumber's
 * `cluster_list`). Groups come out in ascending key order, items inside sorted by key.
 */
export function clusterByKey<T>(items: readonly T[], key: (item: T) => number, tolerance: number): T[][] {
  const sorted = [...items].sort((a, b) => key(a) - key(b));
  const groups: T[][] = [];
  let current: T[] = [];
  let last = -Infinity;
  for (const item of sorted) {
    const k = key(item);
    if (current.length > 0 && k - last > tolerance) {
      groups.push(current);
      current = [];
    }
    current.push(item);
    last = k;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

/** A closed interval [from, to] along one axis, in points. */
export interface Interval {
  from: number;
  to: number;
}

/** Union of intervals: sorted, overlapping or touching ones joined. */
export function unionIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = [...intervals].sort((a, b) => a.from - b.from || a.to - b.to);
  const out: Interval[] = [];
  for (const iv of sorted) {
    const last = out[out.length - 1];
    if (last && iv.from <= last.to) last.to = Math.max(last.to, iv.to);
    else out.push({ from: iv.from, to: iv.to });
  }
  return out;
}

/** Length of [from, to] covered by a sorted, disjoint interval list. */
export function coveredLength(union: readonly Interval[], from: number, to: number): number {
  let total = 0;
  for (const iv of union) {
    if (iv.from >= to) break;
    const a = Math.max(iv.from, from);
    const b = Math.min(iv.to, to);
    if (b > a) total += b - a;
  }
  return total;
}

/**
 * Index i with bounds[i] <= value < bounds[i + 1] (half-open), or -1 when value lies
 * outside [bounds[0], bounds[last]). `bounds` ascending.
 */
export function locate(bounds: readonly number[], value: number): number {
  const n = bounds.length;
  if (n < 2) return -1;
  if (!(value >= (bounds[0] ?? Infinity)) || !(value < (bounds[n - 1] ?? -Infinity))) return -1;
  let lo = 0;
  let hi = n - 1; // invariant: bounds[lo] <= value < bounds[hi]
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if ((bounds[mid] ?? 0) <= value) lo = mid;
    else hi = mid;
  }
  return lo;
}
