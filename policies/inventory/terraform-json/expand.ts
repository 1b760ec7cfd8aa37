/**
 * A resource block of a Terraform JSON file to the resources it declares: one per `count` index or
 * `for_each` key when those are decided by the configuration, else one whose presence is UNKNOWN with
 * the reason; its body evaluated (`var.*`, `local.*`, `each.*`, `count.index`), `dynamic` blocks
 * expanded over literal collections and recorded as unknown blocks otherwise, `//` comments dropped
 * (cdktf's resource metadata is kept for construct paths and suppressions).
 */
import { BoundedCache } from '../bounded-cache';
import { InventoryInputError } from '../errors';
import { entryOf } from '../map-entry';
import type { RawResource, RawSuppression } from '../terraform-resources/raw';
import type { Unknown } from '../types';
import { isUnknown, unknownBecause } from '../types';
import type { Block } from './document';
import type { Node, Step } from './expression';
import { isTemplate, parseTemplate } from './expression';
import type { Scope, Value } from './interpret';
import { evaluate } from './interpret';
import type { ModuleInstances } from './instances';
import { MAX_RESOURCE_INSTANCES, describeExpression, reasonText, withNames } from './instances';
import { MAX_VALUE_DEPTH, evaluateText, toRaw } from './module-scope';
import type { JsonObject } from './json-object';
import { METADATA_KEY, plainDynamicBlocks, plainSuppressions, plainlyValid } from './plain-shapes';
import { checkShape, isJsonObject, jsonPath, terraformJsonSchemas } from './schema';
import type { MetaArgument } from './schema';

export { METADATA_KEY } from './plain-shapes';

/** Meta-arguments: they configure Terraform, not the resource, so they are not attribute values. */
const META_KEYS = new Set([
  'count',
  'for_each',
  'depends_on',
  'provider',
  'lifecycle',
  'provisioner',
  'connection',
]);

/** Shared by the (many) resources without suppressions; frozen since it is shared. */
const NO_SUPPRESSIONS: readonly RawSuppression[] = Object.freeze([]);

/** Where a body is being read, for messages and unknown-block paths. */
interface Walk {
  readonly file: string;
  /** JSON path of the resource body in its file. */
  readonly at: readonly PropertyKey[];
  /** The module's instances, and the scopes of `dynamic` iterators. */
  readonly module: ModuleInstances;
  /**
   * Unknown blocks found, by path inside the resource body (`georeplications`,
   * `network_rule_set.ip_rule`); made with the first. The scope is not part of a walk (a dynamic
   * block's elements each have their own), so one walk serves a whole resource.
   */
  unknownBlocks?: Record<string, Unknown>;
}

/** What a template string of a body is, found once per distinct text. */
interface CompiledString {
  /**
   * The root name of a plain reference to a resource attribute (`${azurerm_x.y.id}`), else null. Such
   * a string is already the form the inventory keeps references in, unless its root is a name of the
   * scope (a dynamic block's iterator).
   */
  readonly plainRoot: string | null;
  /** The parse tree; undefined for text Terraform would reject (evaluateText says why). */
  readonly node: Node | undefined;
  /** Every root name the text refers to (`var`, `each`, `azurerm_x`, a `for` variable). */
  readonly roots: readonly string[];
}

/**
 * Compiled strings by text: the same strings recur all over an input (every attachment names its
 * registry; every resource its resource group), so each distinct text is parsed and classified once,
 * with one lookup.
 */
const COMPILED = new BoundedCache<string, CompiledString>(50_000);

/** Roots that are never resources. */
const NOT_RESOURCES = new Set(['var', 'local', 'each', 'count', 'module', 'path', 'terraform', 'self']);

/** Adds the root names `node` refers to to `out`. */
function addRoots(node: Node | string, out: Set<string>): void {
  if (typeof node === 'string') return;
  const steps = (list: readonly Step[]): void => {
    for (const step of list) if (step.k === 'index') addRoots(step.key, out);
  };
  switch (node.k) {
    case 'reference':
      out.add(node.root);
      steps(node.steps);
      return;
    case 'template':
      for (const part of node.parts) addRoots(part, out);
      return;
    case 'get':
      addRoots(node.target, out);
      steps(node.steps);
      return;
    case 'call':
      for (const arg of node.args) addRoots(arg, out);
      return;
    case 'tuple':
      for (const item of node.items) addRoots(item, out);
      return;
    case 'object':
      for (const item of node.items) {
        addRoots(item.key, out);
        addRoots(item.value, out);
      }
      return;
    case 'unary':
      addRoots(node.arg, out);
      return;
    case 'binary':
      addRoots(node.left, out);
      addRoots(node.right, out);
      return;
    case 'conditional':
      addRoots(node.test, out);
      addRoots(node.then, out);
      addRoots(node.else, out);
      return;
    case 'for':
      addRoots(node.collection, out);
      if (node.key) addRoots(node.key, out);
      addRoots(node.value, out);
      if (node.condition) addRoots(node.condition, out);
      return;
    default:
      return;
  }
}

