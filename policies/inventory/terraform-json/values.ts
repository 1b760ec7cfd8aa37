/**
 * The values Terraform expressions evaluate to here, and the checks on them that evaluation and the
 * functions share: a reference known at apply (`Ref`), an error Terraform would report (`EvalError`),
 * UNKNOWN, and JSON values.
 */
import type { Unknown } from '../types';
import { isUnknown, unknownBecause } from '../types';

/** A resource or data source attribute, known when the plan or apply computes it: `azurerm_x.y.id`. */
export class Ref {
  constructor(readonly text: string) {}
}

/** An expression Terraform would reject (a missing attribute, a type mismatch); `try()` catches it. */
export class EvalError {
  constructor(readonly message: string) {}
}

/** A JSON value. */
export type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };

/** What an expression evaluates to. */
export type Value =
  | null
  | boolean
  | number
  | string
  | readonly Value[]
  | { readonly [key: string]: Value }
  | Unknown
  | Ref
  | EvalError;

/** True for a plain object value (not a list, UNKNOWN, Ref or error). */
export function isObjectValue(value: Value): value is { readonly [key: string]: Value } {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof Ref) &&
    !(value instanceof EvalError) &&
    !isUnknown(value)
  );
}

export function isList(value: Value): value is readonly Value[] {
  return Array.isArray(value);
}

/** The first operand that stops evaluation (an error, then an UNKNOWN, then a reference), if any. */
export function blocker(values: readonly Value[]): Value | undefined {
  const error = values.find((v) => v instanceof EvalError);
  if (error !== undefined) return error;
  const unknown = values.find((v) => isUnknown(v));
  if (unknown !== undefined) return unknown;
  const ref = values.find((v) => v instanceof Ref) as Ref | undefined;
  return ref
    ? unknownBecause(`it depends on ${ref.text}, known only when Terraform plans or applies`)
    : undefined;
}

/** `value` as a string for a template, or what stops it. */
export function templatePart(value: Value): string | Value {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Ref) return `\${${value.text}}`;
  if (value === null) return new EvalError('a template cannot include null');
  if (isUnknown(value) || value instanceof EvalError) return value;
  return new EvalError('a template cannot include a list or an object');
}

export function truthy(value: Value, what: string): boolean | Value {
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  return blocker([value]) ?? new EvalError(`${what} must be a bool`);
}

export function numeric(value: Value): number | Value {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  return blocker([value]) ?? new EvalError('a number is required');
}

/** Deep equality of known values. */
export function sameValue(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (isList(a) && isList(b)) return a.length === b.length && a.every((v, i) => sameValue(v, b[i]));
  if (isObjectValue(a) && isObjectValue(b)) {
    const keys = Object.keys(a);
    return (
      keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && sameValue(a[k], b[k]))
    );
  }
  return false;
}

/**
 * The first UNKNOWN, Ref or error inside a value, as a blocker; with `references: false`, the first
 * UNKNOWN or error only (a reference does not stop what writes it as its `${...}` text).
 */
export function innerBlocker(value: Value, references = true): Value | undefined {
  if (isUnknown(value) || value instanceof EvalError) return value;
  if (value instanceof Ref) return references ? blocker([value]) : undefined;
  if (isList(value))
    for (const v of value) {
      const b = innerBlocker(v, references);
      if (b !== undefined) return b;
    }
  if (isObjectValue(value))
    for (const k of Object.keys(value)) {
      const b = innerBlocker(value[k], references);
      if (b !== undefined) return b;
    }
  return undefined;
}
