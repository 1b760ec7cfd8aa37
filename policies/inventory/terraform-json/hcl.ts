/**
 * HCL (`*.tf`, `*.tfvars`) to Terraform JSON, so hand-written HCL is read by the same path as
 * `*.tf.json`. The conversion is HashiCorp's HCL parser compiled to WebAssembly (`@cdktn/hcl2json`,
 * the maintained fork of cdktf's hcl2json), loaded only when an input holds HCL: it writes blocks in
 * the JSON syntax's array form and expressions as `${...}` templates, which the JSON reader handles.
 * Parsing HCL by hand would be a parser of its own; this one is Terraform's grammar exactly.
 */
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { InventoryInputError } from '../errors';
import { readInputText } from '../read-json';
import { readModuleManifest } from './installed-modules';
import { moduleFolderFiles } from './read';
import { isLocalSource } from './child-modules';
import { realPathOf } from './converted-hcl';

/** The converter's API (its types are not imported: they pull the DOM library into the program). */
interface Hcl2Json {
  parse(filename: string, contents: string): Promise<Record<string, unknown>>;
}

const CONVERTER = '@cdktn/hcl2json';

/** True for an HCL file name this module converts. */
export function isHclFile(file: string): boolean {
  return /\.(tf|tfvars)$/i.test(file);
}

/**
 * The key of a module source as each syntax writes it: quoted in JSON (so `"resource"`, on every
 * resource, is not a hit), bare in HCL.
 */
const JSON_SOURCE = Buffer.from('"source"');
const HCL_SOURCE = Buffer.from('source');
const QUOTE = 0x22;
const DOT = 0x2e;

/** True for the whitespace of JSON and HCL between tokens (space, tab, line feed, carriage return). */
function isBlank(byte: number | undefined): boolean {
  return byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d;
}

/**
 * Where the value of a local source starts when its key ends at `at`: `source = "./x"` (HCL) or
 * `"source": "./x"` (JSON); -1 otherwise.
 */
function localSourceValueAt(bytes: Buffer, at: number): number {
  let i = at;
  while (isBlank(bytes[i])) i += 1;
  if (bytes[i] !== 0x3a && bytes[i] !== 0x3d) return -1; // `:` or `=`
  i += 1;
  while (isBlank(bytes[i])) i += 1;
  if (bytes[i] !== QUOTE || bytes[i + 1] !== DOT) return -1;
  return i + 1;
}

/**
 * Local module sources (`source = "./modules/acr"`) a configuration file may name, found in its bytes
 * without converting or decoding it (every CLI run scans every configuration file before reading it,
 * a large `*.tf.json` too): which folders' HCL to convert too. A `source` of another block (a file to
 * upload) may be found as well; a folder without configuration files is simply not read.
 */
function localSourcesIn(file: string): string[] {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return []; // the loader names the unreadable file
  }
  const out: string[] = [];
  const key = /\.json$/i.test(file) ? JSON_SOURCE : HCL_SOURCE;
  for (let at = bytes.indexOf(key); at >= 0; at = bytes.indexOf(key, at + key.length)) {
    const start = localSourceValueAt(bytes, at + key.length);
    if (start < 0) continue;
    const end = bytes.indexOf(QUOTE, start);
    if (end < 0) break;
    const value = bytes.toString('utf8', start, end);
    if (isLocalSource(value)) out.push(value);
  }
  return out;
}

/** The folders whose HCL is collected for one input, by real path (a symlink loop is one folder). */
interface Collected {
  readonly seen: Set<string>;
  /** The input, for the message when it reaches more folders than MAX_MODULE_FOLDERS. */
  readonly shown: string;
}

