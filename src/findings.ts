/**
 * Findings: what the tool reports about a file or a form, as data.
 *
 * One table keyed by code gives each kind its title and default severity; a new code does not
 * compile until it is described here. Codes are stable: they are written to findings.csv.
 */

export type Severity = 'error' | 'warning' | 'info';

export const FINDING_KINDS = {
  'unreadable-file': { severity: 'error', title: 'File cannot be read (not a PDF, corrupt, encrypted, no pages)' },
  'no-form-found': { severity: 'error', title: 'Readable, but no 绩效自评表 on any page' },
  'page-not-read': { severity: 'error', title: 'One page could not be read (damaged, or an image page while OCR is not available); the rest of the file was' },
  'missing-field': { severity: 'warning', title: 'A field of the model is absent' },
  'unparseable-value': { severity: 'error', title: 'A numeric cell does not read as a number' },
  'execution-rate-mismatch': { severity: 'error', title: 'Printed 执行率 ≠ 执行数 / 预算数' },
  'fund-score-mismatch': { severity: 'error', title: 'Printed budget 得分 ≠ 执行率 × 分值' },
  'total-mismatch': { severity: 'error', title: 'Printed 总分 ≠ sum of the scores' },
  'weights-not-100': { severity: 'error', title: 'Σ 分值 ≠ 100' },
  'score-above-weight': { severity: 'error', title: '得分 > 分值' },
  'target-missed-full-score': { severity: 'warning', title: 'The actual misses a numeric target, yet 得分 = 分值' },
  'label-inconsistent': { severity: 'warning', title: 'Printed 一级/二级 labels disagree with the taxonomy, or are missing' },
  'suspicious-target': { severity: 'warning', title: 'A target that is always met, or a rate above 100 %' },
  'low-confidence': { severity: 'warning', title: 'An OCR value used by the model is below the confidence threshold' },
  'rounding-convention': { severity: 'info', title: 'A printed figure is truncated rather than rounded' },
  'formulaic-actuals': { severity: 'info', title: 'Every actual equals its target exactly' },
} as const satisfies Record<string, { severity: Severity; title: string }>;

export type FindingCode = keyof typeof FINDING_KINDS;

export interface Finding {
  code: FindingCode;
  severity: Severity;
  /** A sentence a person can act on; names the cell and what was printed. */
  message: string;
  /** 1-based form index within the file; undefined for file-level findings. */
  form?: number;
  /** The indicator's sequence number (1-based within its form), when the finding is about one. */
  indicator?: number;
  /** Model field path, e.g. `funds.total.executionRate`, `indicators.3.score`. */
  field?: string;
  /** The printed text or figure. */
  printed?: string;
  /** What the tool computed or expected instead. */
  computed?: string;
  /** 1-based page number. */
  page?: number;
  /** Box of the cell concerned on `page` (points, top-left origin). */
  bbox?: { x0: number; y0: number; x1: number; y1: number };
}

/** Build a finding with the kind's default severity (pass `severity` to override). */
export function finding(code: FindingCode, message: string, extra: Partial<Omit<Finding, 'code' | 'message'>> = {}): Finding {
  return { code, severity: FINDING_KINDS[code].severity, message, ...extra };
}

const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/** Worst severity among the findings: `ok` when there is none above info. */
export function worstStatus(findings: readonly Finding[]): 'ok' | 'warning' | 'error' {
  let worst = 0;
  for (const f of findings) worst = Math.max(worst, SEVERITY_RANK[f.severity]);
  return worst === 2 ? 'error' : worst === 1 ? 'warning' : 'ok';
}
