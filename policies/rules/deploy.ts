/**
 * What must hold once deployed: tasks that can reach their registry, a scanner in every replica region,
 * ARM-audience tokens off, soft delete that Azure accepts, cache rules from allowed upstreams with
 * credentials in Key Vault, resource logs by category group.
 */
import { BLOCKED_TASK_FIX, taskRoute } from '../../constructs/model/task-network';
import { SOFT_DELETE_DAYS } from '../../constructs/model/arm-properties';
import { cacheSourceRegistry } from '../../constructs/model/artifact-cache';
import { parseKeyVaultObjectId } from '../../constructs/model/key-vault';
import { DIAGNOSTIC_CATEGORY_GROUPS } from '../../constructs/model/diagnostics';
import type { Registry, Setting, Task } from '../inventory/types';
import { isUnknown } from '../inventory/types';
import { expectSetting, fail, notApplicable, pass, registryLabel, unknown } from './outcomes';
import type { Outcome, RegistryRule } from './types';

function label(name: Setting<string>, address: string): string {
  return isUnknown(name) || name === '' ? address : name;
}

/** Whether the registry's network keeps the shared task pool out: true, false, or unknown. */
function restricted(registry: Registry): boolean | undefined {
  if (registry.publicNetworkAccess === false) return true;
  if (isUnknown(registry.publicNetworkAccess) || isUnknown(registry.networkDefaultAction)) return undefined;
  return registry.networkDefaultAction === 'Deny';
}

function taskOutcome(registry: Registry, task: Task, name: string): Outcome {
  const taskName = label(task.name, task.source.address);
  if (isUnknown(task.agentPool))
    return unknown(`the agent pool of task ${taskName} is only known after apply`, task.source);
  if (task.agentPool !== '') {
    const pool = registry.agentPools.find((p) => p.name === task.agentPool);
    if (!pool && registry.agentPools.some((p) => isUnknown(p.name)))
      return unknown(`agent pool ${task.agentPool} of task ${taskName} cannot be resolved`, task.source);
    if (!pool)
      return fail(
        `task ${taskName} names agent pool ${task.agentPool}, which ${name} does not have`,
        task.source,
      );
    if (isUnknown(pool.subnetId))
      return unknown(`the subnet of agent pool ${task.agentPool} is only known after apply`, task.source);
    return pool.subnetId === ''
      ? fail(
          `agent pool ${task.agentPool} of task ${taskName} is in no VNet subnet, so it cannot reach ${name}`,
          task.source,
        )
      : pass(`task ${taskName} runs on agent pool ${task.agentPool} inside the VNet`, task.source);
  }
  if (isUnknown(registry.taskNetworkBypass) || isUnknown(task.systemIdentity))
    return unknown(`whether ${name} lets task ${taskName} through is only known after apply`, task.source);
  const route = taskRoute({
    restricted: true,
    agentPool: false,
    bypassAllowed: registry.taskNetworkBypass,
    systemIdentity: task.systemIdentity,
  });
  return route === 'bypass'
    ? pass(
        `task ${taskName} passes the network rules of ${name} with its identity (task network bypass)`,
        task.source,
      )
    : fail(
        `task ${taskName} runs on the shared pool, which the network rules of ${name} keep out: every run is denied (403). Fix: ${BLOCKED_TASK_FIX}`,
        task.source,
      );
}

/** ACR-050: every task can reach its network-restricted registry. */
export const tasksReachRegistry: RegistryRule = {
  id: 'ACR-050',
  title: 'Tasks can reach a network-restricted registry',
  severity: 'high',
  posture: 'baseline',
  rationale:
    'Since June 2025 ACR Tasks on the shared pool are denied (403) by a registry whose network is restricted, unless the registry allows the task network bypass and the task signs in with its system-assigned identity, or the task runs on a dedicated agent pool in the VNet. A purge that never runs means retention never happens.',
  remediation:
    'Run tasks on an `azurerm_container_registry_agent_pool` in a VNet subnet (`agent_pool_name`; declaration: `agentPool`), or set `networkRuleBypassAllowedForTasks` (azapi; declaration: `taskNetworkBypass: true`) and give each task a system-assigned identity.',
  references: {},
  check: (registry) => {
    const name = registryLabel(registry);
    const tasks = registry.tasks.filter((t) => t.enabled !== false);
    if (tasks.length === 0) return [notApplicable(`${name} has no tasks`)];
    const closed = restricted(registry);
    if (closed === undefined) return [unknown(`the network exposure of ${name} is only known after apply`)];
    if (!closed) return [pass(`the network of ${name} is open to the shared task pool`)];
    if (registry.publicNetworkAccess === true && registry.ipRuleCount !== 0)
      return tasks.map((t) =>
        unknown(
          `whether the IP rules of ${name} admit the AzureContainerRegistry service tag (the shared pool) cannot be told offline`,
          t.source,
        ),
      );
    return tasks.map((task) => taskOutcome(registry, task, name));
  },
};

