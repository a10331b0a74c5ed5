/**
 * OCR accuracy against the oracle, in the terms of the OCR issue: forms found, numeric cells
 * exact (分值, 得分, budget amounts, 执行率, 总分), indicator cells exact, and the cells that
 * still fail, by kind. Used by the scanned-seed tests and by scripts/ocr-accuracy.ts.
 */
import type { FormSpec } from '../../scripts/fixtures/spec.js';
import type { Project } from '../../src/model/types.js';
import type { CellDiff } from './oracle.js';
import { compareForm, formatDiffs } from './oracle.js';

/** Paths (after the form prefix) of the numeric cells. */
const NUMERIC_PATH = /(?:^|\.)(?:funds\.\w+\.(?:initialBudget|annualBudget|executed|weight|executionRate|score)|indicators\.\d+\.(?:weight|score)|totalWeight|totalScore)$/;

/** How many numeric cells a form has. */
export function numericCells(spec: FormSpec): number {
  const lines = (['fiscal', 'carryover', 'other'] as const).filter((k) => spec.funds[k] !== null).length;
  return 6 + 3 * lines + 2 * spec.indicators.length + 2;
}

/** A differing cell's kind: `target`, `executionRate`, `amount`, `goals`, `header`… */
export function cellKind(path: string): string {
  const field = path.split('.').at(-1) ?? path;
  if (/^(initialBudget|annualBudget|executed)$/.test(field)) return 'amount';
  if (/goals\./.test(path)) return 'goals';
  if (/^(projectName|department|implementer|year)$/.test(field)) return 'header';
  if (/^funds\.(fiscal|carryover|other)$/.test(path.split('.').slice(-2).join('.'))) return 'budget line';
  if (/indicators\.\d+$/.test(path) || field === 'length') return 'indicator row';
  return field;
}

export interface OcrScore {
  forms: number;
  formsFound: number;
  numericCells: number;
  numericWrong: number;
  indicatorCells: number;
  indicatorWrong: number;
  /** Failing cells per kind (`cellKind`). */
  byKind: Record<string, number>;
  diffs: CellDiff[];
}

export function scoreOcr(specs: readonly FormSpec[], projects: readonly (Project | undefined)[]): OcrScore {
  const score: OcrScore = { forms: specs.length, formsFound: 0, numericCells: 0, numericWrong: 0, indicatorCells: 0, indicatorWrong: 0, byKind: {}, diffs: [] };
  specs.forEach((spec, i) => {
    const project = projects[i];
    const cmp = compareForm(project, spec, `form ${i + 1}`);
    const numeric = numericCells(spec);
    score.numericCells += numeric;
    if (project) score.formsFound++;
    score.numericWrong += project ? cmp.diffs.filter((d) => NUMERIC_PATH.test(d.path)).length : numeric;
    score.indicatorCells += cmp.indicatorCells;
    score.indicatorWrong += cmp.indicatorCellsWrong;
    for (const d of cmp.diffs) {
      const kind = cellKind(d.path);
      score.byKind[kind] = (score.byKind[kind] ?? 0) + 1;
    }
    score.diffs.push(...cmp.diffs);
  });
  return score;
}

const percent = (right: number, total: number): string => `${total === 0 ? '—' : ((100 * right) / total).toFixed(2)} %`;

/** One line of figures, then the failing cells by kind, then the first diffs. */
export function formatOcrScore(label: string, s: OcrScore, maxDiffs = 40): string {
  const kinds = Object.entries(s.byKind)
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
  return [
    `${label}: forms ${s.formsFound}/${s.forms}, numeric cells ${s.numericCells - s.numericWrong}/${s.numericCells} = ${percent(s.numericCells - s.numericWrong, s.numericCells)}, ` +
      `indicator cells ${s.indicatorCells - s.indicatorWrong}/${s.indicatorCells} = ${percent(s.indicatorCells - s.indicatorWrong, s.indicatorCells)}`,
    `  failing cells by kind: ${kinds || 'none'}`,
    formatDiffs(s.diffs, maxDiffs),
  ].join('\n');
}
