import { describe, expect, it } from 'vitest';
import { alignGlyphs, punctuationWidth } from '../../src/ocr/punctuation.js';
import type { OcrGlyph } from '../../src/ocr/engine.js';

/** Glyphs 20 px high on the line y = `line`·30 … +20, each `[text, x0, x1]`. */
function line(cells: readonly [string, number, number][], lineNo = 0): OcrGlyph[] {
  const y0 = lineNo * 30;
  return cells.map(([text, x0, x1]) => ({ text, confidence: 0.96, x0, x1, y0: /[\u4e00-\u9fff]/u.test(text) ? y0 : y0 + 15, y1: y0 + 20 }));
}

describe('alignGlyphs', () => {
  it('places each glyph in the text without spaces, marks of either width alike, and stops where they part', () => {
    expect(alignGlyphs('维护：非', [{ text: '维' }, { text: ' ' }, { text: '护' }, { text: ':' }, { text: '非' }])).toEqual([0, undefined, 1, 2, 3]);
    expect(alignGlyphs('维护非', [{ text: '维' }, { text: 'X' }, { text: '护' }])).toEqual([0, undefined, undefined]);
  });
});

describe('punctuationWidth', () => {
  it('a mark filling an em between Chinese characters is full-width (`内容:非` read from `内容：非`)', () => {
    // 容 ends at 40, 非 starts at 60: 1.0 em.
    const glyphs = line([['内', 0, 19], ['容', 21, 40], [':', 43, 47], ['非', 60, 79]]);
    expect(punctuationWidth('内容:非', glyphs)).toBe('内容：非');
  });

  it('a mark in half an em or less is half-width (`运转，实现` read from `运转,实现`)', () => {
    const glyphs = line([['运', 0, 19], ['转', 21, 40], ['，', 41, 45], ['实', 47, 66], ['现', 68, 87]]);
    expect(punctuationWidth('运转，实现', glyphs)).toBe('运转,实现');
  });

  it('keeps a mark read at the right width, one between two numbers, one at the end of a line, and one in between', () => {
    expect(punctuationWidth('运转，实', line([['运', 0, 19], ['转', 21, 40], ['，', 41, 55], ['实', 60, 79]]))).toBe('运转，实');
    expect(punctuationWidth('1,000', line([['1', 0, 9], [',', 10, 13], ['0', 14, 23], ['0', 24, 33], ['0', 34, 43]]))).toBe('1,000');
    const wrapped = [...line([['运', 0, 19], ['转', 21, 40], [',', 41, 45]]), ...line([['实', 0, 19]], 1)];
    expect(punctuationWidth('运转,实', wrapped)).toBe('运转,实');
    // 0.5 em: neither clearly.
    expect(punctuationWidth('运转,实', line([['运', 0, 19], ['转', 21, 40], [',', 41, 45], ['实', 50, 69]]))).toBe('运转,实');
  });
});
