/**
 * Target cells (`≥1个`, `≤20分钟`, `≥99.5%`, `优`) read in three parts, because no one
 * tesseract setting reads all three right: the comparison sign, the number, the unit.
 *
 * - The sign is recognized here, from its shape, not by tesseract: chi_sim+eng reads `≥` as
 *   `2`/`Z`/`之` and chi_sim alone as `立`/`元`/`六` (measured on the seed scans). `≥`, `≤`
 *   are a chevron with a bar under it; `=` two bars. In every font the bar is a separate
 *   stroke, so the sign is the leftmost glyph and made of two ink components, the lower one
 *   flat. The chevron's direction tells `≥` from `≤`: the point (the middle rows' ink) lies
 *   to the right of the arms' ends (the top rows' ink) for `≥`, to the left for `≤`. A digit
 *   (`2` included) is one component and never matches.
 * - The unit is what the Chinese model reads after the number (`个`, `次`, `小时`), where
 *   the English model reads `1`, `%` or `R`.
 * - The number is read with the digit whitelist from the part of the cell left of the unit,
 *   where the Chinese model would read `%` as `9%`.
 *
 * Pure functions over a `CellCrop`-like gray image; the engine does the reading.
 */

/** An 8-bit grayscale image, row-major (a `CellCrop`). */
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
}

/** A comparison sign found at the start of a cell, and where its glyph ends (pixels). */
export interface SignAtStart {
  sign: '≥' | '≤' | '=';
  /** Where the sign ends: halfway between its glyph and the next one (pixels). */
  x1: number;
}

const INK = 128;

/** 8-connected components of pixels darker than `threshold`. */
export function inkComponents(image: GrayImage, threshold = INK): Component[] {
  const { width: W, height: H, data } = image;
  const label = new Int32Array(W * H).fill(-1);
  const out: Component[] = [];
  const stack: number[] = [];
  for (let start = 0; start < W * H; start++) {
    if (label[start] !== -1 || (data[start] ?? 255) >= threshold) continue;
    const id = out.length;
    const c: Component = { x0: W, y0: H, x1: 0, y1: 0, area: 0 };
    label[start] = id;
    stack.push(start);
    while (stack.length > 0) {
      const p = stack.pop() as number;
      const x = p % W;
      const y = (p - x) / W;
      c.area++;
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
    out.push(c);
  }
  return out;
}

/**
 * Components grouped into glyph columns: components whose horizontal extents overlap belong
 * to one column, left to right. Specks (area below `minArea`) are dropped first.
 */
export function glyphColumns(components: readonly Component[], minArea: number): Component[][] {
  const kept = components.filter((c) => c.area >= minArea).sort((a, b) => a.x0 - b.x0);
  const columns: { x1: number; parts: Component[] }[] = [];
  for (const c of kept) {
    const last = columns[columns.length - 1];
    if (last !== undefined && c.x0 < last.x1) {
      last.parts.push(c);
      last.x1 = Math.max(last.x1, c.x1);
    } else columns.push({ x1: c.x1, parts: [c] });
  }
  return columns.map((c) => c.parts);
}

/** Mean x of the ink in rows [y0, y1) of a component's box, relative to the box (0..1). */
function meanX(image: GrayImage, box: Component, y0: number, y1: number, threshold: number): number | undefined {
  let sum = 0;
  let n = 0;
  for (let y = Math.max(box.y0, y0); y < Math.min(box.y1, y1); y++) {
    for (let x = box.x0; x < box.x1; x++) {
      if ((image.data[y * image.width + x] ?? 255) < threshold) {
        sum += x;
        n++;
      }
    }
  }
  const w = box.x1 - box.x0;
  return n === 0 || w <= 1 ? undefined : (sum / n - box.x0) / (w - 1);
}

/**
 * The comparison sign opening a one-line cell, from the shapes of its first glyph column
 * (see the module comment), or `undefined`. `lineHeight` is the text line's height in
 * pixels (`CellCrop.lineHeight`).
 */
export function signAtStart(image: GrayImage, lineHeight: number): SignAtStart | undefined {
  if (lineHeight <= 0) return undefined;
  // Thin serif strokes break into pieces at the usual ink level; lighter levels join them.
  for (const threshold of SIGN_INK_LEVELS) {
    const sign = signAt(image, lineHeight, threshold);
    if (sign) return sign;
  }
  return undefined;
}

/** Gray levels tried in turn for the sign's ink. */
const SIGN_INK_LEVELS = [INK, 176, 216];

function signAt(image: GrayImage, lineHeight: number, threshold: number): SignAtStart | undefined {
  const minArea = Math.max(2, Math.round((lineHeight * lineHeight) / 400));
  const columns = glyphColumns(inkComponents(image, threshold), minArea);
  const first = columns[0];
  if (first === undefined || columns.length < 2 || first.length !== 2) return undefined;
  const [a, b] = first as [Component, Component];
  const next = Math.min(...(columns[1] ?? []).map((c) => c.x0));
  const [upper, lower] = a.y0 + a.y1 <= b.y0 + b.y1 ? [a, b] : [b, a];
  const x0 = Math.min(a.x0, b.x0);
  const x1 = Math.max(a.x1, b.x1);
  const end = Math.round((x1 + next) / 2);
  const glyphHeight = Math.max(a.y1, b.y1) - Math.min(a.y0, b.y0);
  const width = x1 - x0;
  // The sign is no wider than a CJK character, and clearly two strokes stacked.
  if (width > 1.1 * lineHeight || glyphHeight > 1.2 * lineHeight || width < 0.2 * lineHeight) return undefined;
  const flat = (c: Component): boolean => c.x1 - c.x0 >= 1.8 * (c.y1 - c.y0) && c.x1 - c.x0 >= 0.5 * width;
  if (!flat(lower) || lower.y0 < upper.y0 + 0.5 * (upper.y1 - upper.y0)) return undefined;
  // `=`: two bars of about one length, close together (二 has a short bar over a long one,
  // a character's height apart).
  if (flat(upper)) {
    const similar = Math.min(upper.x1 - upper.x0, lower.x1 - lower.x0) >= 0.8 * Math.max(upper.x1 - upper.x0, lower.x1 - lower.x0);
    return similar && glyphHeight <= 0.55 * lineHeight ? { sign: '=', x1: end } : undefined;
  }
  const h = upper.y1 - upper.y0;
  if (h < 0.25 * lineHeight) return undefined;
  const top = meanX(image, upper, upper.y0, upper.y0 + Math.max(1, Math.round(h * 0.2)), threshold);
  const middle = meanX(image, upper, upper.y0 + Math.round(h * 0.4), upper.y0 + Math.round(h * 0.6), threshold);
  if (top === undefined || middle === undefined) return undefined;
  if (middle - top > 0.25) return { sign: '≥', x1: end };
  if (top - middle > 0.25) return { sign: '≤', x1: end };
  return undefined;
}

/** A copy of `image` with columns [x0, x1) painted white. */
export function blankColumns(image: GrayImage, x0: number, x1: number): GrayImage {
  const data = new Uint8Array(image.data);
  for (let y = 0; y < image.height; y++) data.fill(255, y * image.width + Math.max(0, x0), y * image.width + Math.min(image.width, x1));
  return { width: image.width, height: image.height, data };
}
