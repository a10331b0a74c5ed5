/**
 * Official seals (公章) found by their shape and removed from a page image.
 *
 * A red seal is dropped by colour when the page is turned gray (extract/render.ts
 * 'red-dropout'); a seal stamped in gray ink, or a gray scan of a red one, is still there, and
 * OCR reads its ring and arc text as characters over the table cells while its ring arcs pass
 * for short rulings. Seals of this domain: a ring of radius ≈ 55–65 pt (19–22 mm; `RADIUS_PT`
 * allows 35–90), a stroke of 1–2 mm, a five-pointed star in the centre, text along the upper arc
 * and sometimes a line across the lower half, stamped over the table and often partly outside it.
 *
 * Chain of small steps, each a plain function: `reduce` (mean of k×k blocks, ≈ `WORK_DPI`) →
 * `edgePoints` (Sobel, with the gradient's direction) → `voteCentres` (circle Hough transform
 * along the gradient: each edge point votes for the centres at every radius of the range on
 * both sides of it; a ring's edge points all vote for its centre, rulings spread their votes
 * along bands and text at random) → `centreCandidates` (local maxima) → `ringAt` (the radius
 * where the edge points around a candidate are radial, and the share of the ring's angles they
 * cover: a seal's ring covers most, a table's cells and text do not) → `refineRing` (the ring's
 * centre line at full resolution on radial profiles, circle fitted by least squares with
 * outliers dropped) → `Seal`.
 *
 * Pixels: all positions and radii are in pixels of the page image (x right, y down, origin at
 * the top-left pixel's corner, so pixel (px, py) has its centre at (px + 0.5, py + 0.5)). Gray
 * levels: 0 black … 255 white (extract/types.ts `PageImage`).
 */
import type { PageImage } from '../extract/types.js';
import { labelInk, otsuThreshold } from './binarize.js';
import type { Component, GrayImage } from './binarize.js';

/** A seal's ring: centre and the radius of the stroke's centre line, pixels of the image. */
export interface Seal {
  cx: number;
  cy: number;
  /** radius of the ring stroke's centre line, px */
  r: number;
  /** ring gray level (median of the ring's core, 0 black … 255 white) */
  level: number;
}

/** Radius range of the rings looked for, points (1/72 inch): the domain's 55–65 pt with room. */
export const RADIUS_PT = { min: 35, max: 90 } as const;

/** Resolution the rings are looked for at, pixels per inch: a 1 mm stroke is ≈ 2.4 px there. */
const WORK_DPI = 60;
/** Sobel magnitude (of the 1-2-1 kernel, so 4 × the contrast across 2 px) that makes an edge point. */
const EDGE_MAGNITUDE = 80;
/** A candidate centre's 3×3 vote sum must reach this share of a full ring's at the least radius. */
const VOTE_SHARE = 0.25;
/** Candidates examined per page, best first. */
const MAX_CANDIDATES = 12;
/** |cos| between an edge point's gradient and the direction from the centre for a radial point. */
const RADIAL_COS = 0.9;
/** Angle bins around a ring; a seal's ring has radial edge points in at least `MIN_COVERAGE` of them. */
const ANGLE_BINS = 90;
const MIN_COVERAGE = 0.8;
/** A seal may be partly off the page, but at least this share of its ring on it. */
const MIN_INSIDE = 0.5;
/** Share of the radial lines meeting the ring on the page whose ink lies on the fitted ring (within 2 px). */
const MIN_ON_RING = 0.5;
/** Share of the radial lines whose darkest pixel in the ring's band is ink. */
const MIN_INKED = 0.8;

/**
 * The seals on the page: rings of `RADIUS_PT` radius found by shape, best first. Empty when
 * there is none (table rulings, cells and text make no ring).
 */
