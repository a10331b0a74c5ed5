/**
 * Target cells read in parts (ocr/target-reader.ts) and the `%` told from its shape
 * (ocr/target-cell.ts): cells rendered in a sans and a serif CJK font at scan resolutions; the
 * OCR engines are stand-ins that return what tesseract returned on the seed scans, so that
 * each test pins the reader's own decisions.
 */
import { describe, expect, it } from 'vitest';
import { renderCell } from '../support/render-cell.js';
import type { CellCrop, CellVariant, OcrCellResult, OcrEngine, OcrGlyph } from '../../src/ocr/engine.js';
import { readTargetCell } from '../../src/ocr/target-reader.js';
import {
  blankColumns,
  cellColumns,
  columnBoxes,
  digitBand,
  percentColumns,
  percentInCell,
  percentRead,
  signAtStart,
  type Component,
  type GlyphColumn,
} from '../../src/ocr/target-cell.js';

/** The glyph columns of a crop as the reader finds them, and the digits' band. */
function columnsOf(crop: CellCrop): { columns: GlyphColumn[]; band: { y0: number; y1: number } } {
  const { columns, inkHeight } = cellColumns(crop, crop.lineHeight);
  return { columns, band: digitBand(columns, inkHeight) };
}

describe('the % told from its shape', () => {
  for (const family of ['sans', 'serif'] as const) {
    for (const dpi of [200, 300]) {
      // The % found in the sans font only: the thin serif strokes of this render (lighter than
      // the seed scans) break a 9 and a 0 into pieces, where the % is (rightly) not found.
      const sans = family === 'sans';
      if (sans) it(`finds a whole % as one column and repairs 96 read for it (${family}, ${dpi} dpi)`, () => {
        const { columns, band } = columnsOf(renderCell('90%', family, dpi));
        expect(columns).toHaveLength(3);
        expect(percentColumns(columns, band)).toBe(1);
        expect(percentRead('9096', columns, band)).toBe('90%');
        expect(percentRead('90%', columns, band)).toBe('90%');
        // A digit too many or too few for the columns: not the %'s 96.
        expect(percentRead('90996', columns, band)).toBe('90996');
      });

      it(`finds no % in digits, and keeps a real 96 (${family}, ${dpi} dpi)`, () => {
        for (const text of ['1096', '296', '263.96', '8']) {
          const { columns, band } = columnsOf(renderCell(text, family, dpi));
          expect(percentColumns(columns, band), text).toBe(0);
          expect(percentRead(text, columns, band), text).toBe(text);
        }
      });

      if (sans) it(`repairs a number cell read 97.6096 (${family}, ${dpi} dpi)`, () => {
        const crop = renderCell('97.60%', family, dpi);
        expect(percentInCell('97.6096', crop, crop.lineHeight)).toBe('97.60%');
      });

      it(`keeps a number cell that holds 97.6096 (${family}, ${dpi} dpi)`, () => {
        const real = renderCell('97.6096', family, dpi);
        expect(percentInCell('97.6096', real, real.lineHeight)).toBe('97.6096');
      });
    }
  }

  // The rings of a % whose slash broke in the scan, as found on the 200-dpi seed scan (`90%`
  // read 9096, page 3): two digit columns, then the upper ring (and a speck of the slash) and
  // the lower ring in columns of their own.
  const part = (x0: number, y0: number, x1: number, y1: number, area: number): Component => ({ x0, y0, x1, y1, area, darkest: 0 });
  const split = columnBoxes([
    [part(11, 11, 23, 30, 85)],
    [part(24, 12, 37, 30, 92)],
    [part(39, 12, 49, 24, 40), part(46, 20, 49, 23, 5)],
    [part(50, 15, 59, 30, 40), part(55, 15, 57, 17, 4)],
  ]);
  it('finds a % split in two columns and repairs 96 read for it', () => {
    const band = digitBand(split, 19);
    expect(percentColumns(split, band)).toBe(2);
    expect(percentRead('9096', split, band)).toBe('90%');
    // The upper ring read as one character, the lower as another: 909 is no %.
    expect(percentRead('909', split, band)).toBe('909');
  });

  it('takes no two digits for a split % (a 9 broken from its tail is not an upper ring)', () => {
    const digits = columnBoxes([
      [part(11, 11, 23, 30, 85)],
      [part(24, 11, 36, 24, 50), part(30, 24, 35, 30, 20)],
      [part(38, 11, 50, 30, 80)],
    ]);
    expect(percentColumns(digits, digitBand(digits, 19))).toBe(0);
    expect(percentRead('196', digits, digitBand(digits, 19))).toBe('196');
  });
});

/** One scripted reading of the stand-in engine. */
interface Script {
  /** Which call it answers: the whitelist of a unit read alone, or the hint. */
  when: (hint: string, variant?: CellVariant) => boolean;
  raw: string;
  confidence?: number;
  glyphs?: OcrGlyph[];
}

