/**
 * Text layers as other exporters write them (fixtures/office/wrapped, made by
 * scripts/office/make-wrapped-fixtures.ts): LibreOffice Calc exports with fixed row heights
 * shorter than their wrapped text — 二级 labels of 2–3 lines and header suffixes （A）/（B）/
 * （B/A） over the row borders, clipped to their cells or not — and a budget 得分 column beyond
 * the table's last rule. Every form, field and cell equal to its spec, exactly the planted findings.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FormSpec } from '../../scripts/fixtures/spec.js';
import { convertBatch } from '../../src/pipeline/convert-batch.js';
import { formatDiffs, scoreCorpus } from '../support/oracle.js';
import { FIXTURES } from '../support/paths.js';

const oracle = JSON.parse(readFileSync(`${FIXTURES}oracle/office.json`, 'utf8')) as { files: { file: string; forms: FormSpec[] }[] };
const files = oracle.files.filter((f) => f.file.startsWith('wrapped/'));

describe('office exports with wrapped text over fixed rows, clips and unruled columns', async () => {
  const results = await convertBatch(`${FIXTURES}office/wrapped`, { concurrency: 2 });
  const score = scoreCorpus(files, results, 'wrapped/');

  it('covers the families: clipped and unclipped files, an unruled 得分 column, planted arithmetic errors', () => {
    expect(files.map((f) => f.file).sort()).toEqual(results.map((r) => `wrapped/${r.file}`).sort());
    expect(files.length).toBeGreaterThanOrEqual(4);
    expect(files.flatMap((f) => f.forms.flatMap((s) => (s.layout.expectedFindings ?? []).map((e) => e.code))).sort()).toEqual([
      'execution-rate-mismatch',
      'total-mismatch',
      'total-mismatch',
      'total-mismatch',
    ]);
  });

  it('reads every form, field and indicator cell as its spec', () => {
    expect(score.formsFound).toBe(score.forms);
    expect(score.extraForms).toEqual([]);
    expect(score.diffs, formatDiffs(score.diffs)).toEqual([]);
  });

  it('reports exactly the planted findings', () => {
    const byFile = new Map(results.map((r) => [`wrapped/${r.file}`, r]));
    for (const file of files) {
      const result = byFile.get(file.file);
      expect(result?.findings, file.file).toEqual([]);
      file.forms.forEach((spec, i) => {
        const found = (result?.forms[i]?.findings ?? []).map((f) => `${f.code}:${f.field ?? ''}`).sort();
        const planted = (spec.layout.expectedFindings ?? []).map((e) => `${e.code}:${e.field ?? ''}`).sort();
        expect(found, `${file.file}#${i + 1}`).toEqual(planted);
      });
    }
  });
});