export function findSeals(image: PageImage): Seal[] {
  const k = Math.max(1, Math.round(image.dpi / WORK_DPI));
  const small = reduce(image, k);
  const dpi = image.dpi / k;
  const rMin = Math.max(4, Math.floor((RADIUS_PT.min * dpi) / 72));
  const rMax = Math.ceil((RADIUS_PT.max * dpi) / 72);
  const edges = edgePoints(small);
  const votes = voteCentres(edges, small.width, small.height, rMin, rMax);
  const minVotes = VOTE_SHARE * 2 * 2 * Math.PI * rMin;
  const seals: Seal[] = [];
  for (const c of centreCandidates(votes, small.width, small.height, minVotes, rMin)) {
    if (seals.some((s) => Math.hypot(s.cx / k - c.x, s.cy / k - c.y) < s.r / k)) continue;
    const ring = ringAt(edges, small.width, small.height, c.x, c.y, rMin, rMax);
    if (!ring || ring.inside < MIN_INSIDE || ring.coverage < MIN_COVERAGE) continue;
    const seal = refineRing(image, { cx: (c.x + 0.5) * k, cy: (c.y + 0.5) * k, r: (ring.r + 0.5) * k }, k);
    if (seal) seals.push(seal);
  }
  return seals;
}

/**
 * A copy of the page with the seals' ink painted the paper's level (white of the page; see
 * `eraseSeal`), `seals` default `findSeals(image)`; the input is left untouched. Pixels more
 * than `sealErasure(…).radius` from a seal's centre never change.
 */
export function removeSeals(image: PageImage, seals: Seal[] = findSeals(image)): { image: PageImage; seals: Seal[] } {
  const data = new Uint8Array(image.data);
  for (const seal of seals) eraseSeal(image, data, seal);
  return { image: { ...image, data }, seals };
}

/** Mean of each k×k block (the last partial blocks dropped). */
export function reduce(image: GrayImage, k: number): GrayImage {
  const W = Math.floor(image.width / k);
  const H = Math.floor(image.height / k);
  const out = new Uint8Array(W * H);
  const sums = new Uint32Array(W);
  const src = image.data;
  const area = k * k;
  for (let by = 0; by < H; by++) {
    sums.fill(0);
    for (let y = by * k; y < by * k + k; y++) {
      const row = y * image.width;
      for (let bx = 0, x = row; bx < W; bx++) {
        let s = 0;
        for (let i = 0; i < k; i++, x++) s += src[x] as number;
        sums[bx]! += s;
      }
    }
    for (let bx = 0; bx < W; bx++) out[by * W + bx] = Math.round((sums[bx] as number) / area);
  }
  return { width: W, height: H, data: out };
}

/** Edge points: position and unit gradient (pointing towards the lighter side). */
export interface EdgePoints {
  count: number;
  x: Int32Array;
  y: Int32Array;
  ux: Float32Array;
  uy: Float32Array;
}

/** Pixels whose Sobel gradient magnitude reaches `EDGE_MAGNITUDE`. */
export function edgePoints(image: GrayImage): EdgePoints {
  const { width: W, height: H, data: d } = image;
  const cap = W * H;
  const x = new Int32Array(cap);
  const y = new Int32Array(cap);
  const ux = new Float32Array(cap);
  const uy = new Float32Array(cap);
  let n = 0;
  const min2 = EDGE_MAGNITUDE * EDGE_MAGNITUDE;
  for (let py = 1; py < H - 1; py++) {
    for (let px = 1; px < W - 1; px++) {
      const i = py * W + px;
      const a = d[i - W - 1] as number;
      const b = d[i - W] as number;
      const c = d[i - W + 1] as number;
      const l = d[i - 1] as number;
      const r = d[i + 1] as number;
      const e = d[i + W - 1] as number;
      const f = d[i + W] as number;
      const g = d[i + W + 1] as number;
      const gx = c + 2 * r + g - a - 2 * l - e;
      const gy = e + 2 * f + g - a - 2 * b - c;
      const m2 = gx * gx + gy * gy;
      if (m2 < min2) continue;
      const m = Math.sqrt(m2);
      x[n] = px;
      y[n] = py;
      ux[n] = gx / m;
      uy[n] = gy / m;
      n++;
    }
  }
  return { count: n, x, y, ux, uy };
}

/**
 * Circle Hough transform along the gradient: each edge point adds a vote at the centres
 * r·u away on both sides of it, for every r in rMin..rMax (the ring's inner edge points inward,
 * its outer edge outward; both sides make the transform blind to which is which).
 */
