/**
 * A resource block of a Terraform JSON file to the resources it declares: one per `count` index or
 * `for_each` key when those are decided by the configuration, else one whose presence is UNKNOWN with
 * the reason; its body evaluated (`var.*`, `local.*`, `each.*`, `count.index`), `dynamic` blocks
 * expanded over literal collections and recorded as unknown blocks otherwise, `//` comments dropped
 * (cdktf's resource metadata is kept for construct paths and suppressions).
 */
import { InventoryInputError } from '../errors';
import type { RawResource, RawSuppression } from '../terraform-resources/raw';
import type { Unknown } from '../types';
import { isUnknown, sameAs, unknownBecause } from '../types';
import type { Block } from './document';
import { knownText, namesNone, plainReferenceRootEnd } from './body-text';
import { isTemplate } from './expression';
import type { Scope, Value } from './interpret';
import { evaluate } from './interpret';
import type { ModuleInstances } from './instances';
import { MAX_RESOURCE_INSTANCES, describeExpression, reasonText, withNames } from './instances';
import { MAX_VALUE_DEPTH, evaluateText, toRaw } from './module-scope';
import type { JsonObject } from './json-object';
import { METADATA_KEY, eachIs, plainDynamicBlocks, plainSuppressions, plainlyValid } from './plain-shapes';
import { checkShape, isJsonObject, jsonPath, terraformJsonSchemas } from './schema';
import { commandsOf } from './provisioners';
import type { MetaArgument } from './schema';

export { METADATA_KEY } from './plain-shapes';

/** Shared by the (many) resources without suppressions; frozen since it is shared. */
const NO_SUPPRESSIONS: readonly RawSuppression[] = Object.freeze([]);

/**
 * The block being read, what its instances share, and where in its body the reading is (for messages
 * and unknown-block paths): one per reading of a module's blocks (a large module has thousands),
 * pointed at each block in turn.
 */
class Walk {
  /** The block whose body is read (its file and path, for messages). */
  block: Block;
  /** The block's construct path (cdktf metadata), shared by its instances. */
  constructPath: string | undefined = undefined;
  /** The block's suppressions, shared by its instances. */
  suppressions: readonly RawSuppression[] = NO_SUPPRESSIONS;
  /**
   * Unknown blocks found, by path inside the resource body (`georeplications`,
   * `network_rule_set.ip_rule`); made with the first, and reset for each resource. The scope is not
   * part of a walk (a dynamic block's elements each have their own).
   */
  unknownBlocks: Record<string, Unknown> | undefined = undefined;

  /**
   * @param module the module's instances, and the scopes of `dynamic` iterators
   * @param mode what the blocks declare
   * @param plain true when the bodies need no evaluation (see `TerraformDocument.plain`)
   */
  constructor(
    readonly module: ModuleInstances,
    block: Block,
    readonly mode: 'managed' | 'data' = 'managed',
    readonly plain = false,
  ) {
    this.block = block;
  }
}

/** A plain reference `${type.name.attr}` of a child module instance, named as a plan names it. */
function inModule(text: string, prefix: string): string {
  return `\${${prefix}${text.slice(2)}`;
}

/**
 * A call of a function whose result differs from call to call (Terraform's `timestamp`, `uuid`,
 * `bcrypt`; `plantimestamp` is one value per plan, but not known to the checker): two such texts
 * are not one value.
 */
