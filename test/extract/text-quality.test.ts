/**
 * The per-page decision between the text layer and OCR (src/extract/text-quality.ts): on
 * hand-made pages, on every page of the committed fixtures (all digital: all stay on the text
 * path), and on PDFs made here whose text layers are garbage.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractPage, withDocument } from '../../src/extract/index.js';
import { RADICAL_TO_IDEOGRAPH } from '../../src/extract/radicals.js';
import { FOREIGN_SHARE, GARBAGE_SHARE, MIN_CJK_SHARE, countChars, textLayerVerdict } from '../../src/extract/text-quality.js';
import type { TextLayerVerdict } from '../../src/extract/text-quality.js';
import type { PageContent, Segment } from '../../src/extract/types.js';
import { FIXTURES, SEED_SINGLE } from '../support/paths.js';
import { garbagePdf, gbkMojibake } from './garbage-pdf.js';

/** A 3 × 3 grid of ruling lines. */
const GRID: Segment[] = [
  ...[100, 200, 300].map((pos): Segment => ({ axis: 'h', pos, from: 50, to: 550, thickness: 0.75 })),
  ...[50, 300, 550].map((pos): Segment => ({ axis: 'v', pos, from: 100, to: 300, thickness: 0.75 })),
];

function page(texts: string[], extra: Partial<PageContent> = {}): PageContent {
  const runs = texts.map((text, i) => ({ text, bbox: { x0: 60, y0: 110 + 12 * i, x1: 200, y1: 120 + 12 * i }, fontSize: 10, source: 'text' as const, confidence: 1 }));
  return { pageNumber: 3, width: 595, height: 842, runs, segments: GRID, imageCount: 0, ...extra };
}

const FORM_TEXT = ['项目支出绩效自评表', '（2024年度）', '项目名称', '网格化城市服务管理系统平台运维经费', '年度资金总额', '99.74', '执行率', '≥90%', '满意度指标', '服务对象满意度', '≥95%', '总分', '100', '99.97'];

const reason = (v: TextLayerVerdict): string | null => (v.ocr ? v.reason : null);

