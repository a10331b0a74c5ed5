/**
 * The OCR path for scanned pages, composed from the stages: the page as pixels
 * (extract/render), its ruling lines found in the pixels (ocr/lines), the cells those rulings
 * make (grid, the same code as for vector rulings), and each cell read by tesseract
 * (ocr/engine). Lives in pipeline/ because it uses the grid stage.
 *
 * The engine is started on the first scanned page only, and stopped by `close()`.
 */
import { DEFAULT_RENDER_DPI } from '../extract/render.js';
import type { BBox, PageImage, TextRun } from '../extract/types.js';
import { BUDGET_COLUMN_LABELS, FORM_TITLE, INDICATOR_COLUMN_LABELS, normalizeLabel } from '../dictionary.js';
import { labelKey } from '../form/labels.js';
import { buildPageLayout } from '../grid/index.js';
import type { Cell, Grid } from '../grid/types.js';
import type { CellHint, CellVariant, OcrCellResult, OcrEngine, PixelBox } from '../ocr/engine.js';
import { parseTarget } from '../model/values.js';
import { createOcrEngine, cropCell } from '../ocr/engine.js';
import { readTargetCell } from '../ocr/target-reader.js';
import { KNOWN_LABELS, TEMPLATE_LABELS, snapLabel } from '../ocr/cell-text.js';
import { findRulings } from '../ocr/lines.js';
import { editDistance } from '../edit-distance.js';
import { doubtfulCharacters } from '../ocr/lexicon.js';
import { punctuationWidth } from '../ocr/punctuation.js';
import { REPAIR_CONFIDENCE } from './ocr-repair.js';
import { RereadStore } from './reread-store.js';
import type { OcrPageRequest, OcrProvider } from './types.js';

export interface OcrProviderOptions {
  /** Resolution to render pages that are not one embedded scan (default 300). */
  dpi?: number;
  /** Tesseract workers per language set (default 1; the CLI gives one per core). */
  workers?: number;
  /** Pages after which the tesseract workers are replaced by fresh ones (default 50). */
  recyclePages?: number;
  /** Memory for the cells kept to be read again (`reread`), all documents together. */
  rereadBytes?: number;
  /** Numeric cells read below this confidence are kept for `reread` (default `REPAIR_CONFIDENCE`). */
  rereadBelow?: number;
}

/**
 * The settings a numeric cell is read again with when its first reading does not add up:
 * upscaled (a decimal point lost at the page's resolution), word and raw-line segmentation,
 * digits and the point only, binarized darker and lighter.
 */
export const REREAD_VARIANTS: readonly CellVariant[] = [
  { scale: 1.5 },
  { scale: 2 },
  { psm: 8 },
  { psm: 13 },
  { scale: 2, psm: 13, whitelist: '0123456789.%' },
  { threshold: 110 },
  { threshold: 170, scale: 1.5 },
];

export interface ClosableOcrProvider extends OcrProvider {
  /** Stop the OCR workers (idempotent). */
  close(): Promise<void>;
}

const toPixels = (b: BBox, dpi: number, width: number, height: number): PixelBox => {
  const s = dpi / 72;
  return {
    x0: Math.max(0, Math.floor(b.x0 * s)),
    y0: Math.max(0, Math.floor(b.y0 * s)),
    x1: Math.min(width, Math.ceil(b.x1 * s)),
    y1: Math.min(height, Math.ceil(b.y1 * s)),
  };
};

/** A cell's reading, with the Chinese characters tesseract was unsure of (free text only). */
type CellReading = OcrCellResult & { doubtful?: readonly number[] };

/** A run standing for a cell's whole text: the cell's box shrunk, so its centre is the cell's. */
function cellRun(reading: CellReading, box: BBox): TextRun {
  const h = box.y1 - box.y0;
  const inset = Math.min(2, h / 4);
  return {
    text: reading.text,
    bbox: { x0: box.x0 + inset, y0: box.y0 + inset, x1: box.x1 - inset, y1: box.y1 - inset },
    fontSize: Math.min(12, Math.max(6, h - 2 * inset)),
    source: 'ocr',
    confidence: reading.confidence,
    ...(reading.doubtful && reading.doubtful.length > 0 ? { doubtful: reading.doubtful } : {}),
  };
}

