/**
 * Minimal write-to-temporary-then-rename for the preview and report outputs, so a reader never sees a
 * half-written file. A stand-in until the shared `cli/write-file.ts` helper lands; then this file goes.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Writes `content` to `file` through a temporary file in the same folder and a rename. */
export function writeFileAtomic(file: string, content: string): void {
  const folder = dirname(file);
  mkdirSync(folder, { recursive: true });
  const temporary = join(folder, `.${basename(file)}.${process.pid}.tmp`);
  try {
    writeFileSync(temporary, content);
    renameSync(temporary, file);
  } finally {
    rmSync(temporary, { force: true });
  }
}
