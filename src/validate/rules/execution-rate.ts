/**
 * `execution-rate-mismatch`: the printed 执行率 is not 全年执行数 / 全年预算数 at its printed
 * precision (rounded half up or truncated; truncation alone gives `rounding-convention`).
 * A figure missing on the 年度资金总额 line leaves the rate unchecked: a `missing-field`
 * warning names it (the model stage's finding names the blank cell).
 */
import { finding } from '../../findings.js';
import { dec, precisionOf, printedMatch, roundHalfUp, show } from '../decimal.js';
import { exactRate } from '../fund.js';
import type { Rule } from '../types.js';
import { budgetValues, missingValues, uncheckedFinding } from '../unchecked.js';
import { at, raw } from '../where.js';

export const executionRate: Rule = ({ project, provenance }) => {
  const total = project.funds.total;
  const rate = exactRate(total);
  if (!total) return [];
  const missing = missingValues(budgetValues(project, ['annualBudget', 'executed', 'executionRatePercent']));
  if (missing.length > 0) return [uncheckedFinding(project, provenance, ['执行率', 'the execution rate'], missing, 'funds.total.executionRate')];
  if (rate === null || total.executionRatePercent === null) return [];
  const path = 'funds.total.executionRate';
  const printed = dec(total.executionRatePercent);
  const dp = precisionOf(raw(provenance, path), total.executionRatePercent);
  const percent = rate.times(100);
  const match = printedMatch(printed, dp, [percent]);
  const where = { form: project.form, ...at(provenance, path), printed: total.executionRate };
  if (match === 'rounded') return [];
  if (match === 'truncated') {
    return [
      finding('rounding-convention', `执行率 ${total.executionRate} 为截断值（四舍五入应为 ${show(roundHalfUp(percent, dp), dp)}%）/ the printed rate is truncated, not rounded`, {
        ...where,
        computed: `${show(percent.round(6))}%`,
      }),
    ];
  }
  // exactRate() is non-null only when both amounts are present.
  const ratio = `${total.executed as number}/${total.annualBudget as number}`;
  const expected = `${show(roundHalfUp(percent, dp), dp)}%`;
  return [
    finding(
      'execution-rate-mismatch',
      `执行率印为 ${total.executionRate}，全年执行数/全年预算数 = ${ratio} = ${expected} / printed 执行率 ${total.executionRate} ≠ executed / annual budget = ${expected}`,
      { ...where, computed: expected },
    ),
  ];
};
