/**
 * The closing summary: files, forms, indicators, findings by severity, failures, time.
 */
import type { Severity } from '../findings.js';
import type { FileResult } from '../pipeline/types.js';

export interface Summary {
  text: string;
  failedFiles: number;
}

export function summarize(results: readonly FileResult[], elapsedMs: number): Summary {
  const forms = results.reduce((n, r) => n + r.forms.length, 0);
  const indicators = results.reduce((n, r) => n + r.forms.reduce((m, f) => m + f.project.indicators.length, 0), 0);
  const pages = results.reduce((n, r) => n + r.pageCount, 0);
  const bySeverity: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  const byCode = new Map<string, { severity: Severity; count: number }>();
  for (const r of results) {
    for (const f of [...r.findings, ...r.forms.flatMap((x) => x.findings)]) {
      bySeverity[f.severity]++;
      const key = `${f.code}`;
      const entry = byCode.get(key) ?? { severity: f.severity, count: 0 };
      entry.count++;
      byCode.set(key, entry);
    }
  }
  const rank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
  const codeLines = [...byCode.entries()]
    .sort((a, b) => rank[a[1].severity] - rank[b[1].severity] || b[1].count - a[1].count || (a[0] < b[0] ? -1 : 1))
    .map(([code, e]) => `  ${String(e.count).padStart(5)}  ${e.severity.padEnd(7)} ${code}`);
  const failed = results.filter((r) => r.status === 'failure');
  const partial = results.filter((r) => r.status === 'partial');
  const lines = [
    `Files: ${results.length} (${results.length - failed.length} converted, ${failed.length} failed${partial.length ? `, ${partial.length} partly` : ''}), ${pages} pages`,
    `Forms: ${forms}   Indicators: ${indicators}`,
    `Findings: ${bySeverity.error} error, ${bySeverity.warning} warning, ${bySeverity.info} info`,
    ...codeLines,
    `Time: ${(elapsedMs / 1000).toFixed(1)} s`,
  ];
  if (failed.length > 0) {
    lines.push('Failed files:');
    for (const r of failed) lines.push(`  ${r.error?.message ?? r.findings[0]?.message ?? r.file}`);
  }
  return { text: lines.join('\n'), failedFiles: failed.length };
}
