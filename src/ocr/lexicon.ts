/**
 * Correction of free text read by OCR (names, goals, notes) from words the document itself
 * spells out, and from the words indicator names are made of. Pure functions.
 *
 * Tesseract misreads few Chinese characters in these cells, and those with doubt: on the
 * 200-dpi seed scan, 5 of about 6,400 in free-text cells, each below `DOUBTFUL_CONFIDENCE`
 * (0.80–0.92), beside 46 read right below it (`系统利用率` read `系统利用亩`, `利旧设备` read
 * `利昌设备` on the mixed file). Pixels cannot settle it — the
 * same glyph read again, alone or with the character forbidden, gives no better answer — but
 * the document can: a unit's forms repeat their indicator names and phrases, on pages with a
 * text layer and in cells OCR read with confidence. A doubtful character is replaced when
 *
 * 1. **the whole cell**, four characters at least, is but for one doubtful character a cell
 *    text the document holds (`系统利用亩` beside `系统利用率` elsewhere; not `贞用人员…` →
 *    `坐席人员…`) — three will do when that character is the last and can end no indicator
 *    name (`接件盏` → `接件率`, see 3); or
 * 2. **its neighbourhood** — up to three characters each side, the cell's edge counting as
 *    one, five at least in all — occurs in the document with one other character in its
 *    place (`设与利昌设备搬` → `设与利旧设备搬`; not `\n贞用人员` → `\n使用人员`) — or, where
 *    the document is sure of no character there and the context is six characters, where
 *    two other readings, doubtful themselves, agree on one (`传输予系统` beside two
 *    `传输子系统`: independent misreadings rarely agree); or
 * 3. it **ends the cell**, the characters before it are the start of an indicator word
 *    (`故障率`, `正确率`: `INDICATOR_WORDS`), and the character read can end no indicator
 *    name (`亩`, `盏`, `京` cannot; `量`, `数`, `度` can, and are kept).
 *
 * Evidence must be unambiguous and sound:
 * - the reading must be unattested: a cell read the same way elsewhere, even with doubt, or
 *   the character read between its two neighbours found where the document is sure of it,
 *   is what is printed (`软件维护成本` with a doubtful `软` stays beside a confident
 *   `硬件维护成本`: other cells start with `软件`);
 * - the replacement must be the only one the document offers, and come from its text layer,
 *   or from cells OCR read with confidence — twice, unless the context is six characters or
 *   more, edges counted (a misreading read with confidence once, `质量指村`, proves nothing).
 *
 * A character read with confidence is never changed, and nothing else of the cell either.
 */
import { INDICATOR_WORDS } from '../dictionary.js';
import { HAN, alignGlyphs } from './punctuation.js';

/** Glyph confidence (0..1) below which OCR's character is open to correction. */
export const DOUBTFUL_CONFIDENCE = 0.95;

/** Where a cell starts or ends, in the lexicon's text and in patterns. */
const EDGE = '\n';
/** A doubtful character of a lexicon entry: no pattern matches across it. */
const MASK = '\u0000';
/** Characters of a cell corrected as a whole (rule 1). */
const MIN_CELL = 4;
/** Context characters taken each side of a doubtful one, and the least in all (rule 2). */
const SIDE = 3;
const MIN_CONTEXT = 5;
/** Context (edges counted) long enough for one confident OCR occurrence to count as evidence. */
const LONG_CONTEXT = 6;

/** Comparisons ignore the width of punctuation and digits (`，` and `,` look alike in a scan). */
const fold = (text: string): string => text.normalize('NFKC');
/** The characters of `text`, each folded on its own: indices stay those of `text`. */
const foldChars = (text: string): string[] => [...text.replaceAll(EDGE, ' ')].map(fold);

/**
 * The characters an indicator name may end with: the last ones of `INDICATOR_WORDS`, and
 * things counted (`故障点`, `服务项`, `受益人`, `巡查次`). Not the units OCR reads for `率`
 * (`亩`, `盏`): a name ends with a unit only in brackets.
 */
const NAME_ENDINGS = new Set([...INDICATOR_WORDS.map((w) => w.at(-1) as string), ...'点项件人次户台套个化值感类']);

/**
 * Indices (code points of `text`) of the Chinese characters read below `DOUBTFUL_CONFIDENCE`;
 * glyphs are placed in the text by `alignGlyphs` (a glyph it cannot place is not marked, so
 * never corrected).
 */
export function doubtfulCharacters(text: string, glyphs: readonly { text: string; confidence: number }[]): number[] {
  const index = alignGlyphs(text, glyphs);
  return glyphs.flatMap((g, k) => {
    const at = index[k];
    return at !== undefined && g.confidence < DOUBTFUL_CONFIDENCE && HAN.test(g.text) ? [at] : [];
  });
}

