/**
 * The indicator taxonomy resolver: printed 一级/二级 labels → canonical labels (DOMAIN.md's
 * table, `TAXONOMY` in src/dictionary.ts), with a flag when what was printed disagrees with it.
 *
 * Matching is tolerant: full-width and whitespace noise, bracketed suffixes, a missing `指标`
 * suffix, listed short forms (`满意度`, `服务对象满意度`), and one wrong, missing or extra
 * character (two for labels of seven characters or more). A fuzzy match must be unique and must
 * not be just as close to a label of the other level, so neighbours stay apart: `经济效益指标`
 * and `经济成本指标` are two edits apart, `X量指标` is as close to `数量指标` as to `质量指标`
 * and matches neither.
 *
 * `成本指标` is both the 一级 cost group and the older template's 二级 group under 产出指标;
 * `resolveLabels` decides between them by context.
 */
import {
  INDICATOR_NAME_KEYWORD_RULES,
  LEVEL1_ALIASES,
  LEVEL2_ALIASES,
  HIGHER_IS_BETTER_KEYWORDS,
  LOWER_IS_BETTER_KEYWORDS,
  TAXONOMY,
  normalizeLabel,
  type Level1,
  type Level2,
} from '../dictionary.js';
import type { Direction } from './values.js';
import { editDistance } from '../edit-distance.js';

export type { Level1, Level2 };

/** Every 一级 label, in the template's order. */
export const LEVEL1_LABELS: readonly Level1[] = Object.keys(TAXONOMY) as Level1[];

/** The 二级 labels of a 一级 label. */
export function level2Of(level1: Level1): readonly Level2[] {
  return TAXONOMY[level1];
}

/**
 * The 一级 label that owns a 二级 label. `成本指标` as a 二级 label is the older template's
 * group under 产出指标.
 */
export function ownerOf(level2: Level2): Level1 {
  for (const level1 of LEVEL1_LABELS) {
    if ((TAXONOMY[level1] as readonly string[]).includes(level2)) return level1;
  }
  /* c8 ignore next */
  throw new Error(`not a level-2 label: ${level2}`);
}

/** True when `level2` is one of `level1`'s 二级 labels. */
export function belongsTo(level2: string, level1: Level1): level2 is Level2 {
  return (TAXONOMY[level1] as readonly string[]).includes(level2);
}

// ---------------------------------------------------------------------------------------------
// Label matching

type Level = 1 | 2;
interface LabelKey {
  key: string;
  level: Level;
  label: Level1 | Level2;
}

/** Label text reduced to what identifies it: normalized, Han characters and letters only. */
function labelCore(text: string): string {
  return normalizeLabel(text).replace(/[^\p{Script=Han}A-Za-z]/gu, '');
}

const LABEL_KEYS: readonly LabelKey[] = (() => {
  const keys: LabelKey[] = [];
  const add = (key: string, level: Level, label: Level1 | Level2): void => {
    const k = labelCore(key);
    if (k !== '' && !keys.some((e) => e.key === k && e.level === level && e.label === label)) {
      keys.push({ key: k, level, label });
    }
  };
  for (const level1 of LEVEL1_LABELS) {
    add(level1, 1, level1);
    add(level1.replace(/指标$/, ''), 1, level1);
    for (const level2 of TAXONOMY[level1]) {
      add(level2, 2, level2);
      add(level2.replace(/指标$/, ''), 2, level2);
    }
  }
  for (const [alias, level1] of Object.entries(LEVEL1_ALIASES)) add(alias, 1, level1);
  for (const [alias, level2] of Object.entries(LEVEL2_ALIASES)) add(alias, 2, level2);
  return keys;
})();

/** Shortest keys taking part in fuzzy matching: `数量`/`质量` are one edit apart. */
const FUZZY_MIN_KEY_LENGTH = 4;
const FUZZY_MIN_INPUT_LENGTH = 3;

function maxEdits(key: string): number {
  return [...key].length >= 7 ? 2 : 1;
}


