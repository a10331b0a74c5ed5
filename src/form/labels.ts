/**
 * Matching printed header text against the label dictionary (src/dictionary.ts).
 */
import { normalizeLabel } from '../dictionary.js';

/**
 * True when printed `text` is `label` as printed on some template: equal after normalization,
 * or the label followed by a short suffix (`年度指标值A`), or a truncation of a long label
 * by at most two characters (a cell too narrow for `偏差原因分析及改进措施`).
 */
export function isLabel(text: string, label: string): boolean {
  const t = normalizeLabel(text);
  const l = normalizeLabel(label);
  if (t === '' || l === '') return false;
  if (t === l) return true;
  if (t.startsWith(l) && t.length - l.length <= 3 && /^[A-Za-z/:：0-9%]*$/.test(t.slice(l.length))) return true;
  return l.length >= 5 && l.startsWith(t) && l.length - t.length <= 2;
}

/** The first key of `table` whose labels include printed `text`, or null. */
export function labelKey<K extends string>(text: string, table: Readonly<Record<K, readonly string[]>>): K | null {
  if (text.trim() === '') return null;
  for (const key of Object.keys(table) as K[]) {
    if (table[key].some((l) => isLabel(text, l))) return key;
  }
  return null;
}

export function isAnyLabel(text: string, labels: readonly string[]): boolean {
  return labels.some((l) => isLabel(text, l));
}
