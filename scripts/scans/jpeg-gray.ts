/**
 * A small baseline JPEG encoder for 8-bit grayscale images (one component, standard Annex K
 * luminance tables, IJG quality scaling, float AAN forward DCT).
 *
 * Why our own: @napi-rs/canvas only writes 3-component (YCbCr) JPEGs, which pdf-lib embeds as
 * DeviceRGB. Office scanners write grayscale; a 1-component JPEG is embedded as DeviceGray, which
 * is what a scanned fixture should exercise. Pure JS arithmetic, so the bytes are the same on
 * every machine.
 */

/** zigzag position → natural (row-major) index */
export const NATURAL_ORDER = [
  0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28,
  35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55,
  62, 63,
];

/** Annex K.1 luminance quantization table, natural order */
const BASE_QUANT = [
  16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51, 87,
  80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92, 49, 64, 78, 87, 103, 121, 120, 101, 72, 92,
  95, 98, 112, 100, 103, 99,
];

/** Annex K.3 luminance Huffman tables: code counts per length 1..16, then symbols */
const DC_BITS = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0];
const DC_VALS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const AC_BITS = [0, 2, 1, 3, 3, 2, 4, 3, 5, 5, 4, 4, 0, 0, 1, 0x7d];
const AC_VALS = [
  0x01, 0x02, 0x03, 0x00, 0x04, 0x11, 0x05, 0x12, 0x21, 0x31, 0x41, 0x06, 0x13, 0x51, 0x61, 0x07, 0x22, 0x71, 0x14, 0x32,
  0x81, 0x91, 0xa1, 0x08, 0x23, 0x42, 0xb1, 0xc1, 0x15, 0x52, 0xd1, 0xf0, 0x24, 0x33, 0x62, 0x72, 0x82, 0x09, 0x0a, 0x16,
  0x17, 0x18, 0x19, 0x1a, 0x25, 0x26, 0x27, 0x28, 0x29, 0x2a, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3a, 0x43, 0x44, 0x45,
  0x46, 0x47, 0x48, 0x49, 0x4a, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59, 0x5a, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69,
  0x6a, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8a, 0x92, 0x93, 0x94,
  0x95, 0x96, 0x97, 0x98, 0x99, 0x9a, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7, 0xa8, 0xa9, 0xaa, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6,
  0xb7, 0xb8, 0xb9, 0xba, 0xc2, 0xc3, 0xc4, 0xc5, 0xc6, 0xc7, 0xc8, 0xc9, 0xca, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8,
  0xd9, 0xda, 0xe1, 0xe2, 0xe3, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9, 0xea, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8,
  0xf9, 0xfa,
];

const AAN_SCALE = [1.0, 1.387039845, 1.306562965, 1.175875602, 1.0, 0.785694958, 0.5411961, 0.275899379];

interface Huffman {
  code: Uint16Array; // by symbol
  size: Uint8Array; // by symbol, 0 = no code
}

function buildHuffman(bits: readonly number[], vals: readonly number[]): Huffman {
  const code = new Uint16Array(256);
  const size = new Uint8Array(256);
  let c = 0;
  let k = 0;
  for (let len = 1; len <= 16; len++) {
    const n = bits[len - 1] ?? 0;
    for (let i = 0; i < n; i++) {
      const sym = vals[k++] ?? 0;
      code[sym] = c++;
      size[sym] = len;
    }
    c <<= 1;
  }
  return { code, size };
}

const DC_HUFF = buildHuffman(DC_BITS, DC_VALS);
const AC_HUFF = buildHuffman(AC_BITS, AC_VALS);

/** IJG quality (1–100) → quantization table, natural order */
export function quantTable(quality: number): Uint8Array {
  const q = Math.min(100, Math.max(1, Math.round(quality)));
  const scale = q < 50 ? Math.floor(5000 / q) : 200 - 2 * q;
  const out = new Uint8Array(64);
  for (let i = 0; i < 64; i++) out[i] = Math.min(255, Math.max(1, Math.floor(((BASE_QUANT[i] ?? 1) * scale + 50) / 100)));
  return out;
}

