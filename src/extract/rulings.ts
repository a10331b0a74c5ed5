/**
 * Ruling segments from a page's operator list.
 *
 * Tracks the CTM through save/restore/transform and form XObjects, and the line width
 * through setLineWidth and ExtGState `LW`. Stroked axis-aligned lines become segments; thin
 * filled rectangles (spreadsheet and word-processor exports draw borders that way) become a
 * segment along their centre line, with the short side as thickness.
 *
 * Also tracks rectangular clip paths (pdf.js 5.x emits `clip`/`eoClip` before the path that
 * defines them) and the text origin of each show-text op, so the text stage can tell where a
 * run is visible: spreadsheet exports clip some cells' text to the cell (a wrapped label
 * taller than its fixed row), and not others.
 */
import type { Matrix } from './coords.js';
import { IDENTITY, apply, compose, meanScale } from './coords.js';
import { OPS } from './pdfjs.js';
import type { BBox, Segment } from './types.js';

/** Draw codes inside a 5.x `constructPath` data stream. */
const DRAW = { moveTo: 0, lineTo: 1, curveTo: 2, quadraticCurveTo: 3, closePath: 4 } as const;

/** A filled rectangle counts as a ruling when its short side is at most this (points). */
export const MAX_RULE_THICKNESS = 3;
/** Lines shorter than this (points) are not rulings (glyph-like marks, dots). */
export const MIN_RULE_LENGTH = 2;
/** How far from axis-aligned a line may be (points of drift over its length). */
const AXIS_TOLERANCE = 0.75;

