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
  for (const r of results) {
    for (const f of [...r.findings, ...r.forms.flatMap((x) => x.findings)]) bySeverity[f.severity]++;
  }
  const failed = results.filter((r) => r.status === 'failure');
  const partial = results.filter((r) => r.status === 'partial');
  const lines = [
    `Files: ${results.length} (${results.length - failed.length} converted, ${failed.length} failed${partial.length ? `, ${partial.length} partly` : ''}), ${pages} pages`,
    `Forms: ${forms}   Indicators: ${indicators}`,
    `Findings: ${bySeverity.error} error, ${bySeverity.warning} warning, ${bySeverity.info} info`,
    `Time: ${(elapsedMs / 1000).toFixed(1)} s`,
  ];
  if (failed.length > 0) {
    lines.push('Failed files:');
    for (const r of failed) lines.push(`  ${r.error?.message ?? r.findings[0]?.message ?? r.file}`);
  }
  return { text: lines.join('\n'), failedFiles: failed.length };
}
