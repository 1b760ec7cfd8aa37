/**
 * Random declarations never crash: whatever a JavaScript `--estate` module exports (wrong types,
 * null, strings for arrays, nested garbage, missing or extra properties), defineEstate returns an
 * estate or throws a DeclarationError whose problems are printable, and an estate it returns
 * synthesizes.
 *
 * The runs are bounded to keep the suite fast; `DECL_FUZZ_RUNS=10000 npx jest test/model/random`
 * runs more once (`DECL_FUZZ_SEED` picks another seed).
 */
import fc from 'fast-check';
import { defineEstate } from '../../constructs/model/estate';
import { DeclarationError } from '../../constructs/model/problems';
import { EnvironmentStack } from '../../constructs/cdktf/environment-stack';
import { Testing } from 'cdktf';
import { ESTATE } from '../../stacks/environments';
import { fullEstate } from '../support/full-estate';

type Path = readonly (string | number)[];

function isPlain(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** Every path into `value` (containers and leaves), in a stable order. */
function paths(value: unknown, prefix: Path = []): Path[] {
  const found: Path[] = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => found.push(...paths(v, [...prefix, i])));
  else if (isPlain(value))
    for (const [k, v] of Object.entries(value)) found.push(...paths(v, [...prefix, k]));
  return found;
}

interface Mutation {
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
function mutate(root: unknown, m: Mutation): unknown {
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
const garbage = fc.oneof(
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

const mutation: fc.Arbitrary<Mutation> = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom('replace', 'delete', 'extra', 'wrap', 'stringify'),
  value: garbage,
  key: fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.constantFrom('__proto__', 'constructor', 'enforcment', 'nmae'),
  ),
});

function mutated(base: unknown, mutations: fc.Arbitrary<Mutation[]>): fc.Arbitrary<unknown> {
  return mutations.map((ms) => ms.reduce<unknown>((d, m) => mutate(d, m), base));
}

const declarations = fc.oneof(
  { weight: 6, arbitrary: mutated(fullEstate(), fc.array(mutation, { minLength: 1, maxLength: 4 })) },
  { weight: 2, arbitrary: mutated(ESTATE, fc.array(mutation, { minLength: 1, maxLength: 3 })) },
  { weight: 1, arbitrary: fc.anything({ maxDepth: 3, withNullPrototype: true, withMap: true }) },
  { weight: 1, arbitrary: fc.record({ environments: fc.array(garbage, { maxLength: 3 }) }) },
);

// eslint-disable-next-line no-control-regex -- looking for control characters
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/;

/** defineEstate's outcome: the estate, or the DeclarationError; anything else fails the property. */
function outcome(declaration: unknown): ReturnType<typeof defineEstate> | DeclarationError {
  try {
    return defineEstate(declaration as never);
  } catch (error) {
    if (error instanceof DeclarationError) return error;
    throw error;
  }
}

const runs = Number(process.env.DECL_FUZZ_RUNS ?? 1000);
const seed = Number(process.env.DECL_FUZZ_SEED ?? 8);

describe('random declarations', () => {
  it(`give an estate or a DeclarationError with printable problems, never anything else (${runs} runs)`, () => {
    fc.assert(
      fc.property(declarations, (declaration) => {
        const result = outcome(declaration);
        if (!(result instanceof DeclarationError)) return;
        expect(result.problems.length).toBeGreaterThan(0);
        for (const p of result.problems) {
          expect(
            typeof p.path === 'string' && typeof p.message === 'string' && typeof p.fix === 'string',
          ).toBe(true);
          // Problems reach terminals and PR comments: no raw control or bidi characters from the input.
          expect(`${p.path}: ${p.message}. Fix: ${p.fix}`).not.toMatch(UNSAFE);
        }
      }),
      { numRuns: runs, seed },
    );
  });

  it('synthesize whenever they are valid', () => {
    // Type-preserving changes of the full estate: many stay valid, so each valid one is synthesized.
    const leafChange = fc.record({
      at: fc.nat(),
      kind: fc.constantFrom<Mutation['kind']>('delete', 'replace'),
      value: fc.oneof(
        fc.boolean(),
        fc.constantFrom(0, 1, 7, 30, 365, 'westeurope', 'northeurope', 'apps/.*'),
      ),
      key: fc.constant(''),
    });
    let synthesized = 0;
    fc.assert(
      fc.property(
        mutated(fullEstate(), fc.array(leafChange, { minLength: 1, maxLength: 2 })),
        (declaration) => {
          const result = outcome(declaration);
          if (result instanceof DeclarationError) return;
          const app = Testing.app();
          for (const environment of result.environments) {
            const stack = new EnvironmentStack(app, { environment, backend: result.backend });
            expect(JSON.parse(Testing.synth(stack))).toHaveProperty('resource');
          }
          synthesized++;
        },
      ),
      { numRuns: Number(process.env.DECL_SYNTH_RUNS ?? 25), seed },
    );
    expect(synthesized).toBeGreaterThan(3);
  });
});