/** The label keys nearest to `text`: exact matches, else the closest within the edit limit. */
function nearestKeys(text: string): { exact: boolean; keys: LabelKey[] } {
  const core = labelCore(text);
  if (core === '') return { exact: true, keys: [] };
  const exact = LABEL_KEYS.filter((e) => e.key === core);
  if (exact.length > 0) return { exact: true, keys: exact };
  if ([...core].length < FUZZY_MIN_INPUT_LENGTH) return { exact: false, keys: [] };
  let best = Infinity;
  let found: LabelKey[] = [];
  for (const e of LABEL_KEYS) {
    if ([...e.key].length < FUZZY_MIN_KEY_LENGTH) continue;
    const limit = maxEdits(e.key);
    const d = editDistance(core, e.key, limit);
    if (d > limit) continue;
    if (d < best) {
      best = d;
      found = [e];
    } else if (d === best) {
      found.push(e);
    }
  }
  return { exact: false, keys: found };
}

function canonical(printed: string, level: Level): Level1 | Level2 | null {
  const { exact, keys } = nearestKeys(printed);
  const wanted = new Set(keys.filter((e) => e.level === level).map((e) => e.label));
  if (wanted.size !== 1) return null;
  const [label] = [...wanted];
  if (label === undefined) return null;
  if (!exact) {
    // A fuzzy reading must not be as close to a different label of the other level.
    const other = keys.some((e) => e.level !== level && e.label !== label);
    if (other) return null;
  }
  return label;
}

/**
 * The canonical 二级 label printed as `printed`, or null. Tolerant of noise, short forms and
 * one-character slips (`服务对象满意度标`, `服务对象满意度`, `满意度`, `数量`, `社会效益`,
 * `可持续影响`); a 一级 label (`产出指标`, `满意度指标`) is not a 二级 label and gives null, except
 * `成本指标`, which is both (the older template's 产出指标/成本指标).
 */
export function canonicalLevel2(printed: string): Level2 | null {
  return canonical(printed, 2) as Level2 | null;
}

/**
 * The canonical 一级 label printed as `printed`, or null. Tolerant like `canonicalLevel2`
 * (`产出`, `满意度`, `效益指`); a 二级 label (`数量指标`) gives null.
 */
export function canonicalLevel1(printed: string): Level1 | null {
  return canonical(printed, 1) as Level1 | null;
}

// ---------------------------------------------------------------------------------------------
// Inference from the indicator name

/**
 * The group an indicator name suggests, by the keyword rules of the dictionary
 * (`INDICATOR_NAME_KEYWORD_RULES`): `软件维护成本` → 成本指标/经济成本指标, `使用人员满意度` →
 * 满意度指标/服务对象满意度指标. With `level1`, only rules of that 一级 label count, and a cost
 * name under 产出指标 gives the older template's 产出指标/成本指标. Null when no rule fits.
 */
export function inferFromName(name: string, level1?: Level1): { level1: Level1; level2: Level2 } | null {
  const n = normalizeLabel(name);
  if (n === '') return null;
  for (const rule of INDICATOR_NAME_KEYWORD_RULES) {
    if (!rule.keywords.some((k) => n.includes(k))) continue;
    if (level1 === undefined || rule.level1 === level1) return { level1: rule.level1, level2: rule.level2 };
    if (level1 === '产出指标' && rule.level1 === '成本指标') return { level1: '产出指标', level2: '成本指标' };
  }
  return null;
}

/**
 * Whether a bare target of this indicator (`5万元`, no operator) is a ceiling or a floor:
 * cost groups and names with cost, fault, error or duration words (`LOWER_IS_BETTER_KEYWORDS`)
 * are `lower-better`, everything else `higher-better`. For `isMet`'s `direction`.
 */
export function defaultDirection(level1: string, level2: string, name: string): Direction {
  if (level1 === '成本指标' || level2 === '成本指标' || level2.endsWith('成本指标')) return 'lower-better';
  const n = normalizeLabel(name);
  if (HIGHER_IS_BETTER_KEYWORDS.some((k) => n.includes(k))) return 'higher-better';
  return LOWER_IS_BETTER_KEYWORDS.some((k) => n.includes(k)) ? 'lower-better' : 'higher-better';
}

// ---------------------------------------------------------------------------------------------
// Resolving one row's labels

