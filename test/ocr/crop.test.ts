/**
 * Cell crops of light scans: the ink level fitted to the page keeps strokes a fixed 128 loses,
 * specks of noise stay out, and rulings painted out leave no remnant in a crop.
 */
import { describe, expect, it } from 'vitest';
import { createCanvas } from '@napi-rs/canvas';
import type { PageImage, Segment } from '../../src/extract/types.js';
import { DARK_INK, grayHistogram, textInkThreshold } from '../../src/ocr/binarize.js';
import { cropCell } from '../../src/ocr/engine.js';
import { eraseRulings } from '../../src/ocr/lines.js';
import '../support/render-cell.js'; // registers the test fonts

/**
 * `text` printed as a fit-to-width spreadsheet export comes out of a scanner: 6.5 pt serif,
 * strokes at gray `ink` after a slight blur, in a cell of `width` × 14 pt, at `dpi`.
 */
function lightCell(text: string, dpi: number, ink: number, width = 90): PageImage {
  const s = dpi / 72;
  const [w, h] = [Math.ceil(width * s), Math.ceil(14 * s)];
  const canvas = createCanvas(w, h);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#f2f2f2';
  ctx.fillRect(0, 0, w, h);
  ctx.filter = `blur(${(0.5 * dpi) / 200}px)`;
  ctx.fillStyle = `rgb(${ink},${ink},${ink})`;
  ctx.font = `${6.5 * s}px jixiao-test-serif`;
  ctx.textBaseline = 'middle';
  if (text !== '') ctx.fillText(text, 4 * s, h / 2);
  const rgba = ctx.getImageData(0, 0, w, h).data;
  const data = new Uint8Array(w * h);
  for (let i = 0; i < data.length; i++) data[i] = rgba[4 * i] ?? 255;
  return { pageNumber: 1, width: w, height: h, dpi, data };
}

const whole = (image: PageImage) => ({ x0: 0, y0: 0, x1: image.width, y1: image.height });

describe('the ink level of a light scan', () => {
  it('is fitted to the page, above the fixed 128, and never below it', () => {
    const light = lightCell('一级指标', 200, 150);
    const level = textInkThreshold(grayHistogram(light.data));
    expect(level).toBeGreaterThan(160);
    // A page of dark ink keeps the old level as its floor.
    const dark = lightCell('一级指标', 200, 20);
    expect(textInkThreshold(grayHistogram(dark.data))).toBeGreaterThanOrEqual(DARK_INK);
  });

  for (const dpi of [150, 200, 300]) {
    it(`keeps the hairline 一 of 一级指标 in the crop at ${dpi} dpi, where 128 loses it`, () => {
      const image = lightCell('一级指标', dpi, 150);
      const level = textInkThreshold(grayHistogram(image.data));
      const fitted = cropCell(image, whole(image), { inkThreshold: level });
      const fixed = cropCell(image, whole(image));
      expect(fitted).toBeDefined();
      // The serif 一 is a hairline lighter than 128 after the blur: the fixed level starts the
      // crop at 级; the fitted one a character's width further left.
      const em = (6.5 * dpi) / 72;
      expect((fixed?.width ?? 0) + 0.6 * em).toBeLessThan(fitted?.width ?? 0);
    });
  }

  it('keeps a lone light digit that 128 finds no ink in', () => {
    const image = lightCell('1', 200, 170);
    const level = textInkThreshold(grayHistogram(lightCell('年度指标值', 200, 150).data));
    expect(cropCell(image, whole(image))).toBeUndefined();
    expect(cropCell(image, whole(image), { inkThreshold: level })?.lines).toBe(1);
  });

  it('drops light specks of noise: an empty cell stays empty', () => {
    const image = lightCell('', 200, 150);
    // JPEG-like specks: a few pixels each, darker than the page level but not than 128.
    for (const [x, y] of [[20, 10], [80, 20], [150, 30], [200, 12]] as const) {
      for (const [dx, dy] of [[0, 0], [1, 0], [0, 1]] as const) image.data[(y + dy) * image.width + x + dx] = 160;
    }
    expect(cropCell(image, whole(image), { inkThreshold: 185 })).toBeUndefined();
  });
});

describe('rulings painted out', () => {
  it('leave no remnant in the crop of the cell beside them', () => {
    const dpi = 200;
    const image = lightCell('分值', dpi, 150, 40);
    const s = dpi / 72;
    // A hairline border (0.5 pt, gray 140) down the cell's right edge, a little inside it, as a
    // deskewed scan leaves it.
    const x = image.width - Math.round(2 * s);
    for (let y = 0; y < image.height; y++) for (const dx of [0, 1]) image.data[y * image.width + x + dx] = 140;
    const rule: Segment = { axis: 'v', pos: (x + 1) / s, from: 0, to: image.height / s, thickness: 0.5 };
    const box = { x0: 0, y0: 0, x1: image.width + Math.round(s), y1: image.height };
    const withRule = cropCell(image, box, { inkThreshold: 185 });
    const erased = cropCell(eraseRulings(image, [rule]), box, { inkThreshold: 185 });
    // The text 分值 is about 2 em wide; the crop with the rule reaches the border.
    expect(erased?.width).toBeLessThan(withRule?.width ?? 0);
    const em = 6.5 * s;
    expect(erased?.width ?? 0).toBeLessThan(2.4 * em + 2 * Math.max(10, Math.round(4 * s)));
  });
});
