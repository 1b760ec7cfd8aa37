/**
 * The input schema of `terraform show -json <planfile>` (FACTS.md section 8; Terraform's
 * internal/command/jsonplan): what each part the readers use must look like. Unknown extra keys are
 * accepted (newer Terraform versions add some); missing or mistyped required keys, unknown action
 * lists and non-object values are errors naming the JSON path.
 */
import type { ZodType } from 'zod';
import { lazySchema } from '../lazy-schema';
import { expecting, isJsonObject } from '../schema-errors';
import type { ResourceAddress } from './addresses';
import { parseResourceAddress } from './addresses';
import type { ConfigModule, JsonRecord } from './types';
import { PLAN_ACTIONS } from './types';

export { PLAN_ACTIONS } from './types';
export type { ConfigModule, JsonRecord, PlanAction } from './types';

/** The words an action list may hold. */
const ACTION_WORDS = ['create', 'update', 'delete', 'no-op', 'read', 'forget'];

const ACTIONS_EXPECTED = `a list of ${ACTION_WORDS.map((a) => JSON.stringify(a)).join(',')}`;

/** Majors of `format_version` this reader understands (FACTS.md: 1, or 0.x for old files). */
const SUPPORTED_MAJORS = new Set(['0', '1']);

/** The schemas of a plan's parts, built on first use (see lazy-schema.ts). */
export const planSchemas = lazySchema((z) => {
  const actions = z
    .custom<readonly string[]>(
      (value) =>
        Array.isArray(value) && value.every((a) => typeof a === 'string' && ACTION_WORDS.includes(a)),
      expecting(ACTIONS_EXPECTED),
    )
    .refine((value) => Object.prototype.hasOwnProperty.call(PLAN_ACTIONS, value.join(',')), {
      error: `expected one action, or a replacement ("delete","create" / "create","delete" / "create","forget")`,
    });

  const objectOrNull = z.custom<JsonRecord | null>((value) => value === null || isJsonObject(value), {
    error: 'expected an object or null',
  });

  /** A value mask (`after_unknown`, `*_sensitive`): true/false or an object mirroring the value. */
  const mask = z.custom<unknown>((value) => typeof value === 'boolean' || isJsonObject(value), {
    error: 'expected an object, true or false',
  });

  const replacePaths = z.custom<readonly (readonly (string | number)[])[]>(
    (value) =>
      Array.isArray(value) &&
      value.every(
        (path) => Array.isArray(path) && path.every((s) => typeof s === 'string' || typeof s === 'number'),
      ),
    expecting('a list of attribute paths (lists of names and indexes)'),
  );

  const text = z.string(expecting('a string'));
  const nonEmpty = text.min(1, expecting('a non-empty string'));

  const address = nonEmpty.refine((value) => parseResourceAddress(value) !== undefined, {
    error: 'expected a Terraform resource address such as module.acr.azurerm_container_registry.this["a"]',
  });

  const mode = z.enum(['managed', 'data'], expecting('"managed" or "data"'));

  /** One element of `resource_changes`. */
  const resourceChangeSchema = z.looseObject(
    {
      address,
      previous_address: address.optional(),
      module_address: text.optional(),
      mode: mode.optional(),
      type: nonEmpty,
      name: nonEmpty.optional(),
      deposed: nonEmpty.optional(),
      action_reason: text.optional(),
      change: z.looseObject(
        {
          actions,
          before: objectOrNull.optional(),
          after: objectOrNull.optional(),
          after_unknown: mask.optional(),
          before_sensitive: mask.optional(),
          after_sensitive: mask.optional(),
          replace_paths: replacePaths.optional(),
          importing: objectOrNull.optional(),
        },
        expecting('an object with "actions"'),
      ),
    },
    expecting('an object'),
  );

  /** A resource of `planned_values` or `prior_state` (the values representation). */
  const stateResourceSchema = z.looseObject(
    {
      address,
      mode: mode.optional(),
      type: nonEmpty,
      name: nonEmpty.optional(),
      values: objectOrNull.optional(),
    },
    expecting('an object'),
  );

  /** `format_version`: a string whose major this reader understands. */
  const formatVersionSchema = text.refine((value) => SUPPORTED_MAJORS.has(value.split('.')[0]), {
    error: 'unsupported Terraform plan format_version (this tool reads 1.x, and 0.x for old files)',
  });

  /** Top-level flags of a plan. */
  const planFlagSchema = z.boolean(expecting('true or false'));

  const configResource = z.looseObject(
    {
      address: nonEmpty,
      mode: mode.optional(),
      expressions: z.custom<JsonRecord>(isJsonObject, expecting('an object')).optional(),
    },
    expecting('an object'),
  );

  /** An expression, or an object of them (a call's arguments): read as references and constants. */
  const jsonObject = z.custom<JsonRecord>(isJsonObject, expecting('an object'));

  const configModuleSchema: ZodType<ConfigModule> = z.lazy(() =>
    z.looseObject(
      {
        resources: z.array(configResource, expecting('a list')).optional(),
        module_calls: z
          .record(
            z.string(),
            z.looseObject(
              {
                module: configModuleSchema.optional(),
                expressions: jsonObject.optional(),
                count_expression: jsonObject.optional(),
                for_each_expression: jsonObject.optional(),
              },
              expecting('an object'),
            ),
            {
              error: 'expected an object',
            },
          )
          .optional(),
        outputs: z
          .record(z.string(), z.looseObject({ expression: jsonObject.optional() }, expecting('an object')), {
            error: 'expected an object',
          })
          .optional(),
      },
      expecting('an object'),
    ),
  );

  /** The `configuration` section. */
  const configurationSchema = z.looseObject(
    { root_module: configModuleSchema.optional() },
    expecting('an object'),
  );

  return {
    /** One element of `resource_changes`. */
    resourceChangeSchema,
    /** A resource of `planned_values` or `prior_state`. */
    stateResourceSchema,
    /** `format_version`. */
    formatVersionSchema,
    /** Top-level flags of a plan. */
    planFlagSchema,
    /** A module of the `configuration` section. */
    configModuleSchema,
    /** The `configuration` section. */
    configurationSchema,
  };
});

/**
 * The cross-field facts of a change: its address agrees with `type`, `mode` and `module_address` (the type
 * decides what a change is to the gate, so it must be the address's).
 */
export function addressMismatch(
  parsed: ResourceAddress,
  entry: {
    readonly type: string;
    readonly name?: string | undefined;
    readonly mode?: string | undefined;
    readonly module_address?: string | undefined;
  },
): string | undefined {
  if (parsed.type !== entry.type) return 'type: does not match the address';
  if (entry.mode !== undefined && parsed.mode !== entry.mode) return 'mode: does not match the address';
  if (entry.module_address !== undefined && entry.module_address !== parsed.module)
    return 'module_address: does not match the address';
  return undefined;
}