const STROKE_OPS = new Set<number>([OPS.stroke, OPS.closeStroke, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
const FILL_OPS = new Set<number>([OPS.fill, OPS.eoFill, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
const IMAGE_OPS = new Set<number>([
  OPS.paintImageXObject,
  OPS.paintInlineImageXObject,
  OPS.paintImageMaskXObject,
  OPS.paintImageXObjectRepeat,
  OPS.paintImageMaskXObjectRepeat,
  OPS.paintInlineImageXObjectGroup,
  OPS.paintImageMaskXObjectGroup,
]);

const CLIP_OPS = new Set<number>([OPS.clip, OPS.eoClip]);
const SHOW_TEXT_OPS = new Set<number>([OPS.showText, OPS.showSpacedText, OPS.nextLineShowText, OPS.nextLineSetSpacingShowText]);

interface GraphicsState {
  ctm: Matrix;
  lineWidth: number;
  /** The rectangular clip in force (page space); undefined when none is known. */
  clip?: BBox;
}

/**
 * Where a text-showing operator starts drawing (its text origin, page space) and the
 * rectangular clip in force there. Only origins set by a text-positioning operator are
 * known: a second show op after the first, without a new position, is not listed.
 */
export interface TextClip {
  x: number;
  y: number;
  clip: BBox;
}

/** A point in page space. */
type Point = [number, number];

export interface RulingsResult {
  segments: Segment[];
  imageCount: number;
  /**
   * Where each image paint op that draws its image into the unit square of the CTM lands:
   * the unit square → page space matrix (not the repeated/grouped image ops, placed by their
   * own arguments).
   */
  imagePlacements: Matrix[];
  /** Text origins drawn under a rectangular clip (see `TextClip`). */
  textClips: TextClip[];
}

/** Image ops that draw one image into the unit square of the current CTM. */
const UNIT_SQUARE_IMAGE_OPS = new Set<number>([OPS.paintImageXObject, OPS.paintInlineImageXObject, OPS.paintImageMaskXObject]);

/**
 * Walk an operator list (`fnArray`/`argsArray` from pdf.js) and collect ruling segments in
 * page space. `viewport` maps user space to page space.
 */
export function extractRulings(fnArray: number[], argsArray: unknown[], viewport: Matrix): RulingsResult {
  const segments: Segment[] = [];
  let imageCount = 0;
  const imagePlacements: Matrix[] = [];
  const textClips: TextClip[] = [];
  let state: GraphicsState = { ctm: IDENTITY, lineWidth: 1 };
  const stack: GraphicsState[] = [];
  const toPage = (m: Matrix): Matrix => compose(viewport, m);
  /** A clip operator was met: the next path (pdf.js 5.x emits the clip before it) clips. */
  let clipPending = false;
  /** Text line matrix and whether the text matrix is known (no show op since positioning). */
  let lineMatrix: Matrix = IDENTITY;
  let leading = 0;
  let originKnown = false;
  const moveLine = (tx: number, ty: number): void => {
    lineMatrix = compose(lineMatrix, [1, 0, 0, 1, tx, ty]);
    originKnown = true;
  };

  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i];
    const args = argsArray[i] as unknown[] | null;
    switch (fn) {
      case OPS.save:
        stack.push({ ...state });
        break;
      case OPS.restore:
        state = stack.pop() ?? state;
        break;
      case OPS.transform:
        state = { ...state, ctm: compose(state.ctm, args as unknown as Matrix) };
        break;
      case OPS.paintFormXObjectBegin: {
        stack.push({ ...state });
        const matrix = args?.[0] as Matrix | null | undefined;
        if (matrix && matrix.length === 6) state = { ...state, ctm: compose(state.ctm, matrix) };
        break;
      }
      case OPS.paintFormXObjectEnd:
        state = stack.pop() ?? state;
        break;
      case OPS.setLineWidth:
        state = { ...state, lineWidth: Number(args?.[0] ?? 1) };
        break;
      case OPS.setGState: {
        const entries = (args?.[0] ?? []) as [string, unknown][];
        for (const [key, value] of entries) if (key === 'LW') state = { ...state, lineWidth: Number(value) };
        break;
      }
      case OPS.clip:
      case OPS.eoClip:
        clipPending = true;
        break;
      case OPS.beginText:
        lineMatrix = IDENTITY;
        originKnown = true;
        break;
      case OPS.setTextMatrix:
        lineMatrix = (args as unknown as Matrix).slice(0, 6) as unknown as Matrix;
        originKnown = true;
        break;
      case OPS.setLeading:
        leading = Number(args?.[0] ?? 0);
        break;
      case OPS.moveText:
        moveLine(Number(args?.[0] ?? 0), Number(args?.[1] ?? 0));
        break;
      case OPS.setLeadingMoveText:
        leading = -Number(args?.[1] ?? 0);
        moveLine(Number(args?.[0] ?? 0), Number(args?.[1] ?? 0));
        break;
      case OPS.nextLine:
        moveLine(0, -leading);
        break;
      case OPS.constructPath: {
        const paintOp = args?.[0] as number;
        const data = (args?.[1] as (ArrayLike<number> | null)[] | undefined)?.[0];
        if (!data) break;
        const m = toPage(state.ctm);
        const subpaths = flattenPath(data, m);
        if (clipPending) {
          clipPending = false;
          const rect = rectangleOf(subpaths);
          // A clip that is not one rectangle is not tracked: text under it counts as unclipped.
          if (rect) state = { ...state, clip: state.clip ? intersect(state.clip, rect) : rect };
        }
        if (STROKE_OPS.has(paintOp)) {
          // A zero line width is the thinnest line the device can draw.
          const thickness = Math.max(state.lineWidth * meanScale(m), 0.1);
          for (const path of subpaths) strokeSegments(path, thickness, segments);
        }
        if (FILL_OPS.has(paintOp)) {
          for (const path of subpaths) fillSegment(path, segments);
        }
        break;
      }
      default:
        if (fn !== undefined && IMAGE_OPS.has(fn)) imageCount++;
        if (fn !== undefined && UNIT_SQUARE_IMAGE_OPS.has(fn)) imagePlacements.push(toPage(state.ctm));
        if (fn !== undefined && SHOW_TEXT_OPS.has(fn)) {
          if (fn === OPS.nextLineShowText || fn === OPS.nextLineSetSpacingShowText) moveLine(0, -leading);
          if (originKnown && state.clip) {
            const [x, y] = apply(toPage(compose(state.ctm, lineMatrix)), 0, 0);
            textClips.push({ x, y, clip: state.clip });
          }
          originKnown = false;
        }
    }
  }
  return { segments, imageCount, imagePlacements, textClips };
}

/** The box of a path that is one axis-aligned rectangle (page space), else null. */
function rectangleOf(paths: readonly Subpath[]): BBox | null {
  const withArea = paths.filter((p) => p.points.length >= 3);
  if (withArea.length !== 1) return null;
  const path = withArea[0] as Subpath;
  const box = cornerBox(path);
  return box && box.x1 - box.x0 > 0 && box.y1 - box.y0 > 0 ? box : null;
}

function intersect(a: BBox, b: BBox): BBox {
  const x0 = Math.max(a.x0, b.x0);
  const y0 = Math.max(a.y0, b.y0);
  return { x0, y0, x1: Math.max(x0, Math.min(a.x1, b.x1)), y1: Math.max(y0, Math.min(a.y1, b.y1)) };
}

interface Subpath {
  points: Point[];
  closed: boolean;
  /** True when the subpath contains curves (then it is not a ruling). */
  curved: boolean;
}

/** Turn a draw-code stream into subpaths of page-space points. */
function flattenPath(data: ArrayLike<number>, m: Matrix): Subpath[] {
  const paths: Subpath[] = [];
  let current: Subpath | null = null;
  let i = 0;
  const at = (k: number): number => data[k] ?? 0;
  while (i < data.length) {
    const code = at(i);
    if (code === DRAW.moveTo) {
      current = { points: [apply(m, at(i + 1), at(i + 2))], closed: false, curved: false };
      paths.push(current);
      i += 3;
    } else if (code === DRAW.lineTo) {
      if (!current) {
        current = { points: [], closed: false, curved: false };
        paths.push(current);
      }
      current.points.push(apply(m, at(i + 1), at(i + 2)));
      i += 3;
    } else if (code === DRAW.curveTo) {
      if (current) {
        current.curved = true;
        current.points.push(apply(m, at(i + 5), at(i + 6)));
      }
      i += 7;
    } else if (code === DRAW.quadraticCurveTo) {
      if (current) {
        current.curved = true;
        current.points.push(apply(m, at(i + 3), at(i + 4)));
      }
      i += 5;
    } else if (code === DRAW.closePath) {
      if (current) {
        current.closed = true;
        const first: Point | undefined = current.points[0];
        // A later lineTo without moveTo continues from the start point.
        current = first ? { points: [first], closed: false, curved: false } : null;
        if (current) paths.push(current);
      }
      i += 1;
    } else {
      break; // unknown code: stop rather than misread coordinates
    }
  }
  return paths.filter((p) => p.points.length >= 2 || p.closed);
}

/** Each straight axis-aligned edge of a stroked subpath becomes a segment. */
function strokeSegments(path: Subpath, thickness: number, out: Segment[]): void {
  if (path.curved) return;
  const pts = path.closed ? [...path.points, path.points[0] as Point] : path.points;
  for (let k = 1; k < pts.length; k++) {
    const seg = edgeSegment(pts[k - 1] as Point, pts[k] as Point, thickness);
    if (seg) out.push(seg);
  }
}

function edgeSegment([xa, ya]: Point, [xb, yb]: Point, thickness: number): Segment | null {
  const dx = Math.abs(xb - xa);
  const dy = Math.abs(yb - ya);
  if (dy <= AXIS_TOLERANCE && dx >= MIN_RULE_LENGTH) {
    return { axis: 'h', pos: (ya + yb) / 2, from: Math.min(xa, xb), to: Math.max(xa, xb), thickness };
  }
  if (dx <= AXIS_TOLERANCE && dy >= MIN_RULE_LENGTH) {
    return { axis: 'v', pos: (xa + xb) / 2, from: Math.min(ya, yb), to: Math.max(ya, yb), thickness };
  }
  return null;
}

/**
 * The box of a straight subpath of 3–5 points that all sit on the corners of their bounding
 * box (an axis-aligned rectangle, closed or not), else null.
 */
function cornerBox(path: Subpath): BBox | null {
  if (path.curved) return null;
  const pts = path.points;
  if (pts.length < 3 || pts.length > 5) return null;
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  const x0 = Math.min(...xs);
  const x1 = Math.max(...xs);
  const y0 = Math.min(...ys);
  const y1 = Math.max(...ys);
  const onCorner = pts.every(
    ([x, y]) => (Math.abs(x - x0) < 0.01 || Math.abs(x - x1) < 0.01) && (Math.abs(y - y0) < 0.01 || Math.abs(y - y1) < 0.01),
  );
  return onCorner ? { x0, y0, x1, y1 } : null;
}

/** A filled axis-aligned rectangle with a thin side becomes one segment along its length. */
function fillSegment(path: Subpath, out: Segment[]): void {
  const box = cornerBox(path);
  if (!box) return;
  const { x0, y0, x1, y1 } = box;
  const w = x1 - x0;
  const h = y1 - y0;
  if (h <= MAX_RULE_THICKNESS && w >= MIN_RULE_LENGTH && w > h) {
    out.push({ axis: 'h', pos: (y0 + y1) / 2, from: x0, to: x1, thickness: Math.max(h, 0.1) });
  } else if (w <= MAX_RULE_THICKNESS && h >= MIN_RULE_LENGTH && h > w) {
    out.push({ axis: 'v', pos: (x0 + x1) / 2, from: y0, to: y1, thickness: Math.max(w, 0.1) });
  }
}