/** ACR-051: a quarantine webhook in every replica region. */
export const quarantineEveryRegion: RegistryRule = {
  id: 'ACR-051',
  title: 'The quarantine webhook reaches the scanner from every replica region',
  severity: 'high',
  posture: 'hardened',
  rationale:
    'A webhook hears only the events of its own region. On a geo-replicated, quarantine-enabled registry a push that lands in a region without a quarantine webhook never reaches the scanner, so the image stays quarantined there.',
  remediation:
    'Create one `azurerm_container_registry_webhook` with action `quarantine` per location: the home region and each replica (the constructs fan the declared webhook out).',
  references: {},
  check: (registry) => {
    const name = registryLabel(registry);
    if (registry.quarantine !== true || registry.replicas.length === 0)
      return isUnknown(registry.quarantine)
        ? [unknown(`quarantine of ${name} is only known after apply`)]
        : [notApplicable(`${name} is not a geo-replicated registry with quarantine`)];
    const regions = [registry.location, ...registry.replicas.map((r) => r.location)];
    const hooks = registry.webhooks.filter(
      (w) => w.enabled !== false && (isUnknown(w.actions) || w.actions.includes('quarantine')),
    );
    return regions.map((region): Outcome => {
      if (isUnknown(region)) return unknown(`a replica region of ${name} is only known after apply`);
      const here = hooks.filter(
        (w) => isUnknown(w.location) || w.location.toLowerCase() === region.toLowerCase(),
      );
      if (here.some((w) => !isUnknown(w.location) && !isUnknown(w.actions)))
        return pass(`a quarantine webhook of ${name} hears ${region}`);
      if (here.length > 0) return unknown(`the webhooks of ${name} in ${region} are only known after apply`);
      return fail(`no quarantine webhook of ${name} hears ${region}: images pushed there stay quarantined`);
    });
  },
};

/** ACR-052: ARM-audience tokens cannot authenticate to the registry. */
export const armAudienceTokensDisabled: RegistryRule = {
  id: 'ACR-052',
  title: 'ARM-audience token authentication is disabled',
  severity: 'medium',
  posture: 'hardened',
  rationale:
    'With it on, any Microsoft Entra token for Azure Resource Manager also authenticates to the registry data plane, so a token leaked for another purpose pulls and pushes images. Registry-audience tokens are enough for every client.',
  remediation:
    'Set `policies.azureADAuthenticationAsArmPolicy.status = "disabled"` (azapi `azapi_update_resource`, or azurerm 4.81+ `azuread_authentication_as_arm_policy_enabled = false`; declaration: `armAudienceTokens: false`).',
  references: { azurePolicy: ['42781ec6-6127-4c30-bdfa-fb423a0047d3'] },
  check: (registry) => [
    expectSetting(registry, registry.armAudienceTokens, false, 'ARM-audience token authentication'),
  ],
};

/** ACR-053: soft delete is configured as Azure accepts it. */
export const softDeleteAccepted: RegistryRule = {
  id: 'ACR-053',
  title: 'Soft delete is configured as Azure accepts it',
  severity: 'medium',
  posture: 'baseline',
  rationale:
    'Soft delete (preview) keeps 1-90 days, does not support geo-replicated registries and cannot be combined with the retention policy for untagged manifests; otherwise the update fails at apply.',
  remediation:
    'Use 1-90 days, on a registry without replicas and with `retention_policy_in_days = 0` (declaration: `softDeleteDays`).',
  references: {},
  check: (registry) => {
    const name = registryLabel(registry);
    const days = registry.softDeleteDays;
    if (isUnknown(days)) return [unknown(`soft delete of ${name} is only known after apply`)];
    if (days === 0) return [pass(`soft delete is off on ${name}: nothing for Azure to reject`)];
    const problems: string[] = [];
    if (days < SOFT_DELETE_DAYS.min || days > SOFT_DELETE_DAYS.max)
      problems.push(`${days} days is outside 1-90`);
    if (registry.replicas.length > 0) problems.push('the registry is geo-replicated');
    if (isUnknown(registry.retentionDays)) return [unknown(`retention of ${name} is only known after apply`)];
    if (registry.retentionDays > 0) problems.push('the retention policy is on');
    return problems.length === 0
      ? [pass(`${name} keeps deleted artifacts ${days} days`)]
      : [fail(`soft delete on ${name} is rejected by Azure: ${problems.join('; ')}`)];
  },
};

