/**
 * Output of the pipeline: one result per file, with its forms and findings.
 */
import type { Stage } from '../errors.js';
import type { BBox, PageContent, PageImage, Segment, TextRun } from '../extract/types.js';
import type { Finding } from '../findings.js';
import type { Project, ProvenanceMap } from '../model/types.js';

export type { Finding } from '../findings.js';
export type { Project } from '../model/types.js';

export interface FormResult {
  project: Project;
  provenance: ProvenanceMap;
  /** Findings about this form (each carries `form`). */
  findings: Finding[];
  /** Worst finding: `ok`, `warning` or `error`. */
  status: 'ok' | 'warning' | 'error';
}

export interface FileResult {
  /** Path relative to the inbox, with forward slashes (the CSVs' `file` column). */
  file: string;
  /** Absolute path. */
  path: string;
  /** `success`: every page read; `partial`: some pages failed; `failure`: nothing usable. */
  status: 'success' | 'partial' | 'failure';
  pageCount: number;
  forms: FormResult[];
  /** Findings about the file itself (unreadable file, no form, a page not read). */
  findings: Finding[];
  /** Pages that needed OCR (scans, unreadable text layers) while no OCR provider was given. */
  ocrPages?: number[];
  /** Set when the file failed: where and why. */
  error?: { stage: Stage; page?: number; message: string };
  /** Wall time spent on the file, milliseconds. */
  durationMs: number;
}

/** Progress events, for a CLI bar or a log line; the library itself never prints. */
export type ProgressEvent =
  | { kind: 'start'; total: number }
  | { kind: 'file-done'; result: FileResult; done: number; total: number };

/**
 * Where text and rulings come from for a page that has none in its text layer (a scanned
 * page): the seam for OCR. Returns the page's text runs (source `ocr`, with confidences) and
 * the ruling segments found in its pixels, in page space (points, top-left origin). The OCR
 * stage implements it; without one, such a page is reported as not read.
 */
export interface OcrProvider {
  /** Resolution at which pages that are not one embedded scan are rendered (default 300). */
  readonly dpi?: number;
  recognize(request: OcrPageRequest): Promise<{ runs: TextRun[]; segments: Segment[] }>;
  /**
   * Read one cell of a page `recognize` read before (same `document`) again, with other
   * settings (upscaled, other segmentation modes, digits only, another ink level): the
   * alternative readings, for the validator-guided repair (`ocr-repair.ts`). Empty when the
   * provider did not keep that cell (it keeps low-confidence numeric cells only, within a
   * memory bound).
   */
  reread?(document: object, page: number, bbox: BBox): Promise<CellReading[]>;
}

/** One reading of a cell: its text (cleaned) and the recognizer's confidence, 0..1. */
export interface CellReading {
  text: string;
  confidence: number;
}

/** One page to read with OCR. */
export interface OcrPageRequest {
  /** The page as extracted (number, size in points; its own text layer is ignored). */
  page: PageContent;
  /** The page as pixels: the embedded scan at its native resolution, or a render. */
  image(): Promise<PageImage>;
  /**
   * The same object for every page of one file: state carried from page to page (a table's
   * columns continued over a page break) is keyed by it.
   */
  document: object;
}

export interface FileOptions {
  ocr?: OcrProvider;
}

export interface ConvertOptions extends FileOptions {
  /** Files converted at once (default: the number of cores, at most 4). */
  concurrency?: number;
  /** Use worker threads for concurrency > 1 (default true; see convert-batch.ts). */
  threads?: boolean;
  onProgress?: (event: ProgressEvent) => void;
}
