/**
 * The OCR engine: the only module that imports tesseract.js.
 *
 * One engine recognizes single table cells of a page image whose grid is already known
 * (`ocr/lines.ts` finds it): the cell is cropped a few pixels inside its borders, leftover
 * ruling is trimmed, the ink is padded with white and handed to tesseract with a page
 * segmentation mode, a resolution and (for numbers) a character whitelist chosen per cell.
 * A number's `%` read as `96` is repaired from the shapes of the crop's glyphs
 * (`percentInCell`, ocr/target-cell.ts).
 *
 * Workers are created once, shared through a tesseract.js scheduler when there are several,
 * recycled after `recycleAfter` jobs each (tesseract's WASM heap only grows), and terminated
 * once by `terminate()`. Every worker has an error handler: without one, tesseract.js throws
 * a failed job's error from its message listener, where nobody can catch it.
 *
 * Offline, always: the language data comes from the installed `@tesseract.js-data/*`
 * packages, gathered into one local directory (tesseract.js takes one `langPath` for all
 * languages). A `langPath` that is not a local directory is refused before any worker starts,
 * so tesseract.js never falls back to its CDN.
 *
 * Units: cell boxes are in PIXELS of the `PageImage` (origin top-left, y downward); the
 * image's `dpi` is passed to tesseract as `user_defined_dpi`.
 */
import { randomBytes } from 'node:crypto';
import { constants as fsConstants } from 'node:fs';
import { access, copyFile, mkdir, rename, stat, unlink } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { Worker as ThreadWorker } from 'node:worker_threads';
import Tesseract from 'tesseract.js';
import { JixiaoError } from '../errors.js';
import type { PageImage } from '../extract/types.js';
import { cleanCellText, type CellHint } from './cell-text.js';
import { percentInCell } from './target-cell.js';
import { DARK_INK, labelInk } from './binarize.js';

export type { CellHint } from './cell-text.js';

/** Which traineddata of the `@tesseract.js-data` packages to load. */
export type OcrModel = 'best_int' | 'standard';

export interface OcrEngineOptions {
  /** Number of tesseract workers (threads); > 1 shares them through a scheduler. Default 1. */
  workers?: number;
  /** Jobs per worker after which all workers are replaced by fresh ones. Default 500. */
  recycleAfter?: number;
  /**
   * `best_int` (default): the small integer LSTM models (chi_sim 1.7 MB), tesseract.js's own
   * default. `standard`: the `4.0.0` float models (chi_sim 20 MB), slower to load.
   */
  model?: OcrModel;
  /**
   * A local directory already holding `chi_sim.traineddata.gz` and `eng.traineddata.gz`.
   * Default: the installed packages' files, copied once into a folder under `os.tmpdir()`.
   * URLs (`http:`, `https:`, `file:` …) are refused: the engine never goes to the network.
   */
  langPath?: string;
  /** Called with every error a worker reports (the failed job also rejects). */
  onWorkerError?: (error: unknown) => void;
  /**
   * Languages the workers load (default both). Chinese alone is for re-reading short cells
   * the English model took over (`执行率` read as `HITE`, `次` as `R`).
   */
  languages?: readonly (typeof OCR_LANGUAGES)[number][];
}

/** A cell box in pixels of the page image, origin top-left: x0 < x1, y0 < y1 (x1, y1 exclusive). */
export interface PixelBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface OcrCellResult {
  /** The cell's text after `cleanCellText(raw, hint)` (and, for a one-line number, `percentInCell`). */
  text: string;
  /** 0..1: tesseract's mean word confidence; 1 for a cell found empty without OCR. */
  confidence: number;
  /** Tesseract's output as is (lines joined by `\n`, trailing newline dropped). */
  raw: string;
  /** Page segmentation mode used: 7 = one line, 6 = a block of lines, 8 = one word (a retry when line mode read nothing), 13 = raw line (a re-read); 0 = not OCR'd (empty). */
  psm: 0 | 6 | 7 | 8 | 13;
  /** Each recognized character with its horizontal extent in crop pixels (when asked for). */
  glyphs?: OcrGlyph[];
}

