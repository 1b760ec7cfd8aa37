/**
 * The pure Terraform functions evaluated here (`lookup`, `concat`, `merge`, ...), with the bounds on what
 * they take and build. A function not listed stays UNKNOWN (check the plan).
 */
import { isUnknown, unknownBecause } from '../types';
import type { Value } from './values';
import { timeadd, timestamp } from './time-functions';
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

/**
 * Terraform's `title`: cty's `TitleFunc` is Go's `strings.Title`, which upper-cases every letter that
 * follows a separator (the start counts as one); among ASCII characters every one but letters,
 * digits and `_` separates words (`title("hello world")` is `Hello World`, `title("premium")` is
 * `Premium`). Beyond ASCII, Go's rules (Unicode letters, spaces, title case) are not JavaScript's:
 * such a text is unknown, never a guess.
 */
function title(text: string): Value {
  // eslint-disable-next-line no-control-regex
  if (!/^[\x00-\x7f]*$/.test(text))
    return unknownBecause('title() of a text beyond ASCII is not evaluated here (check the plan)');
  let out = '';
  let afterSeparator = true;
  for (const char of text) {
    out += afterSeparator ? char.toUpperCase() : char;
    afterSeparator = !/[0-9A-Za-z_]/.test(char);
  }
  return out;
}

/** A function: its evaluated arguments to its value. */
type Fn = (args: Value[]) => Value;

/**
 * Most elements a function evaluated here takes or builds, and the longest string a template builds.
 * A few locals that double a list or a string (`concat(local.a, local.a)`) reach billions of elements
 * from a small file; beyond these bounds the value is unknown (check the plan), never a hang or a crash.
 */
export const MAX_EVALUATED_ELEMENTS = 10_000;
export const MAX_EVALUATED_TEXT = 1_000_000;

export const TOO_LARGE = `more than ${MAX_EVALUATED_ELEMENTS} elements, which the checker does not evaluate (check the plan)`;

/** The elements of a call's list and map arguments, top level. */
export function elementsOf(args: readonly Value[]): number {
  let n = 0;
  for (const arg of args) {
    if (isList(arg)) n += arg.length;
    else if (isObjectValue(arg)) n += Object.keys(arg).length;
  }
  return n;
}

/** JSON text of a settled value with a reference as its `${...}` text, keys in lexical order (cty's). */
function jsonOf(value: Value): string {
  if (isList(value)) return `[${value.map(jsonOf).join(',')}]`;
  if (isObjectValue(value))
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${jsonOf(value[k])}`)
      .join(',')}}`;
  return JSON.stringify(value instanceof Ref ? `\${${value.text}}` : value);
}

/**
 * Terraform's `jsonencode`: object keys in lexical order, and `<`, `>`, `&`, U+2028, U+2029 written as
 * `\u` escapes ("jsonencode Function", developer.hashicorp.com/terraform/language/functions/jsonencode).
 * An azapi 1.x `body = jsonencode({...})` is read through it.
 */