/** Read the band above the first table (title, year line) line by line. */
async function readHeaderBand(engine: OcrEngine, chinese: () => Promise<OcrEngine>, image: PageImage, bottom: number): Promise<TextRun[]> {
  if (bottom < 12) return [];
  const box = toPixels({ x0: 0, y0: 0, x1: (image.width * 72) / image.dpi, y1: bottom }, image.dpi, image.width, image.height);
  const split = (raw: string): string[] => raw.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  let result = await engine.recognizeCell(image, box, 'text');
  // A large bold title can go to the English model whole (项目支出绩效自评表 → `IH XZ HE BTR`).
  if (split(result.raw).some((line) => lostToEnglish(line, 'text'))) {
    result = moreChinese(result, await (await chinese()).recognizeCell(image, box, 'text'));
  }
  const lines = split(result.raw);
  // Lines are spread over the band top to bottom, in their order (positions are nominal).
  return lines.map((line, i) => {
    const y0 = (bottom * i) / Math.max(1, lines.length);
    const y1 = (bottom * (i + 1)) / Math.max(1, lines.length);
    // The title misread by a character or two (项目文出绩效自评表) is the title.
    const text = snapLabel(line.replace(/\s+(?=[\u3400-\u9fff（）()])|(?<=[\u3400-\u9fff（）()])\s+/g, ''), [FORM_TITLE]);
    return cellRun({ ...result, text }, { x0: 0, y0, x1: (image.width * 72) / image.dpi, y1 });
  });
}

/** A column's reading hint, by its horizontal extent in page points. */
interface ColumnHint {
  x0: number;
  x1: number;
  hint: CellHint;
  /** The header's key (`target`, `actual`, `weight`, …). */
  key: string;
}

const INDICATOR_HINTS: Partial<Record<string, CellHint>> = { target: 'target', actual: 'target', weight: 'number', score: 'number' };

/**
 * Which columns of a table hold numbers or targets, from its header rows (read in the first
 * pass): the budget header's columns down to the next header, the indicator header's to the
 * end of the table. Returns, per cell, the hint for a second reading.
 */
function cellHints(grid: Grid, texts: Map<Cell, string>, carried: ColumnHint[]): { hints: Map<Cell, ColumnHint>; columns: ColumnHint[] } {
  const hints = new Map<Cell, ColumnHint>();
  const headers: { row: number; columns: ColumnHint[] }[] = [];
  for (let r = 0; r < grid.rows.length - 1; r++) {
    const row = grid.cells.filter((c) => c.row === r);
    const budget = row.flatMap((c) => {
      const key = labelKey(texts.get(c) ?? '', BUDGET_COLUMN_LABELS);
      return key ? [{ x0: c.bbox.x0, x1: c.bbox.x1, hint: 'number' as CellHint, key }] : [];
    });
    const indicator = row.flatMap((c) => {
      const key = labelKey(texts.get(c) ?? '', INDICATOR_COLUMN_LABELS);
      const hint = key ? INDICATOR_HINTS[key] : undefined;
      return key ? [{ x0: c.bbox.x0, x1: c.bbox.x1, hint, key }] : [];
    });
    const pick = budget.filter((b) => ['initialBudget', 'annualBudget', 'executed', 'executionRate'].includes(b.key)).length >= 2 ? budget : indicator.filter((b) => ['level1', 'level2', 'name', 'target', 'actual'].includes(b.key)).length >= 2 ? indicator : [];
    const columns = pick.flatMap((c) => (c.hint ? [{ x0: c.x0, x1: c.x1, hint: c.hint, key: c.key }] : []));
    if (pick.length > 0) headers.push({ row: r, columns });
  }
  // A table without a header row continues the previous page's columns (a form over a break).
  // A table with one starts a form: its rows above the header (项目名称, 主管部门…) get no hint.
  const spans = headers.length > 0 ? headers : [{ row: -1, columns: carried }];
  spans.forEach((h, i) => {
    const end = spans[i + 1]?.row ?? grid.rows.length;
    for (const cell of grid.cells) {
      if (cell.row <= h.row || cell.row >= end) continue;
      const col = h.columns.find((c) => cell.bbox.x0 >= c.x0 - 2 && cell.bbox.x1 <= c.x1 + 2);
      if (col) hints.set(cell, col);
    }
  });
  return { hints, columns: spans.at(-1)?.columns ?? carried };
}

