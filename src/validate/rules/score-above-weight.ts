/**
 * `score-above-weight`: an indicator's (or the budget line's) 得分 is above its 分值.
 */
import type { Finding } from '../../findings.js';
import { finding } from '../../findings.js';
import { dec } from '../decimal.js';
import type { Rule } from '../types.js';
import { at } from '../where.js';

export const scoreAboveWeight: Rule = ({ project, provenance }) => {
  const out: Finding[] = [];
  for (const [k, i] of project.indicators.entries()) {
    if (i.score === null || i.weight === null || !dec(i.score).gt(dec(i.weight))) continue;
    out.push(
      finding('score-above-weight', `${i.name}：得分 ${i.score} 高于分值 ${i.weight} / score ${i.score} above its weight ${i.weight}`, {
        form: project.form,
        indicator: i.seq,
        ...at(provenance, `indicators.${k}.score`),
        printed: String(i.score),
        computed: `≤ ${i.weight}`,
      }),
    );
  }
  const fund = project.funds.total;
  if (fund?.score != null && fund.weight !== null && dec(fund.score).gt(dec(fund.weight))) {
    out.push(
      finding('score-above-weight', `预算执行得分 ${fund.score} 高于分值 ${fund.weight} / the budget score is above its weight`, {
        form: project.form,
        ...at(provenance, 'funds.total.score'),
        printed: String(fund.score),
        computed: `≤ ${fund.weight}`,
      }),
    );
  }
  return out;
};
