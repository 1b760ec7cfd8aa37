/**
 * Evaluates parsed Terraform expressions as far as the configuration alone decides them: variables
 * with values, literal locals, `each`/`count`/`dynamic` iterators over literal collections, operators,
 * conditionals and a set of pure functions. A resource attribute (`azurerm_x.y.id`) stays a reference
 * (`Ref`), known at apply; a variable without a value, a module output, an unsupported construct or a
 * function not evaluated here becomes an UNKNOWN that names it and says what would decide it.
 */
import type { Unknown } from '../types';
import { isUnknown, unknownBecause } from '../types';
import { FUNCTIONS, MAX_EVALUATED_ELEMENTS, MAX_EVALUATED_TEXT, TOO_LARGE, elementsOf } from './functions';
import type { Value } from './values';
import type { PartialUnknown } from '../unknown';
import {
  EvalError,
  Ref,
  blocker,
  innerBlocker,
  isList,
  isObjectValue,
  numeric,
  sameValue,
  templatePart,
  truthy,
} from './values';
import type { Node, Step } from './expression';
import { referenceText } from './expression';

// What the other readers of expressions import from here.
export type { Value } from './values';
export { EvalError, Ref, isObjectValue } from './values';

/** What names mean while evaluating. */
export interface Scope {
  /** `var.<name>`. */
  readonly variable: (name: string) => Value;
  /** `local.<name>`. */
  readonly local: (name: string) => Value;
  /** Other root names: `each`, `count`, dynamic-block iterators, `for` variables. */
  readonly names: ReadonlyMap<string, Value>;
  /**
   * The reading of the module this scope is part of (every scope made from the module's has the
   * module's): what a body string means there, wherever it names none of `names`, is kept by text
   * for it (`KnownText.free`). @default none (nothing kept)
   */
  readonly reading?: object;
  /**
   * Inventory values of body strings that name some of `names`, evaluated in exactly this scope, by
   * text: kept by the scopes shared by many blocks (a resource instance's, a `dynamic` iterator's over
   * a shared collection) and the module's (which marks it shared: no string names a name of it). A
   * scope made from another never inherits it. Plain values only (no lists, objects or UNKNOWNs,
   * which are built for each use). @default none (nothing kept)
   */
  readonly rawInScope?: Map<string, unknown>;
  /**
   * The child module instance this scope belongs to, for a module read through its call (see
   * child-modules.ts); undefined for the root module. @default none
   */
  readonly module?: ModuleInstanceContext | undefined;
}

/** Where a module instance sits in the configuration, and its own module calls' outputs. */
export interface ModuleInstanceContext {
  /**
   * The instance's address prefix (`module.acr.`, `module.acr["prod"].module.net.`): resource
   * references inside it name the resources of this instance, as a plan writes them.
   */
  readonly prefix: string;
  /**
   * The value of `module.<name>` inside this instance: an object of its outputs (a list or a map of
   * them for `count`/`for_each`), or undefined when the call is not read here.
   */
  readonly output: (name: string) => Value | undefined;
}

function evaluateTemplate(parts: readonly (string | Node)[], scope: Scope): Value {
  // A template that is one interpolation keeps the value's own type (Terraform's rule).
  if (parts.length === 1 && typeof parts[0] !== 'string') return evaluate(parts[0], scope);
  let text = '';
  let unknown: Unknown | undefined;
  for (const part of parts) {
    if (typeof part === 'string') {
      text += part;
      continue;
    }
    const value = templatePart(evaluate(part, scope));
    if (typeof value === 'string') {
      text += value;
      if (text.length > MAX_EVALUATED_TEXT)
        return unknownBecause(
          `the template makes a string over ${MAX_EVALUATED_TEXT} characters, which the checker does not evaluate (check the plan)`,
        );
    } else if (value instanceof EvalError) return value;
    else {
      unknown ??= value as Unknown;
      text += '${...}';
    }
  }
  if (!unknown) return text;
  const reason = (unknown as { reason?: string }).reason ?? 'a part of it is known only after apply';
  const partial: PartialUnknown = Object.freeze({ unknown: true as const, reason, partial: text });
  return partial;
}

