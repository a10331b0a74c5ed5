/**
 * The validator on the synthetic corpus, whose generator planted anomalies of every error and
 * warning code into a share of the forms and recorded, per form, the findings a perfect
 * validator reports (`layout.expectedFindings`).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { SyntheticOracle } from '../../scripts/fixtures/spec.js';
import { convertBatch } from '../../src/pipeline/convert-batch.js';
import type { Finding } from '../../src/findings.js';
import { FINDING_KINDS } from '../../src/findings.js';
import { SAMPLES, SYNTHETIC_ORACLE } from '../support/paths.js';

const oracle = JSON.parse(readFileSync(SYNTHETIC_ORACLE, 'utf8')) as SyntheticOracle;

describe('validator on the synthetic corpus', async () => {
  const results = await convertBatch(`${SAMPLES}synthetic`, { concurrency: 2 });
  const byFile = new Map(results.map((r) => [`synthetic/${r.file}`, r]));

  const missed: string[] = [];
  const falseErrors: string[] = [];
  let planted = 0;
  let cleanForms = 0;
  const plantedCodes = new Set<string>();
  for (const file of oracle.files) {
    file.forms.forEach((spec, i) => {
      const expected = spec.layout.expectedFindings ?? [];
      const found: Finding[] = byFile.get(file.file)?.forms[i]?.findings ?? [];
      const where = `${file.file}#${i + 1}`;
      for (const e of expected) {
        planted++;
        plantedCodes.add(e.code);
        const hit = found.some((f) => f.code === e.code && (e.indicator === undefined || f.indicator === e.indicator));
        if (!hit) missed.push(`${where}: ${e.code}${e.indicator ? ` #${e.indicator}` : ''} not found`);
      }
      const expectsError = expected.some((e) => FINDING_KINDS[e.code as keyof typeof FINDING_KINDS]?.severity === 'error');
      if (!expectsError) {
        cleanForms++;
        for (const f of found.filter((x) => x.severity === 'error')) falseErrors.push(`${where}: ${f.code} ${f.message}`);
      }
    });
  }
  const recall = planted === 0 ? 0 : (planted - missed.length) / planted;
  console.log(
    `validator: ${planted - missed.length}/${planted} planted findings found (${(recall * 100).toFixed(1)} %), ${falseErrors.length} error findings on ${cleanForms} forms without an arithmetic anomaly`,
  );

  it('plants every error and warning code the arithmetic and the labels can produce', () => {
    for (const code of ['total-mismatch', 'score-above-weight', 'execution-rate-mismatch', 'fund-score-mismatch', 'weights-not-100', 'target-missed-full-score', 'suspicious-target', 'label-inconsistent']) {
      expect(plantedCodes, code).toContain(code);
    }
  });

  it('finds 100 % of the planted anomalies with the right code and indicator', () => {
    expect(missed).toEqual([]);
  });

  it('reports no error on the forms without an arithmetic anomaly', () => {
    expect(falseErrors).toEqual([]);
  });
});
