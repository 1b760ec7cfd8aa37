/**
 * Every file the CLI writes (reports, comments, `rules --markdown`, the step summary) goes through
 * here: the content is written to a temporary file in the same folder and renamed over the target, so
 * a reader (or a kill) sees the old file or the new one, never a truncated mix; and an output that is
 * also an input (the same path, the same file through a link, or a file inside an input folder) is
 * refused before anything is written.
 */
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  mkdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { UsageError } from './errors';

/** An output file and the inputs of the same command. */
export interface OutputTarget {
  /** The output path as given (also how messages show it). */
  readonly file: string;
  /** The flag that named it, for messages, e.g. `--output`. */
  readonly flag: string;
}

function sameFile(a: string, b: string): boolean {
  try {
    const x = statSync(a);
    const y = statSync(b);
    return x.dev === y.dev && x.ino === y.ino;
  } catch {
    return false;
  }
}

function isInside(file: string, folder: string): boolean {
  const rel = relative(folder, file);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

/** The real path of `path`, through links; for a file that does not exist yet, of its folder. */
function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    const folder = dirname(path);
    return folder === path ? path : join(realPath(folder), basename(path));
  }
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Throws UsageError (exit 2) when `output` would overwrite one of `inputs`: the same path, the same
 * file under another name, or a file inside an input folder. Call it before any work.
 */
export function refuseOutputOverInput(output: OutputTarget, inputs: readonly string[]): void {
  const target = realPath(resolve(output.file));
  if (isFolder(target)) throw new UsageError(`${output.flag} ${output.file} is a folder; give a file name`);
  for (const input of inputs) {
    const source = realPath(resolve(input));
    const clash =
      source === target || sameFile(source, target) || (isFolder(source) && isInside(target, source));
    if (clash)
      throw new UsageError(
        `${output.flag} ${output.file} would overwrite the input ${input}; write the output elsewhere`,
      );
  }
}

/**
 * Writes `content` to `file` atomically: a temporary file beside it, then a rename. Creates the
 * folder; keeps the permissions of a file it replaces. Nothing is left behind on failure.
 */
export function writeFileAtomic(file: string, content: string | Uint8Array): void {
  const folder = dirname(resolve(file));
  mkdirSync(folder, { recursive: true });
  const temp = join(folder, `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const mode = existingMode(file);
  try {
    writeFileSync(temp, content, { flag: 'wx', ...(mode !== undefined && { mode }) });
    if (mode !== undefined) chmodSync(temp, mode); // the umask applies at creation
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

function existingMode(file: string): number | undefined {
  try {
    return statSync(file).mode & 0o7777;
  } catch {
    return undefined;
  }
}

/** Appends `content` to `file` the same way: the old content plus the new, renamed over the file. */
export function appendFileAtomic(file: string, content: string): void {
  let previous = '';
  try {
    previous = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  writeFileAtomic(file, previous + content);
}

/** Refuses an output over an input, then writes it atomically. */
export function writeOutputFile(output: OutputTarget, content: string, inputs: readonly string[]): void {
  refuseOutputOverInput(output, inputs);
  writeFileAtomic(output.file, content);
}