export function voteCentres(edges: EdgePoints, W: number, H: number, rMin: number, rMax: number): Int32Array {
  const acc = new Int32Array(W * H);
  for (let i = 0; i < edges.count; i++) {
    const x0 = (edges.x[i] as number) + 0.5;
    const y0 = (edges.y[i] as number) + 0.5;
    const ux = edges.ux[i] as number;
    const uy = edges.uy[i] as number;
    for (let s = -1; s <= 1; s += 2) {
      const dx = s * ux;
      const dy = s * uy;
      let fx = x0 + rMin * dx;
      let fy = y0 + rMin * dy;
      for (let r = rMin; r <= rMax; r++, fx += dx, fy += dy) {
        if (fx < 0 || fy < 0 || fx >= W || fy >= H) break;
        acc[(fy | 0) * W + (fx | 0)]!++;
      }
    }
  }
  return acc;
}

/** Local maxima of the 3×3 vote sums reaching `minVotes`, best first, at least `spacing` apart. */
export function centreCandidates(acc: Int32Array, W: number, H: number, minVotes: number, spacing: number): { x: number; y: number; votes: number }[] {
  const sum = new Int32Array(W * H);
  for (let y = 1; y < H - 1; y++)
    for (let x = 1; x < W - 1; x++) {
      const i = y * W + x;
      sum[i] =
        (acc[i - W - 1] as number) + (acc[i - W] as number) + (acc[i - W + 1] as number) +
        (acc[i - 1] as number) + (acc[i] as number) + (acc[i + 1] as number) +
        (acc[i + W - 1] as number) + (acc[i + W] as number) + (acc[i + W + 1] as number);
    }
  const found: { x: number; y: number; votes: number }[] = [];
  for (let y = 2; y < H - 2; y++)
    for (let x = 2; x < W - 2; x++) {
      const i = y * W + x;
      const v = sum[i] as number;
      if (v < minVotes) continue;
      if (v < (sum[i - 1] as number) || v < (sum[i + 1] as number) || v < (sum[i - W] as number) || v < (sum[i + W] as number)) continue;
      found.push({ x, y, votes: v });
    }
  found.sort((a, b) => b.votes - a.votes);
  const kept: typeof found = [];
  for (const c of found) {
    if (kept.some((q) => Math.hypot(q.x - c.x, q.y - c.y) < spacing)) continue;
    kept.push(c);
    if (kept.length >= MAX_CANDIDATES) break;
  }
  return kept;
}

/** The ring around a centre: radius (px of the reduced image), radial edge points near it, angle coverage. */
export interface RingFit {
  r: number;
  support: number;
  /** share of the ring's angles (`ANGLE_BINS`) that fall inside the image */
  inside: number;
  /** share of those angles that hold a radial edge point near r */
  coverage: number;
}

/**
 * The radius in rMin..rMax where most edge points around (cx, cy) are radial (gradient along
 * the direction from the centre), within a band 4 px wide (the stroke's two edges), and the
 * share of the `ANGLE_BINS` inside the image that hold one of them.
 */
export function ringAt(edges: EdgePoints, W: number, H: number, cx: number, cy: number, rMin: number, rMax: number): RingFit | null {
  const hist = new Int32Array(rMax + 6);
  const ox = cx + 0.5;
  const oy = cy + 0.5;
  const radial: number[] = [];
  // edge points come in raster order: those in the rows the ring can reach are one run
  const last = Math.ceil(oy + rMax + 4);
  for (let i = firstInRow(edges, Math.floor(oy - rMax - 4)); i < edges.count && (edges.y[i] as number) <= last; i++) {
    const dx = (edges.x[i] as number) + 0.5 - ox;
    const dy = (edges.y[i] as number) + 0.5 - oy;
    const d = Math.hypot(dx, dy);
    if (d < rMin - 2 || d >= rMax + 4) continue;
    const cos = ((edges.ux[i] as number) * dx + (edges.uy[i] as number) * dy) / d;
    if (Math.abs(cos) < RADIAL_COS) continue;
    hist[Math.floor(d)]!++;
    radial.push(i);
  }
  let best = -1;
  let bestR = 0;
  for (let r = Math.max(0, rMin - 2); r + 3 < hist.length; r++) {
    const s = (hist[r] as number) + (hist[r + 1] as number) + (hist[r + 2] as number) + (hist[r + 3] as number);
    if (s > best) {
      best = s;
      bestR = r;
    }
  }
  if (best <= 0) return null;
  const bins = new Uint8Array(ANGLE_BINS);
  for (const i of radial) {
    const dx = (edges.x[i] as number) + 0.5 - ox;
    const dy = (edges.y[i] as number) + 0.5 - oy;
    const d = Math.hypot(dx, dy);
    if (d < bestR || d >= bestR + 4) continue;
    const a = Math.atan2(dy, dx);
    bins[Math.min(ANGLE_BINS - 1, Math.floor(((a + Math.PI) / (2 * Math.PI)) * ANGLE_BINS))] = 1;
  }
  let covered = 0;
  let inside = 0;
  const r = bestR + 2;
  for (let b = 0; b < ANGLE_BINS; b++) {
    const a = ((b + 0.5) / ANGLE_BINS) * 2 * Math.PI - Math.PI;
    const x = ox + r * Math.cos(a);
    const y = oy + r * Math.sin(a);
    if (x < 0 || y < 0 || x >= W || y >= H) continue;
    inside++;
    covered += bins[b] as number;
  }
  return { r, support: best, inside: inside / ANGLE_BINS, coverage: inside > 0 ? covered / inside : 0 };
}

