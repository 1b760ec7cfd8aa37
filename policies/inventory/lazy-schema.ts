/**
 * Schemas built on their first use. Loading zod costs tens of milliseconds, and most runs never parse
 * with it: `acr-iac synth` and `check cdktf.out` read well-formed inputs, which plain checks accept
 * first (zod is asked only to name what is wrong). A module keeps its schemas in one `lazySchema`
 * builder and imports zod's types with `import type` (free at run time).
 */
/* eslint-disable @typescript-eslint/no-require-imports -- loading zod on demand is the point of this file */
import type * as Zod from 'zod';

/** zod's namespace, as a builder receives it. */
export type Z = typeof Zod.z;

/** A value built with zod on the first call (which loads zod), then the same value on every call. */
export function lazySchema<T>(build: (z: Z) => T): () => T {
  let built: { readonly value: T } | undefined;
  return () => (built ??= { value: build((require('zod') as typeof Zod).z) }).value;
}