/**
 * Snap first-pass readings to the template's labels (`snapLabel`), one row at a time: a column
 * label already read in the row is no candidate for another of its cells, since a header names
 * each column once (`执行亩` is one edit from 执行率 and from 执行数; with 全年执行数
 * in the row, it is 执行率). In a header row whose other columns are all read, the one label
 * still missing is that of the cell left over, at two edits (`lastColumnLabel`).
 */
function snapHeaderLabels(grid: Grid, readings: CellReading[]): CellReading[] {
  const columnLabels = (text: string): readonly string[] => {
    const budget = labelKey(text, BUDGET_COLUMN_LABELS);
    if (budget) return BUDGET_COLUMN_LABELS[budget];
    const indicator = labelKey(text, INDICATOR_COLUMN_LABELS);
    return indicator ? INDICATOR_COLUMN_LABELS[indicator] : [];
  };
  const out = [...readings];
  for (let r = 0; r < grid.rows.length - 1; r++) {
    const indices = grid.cells.flatMap((c, k) => (c.row === r ? [k] : []));
    const taken = new Set(indices.flatMap((k) => columnLabels(readings[k]?.text ?? '')).map(normalizeLabel));
    // Taxonomy labels take part as candidates, so that a level-2 label (时效指标) or its
    // printed misspelling is never pulled to a template label (绩效指标); a taxonomy winner
    // is left as printed, the model stage resolves it.
    const labels = KNOWN_LABELS.filter((l) => !taken.has(l));
    for (const k of indices) {
      const reading = out[k];
      if (!reading || KNOWN_LABELS.includes(normalizeLabel(reading.text))) continue;
      const snapped = snapLabel(reading.text, labels);
      if (TEMPLATE_LABELS.includes(normalizeLabel(snapped))) out[k] = { ...reading, text: snapped, doubtful: [] };
    }
    for (const [k, label] of lastColumnLabel(indices.map((k) => out[k]?.text ?? ''))) {
      const reading = out[indices[k] as number];
      if (reading) out[indices[k] as number] = { ...reading, text: label, doubtful: [] };
    }
  }
  return out;
}

/**
 * A header row (budget or indicator columns) with every column label read but one or two:
 * a cell of the row that is no label, as long as a missing label and within two edits of it
 * (one for two characters) and of no other, is that label (`执行率` read `RITE`, then
 * `热行孚`, beside 年初预算数, 全年预算数, 全年执行数, 分值 and 得分). Returns
 * [index in `texts`, label] pairs.
 */
export function lastColumnLabel(texts: readonly string[]): [number, string][] {
  for (const family of [BUDGET_COLUMN_LABELS, INDICATOR_COLUMN_LABELS] as const) {
    const table: Readonly<Record<string, readonly string[]>> = family;
    const keys = Object.keys(table);
    const found = new Set(texts.flatMap((t) => labelKey(t, table) ?? []));
    if (found.size < keys.length - 2) continue;
    const missing = keys.filter((key) => !found.has(key)).flatMap((key) => table[key] ?? []);
    return texts.flatMap((t, k): [number, string][] => {
      const core = normalizeLabel(t);
      if (core === '' || labelKey(t, table) !== null || KNOWN_LABELS.includes(core)) return [];
      // Two edits, one in a two-character label: one character of it read right at least.
      const length = [...core].length;
      const near = missing.filter((l) => [...l].length === length && editDistance(core, l, 2) <= Math.min(2, length - 1));
      return near.length === 1 ? [[k, near[0] as string]] : [];
    });
  }
  return [];
}

