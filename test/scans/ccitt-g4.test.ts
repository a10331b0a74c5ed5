import UTIF from 'utif2';
import { describe, expect, it } from 'vitest';
import { encodeG4 } from '../../scripts/scans/ccitt-g4.js';
import { Rng } from '../../scripts/fixtures/prng.js';

/** utif2's G4 decoder (its TIFF reader's; not in its type declarations) */
const decodeG4 = (UTIF as unknown as { decode: { _decodeG4: (data: Uint8Array, off: number, len: number, tgt: Uint8Array, toff: number, w: number, fo: number) => void } }).decode._decodeG4;

function roundTrip(black: Uint8Array, w: number, h: number): number {
  const enc = encodeG4(black, w, h);
  const stride = (w + 7) >> 3;
  const out = new Uint8Array(stride * h + 8);
  decodeG4(enc, 0, enc.length, out, 0, w, 1);
  let wrong = 0;
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) if ((((out[y * stride + (x >> 3)] ?? 0) >> (7 - (x & 7))) & 1) !== black[y * w + x]) wrong++;
  return wrong;
}

describe('encodeG4', () => {
  it('round-trips random images, runs of every length and blank lines through an independent decoder', () => {
    const rng = new Rng('g4');
    for (let t = 0; t < 60; t++) {
      const w = rng.int(1, 3000);
      const h = rng.int(1, 12);
      const black = new Uint8Array(w * h);
      const kind = t % 3;
      if (kind === 0) {
        const p = rng.float(0, 1);
        for (let i = 0; i < black.length; i++) black[i] = rng.next() < p ? 1 : 0;
      } else if (kind === 1) {
        // long runs (make-up codes up to 2560 and beyond), shifted line to line
        let i = 0;
        let v = rng.int(0, 1);
        while (i < black.length) {
          const len = rng.int(1, 2700);
          black.fill(v, i, Math.min(black.length, i + len));
          i += len;
          v ^= 1;
        }
      } else {
        // text-like: vertical strokes drifting by −4…+4 px a line (vertical, pass and horizontal modes)
        const strokes = Array.from({ length: rng.int(0, 30) }, () => [rng.int(0, w - 1), rng.int(1, 6)] as [number, number]);
        for (let y = 0; y < h; y++)
          for (const s of strokes) {
            s[0] = Math.max(0, Math.min(w - 1, s[0] + rng.int(-4, 4)));
            for (let x = s[0]; x < Math.min(w, s[0] + s[1]); x++) black[y * w + x] = 1;
          }
      }
      expect(roundTrip(black, w, h), `image ${t}: ${w}×${h}`).toBe(0);
    }
  });

  it('encodes an all-white page in a few bytes per line', () => {
    const w = 1700;
    const h = 100;
    expect(encodeG4(new Uint8Array(w * h), w, h).length).toBeLessThan(h / 4 + 8);
  });
});
