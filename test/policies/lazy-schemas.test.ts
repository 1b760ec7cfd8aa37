import fc from 'fast-check';
import { plainlyValid } from '../../policies/inventory/terraform-json/plain-shapes';
import type { MetaArgument } from '../../policies/inventory/terraform-json/schema';
import { TOP_LEVEL_KEYS, terraformJsonSchemas } from '../../policies/inventory/terraform-json/schema';

/** Keys the meta-argument shapes look at, plus one they do not know. */
const KEYS = [
  'metadata',
  'path',
  'uniqueId',
  'acr-iac',
  'suppressions',
  'ruleId',
  'id',
  'reason',
  'prevent_destroy',
  'for_each',
  'content',
  'iterator',
  'labels',
  'replica',
  'other',
];

/** JSON values near the meta-arguments' shapes: objects over KEYS, arrays, and edge-case scalars. */
const { value: nearShape } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(null, true, false, 0, -1, 1.5, 3, 2 ** 53, '', 'x', '${var.n}'),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom(...KEYS), tie('value'), { maxKeys: 4 }),
  ),
}));

const scalar = fc.constantFrom<unknown>(undefined, null, true, 0, 2 ** 53, '', 'x');

/** Suppressions under `"//"."acr-iac"`: an entry's keys and values vary one at a time. */
const suppressions = fc.record(
  {
    suppressions: fc.array(
      fc.oneof(
        scalar,
        fc.dictionary(fc.constantFrom('ruleId', 'id', 'reason', 'other'), scalar, { maxKeys: 3 }),
      ),
      { maxLength: 2 },
    ),
    other: scalar,
  },
  { requiredKeys: [] },
);

/** The shapes of each meta-argument, near its schema: cdktf metadata, dynamic bodies, lifecycle blocks. */
const SHAPED: Readonly<Record<MetaArgument, fc.Arbitrary<unknown>>> = {
  '//': fc.record(
    {
      metadata: fc.oneof(
        scalar,
        fc.record({ path: scalar, uniqueId: scalar, other: scalar }, { requiredKeys: [] }),
      ),
      'acr-iac': fc.oneof(scalar, suppressions),
      other: scalar,
    },
    { requiredKeys: [] },
  ),
  count: fc.oneof(fc.integer(), fc.double(), scalar),
  for_each: nearShape,
  depends_on: fc.array(scalar, { maxLength: 3 }),
  provider: scalar,
  lifecycle: fc.oneof(
    fc.record({ prevent_destroy: scalar, other: scalar }, { requiredKeys: [] }),
    fc.array(fc.oneof(scalar, fc.record({ prevent_destroy: scalar }, { requiredKeys: [] })), {
      maxLength: 2,
    }),
  ),
  dynamic: fc.dictionary(
    fc.constantFrom('replica', '//'),
    fc.oneof(
      scalar,
      fc.record(
        {
          for_each: scalar,
          iterator: scalar,
          labels: fc.array(scalar, { maxLength: 2 }),
          content: nearShape,
        },
        { requiredKeys: [] },
      ),
    ),
    { maxKeys: 2 },
  ),
};

const META: readonly MetaArgument[] = [
  '//',
  'count',
  'for_each',
  'depends_on',
  'provider',
  'lifecycle',
  'dynamic',
];

/** Values each meta-argument's schema accepts, in the forms inputs use. */
const VALID: Readonly<Record<MetaArgument, readonly unknown[]>> = {
  '//': [
    'a comment',
    {
      metadata: { path: 'prod/registry', uniqueId: 'registry' },
      'acr-iac': { suppressions: [{ ruleId: 'ACR-008', id: 'ACR-008', reason: 'long enough reason' }] },
    },
  ],
  count: [0, 3, '${var.n}'],
  for_each: ['${var.m}', ['a'], { a: 1 }],
  depends_on: [['azurerm_resource_group.rg', 'azurerm_key_vault.kv']],
  provider: ['azurerm.west'],
  lifecycle: [{ prevent_destroy: true }, [{ prevent_destroy: '${var.p}' }, {}]],
  dynamic: [
    { georeplications: { for_each: ['a'], iterator: 'r', labels: ['l'], content: { location: 'x' } } },
    [{ georeplications: [{ for_each: '${var.x}', content: [{}] }], '//': { for_each: 1, content: {} } }],
  ],
};

/** What a value is replaced with (undefined: the key is removed). */
const REPLACEMENTS: readonly unknown[] = [undefined, null, true, 0, -1, 1.5, 2 ** 53, '', 'x', [], {}, ['x']];

/** `value`, then every copy of it with one place replaced, one key added, or one element appended. */
function* mutations(value: unknown): Generator<unknown> {
  yield* REPLACEMENTS;
  if (Array.isArray(value)) {
    yield [...value, 'x'];
    for (let i = 0; i < value.length; i += 1)
      for (const next of mutations(value[i])) yield value.map((item, j) => (j === i ? next : item));
  } else if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    yield { ...record, other: 'x' };
    for (const key of Object.keys(record))
      for (const next of mutations(record[key])) {
        const copy = { ...record };
        if (next === undefined) delete copy[key];
        else copy[key] = next;
        yield copy;
      }
  }
}

describe('lazily built schemas', () => {
  test('TOP_LEVEL_KEYS are the keys of the document schema, in its order', () => {
    expect(TOP_LEVEL_KEYS).toEqual(Object.keys(terraformJsonSchemas().document.shape));
  });

  test('a schema is built once', () => {
    expect(terraformJsonSchemas()).toBe(terraformJsonSchemas());
  });

  test.each(META)('the hand check of %s accepts exactly what its schema accepts', (key) => {
    const schema = terraformJsonSchemas().metaArguments[key];
    fc.assert(
      fc.property(
        fc.oneof(nearShape, SHAPED[key]),
        (value) => plainlyValid(key, value) === schema.safeParse(value).success,
      ),
      { numRuns: 400, seed: 12 },
    );
  });

  test.each(META)(
    'the hand check of %s agrees with its schema on every one-place change of valid values',
    (key) => {
      const schema = terraformJsonSchemas().metaArguments[key];
      let accepted = 0;
      for (const valid of VALID[key]) {
        expect(plainlyValid(key, valid)).toBe(true);
        for (const value of mutations(valid)) {
          const expected = schema.safeParse(value).success;
          if (plainlyValid(key, value) !== expected)
            throw new Error(`${key}: ${JSON.stringify(value)} should be ${expected}`);
          if (expected) accepted += 1;
        }
      }
      expect(accepted).toBeGreaterThan(0);
    },
  );

  test('the hand check accepts the shapes cdktf writes', () => {
    const comment = {
      metadata: { path: 'prod/registry', uniqueId: 'registry' },
      'acr-iac': {
        suppressions: [
          { ruleId: 'ACR-008', reason: 'long enough reason' },
          { id: 'ACR-015', reason: 'r' },
        ],
      },
    };
    expect(plainlyValid('//', comment)).toBe(true);
    expect(plainlyValid('depends_on', ['azurerm_resource_group.rg'])).toBe(true);
    expect(plainlyValid('lifecycle', { prevent_destroy: true })).toBe(true);
  });
});
