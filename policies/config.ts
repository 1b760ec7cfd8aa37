/**
 * Policy configuration: the promotion order, allowed regions, per-environment enforcement and posture,
 * disabled rules and suppressions. Plain data; the CLI may derive defaults from the estate declaration.
 */
import type { Enforcement } from '../constructs/model/declaration';
import type { ResolvedEstate } from '../constructs/model/resolve';
import type { Posture } from './rules/types';
import { nullPrototypeCopy, ownValue } from './lookup';
import type { Suppression } from './suppressions';
import { DEFAULT_ALLOWED_CACHE_SOURCES } from '../constructs/model/artifact-cache';

/** The promotion order when none is configured. */
export const DEFAULT_ORDER: readonly string[] = ['dev', 'staging', 'prod'];

/** The configuration rules are evaluated with. */
export interface PolicyConfig {
  /** Environments in promotion order. @default ['dev', 'staging', 'prod'] */
  readonly order: readonly string[];
  /** Regions registries and replicas may live in; empty means any. @default [] */
  readonly allowedRegions: readonly string[];
  /**
   * Enforcement by environment. @default 'advisory' for the first environment of the order,
   * 'mandatory' for the others and for environments outside the order
   */
  readonly enforcement: Readonly<Record<string, Enforcement>>;
  /**
   * Posture by environment. @default 'baseline' for the first environment, 'production' for the last
   * (or the only one), 'hardened' in between, 'production' outside the order (the strictest, for an
   * environment the estate does not know)
   */
  readonly postures: Readonly<Record<string, Posture>>;
  /** Regions each environment's registry must be replicated to (ACR-008). @default {} (any replica) */
  readonly replicaRegions: Readonly<Record<string, readonly string[]>>;
  /** Upstream registries (login servers) cache rules may pull from (ACR-054). @default DEFAULT_ALLOWED_CACHE_SOURCES */
  readonly allowedCacheSources: readonly string[];
  /**
   * The posture every environment is held to, whatever its place in the chain (`check --posture`).
   * @default none (each environment's own)
   */
  readonly postureOverride?: Posture;
  /** Rule IDs not evaluated at all. @default [] */
  readonly disabledRules: readonly string[];
  /** Suppressions from files (in-code suppressions come with the inventories). @default [] */
  readonly suppressions: readonly Suppression[];
}

/** A partial configuration; everything absent takes its default. */
export type PolicyConfigInput = Partial<PolicyConfig>;

/** Applies the defaults of a policy configuration. */
export function resolvePolicyConfig(input: PolicyConfigInput = {}): PolicyConfig {
  return {
    order: [...(input.order ?? DEFAULT_ORDER)],
    allowedRegions: [...(input.allowedRegions ?? [])],
    // Keyed by environment names from the input: no prototype, so `constructor` finds nothing.
    enforcement: nullPrototypeCopy(input.enforcement),
    postures: nullPrototypeCopy(input.postures),
    replicaRegions: nullPrototypeCopy(input.replicaRegions),
    allowedCacheSources: [...(input.allowedCacheSources ?? DEFAULT_ALLOWED_CACHE_SOURCES)],
    disabledRules: [...(input.disabledRules ?? [])],
    suppressions: [...(input.suppressions ?? [])],
    ...(input.postureOverride ? { postureOverride: input.postureOverride } : {}),
  };
}

/** How findings gate `environment`. */
export function enforcementOf(config: PolicyConfig, environment: string): Enforcement {
  const configured = ownValue(config.enforcement, environment);
  if (configured) return configured;
  return config.order.indexOf(environment) === 0 && config.order.length > 1 ? 'advisory' : 'mandatory';
}

/** The posture `environment` is held to. */
export function postureOf(config: PolicyConfig, environment: string): Posture {
  if (config.postureOverride) return config.postureOverride;
  const configured = ownValue(config.postures, environment);
  if (configured) return configured;
  const index = config.order.indexOf(environment);
  // An environment the estate does not know gets the strictest posture: a gate that cannot tell what
  // it guards holds it to the highest bar (and says so in every report; see posture.ts).
  if (index < 0) return 'production';
  if (index === config.order.length - 1) return 'production';
  return index === 0 ? 'baseline' : 'hardened';
}

/** Order, allowed regions and enforcement taken from a validated estate declaration. */
export function policyConfigFromEstate(estate: ResolvedEstate): PolicyConfigInput {
  return {
    order: [...estate.order],
    allowedRegions: [...estate.allowedRegions],
    allowedCacheSources: [...estate.allowedCacheSources],
    enforcement: Object.fromEntries(estate.environments.map((env) => [env.name, env.enforcement])),
    replicaRegions: Object.fromEntries(
      estate.environments.map((env) => [env.name, env.registry.replicas.map((r) => r.location)]),
    ),
  };
}
