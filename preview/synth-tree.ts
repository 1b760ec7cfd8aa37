/**
 * Reads a synthesized cdktf tree (`cdktf.out/manifest.json` and each stack's `cdk.tf.json`) from disk.
 * The only file I/O of the synth diff; everything else works on the parsed tree.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { InventoryInputError } from '../policies/inventory/errors';
import { readJsonFile } from '../policies/inventory/read-json';
import type { JsonObject } from './changes';
import { isObject } from './changes';
import { PreviewInputError } from './errors';
import type { SynthTree } from './synth-diff';

/** Loads the tree in `dir` (a `cdktf.out` directory, or a directory that contains one). */
export function loadSynthTree(dir: string): SynthTree {
  const root = existsSync(join(dir, 'manifest.json')) ? dir : join(dir, 'cdktf.out');
  const manifest = readJson(
    join(root, 'manifest.json'),
    `${dir}: no cdktf.out/manifest.json (run synth first)`,
  );
  if (!isObject(manifest) || !isObject(manifest.stacks)) {
    throw new PreviewInputError(`${dir}: manifest.json has no "stacks": not a cdktf.out tree`);
  }
  const stacks = new Map<string, JsonObject>();
  for (const [key, entry] of Object.entries(manifest.stacks)) {
    const name = isObject(entry) && typeof entry.name === 'string' ? entry.name : key;
    const relative =
      isObject(entry) && typeof entry.synthesizedStackPath === 'string'
        ? entry.synthesizedStackPath
        : join('stacks', name, 'cdk.tf.json');
    const document = readJson(
      join(root, relative),
      `${dir}: stack ${name} is listed but ${relative} is missing`,
    );
    if (!isObject(document)) throw new PreviewInputError(`${dir}: ${relative} is not a JSON object`);
    stacks.set(name, document);
  }
  return { stacks };
}

/** Reads a JSON file of the tree safely (regular file, size and depth limits: read-json.ts). */
function readJson(file: string, missing: string): unknown {
  if (!existsSync(file)) throw new PreviewInputError(missing);
  try {
    return readJsonFile(file, file);
  } catch (error) {
    if (error instanceof InventoryInputError) throw new PreviewInputError(error.message);
    throw error;
  }
}
