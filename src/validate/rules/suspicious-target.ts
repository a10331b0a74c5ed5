/**
 * `suspicious-target`: a target that is always met (`≥0个`, `>0`) or a rate no one can reach
 * (`≥400%`): the self-evaluation cannot fail on it.
 */
import { finding } from '../../findings.js';
import type { Rule } from '../types.js';
import { at } from '../where.js';

export const suspiciousTarget: Rule = ({ project, provenance }) =>
  project.indicators.flatMap((i, k) => {
    const t = i.targetParsed;
    if (t.value === null) return [];
    const always = (t.op === '≥' && t.value <= 0) || (t.op === '>' && t.value < 0);
    const impossible = t.unit === '%' && t.value > 100 && (t.op === '≥' || t.op === '>' || t.op === '=' || t.op === '');
    if (!always && !impossible) return [];
    const why = always ? '恒能达到 / always met' : '比率超过 100% / a rate above 100 %';
    return [
      finding('suspicious-target', `${i.name}：指标值 ${i.target} ${why}`, {
        form: project.form,
        indicator: i.seq,
        ...at(provenance, `indicators.${k}.target`),
        printed: i.target,
      }),
    ];
  });
