/**
 * Checks the browser family with pdf.js (legacy build): every oracle string of every browser form
 * is in the text layer of its PDF, each file holds one title per form, and it reports what Skia
 * does that the other producers do not:
 *   - radical code points in the text layer. Skia's ToUnicode map gives, for a glyph that the
 *     font's cmap maps from two code points, the lower one: with the Noto fonts 目 → ⽬ (U+2F6C,
 *     Kangxi Radicals, NFKC folds it back), 长 → ⻓ (U+2EE7, CJK Radicals Supplement, NFKC does not).
 *     A string that matches only after folding these is counted as `folded`; the fold table is built
 *     from the fonts' own cmaps (same glyph id);
 *   - U+0001 for the space / no-break space of a Type 3 font (OpenType CFF fonts are embedded as
 *     Type 3 glyph procedures);
 *   - how the rules are drawn (filled rectangles or stroked paths) and how many text items a page has.
 *
 *   npx tsx scripts/browser/check-browser.ts
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fontkit from '@pdf-lib/fontkit';
import { OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { openDocument } from '../../src/extract/pdfjs.js';
import { toUnits, unitsToString } from '../fixtures/num.js';
import type { FormSpec } from '../fixtures/spec.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const FONTS = [
  join(ROOT, 'node_modules', '@expo-google-fonts', 'noto-serif-sc', '400Regular', 'NotoSerifSC_400Regular.ttf'),
  join(ROOT, 'node_modules', '@embedpdf', 'fonts-sc', 'fonts', 'NotoSansHans-Regular.otf'),
];
const oracle = JSON.parse(readFileSync(join(ROOT, 'fixtures', 'oracle', 'office.json'), 'utf8')) as { files: Array<{ file: string; forms: FormSpec[] }> };

/** radical code point → unified ideograph with the same glyph in one of the fonts */
function radicalFold(): Map<string, string> {
  const map = new Map<string, string>();
  for (const path of FONTS) {
    const font = fontkit.create(readFileSync(path)) as unknown as { characterSet: number[]; glyphForCodePoint(cp: number): { id: number } };
    const byGlyph = new Map<number, number>();
    for (const cp of font.characterSet) if (cp >= 0x4e00 && cp <= 0x9fff) byGlyph.set(font.glyphForCodePoint(cp).id, cp);
    for (const cp of font.characterSet) {
      if (cp < 0x2e80 || cp > 0x2fdf) continue;
      const u = byGlyph.get(font.glyphForCodePoint(cp).id);
      if (u !== undefined && !map.has(String.fromCodePoint(cp))) map.set(String.fromCodePoint(cp), String.fromCodePoint(u));
    }
  }
  return map;
}

const FOLD = radicalFold();
/** radicals only: NFKC on a whole string would also fold full-width punctuation (，（） → , ( )) */
const fold = (s: string) => [...s].map((c) => FOLD.get(c) ?? (c >= '\u2f00' && c <= '\u2fdf' ? c.normalize('NFKC') : c)).join('');
const squash = (s: string) => s.replace(/[\s\u0001]+/g, '');

const OP_NAME = Object.fromEntries(Object.entries(OPS).map(([k, v]) => [v, k])) as Record<number, string>;

interface PageInfo {
  text: string;
  items: number;
  fills: number;
  strokes: number;
  radicals: number;
  ctrl1: number;
}

async function pagesOf(path: string): Promise<PageInfo[]> {
  const doc = await openDocument(new Uint8Array(readFileSync(path)));
  const out: PageInfo[] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    const tc = await page.getTextContent();
    const text = tc.items.map((i) => ('str' in i ? i.str : '')).join('');
    const ol = await page.getOperatorList();
    let fills = 0;
    let strokes = 0;
    ol.fnArray.forEach((fn, i) => {
      if (OP_NAME[fn] !== 'constructPath') return;
      const op = OP_NAME[(ol.argsArray[i] as [number])[0]] ?? '';
      if (/fill/i.test(op)) fills++;
      else if (/stroke/i.test(op)) strokes++;
    });
    out.push({ text, items: tc.items.length, fills, strokes, radicals: [...text].filter((c) => c >= '\u2e80' && c <= '\u2fdf').length, ctrl1: text.split('\u0001').length - 1 });
  }
  await doc.destroy();
  return out;
}

function strings(f: FormSpec): string[] {
  const out = [f.title, `(${f.year}年度)`, f.projectName, f.department, f.implementer, f.goals.expected, f.goals.actual, f.funds.total.executionRate, String(f.totalScore)];
  const amt = (n: number | null) => (n === null ? [] : [unitsToString(toUnits(n))]);
  for (const a of [f.funds.total, f.funds.fiscal, f.funds.carryover, f.funds.other]) if (a) out.push(...amt(a.initialBudget), ...amt(a.annualBudget), ...amt(a.executed));
  if (f.funds.total.score !== null) out.push(String(f.funds.total.score));
  for (const i of f.indicators) out.push(i.name, i.target, i.actual, i.note, i.printed?.level1 ?? i.level1, i.printed?.level2 ?? i.level2);
  return out.filter((s) => s !== '');
}

let failures = 0;
let checked = 0;
let folded = 0;
let split = 0;
for (const file of oracle.files.filter((f) => f.file.startsWith('browser/'))) {
  const pages = await pagesOf(join(ROOT, 'fixtures', 'office', file.file));
  const raw = squash(pages.map((p) => p.text).join(''));
  const norm = fold(raw);
  const titles = norm.split('项目支出绩效自评表').length - 1;
  if (titles !== file.forms.length) {
    failures++;
    console.error(`FAIL ${file.file}: ${titles} titles, ${file.forms.length} forms`);
  }
  file.forms.forEach((f, k) => {
    for (const s of strings(f)) {
      checked++;
      const q = squash(s);
      if (raw.includes(q)) continue;
      if (norm.includes(q)) {
        folded++;
        continue;
      }
      // a row split over a page break: the cell text comes in two pieces
      const cut = [...q].findIndex((_c, i) => i > 0 && norm.includes(q.slice(0, i)) && !norm.includes(q.slice(0, i + 1)));
      if (cut > 0 && norm.includes(q.slice(cut))) {
        split++;
        console.log(`  note: ${file.file}#${k + 1}: "${s.slice(0, 14)}…" in two pieces at ${cut} (row split over a page break)`);
      } else {
        failures++;
        console.error(`FAIL ${file.file}#${k + 1}: "${s}" not in the text layer`);
      }
    }
  });
  const sum = (key: keyof PageInfo) => pages.reduce((s, p) => s + (p[key] as number), 0);
  console.log(
    `${file.file}: ${pages.length} page(s), ${file.forms.length} form(s); rules: ${sum('fills')} filled / ${sum('strokes')} stroked paths; ` +
      `${sum('items')} text items; ${sum('radicals')} radical code points; ${sum('ctrl1')} U+0001`,
  );
}
console.log(`${checked} strings checked: ${checked - folded - split - failures} verbatim, ${folded} only after folding radicals, ${split} split over a page break, ${failures} failure(s)`);
process.exit(failures ? 1 : 0);
