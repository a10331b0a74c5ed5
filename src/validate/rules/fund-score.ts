/**
 * `fund-score-mismatch`: the printed budget 得分 is not min(执行率, 1) × 分值 at its printed
 * precision, computed from the exact ratio or from the printed rate, rounded half up or
 * truncated (truncation alone gives `rounding-convention`). A form that prints no budget 得分
 * gets a `missing-field` warning; the total check then uses the computed score.
 */
import { finding } from '../../findings.js';
import { dec, precisionOf, printedMatch, roundHalfUp, show } from '../decimal.js';
import { fundScoreCandidates } from '../fund.js';
import type { Rule } from '../types.js';
import { at, raw } from '../where.js';

export const fundScore: Rule = ({ project, provenance }) => {
  const total = project.funds.total;
  if (!total) return [];
  const candidates = fundScoreCandidates(total);
  const path = 'funds.total.score';
  if (total.score === null) {
    const computed = candidates[0];
    return [
      finding(
        'missing-field',
        `预算执行得分未填列${computed ? `，按执行率计算为 ${show(roundHalfUp(computed, 2), 2)}` : ''} / the budget 得分 is not printed${computed ? `; computed ${show(roundHalfUp(computed, 2), 2)} is used for the total` : ''}`,
        { form: project.form, field: path, ...(computed ? { computed: show(roundHalfUp(computed, 2), 2) } : {}), ...pageOf(provenance) },
      ),
    ];
  }
  if (candidates.length === 0) return [];
  const dp = precisionOf(raw(provenance, path), total.score);
  const match = printedMatch(dec(total.score), dp, candidates);
  const where = { form: project.form, ...at(provenance, path), printed: raw(provenance, path) ?? String(total.score) };
  const expected = show(roundHalfUp(candidates[0] as typeof candidates[number], dp), dp);
  if (match === 'rounded') return [];
  if (match === 'truncated') {
    return [finding('rounding-convention', `预算执行得分 ${total.score} 为截断值（四舍五入应为 ${expected}）/ the budget score is truncated, not rounded`, { ...where, computed: expected })];
  }
  return [
    finding('fund-score-mismatch', `预算执行得分印为 ${total.score}，执行率 × 分值 = ${expected} / printed budget 得分 ${total.score} ≠ rate × weight = ${expected}`, {
      ...where,
      computed: expected,
    }),
  ];
};

function pageOf(provenance: Parameters<Rule>[0]['provenance']): { page?: number } {
  const p = provenance['funds.total.executionRate'] ?? provenance['funds.total.executed'];
  return p ? { page: p.page } : {};
}
