/**
 * Tier capabilities: a Premium-only setting on Basic or Standard is an error before any plan, and
 * hardened environments need Premium.
 */
import type { Capability, Sku } from '../../constructs/model/tiers';
import { CAPABILITY_LABELS, TIERS, isSku, lowestTierFor, tierAllows } from '../../constructs/model/tiers';
import type { ListKind } from '../inventory/input-notes';
import {
  isCertain,
  listBound,
  listDoubt,
  undecidedDoubt,
  withDeclaredTokens,
} from '../inventory/input-notes';
import type { Located, Registry, Setting } from '../inventory/types';
import { UNKNOWN, isUnknown } from '../inventory/types';
import { becauseOf, registryLabel, unknownText } from './outcomes';
import type { Outcomes, RegistryRuleDefinition } from './types';

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
  agentPools: (r) => hasAny(r, 'agentPools'),
};

const CAPABILITIES = Object.keys(USES) as Capability[];

/** The attachment lists a tier limits (each limit is named after its list), as a message calls them. */
const LIMITED = [
  { what: 'tokens', kind: 'tokens' },
  { what: 'scope maps', kind: 'scopeMaps' },
  { what: 'private endpoints', kind: 'privateEndpoints' },
] as const;

/** The tier limits of the registry's lists, judged where one is or may be exceeded; the number of outcomes. */
function limitOutcomes(out: Outcomes, registry: Registry, sku: Sku): number {
  const name = registryLabel(registry);
  const limits = TIERS[sku].limits;
  let judged = 0;
  // Objects rather than pairs: destructuring a pair goes through an iterator, for every registry.
  for (const { what, kind } of LIMITED) {
    const limit = limits[kind];
    if (limit <= 0) continue;
    // The tokens the input declares: a password-only item's token is counted where it is declared.
    const counted = kind === 'tokens' ? withDeclaredTokens(registry) : registry;
    const { certain, most } = listBound(counted, kind);
    if (certain > limit) out.fail(`${name} has ${certain} ${what}; ${sku} allows ${limit}`);
    else if (isUnknown(most) || most > limit) {
      const doubt = isUnknown(most) ? most : undecidedDoubt(counted, kind);
      out.unknown(`the number of ${what} of ${name} is not known${becauseOf(doubt)}`);
    } else continue;
    judged += 1;
  }
  return judged;
}

/** ACR-025: every setting is supported by the registry's tier. */
export const tierCapabilities: RegistryRuleDefinition = {
  id: 'ACR-025',
  title: 'Every setting is supported by the tier',
  severity: 'critical',
  posture: 'baseline',
  rationale:
    'Basic and Standard reject Premium-only settings (geo-replication, private endpoints, network rules, disabled public access, data endpoints, retention, export policy, content trust, customer-managed keys, quarantine, the zone redundancy flag); the apply fails, or the setting silently does nothing.',
  remediation: 'Remove the setting or move the registry to the tier named in the finding.',
  references: {},
  judge: (out, registry) => {
    const name = registryLabel(registry);
    if (isUnknown(registry.sku)) return out.unknown(`the SKU of ${name} ${unknownText(registry.sku)}`);
    const sku = registry.sku;
    if (!isSku(sku)) return out.fail(`${name} has an unknown SKU "${sku}" (use Basic, Standard or Premium)`);
    let judged = 0;
    for (const capability of CAPABILITIES) {
      if (tierAllows(sku, capability)) continue;
      const used = USES[capability](registry);
      if (isUnknown(used))
        out.unknown(`whether ${name} uses ${CAPABILITY_LABELS[capability]} ${unknownText(used)}`);
      else if (used)
        out.fail(
          `${name} uses ${CAPABILITY_LABELS[capability]}, which needs ${lowestTierFor(capability)}, on ${sku}`,
        );
      else continue;
      judged += 1;
    }
    judged += limitOutcomes(out, registry, sku);
    if (judged === 0) out.pass(`every setting of ${name} is supported by ${sku}`);
  },
};

/** ACR-026: the registry is Premium. */
export const premiumTier: RegistryRuleDefinition = {
  id: 'ACR-026',
  title: 'The registry is Premium',
  severity: 'medium',
  posture: 'hardened',
  rationale:
    'Private endpoints, disabled public access, quarantine, retention and geo-replication all need Premium.',
  remediation: 'Set `sku = "Premium"` (declaration: `sku: "Premium"`).',
  references: { azurePolicy: ['bd560fc0-3c69-498a-ae9f-aa8eb7de0e13'] },
  judge: (out, registry) => {
    const name = registryLabel(registry);
    if (isUnknown(registry.sku)) return out.unknown(`the SKU of ${name} ${unknownText(registry.sku)}`);
    if (registry.sku === 'Premium') out.pass(`${name} is Premium`);
    else out.fail(`${name} is ${registry.sku}, not Premium`);
  },
};

/** Rules of this file. */
export const TIER_RULES: readonly RegistryRuleDefinition[] = [tierCapabilities, premiumTier];
