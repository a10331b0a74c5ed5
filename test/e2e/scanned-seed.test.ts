/**
 * The OCR issue's bar on the seed document scanned at test time (scripts/scans/scan.ts, the
 * seeds of make-scans.ts): at 200 and 300 dpi every form found, ≥ 99 % of numeric cells and
 * ≥ 97 % of indicator cells exact, and no error in a scanned form that the digital form does
 * not have. 150 dpi is printed only. The figures per dpi are printed with the test run.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FormSpec } from '../../scripts/fixtures/spec.js';
import type { Finding } from '../../src/findings.js';
import { convertFile } from '../../src/pipeline/convert-file.js';
import { createOcrProvider } from '../../src/pipeline/ocr-provider.js';
import type { FileResult } from '../../src/pipeline/types.js';
import { formatOcrScore, scoreOcr } from '../support/ocr-score.js';
import type { OcrScore } from '../support/ocr-score.js';
import { SEED_ORACLE, SEED_PDF } from '../support/paths.js';
import { SCAN_SEED, scanFolder } from '../support/scans.js';
import type { ScanFolder } from '../support/scans.js';

const oracle = JSON.parse(readFileSync(SEED_ORACLE, 'utf8')) as { forms: FormSpec[] };
const WORKERS = 2;
/** OCR takes 3–4 s a page on two cores: 18 pages, plus the scan itself, with room to spare. */
const TIMEOUT = 600_000;

const ocr = createOcrProvider({ workers: WORKERS });
let folder: ScanFolder;
let digital: FileResult;

beforeAll(async () => {
  folder = await scanFolder('jixiao-scanned-seed-');
  digital = await convertFile(SEED_PDF, 'fengtai-2024.pdf');
});

afterAll(async () => {
  await ocr.close();
  await folder?.remove();
});

const errorKey = (f: Finding): string => `${f.code} field=${f.field ?? '-'} indicator=${f.indicator ?? '-'}`;

/**
 * Error findings of the scanned file that the digital file does not have: per form (by its
 * position), by code + field + indicator; and errors about the file itself (a page not read).
 */
function newErrors(scanned: FileResult, text: FileResult): string[] {
  const errors = (findings: readonly Finding[]): Finding[] => findings.filter((f) => f.severity === 'error' && f.code !== 'low-confidence');
  const extra = (where: string, scan: readonly Finding[], twin: readonly Finding[]): string[] => {
    const known = new Set(errors(twin).map(errorKey));
    return errors(scan)
      .filter((f) => !known.has(errorKey(f)))
      .map((f) => `${where}: ${errorKey(f)} — ${f.message}`);
  };
  return [
    ...extra('file', scanned.findings, text.findings),
    ...scanned.forms.flatMap((form, i) => extra(`form ${i + 1}`, form.findings, text.forms[i]?.findings ?? [])),
  ];
}

/** Scan the seed at `dpi`, convert it with OCR, print the figures. */
async function convertScan(dpi: number): Promise<{ result: FileResult; score: OcrScore; errors: string[] }> {
  const { path, seconds: scanSeconds } = await folder.scanSeed(`seed-${dpi}.pdf`, { dpi, seed: `${SCAN_SEED}/seed-${dpi}` });
  const started = performance.now();
  const result = await convertFile(path, `seed-${dpi}.pdf`, { ocr });
  const seconds = (performance.now() - started) / 1000;
  const score = scoreOcr(oracle.forms, result.forms.map((f) => f.project));
  const errors = newErrors(result, digital);
  console.log(
    `${formatOcrScore(`seed scanned at ${dpi} dpi`, score)}\n` +
      `  errors the digital forms have not: ${errors.length ? `\n    ${errors.join('\n    ')}` : 'none'}\n` +
      `  ${(seconds / Math.max(1, result.pageCount)).toFixed(2)} s/page over ${result.pageCount} pages (${WORKERS} workers, ${seconds.toFixed(1)} s), scan made in ${scanSeconds.toFixed(1)} s`,
  );
  return { result, score, errors };
}

const ratio = (wrong: number, total: number): number => (total - wrong) / total;

describe('the seed document scanned (OCR)', () => {
  it('the digital twin: 15 forms', () => {
    expect(digital.forms).toHaveLength(oracle.forms.length);
  });

  for (const dpi of [200, 300]) {
    it(
      `${dpi} dpi: every form found, ≥ 99 % of numeric and ≥ 97 % of indicator cells exact, no error the digital form has not`,
      async () => {
        const { result, score, errors } = await convertScan(dpi);
        expect.soft(result.forms.length, 'forms found (no extra ones)').toBe(oracle.forms.length);
        expect.soft(score.formsFound, 'forms found').toBe(oracle.forms.length);
        expect.soft(ratio(score.numericWrong, score.numericCells), 'numeric cells exact').toBeGreaterThanOrEqual(0.99);
        expect.soft(ratio(score.indicatorWrong, score.indicatorCells), 'indicator cells exact').toBeGreaterThanOrEqual(0.97);
        expect.soft(errors, 'errors the digital form does not have').toEqual([]);
      },
      TIMEOUT,
    );
  }

  it(
    '150 dpi: converted (figures printed only)',
    async () => {
      const { result } = await convertScan(150);
      expect(result.error).toBeUndefined();
      expect(result.pageCount).toBe(digital.pageCount);
    },
    TIMEOUT,
  );
});
