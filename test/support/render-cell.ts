/**
 * One table cell rendered as a scan would give it, for OCR tests: `text` in 10.5 pt of a sans
 * or a serif CJK font (installed with the dev dependencies) at `dpi`, blurred a little, and
 * cropped as the engine crops a cell.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GlobalFonts, createCanvas } from '@napi-rs/canvas';
import type { PageImage } from '../../src/extract/types.js';
import { cropCell, type CellCrop } from '../../src/ocr/engine.js';

const NODE_MODULES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'node_modules');
const FONTS = {
  sans: join(NODE_MODULES, '@embedpdf', 'fonts-sc', 'fonts', 'NotoSansHans-Regular.otf'),
  serif: join(NODE_MODULES, '@expo-google-fonts', 'noto-serif-sc', '400Regular', 'NotoSerifSC_400Regular.ttf'),
};
export type FontFamily = keyof typeof FONTS;
for (const [family, path] of Object.entries(FONTS)) GlobalFonts.registerFromPath(path, `jixiao-test-${family}`);

export function renderCell(text: string, family: FontFamily, dpi: number): CellCrop {
  const scale = dpi / 72;
  const width = Math.ceil(120 * scale);
  const height = Math.ceil(24 * scale);
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  ctx.filter = `blur(${(0.35 * dpi) / 200}px)`;
  ctx.fillStyle = '#111';
  ctx.font = `${10.5 * scale}px jixiao-test-${family}`;
  ctx.textBaseline = 'middle';
  ctx.fillText(text, 6 * scale, height / 2);
  const rgba = ctx.getImageData(0, 0, width, height).data;
  const data = new Uint8Array(width * height);
  for (let i = 0; i < data.length; i++) data[i] = rgba[4 * i] ?? 255;
  const image: PageImage = { pageNumber: 1, width, height, dpi, data };
  const crop = cropCell(image, { x0: 0, y0: 0, x1: width, y1: height });
  if (!crop) throw new Error(`nothing rendered for ${text}`);
  return crop;
}
