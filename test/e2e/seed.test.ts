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

  it('reports the seed label quirks as label-inconsistent, and nothing else', () => {
    const codes = result.forms.flatMap((f) => f.findings.map((x) => `${x.form}:${x.code}`));
    expect(new Set(codes)).toEqual(new Set(['4:label-inconsistent', '5:label-inconsistent']));
    // Form 5: 9 rows with swapped columns, 4 cost rows with no labels; form 4: one wrong 一级.
    expect(codes.filter((c) => c === '5:label-inconsistent')).toHaveLength(13);
    expect(codes.filter((c) => c === '4:label-inconsistent')).toHaveLength(1);
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
