/**
 * The walk that checks a value against a declaration shape and returns a plain copy of what passed:
 * own data properties only, no prototypes, no getters run twice. Shape problems (a missing property,
 * a wrong type, an unknown property) leave nothing the rules could read; text problems (a control
 * character, `${`) leave a value of the right type, which the rules still judge.
 */
import { ProblemList } from './problems';
import type { AnyShape, Field } from './shape';
import { text } from './shape';
import { closest, describeType, propertyPath, quoted, textProblem } from './validators';

const ARTICLES: Readonly<Record<AnyShape['kind'], string>> = {
  string: 'a string',
  number: 'a finite number',
  boolean: 'true or false',
  record: 'an object of strings',
  array: 'an array',
  object: 'an object',
  union: 'an object',
};

/** Most items any list of a declaration may hold (Premium allows 50,000 tokens). */
const MAX_ITEMS = 100_000;

/**
 * What the walk finds: `shape` problems (a missing property, a wrong type, an unknown property) leave
 * nothing the rules could read; `text` problems (a control character, `${`) leave a value of the right
 * type, which the rules still judge.
 */
interface Problems {
  readonly shape: ProblemList;
  readonly text: ProblemList;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function errorText(error: unknown): string {
  return error instanceof Error ? quoted(error.message) : describeType(error);
}

/** Own enumerable string keys; a problem instead of an exception when the object refuses to list them. */
function ownKeys(value: object, path: string, problems: Problems): string[] {
  try {
    return Object.keys(value);
  } catch (error) {
    problems.shape.add(path, `its properties cannot be read (${errorText(error)})`, 'export plain data');
    return [];
  }
}

/** The own property `key` of `value` (never an inherited one); a problem when reading it throws. */
function ownValue(value: Record<string, unknown>, key: string, path: string, problems: Problems): unknown {
  try {
    return Object.prototype.hasOwnProperty.call(value, key) ? value[key] : undefined;
  } catch (error) {
    problems.shape.add(
      `${path}${propertyPath(key)}`,
      `reading it failed (${errorText(error)})`,
      'export plain data',
    );
    return undefined;
  }
}

function wrongType(value: unknown, shape: AnyShape, path: string, problems: Problems): undefined {
  const notPlain = typeof value === 'object' && value !== null && !Array.isArray(value) && !isObject(value);
  const got =
    typeof value === 'number' && !Number.isFinite(value)
      ? 'a number that is not finite'
      : notPlain
        ? 'an object that is not plain data (a Map, a Date, a class instance)'
        : describeType(value);
  problems.shape.add(path, `expected ${ARTICLES[shape.kind]}, got ${got}`, `write ${ARTICLES[shape.kind]}`);
  return undefined;
}

/** Records a text problem of `value`, which is kept: its type is right, so the rules can still judge it. */
function checkString(value: string, path: string, problems: Problems): string {
  const problem = textProblem(value);
  if (problem !== undefined)
    problems.text.add(path, `${quoted(value)} ${problem}`, 'use plain, printable text without "${" or "%{"');
  return value;
}

/** Checks `value` against `shape` and returns a plain copy of it (incomplete after a shape problem). */
function walk(value: unknown, shape: AnyShape, path: string, problems: Problems): unknown {
  switch (shape.kind) {
    case 'string':
      return typeof value === 'string'
        ? checkString(value, path, problems)
        : wrongType(value, shape, path, problems);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value)
        ? value
        : wrongType(value, shape, path, problems);
    case 'boolean':
      return typeof value === 'boolean' ? value : wrongType(value, shape, path, problems);
    case 'array':
      return Array.isArray(value)
        ? walkArray(value, shape.element, path, problems)
        : wrongType(value, shape, path, problems);
    case 'record':
      return isObject(value) ? walkRecord(value, path, problems) : wrongType(value, shape, path, problems);
    case 'object':
      return isObject(value)
        ? walkObject(value, shape.fields, path, problems)
        : wrongType(value, shape, path, problems);
    case 'union':
      return isObject(value)
        ? walkUnion(value, shape.options, path, problems)
        : wrongType(value, shape, path, problems);
  }
}

function walkArray(value: readonly unknown[], element: AnyShape, path: string, problems: Problems): unknown {
  if (value.length > MAX_ITEMS) {
    problems.shape.add(
      path,
      `${value.length} items are more than any Azure limit`,
      `keep at most ${MAX_ITEMS} items`,
    );
    return undefined;
  }
  return Array.from({ length: value.length }, (_, i) => walk(value[i], element, `${path}[${i}]`, problems));
}

function walkRecord(value: Record<string, unknown>, path: string, problems: Problems): unknown {
  const entries: [string, unknown][] = [];
  for (const key of ownKeys(value, path, problems)) {
    const at = `${path}${propertyPath(key)}`;
    const problem = textProblem(key);
    if (problem !== undefined)
      problems.text.add(at, `the name ${quoted(key)} ${problem}`, 'use plain, printable text');
    entries.push([key, walk(ownValue(value, key, path, problems), text, at, problems)]);
  }
  // fromEntries defines own properties, so even a `__proto__` key stays an ordinary entry.
  return Object.fromEntries(entries);
}

function walkObject(
  value: Record<string, unknown>,
  fields: Readonly<Record<string, Field<AnyShape>>>,
  path: string,
  problems: Problems,
): unknown {
  const known = Object.keys(fields);
  for (const key of ownKeys(value, path, problems)) {
    if (Object.prototype.hasOwnProperty.call(fields, key)) continue;
    const meant = closest(key, known);
    problems.shape.add(
      `${path}${propertyPath(key)}`,
      `unknown property ${quoted(key)}${meant === undefined ? '' : ` (did you mean "${meant}"?)`}`,
      `remove it; the properties here are ${known.join(', ')}`,
    );
  }
  const copy: [string, unknown][] = [];
  for (const key of known) {
    const field = fields[key];
    const at = `${path}${propertyPath(key)}`;
    const item = ownValue(value, key, path, problems);
    if (item === undefined) {
      if (!field.optional)
        problems.shape.add(at, `${key} is required (${ARTICLES[field.shape.kind]})`, `add ${key}`);
      continue;
    }
    copy.push([key, walk(item, field.shape, at, problems)]);
  }
  return Object.fromEntries(copy);
}

function walkUnion(
  value: Record<string, unknown>,
  options: Readonly<Record<string, AnyShape>>,
  path: string,
  problems: Problems,
): unknown {
  const kinds = Object.keys(options);
  const type = ownValue(value, 'type', path, problems);
  if (typeof type !== 'string' || !kinds.includes(type)) {
    problems.shape.add(
      `${path}.type`,
      type === undefined ? 'type is missing' : `type ${quoted(type)} is unknown`,
      `use one of ${kinds.map((k) => `"${k}"`).join(', ')}`,
    );
    return undefined;
  }
  return walk(value, options[type], path, problems);
}

/** What `walkShape` found: the plain copy, and the problems by kind, with paths from the root (`.a.b[0]`). */
export interface ShapeWalk {
  readonly copy: unknown;
  readonly shape: ProblemList;
  readonly text: ProblemList;
}

/** Checks `value` against `shape` (see the file comment). */
export function walkShape(value: unknown, shape: AnyShape): ShapeWalk {
  const problems: Problems = { shape: new ProblemList(), text: new ProblemList() };
  const copy = walk(value, shape, '', problems);
  return { copy, shape: problems.shape, text: problems.text };
}
