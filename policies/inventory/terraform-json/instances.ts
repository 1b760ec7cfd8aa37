/**
 * The instances of a resource block with `count` or `for_each`: one per index or key when the
 * configuration decides them, else why not (an UNKNOWN with the reason), within a bound on how many
 * one root module may expand to.
 */
import { InventoryInputError } from '../errors';
import type { Unknown } from '../types';
import { unknownBecause, unknownReason } from '../types';
import type { Block } from './document';
import type { Scope, Value } from './interpret';
import { EvalError, Ref, entriesOf } from './interpret';
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

/** One instance of a resource with `count` or `for_each`: its key and what `each`/`count` mean in it. */
export interface Instance {
  readonly key: string | number;
  readonly names: Readonly<Record<string, Value>>;
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

/**
 * The instances of a resource with `count` or `for_each`, or why they are not known; undefined for
 * neither. `room` is how many more instances the module may expand to.
 */
export function instancesOf(block: Block, scope: Scope, room: number): Instance[] | Unknown | undefined {
  const { body } = block;
  if (body.count !== undefined) {
    const count = typeof body.count === 'string' ? evaluateText(body.count, scope) : (body.count as Value);
    const n = typeof count === 'string' && /^\d+$/.test(count) ? Number(count) : count;
    if (typeof n === 'number' && Number.isInteger(n) && n >= 0) {
      if (n > room) throw tooManyInstances(block, 'count', `count = ${n}`);
      return Array.from({ length: n }, (_, index) => ({ key: index, names: { count: { index } } }));
    }
    return unknownBecause(`count = ${describeExpression(body.count)}, ${reasonText(n)}`);
  }
  if (body.for_each === undefined) return undefined;
  const forEach =
    typeof body.for_each === 'string' ? evaluateText(body.for_each, scope) : (body.for_each as Value);
  const entries = collection(forEach);
  if (!Array.isArray(entries))
    return unknownBecause(`for_each = ${describeExpression(body.for_each)}, ${reasonText(entries)}`);
  // A set of strings is keyed by its elements (each.key = each.value); a map by its keys.
  if (entries.length > room)
    throw tooManyInstances(block, 'for_each', `for_each over ${entries.length} elements`);
  const instances: Instance[] = [];
  for (const [key, element] of entries as [string | number, Value][]) {
    const name = typeof key === 'number' ? element : key;
    if (typeof name !== 'string')
      return unknownBecause(
        `for_each = ${describeExpression(body.for_each)} is not a map or a set of strings`,
      );
    instances.push({
      key: name,
      names: { each: { key: name, value: typeof key === 'number' ? name : element } },
    });
  }
  return instances;
}
