/**
 * The OCR path for scanned pages, composed from the stages: the page as pixels
 * (extract/render), gray seals erased (ocr/seal), the page turned upright (`upright`), its
 * ruling lines found in the pixels and painted out (ocr/lines), the cells those rulings make
 * (grid, the same code as for vector rulings), and each cell read by PP-OCR (ocr/ppocr) and
 * tesseract (ocr/engine), one reading chosen (cell-readings.ts). Lives in pipeline/ because it
 * uses the grid stage.
 *
 * The engines are started on the first scanned page only, and stopped by `close()`.
 */
import { DEFAULT_RENDER_DPI } from '../extract/render.js';
import type { BBox, PageContent, PageImage, TextRun } from '../extract/types.js';
import { BUDGET_COLUMN_LABELS, BUDGET_COLUMN_ORDER, FORM_TITLE, INDICATOR_COLUMN_LABELS, INDICATOR_COLUMN_ORDER, normalizeLabel } from '../dictionary.js';
import { labelKey } from '../form/labels.js';
import { buildPageLayout } from '../grid/index.js';
import type { Cell, Grid } from '../grid/types.js';
import type { CellCrop, CellHint, CellVariant, OcrCellResult, OcrEngine, PixelBox } from '../ocr/engine.js';
import { createPpocrRecognizer, type LineRecognizer, type LineReading } from '../ocr/ppocr.js';
import { chooseReading, ppSure, ppocrCellReading, type EngineReading } from './cell-readings.js';
import { parseTarget } from '../model/values.js';
import { createOcrEngine, cropCell } from '../ocr/engine.js';
import { readTargetCell } from '../ocr/target-reader.js';
import { KNOWN_LABELS, TEMPLATE_LABELS, cleanCellText, snapLabel } from '../ocr/cell-text.js';
import { eraseRulings, findRulings, type RulingsFromImage } from '../ocr/lines.js';
import { turnImage } from '../ocr/deskew.js';
import { removeSeals } from '../ocr/seal.js';
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
async function readHeaderBand(engine: OcrEngine, chinese: () => Promise<OcrEngine>, pp: LineRecognizer, image: PageImage, inkThreshold: number, bottom: number): Promise<TextRun[]> {
  if (bottom < 12) return [];
  const box = toPixels({ x0: 0, y0: 0, x1: (image.width * 72) / image.dpi, y1: bottom }, image.dpi, image.width, image.height);
  const split = (raw: string): string[] => raw.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  let result = await engine.recognizeCell(image, box, 'text');
  // A large bold title can go to the English model whole (项目支出绩效自评表 → `IH XZ HE BTR`).
  if (split(result.raw).some((line) => lostToEnglish(line, 'text'))) {
    result = moreChinese(result, await (await chinese()).recognizeCell(image, box, 'text'));
  }
  // PP-OCR reads the band's lines too; where it finds as many, each line is chosen as a text
  // cell's reading is (`(2025年度)` for tesseract's `(2025461)`, the English model's digits).
  const crop = cropCell(image, box, { inkThreshold });
  const ppLines = crop ? (await pp.recognizeLines(crop)).filter((l) => l.text.trim() !== '') : [];
  const tesseractLines = split(result.raw);
  const lines =
    ppLines.length !== tesseractLines.length
      ? tesseractLines
      : tesseractLines.map((line, i) => {
          const other = ppLines[i] as LineReading;
          const mine: EngineReading = { engine: 'tesseract', text: line, confidence: result.confidence, raw: line, psm: result.psm };
          const theirs: EngineReading = { engine: 'ppocr', text: cleanCellText(other.text, 'text'), confidence: other.confidence, raw: other.text, psm: 0 };
          return chooseReading('text', mine, theirs).chosen.text;
        });
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
 * missing are settled by the template's column order (`orderedColumnLabels`).
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
    for (const [k, label] of orderedColumnLabels(indices.map((k) => out[k]?.text ?? ''))) {
      const reading = out[indices[k] as number];
      if (reading) out[indices[k] as number] = { ...reading, text: label, doubtful: [] };
    }
  }
  return out;
}

