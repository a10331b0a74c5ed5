/**
 * Typed failures. "Findings are data, failures are thrown": a stage throws a `JixiaoError`
 * when it cannot go on with a file (or a page); `pipeline/convertFile` is the one place that
 * catches it and turns it into a failed file result naming file, page and stage.
 */

/** The pipeline stage where a failure happened. */
export type Stage = 'read' | 'extract' | 'ocr' | 'grid' | 'form' | 'model' | 'validate' | 'write';

/** Why a file could not be read at all. */
export type UnreadableReason = 'empty' | 'not-pdf' | 'corrupt' | 'encrypted' | 'no-pages' | 'io';

export class JixiaoError extends Error {
  override readonly name: string = 'JixiaoError';
  constructor(
    message: string,
    readonly stage: Stage,
    /** 1-based page number, when the failure belongs to one page. */
    readonly page?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The file is not a readable PDF: empty, not a PDF, corrupt, encrypted, no pages. */
export class UnreadableFileError extends JixiaoError {
  override readonly name = 'UnreadableFileError';
  constructor(
    readonly reason: UnreadableReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, 'read', undefined, options);
  }
}

/** One page could not be processed; the rest of the file may still be. */
export class PageError extends JixiaoError {
  override readonly name = 'PageError';
}

/** A short, human message for any thrown value (no stack trace). */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
