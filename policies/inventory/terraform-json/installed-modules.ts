/**
 * Modules `terraform init` installed for a root module (`.terraform/modules/modules.json`): where
 * each call's module is, so that registry and git modules are read like local ones once installed.
 * A record is taken for a call only as Terraform takes it before it plans: the record of the call's
 * module key, installed from the call's source, at a version the call's constraint accepts;
 * otherwise Terraform refuses to plan ("Module not installed", "Module source has changed", "Module
 * version requirements have changed") and the call is not read here, with that reason.
 * Source: hashicorp/terraform internal/modsdir/manifest.go (the file: `{"Modules": [{"Key",
 * "Source", "Version", "Dir"}]}`, Key = the call names joined by dots, Dir relative to the working
 * directory) and internal/configs/configload/loader_load.go (the checks above). The data directory
 * is `.terraform` in the working directory unless `TF_DATA_DIR` names another (Terraform
 * "Environment Variables": "TF_DATA_DIR changes the location where Terraform keeps its
 * per-working-directory data"), a path relative to the working directory: the root module's folder
 * here, as when Terraform runs in it (or with `-chdir` to it).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { InventoryInputError } from '../errors';
import { readJsonFile } from '../read-json';
import { jsonPath } from './schema';
import { satisfiesConstraint } from './version-constraint';

/** One installed module. */
export interface InstalledModule {
  readonly key: string;
  readonly source: string;
  readonly version?: string;
  /** Absolute. */
  readonly folder: string;
}

/** The environment variable that moves Terraform's data directory (see the top of this file). */
export const DATA_DIR_ENV = 'TF_DATA_DIR';

/** Where Terraform keeps its manifest of installed modules, in its data directory. */
const MANIFEST_IN_DATA_DIR = path.join('modules', 'modules.json');

/** The manifest of installed modules of the root module in `root`, with `env`'s data directory. */
export function moduleManifestFile(root: string, env: NodeJS.ProcessEnv = process.env): string {
  const dataDir = env[DATA_DIR_ENV];
  return path.resolve(
    root,
    dataDir === undefined || dataDir === '' ? '.terraform' : dataDir,
    MANIFEST_IN_DATA_DIR,
  );
}

/**
 * The installed modules of the root module in `root`, by key; undefined when it has no manifest.
 * Throws InventoryInputError (one line: the file, the path, what was expected) for a malformed one.
 */
export function readModuleManifest(
  root: string,
  display: (file: string) => string,
  env: NodeJS.ProcessEnv = process.env,
): ReadonlyMap<string, InstalledModule> | undefined {
  const file = moduleManifestFile(root, env);
  if (!existsSync(file)) return undefined;
  const shown = display(file);
  const doc = readJsonFile(file, shown);
  const fail = (at: readonly PropertyKey[], what: string): never => {
    throw new InventoryInputError(`${shown}: ${jsonPath(at)}: expected ${what}`);
  };
  const records = (doc as { Modules?: unknown } | null)?.Modules;
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc) || !Array.isArray(records))
    return fail(['Modules'], 'a list of installed modules');
  const out = new Map<string, InstalledModule>();
  records.forEach((record: unknown, i) => {
    const at = (key: string): PropertyKey[] => ['Modules', i, key];
    if (typeof record !== 'object' || record === null) return fail(['Modules', i], 'an object');
    const { Key, Source, Version, Dir } = record as Record<string, unknown>;
    if (typeof Key !== 'string') return fail(at('Key'), 'a string');
    if (typeof Source !== 'string') return fail(at('Source'), 'a string');
    if (typeof Dir !== 'string') return fail(at('Dir'), 'a string');
    if (Version !== undefined && typeof Version !== 'string') return fail(at('Version'), 'a string');
    if (out.has(Key)) return fail(at('Key'), `one record per module key (${Key} is listed twice)`);
    out.set(Key, {
      key: Key,
      source: Source,
      ...(Version === undefined || Version === '' ? {} : { version: Version }),
      folder: path.resolve(root, Dir),
    });
  });
  return out;
}

/**
 * The forms a configuration's source may be recorded in: as written, and as Terraform normalizes
 * registry and GitHub shorthands (`Azure/naming/azurerm` is `registry.terraform.io/Azure/naming/azurerm`;
 * `github.com/o/r` is `git::https://github.com/o/r.git`). Source: Terraform "Module Sources".
 */
function recordedForms(source: string): string[] {
  const forms = [source];
  if (/^[A-Za-z0-9_-]+\/[A-Za-z0-9_-]+\/[A-Za-z0-9]+(\/\/.*)?$/.test(source))
    forms.push(`registry.terraform.io/${source}`);
  const github = /^github\.com\/([^/]+)\/([^/?]+?)(\.git)?(\/\/[^?]*)?(\?.*)?$/.exec(source);
  if (github)
    forms.push(`git::https://github.com/${github[1]}/${github[2]}.git${github[4] ?? ''}${github[5] ?? ''}`);
  return forms.map((f) => f.toLowerCase());
}

/** What the manifest says of one call: the folder to read, or why not. */
export function installedModuleOf(
  manifest: ReadonlyMap<string, InstalledModule>,
  key: string,
  source: string,
  version: string | undefined,
): { readonly folder: string } | { readonly reason: string } {
  const record = manifest.get(key);
  const init = 'run terraform init, or check the plan';
  if (!record) return { reason: `it is not installed (${init})` };
  if (!recordedForms(source).includes(record.source.toLowerCase()))
    return { reason: `the module installed for it came from ${record.source} (${init})` };
  if (version !== undefined) {
    const accepted = record.version === undefined ? undefined : satisfiesConstraint(record.version, version);
    if (accepted !== true)
      return {
        reason:
          accepted === false
            ? `the installed version ${record.version} does not satisfy "${version}" (${init})`
            : `the installed version cannot be matched against "${version}" (${init})`,
      };
  }
  if (!existsSync(record.folder)) return { reason: `its installed folder is missing (${init})` };
  return { folder: record.folder };
}
