/**
 * Scans of the families real scanners send, made by the simulator at test time
 * (`scripts/scans/profiles.ts`): a fit-to-width serif export scanned light and placed with
 * margins (`field`), the same fed sideways (image turned 90°), shown sideways by a /Rotate
 * attribute, and upside down. Two seed forms each, read by the OCR path against the seed
 * oracle. Floors as measured (200 dpi, issue 9): every form, every number, ≥ 99 % of the
 * indicator cells.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { FormSpec } from '../../scripts/fixtures/spec.js';
import { makeScan } from '../../scripts/scans/profiles.js';
import { convertFile } from '../../src/pipeline/convert-file.js';
import { createOcrProvider } from '../../src/pipeline/ocr-provider.js';
import { formatOcrScore, scoreOcr } from '../support/ocr-score.js';
import { SEED_ORACLE } from '../support/paths.js';

const oracle = JSON.parse(readFileSync(SEED_ORACLE, 'utf8')) as { forms: FormSpec[] };
const FORMS = [0, 2];
const dir = mkdtempSync(join(tmpdir(), 'jixiao-families-'));
const ocr = createOcrProvider({ workers: 2 });

afterAll(async () => {
  await ocr.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('scans of other scanners’ families (200 dpi)', () => {
  for (const profile of ['field', 'sideways-90', 'rotate-90', 'upside-down']) {
    it(`${profile}: every form and number, ≥ 99 % of indicator cells`, async () => {
      const path = join(dir, `${profile}.pdf`);
      writeFileSync(path, await makeScan(profile, 200, { forms: FORMS }));
      const result = await convertFile(path, `${profile}.pdf`, { ocr });
      const score = scoreOcr(FORMS.map((i) => oracle.forms[i] as FormSpec), result.forms.map((f) => f.project));
      console.log(formatOcrScore(profile, score, 5));
      expect(score.formsFound).toBe(FORMS.length);
      expect(score.numericWrong).toBe(0);
      expect(1 - score.indicatorWrong / score.indicatorCells).toBeGreaterThanOrEqual(0.99);
    });
  }
});