/** One character tesseract recognized, and where (pixels of the crop, x1 and y1 exclusive). */
export interface OcrGlyph {
  text: string;
  confidence: number;
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/**
 * Other settings for reading a cell again (a re-read when the first reading does not add up):
 * the crop upscaled, another page segmentation mode, another whitelist, the crop binarized at
 * another ink level. Unset fields keep the defaults.
 */
export interface CellVariant {
  /** Upscale factor of the crop (1.5, 2); tesseract is told the matching dpi. */
  scale?: number;
  /** Page segmentation mode: 7 line, 8 word, 13 raw line, 6 block. No word-mode retry when set. */
  psm?: 6 | 7 | 8 | 13;
  /** Character whitelist ('' for none); default: the hint's. */
  whitelist?: string;
  /** Gray level below which a pixel is ink: the crop is binarized at it (default: not binarized). */
  threshold?: number;
}

export interface OcrEngine {
  /** Recognize one cell. Rejects when the engine is terminated or a worker fails. */
  recognizeCell(image: PageImage, box: PixelBox, hint: CellHint, variant?: CellVariant): Promise<OcrCellResult>;
  /**
   * Recognize a crop already made (`cropCell`, possibly changed), at `dpi`; with `glyphs`,
   * the result lists the characters and their positions in the crop.
   */
  recognizeCrop(crop: CellCrop, dpi: number, hint: CellHint, variant?: CellVariant, pageNumber?: number, glyphs?: boolean): Promise<OcrCellResult>;
  /** Stop every worker. Idempotent; jobs still pending reject. */
  terminate(): Promise<void>;
  /**
   * Replace the workers by fresh ones: jobs from now on go to a new set, the current set is
   * terminated when its last job ends (tesseract's WASM heap only grows).
   */
  recycle(): void;
  /** The local directory the language data was loaded from (for canary tests). */
  readonly langPath: string;
  /** Counters for diagnostics: cells sent to tesseract, workers started (recycling included). */
  stats(): { jobs: number; workersStarted: number };
}

/** A failure of the OCR engine itself (language data, workers), not of one page's content. */
export class OcrEngineError extends JixiaoError {
  override readonly name = 'OcrEngineError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, 'ocr', undefined, options);
  }
}

export const OCR_LANGUAGES = ['chi_sim', 'eng'] as const;

const MODEL_FOLDERS: Record<OcrModel, string> = { best_int: '4.0.0_best_int', standard: '4.0.0' };

/**
 * Characters allowed in `number` cells: amounts, weights, scores, rates, and the dash
 * printed in cells that do not apply. `,` is kept so a thousands separator is not read as
 * `.` (the parser drops it); `一` is not needed since `—` itself is allowed.
 */
export const NUMBER_WHITELIST = '0123456789.,-%—';

// ---------------------------------------------------------------------------------------
// Language data: local files only.

const require = createRequire(import.meta.url);

/** The gzipped traineddata file of `lang` shipped by its `@tesseract.js-data` package. */
export function installedLanguageFile(lang: string, model: OcrModel): string {
  const packageJson = require.resolve(`@tesseract.js-data/${lang}/package.json`);
  return join(dirname(packageJson), MODEL_FOLDERS[model], `${lang}.traineddata.gz`);
}

/**
 * Refuse anything that is not an existing local directory holding every language's
 * `.traineddata.gz`; returns the absolute path. tesseract.js treats URLs (and `file://`)
 * as something to fetch, so no scheme is accepted at all.
 */