/**
 * `≥` before a digit is often read as `2` (`≥100%` → `2100%`), which no character rule can
 * undo. When the digits after the `2` are exactly the same row's actual, the `2` was the
 * operator. Only that case: a target of 2100 % beside an actual of 2100 % stays as read.
 */
function repairOperators(grid: Grid, hints: Map<Cell, ColumnHint>, read: Map<Cell, OcrCellResult | null | undefined>): void {
  for (let r = 0; r < grid.rows.length - 1; r++) {
    const row = grid.cells.filter((c) => c.row === r);
    const target = row.find((c) => hints.get(c)?.key === 'target');
    const actual = row.find((c) => hints.get(c)?.key === 'actual');
    const t = target ? read.get(target) : undefined;
    const a = actual ? read.get(actual) : undefined;
    if (!t || !a || !target) continue;
    const m = /^2(\d.*)$/.exec(t.text);
    if (!m) continue;
    const rest = m[1] as string;
    const restValue = parseTarget(rest).value;
    const actualValue = parseTarget(a.text).value;
    if (rest === a.text || (restValue !== null && restValue === actualValue && parseTarget(t.text).value !== actualValue)) {
      read.set(target, { ...t, text: `≥${rest}` });
    }
  }
}

const CJK = /[\u3400-\u9fff]/u;

/**
 * The English model sometimes takes over a short Chinese cell: a header `执行率` comes back as
 * `HITE`, a unit `次` as `R`. Such a reading — Latin letters where the cell should hold Chinese
 * — is tried again with the Chinese model alone, and the Chinese reading kept when it has
 * more Chinese in it.
 */
export function lostToEnglish(text: string, hint: CellHint): boolean {
  if (hint === 'number') return false;
  // Whole cell in Latin letters, or Chinese ending in Latin letters (服务对象满BER: the second
  // line of 服务对象满意度指标 taken over). Latin before Chinese (CPU、内存) is left alone.
  const phrase = (!CJK.test(text) && /[A-Za-z]{2,}/u.test(text) && !/\d/u.test(text)) || /[\u3400-\u9fff][A-Za-z+]{2,}[^\u3400-\u9fff]*$/u.test(text);
  // A target's unit taken over (≤3次 read ≤3R), or a phrase target (可达到预期指won).
  if (hint === 'target') return /\d\s*[A-Za-z]{1,3}$/u.test(text) || phrase;
  return phrase;
}

/** Of a reading and the Chinese model's reading again, the one with more Chinese characters. */
function moreChinese<T extends OcrCellResult>(first: T, again: T): T {
  const count = (text: string): number => (text.match(/[\u3400-\u9fff]/gu) ?? []).length;
  return count(again.raw) > count(first.raw) ? again : first;
}

