/**
 * Ruling lines of a page image (a scan, or a rendering): ink mask → skew → deskewed mask →
 * long horizontal and vertical ink runs → grouped into lines → `Segment`s in page points,
 * the same shape the vector path (extract/rulings.ts) produces, so the grid stage builds the
 * cells from either.
 *
 * Page space: points, origin top-left, y downward. Pixel (px, py) of a `PageImage` covers
 * [px, px + 1) × [py, py + 1) · 72 / dpi (extract/types.ts). Segments are measured on the
 * *deskewed* image (returned as `deskewed`), which is the image later stages crop cells from.
 *
 * Chain (each step exported): `rulingThreshold`/`binarize` → `estimateSkew` → `rotateImage`
 * → `findRuns` (rows; columns through `transpose`) → `groupRuns` → `joinCollinear` →
 * `dropLooseShortLines` → `dropSmallComponents`.
 */
import type { PageImage, Segment } from '../extract/types.js';
import { binarize, grayHistogram, rulingThreshold, textInkThreshold, transpose } from './binarize.js';
import { estimateSkew, rotateImage } from './deskew.js';

/** Tolerances of the line finder. Lengths in points (scaled to pixels by the image's dpi). */
export interface LineOptions {
  /**
   * Ink runs shorter than this are not rule candidates. Longer than a CJK glyph stroke at
   * body sizes (9 pt text ≈ 8 pt strokes), shorter than the smallest row height (~14 pt).
   */
  minLength: number;
  /** Gaps of up to this in a run (scan dropouts, JPEG artefacts, a crossing stamp) are bridged. */
  maxGap: number;
  /** Skew search range, degrees either side of 0. */
  maxSkewDegrees: number;
  /** The image is rotated only when |skew| exceeds this (degrees). */
  minDeskewDegrees: number;
  /** Groups thicker than this are filled areas (black bars, dark shading), not rules. */
  maxThickness: number;
  /** Collinear pieces within this of each other's position are one line. */
  snapTolerance: number;
  /** Collinear pieces leaving a gap of at most this are joined. */
  joinTolerance: number;
  /**
   * A line shorter than this must end on a perpendicular line at both ends (within
   * `endTolerance`), or it is dropped: a real rule bounds cells, while the near-straight arc
   * of a stamp ring (~20–25 pt for a 60 pt radius) or a dash "——" in a cell does not.
   */
  looseLength: number;
  endTolerance: number;
  /**
   * A run group shorter than `curveCheckLength` (points) may bow by at most `maxSagitta`
   * (points, `RunGroup.sagitta`): the flat sides of a seal ring (up to ~60 pt for a thick,
   * blurred 45 mm seal) are short and curved, a short hairline rule is straight however
   * thin and uneven the scanner left it. Longer groups are exempt.
   */
  curveCheckLength: number;
  maxSagitta: number;
  /**
   * Lines that touch each other (within `endTolerance`) form a component; a component whose
   * box is smaller than this on both sides is a glyph (the boxes of 目 and 自 in a 16 pt title,
   * form-03 page 1), not a table.
   */
  minComponentSize: number;
  /** Ink share of `rulingThreshold` (see binarize.ts). */
  inkShare: number;
}

export const DEFAULT_LINE_OPTIONS: Readonly<LineOptions> = Object.freeze({
  minLength: 10,
  maxGap: 0.4,
  maxSkewDegrees: 3,
  minDeskewDegrees: 0.1,
  maxThickness: 4,
  snapTolerance: 1.5,
  joinTolerance: 3,
  looseLength: 40,
  endTolerance: 3,
  curveCheckLength: 100,
  maxSagitta: 0.5,
  minComponentSize: 30,
  inkShare: 0.6,
});

/** What `findRulings` found, with the intermediate results a debug view may draw. */
export interface RulingsFromImage {
  /** Ruling segments in page points (measured on `deskewed`). */
  segments: Segment[];
  /** Estimated skew of the input, degrees (deskew.ts convention: clockwise positive). */
  skewDegrees: number;
  /** The input rotated by −skew (the input itself when |skew| ≤ `minDeskewDegrees`). */
  deskewed: PageImage;
  /** Gray level below which a pixel counted as ink. */
  threshold: number;
  /**
   * The highest gray level of text ink on the page (`textInkThreshold`): the cell crops take
   * their own level below it, so a light scan's strokes (cores at gray 130–200) are kept.
   */
  textThreshold: number;
}

/** A run of ink along one row of a mask: row `line`, pixels [from, to). */
export interface Run {
  line: number;
  from: number;
  to: number;
}