export async function assertLocalLanguageDir(langPath: string): Promise<string> {
  if (/^[a-z][a-z0-9+.-]*:/i.test(langPath) && !/^[a-z]:[\\/]/i.test(langPath)) {
    throw new OcrEngineError(`OCR language data must be a local directory, not a URL: ${langPath}`);
  }
  const dir = isAbsolute(langPath) ? langPath : resolve(langPath);
  const info = await stat(dir).catch(() => undefined);
  if (info === undefined || !info.isDirectory()) {
    throw new OcrEngineError(`OCR language data directory not found: ${dir}`);
  }
  for (const lang of OCR_LANGUAGES) {
    const file = join(dir, `${lang}.traineddata.gz`);
    try {
      await access(file, fsConstants.R_OK);
    } catch (error) {
      throw new OcrEngineError(`OCR language data missing: ${file}`, { cause: error });
    }
  }
  return dir;
}

/**
 * Gather the installed languages' files of `model` into one directory under `os.tmpdir()`
 * (copied once; a file whose size matches its source is kept). Copies go through a temporary
 * name and `rename`, so concurrent processes never see a half-written file.
 */
export async function prepareLanguageDir(model: OcrModel): Promise<string> {
  const dir = join(tmpdir(), `jixiao-tessdata-${MODEL_FOLDERS[model]}`);
  try {
    await mkdir(dir, { recursive: true });
    for (const lang of OCR_LANGUAGES) {
      const source = installedLanguageFile(lang, model);
      const target = join(dir, `${lang}.traineddata.gz`);
      const [src, dst] = await Promise.all([stat(source), stat(target).catch(() => undefined)]);
      if (dst?.isFile() === true && dst.size === src.size) continue;
      const partial = `${target}.${process.pid}.${randomBytes(4).toString('hex')}.part`;
      try {
        await copyFile(source, partial);
        await rename(partial, target);
      } finally {
        await unlink(partial).catch(() => undefined);
      }
    }
  } catch (error) {
    if (error instanceof OcrEngineError) throw error;
    throw new OcrEngineError(`cannot prepare the OCR language data (${describe(error)})`, { cause: error });
  }
  return dir;
}

// ---------------------------------------------------------------------------------------
// Cell image preparation (pure, exported for tests).

/** A cropped, padded cell ready for OCR: 8-bit grayscale, row-major. */
export interface CellCrop {
  width: number;
  height: number;
  data: Uint8Array;
  /** Text lines found by the row profile of the ink (0 when the cell is empty). */
  lines: number;
  /** Height in pixels of the tallest text line (0 when empty). */
  lineHeight: number;
  /** Width in pixels of the ink (the crop less its white padding), when `cropCell` made it. */
  inkWidth?: number;
}

export interface CropOptions {
  /** Pixels dropped inside each border before anything else. Default: 1 pt at the image dpi, ≥ 2 px. */
  inset?: number;
  /** Gray level below which a pixel is ink (the page's, `textInkThreshold`). Default 128. */
  inkThreshold?: number;
  /** Fewer ink pixels than this and the cell is empty. Default: (dpi/72)², ≥ 4 (≈ 1 pt²). */
  minInk?: number;
  /** White margin added around the ink, in pixels. Default: 4 pt at the image dpi, ≥ 10 px. */
  padding?: number;
}

/**
 * Crop `box` of `image` for OCR, or `undefined` when the cell holds no ink.
 *
 * 1. Inset the box by `inset` px on every side (the ruling is centred on the box edge).
 * 2. Trim rows/columns at the crop's edges that are mostly dark: remnants of a thick or
 *    slightly misplaced ruling, which tesseract reads as `|`, `一` or `_`.
 * 3. Tighten to the ink's bounding box and pad it with `padding` white pixels.
 * 4. Count text lines from the row profile, to choose single-line or block segmentation.
 */