/** ACR-054: cache rules pull only from allowed upstream registries. */
export const cacheSourcesAllowed: RegistryRule = {
  id: 'ACR-054',
  title: 'Cache rules pull only from allowed upstream registries',
  severity: 'high',
  posture: 'baseline',
  rationale:
    'A cache rule makes anything an upstream registry serves pullable from this registry, past any promotion or scan. Only registries the organisation trusts may be upstreams.',
  remediation:
    'Remove the cache rule or add its upstream to the allowed cache sources (declaration: `allowedCacheSources`). Azure Policy 84497762 can forbid cache rules altogether.',
  references: { azurePolicy: ['84497762-32b6-4ab3-80b6-732ea48b85a2'] },
  check: (registry, context) => {
    const name = registryLabel(registry);
    if (registry.cacheRules.length === 0) return [notApplicable(`${name} has no cache rules`)];
    const allowed = new Set(context.allowedCacheSources.map((s) => s.toLowerCase()));
    return registry.cacheRules.map((rule) => {
      const ruleName = label(rule.name, rule.source.address);
      if (isUnknown(rule.upstream))
        return unknown(`the upstream of cache rule ${ruleName} is only known after apply`, rule.source);
      const upstream = cacheSourceRegistry(rule.upstream);
      return allowed.has(upstream)
        ? pass(`cache rule ${ruleName} pulls from ${upstream}, an allowed upstream`, rule.source)
        : fail(
            `cache rule ${ruleName} pulls from ${upstream}, which is not an allowed upstream`,
            rule.source,
          );
    });
  },
};

/** ACR-055: credential sets reference Key Vault secrets. */
export const credentialSetsInKeyVault: RegistryRule = {
  id: 'ACR-055',
  title: 'Credential sets keep their username and password in Key Vault',
  severity: 'high',
  posture: 'baseline',
  rationale:
    'A credential set names Key Vault secrets; anything else is a credential written into configuration and state, or a set that fails at apply.',
  remediation:
    'Use versionless Key Vault secret IDs (`https://<vault>.vault.azure.net/secrets/<name>`) for `username_secret_id` and `password_secret_id`, and grant the set\u2019s identity Key Vault Secrets User on them.',
  references: {},
  check: (registry) => {
    const name = registryLabel(registry);
    if (registry.credentialSets.length === 0) return [notApplicable(`${name} has no credential sets`)];
    return registry.credentialSets.map((set) => {
      const setName = label(set.name, set.source.address);
      const ids = [set.usernameSecretId, set.passwordSecretId];
      if (ids.some(isUnknown))
        return unknown(`the secrets of credential set ${setName} are only known after apply`, set.source);
      const bad = (ids as string[]).filter((id) => parseKeyVaultObjectId(id)?.kind !== 'secrets');
      return bad.length === 0
        ? pass(`credential set ${setName} reads its credentials from Key Vault`, set.source)
        : fail(
            `credential set ${setName} has ${bad.length} credential(s) that are not Key Vault secret IDs`,
            set.source,
          );
    });
  },
};

/** ACR-056: resource logs are collected by category group. */
export const logsByCategoryGroup: RegistryRule = {
  id: 'ACR-056',
  title: 'Resource logs are collected by category group (audit or allLogs)',
  severity: 'low',
  posture: 'hardened',
  rationale:
    'Azure Policy\u2019s resource-log built-ins look for a diagnostic setting with category group `audit` or `allLogs`; named categories satisfy ACR-017 but not them, and new categories Microsoft adds to a group are collected without a change.',
  remediation: `Use \`enabled_log { category_group = "audit" }\` (or \`allLogs\`) with a destination (declaration: \`diagnostics.categoryGroup\`). Groups: ${DIAGNOSTIC_CATEGORY_GROUPS.join(', ')}.`,
  references: {
    azurePolicy: ['187242f4-89c6-4c43-9a4e-188c0efacc5f', '56288eb2-4350-461d-9ece-2bb242269dce'],
  },
  check: (registry) => {
    const name = registryLabel(registry);
    let sawUnknown = false;
    for (const setting of registry.diagnostics) {
      if (isUnknown(setting.categoryGroups) || isUnknown(setting.hasDestination)) {
        sawUnknown = true;
        continue;
      }
      if (setting.hasDestination && setting.categoryGroups.length > 0)
        return [pass(`${name} sends category group ${setting.categoryGroups.join(', ')}`, setting.source)];
    }
    if (sawUnknown) return [unknown(`the diagnostic settings of ${name} are only known after apply`)];
    return [fail(`${name} has no diagnostic setting with category group audit or allLogs to a destination`)];
  },
};

/** Rules of this file. */
export const DEPLOY_RULES: readonly RegistryRule[] = [
  tasksReachRegistry,
  quarantineEveryRegion,
  armAudienceTokensDisabled,
  softDeleteAccepted,
  cacheSourcesAllowed,
  credentialSetsInKeyVault,
  logsByCategoryGroup,
];
