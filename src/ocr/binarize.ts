/**
 * Grayscale page image → ink mask. Pure functions on typed arrays.
 *
 * Gray levels: 0 black … 255 white (extract/types.ts `PageImage`). An ink mask is one byte
 * per pixel, row-major like the image: 1 = ink, 0 = paper.
 */

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