/**
 * Column labels a header row's readings do not settle, decided by the template's column order
 * (`BUDGET_COLUMN_ORDER`, `INDICATOR_COLUMN_ORDER`). In a row where three labels of one header
 * at least are read, the cells that read as no label take labels missing from the row: each
 * within two edits of its label (one for a two-character label), at most one character longer
 * or shorter, and all of them together in the template's order with the labels read. The
 * assignment that labels the most cells is taken, when there is only one such. 一级/二级/
 * 三级指标 differ in one stroke: `级指标` is one edit from all three and its place says which
 * (three `级指标` in a row are the three, in order); `热行孚` beside 全年执行数 and 得分 is
 * 执行率. Returns [index in `texts`, label] pairs; `texts` are the row's cells left to right.
 */
export function orderedColumnLabels(texts: readonly string[]): [number, string][] {
  const families = [
    [BUDGET_COLUMN_LABELS, BUDGET_COLUMN_ORDER],
    [INDICATOR_COLUMN_LABELS, INDICATOR_COLUMN_ORDER],
  ] as const;
  for (const [family, order] of families) {
    const table: Readonly<Record<string, readonly string[]>> = family;
    const chains: readonly (readonly string[])[] = order;
    const keys = texts.map((t) => labelKey(t, table));
    const found = keys.flatMap((key, i) => (key ? [{ key, i }] : []));
    if (new Set(found.map((f) => f.key)).size < 3) continue;
    const missing = Object.keys(table).filter((key) => !found.some((f) => f.key === key));
    // Each doubtful cell's candidate labels, by its text alone.
    const doubtful = texts.flatMap((t, i) => {
      const core = normalizeLabel(t);
      if (core === '' || keys[i] !== null || KNOWN_LABELS.includes(core)) return [];
      const length = [...core].length;
      const options = missing.flatMap((key) =>
        (table[key] ?? []).filter((l) => Math.abs([...l].length - length) <= 1 && editDistance(core, l, 2) <= Math.min(2, [...l].length - 1)).map((label) => ({ key, label })),
      );
      return options.length > 0 ? [{ i, options }] : [];
    });
    if (doubtful.length === 0) return [];
    const inOrder = (placed: readonly { key: string; i: number }[]): boolean =>
      chains.every((chain) => {
        const at = placed.flatMap((p) => (chain.includes(p.key) ? [{ rank: chain.indexOf(p.key), i: p.i }] : [])).sort((a, b) => a.i - b.i);
        return at.every((p, k) => k === 0 || (at[k - 1] as { rank: number }).rank < p.rank);
      });
    // Every consistent assignment (few cells, few labels: exhaustive), the largest kept.
    let best: { i: number; key: string; label: string }[][] = [];
    const choose = (d: number, chosen: { i: number; key: string; label: string }[]): void => {
      if (d === doubtful.length) {
        if (chosen.length === 0 || !inOrder([...found, ...chosen])) return;
        if (chosen.length > (best[0]?.length ?? 0)) best = [chosen];
        else if (chosen.length === best[0]?.length) best.push(chosen);
        return;
      }
      const cell = doubtful[d] as (typeof doubtful)[number];
      choose(d + 1, chosen);
      for (const o of cell.options) if (!chosen.some((c) => c.key === o.key)) choose(d + 1, [...chosen, { i: cell.i, ...o }]);
    };
    choose(0, []);
    const only = best.length === 1 ? (best[0] as { i: number; label: string }[]) : [];
    return only.map((c): [number, string] => [c.i, c.label]);
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

/**
 * The page image turned upright, with its rulings. A form's table has more rows than columns,
 * so its horizontal rules run longer in all than its vertical ones: when the vertical ones are
 * the longer, the page was scanned sideways (90° or 270°). Which of the two turns, or whether
 * an upright-looking page is upside down, a trial reading says: the table's top-left cell
 * (项目名称 on every form) read by PP-OCR, sure and in Chinese only the right way up. The page
 * as scanned is tried first and kept when its trial reads so; the other way is tried only
 * when it does not. Returns the page's size as turned (points) too, and the deskewed image
 * with its rulings painted out, which the cells are cropped from.
 */
async function upright(image: PageImage, page: PageContent, pp: LineRecognizer): Promise<RulingsFromImage & { erased: PageImage; turned: PageContent }> {
  const trial = async (quarters: number, found?: RulingsFromImage) => {
    const turnedImage = turnImage(image, quarters);
    const rulings = found ?? findRulings(turnedImage);
    const turned = quarters % 2 === 1 ? { ...page, width: page.height, height: page.width } : page;
    const grid = buildPageLayout({ ...turned, runs: [], segments: rulings.segments }).grids[0];
    const corner = grid?.cells[0];
    const erased = eraseRulings(rulings.deskewed, rulings.segments);
    const crop = corner && cropCell(erased, toPixels(corner.bbox, erased.dpi, erased.width, erased.height), { inkThreshold: rulings.textThreshold });
    const reading = crop ? await pp.recognize(crop) : undefined;
    const score = reading && CJK.test(reading.text) ? reading.confidence : 0;
    return { ...rulings, erased, turned, score };
  };
  const first = findRulings(image);
  const length = (axis: 'h' | 'v'): number => first.segments.filter((s) => s.axis === axis).reduce((sum, s) => sum + s.to - s.from, 0);
  const [asScanned, other] = length('h') >= length('v') ? [0, 2] : [1, 3];
  const a = await trial(asScanned, asScanned === 0 ? first : undefined);
  if (a.score >= UPRIGHT_CONFIDENCE) return a;
  const b = await trial(other);
  return b.score > a.score ? b : a;
}

/** PP-OCR's confidence in the top-left cell that says a page is the right way up (`upright`). */
const UPRIGHT_CONFIDENCE = 0.9;

export function createOcrProvider(options: OcrProviderOptions = {}): ClosableOcrProvider {
  let engine: Promise<OcrEngine> | null = null;
  let chinese: Promise<OcrEngine> | null = null;
  let ppocr: Promise<LineRecognizer> | null = null;
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
      const pp = await (ppocr ??= createPpocrRecognizer());
      // Gray seals found by their ring and erased (ocr/seal.ts); red ones are gone by colour.
      // The page turned upright when it was scanned sideways or upside down (`upright`).
      // Cells are cropped with the rulings painted out (their remnants are no text).
      const { segments, erased: deskewed, textThreshold, turned } = await upright(removeSeals(await loadImage()).image, page, pp);
      const layout = buildPageLayout({ ...turned, runs: [], segments });
      const chineseEngine = (): Promise<OcrEngine> => (chinese ??= createOcrEngine({ workers: options.workers ?? 1, languages: ['chi_sim'] }));
      /** PP-OCR's lines of each cell: one reading of the crop serves every pass. */
      const ppLines = new Map<Cell, Promise<LineReading[]>>();
      const read = async (cell: Cell, hint: CellHint): Promise<CellReading> => {
        const crop = cropCell(deskewed, toPixels(cell.bbox, deskewed.dpi, deskewed.width, deskewed.height), { inkThreshold: textThreshold });
        if (crop === undefined) return { text: '', confidence: 1, raw: '', psm: 0 };
        let lines = ppLines.get(cell);
        if (!lines) ppLines.set(cell, (lines = pp.recognizeLines(crop)));
        const second = ppocrCellReading(await lines, hint, crop.lineHeight);
        const glyphs = second.glyphs ?? [];
        const text = hint === 'text' ? punctuationWidth(second.text, glyphs) : second.text;
        const ppReading = { ...second, text, glyphs: undefined, ...(hint === 'text' ? { doubtful: doubtfulCharacters(text, glyphs) } : {}) };
        // A one-line cell PP-OCR is sure of needs no second opinion, but for targets, whose
        // sign tesseract's target reader finds by shape where PP-OCR sometimes drops it.
        if (ppSure(ppReading, hint, crop)) return ppReading;
        const tesseract = await readTesseract(crop, hint);
        return chooseReading(hint, { ...tesseract, engine: 'tesseract' }, ppReading, crop).chosen;
      };
      const readTesseract = async (crop: CellCrop, hint: CellHint): Promise<CellReading> => {
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
      const header = await readHeaderBand(ocr, chineseEngine, pp, deskewed, textThreshold, layout.grids[0]?.bbox.y0 ?? turned.height);
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
      const recognizer = ppocr;
      engine = null;
      chinese = null;
      ppocr = null;
      await Promise.all([...started.map(async (e) => e && (await e).terminate()), recognizer && (await recognizer).close()]);
    },
  };
}