function jsonencode(value: Value): Value {
  const stop = innerBlocker(value, false);
  if (stop !== undefined) return stop;
  return jsonOf(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** Pure functions whose result the configuration decides; their arguments must be settled unless noted. */
export const FUNCTIONS: Readonly<Record<string, Fn>> = {
  timestamp,
  timeadd,
  jsonencode: ([value]) => jsonencode(value),
  lookup: ([map, key, fallback]) => {
    if (!isObjectValue(map) || typeof key !== 'string')
      return blocker([map, key]) ?? new EvalError('lookup needs a map and a key');
    if (Object.hasOwn(map, key)) return map[key];
    return fallback === undefined ? new EvalError(`the map has no key "${key}"`) : fallback;
  },
  length: ([value]) => {
    if (typeof value === 'string') return [...value].length;
    if (isList(value)) return value.length;
    if (isObjectValue(value)) return Object.keys(value).length;
    return blocker([value]) ?? new EvalError('length needs a string, a list or a map');
  },
  coalesce: (args) => {
    for (const arg of args) {
      const stop = blocker([arg]);
      if (stop !== undefined) return stop;
      if (arg !== null && arg !== '') return arg;
    }
    return new EvalError('coalesce found no value that is not null or empty');
  },
  tostring: ([value]) => (value === null ? null : templatePart(value)),
  tonumber: ([value]) => (value === null ? null : numeric(value)),
  tobool: ([value]) => (value === null ? null : truthy(value, 'tobool')),
  tolist: ([value]) => value,
  toset: ([value]) =>
    isList(value) ? value.filter((v, i) => value.findIndex((w) => sameValue(v, w)) === i) : value,
  tomap: ([value]) => value,
  lower: ([value]) =>
    typeof value === 'string'
      ? value.toLowerCase()
      : (blocker([value]) ?? new EvalError('lower needs a string')),
  upper: ([value]) =>
    typeof value === 'string'
      ? value.toUpperCase()
      : (blocker([value]) ?? new EvalError('upper needs a string')),
  title: ([value]) =>
    typeof value === 'string' ? title(value) : (blocker([value]) ?? new EvalError('title needs a string')),
  contains: ([list, item]) => {
    if (!isList(list)) return blocker([list]) ?? new EvalError('contains needs a list');
    const stop = innerBlocker(item);
    return stop ?? list.some((v) => sameValue(v, item));
  },
  concat: (lists) => {
    const out: Value[] = [];
    for (const list of lists) {
      if (!isList(list)) return blocker([list]) ?? new EvalError('concat needs lists');
      // A loop, not push(...list): a spread passes every element as an argument, on the stack.
      for (const item of list) out.push(item);
    }
    return out;
  },
  merge: (maps) => {
    const out: Record<string, Value> = {};
    for (const map of maps) {
      if (map === null) continue;
      if (!isObjectValue(map)) return blocker([map]) ?? new EvalError('merge needs maps');
      Object.assign(out, map);
    }
    return out;
  },
  keys: ([map]) =>
    isObjectValue(map) ? Object.keys(map).sort() : (blocker([map]) ?? new EvalError('keys needs a map')),
  values: ([map]) =>
    isObjectValue(map)
      ? Object.keys(map)
          .sort()
          .map((k) => map[k])
      : (blocker([map]) ?? new EvalError('values needs a map')),
  flatten: ([list]) => {
    if (!isList(list)) return blocker([list]) ?? new EvalError('flatten needs a list');
    const out: Value[] = [];
    const add = (items: readonly Value[]): Value | undefined => {
      for (const item of items) {
        if (isList(item)) {
          const stop = add(item);
          if (stop !== undefined) return stop;
        } else if (isUnknown(item) || item instanceof EvalError) return item;
        else if (out.length >= MAX_EVALUATED_ELEMENTS) return unknownBecause(`flatten() makes ${TOO_LARGE}`);
        else out.push(item);
      }
      return undefined;
    };
    return add(list) ?? out;
  },
  join: ([separator, list]) => {
    if (typeof separator !== 'string' || !isList(list))
      return blocker([separator, list]) ?? new EvalError('join needs a separator and a list');
    const parts = list.map((v) => templatePart(v));
    const stop = parts.find((p) => typeof p !== 'string');
    return stop !== undefined ? (stop as Value) : (parts as string[]).join(separator);
  },
  format: ([spec, ...args]) => {
    if (typeof spec !== 'string') return blocker([spec]) ?? new EvalError('format needs a format string');
    let i = 0;
    let stop: Value | undefined;
    const out = spec.replace(/%%|%[sdv]/g, (m) => {
      if (m === '%%') return '%';
      const part = templatePart(args[i++] ?? null);
      if (typeof part !== 'string') stop ??= part;
      return typeof part === 'string' ? part : '';
    });
    return stop ?? out;
  },
  strcontains: ([s, sub]) =>
    typeof s === 'string' && typeof sub === 'string'
      ? s.includes(sub)
      : (blocker([s, sub]) ?? new EvalError('strcontains needs strings')),
  startswith: ([s, p]) =>
    typeof s === 'string' && typeof p === 'string'
      ? s.startsWith(p)
      : (blocker([s, p]) ?? new EvalError('startswith needs strings')),
  endswith: ([s, p]) =>
    typeof s === 'string' && typeof p === 'string'
      ? s.endsWith(p)
      : (blocker([s, p]) ?? new EvalError('endswith needs strings')),
};