/** A line as a set of runs on adjacent rows, in pixels along the scanned axis. */
export interface RunGroup {
  /** Ink-weighted centre across the line, pixels (pixel centres at k + 0.5). */
  pos: number;
  from: number;
  to: number;
  /** Ink pixels / length: mean thickness in pixels. */
  thickness: number;
  /**
   * How far the line's centre bows away from the straight line through its ends, pixels: the
   * centre (mean row of its ink) over the middle fifth against the mean of the two end fifths.
   * ~0 for a rule, a hairline or a rule stepping from row to row after deskewing (a tilt is
   * linear and does not bow); several pixels for the flat part of a seal ring (a 50 pt chord of
   * a 60 pt-radius ring bows by ~5 pt).
   */
  sagitta: number;
}

/** Find the ruling lines of a page image: see the module comment. */
export function findRulings(image: PageImage, options?: Partial<LineOptions>): RulingsFromImage {
  const opts: LineOptions = { ...DEFAULT_LINE_OPTIONS, ...options };
  const pxPerPt = image.dpi / 72;
  const minRun = Math.max(8, Math.round(opts.minLength * pxPerPt));
  const maxGap = Math.max(1, Math.round(opts.maxGap * pxPerPt));

  const histogram = grayHistogram(image.data);
  const threshold = rulingThreshold(histogram, opts.inkShare);
  let mask = binarize(image.data, threshold);
  // Skew votes come from runs ≥ 1/3 of the minimum rule length: at 3° a rule breaks into
  // steps of ~19 px, and shorter runs are mostly glyph strokes.
  const skewDegrees = estimateSkew(mask, image.width, image.height, {
    maxDegrees: opts.maxSkewDegrees,
    minRunPx: Math.max(6, Math.round(minRun / 3)),
  });
  let deskewed = image;
  if (Math.abs(skewDegrees) > opts.minDeskewDegrees) {
    deskewed = rotateImage(image, -skewDegrees);
    mask = binarize(deskewed.data, threshold, mask);
  }

  const { width, height } = deskewed;
  const toPt = 72 / deskewed.dpi;
  const maxThickPx = opts.maxThickness * pxPerPt;
  const curveCheckPx = opts.curveCheckLength * pxPerPt;
  const maxSagittaPx = Math.max(1, opts.maxSagitta * pxPerPt);
  const toSegments = (groups: RunGroup[], axis: 'h' | 'v'): Segment[] =>
    groups
      .filter((g) => g.thickness <= maxThickPx)
      // Short and curved: the flat part of a stamp ring. At 300 dpi the sides of a 60 pt ring
      // run ~18 pt, a row height, and would otherwise end on both rules (form-03 page 1).
      .filter((g) => g.to - g.from >= curveCheckPx || g.sagitta <= maxSagittaPx)
      .map((g) => ({ axis, pos: g.pos * toPt, from: g.from * toPt, to: g.to * toPt, thickness: g.thickness * toPt }));

  const horizontal = toSegments(groupRuns(findRuns(mask, width, height, minRun, maxGap), maxGap), 'h');
  const vertical = toSegments(groupRuns(findRuns(transpose(mask, width, height), height, width, minRun, maxGap), maxGap), 'v');
  const joined = [...joinCollinear(horizontal, opts), ...joinCollinear(vertical, opts)];
  const segments = dropSmallComponents(dropLooseShortLines(joined, opts), opts);
  return { segments, skewDegrees, deskewed, threshold, textThreshold: textInkThreshold(histogram) };
}

/**
 * Runs of ink along each row of a `width` × `height` mask, bridging gaps of up to `maxGap`
 * pixels, at least `minRun` pixels long. Sorted by row, then start.
 */
export function findRuns(mask: Uint8Array, width: number, height: number, minRun: number, maxGap: number): Run[] {
  const runs: Run[] = [];
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let start = -1;
    let lastInk = -1;
    for (let x = 0; x < width; x++) {
      if (mask[row + x] === 0) continue;
      if (start >= 0 && x - lastInk - 1 > maxGap) {
        if (lastInk + 1 - start >= minRun) runs.push({ line: y, from: start, to: lastInk + 1 });
        start = x;
      } else if (start < 0) start = x;
      lastInk = x;
    }
    if (start >= 0 && lastInk + 1 - start >= minRun) runs.push({ line: y, from: start, to: lastInk + 1 });
  }
  return runs;
}

/**
 * Runs on the same or adjacent rows (one missing row allowed) whose extents overlap or
 * nearly touch are one line; each group's position is its ink-weighted centre row, its
 * extent the union, its thickness ink / extent. A rule left slightly tilted after deskewing
 * steps from row to row; chaining by near-touching extents keeps it one group.
 */