const IMPURE_CALL = /\b(?:timestamp|uuid|bcrypt|plantimestamp)\s*\(/;

/**
 * The inventory value of a body string in `scope`: one lookup for a string seen before. An UNKNOWN
 * of a text that names none of the scope's names is marked as that text's value in the module
 * instance (`Unknown.same`), so that two attributes written alike are known to be equal.
 */
function evaluateString(text: string, scope: Scope): unknown {
  if (!isTemplate(text)) return text;
  const { names } = scope;
  // Already the form the inventory keeps references in, unless its root is a name of the scope.
  const rootEnd = plainReferenceRootEnd(text);
  if (rootEnd > 0 && (names.size === 0 || !names.has(text.slice(2, rootEnd))))
    return scope.module === undefined ? text : inModule(text, scope.module.prefix);
  // A scope shared by many blocks (an instance's, an iterator's) keeps what the strings that name
  // its names mean in it (`${each.value.role}`): one lookup in a small map.
  const own = names.size === 0 ? undefined : scope.rawInScope;
  if (own !== undefined) {
    const hit = own.get(text);
    if (hit !== undefined) return hit;
  }
  const known = knownText(text);
  if (namesNone(known.roots, names)) {
    // It means the same in every resource of the module (`${local.resource_group}`).
    const { reading } = scope;
    if (known.freeIn === reading && reading !== undefined) return known.free;
    if (known.plainRoot !== null)
      return scope.module === undefined ? text : inModule(text, scope.module.prefix);
    if (known.node === undefined) return toRaw(evaluateText(text, scope));
    const value = toRaw(evaluate(known.node, scope));
    if (reading !== undefined && (typeof value !== 'object' || value === null)) {
      known.free = value;
      known.freeIn = reading;
    }
    return isUnknown(value) && !IMPURE_CALL.test(text)
      ? sameAs(value, scope.module === undefined ? text : scope.module.prefix + text)
      : value;
  }
  if (known.node === undefined) return toRaw(evaluateText(text, scope));
  const value = toRaw(evaluate(known.node, scope));
  if (own !== undefined && (typeof value !== 'object' || value === null)) own.set(text, value);
  return value;
}

function tooDeep(walk: Walk, path: readonly PropertyKey[]): never {
  const { block } = walk;
  throw new InventoryInputError(
    `${block.file}: ${jsonPath([...block.path, ...path])}: values are nested deeper than ${MAX_VALUE_DEPTH} levels`,
  );
}

/**
 * The blocks `dynamic` blocks of a body generate, of one block type, in the order the types come
 * (a list, not a Map: a body has one or two types, and every registry of a large input may have one).
 */
interface Generated {
  readonly blockType: string;
  readonly blocks: unknown[];
}

/** The list of generated blocks of `blockType`, added when there is none. */
function generatedOf(generated: Generated[], blockType: string): unknown[] {
  for (let i = 0; i < generated.length; i += 1)
    if (generated[i].blockType === blockType) return generated[i].blocks;
  const blocks: unknown[] = [];
  generated.push({ blockType, blocks });
  return blocks;
}

/**
 * A list or object value of a body evaluated; copied only when something in it changed. `path` is
 * where it is (a stack: containers push their key, scalars need none).
 */
function evaluateContainer(value: object, walk: Walk, scope: Scope, path: PropertyKey[]): unknown {
  if (path.length > MAX_VALUE_DEPTH) tooDeep(walk, path);
  if (!Array.isArray(value)) return evaluateBody(value as JsonObject, walk, scope, path);
  let out: unknown[] | undefined;
  for (let i = 0; i < value.length; i += 1) {
    const item: unknown = value[i];
    let next: unknown;
    if (typeof item === 'string') next = evaluateString(item, scope);
    else if (typeof item !== 'object' || item === null)
      continue; // unchanged, and in any copy
    else {
      path.push(i);
      next = evaluateContainer(item, walk, scope, path);
      path.pop();
    }
    if (next !== item) (out ??= value.slice())[i] = next;
  }
  return out ?? value;
}

/**
 * A block body (or an object value) evaluated, with its `dynamic` blocks expanded; `skip` says which
 * keys of a top-level body are meta-arguments. Nothing is copied until a key changes or is dropped;
 * the copy is then built key by key in the body's order (the keys before, unchanged, first), so a
 * dropped key is never written. Terraform merges the blocks a `dynamic` block generates with the
 * static blocks of their type: they follow the static blocks, evaluated, wherever the static key is
 * (before or after `dynamic`), or come after the body's keys when the body has none of that type.
 */
function evaluateBody(
  body: JsonObject,
  walk: Walk,
  scope: Scope,
  path: PropertyKey[],
  skip?: (key: string) => boolean,
): JsonObject {
  let out: Record<string, unknown> | undefined;
  let generated: Generated[] | undefined;
  for (const key in body) {
    const value = body[key];
    // Meta-arguments are not values; a `//` inside a nested block is a comment.
    if ((skip !== undefined && skip(key)) || (key === '//' && path.length > 0)) {
      out ??= keysBefore(body, key);
      continue;
    }
    let next: unknown;
    if (typeof value === 'string') next = key === '//' ? value : evaluateString(value, scope);
    else if (typeof value !== 'object' || value === null || key === '//') next = value;
    else if (key === 'dynamic' && isDynamic(value)) {
      out ??= keysBefore(body, key);
      path.push('dynamic');
      expandDynamic(value, walk, scope, path, (generated ??= []));
      path.pop();
      continue;
    } else {
      path.push(key);
      next = evaluateContainer(value, walk, scope, path);
      path.pop();
    }
    if (out === undefined) {
      if (next === value) continue;
      out = keysBefore(body, key);
    }
    setOwn(out, key, next);
  }
  if (out === undefined) return body;
  if (generated !== undefined)
    for (const { blockType, blocks } of generated)
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
  return eachIs(value, holdsBlocksByType);
}

/** True for an object whose values (but a `//` comment) are blocks in either form. */
function holdsBlocksByType(byType: unknown): boolean {
  if (!isJsonObject(byType)) return false;
  for (const key in byType) if (key !== '//' && !eachIs(byType[key], isJsonObject)) return false;
  return true;
}

/** A block value in either form (one body, or an array of them) as a list. */
function oneOrMany(value: unknown): readonly JsonObject[] {
  return (Array.isArray(value) ? value : [value]) as readonly JsonObject[];
}

/** The first body of a block value in either form (a `dynamic` block's `content`, a `lifecycle`). */
function firstOf(value: unknown): JsonObject | undefined {
  return (Array.isArray(value) ? value[0] : value) as JsonObject | undefined;
}

/** Adds the blocks a `dynamic` value generates to `generated`, by block type, or records them as unknown. */
function expandDynamic(
  value: unknown,
  walk: Walk,
  scope: Scope,
  path: PropertyKey[],
  generated: Generated[],
): void {
  if (!plainDynamicBlocks(value))
    checkShape(terraformJsonSchemas().dynamicBlocks, value, walk.block.file, [...walk.block.path, ...path]);
  // Loops without lists of the single-object forms: every registry of a large input may have one.
  if (!Array.isArray(value)) return expandByType(value as JsonObject, walk, scope, path, generated);
  for (let i = 0; i < value.length; i += 1) expandByType(value[i], walk, scope, path, generated);
}

function expandByType(
  byType: JsonObject,
  walk: Walk,
  scope: Scope,
  path: PropertyKey[],
  generated: Generated[],
): void {
  for (const blockType in byType) {
    if (blockType === '//') continue;
    const dynamics = byType[blockType];
    if (!Array.isArray(dynamics)) {
      expandOne(dynamics as JsonObject, blockType, walk, scope, path, generated);
      continue;
    }
    for (let i = 0; i < dynamics.length; i += 1)
      expandOne(dynamics[i], blockType, walk, scope, path, generated);
  }
}

function expandOne(
  dynamic: JsonObject,
  blockType: string,
  walk: Walk,
  scope: Scope,
  path: PropertyKey[],
  generated: Generated[],
): void {
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
    return;
  }
  const content = firstOf(dynamic.content) as JsonObject;
  const blocks = generatedOf(generated, blockType);
  // One path for every element: evaluateBody gives it back as it was.
  path.push(blockType, 'content');
  const { scopes } = elements;
  for (let i = 0; i < scopes.length; i += 1) blocks.push(evaluateBody(content, walk, scopes[i], path));
  path.length -= 2;
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
  const value = firstOf(body.lifecycle)?.prevent_destroy;
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

/** Meta-arguments of a resource: they configure Terraform, not the resource, so they are not values. */
function isMetaArgument(key: string): boolean {
  switch (key) {
    case 'count':
    case 'for_each':
    case 'depends_on':
    case 'provider':
    case 'lifecycle':
    case 'provisioner':
    case 'connection':
      return true;
    default:
      return false;
  }
}

/** Meta-arguments of a module call, and its `source` and `version`: not arguments of the module. */
export function isModuleCallSetting(key: string): boolean {
  switch (key) {
    case 'count':
    case 'for_each':
    case 'depends_on':
    case 'providers':
    case 'source':
    case 'version':
      return true;
    default:
      return false;
  }
}

/** The resource of one instance of the walk's block. */
function instanceOf(walk: Walk, address: string, scope: Scope, presence?: Unknown): RawResource {
  const { block, mode, suppressions, constructPath } = walk;
  const { body } = block;
  walk.unknownBlocks = undefined;
  // A plain body is read as it is.
  const values = walk.plain ? body : evaluateBody(body, walk, scope, walk.module.bodyPath, isMetaArgument);
  // Built without spreads, in one literal with the construct path when there is one (cdktf stacks):
  // there is one per resource of a large input, and a key added later costs another allocation.
  type Mutable = { -readonly [K in keyof RawResource]: RawResource[K] };
  const type = block.labels[0];
  const name = block.labels[1];
  const preventDestroy = preventDestroyOf(body, scope);
  const file = block.file;
  const resource: Mutable =
    constructPath === undefined
      ? { mode, type, name, address, values, preventDestroy, suppressions, file }
      : { mode, type, name, address, values, preventDestroy, suppressions, file, constructPath };
  if (presence) resource.presence = presence;
  if (walk.unknownBlocks) resource.unknownBlocks = walk.unknownBlocks;
  if (body.provisioner !== undefined && mode === 'managed') {
    const commands = commandsOf(body, block, scope);
    if (commands) resource.commands = commands;
  }
  return resource;
}

/**
 * Appends the resources the resource blocks `blocks` declare to `out` (no list per block: a large
 * module has thousands of blocks, almost all of one instance).
 */
export function readResources(
  blocks: readonly Block[],
  mode: 'managed' | 'data',
  module: ModuleInstances,
  plain: boolean,
  out: RawResource[],
): void {
  if (blocks.length === 0) return;
  const walk = new Walk(module, blocks[0], mode, plain);
  for (let i = 0; i < blocks.length; i += 1) resourcesOf(blocks[i], walk, out);
}

function resourcesOf(block: Block, walk: Walk, out: RawResource[]): void {
  checkMetaArguments(block);
  walk.block = block;
  const { module } = walk;
  const { scope } = module;
  const type = block.labels[0];
  const name = block.labels[1];
  const local = walk.mode === 'data' ? `data.${type}.${name}` : `${type}.${name}`;
  const base = scope.module === undefined ? local : scope.module.prefix + local;
  const meta = block.body['//'];
  const metadata = isJsonObject(meta) && isJsonObject(meta.metadata) ? meta.metadata : undefined;
  walk.constructPath = typeof metadata?.path === 'string' ? metadata.path : undefined;
  walk.suppressions = suppressionsOf(meta, block);
  const instances = module.of(block, MAX_RESOURCE_INSTANCES - out.length);
  if (instances === undefined) {
    out.push(instanceOf(walk, base, scope));
    return;
  }
  if (isUnknown(instances)) {
    // One resource stands for all instances; `each`/`count` inside it are unknown for the same reason.
    const reason = unknownBecause(
      `it is set per instance, and ${instances.reason ?? 'the instances are not known'}`,
    );
    const inner = withNames(scope, { each: { key: reason, value: reason }, count: { index: reason } });
    out.push(instanceOf(walk, base, inner, instances));
    return;
  }
  for (let i = 0; i < instances.length; i += 1) {
    const instance = instances[i];
    out.push(instanceOf(walk, base + instance.suffix, instance.scope));
  }
}

/** The evaluated arguments of a module call block (for the registries it is given). */
export function moduleArguments(block: Block, module: ModuleInstances): JsonObject {
  return evaluateBody(block.body, new Walk(module, block), module.scope, [], isModuleCallSetting);
}