/** Index of the first edge point in row y or below (edge points are in raster order). */
function firstInRow(edges: EdgePoints, y: number): number {
  let lo = 0;
  let hi = edges.count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((edges.y[mid] as number) < y) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Radial profiles sampled per ring for the refinement and the ring's level. */
const PROFILE_ANGLES = 256;

/**
 * The ring's centre line at full resolution: on each of `PROFILE_ANGLES` radial lines through
 * the rough ring (±3k px, then ±2k), the darkness-weighted mean radius of its pixels darker
 * than the paper; a circle fitted to those points by least squares (Kåsa), refitted without the
 * points more than k + 1, then 2 px off (text and rulings crossing the ring), three times.
 * Null when too few angles show ink on the ring.
 */
function refineRing(image: PageImage, rough: { cx: number; cy: number; r: number }, k: number): Seal | null {
  const paper = paperLevel(image, rough);
  let { cx, cy, r } = rough;
  for (let pass = 0; pass < 3; pass++) {
    // the rough ring is off by up to a reduced pixel or two: a wide window and a loose fit first
    const pts = ringPoints(image, cx, cy, r, pass === 0 ? 3 * k + 2 : 2 * k + 2, paper);
    const onPage = anglesOnPage(image, cx, cy, r);
    if (onPage < MIN_INSIDE * PROFILE_ANGLES || pts.length < MIN_ON_RING * onPage) return null;
    let fit = fitCircle(pts);
    if (!fit) return null;
    const tolerance = pass === 0 ? k + 1 : 2;
    const near = pts.filter((p) => Math.abs(Math.hypot(p.x - fit!.cx, p.y - fit!.cy) - fit!.r) <= tolerance);
    if (near.length < MIN_ON_RING * onPage) return null;
    fit = fitCircle(near) ?? fit;
    ({ cx, cy, r } = fit);
  }
  const band = ringBand(image, cx, cy, r, paper);
  if (!band) return null;
  const cores = ringCores(image, cx, cy, r, band.half).sort((a, b) => a - b);
  const inked = cores.filter((v) => v <= paper - RING_CONTRAST).length / Math.max(1, cores.length);
  if (inked < MIN_INKED) return null;
  return { cx, cy, r, level: cores[Math.floor(cores.length / 2)] ?? paper };
}

/** How many of the `PROFILE_ANGLES` radial lines meet the ring (radius r) inside the image. */
function anglesOnPage(image: GrayImage, cx: number, cy: number, r: number): number {
  let n = 0;
  for (let a = 0; a < PROFILE_ANGLES; a++) {
    const t = (a / PROFILE_ANGLES) * 2 * Math.PI;
    const x = cx + r * Math.cos(t);
    const y = cy + r * Math.sin(t);
    if (x >= 0 && y >= 0 && x < image.width && y < image.height) n++;
  }
  return n;
}

/** Paper level around a ring: the median of the lighter (Otsu) class in its bounding box. */
function paperLevel(image: PageImage, ring: { cx: number; cy: number; r: number }): number {
  const box = clipBox(image, ring.cx, ring.cy, ring.r * 1.2);
  const hist = new Uint32Array(256);
  for (let y = box.y0; y < box.y1; y++) for (let x = box.x0; x < box.x1; x++) hist[image.data[y * image.width + x] as number]!++;
  const t = otsuThreshold(hist);
  let n = 0;
  for (let v = t; v < 256; v++) n += hist[v] as number;
  let seen = 0;
  for (let v = t; v < 256; v++) {
    seen += hist[v] as number;
    if (seen * 2 >= n) return v;
  }
  return 255;
}

function clipBox(image: GrayImage, cx: number, cy: number, half: number): { x0: number; y0: number; x1: number; y1: number } {
  return {
    x0: Math.max(0, Math.floor(cx - half)),
    y0: Math.max(0, Math.floor(cy - half)),
    x1: Math.min(image.width, Math.ceil(cx + half)),
    y1: Math.min(image.height, Math.ceil(cy + half)),
  };
}

/** Ink darker than the paper by this many levels counts on a ring's radial profile. */
const RING_CONTRAST = 25;

/** One point per radial line: the darkness-weighted mean position of the ink within ±w px of radius r. */
function ringPoints(image: PageImage, cx: number, cy: number, r: number, w: number, paper: number): { x: number; y: number }[] {
  const pts: { x: number; y: number }[] = [];
  for (let a = 0; a < PROFILE_ANGLES; a++) {
    const t = (a / PROFILE_ANGLES) * 2 * Math.PI;
    const ux = Math.cos(t);
    const uy = Math.sin(t);
    let sw = 0;
    let sd = 0;
    for (let d = r - w; d <= r + w; d += 0.5) {
      const px = Math.floor(cx + d * ux);
      const py = Math.floor(cy + d * uy);
      if (px < 0 || py < 0 || px >= image.width || py >= image.height) continue;
      const dark = paper - RING_CONTRAST - (image.data[py * image.width + px] as number);
      if (dark <= 0) continue;
      sw += dark;
      sd += dark * d;
    }
    if (sw <= 0) continue;
    const d = sd / sw;
    pts.push({ x: cx + d * ux, y: cy + d * uy });
  }
  return pts;
}

/** Least-squares circle through points (Kåsa: linear in cx, cy, r² − cx² − cy²). */
function fitCircle(pts: { x: number; y: number }[]): { cx: number; cy: number; r: number } | null {
  const n = pts.length;
  if (n < 3) return null;
  let mx = 0;
  let my = 0;
  for (const p of pts) {
    mx += p.x;
    my += p.y;
  }
  mx /= n;
  my /= n;
  let suu = 0, suv = 0, svv = 0, suuu = 0, svvv = 0, suvv = 0, svuu = 0;
  for (const p of pts) {
    const u = p.x - mx;
    const v = p.y - my;
    suu += u * u;
    suv += u * v;
    svv += v * v;
    suuu += u * u * u;
    svvv += v * v * v;
    suvv += u * v * v;
    svuu += v * u * u;
  }
  const det = suu * svv - suv * suv;
  if (Math.abs(det) < 1e-9) return null;
  const bu = (suuu + suvv) / 2;
  const bv = (svvv + svuu) / 2;
  const uc = (bu * svv - bv * suv) / det;
  const vc = (suu * bv - suv * bu) / det;
  const r = Math.sqrt(uc * uc + vc * vc + (suu + svv) / n);
  return { cx: mx + uc, cy: my + vc, r };
}

/** The darkest level within ±half px of radius r on each radial line. */
function ringCores(image: PageImage, cx: number, cy: number, r: number, half: number): number[] {
  const cores: number[] = [];
  for (let a = 0; a < PROFILE_ANGLES; a++) {
    const t = (a / PROFILE_ANGLES) * 2 * Math.PI;
    const ux = Math.cos(t);
    const uy = Math.sin(t);
    let min = 256;
    for (let d = r - half; d <= r + half; d += 0.5) {
      const px = Math.floor(cx + d * ux);
      const py = Math.floor(cy + d * uy);
      if (px < 0 || py < 0 || px >= image.width || py >= image.height) continue;
      min = Math.min(min, image.data[py * image.width + px] as number);
    }
    if (min < 256) cores.push(min);
  }
  return cores;
}

/** The median over `PROFILE_ANGLES` angles of the gray at radius d (the few angles where text or a ruling crosses do not move it). */
function ringMedian(image: PageImage, cx: number, cy: number, d: number): number {
  const vals: number[] = [];
  for (let a = 0; a < PROFILE_ANGLES; a++) {
    const t = (a / PROFILE_ANGLES) * 2 * Math.PI;
    const px = Math.floor(cx + d * Math.cos(t));
    const py = Math.floor(cy + d * Math.sin(t));
    if (px < 0 || py < 0 || px >= image.width || py >= image.height) continue;
    vals.push(image.data[py * image.width + px] as number);
  }
  vals.sort((a, b) => a - b);
  return vals[vals.length >> 1] ?? 255;
}

/**
 * The ring's stroke around its centre line r: `half` is half its width, px (at least 1.5) —
 * how far from r, inwards and outwards, the median gray over all angles stays darker than the
 * paper by `RING_CONTRAST`. Null when it is not darker at r itself: no ring there.
 */
function ringBand(image: PageImage, cx: number, cy: number, r: number, paper: number): { half: number } | null {
  const inkAt = (off: number): boolean => ringMedian(image, cx, cy, r + off) <= paper - RING_CONTRAST;
  if (!inkAt(0)) return null;
  const reach = Math.max(4, Math.ceil(r * 0.08));
  let inner = 0;
  while (inner < reach && inkAt(-inner - 1)) inner++;
  let outer = 0;
  while (outer < reach && inkAt(outer + 1)) outer++;
  return { half: Math.max(1.5, Math.max(inner, outer) + 0.5) };
}

/** Margin around the ring's outer edge that is erased too (blur, a slightly oval stamp), mm. */
const DISC_MARGIN_MM = 0.5;
/** Seal ink is no darker than the ring's darkest own level minus this (where it does not overprint text). */
const INK_MARGIN = 10;
/** Seal ink standing alone is erased whole when at least this long (smaller marks may be print's points and commas), mm. */
const SEAL_MARK_MM = 1.5;
/** The print around the disc, out to this many disc radii, is what the seal's ink is compared with. */
const PRINT_SAMPLE = 1.5;
/** Print marks shorter than this are specks and dots, left out of `lightPrint`, mm. */
const PRINT_MARK_MM = 0.3;
/**
 * Step 3 runs only when the ring's core is this many levels lighter than the print's light
 * strokes (`lightPrint`). Measured (core vs light print): field-07-scan 145 vs 79 and
 * field-05-scan 144 vs 69 (gray seals over dark print: runs); field-02-scan turned gray by luma
 * (a gray copy of its red seal) 113 vs 50 (runs); the scan simulator's gray seal over its
 * light 200 dpi serif print (scripts/scans, profile gray-seal) 161 vs 153 (does not run, nor
 * does step 2: the seal's darkest ink, 135, is darker than that print: only the ring goes).
 */
const STROKE_GAP = 50;
/** Step 3 takes groups of seal-like pixels at least this thick on average, mm (see `sealStrokes`). */
const SEAL_WIDTH_MM = 0.5;
/** Pixels within this many levels of the paper are left as they are by step 3 (noise, faint halos). */
const FAINT = 12;
/**
 * Pixels this close to print text darker than the seal are kept (the text's blurred edges), mm:
 * 2 px at 200 and 300 dpi. With 1 px at 200 dpi OCR lost the % of a 100% under the seal text of
 * field-05-scan; with 3 px at 300 dpi the ≥ of a ≥450人 of field-07-scan.
 */
const TEXT_EDGE_MM = 0.2;

/** How a seal is erased: the gray levels and the disc. */
export interface SealErasure {
  /** the paper's level around the seal: what erased pixels become */
  paper: number;
  /** half the ring stroke's width, px */
  half: number;
  /** radius of the erased disc, px */
  radius: number;
  /**
   * The darkest level of the seal's own ink: the ring's level − 4 × its cores' spread (upper
   * quartile − median; each radial line's darkest pixel in the band is a core) − `INK_MARGIN`.
   * Darker pixels are print (or print overprinted by the seal), which stays.
   */
  darkest: number;
  /** the ring's usual core: its level − 2 × that spread; step 3 erases no darker pixel */
  core: number;
}

/** The levels `eraseSeal` uses for `seal` on `image`. */
export function sealErasure(image: PageImage, seal: Seal): SealErasure {
  const paper = paperLevel(image, seal);
  const half = ringBand(image, seal.cx, seal.cy, seal.r, paper)?.half ?? Math.max(1.5, seal.r * 0.03);
  const radius = seal.r + half + 1 + (DISC_MARGIN_MM * image.dpi) / 25.4;
  // the ring's cores: its own ink above the level (median), print crossing it below, often
  // many angles (rulings run along the ring at its top and sides): the spread from the upper half
  const cores = ringCores(image, seal.cx, seal.cy, seal.r, half).sort((a, b) => a - b);
  const spread = Math.max(3, (cores[Math.floor(0.75 * (cores.length - 1))] ?? seal.level) - seal.level);
  return { paper, half, radius, darkest: Math.max(0, seal.level - 4 * spread - INK_MARGIN), core: seal.level - 2 * spread };
}

/**
 * Paint the seal's ink in `out` (a copy of `image.data`) the paper's level, in three steps.
 * 1. The ring band (centre line ± half the stroke + 1 px): every pixel at least as light as
 *    the seal's darkest ink goes; darker ones are print crossing the ring (overprinted ink is
 *    darker than either), which stays.
 * 2. Inside the disc, with the ring gone, the ink's connected components (darker than the
 *    paper by `RING_CONTRAST`) that lie wholly in the disc, are at least `SEAL_MARK_MM` long and
 *    hold no pixel darker than the seal's darkest ink are seal ink — the star, the arc text, the
 *    line under the star — and go whole; only when the print's light strokes around the disc
 *    (`lightPrint`) are darker than that, so that no print character passes for seal ink.
 * 3. Seal ink touching print: pixels of the disc at least as light as the ring's usual core
 *    (`core`) and farther than `TEXT_EDGE_MM` from a pixel darker than the seal's darkest ink
 *    (the print's blurred edges stay; where the ring crosses print, a stub that short stays),
 *    in groups thicker than a hairline (`sealStrokes`; the print's light hairlines stay).
 * Step 3 runs only when the seal's ink is clearly lighter than the print's light strokes around
 * the disc (`STROKE_GAP`). Where the seal is as dark as the print it is not, and step 2 may not
 * be: then step 1 still removes the ring itself (with the light edges of what crosses it) and
 * the rest of the seal stays (the star and the seal's text are left to OCR).
 */
function eraseSeal(image: PageImage, out: Uint8Array, seal: Seal): void {
  const e = sealErasure(image, seal);
  const W = image.width;
  // the disc and, around it, print to measure what step 3 would cost it
  const box = clipBox(image, seal.cx, seal.cy, PRINT_SAMPLE * e.radius);
  const bw = box.x1 - box.x0;
  const bh = box.y1 - box.y0;
  const lo = seal.r - e.half - 1;
  const hi = seal.r + e.half + 1;
  const crop = new Uint8Array(bw * bh); // the box after step 1
  const zone = new Uint8Array(bw * bh); // 0 outside the disc, 1 inside, 2 the ring band
  for (let y = 0; y < bh; y++)
    for (let x = 0; x < bw; x++) {
      const v = out[(y + box.y0) * W + x + box.x0] as number;
      const d = Math.hypot(x + box.x0 + 0.5 - seal.cx, y + box.y0 + 0.5 - seal.cy);
      const i = y * bw + x;
      zone[i] = d > e.radius ? 0 : d >= lo && d <= hi ? 2 : 1;
      crop[i] = zone[i] === 2 && v >= e.darkest ? Math.max(v, e.paper) : v;
    }
  const area = { width: bw, height: bh, data: crop };
  const { label, components } = labelInk(area, e.paper - RING_CONTRAST);
  const light = lightPrint(label, components, zone, bw, bh, (PRINT_MARK_MM * image.dpi) / 25.4);
  // step 2 when even the print's light strokes are darker than the seal's darkest ink
  const alone = light === null || light < e.darkest;
  const minSide = (SEAL_MARK_MM * image.dpi) / 25.4;
  const sealInk = components.map((c) => alone && c.darkest >= e.darkest && Math.max(c.x1 - c.x0, c.y1 - c.y0) >= minSide);
  for (let i = 0; i < label.length; i++) if (zone[i] === 0 && (label[i] as number) >= 0) sealInk[label[i] as number] = false;
  const keep = nearDark(area, e.darkest, Math.max(1, Math.round((TEXT_EDGE_MM * image.dpi) / 25.4)));
  const byGray = light === null || e.core - light >= STROKE_GAP;
  const strokes = byGray ? sealStrokes(crop, zone, keep, bw, bh, e, image.dpi) : null;
  for (let i = 0; i < crop.length; i++) {
    if (zone[i] === 0) continue;
    const c = label[i] as number;
    const v = crop[i] as number;
    const erase = (c >= 0 && sealInk[c]) || (strokes !== null && strokes[i] === 1);
    const x = (i % bw) + box.x0;
    const y = Math.floor(i / bw) + box.y0;
    out[y * W + x] = erase ? Math.max(v, e.paper) : v;
  }
}

/**
 * Step 3's pixels: in the disc, at least as light as the ring's core, darker than the paper by
 * more than `FAINT`, and away from darker print (`keep`) — gathered into 8-connected groups, of
 * which only the thick ones are taken (pixels per px of their length at least `SEAL_WIDTH_MM`):
 * the seal's characters and star, whole or cut by the print they overlap. The print's own
 * light hairlines (the slash of a %, the thin strokes of a 6.8 pt serif character, the edges
 * of a ruling) are thin lines and stay.
 */
function sealStrokes(crop: Uint8Array, zone: Uint8Array, keep: Uint8Array, bw: number, bh: number, e: SealErasure, dpi: number): Uint8Array {
  const mask = new Uint8Array(crop.length).fill(255);
  for (let i = 0; i < crop.length; i++) {
    const v = crop[i] as number;
    if (zone[i] !== 0 && v >= e.core && v < e.paper - FAINT && !keep[i]) mask[i] = 0;
  }
  const { label, components } = labelInk({ width: bw, height: bh, data: mask }, 128);
  const minWidth = (SEAL_WIDTH_MM * dpi) / 25.4;
  const taken = components.map((c) => c.area >= minWidth * Math.max(c.x1 - c.x0, c.y1 - c.y0));
  const out = new Uint8Array(crop.length);
  for (let i = 0; i < crop.length; i++) if ((label[i] as number) >= 0 && taken[label[i] as number]) out[i] = 1;
  return out;
}

/**
 * The print's light strokes near the seal: the 90th percentile of the darkest level of the ink
 * components around the disc (wholly outside it and inside the box, at least `minSide` px long:
 * characters, digits, dashes, not specks). Null when fewer than 10: no print to harm there.
 */
function lightPrint(label: Int32Array, components: Component[], zone: Uint8Array, bw: number, bh: number, minSide: number): number | null {
  const inDisc = new Uint8Array(components.length);
  for (let i = 0; i < label.length; i++) if (zone[i] !== 0 && (label[i] as number) >= 0) inDisc[label[i] as number] = 1;
  const levels = components
    .filter((c, id) => !inDisc[id] && c.x0 > 0 && c.y0 > 0 && c.x1 < bw && c.y1 < bh && Math.max(c.x1 - c.x0, c.y1 - c.y0) >= minSide)
    .map((c) => c.darkest)
    .sort((a, b) => a - b);
  return levels.length < 10 ? null : (levels[Math.floor(0.9 * (levels.length - 1))] as number);
}

/** Mask: 1 within Chebyshev distance `g` of a pixel darker than `level` (a separable max filter). */
function nearDark(image: GrayImage, level: number, g: number): Uint8Array {
  const { width: bw, height: bh, data } = image;
  const rows = new Uint8Array(bw * bh);
  for (let y = 0; y < bh; y++) {
    const row = y * bw;
    for (let x = 0; x < bw; x++) {
      if ((data[row + x] as number) >= level) continue;
      for (let dx = Math.max(0, x - g); dx <= Math.min(bw - 1, x + g); dx++) rows[row + dx] = 1;
    }
  }
  const mask = new Uint8Array(bw * bh);
  for (let y = 0; y < bh; y++)
    for (let x = 0; x < bw; x++) {
      if (!rows[y * bw + x]) continue;
      for (let dy = Math.max(0, y - g); dy <= Math.min(bh - 1, y + g); dy++) mask[dy * bw + x] = 1;
    }
  return mask;
}
