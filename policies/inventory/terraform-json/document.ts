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
  /** True when an array at some label level may repeat a block's labels (the object form cannot). */
  readonly mayRepeat: boolean;
  /**
   * True when the file's text shows nothing to evaluate: no variables, locals, iterators, functions,
   * `count`, `for_each` or `dynamic`, only literals and plain resource references (most synthesized
   * stacks). Its bodies are then read as they are. @default false (evaluated)
   */
  readonly plain: boolean;
}

/**
 * Anything in a file's text that evaluation could change: an interpolation that is not a plain
 * `${type.name.attribute}` reference, a directive or escape, or a `count`/`for_each`/`dynamic` key.
 */
const NEEDS_EVALUATION =
  /\$\{(?!(?!(?:var|local|each|count|module|path|terraform|self)\.)[A-Za-z_][A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_.-]*\})|%\{|\$\$\{|"(?:dynamic|count|for_each)"\s*:/;

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

/** True when arrays at the label levels of a block type (or of its bodies) could declare one block twice. */
function repeats(value: unknown, depth: number): boolean {
  if (Array.isArray(value)) return value.length > 1 || value.some((v) => repeats(v, depth));
  if (depth === 0 || !isJsonObject(value)) return false;
  for (const key in value) if (repeats(value[key], depth - 1)) return true;
  return false;
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

/**
 * Reads one parsed Terraform JSON file; throws InventoryInputError for a malformed one.
 * @param text the file's text, when read from a file: a text with nothing to evaluate is read faster
 */
export function readDocument(doc: unknown, file: string, text?: string): TerraformDocument {
  checkDocument(doc, file);
  const record = doc as JsonObject;
  const mayRepeat = ['resource', 'data', 'variable', 'module'].some((key) =>
    repeats(record[key], key === 'variable' || key === 'module' ? 1 : 2),
  );
  return {
    mayRepeat,
    plain: text !== undefined && !NEEDS_EVALUATION.test(text),
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