/** One replaced character: its index in the text, what OCR read and what it became. */
export interface Correction {
  index: number;
  read: string;
  corrected: string;
  /** Which evidence decided (module comment): the whole cell, the neighbourhood, an indicator word. */
  by: 'cell' | 'context' | 'word';
}

/** How often something occurs in the text layer and in what OCR read with confidence. */
interface Support {
  exact: number;
  ocr: number;
}

/** Where a cell's text came from: the text layer (exact) or OCR. */
export type LexiconSource = 'text' | 'ocr';

/**
 * The document's text, for `correctText`: every cell, as read (for "does this reading occur
 * elsewhere") and with its doubtful characters masked (for evidence).
 */
export class Lexicon {
  private readonly masked: Record<LexiconSource, string[]> = { text: [], ocr: [] };
  private readonly plain: string[] = [];
  /** Whole cells without doubtful characters, by text (folded). */
  private readonly cells = new Map<string, Support>();
  /** Every cell as read, by text (folded), with how often. */
  private readonly readings = new Map<string, number>();
  private joined: { text: string; ocr: string; plain: string } | undefined;

  /**
   * Add one cell's text; `doubtful` are indices (into `text`) of characters OCR was unsure of.
   * Every cell to be corrected must be added too (its own reading is discounted once).
   */
  add(text: string, source: LexiconSource, doubtful: readonly number[] = []): void {
    const chars = foldChars(text);
    if (chars.length === 0) return;
    const plain = chars.join('');
    this.plain.push(plain);
    this.readings.set(plain, (this.readings.get(plain) ?? 0) + 1);
    for (const i of doubtful) if (i >= 0 && i < chars.length) chars[i] = MASK;
    this.masked[source].push(chars.join(''));
    if (doubtful.length === 0) {
      const support = this.cells.get(plain) ?? { exact: 0, ocr: 0 };
      support[source === 'text' ? 'exact' : 'ocr'] += 1;
      this.cells.set(plain, support);
    }
    this.joined = undefined;
  }

  /** How many cells read exactly `text` (folded), the cell itself included. */
  readingsOf(text: string): number {
    return this.readings.get(foldChars(text).join('')) ?? 0;
  }

  /** Cells without doubtful characters of `length` characters (folded), with their support. */
  cellsOfLength(length: number): [string, Support][] {
    return [...this.cells].filter(([t]) => [...t].length === length);
  }

  /** True when the document has `part` where it is sure of every character (text layer, confident OCR). */
  attests(part: string): boolean {
    const texts = this.texts();
    return texts.text.includes(part) || texts.ocr.includes(part);
  }

  /** How often `left + read + right` occurs in the document as read, the cell itself included. */
  occurrences(left: string, read: string, right: string): number {
    return count(this.texts().plain, left + read + right);
  }

  /**
   * The characters found between `left` and `right` (each may hold `EDGE`) where the
   * document's text is sure of them, with their support.
   */
  fills(left: string, right: string): Map<string, Support> {
    const out = new Map<string, Support>();
    const texts = this.texts();
    for (const [key, text] of [['exact', texts.text], ['ocr', texts.ocr]] as const) {
      for (const [fill, n] of between(text, left, right)) {
        const support = out.get(fill) ?? { exact: 0, ocr: 0 };
        support[key] += n;
        out.set(fill, support);
      }
    }
    return out;
  }

  /** The characters found between `left` and `right` as read, doubtful or not, the cell's own included. */
  readFills(left: string, right: string): Map<string, number> {
    return between(this.texts().plain, left, right);
  }

  private texts(): { text: string; ocr: string; plain: string } {
    const join = (entries: readonly string[]): string => EDGE + entries.join(EDGE + EDGE) + EDGE;
    this.joined ??= { text: join(this.masked.text), ocr: join(this.masked.ocr), plain: join(this.plain) };
    return this.joined;
  }
}

/** The characters between `left` and `right` in `text`, with how often; masks and edges left out. */
function between(text: string, left: string, right: string): Map<string, number> {
  const out = new Map<string, number>();
  for (let at = text.indexOf(left); at !== -1; at = text.indexOf(left, at + 1)) {
    const fill = String.fromCodePoint(text.codePointAt(at + left.length) ?? 0);
    const after = at + left.length + fill.length;
    if (fill === MASK || fill === EDGE || text.slice(after, after + right.length) !== right) continue;
    out.set(fill, (out.get(fill) ?? 0) + 1);
  }
  return out;
}

function count(text: string, part: string): number {
  let n = 0;
  for (let at = text.indexOf(part); at !== -1; at = text.indexOf(part, at + 1)) n++;
  return n;
}

/** Evidence enough: the text layer once, or OCR's confident reading twice (once with a long context). */
const sound = (s: Support, context: number): boolean => s.exact >= 1 || s.ocr >= (context >= LONG_CONTEXT ? 1 : 2);

/**
 * Correct the doubtful characters of one OCR'd cell (`doubtful`: indices into `text`) from the
 * lexicon and the indicator words (module comment). Returns the text and what changed.
 */