export function cropCell(image: PageImage, box: PixelBox, options: CropOptions = {}): CellCrop | undefined {
  const scale = image.dpi / 72;
  const inset = options.inset ?? Math.max(2, Math.round(scale));
  const threshold = options.inkThreshold ?? 128;
  const minInk = options.minInk ?? Math.max(4, Math.round(scale * scale));
  const padding = options.padding ?? Math.max(10, Math.round(4 * scale));
  const W = image.width;
  const data = image.data;

  let x0 = clamp(Math.round(box.x0) + inset, 0, W);
  let x1 = clamp(Math.round(box.x1) - inset, 0, W);
  let y0 = clamp(Math.round(box.y0) + inset, 0, image.height);
  let y1 = clamp(Math.round(box.y1) - inset, 0, image.height);
  if (x1 - x0 < 2 || y1 - y0 < 2) return undefined;

  // 2. Ruling remnants: an edge row/column with more than half its pixels dark. Looked for
  // within 2 pt of each edge only, so a text line touching the edge is never cut.
  const reach = Math.max(2, Math.round(2 * scale));
  const remnant = Math.min(threshold, DARK_INK) + 32;
  const darkRow = (y: number): boolean => darkFraction(data, y * W + x0, 1, x1 - x0, remnant) > 0.5;
  const darkCol = (x: number): boolean => darkFraction(data, y0 * W + x, W, y1 - y0, remnant) > 0.5;
  for (let k = 0; k < reach && y1 - y0 > 2; k++) {
    const top = y0;
    const bottom = y1 - 1;
    let cut = false;
    if (darkRow(top)) (y0 += 1), (cut = true);
    if (darkRow(bottom)) (y1 -= 1), (cut = true);
    if (!cut && k > 0) break;
  }
  for (let k = 0; k < reach && x1 - x0 > 2; k++) {
    let cut = false;
    if (darkCol(x0)) (x0 += 1), (cut = true);
    if (darkCol(x1 - 1)) (x1 -= 1), (cut = true);
    if (!cut && k > 0) break;
  }

  // 3. Ink is darker than `threshold` (the page's level, `textInkThreshold`).
  const ww = x1 - x0;
  const wh = y1 - y0;
  const window = new Uint8Array(ww * wh);
  for (let y = 0; y < wh; y++) window.set(data.subarray((y0 + y) * W + x0, (y0 + y) * W + x1), y * ww);
  const level = threshold;
  // Specks: ink components smaller than `minInk` with no pixel darker than `DARK_INK` (scanner
  // noise and JPEG ringing reach below the light level; a light stroke is longer, a decimal
  // point darker).
  if (level > DARK_INK) {
    const { label, components } = labelInk({ width: ww, height: wh, data: window }, level);
    for (let p = 0; p < window.length; p++) {
      const c = components[label[p] as number];
      if (c !== undefined && c.area < minInk && c.darkest >= DARK_INK) window[p] = 255;
    }
  }
  // Then the ink's bounding box and row profile.
  const rowInk = new Uint32Array(wh);
  let ink = 0;
  let ix0 = ww;
  let ix1 = 0;
  for (let y = 0; y < wh; y++) {
    let count = 0;
    for (let x = 0; x < ww; x++) {
      if ((window[y * ww + x] as number) < level) {
        count++;
        if (x < ix0) ix0 = x;
        if (x >= ix1) ix1 = x + 1;
      }
    }
    rowInk[y] = count;
    ink += count;
  }
  if (ink < minInk) return undefined;
  let iy0 = 0;
  while (iy0 < rowInk.length && rowInk[iy0] === 0) iy0++;
  let iy1 = rowInk.length;
  while (iy1 > iy0 && rowInk[iy1 - 1] === 0) iy1--;

  const { lines, lineHeight } = countLines(rowInk.subarray(iy0, iy1));

  const cw = ix1 - ix0;
  const ch = iy1 - iy0;
  const width = cw + 2 * padding;
  const height = ch + 2 * padding;
  const out = new Uint8Array(width * height).fill(255);
  for (let y = 0; y < ch; y++) {
    const from = (iy0 + y) * ww + ix0;
    out.set(window.subarray(from, from + cw), (padding + y) * width + padding);
  }
  return { width, height, data: out, lines, lineHeight, inkWidth: cw };
}