export function groupRuns(runs: readonly Run[], maxGap: number): RunGroup[] {
  const n = runs.length;
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  const find = (i: number): number => {
    while (parent[i] !== i) {
      const p = parent[parent[i] as number] as number;
      parent[i] = p;
      i = p;
    }
    return i;
  };
  // Runs are sorted by row; compare each with the runs of the previous two rows.
  let prevStart = 0; // first run of row (line − 2) or later
  for (let i = 0; i < n; i++) {
    const r = runs[i] as Run;
    while (prevStart < i && (runs[prevStart] as Run).line < r.line - 2) prevStart++;
    for (let j = prevStart; j < i; j++) {
      const q = runs[j] as Run;
      if (q.line === r.line) break;
      if (q.from <= r.to + maxGap && r.from <= q.to + maxGap) {
        const a = find(i);
        const b = find(j);
        if (a !== b) parent[a] = b;
      }
    }
  }
  const acc = new Map<number, { ink: number; moment: number; from: number; to: number; members: number[] }>();
  for (let i = 0; i < n; i++) {
    const r = runs[i] as Run;
    const root = find(i);
    const len = r.to - r.from;
    const g = acc.get(root);
    if (g) {
      g.ink += len;
      g.moment += len * (r.line + 0.5);
      g.from = Math.min(g.from, r.from);
      g.to = Math.max(g.to, r.to);
      g.members.push(i);
    } else acc.set(root, { ink: len, moment: len * (r.line + 0.5), from: r.from, to: r.to, members: [i] });
  }
  return [...acc.values()].map((g) => {
    const extent = g.to - g.from;
    return { pos: g.moment / g.ink, from: g.from, to: g.to, thickness: g.ink / extent, sagitta: bow(runs, g.members, g.from, extent) };
  });
}

/** `RunGroup.sagitta`: the centre over the middle fifth against the end fifths' (see there). */
function bow(runs: readonly Run[], members: readonly number[], from: number, extent: number): number {
  // Ink count and row moment along the line, through difference arrays.
  const count = new Float64Array(extent + 1);
  const moment = new Float64Array(extent + 1);
  for (const i of members) {
    const r = runs[i] as Run;
    count[r.from - from]! += 1;
    count[r.to - from]! -= 1;
    moment[r.from - from]! += r.line + 0.5;
    moment[r.to - from]! -= r.line + 0.5;
  }
  const fifth = Math.max(1, Math.floor(extent / 5));
  const sums = { left: [0, 0], middle: [0, 0], right: [0, 0] };
  let c = 0;
  let m = 0;
  for (let x = 0; x < extent; x++) {
    c += count[x] as number;
    m += moment[x] as number;
    const part = x < fifth ? sums.left : x >= extent - fifth ? sums.right : x >= 2 * fifth && x < extent - 2 * fifth ? sums.middle : undefined;
    if (part) (part[0]! += m), (part[1]! += c);
  }
  const centre = (p: number[]): number | undefined => ((p[1] as number) > 0 ? (p[0] as number) / (p[1] as number) : undefined);
  const [l, mid, r] = [centre(sums.left), centre(sums.middle), centre(sums.right)];
  return l === undefined || mid === undefined || r === undefined ? 0 : Math.abs(mid - (l + r) / 2);
}

/**
 * Join collinear pieces of one axis (positions within `snapTolerance`, gaps up to
 * `joinTolerance`, points): a rule interrupted by a stamp, a fold or a dropout is one line
 * again. Position and thickness are length-weighted means.
 */
export function joinCollinear(segments: readonly Segment[], options: Pick<LineOptions, 'snapTolerance' | 'joinTolerance'>): Segment[] {
  const sorted = [...segments].sort((a, b) => a.pos - b.pos || a.from - b.from);
  // Cluster by position (chained), then sweep each cluster along the axis.
  const out: Segment[] = [];
  let cluster: Segment[] = [];
  const flush = (): void => {
    const byFrom = cluster.sort((a, b) => a.from - b.from);
    let cur: { sumPos: number; sumThick: number; weight: number; from: number; to: number } | null = null;
    const emit = (): void => {
      if (!cur) return;
      out.push({ axis: byFrom[0]!.axis, pos: cur.sumPos / cur.weight, from: cur.from, to: cur.to, thickness: cur.sumThick / cur.weight });
    };
    for (const s of byFrom) {
      const len = Math.max(s.to - s.from, 1e-6);
      if (cur && s.from <= cur.to + options.joinTolerance) {
        cur.sumPos += s.pos * len;
        cur.sumThick += s.thickness * len;
        cur.weight += len;
        cur.to = Math.max(cur.to, s.to);
      } else {
        emit();
        cur = { sumPos: s.pos * len, sumThick: s.thickness * len, weight: len, from: s.from, to: s.to };
      }
    }
    emit();
    cluster = [];
  };
  for (const s of sorted) {
    const last = cluster[cluster.length - 1];
    if (last && s.pos - last.pos > options.snapTolerance) flush();
    cluster.push(s);
  }
  if (cluster.length > 0) flush();
  return out;
}

