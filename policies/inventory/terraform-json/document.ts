/**
 * One Terraform JSON file as blocks: resources, data sources, variables, locals and module calls,
 * whichever of the syntax's forms the file uses (`"acr": {...}` or `"acr": [{...}]`, arrays at any
 * label level). The structure is checked first (schema.ts), so a malformed file is one error line.
 */
import { azurermConstraintsOf } from './provider-versions';
import { InventoryInputError } from '../errors';
import { entryOf } from '../map-entry';
import type { JsonObject } from './json-object';
import { TOP_LEVEL_KEYS, checkShape, isJsonObject, jsonPath, terraformJsonSchemas } from './schema';

/** A block with its labels and where it is. */
export interface Block {
  readonly labels: readonly string[];
  readonly body: JsonObject;
  /** JSON path of the body in its file, for messages. */
  readonly path: readonly PropertyKey[];
  /** The file's display path. */
  readonly file: string;
}

/**
 * A block as a file declares it. Its path is made when a message asks for it: a large module has
 * thousands of blocks, nearly all at `[section, ...labels]` (the object form) or one index after
 * (`"name": [{...}]`), so only a block under other arrays keeps a path of its own.
 */
class DeclaredBlock implements Block {
  constructor(
    readonly labels: readonly string[],
    readonly body: JsonObject,
    readonly file: string,
    private readonly section: string,
    /** The index of the body in the array of its last label; -1 for none. */
    private readonly index: number,
    /** The whole path, when arrays are elsewhere in it. */
    private readonly at: readonly PropertyKey[] | undefined,
  ) {}

  get path(): readonly PropertyKey[] {
    if (this.at !== undefined) return this.at;
    return this.index < 0 ? [this.section, ...this.labels] : [this.section, ...this.labels, this.index];
  }
}

