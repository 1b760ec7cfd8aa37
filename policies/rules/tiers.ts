/**
 * Tier capabilities: a Premium-only setting on Basic or Standard is an error before any plan, and
 * hardened environments need Premium.
 */
import type { Capability, Sku } from '../../constructs/model/tiers';
import { CAPABILITY_LABELS, TIERS, isSku, lowestTierFor, tierAllows } from '../../constructs/model/tiers';
import type { ListKind } from '../inventory/input-notes';
import { isCertain, listBound, listDoubt, undecidedDoubt } from '../inventory/input-notes';
import type { Located, Registry, Setting } from '../inventory/types';
import { UNKNOWN, isUnknown } from '../inventory/types';
import { becauseOf, fail, pass, registryLabel, unknown, unknownText } from './outcomes';
import type { Outcome, RegistryRule } from './types';

const not = (value: Setting<boolean>): Setting<boolean> => (isUnknown(value) ? value : !value);

/** True when the list has an item for sure, the doubt when it may, false when it has none. */
function hasAny(registry: Registry, kind: ListKind): Setting<boolean> {
  const list: readonly Located[] = registry[kind];
  if (list.some(isCertain)) return true;
  return listDoubt(registry, kind) ?? false;
}
const positive = (value: Setting<number>): Setting<boolean> => (isUnknown(value) ? value : value > 0);

/**
 * Whether a registry uses a capability: true, false, or unknown. One function per capability, in
 * report order, so only the capabilities the tier lacks are looked at (none on Premium).
 */
const USES: Readonly<Record<Capability, (registry: Registry) => Setting<boolean>>> = {
  anonymousPull: (r) => r.anonymousPull,
  geoReplication: (r) => hasAny(r, 'replicas'),
  privateEndpoints: (r) => hasAny(r, 'privateEndpoints'),
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
    if (zoneFlags.includes(true)) return true;
    return (
      zoneFlags.find(isUnknown) ?? listDoubt(r, 'replicas') ?? (zoneFlags.some(isUnknown) ? UNKNOWN : false)
    );
  },
  agentPools: (r) => r.agentPools.length > 0,
};

const CAPABILITIES = Object.keys(USES) as Capability[];

/** The attachment lists a tier limits (each limit is named after its list), as a message calls them. */
const LIMITED = [
  ['tokens', 'tokens'],
  ['scope maps', 'scopeMaps'],
  ['private endpoints', 'privateEndpoints'],
] as const;

function limitOutcomes(registry: Registry, sku: Sku): Outcome[] {
  const name = registryLabel(registry);
  const limits = TIERS[sku].limits;
  const outcomes: Outcome[] = [];
  for (const [what, kind] of LIMITED) {
    const limit = limits[kind];
    if (limit <= 0) continue;
    const { certain, most } = listBound(registry, kind);
    if (certain > limit) outcomes.push(fail(`${name} has ${certain} ${what}; ${sku} allows ${limit}`));
    else if (isUnknown(most) || most > limit) {
      const doubt = isUnknown(most) ? most : undecidedDoubt(registry, kind);
      outcomes.push(unknown(`the number of ${what} of ${name} is not known${becauseOf(doubt)}`));
    }
  }
  return outcomes;
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
    if (isUnknown(registry.sku)) return [unknown(`the SKU of ${name} ${unknownText(registry.sku)}`)];
    const sku = registry.sku;
    if (!isSku(sku)) return [fail(`${name} has an unknown SKU "${sku}" (use Basic, Standard or Premium)`)];
    const outcomes: Outcome[] = [];
    for (const capability of CAPABILITIES) {
      if (tierAllows(sku, capability)) continue;
      const used = USES[capability](registry);
      if (isUnknown(used))
        outcomes.push(unknown(`whether ${name} uses ${CAPABILITY_LABELS[capability]} ${unknownText(used)}`));
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
    if (isUnknown(registry.sku)) return [unknown(`the SKU of ${name} ${unknownText(registry.sku)}`)];
    return [
      registry.sku === 'Premium'
        ? pass(`${name} is Premium`)
        : fail(`${name} is ${registry.sku}, not Premium`),
    ];
  },
};

/** Rules of this file. */
export const TIER_RULES: readonly RegistryRule[] = [tierCapabilities, premiumTier];
