/**
 * Random declarations never crash: whatever a JavaScript `--estate` module exports (wrong types,
 * null, strings for arrays, nested garbage, missing or extra properties), defineEstate returns an
 * estate or throws a DeclarationError whose problems are printable. That what it returns
 * synthesizes is checked in test/cdktf/declaration-synthesis.test.ts.
 *
 * The runs are bounded to keep the suite fast; `DECL_FUZZ_RUNS=10000 npx jest test/model/random`
 * runs more once (`DECL_FUZZ_SEED` picks another seed).
 */
import fc from 'fast-check';
import { defineEstate } from '../../constructs/model/estate';
import { DeclarationError } from '../../constructs/model/problems';
import { ESTATE } from '../../stacks/environments';
import { fullEstate } from '../support/full-estate';
import { garbage, mutated, mutation } from '../support/mutations';

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
});