/**
 * Text lines in a row-ink profile (trimmed of blank rows at both ends): runs of inked rows,
 * runs closer than a fifth of the tallest run merged (strokes of 二/三 or `:` split a line),
 * and runs shorter than 40 % of the tallest dropped (underscores, specks, stray dots).
 */
export function countLines(profile: ArrayLike<number>): { lines: number; lineHeight: number } {
  const runs: { from: number; to: number }[] = [];
  for (let y = 0; y < profile.length; y++) {
    if ((profile[y] ?? 0) === 0) continue;
    const last = runs[runs.length - 1];
    if (last !== undefined && last.to === y) last.to = y + 1;
    else runs.push({ from: y, to: y + 1 });
  }
  if (runs.length === 0) return { lines: 0, lineHeight: 0 };
  const tallest = Math.max(...runs.map((r) => r.to - r.from));
  const merged: { from: number; to: number }[] = [];
  for (const r of runs) {
    const last = merged[merged.length - 1];
    if (last !== undefined && r.from - last.to < tallest / 5) last.to = r.to;
    else merged.push({ ...r });
  }
  const heights = merged.map((r) => r.to - r.from);
  const lineHeight = Math.max(...heights);
  return { lines: heights.filter((h) => h >= 0.4 * lineHeight).length, lineHeight };
}

/** A binary PGM (P5): leptonica reads it without any compression work on either side. */
export function encodePgm(crop: { width: number; height: number; data: Uint8Array }): Buffer {
  const header = Buffer.from(`P5\n${crop.width} ${crop.height}\n255\n`, 'latin1');
  return Buffer.concat([header, crop.data]);
}

/** Tesseract parameters for one cell (applied for that job only, then restored). */
export function cellParameters(hint: CellHint, crop: Pick<CellCrop, 'lines'>, dpi: number, variant: CellVariant = {}): Record<string, string> {
  return {
    tessedit_pageseg_mode: variant.psm !== undefined ? String(variant.psm) : crop.lines >= 2 ? Tesseract.PSM.SINGLE_BLOCK : Tesseract.PSM.SINGLE_LINE,
    user_defined_dpi: String(Math.round(dpi * (variant.scale ?? 1))),
    tessedit_char_whitelist: variant.whitelist ?? (hint === 'number' ? NUMBER_WHITELIST : ''),
  };
}

/**
 * A crop changed for a re-read (`CellVariant`): binarized at `threshold`, then upscaled by
 * `scale` (bilinear). The crop itself is left as is.
 */
export function varyCrop(crop: CellCrop, variant: CellVariant): CellCrop {
  let data = crop.data;
  const t = variant.threshold;
  if (t !== undefined) data = data.map((v) => (v < t ? 0 : 255));
  const scale = variant.scale ?? 1;
  if (scale === 1) return { ...crop, data };
  const width = Math.max(1, Math.round(crop.width * scale));
  const height = Math.max(1, Math.round(crop.height * scale));
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const sy = Math.min(crop.height - 1, Math.max(0, (y + 0.5) / scale - 0.5));
    const y0 = Math.floor(sy);
    const y1 = Math.min(crop.height - 1, y0 + 1);
    const fy = sy - y0;
    for (let x = 0; x < width; x++) {
      const sx = Math.min(crop.width - 1, Math.max(0, (x + 0.5) / scale - 0.5));
      const x0 = Math.floor(sx);
      const x1 = Math.min(crop.width - 1, x0 + 1);
      const fx = sx - x0;
      const at = (yy: number, xx: number): number => data[yy * crop.width + xx] ?? 255;
      const top = at(y0, x0) * (1 - fx) + at(y0, x1) * fx;
      const bottom = at(y1, x0) * (1 - fx) + at(y1, x1) * fx;
      out[y * width + x] = Math.round(top * (1 - fy) + bottom * fy);
    }
  }
  return { ...crop, width, height, data: out, lineHeight: Math.round(crop.lineHeight * scale) };
}

