/**
 * Cleanup of OCR'd cell text (pure functions): what tesseract systematically gets wrong on
 * these forms, repaired per kind of cell.
 *
 * - Spaces: tesseract separates every CJK character (`项 目 名 称`) and splits numbers
 *   (`99. 91`, `1 036.44`); a wrapped cell comes back as several lines.
 * - Number cells: full-width digits and punctuation; the dash of a cell that does not apply
 *   (`—`) read as `一`.
 * - Target cells: `≥`/`≤` read as `之`/`过` and `入`/`和` (ENGINE-NOTES.md), or typed
 *   as `>=`/`<=`; a `1` read as `I` before its unit (`I个`).
 * - Label cells: a character or two misread in a known label is snapped to the dictionary.
 *   Free text and numbers are never snapped.
 */
import {
  BUDGET_BLOCK_LABELS,
  BUDGET_COLUMN_LABELS,
  BUDGET_ROW_LABELS,
  FORM_TITLE,
  GOAL_LABELS,
  HEADER_LABELS,
  INDICATOR_BLOCK_LABELS,
  INDICATOR_COLUMN_LABELS,
  TAXONOMY,
  TOTAL_LABELS,
  normalizeLabel,
} from '../dictionary.js';
import { editDistance } from '../edit-distance.js';
import { isKnownUnit } from '../model/values.js';

/**
 * What a cell is expected to hold; chooses the OCR settings and the cleanup.
 * - `number`: digits, `.`, `,`, `-`, `%`, `—` (amounts, weights, scores, rates);
 * - `target`: an operator `≥≤=<>`, digits and CJK units (`≥1个`, `≤20分钟`), or a phrase;
 * - `label`: a printed label of the template (snapped to the dictionary);
 * - `text`: free Chinese text (names, goals, notes).
 */
export type CellHint = 'text' | 'number' | 'target' | 'label';

/** CJK ideographs, CJK punctuation and full-width forms. */
const CJK = '\\u2E80-\\u2FFF\\u3000-\\u303F\\u3400-\\u4DBF\\u4E00-\\u9FFF\\uF900-\\uFAFF\\uFF00-\\uFFEF';
const OPERATORS = '≥≤=<>';
/** Spaces next to a CJK character or an operator (never meaningful in these forms). */
const SPACE_NEAR_CJK = new RegExp(`(?<=[${CJK}${OPERATORS}—])[^\\S\\n]+|[^\\S\\n]+(?=[${CJK}${OPERATORS}—])`, 'gu');
/** Spaces inside a number: between digits, or around its decimal point. */
const SPACE_IN_NUMBER = /(?<=\d)[^\S\n]+(?=[\d.%])|(?<=\d\.)[^\S\n]+(?=\d)/gu;

/** Full-width and look-alike characters of number and target cells, mapped to ASCII. */
const NUMBER_CHARS: Readonly<Record<string, string>> = {
  '。': '.',
  '，': ',',
  '、': ',',
  '％': '%',
  '－': '-',
  '−': '-',
  '‐': '-',
  '‑': '-',
  '﹣': '-',
};

/** Characters a lone dash (`—`, printed where a value does not apply) is read as. */
const DASH_LIKE = /^[-一—–―‒_ー－─━]+$/u;

/**
 * `≥` and `≤` as tesseract (chi_sim+eng) reads them in the forms' fonts, when the character
 * opens a target and a digit follows. Measured on the 300-dpi render of seed form 01 and on
 * Noto Serif SC / AR PL UMing renders: `≥` → 之 过 (芝 込), `≤` → 入 和 委 乏 (么 on the 200-dpi
 * scans of the seed); never crossed.
 * `<`/`>` are the operators with their bar lost: none of the 142 operator targets in the seed
 * forms is strict, so a strict sign read by OCR is taken as the printed `≤`/`≥`.
 */
const MISREAD_OPERATORS: Readonly<Record<string, '≥' | '≤'>> = {
  之: '≥',
  过: '≥',
  芝: '≥',
  込: '≥',
  '>': '≥',
  '≧': '≥',
  入: '≤',
  和: '≤',
  委: '≤',
  乏: '≤',
  么: '≤',
  '<': '≤',
  '≦': '≤',
};
/** A misread operator: one character opening the cell, a number (or `.5`) after it. */
const MISREAD_OPERATOR = new RegExp(`^([${Object.keys(MISREAD_OPERATORS).join('')}])(?=[\\d.])`, 'u');

