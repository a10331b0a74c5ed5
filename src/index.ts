/**
 * jixiao — the public library API (re-exports only).
 */
export { convertFile } from './pipeline/convert-file.js';
export { convertBatch, listPdfFiles } from './pipeline/convert-batch.js';
export type { ConvertOptions, FileOptions, FileResult, FormResult, OcrProvider, ProgressEvent } from './pipeline/types.js';
export { writeCsvFiles, PROJECT_COLUMNS, INDICATOR_COLUMNS, FINDING_COLUMNS } from './write/csv.js';
export type { WrittenFiles } from './write/csv.js';
export { FINDING_KINDS, worstStatus } from './findings.js';
export type { Finding, FindingCode, Severity } from './findings.js';
export * from './model/types.js';
export { JixiaoError, UnreadableFileError, PageError } from './errors.js';
export { extractPage, withDocument, openDocument } from './extract/index.js';
export type { PageContent, TextRun, Segment, BBox } from './extract/types.js';
export { buildPageLayout } from './grid/index.js';
export type { Grid, Cell, PageLayout } from './grid/types.js';
export { readForms } from './form/reader.js';
export type { FormTable } from './form/types.js';
export { buildProject } from './model/build.js';
export { validateProject, RULES } from './validate/index.js';
export type { Rule, ValidationInput } from './validate/index.js';
export { createOcrProvider } from './pipeline/ocr-provider.js';
export type { ClosableOcrProvider, OcrProviderOptions } from './pipeline/ocr-provider.js';