/**
 * Digits in lines taller than `NUMBER_MAX_LINE` pixels are read shrunk to `NUMBER_LINE`: the
 * LSTM loses decimal points and reads 3 as 8 in tall digits (on the 300-dpi seed scans, 680 of
 * 695 number cells right as scanned, 694 at half size; at 200 dpi, lines of about 21 pixels,
 * shrinking makes it worse).
 */
export const NUMBER_MAX_LINE = 24;
export const NUMBER_LINE = 16;

/** The variant a `number` cell is read with: shrunk when its digits are tall (see above). */
export function numberScale(hint: CellHint, crop: Pick<CellCrop, 'lineHeight'>, variant?: CellVariant): CellVariant | undefined {
  if (hint !== 'number' || variant?.scale !== undefined || crop.lineHeight <= NUMBER_MAX_LINE) return variant;
  return { ...variant, scale: NUMBER_LINE / crop.lineHeight };
}

// ---------------------------------------------------------------------------------------
// Workers.

type Recognize = (image: Buffer, params: Record<string, string>, output?: Partial<Tesseract.OutputFormats>) => Promise<Tesseract.RecognizeResult>;

/** One set of workers (and their scheduler), replaced as a whole when recycled. */
interface Generation {
  recognize: Recognize;
  /** Jobs started on this generation. */
  jobs: number;
  inFlight: number;
  retired: boolean;
  /** Rejects when a worker thread exits or the engine is terminated. */
  dead: Promise<never>;
  isDead: boolean;
  kill(reason: Error): void;
  terminate(): Promise<void>;
}

interface GenerationConfig {
  workers: number;
  langPath: string;
  onWorkerError: (error: unknown) => void;
  languages: readonly string[];
}

async function createGeneration(config: GenerationConfig): Promise<Generation> {
  let rejectDead: (reason: Error) => void = () => undefined;
  const dead = new Promise<never>((_, reject) => {
    rejectDead = reject;
  });
  dead.catch(() => undefined);

  const settled = await Promise.allSettled(
    Array.from({ length: config.workers }, () =>
      Tesseract.createWorker([...config.languages], Tesseract.OEM.LSTM_ONLY, {
        langPath: config.langPath,
        gzip: true,
        cacheMethod: 'none',
        logger: () => undefined,
        errorHandler: config.onWorkerError,
      }, { tessedit_load_sublangs: '' } as unknown as Partial<Tesseract.InitOptions>),
    ),
  );
  const workers = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failure = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failure !== undefined) {
    await Promise.all(workers.map((w) => w.terminate().catch(() => undefined)));
    throw new OcrEngineError(`cannot start an OCR worker (${describe(failure.reason)})`, { cause: failure.reason });
  }

  const scheduler = workers.length > 1 ? Tesseract.createScheduler() : undefined;
  for (const w of workers) scheduler?.addWorker(w);
  const only = workers[0];
  if (only === undefined) throw new OcrEngineError('no OCR worker started');

  const generation: Generation = {
    recognize: (image, params, output) =>
      scheduler !== undefined
        ? scheduler.addJob('recognize', image, params as Partial<Tesseract.RecognizeOptions>, output)
        : only.recognize(image, params as Partial<Tesseract.RecognizeOptions>, output),
    jobs: 0,
    inFlight: 0,
    retired: false,
    dead,
    isDead: false,
    kill(reason) {
      generation.isDead = true;
      rejectDead(reason);
    },
    async terminate() {
      generation.kill(new OcrEngineError('the OCR engine was terminated'));
      // scheduler.terminate() does not wait for its workers; terminate them ourselves.
      await Promise.all(workers.map((w) => w.terminate().catch(() => undefined)));
    },
  };
  // A worker thread that dies (out of memory, WASM abort) leaves its jobs pending forever in
  // tesseract.js: reject them, and let the next job start a fresh generation.
  for (const w of workers) {
    const thread = (w as unknown as { worker?: ThreadWorker | null }).worker;
    thread?.once('exit', (code) => generation.kill(new OcrEngineError(`an OCR worker exited (code ${code})`)));
  }
  return generation;
}

