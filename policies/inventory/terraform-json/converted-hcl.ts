/**
 * Where the HCL documents `readHclFiles` converted are found: by a file's absolute path, and by its
 * real path, so that a module folder reached through two paths (a symlink) is converted once and read
 * under either.
 */
import { realpathSync } from 'node:fs';
import path from 'node:path';

/** The real path of `file`, or `file` when it has none (it does not exist). */
export function realPathOf(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return file;
  }
}

/**
 * The converted document of an HCL file in `hcl` (readHclFiles'), by its absolute path, else by its
 * real path (a module folder that `hclFilesOf` reached first through another path); undefined when
 * it was not converted.
 */
export function convertedHcl(hcl: ReadonlyMap<string, unknown> | undefined, file: string): unknown {
  if (hcl === undefined) return undefined;
  const absolute = path.resolve(file);
  return hcl.get(absolute) ?? hcl.get(realPathOf(absolute));
}
