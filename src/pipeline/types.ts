/**
 * Output of the pipeline: one result per file, with its forms and findings.
 */
import type { Stage } from '../errors.js';
import type { Finding } from '../findings.js';
import type { Project, ProvenanceMap } from '../model/types.js';

export type { Finding } from '../findings.js';
export type { Project } from '../model/types.js';

export interface FormResult {
  project: Project;
  provenance: ProvenanceMap;
  /** Findings about this form (each carries `form`). */
  findings: Finding[];
  /** Worst finding: `ok`, `warning` or `error`. */
  status: 'ok' | 'warning' | 'error';
}

export interface FileResult {
  /** Path relative to the inbox, with forward slashes (the CSVs' `file` column). */
  file: string;
  /** Absolute path. */
  path: string;
  /** `success`: every page read; `partial`: some pages failed; `failure`: nothing usable. */
  status: 'success' | 'partial' | 'failure';
  pageCount: number;
  forms: FormResult[];
  /** Findings about the file itself (unreadable file, no form, a page not read). */
  findings: Finding[];
  /** Set when the file failed: where and why. */
  error?: { stage: Stage; page?: number; message: string };
  /** Wall time spent on the file, milliseconds. */
  durationMs: number;
}

/** Progress events, for a CLI bar or a log line; the library itself never prints. */
export type ProgressEvent =
  | { kind: 'start'; total: number }
  | { kind: 'file-done'; result: FileResult; done: number; total: number };

export interface ConvertOptions {
  /** Files converted at once (default: 2). */
  concurrency?: number;
  onProgress?: (event: ProgressEvent) => void;
}
