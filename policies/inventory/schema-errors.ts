/**
 * Input schemas (zod) report their first problem as one line: the JSON path in the input
 * (`resource_changes[3].change.actions`) and what was expected, never the offending value (inputs
 * can hold secrets).
 */
import type { ZodError, ZodType } from 'zod';
import { InventoryInputError } from './errors';
import { elementPath, memberPath } from './json-messages';

type Issue = ZodError['issues'][number];

const TYPE_NAMES: Readonly<Record<string, string>> = {
  string: 'a string',
  number: 'a number',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
  null: 'null',
};

/** The path of an issue below `base`. */
export function issuePath(base: string, path: readonly PropertyKey[]): string {
  let out = base;
  for (const step of path)
    out = typeof step === 'number' ? elementPath(out, step) : memberPath(out, String(step));
  return out;
}

/** What an issue expected, in plain words (a schema's own "expected ..." message wins). */
export function issueMessage(issue: Issue): string {
  if (/^(expected|needs|unsupported|missing) /.test(issue.message)) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${TYPE_NAMES[issue.expected] ?? issue.expected}`;
    case 'invalid_value':
      return `expected ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'too_small':
      return issue.origin === 'string' ? 'expected a non-empty string' : issue.message;
    case 'unrecognized_keys':
      return `unknown ${issue.keys.length === 1 ? 'key' : 'keys'} ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}`;
    default:
      return issue.message;
  }
}

/** The one-line description of a zod error's first issue, below `base`. */
export function describeZodError(error: ZodError, base: string): string {
  const issue = error.issues[0];
  const path = issuePath(base, issue.path);
  return `${path === '' ? '' : `${path}: `}${issueMessage(issue)}`;
}

/** Parses `value` with `schema`; throws InventoryInputError `<shown>: <path>: <expected>` otherwise. */
export function parseWithSchema<T>(schema: ZodType<T>, value: unknown, shown: string, base: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new InventoryInputError(`${shown}: ${describeZodError(parsed.error, base)}`);
  return parsed.data;
}

/**
 * The `error` option of a schema: "missing (expected <what>)" when the key is absent, else
 * "expected <what>".
 */
export function expecting(what: string): { error: (issue: { readonly input?: unknown }) => string } {
  return {
    error: (issue) => (issue.input === undefined ? `missing (expected ${what})` : `expected ${what}`),
  };
}

/** True for a plain JSON object (not null, not a list). */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
