/**
 * Tier capabilities: a Premium-only setting on Basic or Standard is an error before any plan, and
 * hardened environments need Premium.
 */
import type { Capability, Sku } from '../../constructs/model/tiers';
import { CAPABILITY_LABELS, TIERS, isSku, lowestTierFor, tierAllows } from '../../constructs/model/tiers';
import type { Registry, Setting } from '../inventory/types';
import { UNKNOWN, isUnknown } from '../inventory/types';
import { fail, pass, registryLabel, unknown } from './outcomes';
import type { Outcome, RegistryRule } from './types';

const not = (value: Setting<boolean>): Setting<boolean> => (isUnknown(value) ? value : !value);
const positive = (value: Setting<number>): Setting<boolean> => (isUnknown(value) ? value : value > 0);

/**
 * Whether a registry uses a capability: true, false, or unknown. One function per capability, in
 * report order, so only the capabilities the tier lacks are looked at (none on Premium).
 */
const USES: Readonly<Record<Capability, (registry: Registry) => Setting<boolean>>> = {
  anonymousPull: (r) => r.anonymousPull,
  geoReplication: (r) => r.replicas.length > 0,
  privateEndpoints: (r) => r.privateEndpoints.length > 0,
  networkRules: (r) => r.networkRuleSet,
  disablePublicNetworkAccess: (r) => not(r.publicNetworkAccess),
  dataEndpoints: (r) => r.dataEndpoints,
  retentionPolicy: (r) => positive(r.retentionDays),
  exportPolicy: (r) => not(r.exportEnabled),
  trustPolicy: (r) => r.trustPolicy,
  customerManagedKey: (r) => r.customerManagedKey,
  quarantinePolicy: (r) => r.quarantine,
  zoneRedundancyFlag: (r) => {
    const zoneFlags = [r.zoneRedundancy, ...r.replicas.map((replica) => replica.zoneRedundancy)];
    return zoneFlags.includes(true) ? true : zoneFlags.some(isUnknown) ? UNKNOWN : false;
  },
  agentPools: (r) => r.agentPools.length > 0,
};

const CAPABILITIES = Object.keys(USES) as Capability[];

function limitOutcomes(registry: Registry, sku: Sku): Outcome[] {
  const name = registryLabel(registry);
  const limits = TIERS[sku].limits;
  const counts: [string, number, number][] = [
    ['tokens', registry.tokens.length, limits.tokens],
    ['scope maps', registry.scopeMaps.length, limits.scopeMaps],
    ['private endpoints', registry.privateEndpoints.length, limits.privateEndpoints],
  ];
  return counts
    .filter(([, count, limit]) => limit > 0 && count > limit)
    .map(([what, count, limit]) => fail(`${name} has ${count} ${what}; ${sku} allows ${limit}`));
}

/** ACR-025: every setting is supported by the registry's tier. */
export const tierCapabilities: RegistryRule = {
  id: 'ACR-025',
  title: 'Every setting is supported by the tier',
  severity: 'critical',
  posture: 'baseline',
  rationale:
    'Basic and Standard reject Premium-only settings (geo-replication, private endpoints, network rules, disabled public access, data endpoints, retention, export policy, content trust, customer-managed keys, quarantine, the zone redundancy flag); the apply fails, or the setting silently does nothing.',
  remediation: 'Remove the setting or move the registry to the tier named in the finding.',
  references: {},
  check: (registry) => {
    const name = registryLabel(registry);
    if (isUnknown(registry.sku)) return [unknown(`the SKU of ${name} is only known after apply`)];
    const sku = registry.sku;
    if (!isSku(sku)) return [fail(`${name} has an unknown SKU "${sku}" (use Basic, Standard or Premium)`)];
    const outcomes: Outcome[] = [];
    for (const capability of CAPABILITIES) {
      if (tierAllows(sku, capability)) continue;
      const used = USES[capability](registry);
      if (isUnknown(used))
        outcomes.push(
          unknown(`whether ${name} uses ${CAPABILITY_LABELS[capability]} is only known after apply`),
        );
      else if (used)
        outcomes.push(
          fail(
            `${name} uses ${CAPABILITY_LABELS[capability]}, which needs ${lowestTierFor(capability)}, on ${sku}`,
          ),
        );
    }
    outcomes.push(...limitOutcomes(registry, sku));
    return outcomes.length > 0 ? outcomes : [pass(`every setting of ${name} is supported by ${sku}`)];
  },
};

/** ACR-026: the registry is Premium. */
export const premiumTier: RegistryRule = {
  id: 'ACR-026',
  title: 'The registry is Premium',
  severity: 'medium',
  posture: 'hardened',
  rationale:
    'Private endpoints, disabled public access, quarantine, retention and geo-replication all need Premium.',
  remediation: 'Set `sku = "Premium"` (declaration: `sku: "Premium"`).',
  references: { azurePolicy: ['bd560fc0-3c69-498a-ae9f-aa8eb7de0e13'] },
  check: (registry) => {
    const name = registryLabel(registry);
    if (isUnknown(registry.sku)) return [unknown(`the SKU of ${name} is only known after apply`)];
    return [
      registry.sku === 'Premium'
        ? pass(`${name} is Premium`)
        : fail(`${name} is ${registry.sku}, not Premium`),
    ];
  },
};

/** Rules of this file. */
export const TIER_RULES: readonly RegistryRule[] = [tierCapabilities, premiumTier];
