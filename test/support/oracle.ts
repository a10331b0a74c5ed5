/**
 * Compare extracted projects with the fixture specs (the oracle): text after whitespace
 * normalization, numbers numerically. Returns every differing cell, so a failure lists them.
 */
import type { FormSpec } from '../../scripts/fixtures/spec.js';
import type { Project } from '../../src/model/types.js';

export interface CellDiff {
  path: string;
  expected: unknown;
  actual: unknown;
}

/** Whitespace removed except a single space between two ASCII letters/digits. */
export function normText(s: string | null | undefined): string {
  return (s ?? '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/(?<![A-Za-z0-9]) | (?![A-Za-z0-9])/g, '');
}

function sameNumber(a: number | null | undefined, b: number | null | undefined): boolean {
  if (a === null || a === undefined) return b === null || b === undefined;
  if (b === null || b === undefined) return false;
  return Math.abs(a - b) < 1e-9;
}

/** The indicator cells the accuracy figure counts. */
export const INDICATOR_FIELDS = ['level1', 'level2', 'name', 'target', 'actual', 'weight', 'score', 'note', 'printed'] as const;

export interface FormComparison {
  diffs: CellDiff[];
  indicatorCells: number;
  indicatorCellsWrong: number;
}

export function compareForm(project: Project | undefined, spec: FormSpec, where: string): FormComparison {
  const diffs: CellDiff[] = [];
  const text = (path: string, exp: string | null | undefined, act: string | null | undefined): void => {
    if (normText(exp) !== normText(act)) diffs.push({ path: `${where}.${path}`, expected: exp, actual: act });
  };
  const num = (path: string, exp: number | null | undefined, act: number | null | undefined): void => {
    if (!sameNumber(exp, act)) diffs.push({ path: `${where}.${path}`, expected: exp, actual: act });
  };
  const indicatorCells = spec.indicators.length * INDICATOR_FIELDS.length;
  if (!project) {
    diffs.push({ path: where, expected: 'a form', actual: 'none' });
    return { diffs, indicatorCells, indicatorCellsWrong: indicatorCells };
  }
  num('year', spec.year, project.year);
  text('projectName', spec.projectName, project.projectName);
  text('department', spec.department, project.department);
  text('implementer', spec.implementer, project.implementer);
  const t = project.funds.total;
  num('funds.total.initialBudget', spec.funds.total.initialBudget, t?.initialBudget);
  num('funds.total.annualBudget', spec.funds.total.annualBudget, t?.annualBudget);
  num('funds.total.executed', spec.funds.total.executed, t?.executed);
  num('funds.total.weight', spec.funds.total.weight, t?.weight);
  text('funds.total.executionRate', spec.funds.total.executionRate, t?.executionRate);
  num('funds.total.score', spec.funds.total.score, t?.score);
  for (const key of ['fiscal', 'carryover', 'other'] as const) {
    const e = spec.funds[key];
    const a = project.funds[key];
    if (e === null || a === null) {
      if (e !== a) diffs.push({ path: `${where}.funds.${key}`, expected: e, actual: a });
      continue;
    }
    num(`funds.${key}.initialBudget`, e.initialBudget, a.initialBudget);
    num(`funds.${key}.annualBudget`, e.annualBudget, a.annualBudget);
    num(`funds.${key}.executed`, e.executed, a.executed);
  }
  text('goals.expected', spec.goals.expected, project.goals.expected);
  text('goals.actual', spec.goals.actual, project.goals.actual);
  num('totalWeight', spec.totalWeight, project.totalWeight);
  num('totalScore', spec.totalScore, project.totalScore);
  if (spec.layout.noteColumn !== project.layout.noteColumn) diffs.push({ path: `${where}.layout.noteColumn`, expected: spec.layout.noteColumn, actual: project.layout.noteColumn });
  if (spec.layout.fundScoreColumn !== project.layout.fundScoreColumn) {
    diffs.push({ path: `${where}.layout.fundScoreColumn`, expected: spec.layout.fundScoreColumn, actual: project.layout.fundScoreColumn });
  }

  let wrong = 0;
  const n = Math.max(spec.indicators.length, project.indicators.length);
  if (spec.indicators.length !== project.indicators.length) {
    diffs.push({ path: `${where}.indicators.length`, expected: spec.indicators.length, actual: project.indicators.length });
  }
  for (let i = 0; i < n; i++) {
    const e = spec.indicators[i];
    const a = project.indicators[i];
    const at = `indicators.${i}`;
    if (!e || !a) {
      wrong += INDICATOR_FIELDS.length;
      diffs.push({ path: `${where}.${at}`, expected: e?.name, actual: a?.name });
      continue;
    }
    const before = diffs.length;
    text(`${at}.level1`, e.level1, a.level1);
    text(`${at}.level2`, e.level2, a.level2);
    text(`${at}.name`, e.name, a.name);
    text(`${at}.target`, e.target, a.target);
    text(`${at}.actual`, e.actual, a.actual);
    num(`${at}.weight`, e.weight, a.weight);
    num(`${at}.score`, e.score, a.score);
    text(`${at}.note`, e.note, a.note);
    const ep = e.printed ?? {};
    const ap = a.printed ?? {};
    if (normText(ep.level1 ?? null) !== normText(ap.level1 ?? null) || normText(ep.level2 ?? null) !== normText(ap.level2 ?? null) ||
        (ep.level1 === undefined) !== (ap.level1 === undefined) || (ep.level2 === undefined) !== (ap.level2 === undefined)) {
      diffs.push({ path: `${where}.${at}.printed`, expected: e.printed, actual: a.printed });
    }
    wrong += diffs.length - before;
  }
  return { diffs, indicatorCells, indicatorCellsWrong: wrong };
}

export function formatDiffs(diffs: readonly CellDiff[], max = 60): string {
  const lines = diffs.slice(0, max).map((d) => `  ${d.path}: expected ${JSON.stringify(d.expected)}, got ${JSON.stringify(d.actual)}`);
  if (diffs.length > max) lines.push(`  … and ${diffs.length - max} more`);
  return lines.join('\n');
}

/** Accuracy of a converted corpus against its oracle (files → forms in order). */
export interface CorpusScore {
  forms: number;
  formsFound: number;
  indicatorCells: number;
  indicatorCellsWrong: number;
  diffs: CellDiff[];
  /** Files with more forms than the oracle has. */
  extraForms: string[];
}

export function scoreCorpus(
  oracleFiles: readonly { file: string; forms: FormSpec[] }[],
  results: readonly { file: string; forms: readonly { project: Project }[] }[],
  prefix = '',
): CorpusScore {
  const byFile = new Map(results.map((r) => [`${prefix}${r.file}`, r]));
  const score: CorpusScore = { forms: 0, formsFound: 0, indicatorCells: 0, indicatorCellsWrong: 0, diffs: [], extraForms: [] };
  for (const file of oracleFiles) {
    const result = byFile.get(file.file);
    if (result && result.forms.length > file.forms.length) score.extraForms.push(`${file.file}: ${result.forms.length} forms, expected ${file.forms.length}`);
    file.forms.forEach((spec, i) => {
      score.forms++;
      const project = result?.forms[i]?.project;
      if (project) score.formsFound++;
      const cmp = compareForm(project, spec, `${file.file}#${i + 1}`);
      score.indicatorCells += cmp.indicatorCells;
      score.indicatorCellsWrong += cmp.indicatorCellsWrong;
      score.diffs.push(...cmp.diffs);
    });
  }
  return score;
}

export function accuracy(score: CorpusScore): number {
  return score.indicatorCells === 0 ? 0 : (score.indicatorCells - score.indicatorCellsWrong) / score.indicatorCells;
}