function keyOf(step: Step, scope: Scope): string | number | Value {
  if (step.k === 'attr') return step.name;
  const key = evaluate(step.key, scope);
  return typeof key === 'string' || typeof key === 'number' ? key : key;
}

/** Where `steps[0, upTo)` lead from `label`, for messages (built only when one is needed). */
function placeOf(label: string, steps: readonly Step[], from: number, upTo: number): string {
  let where = label;
  for (let i = from; i < upTo; i += 1) {
    const step = steps[i];
    where += step.k === 'attr' ? `.${step.name}` : '[...]';
  }
  return where;
}

/** Applies `steps` (from index `from`) to a value. */
function traverse(start: Value, steps: readonly Step[], scope: Scope, label: string, from = 0): Value {
  let value = start;
  for (let i = from; i < steps.length; i += 1) {
    const step = steps[i];
    const key = keyOf(step, scope);
    if (typeof key !== 'string' && typeof key !== 'number')
      return blocker([key]) ?? new EvalError(`invalid index on ${placeOf(label, steps, from, i)}`);
    if (value instanceof Ref) {
      value = new Ref(
        `${value.text}${typeof key === 'number' ? `[${key}]` : step.k === 'attr' ? `.${key}` : `[${JSON.stringify(key)}]`}`,
      );
      continue;
    }
    if (isUnknown(value) || value instanceof EvalError) return value;
    if (isList(value)) {
      const index = typeof key === 'number' ? key : /^\d+$/.test(key) ? Number(key) : NaN;
      if (!Number.isInteger(index) || index < 0 || index >= value.length)
        return new EvalError(`${placeOf(label, steps, from, i)} has no element ${key}`);
      value = value[index];
    } else if (isObjectValue(value)) {
      const name = String(key);
      if (!Object.prototype.hasOwnProperty.call(value, name))
        return new EvalError(`${placeOf(label, steps, from, i)} has no attribute "${name}"`);
      value = value[name];
    } else return new EvalError(`${placeOf(label, steps, from, i)} is not a list or an object`);
  }
  return value;
}

/** The value a reference names (`var.x`, `local.y`, `each.value.z`, `azurerm_x.y.id`). */
function reference(root: string, steps: readonly Step[], scope: Scope): Value {
  if (scope.names.has(root)) return traverse(scope.names.get(root) as Value, steps, scope, root);
  const first = steps[0];
  const name = first?.k === 'attr' ? first.name : undefined;
  switch (root) {
    case 'var':
      return name === undefined
        ? new EvalError('var needs a name')
        : traverse(scope.variable(name), steps, scope, `var.${name}`, 1);
    case 'local':
      return name === undefined
        ? new EvalError('local needs a name')
        : traverse(scope.local(name), steps, scope, `local.${name}`, 1);
    case 'each':
      return unknownBecause('each.key and each.value exist only in a resource with for_each');
    case 'count':
      return unknownBecause('count.index exists only in a resource with count');
    case 'module': {
      const child = name === undefined ? undefined : scope.module?.output(name);
      if (child !== undefined) return traverse(child, steps, scope, `module.${name}`, 1);
      return unknownBecause(
        `it comes from the output of ${referenceText(root, steps.slice(0, 2))}, whose resources are not read here (check the plan)`,
      );
    }
    case 'path':
    case 'terraform':
    case 'self':
      return unknownBecause(
        `${referenceText(root, steps.slice(0, 1))} is not evaluated here (check the plan)`,
      );
    default:
      break;
  }
  if (steps.length === 0) return new EvalError(`unknown name "${root}"`);
  // A resource or data source: keep the reference, with its index keys evaluated.
  const keys: (string | number | undefined)[] = [];
  for (const step of steps) {
    if (step.k === 'attr') {
      keys.push(undefined);
      continue;
    }
    const key = evaluate(step.key, scope);
    if (typeof key !== 'string' && typeof key !== 'number')
      return blocker([key]) ?? new EvalError('invalid index');
    keys.push(key);
  }
  const text = referenceText(root, steps, keys);
  return new Ref(scope.module === undefined ? text : scope.module.prefix + text);
}

