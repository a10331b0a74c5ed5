/**
 * Skew of a scanned page, and rotating a page image. Pure functions on typed arrays.
 *
 * Angle convention (image coordinates, x right, y down): an image skewed by θ degrees shows
 * a horizontal rule as y = y₀ + x · tan θ — positive θ is a clockwise turn on screen (the
 * rule descends to the right). `rotateImage(image, θ)` turns the content by θ the same way,
 * so `rotateImage(image, −skew)` deskews.
 */
import type { PageImage } from '../extract/types.js';

export interface SkewOptions {
  /** Search range, degrees either side of 0. */
  maxDegrees: number;
  /** Only ink in horizontal runs at least this long (pixels) votes: rules and long strokes. */
  minRunPx: number;
}

/**
 * Estimate the skew (degrees, convention above) from an ink mask: a projection-profile
 * search over the pixels of horizontal ink runs, maximising the sum of squared row counts
 * (long rules collapse into one row bin at the right angle). Coarse 0.1° steps, then 0.01°.
 * Returns 0 when there is too little ink to tell.
 */
export function estimateSkew(mask: Uint8Array, width: number, height: number, options: SkewOptions): number {
  const { xs, ys, count } = runPixels(mask, width, height, options.minRunPx);
  if (count < 4 * options.minRunPx) return 0;
  const maxShift = Math.ceil(width * Math.tan((options.maxDegrees * Math.PI) / 180)) + 2;
  const bins = new Int32Array(height + 2 * maxShift + 2);
  const score = (degrees: number): number => {
    const t = Math.tan((degrees * Math.PI) / 180);
    bins.fill(0);
    for (let k = 0; k < count; k++) bins[Math.round((ys[k] as number) - (xs[k] as number) * t) + maxShift]!++;
    let s = 0;
    for (let i = 0; i < bins.length; i++) {
      const n = bins[i] as number;
      s += n * n;
    }
    return s;
  };
  const search = (from: number, to: number, step: number): number => {
    let best = 0;
    let bestScore = -1;
    const steps = Math.round((to - from) / step);
    for (let i = 0; i <= steps; i++) {
      const a = from + i * step;
      const s = score(a);
      // Ties (a rule too short to tell 0.01° apart) go to the smaller angle.
      if (s > bestScore || (s === bestScore && Math.abs(a) < Math.abs(best))) {
        bestScore = s;
        best = a;
      }
    }
    return best;
  };
  const coarse = search(-options.maxDegrees, options.maxDegrees, 0.1);
  const fine = search(coarse - 0.1, coarse + 0.1, 0.01);
  return Math.round(fine * 1000) / 1000;
}

/**
 * Pixels of horizontal ink runs of at least `minRun` pixels (every second pixel along the
 * run, which is plenty for the profile and halves the work).
 */
function runPixels(mask: Uint8Array, width: number, height: number, minRun: number): { xs: Int32Array; ys: Int32Array; count: number } {
  let cap = 1 << 16;
  let xs = new Int32Array(cap);
  let ys = new Int32Array(cap);
  let count = 0;
  const push = (x: number, y: number): void => {
    if (count === cap) {
      cap *= 2;
      const nx = new Int32Array(cap);
      nx.set(xs);
      xs = nx;
      const ny = new Int32Array(cap);
      ny.set(ys);
      ys = ny;
    }
    xs[count] = x;
    ys[count] = y;
    count++;
  };
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let x = 0;
    while (x < width) {
      if (mask[row + x] === 0) {
        x++;
        continue;
      }
      const start = x;
      while (x < width && mask[row + x] === 1) x++;
      if (x - start >= minRun) for (let k = start; k < x; k += 2) push(k, y);
    }
  }
  return { xs, ys, count };
}

/**
 * Rotate the content of a page image by `degrees` (clockwise on screen, see above) about the
 * image centre, bilinear, same size and dpi; uncovered corners are filled with `fill` (white).
 */
export function rotateImage(image: PageImage, degrees: number, fill = 255): PageImage {
  const { width: w, height: h, data: src } = image;
  const out = new Uint8Array(w * h);
  const rad = (degrees * Math.PI) / 180;
  const cos = Math.cos(rad);
  const sin = Math.sin(rad);
  const cx = w / 2;
  const cy = h / 2;
  // Output pixel centre p maps back to source point R(−θ)(p − c) + c.
  for (let oy = 0; oy < h; oy++) {
    const dy = oy + 0.5 - cy;
    // Source coordinates (pixel-centre based: subtract 0.5 to index).
    let sx = (0.5 - cx) * cos + dy * sin + cx - 0.5;
    let sy = -(0.5 - cx) * sin + dy * cos + cy - 0.5;
    const dst = oy * w;
    for (let ox = 0; ox < w; ox++, sx += cos, sy -= sin) {
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      if (x0 < -1 || y0 < -1 || x0 >= w || y0 >= h) {
        out[dst + ox] = fill;
        continue;
      }
      const fx = sx - x0;
      const fy = sy - y0;
      const inX0 = x0 >= 0;
      const inX1 = x0 + 1 < w;
      const inY0 = y0 >= 0;
      const inY1 = y0 + 1 < h;
      const i = y0 * w + x0;
      const p00 = inX0 && inY0 ? (src[i] as number) : fill;
      const p10 = inX1 && inY0 ? (src[i + 1] as number) : fill;
      const p01 = inX0 && inY1 ? (src[i + w] as number) : fill;
      const p11 = inX1 && inY1 ? (src[i + w + 1] as number) : fill;
      const top = p00 + (p10 - p00) * fx;
      const bottom = p01 + (p11 - p01) * fx;
      out[dst + ox] = top + (bottom - top) * fy + 0.5;
    }
  }
  return { ...image, data: out };
}

/**
 * The image turned clockwise by a quarter turn `quarters` times (90°, 180°, 270°): exact, no
 * interpolation; width and height swap for odd turns. For pages scanned sideways or upside down.
 */
export function turnImage(image: PageImage, quarters: number): PageImage {
  const q = ((quarters % 4) + 4) % 4;
  if (q === 0) return image;
  const { width: w, height: h, data: src } = image;
  const [W, H] = q % 2 === 1 ? [h, w] : [w, h];
  const out = new Uint8Array(W * H);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      // Source pixel (x, y) → its place after q clockwise quarter turns.
      const [X, Y] = q === 1 ? [h - 1 - y, x] : q === 2 ? [w - 1 - x, h - 1 - y] : [y, w - 1 - x];
      out[Y * W + X] = src[y * w + x] as number;
    }
  }
  return { ...image, width: W, height: H, data: out };
}