class ByteSink {
  buf = new Uint8Array(1 << 16);
  len = 0;
  private acc = 0; // pending bits, right-aligned
  private nacc = 0;

  private grow(extra: number): void {
    if (this.len + extra <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < this.len + extra) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }

  byte(b: number): void {
    this.grow(1);
    this.buf[this.len++] = b & 0xff;
  }

  word(w: number): void {
    this.byte(w >> 8);
    this.byte(w);
  }

  bytes(bs: ArrayLike<number>): void {
    for (let i = 0; i < bs.length; i++) this.byte(bs[i] ?? 0);
  }

  /** entropy-coded bits, with 0xFF byte stuffing; size ≤ 16 */
  bits(value: number, size: number): void {
    this.acc = ((this.acc << size) | (value & ((1 << size) - 1))) >>> 0;
    this.nacc += size;
    while (this.nacc >= 8) {
      const b = (this.acc >>> (this.nacc - 8)) & 0xff;
      this.byte(b);
      if (b === 0xff) this.byte(0);
      this.nacc -= 8;
    }
    this.acc &= (1 << this.nacc) - 1;
  }

  /** pad the last byte with 1-bits */
  flushBits(): void {
    if (this.nacc > 0) this.bits(0x7f, 8 - this.nacc);
  }

  result(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}

function category(v: number): number {
  let a = v < 0 ? -v : v;
  let n = 0;
  while (a) {
    n++;
    a >>= 1;
  }
  return n;
}

/** Encode `pixels` (width × height bytes, row-major, 0 = black) as a baseline grayscale JPEG. */
export function encodeGrayJpeg(pixels: Uint8Array, width: number, height: number, quality: number): Uint8Array {
  if (pixels.length < width * height) throw new Error('encodeGrayJpeg: pixel buffer too small');
  const qt = quantTable(quality);
  const fdtbl = new Float64Array(64);
  for (let row = 0; row < 8; row++)
    for (let col = 0; col < 8; col++) {
      const i = row * 8 + col;
      fdtbl[i] = 1 / ((qt[i] ?? 1) * (AAN_SCALE[row] ?? 1) * (AAN_SCALE[col] ?? 1) * 8);
    }

  const out = new ByteSink();
  out.word(0xffd8); // SOI
  // APP0 JFIF 1.01, density 72×72 dpi (the PDF page box sets the real size)
  out.word(0xffe0);
  out.word(16);
  out.bytes([0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 1, 0, 72, 0, 72, 0, 0]);
  // DQT
  out.word(0xffdb);
  out.word(67);
  out.byte(0);
  for (let k = 0; k < 64; k++) out.byte(qt[NATURAL_ORDER[k] ?? 0] ?? 1);
  // SOF0: 8 bit, 1 component
  out.word(0xffc0);
  out.word(11);
  out.byte(8);
  out.word(height);
  out.word(width);
  out.byte(1);
  out.bytes([1, 0x11, 0]);
  // DHT: DC table 0, AC table 0
  out.word(0xffc4);
  out.word(2 + 17 + DC_VALS.length + 17 + AC_VALS.length);
  out.byte(0x00);
  out.bytes(DC_BITS);
  out.bytes(DC_VALS);
  out.byte(0x10);
  out.bytes(AC_BITS);
  out.bytes(AC_VALS);
  // SOS
  out.word(0xffda);
  out.word(8);
  out.byte(1);
  out.bytes([1, 0x00]);
  out.bytes([0, 63, 0]);

  const block = new Float64Array(64);
  const coef = new Int32Array(64);
  let prevDc = 0;
  const dcCode = DC_HUFF.code;
  const dcSize = DC_HUFF.size;
  const acCode = AC_HUFF.code;
  const acSize = AC_HUFF.size;

  for (let by = 0; by < height; by += 8) {
    for (let bx = 0; bx < width; bx += 8) {
      // load with edge replication, level shift
      for (let y = 0; y < 8; y++) {
        const sy = Math.min(by + y, height - 1) * width;
        for (let x = 0; x < 8; x++) {
          const sx = Math.min(bx + x, width - 1);
          block[y * 8 + x] = (pixels[sy + sx] ?? 0) - 128;
        }
      }
      fdct(block);
      for (let i = 0; i < 64; i++) {
        const v = (block[i] ?? 0) * (fdtbl[i] ?? 0);
        coef[i] = v > 0 ? Math.floor(v + 0.5) : Math.ceil(v - 0.5);
      }
      // DC
      const dc = coef[0] ?? 0;
      const diff = dc - prevDc;
      prevDc = dc;
      const dcat = category(diff);
      out.bits(dcCode[dcat] ?? 0, dcSize[dcat] ?? 0);
      if (dcat) out.bits(diff < 0 ? diff + (1 << dcat) - 1 : diff, dcat);
      // AC
      let run = 0;
      for (let k = 1; k < 64; k++) {
        const v = coef[NATURAL_ORDER[k] ?? 0] ?? 0;
        if (v === 0) {
          run++;
          continue;
        }
        while (run > 15) {
          out.bits(acCode[0xf0] ?? 0, acSize[0xf0] ?? 0);
          run -= 16;
        }
        const cat = category(v);
        const sym = (run << 4) | cat;
        out.bits(acCode[sym] ?? 0, acSize[sym] ?? 0);
        out.bits(v < 0 ? v + (1 << cat) - 1 : v, cat);
        run = 0;
      }
      if (run > 0) out.bits(acCode[0x00] ?? 0, acSize[0x00] ?? 0);
    }
  }
  out.flushBits();
  out.word(0xffd9); // EOI
  return out.result();
}

/** in-place float AAN forward DCT of an 8×8 block (rows, then columns); output scaled by 8·aan */
function fdct(d: Float64Array): void {
  for (let pass = 0; pass < 2; pass++) {
    const step = pass === 0 ? 1 : 8; // element stride within a line
    const next = pass === 0 ? 8 : 1; // stride between lines
    for (let line = 0; line < 8; line++) {
      const o = line * next;
      const d0 = d[o]!;
      const d1 = d[o + step]!;
      const d2 = d[o + 2 * step]!;
      const d3 = d[o + 3 * step]!;
      const d4 = d[o + 4 * step]!;
      const d5 = d[o + 5 * step]!;
      const d6 = d[o + 6 * step]!;
      const d7 = d[o + 7 * step]!;
      const tmp0 = d0 + d7;
      const tmp7 = d0 - d7;
      const tmp1 = d1 + d6;
      const tmp6 = d1 - d6;
      const tmp2 = d2 + d5;
      const tmp5 = d2 - d5;
      const tmp3 = d3 + d4;
      const tmp4 = d3 - d4;
      // even part
      let tmp10 = tmp0 + tmp3;
      const tmp13 = tmp0 - tmp3;
      let tmp11 = tmp1 + tmp2;
      let tmp12 = tmp1 - tmp2;
      d[o] = tmp10 + tmp11;
      d[o + 4 * step] = tmp10 - tmp11;
      const z1 = (tmp12 + tmp13) * 0.707106781;
      d[o + 2 * step] = tmp13 + z1;
      d[o + 6 * step] = tmp13 - z1;
      // odd part
      tmp10 = tmp4 + tmp5;
      tmp11 = tmp5 + tmp6;
      tmp12 = tmp6 + tmp7;
      const z5 = (tmp10 - tmp12) * 0.382683433;
      const z2 = 0.5411961 * tmp10 + z5;
      const z4 = 1.306562965 * tmp12 + z5;
      const z3 = tmp11 * 0.707106781;
      const z11 = tmp7 + z3;
      const z13 = tmp7 - z3;
      d[o + 5 * step] = z13 + z2;
      d[o + 3 * step] = z13 - z2;
      d[o + step] = z11 + z4;
      d[o + 7 * step] = z11 - z4;
    }
  }
}
