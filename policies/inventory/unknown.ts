/**
 * UNKNOWN, the value of a setting the checker cannot know from its input, and what it may say: why
 * (a reason), and the literal parts of a template it came from. Shared by every adapter and rule;
 * re-exported by types.ts with the inventory it is part of.
 */

/**
 * A value the checker cannot know from its input: known only after apply (a plan's `after_unknown`, a
 * Pulumi output), or, with a `reason`, set by something it does not evaluate (a variable without a
 * value, a `dynamic` block, a module). Serializes as `{"unknown":true}` or `{"unknown":true,"reason":...}`.
 */
export interface Unknown {
  readonly unknown: true;
  /** Why the value is unknown and what input would decide it, e.g. `var.sku has no value (pass -var sku=... or check the plan)`. */
  readonly reason?: string;
  /**
   * What makes two UNKNOWNs one value: the same expression of one module instance, that names no
   * iterator (`each`, `count`, a `for` variable) and calls no impure function, evaluates to the same
   * value wherever it is written (`resource_group_name = var.rg` on a zone and on its VNet link).
   * Absent: nothing is known to equal it. Not enumerable: it is a matching aid, not part of what
   * the value says, so it does not serialize, and a copy of the value (a spread) drops it.
   */
  readonly same?: string;
}

/** The one UNKNOWN value. Compare with `isUnknown`, not by identity (it may come from JSON). */
export const UNKNOWN: Unknown = Object.freeze({ unknown: true as const });

/** An UNKNOWN that says why: the construct that hides the value and what input would decide it. */
export function unknownBecause(reason: string): Unknown {
  return Object.freeze({ unknown: true as const, reason });
}

/** `value` marked as the value of `key` (see `Unknown.same`): its reason and literal parts kept. */
export function sameAs(value: Unknown, key: string): Unknown {
  const marked = { ...value };
  Object.defineProperty(marked, 'same', { value: key, enumerable: false });
  return Object.freeze(marked);
}

/** The key that makes `value` one with other UNKNOWNs (see `Unknown.same`); undefined for none. */
export function sameKey(value: unknown): string | undefined {
  if (!isUnknown(value)) return undefined;
  const same = (value as { same?: unknown }).same;
  return typeof same === 'string' ? same : undefined;
}

/** The reason of an UNKNOWN made by `unknownBecause`; undefined for anything else. */
export function unknownReason(value: unknown): string | undefined {
  if (!isUnknown(value)) return undefined;
  const reason = (value as { reason?: unknown }).reason;
  return typeof reason === 'string' ? reason : undefined;
}

/**
 * An UNKNOWN from a template with literal parts: `partial` keeps them, with `${...}` for the unknown
 * ones (`acr${...}`, `http://${...}/hook`).
 */
export interface PartialUnknown extends Unknown {
  readonly partial: string;
}

/** The literal parts of an UNKNOWN template (see PartialUnknown); undefined for anything else. */
export function partialText(value: unknown): string | undefined {
  if (!isUnknown(value)) return undefined;
  const partial = (value as { partial?: unknown }).partial;
  return typeof partial === 'string' ? partial : undefined;
}

/**
 * The literal text an UNKNOWN string starts with, when it came from a template whose first parts are
 * literal (`http://${var.host}/hook` gives `http://`); '' for anything else. Rules may judge what
 * that text alone decides (a URI's scheme).
 */
export function knownPrefix(value: unknown): string {
  const partial = partialText(value);
  if (partial === undefined) return '';
  const end = partial.indexOf('${');
  return end < 0 ? partial : partial.slice(0, end);
}

/** An effective setting: its value, or UNKNOWN until apply. */
export type Setting<T> = T | Unknown;

/** True when `value` is UNKNOWN. */
export function isUnknown(value: unknown): value is Unknown {
  return typeof value === 'object' && value !== null && (value as { unknown?: unknown }).unknown === true;
}

/** The value of a setting, or `fallback` when it is UNKNOWN. */
export function known<T>(value: Setting<T>, fallback: T): T {
  return isUnknown(value) ? fallback : value;
}
