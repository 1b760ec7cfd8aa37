/**
 * Pulumi stack config (`Pulumi.<stack>.yaml`, namespace `acr-iac:`): a small, validated set of keys
 * that may override an environment's controls (e.g. `acr-iac:publicNetworkAccess: true`), plus the
 * Pulumi-only settings. Overrides are applied to the declaration BEFORE `defineEstate`, so a weakened
 * stack is validated like any declaration and judged by policy like any other input.
 * Engine-free: the program passes a `get(key)` function that reads `pulumi.Config`.
 */
import { z } from 'zod';
import type { EnvironmentDeclaration, EstateDeclaration, RegistryDeclaration } from '../model/declaration';
import type { ArmPropertyGap } from '../model/arm-properties';
import { AZURE_NATIVE_GAPS } from '../model/arm-properties';
import type { Sku } from '../model/tiers';
import { SKUS } from '../model/tiers';
import { DeclarationError } from '../model/problems';

/** The config namespace (the Pulumi project name). */
export const CONFIG_NAMESPACE = 'acr-iac';

/** Registry controls a stack may override (plain types: the published declarations never reach zod). */
export interface RegistryOverrides {
  readonly sku?: Sku;
  readonly adminEnabled?: boolean;
  readonly anonymousPull?: boolean;
  readonly publicNetworkAccess?: boolean;
  readonly bypassAzureServices?: boolean;
  readonly zoneRedundancy?: boolean;
  readonly dataEndpoints?: boolean;
  readonly quarantine?: boolean;
  readonly trustPolicy?: boolean;
  readonly exportEnabled?: boolean;
  readonly retentionDays?: number;
  readonly lock?: boolean;
  readonly preventDestroy?: boolean;
  /** Replica regions, replacing the declared replicas (`["northeurope"]`). */
  readonly replicas?: readonly string[];
}

const registryOverrides = {
  sku: z.enum(SKUS),
  adminEnabled: z.boolean(),
  anonymousPull: z.boolean(),
  publicNetworkAccess: z.boolean(),
  bypassAzureServices: z.boolean(),
  zoneRedundancy: z.boolean(),
  dataEndpoints: z.boolean(),
  quarantine: z.boolean(),
  trustPolicy: z.boolean(),
  exportEnabled: z.boolean(),
  retentionDays: z.number().int(),
  lock: z.boolean(),
  preventDestroy: z.boolean(),
  /** Replica regions, replacing the declared replicas (`["northeurope"]`). */
  replicas: z.array(z.string()),
} as const satisfies Record<keyof RegistryOverrides, z.ZodType>;

/** Keys of `acr-iac:` config that override registry controls. */
export const REGISTRY_OVERRIDE_KEYS = Object.keys(registryOverrides) as (keyof RegistryOverrides)[];

const stackConfigSchema = z
  .object({
    ...Object.fromEntries(Object.entries(registryOverrides).map(([k, v]) => [k, v.optional()])),
    /** Whether the environment is protected (lock and `protect` by default). */
    protected: z.boolean().optional(),
    /** Issue date (YYYY-MM-DD) the first token password rotation counts from; refused once expired. */
    tokenPasswordsIssuedOn: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD')
      .optional(),
    /** Subscription of role definitions; default: the provider's. */
    subscriptionId: z.string().optional(),
    /** Registry properties azure-native cannot set, set once outside Pulumi (a JSON list). */
    propertiesSetOutside: z.array(z.enum(AZURE_NATIVE_GAPS)).optional(),
  })
  .strict();

/** Validated `acr-iac:` stack config. */
export type StackConfig = RegistryOverrides & {
  readonly protected?: boolean;
  readonly tokenPasswordsIssuedOn?: string;
  readonly subscriptionId?: string;
  readonly propertiesSetOutside?: readonly ArmPropertyGap[];
};

/** Keys the schema knows (everything else under `acr-iac:` is a secret input or an error). */
export const STACK_CONFIG_KEYS: readonly string[] = Object.keys(stackConfigSchema.shape);

/** Pulumi stores config values as strings; structured values as JSON. */
function parseValue(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

/**
 * Reads and validates the stack config.
 * @param get returns the raw value of an `acr-iac:` key (without namespace), undefined when unset
 * @param stack stack name, for messages
 */
export function readStackConfig(get: (key: string) => string | undefined, stack: string): StackConfig {
  const raw: Record<string, unknown> = {};
  for (const key of STACK_CONFIG_KEYS) {
    const value = get(key);
    if (value !== undefined)
      raw[key] = key === 'tokenPasswordsIssuedOn' || key === 'subscriptionId' ? value : parseValue(value);
  }
  const parsed = stackConfigSchema.safeParse(raw);
  if (!parsed.success) {
    throw new DeclarationError(
      parsed.error.issues.map((issue) => ({
        path: `Pulumi.${stack}.yaml ${CONFIG_NAMESPACE}:${issue.path.join('.')}`,
        message: issue.message,
        fix: 'correct or remove the key in the stack config',
      })),
    );
  }
  return parsed.data as StackConfig;
}

/** The estate with the stack config's overrides applied to environment `stack`. */
export function applyStackConfig(
  estate: EstateDeclaration,
  stack: string,
  config: StackConfig,
): EstateDeclaration {
  const overrides: Partial<Record<keyof RegistryDeclaration, unknown>> = {};
  for (const key of REGISTRY_OVERRIDE_KEYS) {
    const value = config[key];
    if (value === undefined) continue;
    overrides[key] = key === 'replicas' ? (value as string[]).map((location) => ({ location })) : value;
  }
  return {
    ...estate,
    environments: estate.environments.map((env): EnvironmentDeclaration => {
      if (env.name !== stack) return env;
      return {
        ...env,
        ...(config.protected !== undefined && { protected: config.protected }),
        registry: { ...env.registry, ...overrides } as RegistryDeclaration,
      };
    }),
  };
}
