/**
 * Progress on stderr: a bar on a terminal (cli-progress), one line per file otherwise.
 */
import cliProgress from 'cli-progress';
import type { FileResult, ProgressEvent } from '../pipeline/types.js';

export interface Reporter {
  onProgress: (event: ProgressEvent) => void;
  stop: () => void;
}

function fileLine(r: FileResult): string {
  if (r.status === 'failure') return `FAIL ${r.error?.message ?? r.findings[0]?.message ?? r.file}`;
  const indicators = r.forms.reduce((n, f) => n + f.project.indicators.length, 0);
  const partial = r.status === 'partial' ? ' (some pages not read)' : '';
  return `ok   ${r.file}: ${r.forms.length} form(s), ${indicators} indicator(s), ${(r.durationMs / 1000).toFixed(1)} s${partial}`;
}

export function createReporter(stream: NodeJS.WriteStream, allowBar: boolean): Reporter {
  if (allowBar && stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: 'converting [{bar}] {value}/{total} files | {file}', hideCursor: true, stream, clearOnComplete: false },
      cliProgress.Presets.shades_classic,
    );
    return {
      onProgress: (e) => {
        if (e.kind === 'start') bar.start(e.total, 0, { file: '' });
        else bar.update(e.done, { file: e.result.file });
      },
      stop: () => bar.stop(),
    };
  }
  return {
    onProgress: (e) => {
      if (e.kind === 'file-done') stream.write(`[${e.done}/${e.total}] ${fileLine(e.result)}\n`);
    },
    stop: () => undefined,
  };
}