describe('textLayerVerdict on hand-made pages', () => {
  it('keeps a Chinese form on the text path, and a page holding only 总分 and numbers', () => {
    expect(textLayerVerdict(page(FORM_TEXT))).toEqual({ ocr: false });
    expect(textLayerVerdict(page(['总分', '100', '99.97']))).toEqual({ ocr: false });
  });

  it('sends a page without text to OCR only when it has an image', () => {
    expect(textLayerVerdict(page([], { imageCount: 1 }))).toEqual({ ocr: true, reason: 'no-text', why: 'page 3 is a scanned image' });
    expect(textLayerVerdict(page([]))).toEqual({ ocr: false });
  });

  it('counts radicals with an equivalent ideograph as that ideograph (exact), others as garbage', () => {
    // ⽬ U+2F6C = 目, ⻓ U+2EE7 = 长, ⻔ U+2ED4 = 门: what the Noto fonts' cmaps put in Chromium's PDFs.
    const mapped = FORM_TEXT.map((t) => t.replace(/目/gu, '\u2f6c').replace(/长/gu, '\u2ee7'));
    expect(RADICAL_TO_IDEOGRAPH.get(0x2f6c)).toBe(0x76ee);
    expect(countChars('\u2f6c\u2ee7\u2ed4').cjk).toBe(3);
    expect(textLayerVerdict(page([...mapped, '\u2f6c\u2ee7\u2ed4\u2f6c\u2ee7\u2ed4']))).toEqual({ ocr: false });
    expect(RADICAL_TO_IDEOGRAPH.has(0x2e80)).toBe(false);
    expect(countChars('\u2e80\u2e80').radical).toBe(2);
    expect(reason(textLayerVerdict(page(['项目\u2e80\u2e80', '名称\u2e80'])))).toBe('garbage');
  });

  it('sends (cid:NNN) codes, U+FFFD, private-use and control characters to OCR, saying which', () => {
    const cid = textLayerVerdict(page(['(cid:1234)(cid:87)(cid:5)', '(cid:99)', '项目名称']));
    expect(cid).toEqual({ ocr: true, reason: 'garbage', why: "page 3's text layer is unreadable (cid:… codes: 50 % of its characters)" });
    expect(countChars('(cid:1234)(cid:87) x').cid).toBe(2);
    const mixed = textLayerVerdict(page(['\ufffd\ufffd\ufffd\ue001\ue002', '\u0085', '项目名称']));
    expect(mixed.ocr && mixed.why).toBe("page 3's text layer is unreadable (U+FFFD replacement characters, private-use characters, control characters: 60 % of its characters)");
  });

  it('leaves a page with a few stray garbage characters (below GARBAGE_SHARE) on the text path', () => {
    const text = [...FORM_TEXT, ...FORM_TEXT, ...FORM_TEXT].join('');
    const stray = Math.floor(GARBAGE_SHARE * [...text].length) - 1;
    expect(textLayerVerdict(page([text, '\ufffd'.repeat(stray)]))).toEqual({ ocr: false });
    expect(reason(textLayerVerdict(page([text, '\ufffd'.repeat(stray + 3)])))).toBe('garbage');
  });

  it('sends mojibake (a font without a Unicode map) to OCR', () => {
    const latin1 = FORM_TEXT.map(gbkMojibake); // 项目名称 → ÏîÄ¿Ãû³Æ
    expect(latin1[2]).toBe('ÏîÄ¿Ãû³Æ');
    expect(countChars(latin1.join('')).foreign / countChars(latin1.join('')).total).toBeGreaterThan(FOREIGN_SHARE);
    expect(reason(textLayerVerdict(page(latin1)))).toBe('mojibake');
    expect(reason(textLayerVerdict(page(latin1, { segments: [] })))).toBe('mojibake');
    // ASCII letters where the Chinese should be, in a ruled table: too little Chinese.
    const ascii = ['Xmzc jxzpb', 'Ndzjze 99.74', 'Zxl >=90%', 'Fwdxmyd', '总分 100'];
    const v = textLayerVerdict(page(ascii));
    expect(v.ocr && v.why).toMatch(/^page 3's text layer is unreadable \(a ruled table with only \d+ % Chinese/);
    expect(countChars(ascii.join('')).cjk / (countChars(ascii.join('')).cjk + countChars(ascii.join('')).latin)).toBeLessThan(MIN_CJK_SHARE);
    // The same words without ruling lines may be a page of English: left alone.
    expect(textLayerVerdict(page(ascii, { segments: [] }))).toEqual({ ocr: false });
  });

  it('sends a scan with a text layer and no ruling lines to OCR, not one with vector rulings', () => {
    expect(textLayerVerdict(page(FORM_TEXT, { segments: [], imageCount: 1, scanCoverage: 1 }))).toEqual({
      ocr: true,
      reason: 'scan',
      why: 'page 3 is a scanned image whose text layer has no ruling lines for a table',
    });
    expect(textLayerVerdict(page(FORM_TEXT, { imageCount: 1, scanCoverage: 1 }))).toEqual({ ocr: false });
    // A logo or a photo on a digital page is not a scan.
    expect(textLayerVerdict(page(FORM_TEXT, { segments: [], imageCount: 1, scanCoverage: 0.3 }))).toEqual({ ocr: false });
  });
});

describe('every page of the committed fixtures', () => {
  it('stays on the text path when digital; the field scans (`*-scan.pdf`) go to OCR', async () => {
    const all = execFileSync('find', [FIXTURES, '-name', '*.pdf'], { encoding: 'utf8' }).trim().split('\n').filter((f) => !/\/bad\/(empty|not-a-pdf|truncated|encrypted)\.pdf$/u.test(f)).sort();
    const isScan = (f: string): boolean => /-scan\.pdf$/u.test(f);
    const scans = all.filter(isScan);
    expect(scans.length).toBeGreaterThanOrEqual(2);
    for (const file of scans) {
      await withDocument(new Uint8Array(readFileSync(file)), async (doc) => {
        for (let p = 1; p <= doc.numPages; p++) expect(textLayerVerdict(await extractPage(doc, p)).ocr, `${file} page ${p}`).toBe(true);
      });
    }
    const files = all.filter((f) => !isScan(f));
    expect(files.length).toBeGreaterThanOrEqual(55);
    const wrong: string[] = [];
    let pages = 0;
    let worstGarbage = 0;
    let worstForeign = 0;
    for (const file of files) {
      await withDocument(new Uint8Array(readFileSync(file)), async (doc) => {
        for (let p = 1; p <= doc.numPages; p++) {
          const content = await extractPage(doc, p);
          const v = textLayerVerdict(content);
          if (v.ocr) wrong.push(`${file.slice(FIXTURES.length)}: ${v.why}`);
          const c = countChars(content.runs.map((r) => r.text).join(''));
          worstGarbage = Math.max(worstGarbage, (c.cid + c.replacement + c.privateUse + c.control + c.radical) / c.total);
          worstForeign = Math.max(worstForeign, c.foreign / c.total);
          pages++;
        }
      });
    }
    expect(wrong).toEqual([]);
    expect(pages).toBeGreaterThanOrEqual(150);
    expect(worstGarbage).toBe(0);
    expect(worstForeign).toBeLessThan(FOREIGN_SHARE / 3);
  });
});

describe('PDFs with garbage text layers', () => {
  const verdicts = async (bytes: Uint8Array): Promise<TextLayerVerdict[]> =>
    withDocument(bytes, async (doc) => {
      const out: TextLayerVerdict[] = [];
      for (let p = 1; p <= doc.numPages; p++) out.push(textLayerVerdict(await extractPage(doc, p)));
      return out;
    });
  const rows = [
    ['ABCD EFG', 'HIJK'],
    ['ABC DEF', 'GHIJ KL'],
    ['CDEF', '1234.56'],
  ];

  it('a /ToUnicode map into U+FFFD and private use; (cid:NNN) text; GBK read as Latin-1 — each beside a digital page', async () => {
    const toUnicode = new Map<number, number>([...'ABCDEFGHIJKL'].map((ch, i) => [ch.charCodeAt(0), i % 2 ? 0xfffd : 0xe000 + i]));
    const copy = { kind: 'copy' as const, path: `${SEED_SINGLE}form-01.pdf`, page: 1 };
    const unmapped = await verdicts(await garbagePdf([copy, { kind: 'table', rows }], toUnicode));
    expect(unmapped[0]).toEqual({ ocr: false });
    expect(unmapped[1]).toMatchObject({ ocr: true, reason: 'garbage', why: expect.stringMatching(/^page 2's text layer is unreadable \((?=.*U\+FFFD replacement characters)(?=.*private-use characters).*: \d+ % of its characters\)$/u) });

    const cid = await verdicts(await garbagePdf([copy, { kind: 'table', rows: [['(cid:3021)(cid:1187)', '(cid:77)'], ['(cid:901)(cid:55)', '99.74']] }]));
    expect(cid.map(reason)).toEqual([null, 'garbage']);

    const latin1 = await verdicts(await garbagePdf([copy, { kind: 'table', rows: [['项目支出绩效自评表', '项目名称'], ['实施单位', '年度资金总额'], ['满意度指标', '99.74']].map((r) => r.map(gbkMojibake)) }]));
    expect(latin1.map(reason)).toEqual([null, 'mojibake']);
  });

  it('a scan with an invisible text layer: OCR without vector rulings, the text layer with them', async () => {
    // Digits only: Helvetica draws no Chinese, and Latin words in a ruled table would be mojibake.
    const words = [['2024', '99.74'], ['100', '99.97']];
    const v = await verdicts(await garbagePdf([{ kind: 'table', rows: words, scan: true, lines: false }, { kind: 'table', rows: words, scan: true }, { kind: 'image' }]));
    expect(v.map(reason)).toEqual(['scan', null, 'no-text']);
  });
});
