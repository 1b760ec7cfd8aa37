/**
 * The instances of a resource block with `count` or `for_each`: one per index or key when the
 * configuration decides them, else why not (an UNKNOWN with the reason), within a bound on how many
 * one root module may expand to.
 */
import { InventoryInputError } from '../errors';
import { entryOf } from '../map-entry';
import type { Unknown } from '../types';
import { unknownBecause, unknownReason } from '../types';
import type { Block } from './document';
import type { Scope, Value } from './interpret';
import { entriesOf, keysOf } from './interpret';
import { EvalError, Ref, isObjectValue } from './values';
import { evaluateText } from './module-scope';
import { jsonPath } from './schema';

/** The keyed elements of a `for_each` value, or why they are not known. */
export function collection(value: Value): [string | number, Value][] | Value {
  if (typeof value === 'string') return new EvalError('for_each needs a map or a set, not a string');
  return entriesOf(value);
}

/** How messages show a `count`/`for_each` expression: its text, cut short, or a literal collection. */
export function describeExpression(value: unknown): string {
  if (typeof value === 'string') {
    const inner = /^\$\{([\s\S]*)\}$/.exec(value)?.[1];
    return `\`${(inner ?? value).trim().slice(0, 80)}\``;
  }
  return 'a literal collection';
}

/** Why a `count`/`for_each` value does not decide the instances. */
export function reasonText(value: Value): string {
  if (value instanceof EvalError) return `which Terraform would reject (${value.message})`;
  const reason = unknownReason(value);
  if (reason) return `whose elements are not known here: ${reason}`;
  if (value instanceof Ref)
    return `whose elements are known only when Terraform plans (${value.text}); check the plan`;
  return 'whose elements are known only after apply; check the plan';
}

/** The elements of a `dynamic` block: a scope per element, or (`blocked`) why they are not known. */
export type DynamicElements =
  | { readonly scopes: readonly Scope[]; readonly blocked?: undefined }
  | { readonly scopes?: undefined; readonly blocked: Value };

/** One instance of a resource with `count` or `for_each`: its key, its part of the address and its scope. */
export interface Instance {
  readonly key: string | number;
  /** The instance's part of the resource address: `[0]`, `["app0"]`. */
  readonly suffix: string;
  /** The module's scope with this instance's `each` or `count`. */
  readonly scope: Scope;
}

/**
 * Most resource instances one root module may expand to. A hostile or mistaken `count` (say 1e9)
 * would otherwise hang the gate or exhaust its memory; real root modules hold hundreds, a 5 MB one
 * about 20,000. Beyond it the input is refused (exit 2): a plan of it can still be checked.
 */
export const MAX_RESOURCE_INSTANCES = 100_000;

function tooManyInstances(block: Block, key: 'count' | 'for_each', what: string): InventoryInputError {
  return new InventoryInputError(
    `${block.file}: ${jsonPath([...block.path, key])}: ${what} makes more than the ${MAX_RESOURCE_INSTANCES} resource instances the checker expands per root module; check a plan of it instead`,
  );
}

/** A scope with more names (`each`, `count`) than `scope`. */
export function withNames(scope: Scope, names: Readonly<Record<string, Value>>): Scope {
  const all = new Map(scope.names);
  for (const key of Object.keys(names)) all.set(key, names[key]);
  const { variable, local, reading, module } = scope;
  if (module !== undefined)
    return reading === undefined
      ? { variable, local, names: all, module }
      : { variable, local, names: all, reading, module };
  return reading === undefined ? { variable, local, names: all } : { variable, local, names: all, reading };
}

/**
 * The instances of one root module's resources. Each distinct instance (an `each` key and value, a
 * `count` index) is made once, with its scope: the blocks that share it (every role assignment
 * `for_each = var.principals`) share the scope and the strings it keeps evaluated (`rawInScope`),
 * so a body string is evaluated once per instance value, not once per resource. A `count` or
 * `for_each` text is evaluated once. Everything here lives as long as one reading of the module.
 */
