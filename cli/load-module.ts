/**
 * Loads a user's module (an estate, a config file): JavaScript through `require` (ESM too, Node 20.19+),
 * TypeScript through tsx, loaded only for `.ts`/`.mts`/`.cts` files so a JavaScript project never pays
 * for it. Whatever goes wrong while loading becomes one line naming the module, with no absolute path.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- loading user modules on demand */
import { existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { UsageError, firstLine } from './errors';

const TYPESCRIPT = /\.[cm]?tsx?$/;
const EXTENSIONS = ['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs'];

/**
 * Running from the TypeScript sources (tsx, jest), the loader that loaded this file handles TypeScript
 * already; compiled, this file is JavaScript and TypeScript modules go through tsx.
 */
const RUNNING_FROM_SOURCE = TYPESCRIPT.test(__filename);

let loads = 0;

/** The part of `tsx/cjs/api` used here (its types resolve only under node16 resolution). */
interface TsxApi {
  register(options: { namespace: string }): {
    require(id: string, fromFile: string): unknown;
    unregister(): void;
  };
}

function requireTypeScript(file: string): unknown {
  if (RUNNING_FROM_SOURCE) return require(file);
  // Registered for this load only, then removed: the rest of the process runs without tsx's hooks and
  // without the source maps tsx turns on (which make every stack trace cdktf captures expensive).
  const tsx = require('tsx/cjs/api') as TsxApi;
  // Namespaced per load within this process; the same names in every run, so tsx's cache of
  // transformed files (keyed by them) serves the next run.
  const scoped = tsx.register({ namespace: `acr-iac-${loads++}` });
  try {
    return scoped.require(file, __filename);
  } finally {
    scoped.unregister();
  }
}

/** The message of a load failure, its first informative line, with absolute paths made relative. */
function reason(error: unknown, file: string, shown: string): string {
  const message = error instanceof Error ? error.message : String(error);
  // esbuild (through tsx): "Transform failed with 1 error:\n/abs/file.ts:1:23: ERROR: ..."
  const lines = message.split('\n').filter((line) => line.trim() !== '');
  const line = /^Transform failed/.test(lines[0] ?? '') && lines[1] ? lines[1] : firstLine(error);
  const scrubbed = line
    .split(file)
    .join(shown)
    .split(`${dirname(file)}/`)
    .join('');
  const syntax =
    (error instanceof Error && (error.name === 'SyntaxError' || error.name === 'TransformError')) ||
    /^Transform failed/.test(message);
  if (syntax) return `syntax error: ${scrubbed.replace(/^.*?ERROR: /, '')}`;
  if ((error as NodeJS.ErrnoException | undefined)?.code === 'MODULE_NOT_FOUND')
    return `cannot load it: ${scrubbed}`;
  return `it threw while loading: ${scrubbed}`;
}

/** `path`, or the first `path.<ext>` that exists when `path` has no extension (as `require` would). */
function withExtension(path: string): string {
  if (existsSync(path)) return path;
  const found = EXTENSIONS.map((ext) => `${path}${ext}`).find((f) => existsSync(f));
  return found ?? path;
}

/**
 * Loads the module at absolute path `path` (`shown` is how messages name it, `what` what it is) and
 * returns its exports.
 * Throws UsageError (one line) when it does not exist or cannot be loaded.
 */
export function loadUserModule(path: string, shown: string, what = 'module'): unknown {
  const file = withExtension(path);
  if (!existsSync(file)) throw new UsageError(`${what} ${shown} does not exist`);
  if (!statSync(file).isFile()) throw new UsageError(`${what} ${shown} is not a file`);
  try {
    return TYPESCRIPT.test(file) ? requireTypeScript(file) : require(file);
  } catch (error) {
    throw new UsageError(`${shown}: ${reason(error, file, shown)}`);
  }
}
