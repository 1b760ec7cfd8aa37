/**
 * The structure of a Terraform JSON file (hand-written `*.tf.json` or cdktf's `cdk.tf.json`), checked
 * before anything is read from it (plain checks in document.ts and expand.ts accept well-formed input
 * first; these zod schemas, built on first use, decide the rest and name what is wrong): block types at the top, labels as nested objects, a body
 * as an object or an array of objects (HCL's JSON syntax allows both at every level), meta-arguments
 * of the right shape, cdktf's `"//"` metadata and this toolkit's in-code suppressions. Anything else is
 * one error line naming the file, the JSON path and what was expected. Attribute values are left to
 * the expression reader. Source: Terraform "JSON Configuration Syntax" and the HCL JSON specification.
 */
import type { ZodType, z } from 'zod';
import { InventoryInputError } from '../errors';
import type { Z } from '../lazy-schema';
import { lazySchema } from '../lazy-schema';
import type { JsonObject } from './json-object';
import { isJsonObject } from './json-object';
import type { MetaArgument } from './plain-shapes';

export { isJsonObject } from './json-object';
export type { JsonObject } from './json-object';

export type { MetaArgument } from './plain-shapes';

/**
 * The block types a Terraform JSON file may hold at its top, in the schema's order (a test checks
 * that they are the keys of `terraformJsonSchemas().document`).
 */
export const TOP_LEVEL_KEYS: readonly string[] = [
  '//',
  'terraform',
  'provider',
  'variable',
  'locals',
  'resource',
  'data',
  'ephemeral',
  'module',
  'output',
  'moved',
  'import',
  'removed',
  'check',
];

/** The schemas, built on first use (see lazy-schema.ts). */
export const terraformJsonSchemas = lazySchema(buildSchemas);

function buildSchemas(z: Z) {
  /** An object, checked without copying it (bodies can be large). */
  const object = (what: string) => z.custom<JsonObject>(isJsonObject, { error: `expected ${what}` });

  /** One item or an array of them: the JSON syntax's two forms of a block. */
  function oneOrMany<T extends ZodType>(item: T, what: string) {
    return z.union([item, z.array(item)], { error: `expected ${what}` });
  }

  /** Blocks with `labels` labels: objects keyed by each label, then a body (or an array of bodies). */
  function labeled(labels: readonly string[], body: ZodType): ZodType {
    if (labels.length === 0) return body;
    const [label, ...rest] = labels;
    return oneOrMany(
      z.record(z.string(), labeled(rest, body)),
      `an object of blocks by ${label}, or an array of such objects`,
    );
  }

  const resourceBody = oneOrMany(
    object('a block body (an object)'),
    'a block body: an object, or an array of objects',
  );

  /** This toolkit's suppressions on a resource: `"//": {"acr-iac": {"suppressions": [...]}}`. */
  const SUPPRESSIONS_SCHEMA = z.strictObject({
    suppressions: z.array(
      z
        .strictObject({ ruleId: z.string().optional(), id: z.string().optional(), reason: z.string() })
        .refine((s) => s.ruleId !== undefined || s.id !== undefined, { error: 'expected a ruleId' }),
    ),
  });

  /** `"//"` on a resource: a comment, or cdktf's metadata object (with this toolkit's suppressions). */
  const COMMENT = z.union(
    [
      z.string(),
      z.looseObject({
        metadata: z.looseObject({ path: z.string().optional(), uniqueId: z.string().optional() }).optional(),
        'acr-iac': SUPPRESSIONS_SCHEMA.optional(),
      }),
    ],
    { error: 'expected a comment string or a metadata object' },
  );

  /** A `dynamic "<block>"` body. */
  const DYNAMIC_BODY = z.looseObject({
    for_each: z.custom((v) => v !== undefined, {
      error: 'expected for_each (a collection or an expression string)',
    }),
    iterator: z.string().optional(),
    labels: z.array(z.string()).optional(),
    content: oneOrMany(
      object('a block body (an object)'),
      'a content body: an object, or an array of one object',
    ),
  });

  /** The `dynamic` key of a body: dynamic blocks by block type. */
  const DYNAMIC_BLOCKS = oneOrMany(
    z.record(
      z.string(),
      oneOrMany(
        DYNAMIC_BODY,
        'a dynamic block body (an object with for_each and content), or an array of them',
      ),
    ),
    'an object of dynamic blocks by block type, or an array of such objects',
  );

  /** Meta-arguments of a resource body and their shapes (checked when present). */
  const META_ARGUMENTS: Readonly<Record<MetaArgument, ZodType>> = {
    '//': COMMENT,
    count: z.union([z.number().int().nonnegative(), z.string()], {
      error: 'expected a whole number or an expression string',
    }),
    for_each: z.union([z.string(), z.array(z.unknown()), object('a map')], {
      error: 'expected a map, a set, or an expression string',
    }),
    depends_on: z.array(z.string(), { error: 'expected an array of references' }),
    provider: z.string({ error: 'expected a provider reference string' }),
    lifecycle: oneOrMany(
      z.looseObject({
        prevent_destroy: z.union([z.boolean(), z.string()], { error: 'expected true or false' }).optional(),
      }),
      'a lifecycle block (an object)',
    ),
    dynamic: DYNAMIC_BLOCKS,
  };

  const VARIABLE_BODY = oneOrMany(
    z.strictObject({
      '//': z.unknown().optional(),
      default: z.unknown().optional(),
      type: z.string({ error: 'expected a type expression string' }).optional(),
      description: z.string().optional(),
      sensitive: z.union([z.boolean(), z.string()]).optional(),
      nullable: z.union([z.boolean(), z.string()]).optional(),
      ephemeral: z.union([z.boolean(), z.string()]).optional(),
      validation: z.unknown().optional(),
    }),
    'a variable body (an object)',
  );

  const MODULE_BODY = oneOrMany(
    z.looseObject({ source: z.string({ error: 'expected the module source string' }) }),
    'a module body (an object with a source)',
  );

  const ANY_BLOCK = oneOrMany(object('an object'), 'an object, or an array of objects');

  /** An `output` body: `value` is required (Terraform: "The argument \"value\" is required"). */
  const OUTPUT_BODY = oneOrMany(
    z
      .looseObject({}, { error: 'expected an output body (an object with a value)' })
      .refine((body) => Object.hasOwn(body, 'value'), { error: 'expected an output body with a value' }),
    'an output body (an object with a value)',
  );

  /** The top level of a Terraform JSON file. */
  const DOCUMENT_SCHEMA = z.strictObject(
    {
      '//': z.unknown().optional(),
      terraform: ANY_BLOCK.optional(),
      provider: labeled(['name'], ANY_BLOCK).optional(),
      variable: labeled(['name'], VARIABLE_BODY).optional(),
      locals: ANY_BLOCK.optional(),
      resource: labeled(['type', 'name'], resourceBody).optional(),
      data: labeled(['type', 'name'], resourceBody).optional(),
      ephemeral: labeled(['type', 'name'], resourceBody).optional(),
      module: labeled(['name'], MODULE_BODY).optional(),
      output: labeled(['name'], OUTPUT_BODY).optional(),
      moved: ANY_BLOCK.optional(),
      import: ANY_BLOCK.optional(),
      removed: ANY_BLOCK.optional(),
      check: ANY_BLOCK.optional(),
    },
    { error: 'expected a Terraform JSON object' },
  );

  return {
    /** This toolkit's suppressions on a resource (`"//": {"acr-iac": ...}`). */
    suppressions: SUPPRESSIONS_SCHEMA,
    /** The `dynamic` key of a body. */
    dynamicBlocks: DYNAMIC_BLOCKS,
    /** Each meta-argument's shape. */
    metaArguments: META_ARGUMENTS,
    /** The top level of a file. */
    document: DOCUMENT_SCHEMA,
  };
}