export class ModuleInstances {
  /** Instances by `each.key`, then `each.value` (a value by identity: the same element of a variable). */
  private readonly byEach = new Map<string, Map<Value, Instance>>();
  private readonly byIndex = new Map<number, Instance>();
  /** The known instances of a `count` text, and of a `for_each` text. */
  private readonly byText = {
    count: new Map<string, readonly Instance[]>(),
    for_each: new Map<string, readonly Instance[]>(),
  };

  /** Scopes of `dynamic` iterators, by the scope they are made in, the iterator, its key and its value. */
  private readonly iterators = new Map<Scope, Map<string, Map<string | number, Map<Value, Scope>>>>();

  /**
   * The elements of `dynamic` blocks (their iterator scopes, or why they are not known), by the shared
   * scope they are made in, the iterator and the `for_each` text: every registry's
   * `dynamic "georeplications"` over `var.replica_locations` evaluates it once.
   */
  private readonly dynamicByText = new Map<Scope, Map<string, Map<string, DynamicElements>>>();

  /**
   * The path inside the resource body being evaluated, for messages: one array for every body of the
   * module (an evaluation gives it back as it was), not one per resource.
   */
  readonly bodyPath: PropertyKey[] = [];

  /** @param scope the module's scope (no `each`, `count` or iterators in it) */
  constructor(readonly scope: Scope) {}

  /**
   * `parent` with a `dynamic` block's iterator set to one element. Made once per element when
   * `parent` is shared (the module's or an instance's scope): every resource whose dynamic block
   * iterates the same collection (a registry's `var.replica_locations`) shares it and the strings it
   * keeps. Otherwise a new scope, which keeps nothing.
   */
  iteratorScope(parent: Scope, iterator: string, key: string | number, value: Value): Scope {
    // A new scope keeps nothing of what `parent` keeps in `rawInScope` (withNames copies no strings).
    if (parent.rawInScope === undefined || Object.is(value, -0))
      return withNames(parent, { [iterator]: { key, value } });
    const byIterator = entryOf(this.iterators, parent, () => new Map());
    const byKey = entryOf(byIterator, iterator, () => new Map());
    const byValue = entryOf(byKey, key, () => new Map());
    return entryOf(byValue, value, () => ({
      ...withNames(parent, { [iterator]: { key, value } }),
      rawInScope: new Map<string, unknown>(),
    }));
  }

  /**
   * The elements of a `dynamic` block whose `for_each` is `forEach`, made in `parent`: the scope of
   * each element (its iterator set), or why they are not known. Kept by text when `parent` is shared.
   */
  dynamicElements(parent: Scope, iterator: string, forEach: unknown): DynamicElements {
    if (typeof forEach !== 'string' || parent.rawInScope === undefined)
      return this.elementsOf(parent, iterator, forEach);
    // Looked up without entryOf's closures: every registry's dynamic block may come here.
    let byIterator = this.dynamicByText.get(parent);
    if (byIterator === undefined) this.dynamicByText.set(parent, (byIterator = new Map()));
    let byText = byIterator.get(iterator);
    if (byText === undefined) byIterator.set(iterator, (byText = new Map()));
    let elements = byText.get(forEach);
    if (elements === undefined) byText.set(forEach, (elements = this.elementsOf(parent, iterator, forEach)));
    return elements;
  }

  private elementsOf(parent: Scope, iterator: string, forEach: unknown): DynamicElements {
    const value = typeof forEach === 'string' ? evaluateText(forEach, parent) : (forEach as Value);
    const entries = collection(value);
    if (!Array.isArray(entries)) return { blocked: entries };
    const scopes: Scope[] = [];
    for (const [key, element] of entries as [string | number, Value][])
      scopes.push(this.iteratorScope(parent, iterator, key, element));
    return { scopes };
  }

  private instanceScope(names: Readonly<Record<string, Value>>): Scope {
    const scope = withNames(this.scope, names);
    return { ...scope, rawInScope: new Map<string, unknown>() };
  }

