/**
 * Plain checks of the shapes a resource body's meta-arguments may have, made without zod and without
 * allocating: each accepts exactly what its schema in schema.ts accepts (a test compares them), so the
 * well-formed inputs of `synth` and `check` never load zod, which is asked only to name what is wrong.
 */
import { isJsonObject } from './json-object';

/** The meta-arguments checked on a resource body, in the order they are checked. */
export type MetaArgument = '//' | 'count' | 'for_each' | 'depends_on' | 'provider' | 'lifecycle' | 'dynamic';

/** The key under `"//"` where this toolkit writes its metadata on a resource. */
export const METADATA_KEY = 'acr-iac';

/** True when a `dynamic` body plainly has the shape of DYNAMIC_BODY (checked without zod's copies). */
function plainDynamicBody(body: unknown): boolean {
  if (!isJsonObject(body) || body.for_each === undefined) return false;
  const { iterator, labels, content } = body;
  return (
    (iterator === undefined || typeof iterator === 'string') &&
    (labels === undefined || (Array.isArray(labels) && labels.every((l) => typeof l === 'string'))) &&
    (Array.isArray(content) ? content.every(isJsonObject) : isJsonObject(content))
  );
}

/**
 * True when `test` holds for a value in either of the forms a block may take (one, or each of an
 * array), without a list for the single form (a registry's replicas often come as one object).
 */
export function eachIs(value: unknown, test: (one: unknown) => boolean): boolean {
  return Array.isArray(value) ? value.every(test) : test(value);
}

/** True when a `dynamic` value plainly has the shape of DYNAMIC_BLOCKS; anything else goes to zod, which names what is wrong. */
export function plainDynamicBlocks(value: unknown): boolean {
  return eachIs(value, plainBodiesByType);
}

function plainBodiesByType(byType: unknown): boolean {
  if (!isJsonObject(byType)) return false;
  for (const key in byType) if (!eachIs(byType[key], plainDynamicBody)) return false;
  return true;
}

function isStringOrUndefined(value: unknown): boolean {
  return value === undefined || typeof value === 'string';
}

/** The keys a suppression under `"//"."acr-iac"` may have. */
const SUPPRESSION_KEYS = new Set(['ruleId', 'id', 'reason']);

/** True when a value has exactly the shape of the schemas' `suppressions` (checked without zod). */
export function plainSuppressions(value: unknown): boolean {
  if (!isJsonObject(value) || !Object.keys(value).every((key) => key === 'suppressions')) return false;
  const list = value.suppressions;
  return (
    Array.isArray(list) &&
    list.every(
      (entry) =>
        isJsonObject(entry) &&
        Object.keys(entry).every((key) => SUPPRESSION_KEYS.has(key)) &&
        isStringOrUndefined(entry.ruleId) &&
        isStringOrUndefined(entry.id) &&
        (entry.ruleId !== undefined || entry.id !== undefined) &&
        typeof entry.reason === 'string',
    )
  );
}

/** True when one lifecycle block has exactly the shape the schema accepts. */
function plainLifecycle(value: unknown): boolean {
  if (!isJsonObject(value)) return false;
  const prevent = value.prevent_destroy;
  return prevent === undefined || typeof prevent === 'boolean' || typeof prevent === 'string';
}

/**
 * True when a meta-argument has its shape, checked without zod and without allocating: exactly what
 * the schemas' `metaArguments` accept, so zod (and its loading) is needed only to name what is wrong.
 */
export function plainlyValid(key: MetaArgument, value: unknown): boolean {
  switch (key) {
    case '//': {
      if (typeof value === 'string') return true;
      if (!isJsonObject(value)) return false;
      const ours = value[METADATA_KEY];
      if (ours !== undefined && !plainSuppressions(ours)) return false;
      const metadata = value.metadata;
      return (
        metadata === undefined ||
        (isJsonObject(metadata) &&
          isStringOrUndefined(metadata.path) &&
          isStringOrUndefined(metadata.uniqueId))
      );
    }
    case 'count':
      // zod's int() is a safe integer.
      return typeof value === 'string' || (Number.isSafeInteger(value) && (value as number) >= 0);
    case 'for_each':
      return typeof value === 'string' || Array.isArray(value) || isJsonObject(value);
    case 'depends_on':
      return Array.isArray(value) && value.every((reference) => typeof reference === 'string');
    case 'provider':
      return typeof value === 'string';
    case 'dynamic':
      // The check expandDynamic makes before its own walk (a registry's replicas often come this way).
      return plainDynamicBlocks(value);
    case 'lifecycle':
      return Array.isArray(value) ? value.every(plainLifecycle) : plainLifecycle(value);
    default:
      return false;
  }
}
