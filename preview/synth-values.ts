/**
 * What a configuration value of a synthesized stack evaluates to, as far as a diff can tell without
 * Terraform: literals as they are; `${local.x}` and `${var.x}` through the stack's `locals` and the
 * variables' `default` (also inside string templates); anything else (references to resources,
 * functions, conditionals, variables without a default) unresolved. Every local and variable a value
 * depends on is recorded, transitively, so a diff can tell whether what it could not evaluate changed.
 */
import type { JsonObject, JsonValue } from './changes';
import { isObject, sameJson } from './changes';

/** A value as far as it could be evaluated. */
export interface Resolved {
  /** The value; undefined when it could not be evaluated. */
  readonly value?: JsonValue;
  /** The locals and variables it depends on (`local.x`, `var.y`). */
  readonly dependsOn: ReadonlySet<string>;
}

/** The locals and variable defaults of one stack document. */
export interface ValueScope {
  readonly locals: JsonObject;
  readonly variables: JsonObject;
}

/** Resolution stops this deep (locals referring to locals), which also breaks cycles. */
const MAX_HOPS = 16;

/** The locals and variables of a cdk.tf.json (or hand-written .tf.json) document. */
export function scopeOf(document: JsonObject | undefined): ValueScope {
  const locals: Record<string, JsonValue> = {};
  const blocks = document?.locals;
  // JSON syntax allows `locals` as an object or a list of objects.
  for (const block of Array.isArray(blocks) ? blocks : [blocks])
    if (isObject(block)) Object.assign(locals, block);
  const variables = isObject(document?.variable) ? document.variable : {};
  return { locals, variables };
}

/** The definition a `local.x` / `var.x` name has in `scope` (a variable: its default), if any. */
export function definitionOf(scope: ValueScope, name: string): { found: boolean; value?: JsonValue } {
  const [kind, key] = name.split('.', 2);
  if (kind === 'local') {
    return Object.prototype.hasOwnProperty.call(scope.locals, key)
      ? { found: true, value: scope.locals[key] }
      : { found: false };
  }
  const variable = Object.prototype.hasOwnProperty.call(scope.variables, key)
    ? scope.variables[key]
    : undefined;
  if (!isObject(variable)) return { found: false };
  return 'default' in variable ? { found: true, value: variable.default } : { found: true };
}

const NAME = /\b(local|var)\.([A-Za-z_][A-Za-z0-9_-]*)/g;

/** The `${...}` segments of a string template, with their offsets. */
function segments(text: string): { start: number; end: number; expression: string }[] {
  const out: { start: number; end: number; expression: string }[] = [];
  let from = 0;
  for (;;) {
    const start = text.indexOf('${', from);
    if (start < 0) return out;
    let depth = 0;
    let end = -1;
    for (let i = start + 2; i < text.length; i += 1) {
      if (text[i] === '{') depth += 1;
      else if (text[i] === '}') {
        if (depth === 0) {
          end = i;
          break;
        }
        depth -= 1;
      }
    }
    if (end < 0) return out;
    out.push({ start, end: end + 1, expression: text.slice(start + 2, end).trim() });
    from = end + 1;
  }
}

/** Evaluates `value` in `scope`. */
export function resolve(value: JsonValue | undefined, scope: ValueScope, hops = 0): Resolved {
  const dependsOn = new Set<string>();
  const result = evaluate(value, scope, hops, dependsOn);
  return result === UNRESOLVED ? { dependsOn } : { value: result, dependsOn };
}

const UNRESOLVED = Symbol('unresolved');

function evaluate(
  value: JsonValue | undefined,
  scope: ValueScope,
  hops: number,
  dependsOn: Set<string>,
): JsonValue | typeof UNRESOLVED {
  if (value === undefined) return UNRESOLVED;
  if (typeof value === 'string') return evaluateString(value, scope, hops, dependsOn);
  if (Array.isArray(value)) {
    let unresolved = false;
    const out = value.map((item: JsonValue) => {
      const v = evaluate(item, scope, hops, dependsOn);
      if (v === UNRESOLVED) unresolved = true;
      return v === UNRESOLVED ? null : v;
    });
    return unresolved ? UNRESOLVED : out;
  }
  if (isObject(value)) {
    let unresolved = false;
    const out: Record<string, JsonValue> = {};
    for (const [key, item] of Object.entries(value)) {
      const v = evaluate(item, scope, hops, dependsOn);
      if (v === UNRESOLVED) unresolved = true;
      else out[key] = v;
    }
    return unresolved ? UNRESOLVED : out;
  }
  return value;
}

function evaluateString(
  text: string,
  scope: ValueScope,
  hops: number,
  dependsOn: Set<string>,
): JsonValue | typeof UNRESOLVED {
  const parts = segments(text);
  if (parts.length === 0) return text;
  let unresolved = false;
  let out = '';
  let at = 0;
  for (const part of parts) {
    out += text.slice(at, part.start);
    at = part.end;
    for (const match of part.expression.matchAll(NAME)) dependsOn.add(`${match[1]}.${match[2]}`);
    const single = /^(local|var)\.([A-Za-z_][A-Za-z0-9_-]*)$/.exec(part.expression);
    const named = single ? namedValue(`${single[1]}.${single[2]}`, scope, hops, dependsOn) : UNRESOLVED;
    // A whole-string reference keeps its value's type (a number, a map); in a template it is text.
    if (parts.length === 1 && part.start === 0 && part.end === text.length) return named;
    if (named === UNRESOLVED || (typeof named === 'object' && named !== null)) unresolved = true;
    else out += String(named);
  }
  return unresolved ? UNRESOLVED : out + text.slice(at);
}

function namedValue(
  name: string,
  scope: ValueScope,
  hops: number,
  dependsOn: Set<string>,
): JsonValue | typeof UNRESOLVED {
  const definition = definitionOf(scope, name);
  if (!definition.found || definition.value === undefined || hops >= MAX_HOPS) return UNRESOLVED;
  return evaluate(definition.value, scope, hops + 1, dependsOn);
}

/** The names among `names` whose definitions differ between the two scopes. */
export function changedDefinitions(names: Iterable<string>, base: ValueScope, head: ValueScope): string[] {
  const out: string[] = [];
  for (const name of names) {
    const a = definitionOf(base, name);
    const b = definitionOf(head, name);
    if (a.found !== b.found || !sameJson(a.value, b.value)) out.push(name);
  }
  return out.sort();
}