/**
 * Start the OCR engine: gathers (or checks) the language data and starts the workers, so a
 * missing or unreadable language file fails here, not on the first cell.
 */
export async function createOcrEngine(options: OcrEngineOptions = {}): Promise<OcrEngine> {
  const workers = Math.max(1, Math.floor(options.workers ?? 1));
  const recycleAfter = Math.max(1, Math.floor(options.recycleAfter ?? 500));
  const model = options.model ?? 'best_int';
  const langPath = await assertLocalLanguageDir(options.langPath ?? (await prepareLanguageDir(model)));
  const onWorkerError = options.onWorkerError ?? (() => undefined);
  const config: GenerationConfig = { workers, langPath, onWorkerError, languages: options.languages ?? OCR_LANGUAGES };
  const counters = { jobs: 0, workersStarted: 0 };
  const startGeneration = async (): Promise<Generation> => {
    const generation = await createGeneration(config);
    counters.workersStarted += workers;
    return generation;
  };

  let terminated = false;
  const terminatedError = (): OcrEngineError => new OcrEngineError('the OCR engine was terminated');
  /** The generation taking new jobs; `starting` while its replacement boots. */
  let active: Generation | undefined = await startGeneration();
  let starting: Promise<Generation> | undefined;
  /** Every generation not yet terminated (the active one and retired ones still busy). */
  const live = new Set<Generation>([active]);

  const retire = (generation: Generation): void => {
    generation.retired = true;
    if (generation.inFlight === 0 && live.delete(generation)) void generation.terminate();
  };

  /** The generation to run one job on, with the job counted (`inFlight` included). */
  const acquire = async (): Promise<Generation> => {
    for (;;) {
      if (terminated) throw terminatedError();
      if (active !== undefined && !active.isDead && !active.retired) {
        // Claim the slot before anything awaits, so a burst of cells cannot overrun the limit.
        const generation = active;
        generation.jobs += 1;
        generation.inFlight += 1;
        counters.jobs += 1;
        // Recycle: later jobs go to a fresh generation; this one ends with its last job.
        if (generation.jobs >= recycleAfter * workers) generation.retired = true;
        return generation;
      }
      if (active !== undefined) retire(active);
      active = undefined;
      starting ??= startGeneration().finally(() => {
        starting = undefined;
      });
      const generation = await starting;
      if (terminated) {
        await generation.terminate();
        throw terminatedError();
      }
      if (!live.has(generation) && !generation.retired) {
        live.add(generation);
        active = generation;
      }
    }
  };

  const recognizeCell = async (image: PageImage, box: PixelBox, hint: CellHint, variant?: CellVariant): Promise<OcrCellResult> => {
    if (terminated) throw terminatedError();
    if (image.data.length < image.width * image.height) {
      throw new OcrEngineError(`page image data too short (${image.data.length} < ${image.width}×${image.height})`);
    }
    const crop = cropCell(image, box, variant?.threshold !== undefined ? { inkThreshold: variant.threshold } : {});
    if (crop === undefined) return { text: '', confidence: 1, raw: '', psm: 0 };
    return recognizeCrop(crop, image.dpi, hint, variant, image.pageNumber);
  };

  const recognizeCrop = async (crop: CellCrop, dpi: number, hint: CellHint, given?: CellVariant, pageNumber?: number, glyphs = false): Promise<OcrCellResult> => {
    if (terminated) throw terminatedError();
    const variant = numberScale(hint, crop, given);
    const params = cellParameters(hint, crop, dpi, variant);
    const output = glyphs ? { text: true, blocks: true } : undefined;
    const generation = await acquire();
    try {
      const image = encodePgm(variant ? varyCrop(crop, variant) : crop);
      let result = await Promise.race([generation.recognize(image, params, output), generation.dead]);
      let psm: OcrCellResult['psm'] = variant?.psm ?? (crop.lines >= 2 ? 6 : 7);
      // Line mode finds nothing in a lone short glyph (a weight `7`) that word mode reads.
      if (result.data.text.trim() === '' && variant?.psm === undefined) {
        result = await Promise.race([generation.recognize(image, { ...params, tessedit_pageseg_mode: Tesseract.PSM.SINGLE_WORD }, output), generation.dead]);
        psm = 8;
      }
      let raw = result.data.text.replace(/\s+$/u, '');
      // `2%` read `29%`: the upper ring of a `%` taken for a digit in line mode. Word mode does
      // not (all 357 rates of the 150/200/300-dpi seed scans); its reading is kept when it is
      // the line-mode reading without the digit before the `%`, and only then.
      if (hint === 'number' && variant?.psm === undefined && /\d%$/u.test(raw.replace(/\s+/gu, ''))) {
        const word = await Promise.race([generation.recognize(image, { ...params, tessedit_pageseg_mode: Tesseract.PSM.SINGLE_WORD }), generation.dead]);
        const compact = raw.replace(/\s+/gu, '');
        const wordText = word.data.text.replace(/\s+/gu, '');
        if (wordText === compact.replace(/\d%$/u, '%') && /\d%$/u.test(wordText)) {
          result = word;
          raw = word.data.text.replace(/\s+$/u, '');
          psm = 8;
        }
      }
      const confidence = raw === '' ? 0 : clamp(result.data.confidence / 100, 0, 1);
      const cleaned = cleanCellText(raw, hint);
      // `%` read as `96` (`90%` → 9096): told from the glyphs' shapes (ocr/target-cell.ts).
      const text = hint === 'number' && crop.lines === 1 ? percentInCell(cleaned, crop, crop.lineHeight) : cleaned;
      const out: OcrCellResult = { text, confidence, raw, psm };
      if (glyphs) {
        const scale = variant?.scale ?? 1;
        out.glyphs = (result.data.blocks ?? []).flatMap((b) =>
          b.paragraphs.flatMap((p) => p.lines.flatMap((l) => l.words.flatMap((w) => w.symbols.map((g) => ({
            text: g.text,
            confidence: clamp(g.confidence / 100, 0, 1),
            x0: g.bbox.x0 / scale,
            x1: g.bbox.x1 / scale,
            y0: g.bbox.y0 / scale,
            y1: g.bbox.y1 / scale,
          }))))),
        );
      }
      return out;
    } catch (error) {
      if (error instanceof OcrEngineError) throw error;
      throw new OcrEngineError(`OCR of a cell failed${pageNumber !== undefined ? ` on page ${pageNumber}` : ''} (${describe(error)})`, { cause: error });
    } finally {
      generation.inFlight -= 1;
      if (generation.retired && generation.inFlight === 0) retire(generation);
    }
  };

  let terminating: Promise<void> | undefined;
  const terminate = (): Promise<void> => {
    terminating ??= (async () => {
      terminated = true;
      active = undefined;
      const generations = [...live];
      live.clear();
      await Promise.all(generations.map((g) => g.terminate()));
      // A generation still booting is terminated by `acquire` when it arrives.
      await starting?.then((g) => g.terminate()).catch(() => undefined);
    })();
    return terminating;
  };

  const recycle = (): void => {
    if (active === undefined) return;
    retire(active);
    active = undefined;
  };

  return { recognizeCell, recognizeCrop, terminate, recycle, langPath, stats: () => ({ ...counters }) };
}

function darkFraction(data: Uint8Array, start: number, step: number, count: number, threshold: number): number {
  if (count <= 0) return 0;
  let dark = 0;
  for (let i = 0, p = start; i < count; i++, p += step) if ((data[p] ?? 255) < threshold) dark++;
  return dark / count;
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