  private countInstance(index: number): Instance {
    return entryOf(this.byIndex, index, () => ({
      key: index,
      suffix: `[${index}]`,
      scope: this.instanceScope({ count: { index } }),
    }));
  }

  private eachInstance(key: string, value: Value): Instance {
    // -0 and 0 are one key of a Map: a -0 (which no real input has) gets a scope of its own.
    if (Object.is(value, -0)) return this.newEachInstance(key, value);
    // Looked up without entryOf's closures: every instance of a literal for_each map comes here.
    let byValue = this.byEach.get(key);
    if (byValue === undefined) this.byEach.set(key, (byValue = new Map<Value, Instance>()));
    let instance = byValue.get(value);
    if (instance === undefined) byValue.set(value, (instance = this.newEachInstance(key, value)));
    return instance;
  }

  private newEachInstance(key: string, value: Value): Instance {
    return { key, suffix: `[${JSON.stringify(key)}]`, scope: this.instanceScope({ each: { key, value } }) };
  }

  /**
   * The instances of a resource with `count` or `for_each`, or why they are not known; undefined for
   * neither. `room` is how many more instances the module may expand to.
   */
  of(block: Block, room: number): readonly Instance[] | Unknown | undefined {
    const { body } = block;
    const key = body.count !== undefined ? 'count' : body.for_each !== undefined ? 'for_each' : undefined;
    if (key === undefined) return undefined;
    const text = body[key];
    const known = typeof text === 'string' ? this.byText[key].get(text) : undefined;
    if (known !== undefined) {
      const n = known.length;
      if (n > room)
        throw tooManyInstances(block, key, key === 'count' ? `count = ${n}` : `for_each over ${n} elements`);
      return known;
    }
    const instances = key === 'count' ? this.counted(block, room) : this.forEach(block, room);
    if (typeof text === 'string' && Array.isArray(instances)) this.byText[key].set(text, instances);
    return instances;
  }

  private counted(block: Block, room: number): Instance[] | Unknown {
    const { body } = block;
    const count =
      typeof body.count === 'string' ? evaluateText(body.count, this.scope) : (body.count as Value);
    const n = typeof count === 'string' && /^\d+$/.test(count) ? Number(count) : count;
    if (typeof n === 'number' && Number.isInteger(n) && n >= 0) {
      if (n > room) throw tooManyInstances(block, 'count', `count = ${n}`);
      return Array.from({ length: n }, (_, index) => this.countInstance(index));
    }
    return unknownBecause(`count = ${describeExpression(body.count)}, ${reasonText(n)}`);
  }

  private forEach(block: Block, room: number): Instance[] | Unknown {
    const { body } = block;
    const forEach =
      typeof body.for_each === 'string' ? evaluateText(body.for_each, this.scope) : (body.for_each as Value);
    if (isObjectValue(forEach)) {
      // A map (a literal one per private endpoint block): keyed by its keys, without entry pairs.
      const keys = keysOf(forEach);
      if (keys.length > room)
        throw tooManyInstances(block, 'for_each', `for_each over ${keys.length} elements`);
      const instances: Instance[] = [];
      for (let i = 0; i < keys.length; i += 1) instances.push(this.eachInstance(keys[i], forEach[keys[i]]));
      return instances;
    }
    const entries = collection(forEach);
    if (!Array.isArray(entries))
      return unknownBecause(`for_each = ${describeExpression(body.for_each)}, ${reasonText(entries)}`);
    // A set of strings is keyed by its elements (each.key = each.value).
    if (entries.length > room)
      throw tooManyInstances(block, 'for_each', `for_each over ${entries.length} elements`);
    const instances: Instance[] = [];
    for (const [key, element] of entries as [string | number, Value][]) {
      const name = typeof key === 'number' ? element : key;
      if (typeof name !== 'string')
        return unknownBecause(
          `for_each = ${describeExpression(body.for_each)} is not a map or a set of strings`,
        );
      instances.push(this.eachInstance(name, typeof key === 'number' ? name : element));
    }
    return instances;
  }
}
