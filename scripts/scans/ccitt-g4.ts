/**
 * A CCITT Group 4 (ITU-T T.6, two-dimensional, K < 0) encoder for bilevel images, as office
 * scanners write their black-and-white pages into a PDF (`/Filter /CCITTFaxDecode`,
 * `/DecodeParms << /K -1 /Columns w /Rows h /BlackIs1 false >>`). No npm package encodes G4, so this
 * one is ours: pass, vertical (±3) and horizontal modes against the previous line, run lengths
 * with the T.4 make-up and terminating codes, end of block (EOFB) at the end, no byte alignment.
 *
 * The run-length code words are those of ITU-T T.4 tables 2 and 3 (the same strings as the
 * decoder of utif2, MIT, which the project depends on).
 */

const TERM_WHITE = (
  '00110101,000111,0111,1000,1011,1100,1110,1111,10011,10100,00111,01000,001000,000011,110100,110101,' +
  '101010,101011,0100111,0001100,0001000,0010111,0000011,0000100,0101000,0101011,0010011,0100100,0011000,00000010,00000011,00011010,' +
  '00011011,00010010,00010011,00010100,00010101,00010110,00010111,00101000,00101001,00101010,00101011,00101100,00101101,00000100,00000101,00001010,' +
  '00001011,01010010,01010011,01010100,01010101,00100100,00100101,01011000,01011001,01011010,01011011,01001010,01001011,00110010,00110011,00110100'
).split(',');

const TERM_BLACK = (
  '0000110111,010,11,10,011,0011,0010,00011,000101,000100,0000100,0000101,0000111,00000100,00000111,000011000,' +
  '0000010111,0000011000,0000001000,00001100111,00001101000,00001101100,00000110111,00000101000,00000010111,00000011000,000011001010,000011001011,000011001100,000011001101,000001101000,000001101001,' +
  '000001101010,000001101011,000011010010,000011010011,000011010100,000011010101,000011010110,000011010111,000001101100,000001101101,000011011010,000011011011,000001010100,000001010101,000001010110,000001010111,' +
  '000001100100,000001100101,000001010010,000001010011,000000100100,000000110111,000000111000,000000100111,000000101000,000001011000,000001011001,000000101011,000000101100,000001011010,000001100110,000001100111'
).split(',');

/** make-up codes for 64, 128, …, 1728 */
const MAKEUP_WHITE = (
  '11011,10010,010111,0110111,00110110,00110111,01100100,01100101,01101000,01100111,011001100,011001101,011010010,011010011,011010100,011010101,011010110,' +
  '011010111,011011000,011011001,011011010,011011011,010011000,010011001,010011010,011000,010011011'
).split(',');

const MAKEUP_BLACK = (
  '0000001111,000011001000,000011001001,000001011011,000000110011,000000110100,000000110101,0000001101100,0000001101101,0000001001010,0000001001011,0000001001100,' +
  '0000001001101,0000001110010,0000001110011,0000001110100,0000001110101,0000001110110,0000001110111,0000001010010,0000001010011,0000001010100,0000001010101,0000001011010,' +
  '0000001011011,0000001100100,0000001100101'
).split(',');

/** extended make-up codes for 1792, 1856, …, 2560, both colours */
const MAKEUP_EXTENDED = '00000001000,00000001100,00000001101,000000010010,000000010011,000000010100,000000010101,000000010110,000000010111,000000011100,000000011101,000000011110,000000011111'.split(',');

const PASS = '0001';
const HORIZONTAL = '001';
/** vertical mode a1 − b1 = −3 … +3 */
const VERTICAL = ['0000010', '000010', '010', '1', '011', '000011', '0000011'];
const EOFB = '000000000001000000000001';

class BitWriter {
  private bytes: number[] = [];
  private acc = 0;
  private n = 0;

  code(bits: string): void {
    for (let i = 0; i < bits.length; i++) {
      this.acc = (this.acc << 1) | (bits.charCodeAt(i) === 49 ? 1 : 0);
      if (++this.n === 8) {
        this.bytes.push(this.acc);
        this.acc = 0;
        this.n = 0;
      }
    }
  }

  result(): Uint8Array {
    if (this.n > 0) this.bytes.push(this.acc << (8 - this.n));
    return Uint8Array.from(this.bytes);
  }
}

function run(out: BitWriter, length: number, black: boolean): void {
  const term = black ? TERM_BLACK : TERM_WHITE;
  const makeup = black ? MAKEUP_BLACK : MAKEUP_WHITE;
  let rest = length;
  while (rest >= 2560 + 64) {
    out.code(MAKEUP_EXTENDED[12] as string); // 2560
    rest -= 2560;
  }
  if (rest >= 64) {
    const m = Math.floor(rest / 64); // 1 … 40
    out.code((m <= 27 ? makeup[m - 1] : MAKEUP_EXTENDED[m - 28]) as string);
    rest -= m * 64;
  }
  out.code(term[rest] as string);
}

/**
 * Changing elements of one line: positions where the colour differs from the pixel before (the
 * pixel before the line is white), then `width` twice as the imaginary ends.
 */
function changes(line: Uint8Array, width: number): number[] {
  const out: number[] = [];
  let prev = 0;
  for (let x = 0; x < width; x++) {
    const v = line[x] ?? 0;
    if (v !== prev) {
      out.push(x);
      prev = v;
    }
  }
  out.push(width, width);
  return out;
}

/**
 * Encode a bilevel image (`black[y · width + x]` = 1 for black) as a CCITT G4 stream with
 * end-of-block, for `/CCITTFaxDecode` with `/K -1`, `/Columns width`, `/Rows height` (pixels
 * with value 0 white, BlackIs1 false).
 */
export function encodeG4(black: Uint8Array, width: number, height: number): Uint8Array {
  if (black.length < width * height) throw new Error('encodeG4: pixel buffer too small');
  const out = new BitWriter();
  let ref = [width, width]; // the imaginary white line above the first
  for (let y = 0; y < height; y++) {
    const line = black.subarray(y * width, (y + 1) * width);
    const cur = changes(line, width);
    let a0 = -1;
    let color = 0; // colour of a0's run: 0 white, 1 black
    let ci = 0; // first changing element of `cur` right of a0
    let ri = 0; // search start in `ref`
    while (a0 < width) {
      while ((cur[ci] as number) <= a0 && (cur[ci] as number) < width) ci++;
      const a1 = cur[ci] as number;
      const a2 = cur[ci + 1] as number;
      // b1: first changing element of ref right of a0 whose colour is opposite to a0's colour.
      // ref's changing elements alternate colours: even index turns black, odd turns white. The
      // search may step back two: a vertical mode can move a0 left of an element passed before.
      ri = Math.max(0, ri - 2);
      while ((ref[ri] as number) <= a0 && (ref[ri] as number) < width) ri++;
      if (ri % 2 !== color && (ref[ri] as number) < width) ri++;
      const b1 = ref[ri] as number;
      const b2 = ref[ri + 1] ?? width;
      if (b2 < a1) {
        out.code(PASS);
        a0 = b2;
        continue;
      }
      const d = a1 - b1;
      if (d >= -3 && d <= 3) {
        out.code(VERTICAL[d + 3] as string);
        a0 = a1;
        color ^= 1;
        continue;
      }
      out.code(HORIZONTAL);
      run(out, a1 - Math.max(0, a0), color === 1);
      run(out, a2 - a1, color === 0);
      a0 = a2;
    }
    ref = cur;
  }
  out.code(EOFB);
  return out.result();
}
