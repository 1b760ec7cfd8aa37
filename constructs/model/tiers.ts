/**
 * The ACR service tiers and what each one allows.
 *
 * Source: ../shared/FACTS.md section 1 (Microsoft Learn "Azure Container Registry service tiers" and
 * "Service limits", checked 2026) and section 5 (what azurerm v4 rejects on non-Premium SKUs).
 * This is the only place in the code base that knows which tier allows what.
 */

/** The three ACR SKUs, in increasing order of capability. */
export const SKUS = ['Basic', 'Standard', 'Premium'] as const;

/** An ACR SKU. */
export type Sku = (typeof SKUS)[number];

/** A registry capability that not every tier has. */
export type Capability =
  | 'anonymousPull'
  | 'geoReplication'
  | 'privateEndpoints'
  | 'networkRules'
  | 'disablePublicNetworkAccess'
  | 'dataEndpoints'
  | 'retentionPolicy'
  | 'exportPolicy'
  | 'trustPolicy'
  | 'customerManagedKey'
  | 'quarantinePolicy'
  | 'zoneRedundancyFlag'
  | 'agentPools';

/** Numeric limits of one tier. */
export interface TierLimits {
  /** Included storage in GiB. */
  readonly includedStorageGiB: number;
  /** Maximum webhooks per registry. */
  readonly webhooks: number;
  /** Maximum tokens per registry (scope maps have the same limit). */
  readonly tokens: number;
  /** Maximum scope maps per registry. */
  readonly scopeMaps: number;
  /** Maximum actions in one scope map. */
  readonly actionsPerScopeMap: number;
  /** Maximum private endpoints per registry (0: not supported). */
  readonly privateEndpoints: number;
  /** Maximum public IP network rules (0: not supported). */
  readonly ipRules: number;
}

/** What one tier allows. */
export interface Tier {
  readonly sku: Sku;
  readonly limits: TierLimits;
  readonly capabilities: ReadonlySet<Capability>;
}

const PREMIUM_ONLY: readonly Capability[] = [
  'geoReplication',
  'privateEndpoints',
  'networkRules',
  'disablePublicNetworkAccess',
  'dataEndpoints',
  'retentionPolicy',
  'exportPolicy',
  'trustPolicy',
  'customerManagedKey',
  // Microsoft does not state it; azurerm and the Bicep AVM gate quarantine to Premium (FACTS.md s1).
  'quarantinePolicy',
  // Zones are on by default in every tier, but azurerm v4 rejects the legacy flag below Premium (s5).
  'zoneRedundancyFlag',
  // Dedicated task agent pools (FACTS.md s1; Microsoft Learn "Run an ACR task on a dedicated agent pool").
  'agentPools',
];

/** The tier matrix. */
export const TIERS: Readonly<Record<Sku, Tier>> = {
  Basic: {
    sku: 'Basic',
    limits: {
      includedStorageGiB: 10,
      webhooks: 2,
      tokens: 100,
      scopeMaps: 100,
      actionsPerScopeMap: 500,
      privateEndpoints: 0,
      ipRules: 0,
    },
    capabilities: new Set<Capability>(),
  },
  Standard: {
    sku: 'Standard',
    limits: {
      includedStorageGiB: 100,
      webhooks: 10,
      tokens: 500,
      scopeMaps: 500,
      actionsPerScopeMap: 500,
      privateEndpoints: 0,
      ipRules: 0,
    },
    capabilities: new Set<Capability>(['anonymousPull']),
  },
  Premium: {
    sku: 'Premium',
    limits: {
      includedStorageGiB: 500,
      webhooks: 500,
      tokens: 50_000,
      scopeMaps: 50_000,
      actionsPerScopeMap: 500,
      privateEndpoints: 200,
      ipRules: 200,
    },
    capabilities: new Set<Capability>(['anonymousPull', ...PREMIUM_ONLY]),
  },
};

/** Human wording of each capability, used in error messages and reports. */
export const CAPABILITY_LABELS: Readonly<Record<Capability, string>> = {
  anonymousPull: 'anonymous pull',
  geoReplication: 'geo-replication',
  privateEndpoints: 'private endpoints',
  networkRules: 'network rules (IP allow lists, default action)',
  disablePublicNetworkAccess: 'disabling public network access',
  dataEndpoints: 'dedicated data endpoints',
  retentionPolicy: 'retention of untagged manifests',
  exportPolicy: 'disabling exports',
  trustPolicy: 'content trust',
  customerManagedKey: 'customer-managed key encryption',
  quarantinePolicy: 'the quarantine policy',
  zoneRedundancyFlag: 'the zone redundancy flag',
  agentPools: 'dedicated task agent pools',
};

/** True when `sku` allows `capability`. */
export function tierAllows(sku: Sku, capability: Capability): boolean {
  return TIERS[sku].capabilities.has(capability);
}

/** The lowest tier that allows `capability`. */
export function lowestTierFor(capability: Capability): Sku {
  const tier = SKUS.find((sku) => tierAllows(sku, capability));
  return tier ?? 'Premium';
}

/** Position of a SKU in the order Basic < Standard < Premium (for "hardening only grows" checks). */
export function skuRank(sku: Sku): number {
  return SKUS.indexOf(sku);
}

/** True when `value` names a SKU (case-sensitive, as ARM and azurerm spell it). */
export function isSku(value: unknown): value is Sku {
  return typeof value === 'string' && (SKUS as readonly string[]).includes(value);
}