function compile(text: string): CompiledString {
  let parsed: Node;
  try {
    parsed = parseTemplate(text);
  } catch {
    return { plainRoot: null, node: undefined, roots: [] }; // not valid: evaluated (and reported) below
  }
  // `"${x.y.z}"` is a template of one interpolation: its value is the reference's.
  const node = parsed.k === 'template' && parsed.parts.length === 1 ? parsed.parts[0] : parsed;
  const plainRoot =
    typeof node !== 'string' &&
    node.k === 'reference' &&
    !NOT_RESOURCES.has(node.root) &&
    node.steps.length >= 2 &&
    node.steps.every((s) => s.k === 'attr')
      ? node.root
      : null;
  const roots = new Set<string>();
  addRoots(parsed, roots);
  return { plainRoot, node: parsed, roots: [...roots] };
}

function compiled(text: string): CompiledString {
  return COMPILED.get(text, compile);
}

/** True when none of `roots` is a name of the scope (`each`, `count`, an iterator). */
function namesNone(roots: readonly string[], names: ReadonlyMap<string, Value>): boolean {
  if (names.size === 0) return true;
  for (const root of roots) if (names.has(root)) return false;
  return true;
}

function evaluateString(text: string, scope: Scope): unknown {
  if (!isTemplate(text)) return text;
  // What the text meant in this scope before (an each.* string in an instance shared by many blocks).
  const own = scope.rawInScope;
  if (own !== undefined) {
    const hit = own.get(text);
    if (hit !== undefined) return hit;
  }
  const entry = compiled(text);
  if (entry.plainRoot !== null && !scope.names.has(entry.plainRoot)) {
    // The module's scope keeps it (a registry's `${azurerm_container_registry.x.id}` recurs in every
    // attachment): one lookup next time.
    if (own !== undefined && scope.names.size === 0) own.set(text, text);
    return text;
  }
  if (entry.node === undefined) return toRaw(evaluateText(text, scope));
  // A text that names nothing of the scope's names depends only on the module's variables and locals
  // (evaluated once each): its result is the same in every resource (`${local.resource_group}`), so a
  // plain value is kept by text for the module; one that names them is kept for this scope, if it
  // keeps any. Lists, objects and UNKNOWNs are built anew for each use, as before.
  const shared = namesNone(entry.roots, scope.names);
  const memo = shared ? scope.rawByText : own;
  if (shared && memo !== undefined) {
    const hit = memo.get(text);
    if (hit !== undefined) return hit;
  }
  const value = toRaw(evaluate(entry.node, scope));
  if (memo !== undefined && (typeof value !== 'object' || value === null)) memo.set(text, value);
  return value;
}

function tooDeep(walk: Walk, path: readonly PropertyKey[]): never {
  throw new InventoryInputError(
    `${walk.file}: ${jsonPath([...walk.at, ...path])}: values are nested deeper than ${MAX_VALUE_DEPTH} levels`,
  );
}

/** A value of a body evaluated; objects and arrays are copied only when something in them changed. */
function evaluateValue(value: unknown, walk: Walk, scope: Scope, path: PropertyKey[]): unknown {
  if (typeof value === 'string') return evaluateString(value, scope);
  if (typeof value !== 'object' || value === null) return value;
  if (path.length > MAX_VALUE_DEPTH) tooDeep(walk, path);
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i += 1) {
      path.push(i);
      const next = evaluateValue(value[i], walk, scope, path);
      path.pop();
      if (next !== value[i]) (out ??= value.slice())[i] = next;
    }
    return out ?? value;
  }
  return evaluateBody(value as JsonObject, walk, scope, path);
}

/**
 * A block body (or an object value) evaluated, with its `dynamic` blocks expanded. Nothing is copied
 * until a key changes or is dropped; the copy is then built key by key in the body's order (the keys
 * before, unchanged, first), so a dropped key is never written. Terraform merges the blocks a
 * `dynamic` block generates with the static blocks of their type: they follow the static blocks,
 * evaluated, wherever the static key is (before or after `dynamic`), or come after the body's keys
 * when the body has none of that type.
 */
