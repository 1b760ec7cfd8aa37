/**
 * Reads input paths into inventories: a `cdktf.out/` folder (every stack of its manifest), a stack
 * folder holding cdk.tf.json, or a single JSON file (Terraform plan, Pulumi preview, cdk.tf.json)
 * whose format is detected by the adapters below.
 * The only file I/O of the policy engine (besides the suppressions file).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { environmentFromFileName } from './environment-name';
import {
  inventoryFromCdktfJson,
  isCdktfDocument,
  listCdktfStacks,
  parseJson,
  readCdktfFile,
} from './cdktf/read';
import { InventoryInputError } from './errors';
import { inventoryFromPlanJson, isPlanDocument } from './plan/read';
import { inventoryFromPulumiPreviewJson, isPulumiPreviewDocument } from './pulumi-preview/read';
import type { Inventory } from './types';

/** An adapter for one JSON document format. Add one here to support a new input format. */
export interface DocumentAdapter {
  /** Format name used in messages. */
  readonly name: string;
  /** True when the parsed document has this format. */
  readonly detect: (doc: unknown) => boolean;
  /** Builds the inventory of one environment (`file` is the display path). */
  readonly read: (doc: unknown, environment: string, file: string) => Inventory;
  /** Files of this format are commonly named after their environment (`prod.json`). @default false */
  readonly namedAfterEnvironment?: boolean;
}

/** The single-document adapters, tried in order. */
export const DOCUMENT_ADAPTERS: DocumentAdapter[] = [
  {
    name: 'terraform plan JSON',
    detect: isPlanDocument,
    read: inventoryFromPlanJson,
    namedAfterEnvironment: true,
  },
  {
    name: 'pulumi preview --json',
    detect: isPulumiPreviewDocument,
    read: inventoryFromPulumiPreviewJson,
    namedAfterEnvironment: true,
  },
  { name: 'cdk.tf.json', detect: isCdktfDocument, read: inventoryFromCdktfJson },
];

/** Options of `loadInventories`. */
export interface LoadOptions {
  /** Environment of single-file inputs that do not sit in `stacks/<env>/`. */
  readonly environment?: string | undefined;
  /** Directory display paths are made relative to. @default process.cwd() */
  readonly cwd?: string | undefined;
}

/** A path relative to `cwd` with forward slashes (never absolute in reports). */
export function displayPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, path.resolve(cwd, file));
  return (relative === '' ? path.basename(file) : relative).split(path.sep).join('/');
}

function environmentOf(file: string, explicit: string | undefined, adapter: DocumentAdapter): string {
  if (explicit) return explicit;
  const parts = path.resolve(file).split(path.sep);
  const stacks = parts.lastIndexOf('stacks');
  if (stacks >= 0 && stacks === parts.length - 3) return parts[stacks + 1];
  // A plan or preview file named after its environment, as `preview` reads it (prod.json, prod-preview.json).
  const named = adapter.namedAfterEnvironment ? environmentFromFileName(file) : undefined;
  if (named) return named;
  throw new InventoryInputError(`${file}: cannot tell its environment; pass --env <name>`);
}

/** Reads one JSON document file with the first adapter that recognises it. */
export function readDocumentFile(file: string, environment: string | undefined, cwd: string): Inventory {
  const shown = displayPath(file, cwd);
  const doc = parseJson(readFileSync(file, 'utf8'), shown);
  const adapter = DOCUMENT_ADAPTERS.find((a) => a.detect(doc));
  if (!adapter) {
    throw new InventoryInputError(
      `${shown}: unknown format (expected ${DOCUMENT_ADAPTERS.map((a) => a.name).join(', ')})`,
    );
  }
  return adapter.read(doc, environmentOf(file, environment, adapter), shown);
}

/** Reads every input path into inventories (one per stack or file), in path order. */
export function loadInventories(paths: readonly string[], options: LoadOptions = {}): Inventory[] {
  const cwd = options.cwd ?? process.cwd();
  if (paths.length === 0) throw new InventoryInputError('no input path given');
  return paths.flatMap((input) => {
    const resolved = path.resolve(cwd, input);
    if (!existsSync(resolved)) throw new InventoryInputError(`${input}: no such file or folder`);
    if (statSync(resolved).isDirectory()) {
      if (existsSync(path.join(resolved, 'manifest.json'))) {
        return listCdktfStacks(resolved).map((stack) =>
          readCdktfFile(stack.file, stack.name, displayPath(stack.file, cwd)),
        );
      }
      const single = path.join(resolved, 'cdk.tf.json');
      if (existsSync(single))
        return [
          readCdktfFile(single, options.environment ?? path.basename(resolved), displayPath(single, cwd)),
        ];
      throw new InventoryInputError(`${input}: a folder without manifest.json or cdk.tf.json`);
    }
    return [readDocumentFile(resolved, options.environment, cwd)];
  });
}