export function correctText(text: string, doubtful: readonly number[], lexicon: Lexicon): { text: string; corrections: Correction[] } {
  const chars = [...text];
  const unsure = new Set(doubtful.filter((i) => HAN.test(chars[i] ?? '')));
  if (unsure.size === 0) return { text, corrections: [] };
  const folded = foldChars(text);
  const corrections: Correction[] = [];
  // The character read between its two neighbours (or the cell's edge), found where the
  // document is sure of it: a plausible reading, kept (`软件` at the start of a cell).
  const attested = (index: number): boolean => lexicon.attests((folded[index - 1] ?? EDGE) + (folded[index] as string) + (folded[index + 1] ?? EDGE));
  const replace = (index: number, corrected: string, by: Correction['by']): void => {
    corrections.push({ index, read: chars[index] as string, corrected, by });
    chars[index] = corrected;
    folded[index] = corrected;
    unsure.delete(index);
  };
  // A reading found in another cell too is what is printed.
  const repeated = lexicon.readingsOf(text) > 1;

  // 1. The whole cell: a cell the document holds, differing in one character OCR was unsure of.
  // Three characters will do when that is the last, and can end no name (`接件盏` → 接件率).
  const last = chars.length - 1;
  const endsNoName = unsure.has(last) && !NAME_ENDINGS.has(chars[last] as string);
  if ((chars.length >= MIN_CELL || (chars.length === MIN_CELL - 1 && endsNoName)) && !repeated) {
    const matches = lexicon.cellsOfLength(chars.length).flatMap(([cell, support]) => {
      const other = [...cell];
      const differ = other.flatMap((c, i) => (c !== folded[i] ? [i] : []));
      const at = differ[0];
      const fill = at === undefined ? '' : (other[at] as string);
      const ok = differ.length === 1 && at !== undefined && unsure.has(at) && HAN.test(fill) && (chars.length >= MIN_CELL || at === last);
      return ok ? [{ at, fill, support }] : [];
    });
    const match = matches.length === 1 ? matches[0] : undefined;
    // Context: the other characters and the cell's two edges.
    if (match && sound(match.support, chars.length + 1) && !attested(match.at)) replace(match.at, match.fill, 'cell');
  }

  // 2. The neighbourhood of each doubtful character, the cell's edges counting as context.
  for (const i of [...unsure].sort((a, b) => a - b)) {
    if (attested(i)) continue;
    const side = (step: 1 | -1): string[] => {
      const out: string[] = [];
      for (let k = i + step; out.length < SIDE; k += step) {
        if (k < 0 || k >= folded.length) {
          out.push(EDGE);
          break;
        }
        out.push(folded[k] as string);
      }
      return step === 1 ? out : out.reverse();
    };
    const fill = neighbourhoodFill(lexicon, side(-1), side(1), folded[i] as string);
    if (fill !== undefined) replace(i, fill, 'context');
  }

  // 3. The last character: an indicator word's ending where the character read can end none.
  if (endsNoName && unsure.has(last) && !repeated && !attested(last)) {
    const before = chars.slice(0, last).join('');
    const endings = new Set(INDICATOR_WORDS.filter((w) => w.length >= 3 && before.endsWith(w.slice(0, -1))).map((w) => w.at(-1) as string));
    const only = endings.size === 1 ? [...endings][0] : undefined;
    if (only !== undefined) replace(last, only, 'word');
  }

  return { text: chars.join(''), corrections: corrections.sort((a, b) => a.index - b.index) };
}

/**
 * The one character the document has between `left` and `right` in place of `read`, trying
 * the widest context first and narrowing it while it keeps `MIN_CONTEXT` characters, one
 * each side at least; undefined when the reading occurs elsewhere, or the document offers
 * no sound replacement or more than one.
 */
function neighbourhoodFill(lexicon: Lexicon, left: readonly string[], right: readonly string[], read: string): string | undefined {
  for (let l = left.length, r = right.length; l >= 1 && r >= 1 && l + r >= MIN_CONTEXT; l > r ? l-- : r--) {
    const [before, after] = [left.slice(left.length - l).join(''), right.slice(0, r).join('')];
    const fills = lexicon.fills(before, after);
    if (fills.size === 0 && l + r >= LONG_CONTEXT) {
      // No sure reading here: the document's readings, doubtful too, by majority.
      const readings = lexicon.readFills(before, after);
      const others = [...readings].filter(([c]) => c !== read);
      const [fill, n] = others[0] ?? ['', 0];
      if (readings.get(read) === 1 && others.length === 1 && n >= 2 && HAN.test(fill)) return fill;
    }
    if (fills.size === 0) continue;
    if (fills.has(read) || lexicon.occurrences(before, read, after) > 1) return undefined;
    const [fill, support] = [...fills][0] as [string, Support];
    return fills.size === 1 && HAN.test(fill) && sound(support, l + r) ? fill : undefined;
  }
  return undefined;
}