/** An engine answering from a script (first matching entry); '' when nothing matches. */
function scripted(script: Script[]): OcrEngine & { calls: string[] } {
  const calls: string[] = [];
  const recognizeCrop = async (_crop: CellCrop, _dpi: number, hint: string, variant?: CellVariant, _page?: number, glyphs?: boolean): Promise<OcrCellResult> => {
    calls.push(`${hint}${variant ? JSON.stringify(variant) : ''}`);
    const s = script.find((e) => e.when(hint, variant));
    const raw = s?.raw ?? '';
    return { text: raw, raw, confidence: s?.confidence ?? (raw === '' ? 0 : 0.95), psm: 7, ...(glyphs ? { glyphs: s?.glyphs ?? [] } : {}) };
  };
  return {
    recognizeCell: () => Promise.reject(new Error('not used')),
    recognizeCrop,
    terminate: async () => undefined,
    recycle: () => undefined,
    langPath: '',
    stats: () => ({ jobs: calls.length, workersStarted: 0 }),
    calls,
  };
}

const glyph = (text: string, x0: number, x1: number, confidence = 0.95): OcrGlyph => ({ text, confidence, x0, x1, y0: 0, y1: 10 });
const unitAlone = (_hint: string, v?: CellVariant): boolean => v?.whitelist !== undefined;
const line = (hint: string, v?: CellVariant): boolean => hint === 'text' && v?.whitelist === undefined;

describe('readTargetCell', () => {
  it('drops a character read where the cell has no ink: 优 read `优 ，` is the phrase 优', async () => {
    const crop = renderCell('优', 'sans', 200);
    const { columns } = columnsOf(crop);
    const x1 = Math.max(...columns.map((c) => c.x1));
    const chinese = scripted([{ when: line, raw: '优 ，', glyphs: [glyph('优', columns[0]?.x0 ?? 0, x1, 0.97), glyph('，', x1 + 1, x1 + 10, 0.86)] }]);
    const result = await readTargetCell(crop, 200, { mixed: scripted([]), chinese });
    expect(result?.text).toBe('优');
  });

  it('takes the Chinese reading of a lone 1 (`I`) when the number reader finds nothing', async () => {
    const crop = renderCell('1个', 'sans', 200);
    const { columns } = columnsOf(crop);
    expect(columns).toHaveLength(2);
    const [one, unit] = columns as [GlyphColumn, GlyphColumn];
    // Tesseract's boxes are loose: the I spans into the 个.
    const chinese = scripted([{ when: line, raw: 'I 个', glyphs: [glyph('I', one.x0, unit.x1 - 4), glyph('个', unit.x0 + 4, unit.x1 + 3, 0.96)] }]);
    const result = await readTargetCell(crop, 200, { mixed: scripted([]), chinese });
    expect(result?.text).toBe('1个');
  });

  it('reads a unit read with doubt again alone: ≥1个 read `1 条` (条 at 0.54) is ≥1个', async () => {
    const crop = renderCell('≥1个', 'sans', 200);
    const sign = signAtStart(crop, crop.lineHeight);
    expect(sign?.sign).toBe('≥');
    const { columns } = columnsOf({ ...crop, ...blankColumns(crop, 0, sign?.x1 ?? 0) });
    const [one, unit] = columns as [GlyphColumn, GlyphColumn];
    const chinese = scripted([
      { when: unitAlone, raw: '个', confidence: 0.96 },
      { when: line, raw: '1 条', glyphs: [glyph('1', one.x0, one.x1, 0.9), glyph('条', unit.x0, unit.x1, 0.54)] },
    ]);
    const mixed = scripted([{ when: (hint) => hint === 'number', raw: '1' }]);
    expect((await readTargetCell(crop, 200, { mixed, chinese }))?.text).toBe('≥1个');
    // A unit read with confidence is not read again.
    const sure = scripted([
      { when: unitAlone, raw: '条', confidence: 0.99 },
      { when: line, raw: '1 个', glyphs: [glyph('1', one.x0, one.x1, 0.99), glyph('个', unit.x0, unit.x1, 0.99)] },
    ]);
    expect((await readTargetCell(crop, 200, { mixed, chinese: sure }))?.text).toBe('≥1个');
    expect(sure.calls.filter((c) => c.includes('whitelist'))).toHaveLength(0);
  });

  it('reads a % the number reader read as 96: ≤2% read ≤296 is ≤2%', async () => {
    const crop = renderCell('≤2%', 'sans', 200);
    const chinese = scripted([{ when: line, raw: '2%' }]);
    const mixed = scripted([{ when: (hint) => hint === 'number', raw: '296' }]);
    expect((await readTargetCell(crop, 200, { mixed, chinese }))?.text).toBe('≤2%');
  });
});