/** A block found at `path` (a stack: copied only when its shape is not one the block rebuilds). */
function declaredBlock(
  labels: readonly string[],
  body: JsonObject,
  path: readonly PropertyKey[],
  file: string,
): Block {
  const extra = path.length - labels.length - 1;
  const last = path[path.length - 1];
  const section = path[0] as string;
  if (extra === 0) return new DeclaredBlock(labels.slice(), body, file, section, -1, undefined);
  if (extra === 1 && typeof last === 'number')
    return new DeclaredBlock(labels.slice(), body, file, section, last, undefined);
  return new DeclaredBlock(labels.slice(), body, file, section, -1, path.slice());
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
  /** `output` blocks (read when the module is read through a module call). */
  readonly outputs: readonly Block[];
  /** True when an array at some label level may repeat a block's labels (the object form cannot). */
  readonly mayRepeat: boolean;
  /** The literal azurerm version constraints of its `terraform` blocks (provider-versions.ts). */
  readonly azurermConstraints: readonly string[];
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

/** What flattening found about the shape, besides the blocks. */
interface Flattening {
  /** False when a value where a block (or an object of blocks) belongs is something else. */
  wellFormed: boolean;
  /** True when an array could declare one block twice (the object form cannot). */
  mayRepeat: boolean;
}

/** Flattens labeled blocks in either form into `out`, noting what is not well-formed. */
function labeledBlocks(
  value: unknown,
  labels: string[],
  path: PropertyKey[],
  file: string,
  out: Block[],
  depth: number,
  state: Flattening,
): void {
  // `labels` and `path` are stacks, copied only for a block found (there are many blocks).
  if (Array.isArray(value)) {
    if (value.length > 1) state.mayRepeat = true;
    for (let i = 0; i < value.length; i += 1) {
      path.push(i);
      labeledBlocks(value[i], labels, path, file, out, depth, state);
      path.pop();
    }
    return;
  }
  if (!isJsonObject(value)) {
    state.wellFormed = false;
    return;
  }
  if (depth === 0) {
    out.push(declaredBlock(labels, value, path, file));
    return;
  }
  for (const key in value) {
    if (key === '//') continue;
    labels.push(key);
    path.push(key);
    labeledBlocks(value[key], labels, path, file, out, depth - 1, state);
    labels.pop();
    path.pop();
  }
}

function blocksOf(doc: JsonObject, key: string, depth: number, file: string, state: Flattening): Block[] {
  const out: Block[] = [];
  if (doc[key] !== undefined) labeledBlocks(doc[key], [], [key], file, out, depth, state);
  return out;
}

function localsOf(doc: JsonObject, file: string): LocalValue[] {
  const out: LocalValue[] = [];
  for (const block of blocksOf(doc, 'locals', 0, file, { wellFormed: true, mayRepeat: false })) {
    for (const name of Object.keys(block.body)) {
      if (name !== '//') out.push({ name, value: block.body[name], path: [...block.path, name], file });
    }
  }
  return out;
}

const TOP_LEVEL = new Set(TOP_LEVEL_KEYS);
const VARIABLE_KEYS = new Set([
  '//',
  'default',
  'type',
  'description',
  'sensitive',
  'nullable',
  'ephemeral',
  'validation',
]);
const OTHER_SECTIONS = ['terraform', 'provider', 'locals', 'output', 'moved', 'import', 'removed', 'check'];

function objectOrObjects(value: unknown): boolean {
  return Array.isArray(value) ? value.every(isJsonObject) : isJsonObject(value);
}

function duplicate(block: Block, earlier: Block, what: string, key: string): InventoryInputError {
  const where =
    earlier.file === block.file ? jsonPath(earlier.path) : `${earlier.file} ${jsonPath(earlier.path)}`;
  return new InventoryInputError(
    `${block.file}: ${jsonPath(block.path)}: ${what} ${key} is declared twice (also at ${where})`,
  );
}

/** True when every block has two labels without a dot: their joined keys are equal only if the labels are. */
function twoPlainLabels(blocks: readonly Block[]): boolean {
  for (const { labels } of blocks) {
    if (labels.length !== 2 || labels[0].includes('.') || labels[1].includes('.')) return false;
  }
  return true;
}

/**
 * Throws when two blocks share their labels (Terraform rejects duplicate declarations).
 * @param mayRepeat the files where an array may repeat a block's labels (see `TerraformDocument.mayRepeat`)
 */
export function rejectDuplicates(
  blocks: readonly Block[],
  what: string,
  mayRepeat: ReadonlySet<string>,
  prefix = '',
): void {
  if (twoPlainLabels(blocks)) {
    // Resources and data sources (thousands in a large module): looked up by type, then name, so no
    // joined key is built per block; the key is built only for the message. A type declared in one
    // file that cannot repeat has each name once (a JSON object holds each key once): only the types
    // of several files, or of a file with arrays, are compared by name, with the same first duplicate.
    const fileOfType = new Map<string, string | null>();
    for (let i = 0; i < blocks.length; i += 1) {
      const { labels, file } = blocks[i];
      const seen = fileOfType.get(labels[0]);
      if (seen === undefined) fileOfType.set(labels[0], mayRepeat.has(file) ? null : file);
      else if (seen !== null && seen !== file) fileOfType.set(labels[0], null);
    }
    const seen = new Map<string, Map<string, Block>>();
    for (let i = 0; i < blocks.length; i += 1) {
      const block = blocks[i];
      const [type, name] = block.labels;
      if (fileOfType.get(type) !== null) continue;
      const byName = entryOf(seen, type, () => new Map<string, Block>());
      const earlier = byName.get(name);
      if (earlier) throw duplicate(block, earlier, what, `${prefix}${type}.${name}`);
      byName.set(name, block);
    }
    return;
  }
  // Labels with dots could join to one key from different labels: compared joined, as before.
  const seen = new Map<string, Block>();
  for (const block of blocks) {
    const key = prefix + block.labels.join('.');
    const earlier = seen.get(key);
    if (earlier) throw duplicate(block, earlier, what, key);
    seen.set(key, block);
  }
}

/**
 * Reads one parsed Terraform JSON file; throws InventoryInputError for a malformed one.
 * @param text the file's text, when read from a file: a text with nothing to evaluate is read faster
 */
export function readDocument(doc: unknown, file: string, text?: string): TerraformDocument {
  if (!isJsonObject(doc) || !Object.keys(doc).every((key) => TOP_LEVEL.has(key)))
    checkShape(terraformJsonSchemas().document, doc, file);
  const record = doc as JsonObject;
  // The blocks are flattened first; anything not plainly well-formed then goes to the schema, which
  // names what is wrong (large inputs are almost always well-formed, and the schema copies).
  const state: Flattening = { wellFormed: true, mayRepeat: false };
  const resources = blocksOf(record, 'resource', 2, file, state);
  const data = blocksOf(record, 'data', 2, file, state);
  blocksOf(record, 'ephemeral', 2, file, state); // checked; ephemeral resources are not read
  const variables = blocksOf(record, 'variable', 1, file, state);
  const modules = blocksOf(record, 'module', 1, file, state);
  const outputs = blocksOf(record, 'output', 1, file, state);
  blocksOf(record, 'provider', 1, file, state); // checked; provider settings are not read
  const wellFormed =
    state.wellFormed &&
    variables.every(
      (v) =>
        Object.keys(v.body).every((k) => VARIABLE_KEYS.has(k)) &&
        (v.body.type === undefined || typeof v.body.type === 'string'),
    ) &&
    modules.every((m) => typeof m.body.source === 'string') &&
    outputs.every((o) => Object.hasOwn(o.body, 'value')) &&
    OTHER_SECTIONS.every((key) => record[key] === undefined || objectOrObjects(record[key]));
  if (!wellFormed) checkShape(terraformJsonSchemas().document, doc, file);
  return {
    mayRepeat: state.mayRepeat,
    azurermConstraints: azurermConstraintsOf(record.terraform),
    plain: text !== undefined && !NEEDS_EVALUATION.test(text),
    file,
    resources,
    data,
    variables,
    locals: localsOf(record, file),
    modules,
    outputs,
  };
}

/** True when a parsed document looks like Terraform JSON configuration (not a plan or a preview). */
export function isTerraformJsonDocument(doc: unknown): boolean {
  if (!isJsonObject(doc) || 'format_version' in doc || 'steps' in doc) return false;
  return ['resource', 'data', 'terraform', 'module', 'variable', 'locals', 'provider'].some(
    (key) => key in doc,
  );
}
