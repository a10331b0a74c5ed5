/**
 * `total-mismatch`: the printed 总分 is not the budget 得分 plus the sum of the indicator
 * scores, at its printed precision. When the form prints no budget 得分, the computed one is
 * used, rounded or truncated at 1 or 2 decimals as forms do. Truncation alone gives
 * `rounding-convention`. A missing 得分 or 总分 leaves the total unchecked: a `missing-field`
 * warning names what is missing.
 */
import { finding } from '../../findings.js';
import type { Big } from '../decimal.js';
import { dec, precisionOf, printedMatch, roundHalfUp, show, truncate } from '../decimal.js';
import { fundScoreCandidates } from '../fund.js';
import type { Rule } from '../types.js';
import { indicatorValues, missingValues, uncheckedFinding } from '../unchecked.js';
import { at, raw } from '../where.js';

/** The form's last page: where the 总分 row is printed. */
function lastPage(project: { pages: number[] }): { page?: number } {
  const page = project.pages.at(-1);
  return page !== undefined ? { page } : {};
}

export const total: Rule = ({ project, provenance }) => {
  if (project.indicators.length === 0 && project.totalScore === null) return [];
  // A missing 得分 or 总分 (the model stage's finding names the cell) leaves the total unchecked.
  const missing = missingValues([{ path: 'totalScore', label: '总分 得分', value: project.totalScore, ...lastPage(project) }, ...indicatorValues(project, 'score')]);
  if (missing.length > 0) return [uncheckedFinding(project, provenance, ['总分', 'the total'], missing, 'totalScore')];
  if (project.totalScore === null) return [];
  const sum = project.indicators.reduce((s, i) => s.plus(dec(i.score as number)), dec(0));
  const fund = project.funds.total;
  let fundParts: Big[];
  if (fund?.score !== null && fund?.score !== undefined) fundParts = [dec(fund.score)];
  else fundParts = fundScoreCandidates(fund ?? null).flatMap((c) => [c, roundHalfUp(c, 2), truncate(c, 2), roundHalfUp(c, 1), truncate(c, 1)]);
  if (fundParts.length === 0) fundParts = [dec(0)];
  const candidates = fundParts.map((f) => sum.plus(f));
  const path = 'totalScore';
  const dp = precisionOf(raw(provenance, path), project.totalScore);
  const match = printedMatch(dec(project.totalScore), dp, candidates);
  const expected = show(roundHalfUp(candidates[0] as Big, dp), dp);
  const where = { form: project.form, ...at(provenance, path), printed: raw(provenance, path) ?? String(project.totalScore), computed: expected };
  if (match === 'rounded') return [];
  if (match === 'truncated') return [finding('rounding-convention', `总分 ${project.totalScore} 为截断值（四舍五入应为 ${expected}）/ the total is truncated, not rounded`, where)];
  return [
    finding('total-mismatch', `总分印为 ${project.totalScore}，各项得分合计为 ${expected} / printed total ${project.totalScore} ≠ sum of the scores ${expected}`, where),
  ];
};
