import { join } from 'node:path';
import { GlobalFonts, createCanvas } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import type { PageImage } from '../../src/extract/types.js';
import { characterHeight, inkBox, inkCentroid, inkLevels } from '../../scripts/scans/measure.js';

const FONT = join(import.meta.dirname, '..', '..', 'node_modules', '@embedpdf', 'fonts-sc', 'fonts', 'NotoSansHans-Regular.otf');
GlobalFonts.registerFromPath(FONT, 'MeasureTestSans');

/** a 200 dpi page: a line of Chinese text at `pt` points inside a ruled box, 1 in from the left and top */
function page(pt: number, ink = 0): PageImage {
  const dpi = 200;
  const w = 1000;
  const h = 800;
  const canvas = createCanvas(w, h);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, w, h);
  ctx.fillStyle = `rgb(${ink},${ink},${ink})`;
  ctx.strokeStyle = ctx.fillStyle;
  ctx.lineWidth = 2;
  ctx.strokeRect(200, 200, 700, 120);
  ctx.font = `${(pt * dpi) / 72}px MeasureTestSans`;
  ctx.textBaseline = 'middle';
  ctx.fillText('项目支出绩效自评表年度指标值实际完成值', 220, 260);
  const rgba = canvas.data();
  const data = new Uint8Array(w * h);
  for (let i = 0; i < w * h; i++) data[i] = rgba[i * 4] ?? 255;
  return { pageNumber: 1, width: w, height: h, dpi, data };
}

describe('measure', () => {
  it('characterHeight: the ink height of the characters, rules left out, in px and points', () => {
    for (const pt of [7, 9]) {
      const h = characterHeight(page(pt));
      // CJK ink fills about 0.85–0.95 of the em
      expect(h.p90Pt).toBeGreaterThan(0.8 * pt);
      expect(h.p90Pt).toBeLessThan(1.0 * pt);
      expect(h.p90).toBeCloseTo((h.p90Pt * 200) / 72, 6);
    }
  });

  it('inkLevels: dark fraction, stroke cores at the ink level, paper', () => {
    const dark = inkLevels(page(9, 0));
    const light = inkLevels(page(9, 150));
    expect(dark.paper).toBe(255);
    expect(dark.core.p50).toBeLessThan(40);
    expect(dark.darkFraction).toBeGreaterThan(0.005);
    expect(light.darkFraction).toBe(0);
    expect(light.core.p50).toBeGreaterThanOrEqual(150);
    expect(light.core.p50).toBeLessThan(175);
    expect(light.inkFraction).toBeCloseTo(dark.inkFraction, 2);
  });

  it('inkBox and inkCentroid: where the ink is', () => {
    const img = page(9);
    const box = inkBox(img);
    expect(box.marginPt.left).toBeCloseTo((199 * 72) / 200, 0);
    expect(box.marginPt.top).toBeCloseTo((199 * 72) / 200, 0);
    const c = inkCentroid(img);
    expect(c.x).toBeGreaterThan(0.45);
    expect(c.x).toBeLessThan(0.65);
    expect(c.y).toBeGreaterThan(0.25);
    expect(c.y).toBeLessThan(0.4);
  });
});
