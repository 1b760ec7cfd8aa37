/**
 * One Terraform JSON file as blocks: resources, data sources, variables, locals and module calls,
 * whichever of the syntax's forms the file uses (`"acr": {...}` or `"acr": [{...}]`, arrays at any
 * label level). The structure is checked first (schema.ts), so a malformed file is one error line.
 */
import { InventoryInputError } from '../errors';
import type { JsonObject } from './schema';
import { checkDocument, isJsonObject, jsonPath } from './schema';

/** A block with its labels and where it is. */
export interface Block {
  readonly labels: readonly string[];
  readonly body: JsonObject;
  /** JSON path of the body in its file, for messages. */
  readonly path: readonly PropertyKey[];
  /** The file's display path. */
  readonly file: string;
}

/** A local value with where it is. */
export interface LocalValue {
  readonly name: string;
  readonly value: unknown;
  readonly path: readonly PropertyKey[];
  readonly file: string;
}

/** The blocks of one file. */
export interface TerraformDocument {
  readonly file: string;
  readonly resources: readonly Block[];
  readonly data: readonly Block[];
  readonly variables: readonly Block[];
  readonly locals: readonly LocalValue[];
  readonly modules: readonly Block[];
}

/** Flattens labeled blocks in either form into `out`. */
function labeledBlocks(
  value: unknown,
  labels: string[],
  path: PropertyKey[],
  file: string,
  out: Block[],
  depth: number,
): void {
  // `labels` and `path` are stacks, copied only for a block found (there are many blocks).
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) {
      path.push(i);
      labeledBlocks(value[i], labels, path, file, out, depth);
      path.pop();
    }
    return;
  }
  if (!isJsonObject(value)) return; // the schema has rejected it already
  if (depth === 0) {
    out.push({ labels: labels.slice(), body: value, path: path.slice(), file });
    return;
  }
  for (const key in value) {
    if (key === '//') continue;
    labels.push(key);
    path.push(key);
    labeledBlocks(value[key], labels, path, file, out, depth - 1);
    labels.pop();
    path.pop();
  }
}

function blocksOf(doc: JsonObject, key: string, depth: number, file: string): Block[] {
  const out: Block[] = [];
  if (doc[key] !== undefined) labeledBlocks(doc[key], [], [key], file, out, depth);
  return out;
}

function localsOf(doc: JsonObject, file: string): LocalValue[] {
  const out: LocalValue[] = [];
  for (const block of blocksOf(doc, 'locals', 0, file)) {
    for (const name of Object.keys(block.body)) {
      if (name !== '//') out.push({ name, value: block.body[name], path: [...block.path, name], file });
    }
  }
  return out;
}

/** Throws when two blocks share their labels (Terraform rejects duplicate declarations). */
export function rejectDuplicates(blocks: readonly Block[], what: string, prefix = ''): void {
  const seen = new Map<string, Block>();
  for (const block of blocks) {
    const key =
      block.labels.length === 2
        ? `${prefix}${block.labels[0]}.${block.labels[1]}`
        : prefix + block.labels.join('.');
    const earlier = seen.get(key);
    if (earlier) {
      const where =
        earlier.file === block.file ? jsonPath(earlier.path) : `${earlier.file} ${jsonPath(earlier.path)}`;
      throw new InventoryInputError(
        `${block.file}: ${jsonPath(block.path)}: ${what} ${key} is declared twice (also at ${where})`,
      );
    }
    seen.set(key, block);
  }
}

/** Reads one parsed Terraform JSON file; throws InventoryInputError for a malformed one. */
export function readDocument(doc: unknown, file: string): TerraformDocument {
  checkDocument(doc, file);
  const record = doc as JsonObject;
  return {
    file,
    resources: blocksOf(record, 'resource', 2, file),
    data: blocksOf(record, 'data', 2, file),
    variables: blocksOf(record, 'variable', 1, file),
    locals: localsOf(record, file),
    modules: blocksOf(record, 'module', 1, file),
  };
}

/** True when a parsed document looks like Terraform JSON configuration (not a plan or a preview). */
export function isTerraformJsonDocument(doc: unknown): boolean {
  if (!isJsonObject(doc) || 'format_version' in doc || 'steps' in doc) return false;
  return ['resource', 'data', 'terraform', 'module', 'variable', 'locals', 'provider'].some(
    (key) => key in doc,
  );
}