/** The labels printed on one indicator row (after the form stage spread merged cells). */
export interface PrintedLabels {
  printedLevel1: string;
  printedLevel2: string;
  /** The 三级指标 name, used to infer a missing group. */
  name: string;
  /** The resolved labels of the row above in the same form, if any. */
  previous?: { level1: string; level2: string };
}

/** Canonical labels of one indicator row. */
export interface ResolvedLabels {
  level1: Level1;
  /** Canonical 二级 label; the printed text when nothing canonical could be determined ('' if none). */
  level2: Level2 | string;
  /** The printed labels disagree with the taxonomy, or are missing (a `label-inconsistent` finding). */
  inconsistent: boolean;
  /** What was printed and how it was read; present when `inconsistent`. */
  reason?: string;
}

function quote(text: string): string {
  return `"${text.trim()}"`;
}

/**
 * The canonical 一级/二级 labels of one indicator row. Level1 follows from level2.
 *
 * - Normal: the printed 二级 label (misspellings and short forms normalized, no finding) and
 *   the 一级 label that owns it. A printed 一级 left empty is a merged cell's label printed on
 *   another row: level1 follows from level2 without a finding. `成本指标` under `产出指标` is the
 *   older template's 产出指标/成本指标 (consistent).
 * - `成本指标` in the 二级 column with the 一级 column empty: 产出指标/成本指标 when the row
 *   above is in 产出指标 (or there is none); after rows of another group it is read as the 一级
 *   cost group printed in the wrong column (二级 from the row above or the name, finding).
 * - Swapped columns (seed form 5: 一级 `数量指标`, 二级 `产出指标`) → canonical, finding.
 * - A 一级 label that does not own the 二级 label (seed form 4: `满意度指标` over `经济成本指标`)
 *   → level1 from level2, finding.
 * - Only a 一级 label → 二级 from the row above when it belongs to that 一级 label, else from the
 *   name's keywords, else the group's only 二级 label (else ''), finding.
 * - A 二级 label in the 一级 column, 二级 empty → that 二级 label and its owner, finding.
 * - No usable label (seed form 5's cost rows) → from the name's keywords, else the row above;
 *   finding. A cost name after rows of 产出指标/成本指标 stays in that older group.
 * - Null when nothing can be determined.
 */
