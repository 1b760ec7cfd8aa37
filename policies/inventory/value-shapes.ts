/**
 * The JSON types of the values the inventory judges, checked before they are read: a value of the
 * wrong JSON type (an object for a bool, a string for a list of blocks) is input the checker does not
 * understand, so it stops with exit 2 naming where, rather than read the value as absent or unknown
 * and judge on that. What may stand for a value is accepted: UNKNOWN, a `${...}` expression, and in a
 * configuration a string for a bool or a number and a scalar for a string (Terraform converts "true",
 * "7" and 7; a value it cannot convert is its own error at plan time, read as unknown here). A plan
 * or a Pulumi state (`strict`) holds scalars of their exact types, and lists of blocks without nulls.
 * A nested block may be one object or a list in both: a plan writes a single-nested block (the plugin
 * framework's) as an object.
 */
import { InventoryInputError } from './errors';
import { isUnknown } from './types';

/** The JSON type a value must have. */
export type ValueShape =
  | 'bool'
  | 'number'
  | 'string'
  /** A list of strings (or of scalars Terraform converts to strings). */
  | 'strings'
  /** An object whose every value is a string (a map of strings, such as environment variables). */
  | 'stringMap'
  /** One block (an object) or a list of them; `fields` the shapes inside. */
  | { readonly blocks: ValueShapes }
  /** One object; `fields` the shapes inside. */
  | { readonly object: ValueShapes };

/** Shapes by attribute name. */
export type ValueShapes = Readonly<Record<string, ValueShape>>;

/**
 * How values are read: `plain` unwraps one first (a Pulumi secret); `strict` for typed values (a
 * plan, a Pulumi state); `lists` when nested blocks are always lists (Pulumi's object arrays).
 */
export interface How {
  readonly plain: (v: unknown) => unknown;
  readonly strict: boolean;
  readonly lists: boolean;
}

/** A Terraform configuration's values (the default). */
export const CONFIGURATION: How = { plain: (v) => v, strict: false, lists: false };

/** A plan's values: exact scalar types. */
export const PLAN_VALUES: How = { ...CONFIGURATION, strict: true };

/** How a value's JSON type is named in a message. */
function jsonTypeOf(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

const EXPECTED: Readonly<Record<'bool' | 'number' | 'string' | 'strings' | 'stringMap', string>> = {
  bool: 'a bool (true or false)',
  number: 'a number',
  string: 'a string',
  strings: 'a list of strings',
  stringMap: 'an object of strings',
};

/** True for what stands for a value of any shape: UNKNOWN, a `${...}` expression. */
function standsIn(value: unknown): boolean {
  return isUnknown(value) || (typeof value === 'string' && value.includes('${'));
}

/** True when a scalar `v` has the type `shape` asks for (a configuration converts scalars). */
function scalarFits(v: unknown, shape: 'bool' | 'number' | 'string', strict: boolean): boolean {
  const type = typeof v;
  if (shape === 'string') return type === 'string' || (!strict && (type === 'number' || type === 'boolean'));
  return type === (shape === 'bool' ? 'boolean' : 'number') || (!strict && type === 'string');
}

/**
 * What is wrong with `value` as `shape` (the expected text), or undefined; `path` collects where.
 * The usual value fits at once; only one that does not is asked whether it stands in for a value.
 */
function mismatch(
  value: unknown,
  shape: ValueShape,
  path: (string | number)[],
  how: How,
): string | undefined {
  const { plain, strict } = how;
  const v = plain(value);
  if (v === undefined || v === null) return undefined;
  if (typeof shape === 'string') {
    if (shape === 'stringMap') return stringMapMismatch(v, path, how);
    if (shape !== 'strings') return scalarFits(v, shape, strict) || standsIn(v) ? undefined : EXPECTED[shape];
    if (!Array.isArray(v)) return standsIn(v) ? undefined : EXPECTED.strings;
    for (let i = 0; i < v.length; i += 1) {
      const item = plain(v[i]);
      if (item === null || scalarFits(item, 'string', strict) || standsIn(item)) continue;
      path.push(i);
      return 'a string';
    }
    return undefined;
  }
  if (standsIn(v)) return undefined;
  if ('object' in shape) {
    if (typeof v !== 'object' || Array.isArray(v)) return 'an object';
    return fieldsMismatch(v as Record<string, unknown>, entriesOf(shape.object), path, how);
  }
  const isList = Array.isArray(v);
  if (how.lists && !isList) return 'a list of objects';
  if (!isList && typeof v !== 'object') return 'a block (an object) or a list of blocks';
  const fields = entriesOf(shape.blocks);
  const list = isList ? v : [v];
  for (let i = 0; i < list.length; i += 1) {
    const block = plain(list[i]);
    if ((block === null && !strict) || standsIn(block)) continue;
    if (isList) path.push(i);
    if (typeof block !== 'object' || block === null || Array.isArray(block)) return 'a block (an object)';
    const inner = fieldsMismatch(block as Record<string, unknown>, fields, path, how);
    if (inner) return inner;
    if (isList) path.pop();
  }
  return undefined;
}

/** What is wrong with `v` as an object of strings, or undefined (see `mismatch`). */
function stringMapMismatch(v: unknown, path: (string | number)[], how: How): string | undefined {
  if (standsIn(v)) return undefined;
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return EXPECTED.stringMap;
  for (const key of Object.keys(v)) {
    const item = how.plain((v as Record<string, unknown>)[key]);
    if (item === null || scalarFits(item, 'string', how.strict) || standsIn(item)) continue;
    path.push(key);
    return 'a string';
  }
  return undefined;
}

/** The shapes as a list, made once per table: every resource of an input is checked. */
const ENTRIES = new WeakMap<ValueShapes, readonly (readonly [string, ValueShape])[]>();

function entriesOf(shapes: ValueShapes): readonly (readonly [string, ValueShape])[] {
  let entries = ENTRIES.get(shapes);
  if (!entries) {
    entries = Object.entries(shapes);
    ENTRIES.set(shapes, entries);
  }
  return entries;
}

function fieldsMismatch(
  record: Readonly<Record<string, unknown>>,
  fields: readonly (readonly [string, ValueShape])[],
  path: (string | number)[],
  how: How,
): string | undefined {
  for (let i = 0; i < fields.length; i += 1) {
    const [key, shape] = fields[i];
    const value = record[key];
    if (value === undefined) continue;
    path.push(key);
    const wrong = mismatch(value, shape, path, how);
    if (wrong) return wrong;
    path.pop();
  }
  return undefined;
}

/**
 * Throws an InventoryInputError (`<where>.<path>: expected <shape>, got <type>`) when a value of
 * `values` named in `shapes` has the wrong JSON type, read as `how` says (`where` is built only then).
 */
export function checkValueShapes(
  values: Readonly<Record<string, unknown>>,
  shapes: ValueShapes,
  where: () => string,
  how: How = CONFIGURATION,
): void {
  const path: (string | number)[] = [];
  const wrong = fieldsMismatch(values, entriesOf(shapes), path, how);
  if (wrong === undefined) return;
  let value: unknown = values;
  for (const step of path) value = (how.plain(value) as Record<string | number, unknown>)[step];
  const at = path.map((step) => (typeof step === 'number' ? `[${step}]` : `.${step}`)).join('');
  throw new InventoryInputError(`${where()}${at}: expected ${wrong}, got ${jsonTypeOf(how.plain(value))}`);
}
