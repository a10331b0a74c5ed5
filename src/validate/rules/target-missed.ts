/**
 * `target-missed-full-score`: the actual misses a numeric target (`met` is false: same or
 * convertible units, see model/values.ts `isMet`), yet 得分 = 分值.
 */
import { finding } from '../../findings.js';
import { dec } from '../decimal.js';
import type { Rule } from '../types.js';
import { at } from '../where.js';

export const targetMissedFullScore: Rule = ({ project, provenance }) =>
  project.indicators.flatMap((i, k) => {
    if (i.met !== false || i.score === null || i.weight === null || !dec(i.score).eq(dec(i.weight))) return [];
    return [
      finding(
        'target-missed-full-score',
        `${i.name}：实际完成值 ${i.actual} 未达到指标值 ${i.target}，却得满分 ${i.score} / the actual ${i.actual} misses the target ${i.target}, yet the full score ${i.score}`,
        { form: project.form, indicator: i.seq, ...at(provenance, `indicators.${k}.actual`), printed: `${i.target} → ${i.actual}`, computed: 'not met' },
      ),
    ];
  });
