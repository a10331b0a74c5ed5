/**
 * The comparison sign found from its shape, on cells rendered in a sans and a serif CJK font
 * at scan resolutions (blurred a little, as a scan is).
 */
import { describe, expect, it } from 'vitest';
import { renderCell } from '../support/render-cell.js';
import { blankColumns, glyphColumns, inkComponents, signAtStart } from '../../src/ocr/target-cell.js';

describe('signAtStart', () => {
  for (const family of ['sans', 'serif'] as const) {
    for (const dpi of [150, 200, 300]) {
      it(`finds ≥, ≤ and = opening a target (${family}, ${dpi} dpi)`, () => {
        for (const [text, sign] of [['≥1个', '≥'], ['≥99.5%', '≥'], ['≤20分钟', '≤'], ['≤2%', '≤'], ['=3条', '=']] as const) {
          const crop = renderCell(text, family, dpi);
          expect(signAtStart(crop, crop.lineHeight)?.sign, `${text} ${family} ${dpi}`).toBe(sign);
        }
      });

      it(`finds no sign where there is none (${family}, ${dpi} dpi)`, () => {
        for (const text of ['2100%', '1个', 'Z11', '优', '正常运转', '7', '≥', '之1个', '二级指标']) {
          const crop = renderCell(text, family, dpi);
          expect(signAtStart(crop, crop.lineHeight), `${text} ${family} ${dpi}`).toBeUndefined();
        }
      });
    }
  }

  it('ends the sign halfway to the next glyph, and blanking it leaves the rest as it was', () => {
    const crop = renderCell('≥30年', 'sans', 200);
    const sign = signAtStart(crop, crop.lineHeight);
    expect(sign?.sign).toBe('≥');
    const columns = glyphColumns(inkComponents(crop), 2);
    const end = (k: number): number => Math.max(...(columns[k] ?? []).map((c) => c.x1));
    const start = (k: number): number => Math.min(...(columns[k] ?? []).map((c) => c.x0));
    expect(sign?.x1).toBeGreaterThan(end(0));
    expect(sign?.x1).toBeLessThan(start(1));
    const rest = blankColumns(crop, 0, sign?.x1 ?? 0);
    expect(glyphColumns(inkComponents(rest), 2)).toHaveLength(columns.length - 1);
    expect(rest.data.subarray(0, rest.width * rest.height).some((v, i) => v !== crop.data[i] && i % rest.width >= (sign?.x1 ?? 0))).toBe(false);
  });
});

describe('inkComponents and glyphColumns', () => {
  it('counts 8-connected components and groups those that overlap horizontally', () => {
    // Two stacked strokes (one column), then a diagonal (8-connected, one component).
    const W = 12;
    const rows = ['###.........', '............', '###.....#...', '.........#..', '..........#.'];
    const data = new Uint8Array(rows.join('').split('').map((c) => (c === '#' ? 0 : 255)));
    const components = inkComponents({ width: W, height: rows.length, data });
    expect(components).toHaveLength(3);
    expect(glyphColumns(components, 1).map((c) => c.length)).toEqual([2, 1]);
  });
});