function evaluateBody(
  body: JsonObject,
  walk: Walk,
  scope: Scope,
  path: PropertyKey[],
  skip?: ReadonlySet<string>,
): JsonObject {
  let out: Record<string, unknown> | undefined;
  let generated: Map<string, unknown[]> | undefined;
  for (const key in body) {
    const value = body[key];
    // Meta-arguments are not values; a `//` inside a nested block is a comment.
    if (skip?.has(key) || (key === '//' && path.length > 0)) {
      out ??= keysBefore(body, key);
      continue;
    }
    if (key === 'dynamic' && isDynamic(value)) {
      out ??= keysBefore(body, key);
      path.push('dynamic');
      expandDynamic(value, walk, scope, path, (generated ??= new Map()));
      path.pop();
      continue;
    }
    path.push(key);
    const next = key === '//' ? value : evaluateValue(value, walk, scope, path);
    path.pop();
    if (out === undefined) {
      if (next === value) continue;
      out = keysBefore(body, key);
    }
    setOwn(out, key, next);
  }
  if (out === undefined) return body;
  if (generated !== undefined)
    for (const [blockType, blocks] of generated)
      setOwn(
        out,
        blockType,
        Object.hasOwn(out, blockType) ? [...oneOrMany(out[blockType]), ...blocks] : blocks,
      );
  return out;
}

/**
 * Sets an own key of a body copy. JSON.parse makes a `__proto__` key an own key, which an
 * assignment would not (it would set the copy's prototype), so that one key is defined.
 */
function setOwn(out: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  else out[key] = value;
}

/** A copy of the keys of `body` before `key` (all unchanged). */
function keysBefore(body: JsonObject, key: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k in body) {
    if (k === key) break;
    setOwn(out, k, body[k]);
  }
  return out;
}

/**
 * True when a `dynamic` key holds blocks (objects of bodies by block type), not a map attribute that
 * happens to have a key named `dynamic` (such as a tag): blocks are then checked strictly.
 */
function isDynamic(value: unknown): boolean {
  return oneOrMany(value).every(
    (byType) =>
      isJsonObject(byType) &&
      Object.keys(byType).every((k) => k === '//' || oneOrMany(byType[k]).every(isJsonObject)),
  );
}

/** A block value in either form (one body, or an array of them) as a list. */
function oneOrMany(value: unknown): readonly JsonObject[] {
  return (Array.isArray(value) ? value : [value]) as readonly JsonObject[];
}

/** Adds the blocks a `dynamic` value generates to `generated`, by block type, or records them as unknown. */
function expandDynamic(
  value: unknown,
  walk: Walk,
  scope: Scope,
  path: PropertyKey[],
  generated: Map<string, unknown[]>,
): void {
  if (!plainDynamicBlocks(value))
    checkShape(terraformJsonSchemas().dynamicBlocks, value, walk.file, [...walk.at, ...path]);
  for (const byType of oneOrMany(value)) {
    for (const blockType of Object.keys(byType)) {
      if (blockType === '//') continue;
      for (const dynamic of oneOrMany(byType[blockType])) {
        const iterator = typeof dynamic.iterator === 'string' ? dynamic.iterator : blockType;
        const elements = walk.module.dynamicElements(scope, iterator, dynamic.for_each);
        if (elements.scopes === undefined) {
          const blockPath = [
            ...path.filter((p) => typeof p === 'string' && p !== 'dynamic' && p !== 'content'),
            blockType,
          ].join('.');
          (walk.unknownBlocks ??= {})[blockPath] = unknownBecause(
            `the dynamic "${blockType}" block iterates ${describeExpression(dynamic.for_each)}, ${reasonText(elements.blocked)}`,
          );
          continue;
        }
        const content = oneOrMany(dynamic.content)[0];
        const blocks = entryOf(generated, blockType, (): unknown[] => []);
        // One path for every element: evaluateBody gives it back as it was.
        const at = [...path, blockType, 'content'];
        for (const inner of elements.scopes) blocks.push(evaluateBody(content, walk, inner, at));
      }
    }
  }
}

function suppressionsOf(meta: unknown, block: Block): readonly RawSuppression[] {
  const ours = isJsonObject(meta) ? meta[METADATA_KEY] : undefined;
  if (ours === undefined) return NO_SUPPRESSIONS;
  if (!plainSuppressions(ours))
    checkShape(terraformJsonSchemas().suppressions, ours, block.file, [...block.path, '//', METADATA_KEY]);
  return (ours as { suppressions: { ruleId?: string; id?: string; reason: string }[] }).suppressions.map(
    (s) => ({ ruleId: (s.ruleId ?? s.id) as string, reason: s.reason }),
  );
}

function preventDestroyOf(body: JsonObject, scope: Scope): RawResource['preventDestroy'] {
  const lifecycle = body.lifecycle === undefined ? undefined : oneOrMany(body.lifecycle)[0];
  const value = lifecycle?.prevent_destroy;
  if (value === undefined) return false;
  const evaluated = typeof value === 'string' ? evaluateText(value, scope) : (value as Value);
  if (typeof evaluated === 'boolean') return evaluated;
  if (evaluated === 'true' || evaluated === 'false') return evaluated === 'true';
  // Terraform requires a literal here; anything else is rejected at plan time.
  return unknownBecause('lifecycle.prevent_destroy is not a literal true or false, which Terraform rejects');
}

