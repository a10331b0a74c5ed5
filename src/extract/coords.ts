/**
 * The one module that converts PDF user space into page space.
 *
 * PDF user space: origin bottom-left, y upward, in points, possibly transformed by the
 * content's CTM. Page space (used by every later stage): points, origin top-left, y downward,
 * page rotation applied. pdf.js's viewport transform at scale 1 does exactly that conversion.
 */
import type { BBox } from './types.js';

/** An affine matrix [a b c d e f]: (x, y) → (a·x + c·y + e, b·x + d·y + f). */
export type Matrix = readonly [number, number, number, number, number, number];

export const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** `outer ∘ inner`: apply `inner` first, then `outer` (canvas `transform` semantics). */
export function compose(outer: Matrix, inner: Matrix): Matrix {
  const [a1, b1, c1, d1, e1, f1] = outer;
  const [a2, b2, c2, d2, e2, f2] = inner;
  return [
    a1 * a2 + c1 * b2,
    b1 * a2 + d1 * b2,
    a1 * c2 + c1 * d2,
    b1 * c2 + d1 * d2,
    a1 * e2 + c1 * f2 + e1,
    b1 * e2 + d1 * f2 + f1,
  ];
}

export function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

/** Bounding box (page space) of a user-space rectangle mapped through `m`. */
export function mapRect(m: Matrix, x0: number, y0: number, x1: number, y1: number): BBox {
  const pts = [apply(m, x0, y0), apply(m, x1, y0), apply(m, x1, y1), apply(m, x0, y1)];
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  return { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
}

/** Scale factor of `m` along a direction (used for line widths): sqrt(|det|). */
export function meanScale(m: Matrix): number {
  return Math.sqrt(Math.abs(m[0] * m[3] - m[1] * m[2]));
}

/**
 * Fraction of a `pageWidth` × `pageHeight` page covered by the bounding box of the unit square
 * under `m` (where an image paint op lands), clipped to the page.
 */
export function coveredFraction(m: Matrix, pageWidth: number, pageHeight: number): number {
  const box = mapRect(m, 0, 0, 1, 1);
  const w = Math.min(box.x1, pageWidth) - Math.max(box.x0, 0);
  const h = Math.min(box.y1, pageHeight) - Math.max(box.y0, 0);
  return w > 0 && h > 0 ? (w * h) / (pageWidth * pageHeight) : 0;
}