/** Clean a cell's OCR text for its kind. `raw` may hold several lines (a wrapped cell). */
export function cleanCellText(raw: string, hint: CellHint): string {
  switch (hint) {
    case 'number':
      return cleanNumberText(raw);
    case 'target':
      return cleanTargetText(raw);
    case 'label':
      return snapLabel(cleanSpacing(raw));
    case 'text':
      return cleanSpacing(raw);
  }
}

/**
 * Join lines and drop the spaces OCR inserts: between CJK characters (and next to them),
 * inside numbers. Lines are joined without a space unless both sides are ASCII letters.
 */
export function cleanSpacing(raw: string): string {
  const lines = raw
    .split(/\r?\n/u)
    .map((l) => l.replace(/\s+/gu, ' ').trim())
    .filter((l) => l !== '');
  let out = '';
  for (const line of lines) {
    if (out !== '' && /[A-Za-z]$/u.test(out) && /^[A-Za-z]/u.test(line)) out += ' ';
    out += line;
  }
  return out.replace(SPACE_NEAR_CJK, '').replace(SPACE_IN_NUMBER, '');
}

/** Map full-width digits/punctuation of a number or target to ASCII (NFKC, then look-alikes). */
export function normalizeNumberChars(text: string): string {
  return [...text.normalize('NFKC')].map((c) => NUMBER_CHARS[c] ?? c).join('');
}

/**
 * A number cell: no spaces at all, ASCII digits and punctuation, a lone dash as `—`, and
 * `O`/`o` → `0`, `l`/`I`/`|` → `1` between digits (only reachable without the whitelist).
 */
export function cleanNumberText(raw: string): string {
  const step = (t: string): string =>
    t
      .replace(/(?<=\d)[Oo]|[Oo](?=[\d.])/gu, '0')
      .replace(/(?<=\d)[lI|]|[lI|](?=[\d.])/gu, '1')
      .replace(/^\.+|\.+(?=%?$)/gu, '');
  // Until nothing changes: a letter becomes a digit next to one that just did (`Ol2` → 012).
  let text = normalizeNumberChars(raw).replace(/\s+/gu, '');
  for (let before = ''; before !== text; ) [before, text] = [text, step(text)];
  // Checked last: `-—.` is a dash once its speck of a point is gone.
  return DASH_LIKE.test(text) && text !== '-' ? '—' : text;
}

/**
 * A target cell: spacing cleaned, ASCII digits, `>=`/`<=`/`≧`/`≦` as `≥`/`≤`, an operator
 * misread as a CJK character at the start (followed by a digit) repaired, and a `1` read as
 * `I`/`l`/`|` in the number (`onesFromStrokes`).
 */
export function cleanTargetText(raw: string): string {
  let text = cleanSpacing(normalizeNumberChars(raw)).replace(/(?<=[\d.])\s+|\s+(?=[\d.%])/gu, '');
  text = text.replace(/^(?:>=|=>)/u, '≥').replace(/^(?:<=|=<)/u, '≤');
  const operator = MISREAD_OPERATOR.exec(text)?.[1];
  if (operator !== undefined) text = (MISREAD_OPERATORS[operator] ?? operator) + text.slice(operator.length);
  if (DASH_LIKE.test(text) && text !== '-') return '—';
  // A target never ends with a colon or a comma: a speck or ruling remnant read as one.
  text = text.replace(/[:;,，：；、]+$/u, '');
  const m = /^([≥≤=]?)([\dIl|.,]+)(.*)$/u.exec(text);
  const ones = m ? onesFromStrokes(m[2] as string, m[3] as string) : undefined;
  return m && ones !== undefined ? `${m[1] as string}${ones}${m[3] as string}` : text;
}

/** A number as written in these forms: digits, thousands commas, a decimal part. */
const PLAIN_NUMBER = /^\d+(?:,\d{3})*(?:\.\d+)?$/u;

