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
interface How {
  readonly plain: (v: unknown) => unknown;
  readonly strict: boolean;
  readonly lists: boolean;
}

/** How a value's JSON type is named in a message. */
function jsonTypeOf(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

const EXPECTED: Readonly<Record<'bool' | 'number' | 'string' | 'strings', string>> = {
  bool: 'a bool (true or false)',
  number: 'a number',
  string: 'a string',
  strings: 'a list of strings',
};

/** True for what stands for a value of any shape: UNKNOWN, a `${...}` expression. */
function standsIn(value: unknown): boolean {
  return isUnknown(value) || (typeof value === 'string' && value.includes('${'));
}

function isScalar(value: unknown): boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/** What is wrong with `value` as `shape` (the expected text), or undefined; `path` collects where. */
function mismatch(value: unknown, shape: ValueShape, path: string[], how: How): string | undefined {
  const { plain, strict } = how;
  const v = plain(value);
  if (v === undefined || v === null || standsIn(v)) return undefined;
  switch (shape) {
    case 'bool':
      return typeof v === 'boolean' || (!strict && typeof v === 'string') ? undefined : EXPECTED.bool;
    case 'number':
      return typeof v === 'number' || (!strict && typeof v === 'string') ? undefined : EXPECTED.number;
    case 'string':
      return typeof v === 'string' || (!strict && isScalar(v)) ? undefined : EXPECTED.string;
    case 'strings': {
      if (!Array.isArray(v)) return EXPECTED.strings;
      for (let i = 0; i < v.length; i += 1) {
        const item = plain(v[i]);
        if (item !== null && !standsIn(item) && (strict ? typeof item !== 'string' : !isScalar(item))) {
          path.push(`[${i}]`);
          return 'a string';
        }
      }
      return undefined;
    }
    default:
      break;
  }
  if ('object' in shape) {
    if (typeof v !== 'object' || Array.isArray(v)) return 'an object';
    return fieldsMismatch(v as Record<string, unknown>, shape.object, path, how);
  }
  const list = Array.isArray(v) ? v : [v];
  if (how.lists && !Array.isArray(v)) return 'a list of objects';
  if (!Array.isArray(v) && typeof v !== 'object') return 'a block (an object) or a list of blocks';
  for (let i = 0; i < list.length; i += 1) {
    const block = plain(list[i]);
    if ((block === null && !strict) || standsIn(block)) continue;
    if (Array.isArray(v)) path.push(`[${i}]`);
    if (typeof block !== 'object' || block === null || Array.isArray(block)) return 'a block (an object)';
    const inner = fieldsMismatch(block as Record<string, unknown>, shape.blocks, path, how);
    if (inner) return inner;
    if (Array.isArray(v)) path.pop();
  }
  return undefined;
}

function fieldsMismatch(
  record: Readonly<Record<string, unknown>>,
  shapes: ValueShapes,
  path: string[],
  how: How,
): string | undefined {
  for (const key in shapes) {
    const value = record[key];
    if (value === undefined) continue;
    path.push(`.${key}`);
    const wrong = mismatch(value, shapes[key], path, how);
    if (wrong) return wrong;
    path.pop();
  }
  return undefined;
}

/**
 * Throws an InventoryInputError (`<where>.<path>: expected <shape>, got <type>`) when a value of
 * `values` named in `shapes` has the wrong JSON type. `plain` unwraps a value first (a Pulumi secret);
 * `strict` for a plan, whose values have their exact types; `lists` for Pulumi inputs.
 */
export function checkValueShapes(
  values: Readonly<Record<string, unknown>>,
  shapes: ValueShapes,
  where: string,
  options: Partial<How> = {},
): void {
  const how: How = {
    plain: options.plain ?? ((v) => v),
    strict: options.strict ?? false,
    lists: options.lists ?? false,
  };
  const path: string[] = [];
  const wrong = fieldsMismatch(values, shapes, path, how);
  if (wrong === undefined) return;
  let value: unknown = values;
  for (const step of path) {
    const v = how.plain(value) as Record<string, unknown> | unknown[];
    value = step.startsWith('[')
      ? (v as unknown[])[Number(step.slice(1, -1))]
      : (v as Record<string, unknown>)[step.slice(1)];
  }
  throw new InventoryInputError(
    `${where}${path.join('')}: expected ${wrong}, got ${jsonTypeOf(how.plain(value))}`,
  );
}
