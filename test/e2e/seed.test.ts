/**
 * The 15-form seed document converts to exactly fixtures/oracle/seed-forms.json.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FormSpec } from '../../scripts/fixtures/spec.js';
import { convertFile } from '../../src/pipeline/convert-file.js';
import { compareForm, formatDiffs } from '../support/oracle.js';
import { SEED_ORACLE, SEED_PDF, SEED_SINGLE } from '../support/paths.js';

const oracle = JSON.parse(readFileSync(SEED_ORACLE, 'utf8')) as { forms: FormSpec[] };

describe('seed document (15 forms in one PDF)', async () => {
  const result = await convertFile(SEED_PDF, 'fengtai-2024.pdf');

  it('finds all 15 forms and 203 indicators, and reads every page', () => {
    expect(result.status).toBe('success');
    expect(result.findings).toEqual([]);
    expect(result.forms).toHaveLength(15);
    expect(result.forms.reduce((n, f) => n + f.project.indicators.length, 0)).toBe(203);
  });

  it('reads every project field and indicator cell as the oracle has it', () => {
    const diffs = oracle.forms.flatMap((spec, i) => compareForm(result.forms[i]?.project, spec, `form ${i + 1}`).diffs);
    expect(diffs, `cells that differ:\n${formatDiffs(diffs)}`).toEqual([]);
  });

  it('joins forms continued over a page break (forms 5, 6, 7 each span two pages)', () => {
    for (const i of [4, 5, 6]) expect(result.forms[i]?.project.pages).toHaveLength(2);
    for (const i of [0, 1, 2, 3, 7, 8, 9, 10, 11, 12, 13, 14]) expect(result.forms[i]?.project.pages).toHaveLength(1);
  });

  it('reports exactly the known findings of DOMAIN.md, and no error: the seed has no arithmetic error', () => {
    const all = result.forms.flatMap((f) => f.findings);
    expect(all.filter((x) => x.severity === 'error')).toEqual([]);
    const warnings = all
      .filter((x) => x.severity === 'warning')
      .map((x) => `${x.form}:${x.code}${x.indicator ? `#${x.indicator}` : ''}${x.code === 'missing-field' ? `:${x.field}` : ''}`);
    const swappedOrMissing = [...Array.from({ length: 9 }, (_, i) => i + 1), 20, 21, 22, 23].map((i) => `5:label-inconsistent#${i}`);
    expect(warnings.sort()).toEqual(
      [
        '3:target-missed-full-score#4', // 数据维护数量 40000 < 400000, full score
        '4:label-inconsistent#10', // 满意度指标 printed over a cost row
        '4:suspicious-target#2', // ≥0个
        '5:missing-field:funds.total.score', // no budget 得分 column
        '5:target-missed-full-score#4', // 数据维护数量 6 < 500000, full score
        ...swappedOrMissing, // swapped label columns, unlabelled cost rows
        '9:suspicious-target#3', // ≥400%
      ].sort(),
    );
    // Infos only of the kinds that apply to the seed.
    expect(new Set(all.filter((x) => x.severity === 'info').map((x) => x.code))).toEqual(new Set(['rounding-convention', 'formulaic-actuals']));
  });

  it('keeps provenance for every indicator score: page, box, text source and raw text', () => {
    const form5 = result.forms[4];
    expect(form5).toBeDefined();
    const last = form5!.project.indicators.length - 1;
    const p = form5!.provenance[`indicators.${last}.score`];
    expect(p?.page).toBe(form5!.project.pages[1]);
    expect(p?.source).toBe('text');
    expect(p?.raw).toBe('3');
    expect(p!.bbox.x1).toBeGreaterThan(p!.bbox.x0);
  });
});

describe('seed forms one per file', () => {
  it.each(oracle.forms.map((spec, i) => [i + 1, spec] as const))('form %i converts to its oracle', async (n, spec) => {
    const name = `form-${String(n).padStart(2, '0')}.pdf`;
    const result = await convertFile(`${SEED_SINGLE}${name}`, name);
    expect(result.forms).toHaveLength(1);
    const { diffs } = compareForm(result.forms[0]?.project, spec, name);
    expect(diffs, formatDiffs(diffs)).toEqual([]);
  });
});