export function resolveLabels(input: PrintedLabels): ResolvedLabels | null {
  const p1 = input.printedLevel1 ?? '';
  const p2 = input.printedLevel2 ?? '';
  const name = input.name ?? '';
  const empty1 = labelCore(p1) === '';
  const empty2 = labelCore(p2) === '';
  const previous = canonicalPrevious(input.previous);

  const p1AsL1 = empty1 ? null : canonicalLevel1(p1);
  const p1AsL2 = empty1 ? null : canonicalLevel2(p1);
  const p2AsL1 = empty2 ? null : canonicalLevel1(p2);
  const p2AsL2 = empty2 ? null : canonicalLevel2(p2);
  const printed = `printed 一级 ${quote(p1)}, 二级 ${quote(p2)}`;

  // Normal: the 一级 label owns the 二级 label.
  if (p1AsL1 !== null && p2AsL2 !== null && belongsTo(p2AsL2, p1AsL1)) {
    return { level1: p1AsL1, level2: p2AsL2, inconsistent: false };
  }

  // 二级 label, 一级 column empty (a merged cell labelled on another row).
  if (empty1 && p2AsL2 !== null) {
    if (p2AsL2 !== '成本指标') return { level1: ownerOf(p2AsL2), level2: p2AsL2, inconsistent: false };
    if (previous === null || previous.level1 === '产出指标') {
      return { level1: '产出指标', level2: '成本指标', inconsistent: false };
    }
    const level2 = fillLevel2('成本指标', name, previous);
    return {
      level1: '成本指标',
      level2: level2 ?? '',
      inconsistent: true,
      reason: `${printed}: 一级 label 成本指标 in the 二级 column after ${previous.level1} rows; 二级 missing`,
    };
  }

  // Swapped columns: a 二级 label in the 一级 column, its 一级 label in the 二级 column.
  if (p1AsL2 !== null && p2AsL1 !== null && belongsTo(p1AsL2, p2AsL1)) {
    return {
      level1: p2AsL1,
      level2: p1AsL2,
      inconsistent: true,
      reason: `${printed}: columns swapped, read as ${p2AsL1}/${p1AsL2}`,
    };
  }

  // A 二级 label under a 一级 label (or text) that does not own it.
  if (p2AsL2 !== null) {
    if (p2AsL2 === '成本指标' && p1AsL1 === '成本指标') {
      const level2 = fillLevel2('成本指标', name, previous);
      return {
        level1: '成本指标',
        level2: level2 ?? '',
        inconsistent: true,
        reason: `${printed}: 一级 label repeated in the 二级 column; 二级 missing`,
      };
    }
    const owner = ownerOf(p2AsL2);
    return {
      level1: owner,
      level2: p2AsL2,
      inconsistent: true,
      reason: `${printed}: ${p2AsL2} belongs to ${owner}`,
    };
  }

  // A 一级 label in the 二级 column (二级 missing).
  if (p2AsL1 !== null) {
    if (p1AsL2 !== null) {
      // 一级 column holds a 二级 label of another group: the 二级 reading decides.
      const owner = ownerOf(p1AsL2);
      return {
        level1: owner,
        level2: p1AsL2,
        inconsistent: true,
        reason: `${printed}: columns swapped, but ${p1AsL2} belongs to ${owner}`,
      };
    }
    const level1 = p1AsL1 ?? p2AsL1;
    const level2 = fillLevel2(level1, name, previous);
    return {
      level1,
      level2: level2 ?? '',
      inconsistent: true,
      reason: `${printed}: 一级 label in the 二级 column; 二级 missing, read as ${level1}/${level2 ?? '?'}`,
    };
  }

  // 二级 empty or unrecognized from here on.
  const unread2 = empty2 ? '' : p2.trim();
  if (p1AsL1 !== null) {
    const level2 = fillLevel2(p1AsL1, name, previous);
    return {
      level1: p1AsL1,
      level2: level2 ?? unread2,
      inconsistent: true,
      reason: `${printed}: 二级 ${empty2 ? 'missing' : 'not a 二级 label'}, read as ${p1AsL1}/${level2 ?? '?'}`,
    };
  }
  if (p1AsL2 !== null) {
    const owner = ownerOf(p1AsL2);
    return {
      level1: owner,
      level2: p1AsL2,
      inconsistent: true,
      reason: `${printed}: 二级 label in the 一级 column, read as ${owner}/${p1AsL2}`,
    };
  }

  // No usable label: the name, else the row above.
  const inferred = inferFromName(name);
  if (inferred !== null) {
    const olderCost =
      inferred.level1 === '成本指标' && previous?.level1 === '产出指标' && previous.level2 === '成本指标';
    const result = olderCost ? { level1: '产出指标' as const, level2: '成本指标' as const } : inferred;
    return {
      level1: result.level1,
      level2: result.level2,
      inconsistent: true,
      reason: `${printed}: labels missing, inferred ${result.level1}/${result.level2} from the name ${quote(name)}`,
    };
  }
  if (previous !== null) {
    return {
      level1: previous.level1,
      level2: previous.level2 ?? unread2,
      inconsistent: true,
      reason: `${printed}: labels missing, continued from the row above (${previous.level1}/${previous.level2 ?? '?'})`,
    };
  }
  return null;
}

/** The row above's labels, canonicalized; null when its 一级 label is unknown. */
function canonicalPrevious(
  previous: { level1: string; level2: string } | undefined,
): { level1: Level1; level2: Level2 | null } | null {
  if (previous === undefined) return null;
  const level1 = canonicalLevel1(previous.level1);
  if (level1 === null) return null;
  const level2 = canonicalLevel2(previous.level2);
  return { level1, level2: level2 !== null && belongsTo(level2, level1) ? level2 : null };
}

/** A missing 二级 label under `level1`: the row above's, else the name's, else the only one. */
function fillLevel2(
  level1: Level1,
  name: string,
  previous: { level1: Level1; level2: Level2 | null } | null,
): Level2 | null {
  if (previous !== null && previous.level1 === level1 && previous.level2 !== null) return previous.level2;
  const inferred = inferFromName(name, level1);
  if (inferred !== null && inferred.level1 === level1) return inferred.level2;
  const only = TAXONOMY[level1];
  return only.length === 1 ? (only[0] ?? null) : null;
}