type Issue = z.core.$ZodIssue;

/** The issue that got furthest into the value, with its full path. */
function deepest(
  issues: readonly Issue[],
  prefix: readonly PropertyKey[],
): { issue: Issue; path: PropertyKey[] } {
  let best: { issue: Issue; path: PropertyKey[] } | undefined;
  for (const issue of issues) {
    let candidate = { issue, path: [...prefix, ...issue.path] };
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      const branches = issue.errors.map((branch) => deepest(branch, candidate.path));
      const furthest = branches.reduce((a, b) => (b.path.length > a.path.length ? b : a));
      if (furthest.path.length > candidate.path.length) candidate = furthest;
    }
    if (!best || candidate.path.length > best.path.length) best = candidate;
  }
  return best as { issue: Issue; path: PropertyKey[] };
}

/** A JSON path for messages: `resource.azurerm_container_registry.acr[0].dynamic`. */
export function jsonPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else {
      const text = String(key);
      out += /^[A-Za-z0-9_-]+$/.test(text) ? `${out ? '.' : ''}${text}` : `[${JSON.stringify(text)}]`;
    }
  }
  return out;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return 'a string';
  return `a ${typeof value}`;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key as string];
  }
  return value;
}

/** `a` or `an` before a type name (`an object`, `a string`). */
function article(name: string): string {
  return /^[aeiou]/.test(name) ? `an ${name}` : `a ${name}`;
}

/** What an issue expected; `topLevel` when it is about the document's own keys. */
function expectation(issue: Issue, topLevel: boolean): string {
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((k) => JSON.stringify(k)).join(', ');
    // Only the document's top level has a known list of keys to offer.
    return topLevel
      ? `unexpected ${keys} (expected one of ${TOP_LEVEL_KEYS.filter((k) => k !== '//').join(', ')})`
      : `unexpected ${keys}`;
  }
  if (issue.code === 'invalid_type') {
    if (issue.message.startsWith('expected ')) return issue.message;
    return issue.expected === 'undefined'
      ? 'unexpected key'
      : `expected ${issue.expected === 'nonoptional' ? 'a value' : article(issue.expected)}`;
  }
  if (issue.code === 'too_small' && !issue.message.startsWith('expected '))
    return `expected at least ${String(issue.minimum)}`;
  if (issue.code === 'too_big' && !issue.message.startsWith('expected '))
    return `expected at most ${String(issue.maximum)}`;
  return issue.message.startsWith('expected ') ? issue.message : `expected ${issue.message}`;
}

/**
 * Checks `value` against `schema`; throws one InventoryInputError line `<file>: <path>: expected ...
 * (got ...)` naming the deepest place that is wrong. `at` is the path of `value` inside the file.
 */
export function checkShape(
  schema: ZodType,
  value: unknown,
  file: string,
  at: readonly PropertyKey[] = [],
): void {
  const result = schema.safeParse(value);
  if (result.success) return;
  const { issue, path } = deepest(result.error.issues, []);
  const full = [...at, ...path];
  const unrecognized = issue.code === 'unrecognized_keys';
  const got = unrecognized ? '' : ` (got ${describe(valueAt(value, path))})`;
  const where = jsonPath(full) || 'the top level';
  throw new InventoryInputError(`${file}: ${where}: ${expectation(issue, full.length === 0)}${got}`);
}
