/**
 * Field acceptance: five files of the field set (fixtures/field/README.md: made by other
 * software than ours — a spreadsheet export, a Chromium print, scans of exports) converted
 * through the library as the CLI converts them (OCR on), scored with score.ts, the port of the
 * field set's score.py. The whole field set: `npm run eval:field`.
 *
 * The digital files are held to the mark: every form found, every indicator cell exact. The
 * other figures are floors — what the pipeline measures today (4 Dec 2026), not the bar: issue
 * 9's bar is higher. A floor rises as the bar is met; it is never lowered to make a run pass.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertFolder, fieldReport } from '../../scripts/field/report.js';
import type { FieldReport, FileFigures } from '../../scripts/field/report.js';
import { loadTruth } from '../../scripts/field/score.js';
import { FIXTURES } from '../support/paths.js';

const FIELD = `${FIXTURES}field/`;
/** Five pages, two of them scans (about 7 s each with OCR on two cores), with room to spare. */
const TIMEOUT = 300_000;

let out: string;
let report: FieldReport;

beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'jixiao-field-'));
  const truth = await loadTruth(`${FIELD}truth.json`);
  const { results, rows } = await convertFolder(FIELD, out);
  report = fieldReport(truth, rows, results);
}, TIMEOUT);

afterAll(async () => {
  if (out) await rm(out, { recursive: true, force: true });
});

function file(name: string): FileFigures {
  const f = report.files.find((x) => x.file === name);
  if (!f) throw new Error(`${name} is not in fixtures/field/truth.json`);
  return f;
}

const ratio = ([a, b]: [number, number]): number => a / b;

describe('field fixtures, scored as score.py scores them', () => {
  it('scores every file of the truth and converts each of them', () => {
    expect(report.files.map((f) => f.file)).toEqual(['field-01.pdf', 'field-01-scan.pdf', 'field-03.pdf', 'field-05-scan.pdf', 'field-web.pdf']);
    expect(report.files.filter((f) => f.missing)).toEqual([]);
  });

  it('digital files: every form found and every indicator cell exact', () => {
    expect(report.metrics.forms_digital).toBe(1);
    expect(report.metrics.cells_digital).toBe(1);
    for (const name of ['field-01.pdf', 'field-03.pdf', 'field-web.pdf']) {
      const f = file(name);
      expect(f.forms, name).toEqual([f.forms[1], f.forms[1]]);
      expect(f.indCells[0], name).toBe(f.indCells[1]);
    }
    expect(report.kinds.digital?.forms).toEqual([4, 4]);
    expect(report.kinds.digital?.indCells).toEqual([264, 264]);
  });

  it('digital files: every project field and numeric cell exact (as today)', () => {
    for (const name of ['field-01.pdf', 'field-03.pdf', 'field-web.pdf']) {
      expect(ratio(file(name).numCells), name).toBe(1);
      expect(ratio(file(name).projectFields), name).toBe(1);
    }
    expect(report.extra.num_cells_digital).toBe(1);
    expect(report.kinds.digital?.numCells).toEqual([120, 120]);
  });

  it('digital files: every planted anomaly flagged, no false error on a clean form', () => {
    const digitalFails = report.fails.filter((f) => !f.includes('scan'));
    expect(digitalFails.filter((f) => f.includes('anomaly not flagged'))).toEqual([]);
    expect(report.metrics.clean_forms).toBe(1);
  });

  // Scans: every form found; cells at the floors measured when the OCR read them with both
  // recognizers, seals erased (issue 9's bar: ≥ 97 % of indicator cells, ≥ 99 % of numbers at
  // 200 and 300 dpi). field-01-scan (200 dpi, gray) reads exactly; field-05-scan (200 dpi,
  // gray seal) misses one 分值 where the seal's star crosses its `1`.
  it('scans: every form found, the cells at their floors', () => {
    expect(report.metrics.forms_scan).toBe(1);
    for (const name of ['field-01-scan.pdf', 'field-05-scan.pdf']) expect(file(name).forms, name).toEqual([1, 1]);
    const one = file('field-01-scan.pdf');
    expect(one.indCells[0], 'field-01-scan indicator cells').toBe(one.indCells[1]);
    expect(one.numCells[0], 'field-01-scan numeric cells').toBe(one.numCells[1]);
    const five = file('field-05-scan.pdf');
    expect(five.indCells[1] - five.indCells[0], 'field-05-scan indicator cells wrong').toBeLessThanOrEqual(1);
    expect(five.numCells[1] - five.numCells[0], 'field-05-scan numeric cells wrong').toBeLessThanOrEqual(1);
  });

  it('the python-compatible summary line lists score.py’s metrics in its order', () => {
    expect(report.summary.split(' ').map((kv) => kv.split('=')[0])).toEqual([
      'forms', 'forms_exact', 'project_fields', 'goals', 'rows', 'ind_cells', 'num_cells', 'levels', 'anomalies', 'bad_files', 'clean_forms',
      'cells_digital', 'forms_digital', 'cells_scan', 'forms_scan',
    ]);
    expect(report.summary).toContain(' bad_files=None ');
    expect(Object.keys(report.extra)).toEqual(['num_cells_digital', 'num_cells_scan']);
  });
});
