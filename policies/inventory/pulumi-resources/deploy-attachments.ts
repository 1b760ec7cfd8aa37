/**
 * The deploy-time resources of a Pulumi stack: agent pools, credential sets, cache rules, how tasks reach
 * their registry, the ARM-only registry properties and rotating token passwords. The twin of
 * terraform-resources/deploy-attachments.ts and arm-properties.ts.
 */
import { REGISTRY_ARM_DEFAULTS } from '../../../constructs/model/arm-properties';
import type { PulumiResourceRecord } from './build';
import type { PulumiIndex } from './values';
import type { PulumiUnattached } from './unattached';
import {
  boolOf,
  lastSegment,
  listOf,
  literal,
  member,
  numberOf,
  plain,
  pulumiSourceOf,
  recordOf,
  stringOf,
} from './values';
import type { Attachments, Registry, Setting, Task } from '../types';
import { UNKNOWN, isUnknown } from '../types';

/** Type tokens read here. */
export const DEPLOY_TYPES = {
  agentPool: 'azure-native:containerregistry:AgentPool',
  credentialSet: 'azure-native:containerregistry:CredentialSet',
  cacheRule: 'azure-native:containerregistry:CacheRule',
  /** `@pulumiverse/time` rotating timestamp. */
  rotating: 'time:index/rotating:Rotating',
} as const;

/** Where a task runs and whether it has a system-assigned identity. */
export function pulumiTaskRouteOf(r: PulumiResourceRecord): Pick<Task, 'agentPool' | 'systemIdentity'> {
  const identity = plain(r.inputs.identity);
  const type = isUnknown(identity) ? UNKNOWN : stringOf(recordOf(identity)?.type, '');
  return {
    agentPool: stringOf(r.inputs.agentPoolName, ''),
    systemIdentity: isUnknown(type) ? UNKNOWN : /SystemAssigned/.test(type),
  };
}

/**
 * True when the `key` input of a token (`credentials`) or token password (`password1`) takes its expiry
 * from a rotating timestamp (unknown until apply).
 */
export function rotatesPassword(index: PulumiIndex, record: PulumiResourceRecord, key: string): boolean {
  return index.dependencies(record, key, DEPLOY_TYPES.rotating).length > 0;
}

function status(value: unknown): Setting<boolean> | undefined {
  const v = plain(value);
  if (v === undefined || v === null) return undefined;
  if (isUnknown(v)) return v;
  return typeof v === 'string' ? v.toLowerCase() === 'enabled' : UNKNOWN;
}

/** The ARM-only properties of a registry from its inputs (azure-native has the two policies). */
export function pulumiArmPropertiesOf(
  r: PulumiResourceRecord,
): Pick<Registry, 'armAudienceTokens' | 'softDeleteDays' | 'taskNetworkBypass' | 'roleAssignmentMode'> {
  const policies = r.inputs.policies;
  // An unknown (or hidden) `policies` or policy makes its settings unknown, never Azure's defaults.
  const arm = status(member(member(policies, 'azureADAuthenticationAsArmPolicy'), 'status'));
  const soft = member(policies, 'softDeletePolicy');
  const softOn = status(member(soft, 'status'));
  return {
    armAudienceTokens: arm ?? REGISTRY_ARM_DEFAULTS.armAudienceTokens,
    softDeleteDays:
      softOn === undefined
        ? 0
        : isUnknown(softOn)
          ? softOn
          : softOn
            ? numberOf(member(soft, 'retentionDays'), 7)
            : 0,
    // A newer SDK may carry these; 3.28 cannot (the component refuses non-defaults): Azure's default.
    taskNetworkBypass: boolOf(
      r.inputs.networkRuleBypassAllowedForTasks,
      REGISTRY_ARM_DEFAULTS.taskNetworkBypass,
    ),
    roleAssignmentMode: stringOf(r.inputs.roleAssignmentMode, REGISTRY_ARM_DEFAULTS.roleAssignmentMode),
  };
}

/** Adds agent pools, credential sets and cache rules to the registries they name (the rest to `unattached`). */
export function attachPulumiDeployResources(
  index: PulumiIndex,
  file: string,
  attached: ReadonlyMap<string, Attachments>,
  unattached: PulumiUnattached,
): void {
  const push = <K extends 'agentPools' | 'credentialSets' | 'cacheRules'>(
    r: PulumiResourceRecord,
    key: K,
    item: Attachments[K][number],
  ): void => {
    const target = index.registryFromName(r, 'registryName');
    if (target?.kind !== 'managed') return unattached.note(key, item, r, 'registryName', 'name', target);
    for (const urn of target.urns)
      (attached.get(urn)?.[key] as Attachments[K][number][] | undefined)?.push(item);
  };
  for (const r of index.ofType(DEPLOY_TYPES.agentPool)) {
    push(r, 'agentPools', {
      source: pulumiSourceOf(index, r, file),
      name: stringOf(r.inputs.agentPoolName),
      subnetId: stringOf(r.inputs.virtualNetworkSubnetResourceId, ''),
      tier: stringOf(r.inputs.tier, 'S1'),
      count: numberOf(r.inputs.count, 1),
    });
  }
  for (const r of index.ofType(DEPLOY_TYPES.credentialSet)) {
    // The list (or its first credential) may be known only after the update: its secret IDs are then
    // unknown, not absent.
    const credentials = plain(r.inputs.authCredentials);
    const first = isUnknown(credentials) ? credentials : plain(listOf(credentials)?.[0]);
    const hidden = isUnknown(first) ? first : undefined;
    const credential = recordOf(first);
    push(r, 'credentialSets', {
      source: pulumiSourceOf(index, r, file),
      name: stringOf(r.inputs.credentialSetName),
      loginServer: stringOf(r.inputs.loginServer, ''),
      usernameSecretId: hidden ?? stringOf(credential?.usernameSecretIdentifier, ''),
      passwordSecretId: hidden ?? stringOf(credential?.passwordSecretIdentifier, ''),
    });
  }
  for (const r of index.ofType(DEPLOY_TYPES.cacheRule)) {
    const id = plain(r.inputs.credentialSetResourceId);
    const set = index.dependencies(r, 'credentialSetResourceId', DEPLOY_TYPES.credentialSet)[0];
    const credentialSet: Setting<string> =
      id === undefined || id === null
        ? ''
        : set
          ? stringOf(set.inputs.credentialSetName)
          : literal(id)
            ? lastSegment(literal(id) as string)
            : UNKNOWN;
    push(r, 'cacheRules', {
      source: pulumiSourceOf(index, r, file),
      name: stringOf(r.inputs.cacheRuleName),
      upstream: stringOf(r.inputs.sourceRepository, ''),
      targetRepository: stringOf(r.inputs.targetRepository, ''),
      credentialSet,
    });
  }
}
