/**
 * What the OCR provider keeps to read a cell again later (validator-guided repair,
 * `ocr-repair.ts`): not page images, but the pixels of the cells that may need it — numeric
 * cells read with a confidence below the repair threshold. A cell read with high confidence is
 * never changed, so it is never kept.
 *
 * Memory is bounded: pages are kept least recently stored first out, within `maxBytes` for all
 * documents together. A document is known by an id from a WeakMap, so the store never keeps a
 * document object alive.
 */
import type { BBox, PageImage, TextRun } from '../extract/types.js';
import type { PixelBox } from '../ocr/engine.js';

/** One kept cell: its pixels (a small `PageImage`) and where they sit on the page, in points. */
interface Region {
  image: PageImage;
  /** The region's box in page points. */
  bbox: BBox;
  /** Its top-left corner in pixels of the page image. */
  x: number;
  y: number;
}

/** Default memory for all documents together: a few hundred pages of kept cells. */
export const DEFAULT_REREAD_BYTES = 32 * 1024 * 1024;

/** Room kept around a cell's text run, in points (the run is the cell inset by ≤ 2 pt). */
const MARGIN = 3;

/**
 * A cell that reads as a number, or nearly: digits with at most two other characters
 * (`88`, `99.56%`, `9.B`). Targets, names and goals are not kept.
 */
export function numericLike(text: string): boolean {
  return /\d/u.test(text) && text.length <= 16 && text.replace(/[\d.,%\-—\s]/gu, '').length <= 2;
}

export class RereadStore {
  private readonly ids = new WeakMap<object, number>();
  private nextId = 1;
  private readonly pages = new Map<string, { regions: Region[]; bytes: number }>();
  private bytes = 0;

  constructor(
    /** Cells read below this confidence are kept. */
    readonly below: number,
    readonly maxBytes: number = DEFAULT_REREAD_BYTES,
  ) {}

  private key(document: object, page: number): string {
    let id = this.ids.get(document);
    if (id === undefined) {
      id = this.nextId++;
      this.ids.set(document, id);
    }
    return `${id}:${page}`;
  }

  /** Bytes held now (for tests and diagnostics). */
  get size(): number {
    return this.bytes;
  }

  /** Keep the low-confidence numeric cells of one page read by OCR (`runs`: one per cell). */
  keep(document: object, image: PageImage, runs: readonly TextRun[]): void {
    const key = this.key(document, image.pageNumber);
    this.drop(key);
    const s = image.dpi / 72;
    const regions: Region[] = [];
    for (const run of runs) {
      if (run.source !== 'ocr' || run.confidence >= this.below || !numericLike(run.text)) continue;
      const bbox = { x0: run.bbox.x0 - MARGIN, y0: run.bbox.y0 - MARGIN, x1: run.bbox.x1 + MARGIN, y1: run.bbox.y1 + MARGIN };
      const x = Math.max(0, Math.floor(bbox.x0 * s));
      const y = Math.max(0, Math.floor(bbox.y0 * s));
      const width = Math.min(image.width, Math.ceil(bbox.x1 * s)) - x;
      const height = Math.min(image.height, Math.ceil(bbox.y1 * s)) - y;
      if (width <= 0 || height <= 0) continue;
      const data = new Uint8Array(width * height);
      for (let r = 0; r < height; r++) data.set(image.data.subarray((y + r) * image.width + x, (y + r) * image.width + x + width), r * width);
      regions.push({ image: { pageNumber: image.pageNumber, width, height, dpi: image.dpi, data }, bbox, x, y });
    }
    if (regions.length === 0) return;
    const bytes = regions.reduce((n, r) => n + r.image.data.length, 0);
    this.pages.set(key, { regions, bytes });
    this.bytes += bytes;
    for (const [oldest, entry] of this.pages) {
      if (this.bytes <= this.maxBytes) break;
      this.pages.delete(oldest);
      this.bytes -= entry.bytes;
    }
  }

  /**
   * The kept pixels of the cell `bbox` (page points) of `page`, and the cell's box in them;
   * undefined when that cell was not kept (high confidence, not numeric, or evicted).
   */
  region(document: object, page: number, bbox: BBox): { image: PageImage; box: PixelBox } | undefined {
    const entry = this.pages.get(this.key(document, page));
    const cx = (bbox.x0 + bbox.x1) / 2;
    const cy = (bbox.y0 + bbox.y1) / 2;
    const found = entry?.regions.find((r) => cx > r.bbox.x0 && cx < r.bbox.x1 && cy > r.bbox.y0 && cy < r.bbox.y1);
    if (!found) return undefined;
    const s = found.image.dpi / 72;
    const box = {
      x0: Math.max(0, Math.floor(bbox.x0 * s) - found.x),
      y0: Math.max(0, Math.floor(bbox.y0 * s) - found.y),
      x1: Math.min(found.image.width, Math.ceil(bbox.x1 * s) - found.x),
      y1: Math.min(found.image.height, Math.ceil(bbox.y1 * s) - found.y),
    };
    return { image: found.image, box };
  }

  private drop(key: string): void {
    const entry = this.pages.get(key);
    if (!entry) return;
    this.pages.delete(key);
    this.bytes -= entry.bytes;
  }
}