/**
 * The number opening a target with the `1`s OCR read as a vertical stroke (`I`, `l`, `|`:
 * `I个` → 1个, `l0%` → 10%), or `undefined` when it has no stroke or is not such a number.
 * `after` is what follows it in the cell. Taken as digits only when the result is a number,
 * and a known unit (or `%`) follows, or a stroke stands before a digit (`l0`): `I级` (a
 * grade in Roman numerals, NFKC of `Ⅰ级`), `1.5l` (litres) and a lone `I` stay as read.
 */
export function onesFromStrokes(number: string, after: string): string | undefined {
  if (!/[Il|]/u.test(number)) return undefined;
  const ones = number.replace(/[Il|]/gu, '1');
  if (!PLAIN_NUMBER.test(ones)) return undefined;
  const unit = after.trim();
  const unitFollows = unit === '%' || (unit !== '' && isKnownUnit(unit));
  const beforeDigit = /[Il|][\d.,]*\d/u.test(number) && !/[Il|]$/u.test(number);
  return unitFollows || beforeDigit ? ones : undefined;
}

// ---------------------------------------------------------------------------------------
// Labels.

/**
 * The labels of the template (dictionary.ts: title, headers, column and row labels), normalized
 * (`normalizeLabel`), deduplicated — not the taxonomy's, whose printed misspellings the model
 * stage keeps and resolves (`printed`).
 */
export const TEMPLATE_LABELS: readonly string[] = [
  ...new Set(
    [
      FORM_TITLE,
      ...Object.values(HEADER_LABELS).flat(),
      ...Object.values(BUDGET_COLUMN_LABELS).flat(),
      ...Object.values(BUDGET_ROW_LABELS).flat(),
      ...BUDGET_BLOCK_LABELS,
      ...Object.values(GOAL_LABELS).flat(),
      ...Object.values(INDICATOR_COLUMN_LABELS).flat(),
      ...INDICATOR_BLOCK_LABELS,
      ...TOTAL_LABELS,
    ].map(normalizeLabel),
  ),
];

/** The template's labels and the taxonomy's. */
export const KNOWN_LABELS: readonly string[] = [
  ...new Set([...TEMPLATE_LABELS, ...[...Object.keys(TAXONOMY), ...Object.values(TAXONOMY).flat()].map(normalizeLabel)]),
];

/** Edits allowed to snap to `label`: 1 for labels of up to 4 characters, 2 for longer ones. */
export function maxLabelEdits(label: string): number {
  return [...label].length <= 4 ? 1 : 2;
}

/**
 * Snap an OCR'd label to the one known label within its edit limit (`maxLabelEdits`), keeping
 * a bracketed suffix such as `(A)` or `(万元)` as read. Unchanged when the text is already a
 * label, holds a digit (a value, not a label), has fewer than 2 characters, or is equally
 * near to two labels (`效量指标` is one edit from both 数量指标 and 质量指标). Among equally
 * near labels, those of the text's own length win: OCR substitutes characters far more often
 * than it drops or adds one (`实际完成什` → 实际完成值, not 实际完成).
 */
export function snapLabel(text: string, labels: readonly string[] = KNOWN_LABELS): string {
  const core = normalizeLabel(text);
  if ([...core].length < 2 || /\d/u.test(core) || labels.includes(core)) return text;
  const length = [...core].length;
  let bestDistance = Infinity;
  let nearest: string[] = [];
  for (const label of labels) {
    const limit = maxLabelEdits(label);
    const d = editDistance(core, label, limit);
    if (d > limit || d > bestDistance) continue;
    if (d < bestDistance) nearest = [];
    bestDistance = d;
    nearest.push(label);
  }
  const sameLength = nearest.filter((l) => [...l].length === length);
  const candidates = sameLength.length > 0 ? sameLength : nearest;
  const best = candidates[0];
  if (best === undefined || candidates.length > 1) return text;
  const suffix = text.match(/[(（][^()（）]*[)）]\s*$/u)?.[0] ?? '';
  return best + suffix.replace(/\s+/gu, '');
}

export { editDistance } from '../edit-distance.js';
