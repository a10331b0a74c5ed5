/**
 * Grayscale page image → ink mask. Pure functions on typed arrays.
 *
 * Gray levels: 0 black … 255 white (extract/types.ts `PageImage`). An ink mask is one byte
 * per pixel, row-major like the image: 1 = ink, 0 = paper.
 */

/** An 8-bit grayscale image, row-major (a page, a `CellCrop`). */
export interface GrayImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/** A connected component of ink: its bounding box (x1, y1 exclusive) and pixel count. */
export interface Component {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  area: number;
  /** Its darkest gray level. */
  darkest: number;
}

/**
 * 8-connected components of pixels darker than `threshold`, and each pixel's component
 * (its index in `components`, −1 for paper).
 */
export function labelInk(image: GrayImage, threshold: number): { label: Int32Array; components: Component[] } {
  const { width: W, height: H, data } = image;
  const label = new Int32Array(W * H).fill(-1);
  const components: Component[] = [];
  const stack: number[] = [];
  for (let start = 0; start < W * H; start++) {
    if (label[start] !== -1 || (data[start] ?? 255) >= threshold) continue;
    const id = components.length;
    const c: Component = { x0: W, y0: H, x1: 0, y1: 0, area: 0, darkest: 255 };
    label[start] = id;
    stack.push(start);
    while (stack.length > 0) {
      const p = stack.pop() as number;
      const x = p % W;
      const y = (p - x) / W;
      c.area++;
      c.darkest = Math.min(c.darkest, data[p] as number);
      if (x < c.x0) c.x0 = x;
      if (y < c.y0) c.y0 = y;
      if (x + 1 > c.x1) c.x1 = x + 1;
      if (y + 1 > c.y1) c.y1 = y + 1;
      for (let dy = -1; dy <= 1; dy++) {
        const ny = y + dy;
        if (ny < 0 || ny >= H) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          if (nx < 0 || nx >= W) continue;
          const q = ny * W + nx;
          if (label[q] === -1 && (data[q] ?? 255) < threshold) {
            label[q] = id;
            stack.push(q);
          }
        }
      }
    }
    components.push(c);
  }
  return { label, components };
}

/** Histogram of the 256 gray levels. */
export function grayHistogram(data: Uint8Array): Uint32Array {
  const hist = new Uint32Array(256);
  for (let i = 0; i < data.length; i++) hist[data[i] as number]!++;
  return hist;
}

/**
 * Otsu's threshold: the level t maximising the between-class variance of {< t} and {≥ t}.
 * Returns a level in 1..255 (pixels below it are the dark class); 128 for a flat image.
 */
export function otsuThreshold(hist: Uint32Array): number {
  let total = 0;
  let sum = 0;
  for (let v = 0; v < 256; v++) {
    const n = hist[v] ?? 0;
    total += n;
    sum += v * n;
  }
  let weightDark = 0;
  let sumDark = 0;
  let best = -1;
  let bestT = 128;
  for (let t = 1; t < 256; t++) {
    const n = hist[t - 1] ?? 0;
    weightDark += n;
    sumDark += (t - 1) * n;
    const weightLight = total - weightDark;
    if (weightDark === 0 || weightLight === 0) continue;
    const meanDark = sumDark / weightDark;
    const meanLight = (sum - sumDark) / weightLight;
    const between = weightDark * weightLight * (meanDark - meanLight) ** 2;
    if (between > best) {
      best = between;
      bestT = t;
    }
  }
  return bestT;
}

/** Median gray level of the histogram restricted to [lo, hi). */
function medianLevel(hist: Uint32Array, lo: number, hi: number): number | null {
  let count = 0;
  for (let v = lo; v < hi; v++) count += hist[v] ?? 0;
  if (count === 0) return null;
  let seen = 0;
  for (let v = lo; v < hi; v++) {
    seen += hist[v] ?? 0;
    if (seen * 2 >= count) return v;
  }
  return hi - 1;
}

/**
 * Threshold for ruling lines: `ink + inkShare · (paper − ink)`, where ink and paper are the
 * median levels of Otsu's dark and light classes. Deliberately closer to the paper than
 * Otsu's own level: a 0.4 pt rule rendered at 200 dpi straddles two pixels and is only
 * ~120–130 gray in both (syn-07-wenlv-2021, page 1), which Otsu (~128) would lose. Mid-gray
 * marks that pass (stamps, shading edges) are rejected by geometry in `lines.ts`, not here.
 */
export function rulingThreshold(hist: Uint32Array, inkShare = 0.6): number {
  const otsu = otsuThreshold(hist);
  const ink = medianLevel(hist, 0, otsu);
  const paper = medianLevel(hist, otsu, 256);
  if (ink === null || paper === null) return otsu;
  return Math.round(ink + inkShare * (paper - ink));
}

/**
 * The gray level below which a pixel is surely ink in any scan: dark 9 pt ink on the
 * project's own scans lies below it, blurred halos and paper above.
 */
export const DARK_INK = 128;

/**
 * The highest ink level for the text of a page, fitted to it: Otsu's level, never below
 * `DARK_INK`, for the cell crops (engine.ts `cropCell`, which drops light specks). A fixed 128 kept only the cores of dark ink: on scans of fit-to-width
 * spreadsheet exports (6.5–7 pt serif, stroke cores at gray 130–200, 1–2 % of the page darker
 * than 128) it cut `一级指标` to `级指` and lost lone digits. Otsu's level is 172–203 on the
 * field set's scans, 172–183 on the project's own.
 */
export function textInkThreshold(hist: Uint32Array): number {
  return Math.max(DARK_INK, otsuThreshold(hist));
}

/** Ink mask: 1 where the gray level is below `threshold`. */
export function binarize(data: Uint8Array, threshold: number, out: Uint8Array = new Uint8Array(data.length)): Uint8Array {
  for (let i = 0; i < data.length; i++) out[i] = (data[i] as number) < threshold ? 1 : 0;
  return out;
}

/** Transpose a row-major `width` × `height` byte mask (so columns can be scanned as rows). */
export function transpose(mask: Uint8Array, width: number, height: number): Uint8Array {
  const out = new Uint8Array(mask.length);
  // Blocked for cache locality: a 2480 × 3508 mask transposes in a few tens of ms.
  const B = 64;
  for (let y0 = 0; y0 < height; y0 += B) {
    const y1 = Math.min(height, y0 + B);
    for (let x0 = 0; x0 < width; x0 += B) {
      const x1 = Math.min(width, x0 + B);
      for (let y = y0; y < y1; y++) {
        const row = y * width;
        for (let x = x0; x < x1; x++) out[x * height + y] = mask[row + x] as number;
      }
    }
  }
  return out;
}
