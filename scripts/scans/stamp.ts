/**
 * A round official seal (公章), red or gray,: ring, five-pointed star, the unit's name along the upper arc
 * and 专用章 under the star, with uneven ink. Drawn onto a page canvas with `multiply`, so the
 * table's text and rules show through as on a stamped paper form.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import type { SKRSContext2D } from '@napi-rs/canvas';
import type { Rng } from '../fixtures/prng.js';

const NODE_MODULES = join(resolve(dirname(fileURLToPath(import.meta.url)), '..', '..'), 'node_modules');
const SEAL_FONT = 'JixiaoSeal';
let fontState: 'unknown' | 'ok' | 'missing' = 'unknown';

/** Register a Chinese font for the seal's text once; without one the seal has ring and star only. */
function sealFont(): boolean {
  if (fontState === 'unknown') {
    try {
      // the package exports no subpaths (not even package.json): use the project's node_modules
      const path = join(NODE_MODULES, '@embedpdf', 'fonts-sc', 'fonts', 'NotoSansHans-Medium.otf');
      if (!existsSync(path)) throw new Error('no seal font');
      fontState = GlobalFonts.registerFromPath(path, SEAL_FONT) ? 'ok' : 'missing';
    } catch {
      fontState = 'missing';
    }
  }
  return fontState === 'ok';
}

const UNITS = ['北京市丰台区某某单位', '北京市丰台区财政局', '丰台区某某管理中心', '北京市某某区人民政府办公室'];

/** red: the stamp pad's vermilion; gray: a gray pad, or a gray copy of a stamped page */
export type SealInk = 'red' | 'gray';

export interface SealPlacement {
  /** centre on the page canvas, px */
  cx: number;
  cy: number;
  /** outer radius, px */
  radius: number;
  /** rotation of the whole seal, radians */
  angle: number;
  text: string;
}

/** Choose where the seal goes: over the right half of the table area, 1.5–2 cm radius. */
export function placeSeal(rng: Rng, width: number, height: number, dpi: number): SealPlacement {
  const radius = (rng.float(1.5, 2.0) / 2.54) * dpi;
  return {
    cx: width * rng.float(0.5, 0.8),
    cy: height * rng.float(0.3, 0.8),
    radius,
    angle: (rng.float(-25, 25) * Math.PI) / 180,
    text: rng.pick(UNITS),
  };
}

/** Draw the seal onto `ctx` (the page canvas, before the scan effects). */
export function drawSeal(ctx: SKRSContext2D, rng: Rng, seal: SealPlacement, ink: SealInk = 'red'): void {
  const r = seal.radius;
  const size = Math.ceil(2 * r + 8);
  const c = size / 2;
  const s = createCanvas(size, size);
  const g = s.getContext('2d');
  const level = ink === 'gray' ? rng.int(100, 140) : 0;
  const color = ink === 'gray' ? `rgb(${level}, ${level}, ${level})` : `rgb(${rng.int(200, 225)}, ${rng.int(20, 45)}, ${rng.int(30, 55)})`;
  g.fillStyle = color;
  g.strokeStyle = color;

  // ring
  g.lineWidth = r * rng.float(0.055, 0.07);
  g.beginPath();
  g.arc(c, c, r - g.lineWidth / 2, 0, 2 * Math.PI);
  g.stroke();

  // five-pointed star
  const starR = r * 0.3;
  g.beginPath();
  for (let i = 0; i < 10; i++) {
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    const rr = i % 2 === 0 ? starR : starR * 0.382;
    const x = c + rr * Math.cos(a);
    const y = c + rr * Math.sin(a);
    if (i === 0) g.moveTo(x, y);
    else g.lineTo(x, y);
  }
  g.closePath();
  g.fill();

  if (sealFont()) {
    // unit name along the upper arc, characters upright towards the centre
    const chars = [...seal.text];
    const fontPx = r * 0.26;
    g.font = `${fontPx.toFixed(1)}px ${SEAL_FONT}`;
    g.textAlign = 'center';
    g.textBaseline = 'middle';
    const span = (Math.min(250, 26 * chars.length) * Math.PI) / 180;
    const textR = r * 0.72;
    chars.forEach((ch, i) => {
      const a = -span / 2 + (chars.length === 1 ? span / 2 : (i * span) / (chars.length - 1));
      g.save();
      g.translate(c, c);
      g.rotate(a);
      g.translate(0, -textR);
      g.fillText(ch, 0, 0);
      g.restore();
    });
    g.font = `${(r * 0.2).toFixed(1)}px ${SEAL_FONT}`;
    g.fillText('专用章', c, c + r * 0.55);
  }

  // uneven ink: a coarse random field (bilinear) times fine speckle, applied to alpha
  const img = g.getImageData(0, 0, size, size);
  const px = img.data;
  const grid = 6;
  const field = new Float64Array((grid + 1) * (grid + 1));
  for (let i = 0; i < field.length; i++) field[i] = rng.float(0.55, 1.0);
  const base = rng.float(0.75, 0.9);
  for (let y = 0; y < size; y++) {
    const fy = (y / size) * grid;
    const y0 = Math.min(grid - 1, Math.floor(fy));
    const ty = fy - y0;
    for (let x = 0; x < size; x++) {
      const i = (y * size + x) * 4 + 3;
      const alpha = px[i] ?? 0;
      if (alpha === 0) continue;
      const fx = (x / size) * grid;
      const x0 = Math.min(grid - 1, Math.floor(fx));
      const tx = fx - x0;
      const f00 = field[y0 * (grid + 1) + x0] ?? 1;
      const f01 = field[y0 * (grid + 1) + x0 + 1] ?? 1;
      const f10 = field[(y0 + 1) * (grid + 1) + x0] ?? 1;
      const f11 = field[(y0 + 1) * (grid + 1) + x0 + 1] ?? 1;
      const f = (f00 * (1 - tx) + f01 * tx) * (1 - ty) + (f10 * (1 - tx) + f11 * tx) * ty;
      const speck = rng.next() < 0.06 ? rng.float(0.1, 0.6) : 1;
      px[i] = Math.round(alpha * base * f * speck);
    }
  }
  g.putImageData(img, 0, 0);

  ctx.save();
  ctx.globalCompositeOperation = 'multiply';
  ctx.translate(seal.cx, seal.cy);
  ctx.rotate(seal.angle);
  ctx.drawImage(s, -c, -c);
  ctx.restore();
}
