/**
 * Mutations of declarations for property tests: what a JavaScript `--estate` module could export
 * instead of a valid estate (wrong types, null, garbage, missing or extra properties).
 */
import fc from 'fast-check';

export type Path = readonly (string | number)[];

function isPlain(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** Every path into `value` (containers and leaves), in a stable order. */
export function paths(value: unknown, prefix: Path = []): Path[] {
  const found: Path[] = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => found.push(...paths(v, [...prefix, i])));
  else if (isPlain(value))
    for (const [k, v] of Object.entries(value)) found.push(...paths(v, [...prefix, k]));
  return found;
}

export interface Mutation {
  readonly at: number;
  readonly kind: 'replace' | 'delete' | 'extra' | 'wrap' | 'stringify';
  readonly value: unknown;
  readonly key: string;
}

/** `value` as JSON text, as a module might (wrongly) export a structure as a string. */
function asJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? 'undefined';
  } catch {
    return typeof value;
  }
}

/** `root` with one mutation applied at a path chosen by `m.at` (a copy; `root` is not changed). */
export function mutate(root: unknown, m: Mutation): unknown {
  const all = paths(root);
  const path = all[m.at % all.length];
  if (path.length === 0) return m.kind === 'wrap' ? [root] : m.kind === 'replace' ? m.value : root;
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let parent = copy;
  for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  const current = parent[last];
  switch (m.kind) {
    case 'replace':
      parent[last] = m.value;
      break;
    case 'delete':
      if (Array.isArray(parent)) parent.splice(last as number, 1);
      else delete parent[last];
      break;
    case 'extra':
      if (Array.isArray(current)) current.push(m.value);
      else if (isPlain(current)) current[m.key] = m.value;
      else parent[last] = m.value;
      break;
    case 'wrap':
      parent[last] = [current];
      break;
    case 'stringify':
      parent[last] = asJson(current);
      break;
  }
  return copy;
}

/** What a module may put anywhere: the usual suspects and anything fast-check can build. */
export const garbage = fc.oneof(
  fc.constantFrom(null, undefined, 0, -1, 1.5, NaN, Infinity, '', 'x', true, false, [], {}, [null], { x: 1 }),
  fc.constantFrom('__proto__', 'constructor', 'toString', 'West Europe', '${x}', 'a\nb', '\u202e'),
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.anything({
    maxDepth: 2,
    withBigInt: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withNullPrototype: true,
    withSparseArray: true,
    withBoxedValues: true,
    withTypedArray: true,
  }),
);

export const mutation: fc.Arbitrary<Mutation> = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom('replace', 'delete', 'extra', 'wrap', 'stringify'),
  value: garbage,
  key: fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.constantFrom('__proto__', 'constructor', 'enforcment', 'nmae'),
  ),
});

export function mutated(base: unknown, mutations: fc.Arbitrary<Mutation[]>): fc.Arbitrary<unknown> {
  return mutations.map((ms) => ms.reduce<unknown>((d, m) => mutate(d, m), base));
}