/** Checks the meta-arguments of a resource body. */
function checkMetaArguments(block: Block): void {
  const { body } = block;
  // Named loads, in the order of the schemas' metaArguments: every resource comes here, and a load with a changing key
  // is the engine's slow path on bodies of many shapes.
  checkMetaArgument(block, '//', body['//']);
  checkMetaArgument(block, 'count', body.count);
  checkMetaArgument(block, 'for_each', body.for_each);
  checkMetaArgument(block, 'depends_on', body.depends_on);
  checkMetaArgument(block, 'provider', body.provider);
  checkMetaArgument(block, 'lifecycle', body.lifecycle);
  checkMetaArgument(block, 'dynamic', body.dynamic);
}

function checkMetaArgument(block: Block, key: MetaArgument, value: unknown): void {
  if (value === undefined || plainlyValid(key, value)) return;
  checkShape(terraformJsonSchemas().metaArguments[key], value, block.file, [...block.path, key]);
}

/** What every instance of a block shares. */
interface Common {
  readonly mode: 'managed' | 'data';
  /** The body needs no evaluation (see `TerraformDocument.plain`). */
  readonly plain: boolean;
  readonly constructPath?: string;
  readonly suppressions: readonly RawSuppression[];
  readonly module: ModuleInstances;
}

/** The resource of one instance of a block. */
function instanceOf(
  block: Block,
  common: Common,
  address: string,
  scope: Scope,
  presence?: Unknown,
): RawResource {
  // A plain body is read as it is: no walk (and no objects for one) per resource.
  const walk: Walk | undefined = common.plain
    ? undefined
    : { file: block.file, at: block.path, module: common.module };
  const values = walk ? evaluateBody(block.body, walk, scope, common.module.bodyPath, META_KEYS) : block.body;
  // Built without spreads, in one literal with the construct path when there is one (cdktf stacks):
  // there is one per resource of a large input, and a key added later costs another allocation.
  type Mutable = { -readonly [K in keyof RawResource]: RawResource[K] };
  const type = block.labels[0];
  const name = block.labels[1];
  const preventDestroy = preventDestroyOf(block.body, scope);
  const { mode, suppressions, constructPath } = common;
  const file = block.file;
  const resource: Mutable =
    constructPath === undefined
      ? { mode, type, name, address, values, preventDestroy, suppressions, file }
      : { mode, type, name, address, values, preventDestroy, suppressions, file, constructPath };
  if (presence) resource.presence = presence;
  if (walk?.unknownBlocks) resource.unknownBlocks = walk.unknownBlocks;
  return resource;
}

/**
 * Appends the resources one resource block declares to `out` (no list per block: a large module has
 * thousands of blocks, almost all of one instance).
 */
export function resourcesOf(
  block: Block,
  mode: 'managed' | 'data',
  module: ModuleInstances,
  plain: boolean,
  out: RawResource[],
): void {
  checkMetaArguments(block);
  const { scope } = module;
  const type = block.labels[0];
  const name = block.labels[1];
  const base = mode === 'data' ? `data.${type}.${name}` : `${type}.${name}`;
  const meta = block.body['//'];
  const metadata = isJsonObject(meta) && isJsonObject(meta.metadata) ? meta.metadata : undefined;
  const suppressions = suppressionsOf(meta, block);
  const common: Common =
    typeof metadata?.path === 'string'
      ? { mode, plain, constructPath: metadata.path, suppressions, module }
      : { mode, plain, suppressions, module };
  const instances = module.of(block, MAX_RESOURCE_INSTANCES - out.length);
  if (instances === undefined) {
    out.push(instanceOf(block, common, base, scope));
    return;
  }
  if (isUnknown(instances)) {
    // One resource stands for all instances; `each`/`count` inside it are unknown for the same reason.
    const reason = unknownBecause(
      `it is set per instance, and ${instances.reason ?? 'the instances are not known'}`,
    );
    const inner = withNames(scope, { each: { key: reason, value: reason }, count: { index: reason } });
    out.push(instanceOf(block, common, base, inner, instances));
    return;
  }
  for (const instance of instances)
    out.push(instanceOf(block, common, base + instance.suffix, instance.scope));
}

/** The evaluated arguments of a module call block (for the registries it is given). */
export function moduleArguments(block: Block, module: ModuleInstances): JsonObject {
  const walk: Walk = { file: block.file, at: block.path, module };
  return evaluateBody(
    block.body,
    walk,
    module.scope,
    [],
    new Set(['count', 'for_each', 'depends_on', 'providers', 'source', 'version']),
  );
}