/**
 * Keep lines of at least `looseLength`, and shorter ones only when both ends meet a
 * perpendicular line (within `endTolerance`, points) that is itself kept — repeated until
 * nothing changes, so two stray strokes cannot vouch for each other (a seal's letters over a
 * digit, scans/seed-200 page 15). See `LineOptions.looseLength`.
 */
export function dropLooseShortLines(segments: readonly Segment[], options: Pick<LineOptions, 'looseLength' | 'endTolerance'>): Segment[] {
  const tol = options.endTolerance;
  const meets = (end: number, pos: number, perpendicular: readonly Segment[]): boolean =>
    perpendicular.some((p) => Math.abs(p.pos - end) <= tol && p.from - tol <= pos && pos <= p.to + tol);
  let kept = [...segments];
  for (;;) {
    const h = kept.filter((s) => s.axis === 'h');
    const v = kept.filter((s) => s.axis === 'v');
    const next = kept.filter((s) => {
      if (s.to - s.from >= options.looseLength) return true;
      const other = s.axis === 'h' ? v : h;
      return meets(s.from, s.pos, other) && meets(s.to, s.pos, other);
    });
    if (next.length === kept.length) return next;
    kept = next;
  }
}

/**
 * Drop groups of mutually touching lines (within `endTolerance`, points) whose bounding box
 * is smaller than `minComponentSize` on both sides. See `LineOptions.minComponentSize`.
 */
export function dropSmallComponents(segments: readonly Segment[], options: Pick<LineOptions, 'endTolerance' | 'minComponentSize'>): Segment[] {
  const n = segments.length;
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i] as number] as number;
    return i;
  };
  const tol = options.endTolerance;
  for (let i = 0; i < n; i++) {
    const a = segments[i] as Segment;
    for (let j = i + 1; j < n; j++) {
      const b = segments[j] as Segment;
      const touch =
        a.axis === b.axis
          ? Math.abs(a.pos - b.pos) <= tol && a.from <= b.to + tol && b.from <= a.to + tol
          : a.from - tol <= b.pos && b.pos <= a.to + tol && b.from - tol <= a.pos && a.pos <= b.to + tol;
      if (touch) parent[find(i)] = find(j);
    }
  }
  const boxes = new Map<number, { x0: number; y0: number; x1: number; y1: number }>();
  segments.forEach((s, i) => {
    const [x0, x1, y0, y1] = s.axis === 'h' ? [s.from, s.to, s.pos, s.pos] : [s.pos, s.pos, s.from, s.to];
    const root = find(i);
    const box = boxes.get(root);
    if (!box) boxes.set(root, { x0, y0, x1, y1 });
    else {
      box.x0 = Math.min(box.x0, x0);
      box.y0 = Math.min(box.y0, y0);
      box.x1 = Math.max(box.x1, x1);
      box.y1 = Math.max(box.y1, y1);
    }
  });
  return segments.filter((_, i) => {
    const box = boxes.get(find(i));
    return !!box && (box.x1 - box.x0 >= options.minComponentSize || box.y1 - box.y0 >= options.minComponentSize);
  });
}

/**
 * The image with its ruling lines painted white: each segment's band (its thickness, plus
 * `marginPt` either side for the scanner's blur) along its length. Cells are cropped from this
 * image, so a border's remnant or its blurred halo never reaches the recognizer as `|`, `一`
 * or a Latin letter, whatever the ink threshold; a stroke crossing a rule loses only the
 * rule's width. `segments` in page points, as `findRulings` returns them for `image`.
 */
export function eraseRulings(image: PageImage, segments: readonly Segment[], marginPt = 0.5): PageImage {
  const s = image.dpi / 72;
  const data = new Uint8Array(image.data);
  const { width, height } = image;
  for (const seg of segments) {
    const half = (seg.thickness * s) / 2 + Math.max(1, marginPt * s);
    const a0 = Math.max(0, Math.floor(seg.pos * s - half));
    const a1 = Math.min(seg.axis === 'h' ? height : width, Math.ceil(seg.pos * s + half));
    const b0 = Math.max(0, Math.floor(seg.from * s - half));
    const b1 = Math.min(seg.axis === 'h' ? width : height, Math.ceil(seg.to * s + half));
    for (let a = a0; a < a1; a++) {
      if (seg.axis === 'h') data.fill(255, a * width + b0, a * width + b1);
      else for (let b = b0; b < b1; b++) data[b * width + a] = 255;
    }
  }
  return { ...image, data };
}