export function createOcrProvider(options: OcrProviderOptions = {}): ClosableOcrProvider {
  let engine: Promise<OcrEngine> | null = null;
  let chinese: Promise<OcrEngine> | null = null;
  /** The last columns seen per document, for pages that continue a table without a header. */
  const lastColumns = new WeakMap<object, ColumnHint[]>();
  const recyclePages = Math.max(1, Math.floor(options.recyclePages ?? 50));
  let pages = 0;
  /** Low-confidence numeric cells, for `reread`. */
  const kept = new RereadStore(options.rereadBelow ?? REPAIR_CONFIDENCE, options.rereadBytes);
  return {
    dpi: options.dpi ?? DEFAULT_RENDER_DPI,
    async recognize({ page, image: loadImage, document }: OcrPageRequest) {
      // Fresh workers every `recyclePages` pages: memory stays flat over a long batch.
      if (++pages % recyclePages === 0) await Promise.all([engine, chinese].map(async (e) => (await e)?.recycle()));
      engine ??= createOcrEngine({ workers: options.workers ?? 1 });
      const ocr = await engine;
      const image = await loadImage();
      const { segments, deskewed } = findRulings(image);
      const layout = buildPageLayout({ ...page, runs: [], segments });
      const chineseEngine = (): Promise<OcrEngine> => (chinese ??= createOcrEngine({ workers: options.workers ?? 1, languages: ['chi_sim'] }));
      const read = async (cell: Cell, hint: CellHint): Promise<CellReading> => {
        const crop = cropCell(deskewed, toPixels(cell.bbox, deskewed.dpi, deskewed.width, deskewed.height));
        if (crop === undefined) return { text: '', confidence: 1, raw: '', psm: 0 };
        if (hint === 'target') {
          // Sign, number and unit read apart (ocr/target-reader.ts); a wrapped or unusual
          // cell falls back to the plain reading below.
          const parts = await readTargetCell(crop, deskewed.dpi, { mixed: ocr, chinese: await chineseEngine() }, page.pageNumber);
          if (parts) return parts;
        }
        // Free text is read with its glyphs: the characters read with doubt are known, and the
        // width of its punctuation is the room each mark takes (ocr/punctuation.ts).
        const glyphs = hint === 'text';
        const recognize = async (engine: OcrEngine): Promise<CellReading> => {
          const r = await engine.recognizeCrop(crop, deskewed.dpi, hint, undefined, page.pageNumber, glyphs);
          if (!glyphs) return r;
          // Marks replaced one for one: the glyphs' indices stay valid.
          const text = punctuationWidth(r.text, r.glyphs ?? []);
          return { ...r, text, glyphs: undefined, doubtful: doubtfulCharacters(text, r.glyphs ?? []) };
        };
        const result = await recognize(ocr);
        if (!lostToEnglish(result.text, hint)) return result;
        return moreChinese(result, await recognize(await chineseEngine()));
      };
      const cells: TextRun[] = [];
      for (const grid of layout.grids) {
        // First pass: every cell as text; the header rows then say which columns hold numbers
        // and targets, and those cells are read again with the matching settings.
        // A cell within an edit or two of one label of the template is that label
        // (`执行亩` → 执行率): the header rows must be recognized for the hints below. Not the
        // taxonomy: its printed misspellings are kept (the model resolves them).
        const first = snapHeaderLabels(grid, await Promise.all(grid.cells.map((cell) => read(cell, 'text'))));
        const texts = new Map(grid.cells.map((cell, k) => [cell, first[k]?.text ?? '']));
        const { hints, columns } = cellHints(grid, texts, lastColumns.get(document) ?? []);
        lastColumns.set(document, columns);
        const second = await Promise.all(grid.cells.map((cell) => {
          const hint = hints.get(cell)?.hint;
          return hint ? read(cell, hint) : null;
        }));
        const final = new Map(grid.cells.map((cell, k) => [cell, second[k] ?? first[k]]));
        repairOperators(grid, hints, final);
        for (const [cell, r] of final) if (r && r.text !== '') cells.push(cellRun(r, cell.bbox));
      }
      const header = await readHeaderBand(ocr, chineseEngine, deskewed, layout.grids[0]?.bbox.y0 ?? page.height);
      kept.keep(document, deskewed, cells);
      return { runs: [...header, ...cells], segments };
    },
    async reread(document, page, bbox) {
      const region = kept.region(document, page, bbox);
      if (!region) return [];
      engine ??= createOcrEngine({ workers: options.workers ?? 1 });
      const ocr = await engine;
      const readings = await Promise.all(REREAD_VARIANTS.map((v) => ocr.recognizeCell(region.image, region.box, 'number', v)));
      return readings.map((r) => ({ text: r.text, confidence: r.confidence }));
    },
    async close() {
      const started = [engine, chinese];
      engine = null;
      chinese = null;
      await Promise.all(started.map(async (e) => e && (await e).terminate()));
    },
  };
}