/** A value Terraform knows at its top level (a list, an object, a string, a number or a bool). */
function knownNotNull(value: Value): boolean {
  return value !== null && !isUnknown(value) && !(value instanceof Ref) && !(value instanceof EvalError);
}

function binary(op: string, leftNode: Node, rightNode: Node, scope: Scope): Value {
  const left = evaluate(leftNode, scope);
  const right = evaluate(rightNode, scope);
  if (op === '==' || op === '!=') {
    // cty's Equals: a value known at its top level is never equal to null, whatever unknowns it holds
    // inside (`v.passwords != null` is true for an object whose expiry is known only after apply).
    if ((left === null && knownNotNull(right)) || (right === null && knownNotNull(left))) return op === '!=';
    const stop = innerBlocker(left) ?? innerBlocker(right);
    if (stop !== undefined) return stop;
    return sameValue(left, right) === (op === '==');
  }
  if (op === '&&' || op === '||') {
    const l = truthy(left, `the left side of ${op}`);
    const r = truthy(right, `the right side of ${op}`);
    if (typeof l !== 'boolean') return l;
    if (typeof r !== 'boolean') return r;
    return op === '&&' ? l && r : l || r;
  }
  const l = numeric(left);
  const r = numeric(right);
  if (typeof l !== 'number') return l;
  if (typeof r !== 'number') return r;
  switch (op) {
    case '+':
      return l + r;
    case '-':
      return l - r;
    case '*':
      return l * r;
    case '/':
      return r === 0 ? new EvalError('division by zero') : l / r;
    case '%':
      return r === 0 ? new EvalError('division by zero') : l % r;
    case '<':
      return l < r;
    case '>':
      return l > r;
    case '<=':
      return l <= r;
    default:
      return l >= r;
  }
}

/** The elements of a collection a `for` expression or a `for_each` iterates, keyed. */
export function entriesOf(value: Value): [string | number, Value][] | Value {
  if (isList(value)) return value.map((v, i) => [i, v]);
  if (isObjectValue(value)) {
    const keys = keysOf(value);
    const out: [string, Value][] = [];
    for (const k of keys) out.push([k, value[k]]);
    return out;
  }
  return blocker([value]) ?? new EvalError('a for expression needs a list, a set or a map');
}

/** The keys of a map value in the order Terraform iterates them (code-unit order). */
export function keysOf(value: { readonly [key: string]: Value }): string[] {
  return sortedKeys(Object.keys(value));
}

/**
 * `keys` (distinct strings) in code-unit order, as `sort()` orders them. A short list (a resource's
 * literal `for_each` map of a few keys, once per block) is sorted in place by insertion, without the
 * engine's sort state.
 */
function sortedKeys(keys: string[]): string[] {
  if (keys.length > 16) return keys.sort();
  for (let i = 1; i < keys.length; i += 1) {
    const key = keys[i];
    let j = i - 1;
    for (; j >= 0 && keys[j] > key; j -= 1) keys[j + 1] = keys[j];
    keys[j + 1] = key;
  }
  return keys;
}

/**
 * An object key as Terraform converts it: a string, or a number or bool as its text (cty converts
 * keys to string); null, a list or an object is rejected; an unknown leaves the object unknown.
 */
function objectKey(key: Value): string | Value {
  if (typeof key === 'string') return key;
  if (typeof key === 'number' || typeof key === 'boolean') return String(key);
  if (key === null) return new EvalError('an object key cannot be null');
  return blocker([key]) ?? new EvalError('an object key must be a string');
}

