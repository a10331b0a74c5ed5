/**
 * Worker-thread entry for `convertBatch`: converts one file per task (piscina calls the
 * default export). The result is plain data, copied back to the main thread.
 */
import { convertFile } from './convert-file.js';
import type { FileResult } from './types.js';

export interface FileTask {
  path: string;
  file: string;
}

export default async function convertTask(task: FileTask): Promise<FileResult> {
  return convertFile(task.path, task.file);
}
