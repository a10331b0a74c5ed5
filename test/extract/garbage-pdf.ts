/**
 * Small PDFs with unusable text layers, made at test time with pdf-lib: a ruled table whose
 * cells are drawn in Helvetica (WinAnsi) with text chosen to come out of the text layer as
 * garbage — `(cid:NNN)` codes, GBK bytes read as Latin-1 (`ÏîÄ¿Ãû³Æ`), or letters that a
 * /ToUnicode map turns into U+FFFD and private-use code points — and scanned pages (an image
 * over the whole page) with an invisible text layer, with or without vector ruling lines.
 */
import { readFileSync } from 'node:fs';
import { PDFDict, PDFDocument, PDFName, StandardFonts, TextRenderingMode, popGraphicsState, pushGraphicsState, rgb, setTextRenderingMode } from 'pdf-lib';

/** A 1×1 grey PNG, stretched over a page: a "scan". */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg==', 'base64');

export type GarbagePage =
  /** Page `page` (1-based) of the PDF at `path`, copied as it is. */
  | { kind: 'copy'; path: string; page: number }
  /** Rows of cell texts in a table; `lines: false` leaves the rulings out; `scan` puts a full-page image under invisible text. */
  | { kind: 'table'; rows: string[][]; lines?: boolean; scan?: boolean }
  /** A full-page image and nothing else. */
  | { kind: 'image' };

/**
 * A PDF of `pages`. `toUnicode` (character code → code point) is given to every Helvetica
 * font as its /ToUnicode map, so that the letters drawn come out of the text layer as those
 * code points.
 */
export async function garbagePdf(pages: GarbagePage[], toUnicode?: ReadonlyMap<number, number>): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const image = await doc.embedPng(PNG);
  for (const spec of pages) {
    if (spec.kind === 'copy') {
      const src = await PDFDocument.load(readFileSync(spec.path));
      const [copied] = await doc.copyPages(src, [spec.page - 1]);
      doc.addPage(copied!);
      continue;
    }
    const page = doc.addPage([595, 842]);
    if (spec.kind === 'image' || spec.scan) page.drawImage(image, { x: 0, y: 0, width: 595, height: 842 });
    if (spec.kind === 'image') continue;
    const rowHeight = 24;
    const top = 760;
    const columns = Math.max(...spec.rows.map((r) => r.length));
    const columnWidth = 495 / columns;
    if (spec.scan) page.pushOperators(pushGraphicsState(), setTextRenderingMode(TextRenderingMode.Invisible));
    spec.rows.forEach((row, r) =>
      row.forEach((text, c) => page.drawText(text, { x: 55 + c * columnWidth, y: top - (r + 1) * rowHeight + 8, size: 10, font, color: rgb(0, 0, 0) })),
    );
    if (spec.scan) page.pushOperators(popGraphicsState());
    if (spec.lines !== false) {
      const bottom = top - spec.rows.length * rowHeight;
      for (let r = 0; r <= spec.rows.length; r++) page.drawLine({ start: { x: 50, y: top - r * rowHeight }, end: { x: 545, y: top - r * rowHeight }, thickness: 0.75 });
      for (let c = 0; c <= columns; c++) page.drawLine({ start: { x: 50 + c * columnWidth, y: top }, end: { x: 50 + c * columnWidth, y: bottom }, thickness: 0.75 });
    }
  }
  const bytes = await doc.save();
  return toUnicode ? withToUnicode(bytes, toUnicode) : bytes;
}

/** Give every font of the PDF the one-byte /ToUnicode map `map`. */
async function withToUnicode(bytes: Uint8Array, map: ReadonlyMap<number, number>): Promise<Uint8Array> {
  const doc = await PDFDocument.load(bytes);
  const hex = (n: number, digits: number): string => n.toString(16).padStart(digits, '0').toUpperCase();
  const cmap = [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange',
    '<00> <FF>',
    'endcodespacerange',
    `${map.size} beginbfchar`,
    ...[...map].map(([code, cp]) => `<${hex(code, 2)}> <${hex(cp, 4)}>`),
    'endbfchar',
    'endcmap',
    'CMapName currentdict /CIDInit /ProcSet findresource pop end end',
  ].join('\n');
  const ref = doc.context.register(doc.context.stream(cmap));
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    if (obj instanceof PDFDict && obj.get(PDFName.of('Type')) === PDFName.of('Font')) obj.set(PDFName.of('ToUnicode'), ref);
  }
  return doc.save();
}

let gbk: Map<string, string> | null = null;

/**
 * `text` as a viewer shows GBK bytes read as Latin-1 (`项目` → `ÏîÄ¿`): what a Chinese font
 * without a Unicode map yields. ASCII stays; every character must be in GB2312.
 */
export function gbkMojibake(text: string): string {
  if (!gbk) {
    gbk = new Map();
    const decoder = new TextDecoder('gbk');
    for (let lead = 0xa1; lead <= 0xf7; lead++)
      for (let trail = 0xa1; trail <= 0xfe; trail++) {
        const ch = decoder.decode(new Uint8Array([lead, trail]));
        if (!gbk.has(ch)) gbk.set(ch, String.fromCharCode(lead, trail));
      }
  }
  const table = gbk;
  return [...text].map((ch) => (ch.charCodeAt(0) < 0x80 ? ch : (table.get(ch) ?? '?'))).join('');
}