/** The HCL files of a module folder and, recursively, of the local modules its files call. */
function moduleHclFiles(folder: string, out: string[], collected: Collected): void {
  const real = realpathSync(folder);
  if (collected.seen.has(real)) return;
  if (collected.seen.size >= MAX_MODULE_FOLDERS)
    throw new InventoryInputError(
      `${collected.shown}: its local module calls reach more than ${MAX_MODULE_FOLDERS} module folders, more than the checker reads (check the plan: terraform show -json)`,
    );
  collected.seen.add(real);
  const { config, variables } = moduleFolderFiles(folder);
  out.push(...config.filter(isHclFile), ...variables.filter(isHclFile));
  for (const file of config)
    for (const source of localSourcesIn(file)) {
      const child = path.resolve(folder, source);
      if (existsSync(child) && statSync(child).isDirectory()) moduleHclFiles(child, out, collected);
    }
}

/** The folders of the modules `terraform init` installed for the root module in `root`. */
function installedFolders(root: string): string[] {
  try {
    const manifest = readModuleManifest(root, (file) => file);
    return manifest === undefined
      ? []
      : [...manifest.values()].map((m) => m.folder).filter((f) => existsSync(f));
  } catch {
    return []; // a malformed manifest: the loader names it
  }
}

/**
 * Most module folders whose HCL is converted for one check: a guard against a runaway tree. The
 * largest public configuration tried, aztfmod/terraform-azurerm-caf, calls local modules in 379.
 */
export const MAX_MODULE_FOLDERS = 2000;

/**
 * The HCL files the inputs hold: `*.tf` files given, and the HCL files of root module folders given,
 * of the local modules they call and of the modules `terraform init` installed for them
 * (child-modules.ts reads those).
 */
export function hclFilesOf(paths: readonly string[], varFiles: readonly string[], cwd: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const input of paths) {
    const resolved = path.resolve(cwd, input);
    if (!existsSync(resolved)) continue; // the loader names the missing path
    const collected: Collected = {
      seen,
      shown: path.relative(cwd, resolved).split(path.sep).join('/') || '.',
    };
    if (statSync(resolved).isDirectory()) {
      if (existsSync(path.join(resolved, 'manifest.json')) || existsSync(path.join(resolved, 'cdk.tf.json')))
        continue;
      moduleHclFiles(resolved, out, collected);
      for (const installed of installedFolders(resolved)) moduleHclFiles(installed, out, collected);
    } else if (isHclFile(resolved) || /\.tf\.json$/i.test(resolved)) {
      if (isHclFile(resolved)) out.push(resolved);
      for (const source of localSourcesIn(resolved)) {
        const child = path.resolve(path.dirname(resolved), source);
        if (existsSync(child) && statSync(child).isDirectory()) moduleHclFiles(child, out, collected);
      }
    }
  }
  for (const file of varFiles) if (isHclFile(file)) out.push(path.resolve(cwd, file));
  return [...new Set(out)];
}

/**
 * Converts HCL files to Terraform JSON documents, by absolute path, for `loadInventories`'s `hcl`
 * option. Throws InventoryInputError (one line) for a file that is not valid HCL.
 * @param display makes a path relative for messages
 */
export async function readHclFiles(
  files: readonly string[],
  display: (file: string) => string,
): Promise<Map<string, unknown>> {
  const out = new Map<string, unknown>();
  if (files.length === 0) return out;
  const converter = (await import(CONVERTER)) as Hcl2Json;
  for (const file of files) {
    const shown = display(file);
    const text = readInputText(file, shown);
    try {
      const doc: unknown = await converter.parse(path.basename(file), text);
      out.set(path.resolve(file), doc);
      // Also by real path: a module folder reached through another (symlinked) path is collected once.
      out.set(realPathOf(path.resolve(file)), doc);
    } catch (error) {
      const reason = (error instanceof Error ? error.message : String(error))
        .replace(/^parse config: \[?/, '')
        .replace(/\]$/, '')
        .split('\n')[0];
      throw new InventoryInputError(`${shown}: not valid HCL (${reason})`);
    }
  }
  return out;
}
