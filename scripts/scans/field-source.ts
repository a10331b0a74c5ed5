/**
 * The digital page a real scan starts from: a spreadsheet export printed fit to page width, as
 * budget units print their forms (see ../shared/field: 10 pt Song/Ming serif text comes out at
 * 6.5–7 pt, borders at 0.5 pt).
 *
 * The seed forms are typeset by the fixture renderer (scripts/fixtures/render.ts, used read-only)
 * in Noto Serif SC at 10 pt on a sheet `1 / scale` times the size of A4, with 0.5 / scale pt
 * rules and margins; every drawing operation is then scaled by `scale` onto A4, which is what
 * "fit to width" does. Deterministic: the renderer and the PDF writer are.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { A4_PORTRAIT, renderDocument } from '../fixtures/render.js';
import type { DocumentPart } from '../fixtures/render.js';
import { writePdf } from '../fixtures/pdfwriter.js';
import type { DrawOp, PageDraw } from '../fixtures/pdfwriter.js';
import { loadSeed, seedStyle } from '../fixtures/seed.js';
import type { FormSpec } from '../fixtures/spec.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SEED_FORMS = join(ROOT, 'fixtures', 'oracle', 'seed-forms.json');

export interface FieldExportOptions {
  /** fit-to-width factor: printed size / typeset size; default 0.68 (10 pt → 6.8 pt) */
  scale?: number;
  /** typeset text size, pt; default 10 */
  fontSize?: number;
  /** printed rule width, pt; default 0.5 */
  ruleWidth?: number;
  /** printed page margins, pt; default 56 (about 2 cm, as Calc prints) */
  margin?: number;
}

/**
 * The seed forms at the 0-based `formIndexes` (their seed styles: page breaks and quirks)
 * typeset as a fit-to-width spreadsheet export, drawn on A4 pages (draw lists).
 */
export function fieldExportPages(forms: readonly FormSpec[], formIndexes: readonly number[], options: FieldExportOptions = {}): PageDraw[] {
  const scale = options.scale ?? 0.68;
  const fontSize = options.fontSize ?? 10;
  const ruleWidth = options.ruleWidth ?? 0.5;
  const margin = (options.margin ?? 56) / scale;
  if (!(scale > 0 && scale <= 1)) throw new RangeError('fieldExportPages: scale must be in (0, 1]');
  const [pageWidth, pageHeight] = A4_PORTRAIT;
  const parts: DocumentPart[] = formIndexes.map((i) => {
    const form = forms[i];
    if (!form) throw new RangeError(`fieldExportPages: no seed form ${i + 1}`);
    return { form, style: { ...seedStyle(form, i),
      font: 'NotoSerifSC-Regular',
      fontSize,
      titleSize: fontSize * 1.6,
      yearSize: fontSize,
      pageWidth: pageWidth / scale,
      pageHeight: pageHeight / scale,
      margin: { top: margin, bottom: margin, left: margin, right: margin },
      lineWidth: ruleWidth / scale,
      border: 'stroke-long',
    } };
  });
  const { pages } = renderDocument(parts);
  return pages.map((p) => ({ width: pageWidth, height: pageHeight, ops: p.ops.map((op) => scaleOp(op, scale)) }));
}

function scaleOp(op: DrawOp, s: number): DrawOp {
  if (op.t === 'text') return { ...op, x: op.x * s, y: op.y * s, size: op.size * s };
  if (op.t === 'line') return { ...op, x1: op.x1 * s, y1: op.y1 * s, x2: op.x2 * s, y2: op.y2 * s, width: op.width * s };
  return { ...op, x: op.x * s, y: op.y * s, w: op.w * s, h: op.h * s };
}

const cache = new Map<string, Promise<Uint8Array>>();

/**
 * The seed forms (all, or those at the 0-based `formIndexes`) as a fit-to-width spreadsheet
 * export PDF, each form starting on a new page. Cached per process.
 */
export function fieldExportPdf(formIndexes?: number[], options: FieldExportOptions = {}): Promise<Uint8Array> {
  const key = JSON.stringify([formIndexes ?? null, options]);
  let hit = cache.get(key);
  if (!hit) {
    const { data } = loadSeed(SEED_FORMS);
    const indexes = formIndexes ?? data.forms.map((_, i) => i);
    hit = writePdf(fieldExportPages(data.forms, indexes, options), { title: '项目支出绩效自评表（电子表格导出，按页宽打印）' });
    cache.set(key, hit);
  }
  return hit;
}
