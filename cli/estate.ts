/**
 * Which estate a command works on, and loading it. In order: `--estate <module>`; else the project's
 * config, found from the working folder upwards in the first folder holding a package.json or a config
 * file: `acr-iac.config.{ts,mts,cts,js,mjs,cjs}` (default export, see `defineConfig`) or the `"acr-iac"`
 * key of package.json (`{ "estate": "stacks/environments.ts" }`). A module path is relative to the file
 * that names it. Whatever is wrong with the module or its export is one line and exit 2; an invalid
 * declaration lists every problem (DeclarationError).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import type { EstateDeclaration } from '../constructs/model/declaration';
import { DeclarationError } from '../constructs/model/problems';
import type { ResolvedEstate } from '../constructs/model/resolve';
import { model } from './engines';
import { UsageError, firstLine } from './errors';
import { loadUserModule } from './load-module';

export type { AcrIacConfig } from './config';
export { defineConfig } from './config';

/** The names of a config module, in the order they are looked for. */
export const CONFIG_FILES = ['ts', 'mts', 'cts', 'js', 'mjs', 'cjs'].map((ext) => `acr-iac.config.${ext}`);

/** How to declare an estate, for messages. */
export const HOW_TO_DECLARE =
  'pass --estate <module>, or add "acr-iac": { "estate": "<module exporting ESTATE>" } to package.json (or an acr-iac.config.ts); acr-iac init writes a starter';

/** An estate as a command uses it: the declaration, resolved, and where it came from. */
export interface LoadedEstate {
  readonly declaration: EstateDeclaration;
  readonly estate: ResolvedEstate;
  /** The module as messages show it, relative to the working folder. */
  readonly source: string;
  /** The file the declaration was read from (an output must never overwrite it). */
  readonly file: string;
}

/** Where the estate is declared: a module, or a declaration in a config module. */
type EstateSource =
  | { readonly kind: 'module'; readonly file: string; readonly declaredIn: string }
  | { readonly kind: 'value'; readonly value: unknown; readonly declaredIn: string; readonly file: string };

function shown(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  return rel === '' ? '.' : rel;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** What a module exported, for a message: `an object with exports a, b`. */
function exportsOf(loaded: unknown): string {
  if (!isRecord(loaded)) return kindOf(loaded);
  const names = Object.keys(loaded);
  return `an object with ${names.length === 0 ? 'no exports' : `exports ${names.join(', ')}`}`;
}

function fromPackageJson(file: string, cwd: string): EstateSource | undefined {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined; // not ours to judge; npm reports a broken package.json
  }
  if (!isRecord(json) || !('acr-iac' in json)) return undefined;
  const where = `${shown(file, cwd)} "acr-iac"`;
  const config = json['acr-iac'];
  if (!isRecord(config) || typeof config.estate !== 'string' || config.estate === '')
    throw new UsageError(`${where}: expected { "estate": "<module exporting ESTATE>" }`);
  return { kind: 'module', file: resolve(dirname(file), config.estate), declaredIn: where };
}

function fromConfigModule(file: string, cwd: string): EstateSource {
  const where = shown(file, cwd);
  const loaded = loadUserModule(file, where, 'config module');
  const config = isRecord(loaded) && 'default' in loaded ? loaded.default : loaded;
  if (!isRecord(config) || !('estate' in config))
    throw new UsageError(`${where}: expected a default export { estate: '<module>' | declaration }`);
  if (typeof config.estate === 'string')
    return { kind: 'module', file: resolve(dirname(file), config.estate), declaredIn: where };
  return { kind: 'value', value: config.estate, declaredIn: where, file };
}

/** The estate the project's config declares, looking from `cwd` up to the project root. */
function fromProject(cwd: string): EstateSource | undefined {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const config = CONFIG_FILES.map((name) => join(dir, name)).find((f) => existsSync(f));
    const pkg = join(dir, 'package.json');
    const inPackage = existsSync(pkg) ? fromPackageJson(pkg, cwd) : undefined;
    if (config && inPackage)
      throw new UsageError(
        `the estate is declared twice, in ${shown(config, cwd)} and ${inPackage.declaredIn}; keep one`,
      );
    if (config) return fromConfigModule(config, cwd);
    if (inPackage || existsSync(pkg) || dirname(dir) === dir) return inPackage;
  }
}

/** Validates the export of an estate module (or config) and resolves it. */
function resolveDeclaration(
  value: unknown,
  where: string,
): { declaration: EstateDeclaration; estate: ResolvedEstate } {
  if (!isRecord(value) || !Array.isArray(value.environments))
    throw new UsageError(
      `${where}: ESTATE must be an estate declaration ({ environments: [...] }), got ${kindOf(value)}`,
    );
  const declaration = value as unknown as EstateDeclaration;
  try {
    return { declaration, estate: model().defineEstate(declaration) };
  } catch (error) {
    if (error instanceof DeclarationError) throw error;
    // A value of the wrong type deep inside (as a JavaScript module can export) is the user's input.
    throw new UsageError(`${where}: ESTATE is not a valid estate declaration (${firstLine(error)})`);
  }
}

function load(source: EstateSource, cwd: string): LoadedEstate {
  if (source.kind === 'value')
    return {
      ...resolveDeclaration(source.value, source.declaredIn),
      source: source.declaredIn,
      file: source.file,
    };
  const where = shown(source.file, cwd);
  const loaded = loadUserModule(source.file, where, 'estate module');
  if (!isRecord(loaded) || !('ESTATE' in loaded))
    throw new UsageError(`${where}: does not export ESTATE (an EstateDeclaration); got ${exportsOf(loaded)}`);
  return { ...resolveDeclaration(loaded.ESTATE, where), source: where, file: source.file };
}

/** Options of `findEstate` and `requireEstate`. */
export interface EstateOptions {
  /** The `--estate` flag. */
  readonly module?: string | undefined;
  /** Folder the flag and the config search start from. @default process.cwd() */
  readonly cwd?: string | undefined;
}

/** The estate of `--estate` or the project's config, or undefined when none is declared. */
export function findEstate(options: EstateOptions = {}): LoadedEstate | undefined {
  const cwd = options.cwd ?? process.cwd();
  const source: EstateSource | undefined = options.module
    ? { kind: 'module', file: resolve(cwd, options.module), declaredIn: '--estate' }
    : fromProject(cwd);
  return source && load(source, cwd);
}

/** The estate of `--estate` or the project's config; throws UsageError saying how to declare one. */
export function requireEstate(options: EstateOptions = {}): LoadedEstate {
  const found = findEstate(options);
  if (!found) throw new UsageError(`no estate is declared: ${HOW_TO_DECLARE}`);
  return found;
}
