/**
 * `total-mismatch`: the printed 总分 is not the budget 得分 plus the sum of the indicator
 * scores, at its printed precision. When the form prints no budget 得分, the computed one is
 * used, rounded or truncated at 1 or 2 decimals as forms do. Truncation alone gives
 * `rounding-convention`.
 */
import { finding } from '../../findings.js';
import type { Big } from '../decimal.js';
import { dec, precisionOf, printedMatch, roundHalfUp, show, truncate } from '../decimal.js';
import { fundScoreCandidates } from '../fund.js';
import type { Rule } from '../types.js';
import { at, raw } from '../where.js';

export const total: Rule = ({ project, provenance }) => {
  if (project.totalScore === null || project.indicators.some((i) => i.score === null)) return [];
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