function forExpression(node: Extract<Node, { k: 'for' }>, scope: Scope): Value {
  const entries = entriesOf(evaluate(node.collection, scope));
  if (!Array.isArray(entries)) return entries as Value;
  const list: Value[] = [];
  const object: Record<string, Value> = {};
  // With `...`, each key's values in collection order (Terraform's grouping mode).
  const groups = node.group ? new Map<string, Value[]>() : undefined;
  for (const [key, value] of entries as [string | number, Value][]) {
    const names = new Map(scope.names);
    names.set(node.valueVar, value);
    if (node.keyVar) names.set(node.keyVar, key);
    // Not a spread: the inner scope must not inherit `rawInScope`.
    const inner: Scope =
      scope.module === undefined
        ? { variable: scope.variable, local: scope.local, names }
        : { variable: scope.variable, local: scope.local, names, module: scope.module };
    if (node.condition) {
      const keep = truthy(evaluate(node.condition, inner), 'a for condition');
      if (typeof keep !== 'boolean') return keep;
      if (!keep) continue;
    }
    const result = evaluate(node.value, inner);
    if (node.key) {
      const k = objectKey(evaluate(node.key, inner));
      if (typeof k !== 'string') return k;
      if (groups !== undefined) {
        const values = groups.get(k);
        if (values === undefined) groups.set(k, [result]);
        else values.push(result);
      } else if (Object.hasOwn(object, k)) {
        // Terraform: "Two different items produced the key ... in this 'for' expression".
        return new EvalError(
          `two items of a for expression give the key "${k}" (Terraform rejects that without the grouping "...")`,
        );
      } else object[k] = result;
    } else list.push(result);
  }
  if (groups !== undefined) for (const [k, values] of groups) object[k] = values;
  return node.key ? object : list;
}

/** Evaluates a parsed expression in a scope. */
export function evaluate(node: Node, scope: Scope): Value {
  switch (node.k) {
    case 'literal':
      return node.value;
    case 'template':
      return evaluateTemplate(node.parts, scope);
    case 'reference':
      return reference(node.root, node.steps, scope);
    case 'get':
      return traverse(evaluate(node.target, scope), node.steps, scope, 'the value');
    case 'call':
      return callFunction(node, scope);
    case 'tuple':
      return node.items.map((item) => evaluate(item, scope));
    case 'object': {
      const out: Record<string, Value> = {};
      for (const item of node.items) {
        const key = objectKey(evaluate(item.key, scope));
        if (typeof key !== 'string') return key;
        out[key] = evaluate(item.value, scope);
      }
      return out;
    }
    case 'unary': {
      const arg = evaluate(node.arg, scope);
      if (node.op === '!') {
        const b = truthy(arg, 'the operand of !');
        return typeof b === 'boolean' ? !b : b;
      }
      const n = numeric(arg);
      return typeof n === 'number' ? -n : n;
    }
    case 'binary':
      return binary(node.op, node.left, node.right, scope);
    case 'conditional': {
      const test = truthy(evaluate(node.test, scope), 'a condition');
      if (typeof test !== 'boolean') return test;
      return evaluate(test ? node.then : node.else, scope);
    }
    case 'for':
      return forExpression(node, scope);
    default:
      return unknownBecause(`${node.what} is not evaluated here (check the plan)`);
  }
}

function callFunction(node: Extract<Node, { k: 'call' }>, scope: Scope): Value {
  const name = node.name;
  if (name === 'try' || name === 'can') {
    for (const arg of node.args) {
      const value = evaluate(arg, scope);
      if (value instanceof EvalError) continue;
      if (name === 'can') return isUnknown(value) ? value : true;
      return value;
    }
    return name === 'can' ? false : new EvalError('no argument of try() could be evaluated');
  }
  const fn = Object.hasOwn(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
  if (!fn) return unknownBecause(`the function ${name}() is not evaluated here (check the plan)`);
  let args = node.args.map((arg) => evaluate(arg, scope));
  if (node.expand) {
    const last = args[args.length - 1];
    if (!isList(last)) return blocker([last]) ?? new EvalError('... needs a list');
    args = [...args.slice(0, -1), ...last];
  }
  const stop = args.find((a) => a instanceof EvalError);
  if (stop !== undefined) return stop;
  if (elementsOf(args) > MAX_EVALUATED_ELEMENTS) return unknownBecause(`${name}() over ${TOO_LARGE}`);
  return fn(args);
}
