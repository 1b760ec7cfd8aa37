/**
 * Validation of a registry's own settings: name, tier capabilities, network posture, replicas.
 */
import type { EnvironmentDeclaration } from './declaration';
import type { ProblemList } from './problems';
import type { ResolvedRegistry } from './resolve';
import type { Capability } from './tiers';
import { CAPABILITY_LABELS, TIERS, isSku, lowestTierFor, tierAllows } from './tiers';
import { RETENTION_DAYS } from './provider-defaults';
import { isIpv4Range } from './azure-ids';
import { NETWORK_DEFAULT_ACTIONS } from './enums';
import { checkEnum, checkName, checkRegion, checkResourceId, quoted } from './validators';

/** The settings that need a tier capability, with the path of the property that asks for it. */
function capabilityUses(env: EnvironmentDeclaration, resolved: ResolvedRegistry): [Capability, string][] {
  const r = env.registry;
  const uses: [Capability, string, boolean][] = [
    ['anonymousPull', 'anonymousPull', r.anonymousPull === true],
    ['geoReplication', 'replicas', (r.replicas ?? []).length > 0],
    ['privateEndpoints', 'privateEndpoints', (r.privateEndpoints ?? []).length > 0],
    ['networkRules', 'networkRules', r.networkRules !== undefined],
    ['disablePublicNetworkAccess', 'publicNetworkAccess', r.publicNetworkAccess === false],
    ['dataEndpoints', 'dataEndpoints', r.dataEndpoints === true],
    ['retentionPolicy', 'retentionDays', resolved.retentionDays > 0],
    ['exportPolicy', 'exportEnabled', r.exportEnabled === false],
    ['trustPolicy', 'trustPolicy', r.trustPolicy === true],
    ['customerManagedKey', 'encryption', r.encryption !== undefined],
    ['quarantinePolicy', 'quarantine', r.quarantine === true],
    ['zoneRedundancyFlag', 'zoneRedundancy', r.zoneRedundancy === true],
    ['agentPools', 'agentPool', r.agentPool !== undefined],
  ];
  return uses.filter(([, , used]) => used).map(([capability, path]) => [capability, path]);
}

/** Checks that every setting the registry uses is available in its tier. */
export function validateTier(
  env: EnvironmentDeclaration,
  resolved: ResolvedRegistry,
  at: string,
  problems: ProblemList,
): void {
  const sku = env.registry.sku;
  if (!isSku(sku)) {
    problems.add(`${at}.sku`, `unknown SKU ${quoted(sku)}`, 'use "Basic", "Standard" or "Premium"');
    return;
  }
  for (const [capability, path] of capabilityUses(env, resolved)) {
    if (tierAllows(sku, capability)) continue;
    const needed = lowestTierFor(capability);
    problems.add(
      `${at}.${path}`,
      `${CAPABILITY_LABELS[capability]} requires the ${needed} SKU (sku is "${sku}")`,
      `set sku to "${needed}" or remove ${path}`,
    );
  }
}

/**
 * Checks the registry name, network posture and replicas; `label` is the environment's path prefix
 * (`prod`) and `at` the registry's (`prod.registry`).
 */
export function validateRegistrySettings(
  env: EnvironmentDeclaration,
  resolved: ResolvedRegistry,
  allowedRegions: readonly string[],
  label: string,
  at: string,
  problems: ProblemList,
): void {
  const r = env.registry;
  checkName('registry', r.name, `${at}.name`, problems);
  if (!resolved.publicNetworkAccess && resolved.privateEndpoints.length === 0) {
    problems.add(
      `${at}.publicNetworkAccess`,
      'public network access is off and there is no private endpoint, so nobody can reach the registry',
      'add a private endpoint or turn public network access on',
    );
  }
  if (!resolved.exportEnabled && resolved.publicNetworkAccess) {
    problems.add(
      `${at}.exportEnabled`,
      'exports can only be disabled when public network access is off',
      'set publicNetworkAccess to false (with a private endpoint) or exportEnabled to true',
    );
  }
  const retention = resolved.retentionDays;
  if (!Number.isInteger(retention) || retention < RETENTION_DAYS.min || retention > RETENTION_DAYS.max) {
    problems.add(
      `${at}.retentionDays`,
      `retention of ${retention} days is out of range`,
      'use a whole number from 0 (off) to 365',
    );
  }
  const ipRanges = r.networkRules?.ipRanges ?? [];
  ipRanges.forEach((range, i) => {
    if (!isIpv4Range(range)) {
      problems.add(
        `${at}.networkRules.ipRanges[${i}]`,
        `${quoted(range)} is not an IPv4 address or CIDR range`,
        'write it like 203.0.113.0/24',
      );
    }
  });
  if (ipRanges.length > TIERS.Premium.limits.ipRules) {
    problems.add(
      `${at}.networkRules.ipRanges`,
      `${ipRanges.length} IP rules exceed the limit of ${TIERS.Premium.limits.ipRules}`,
      'merge ranges into wider CIDR blocks',
    );
  }
  if (r.networkRules?.defaultAction !== undefined)
    checkEnum(
      NETWORK_DEFAULT_ACTIONS,
      r.networkRules.defaultAction,
      'default action',
      `${at}.networkRules.defaultAction`,
      problems,
    );
  resolved.identity.userAssignedIdentityIds.forEach((id, i) =>
    checkResourceId('userAssignedIdentity', id, `${at}.identity.userAssignedIdentityIds[${i}]`, problems),
  );
  checkRegion(env.location, `${label}.location`, problems, allowedRegions);
  validateReplicas(env, allowedRegions, at, problems);
}

function validateReplicas(
  env: EnvironmentDeclaration,
  allowedRegions: readonly string[],
  at: string,
  problems: ProblemList,
): void {
  const seen = new Set<string>();
  (env.registry.replicas ?? []).forEach((replica, i) => {
    const path = `${at}.replicas[${i}].location`;
    if (replica.location === env.location) {
      problems.add(
        path,
        `a replica cannot be in the registry's home region ${quoted(env.location)}`,
        'pick another region or remove the replica',
      );
    } else if (seen.has(replica.location)) {
      problems.add(
        path,
        `region ${quoted(replica.location)} has more than one replica`,
        'remove the duplicate replica',
      );
    }
    seen.add(replica.location);
    checkRegion(replica.location, path, problems, allowedRegions);
  });
}
