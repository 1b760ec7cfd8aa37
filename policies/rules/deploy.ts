/**
 * What must hold once deployed: tasks that can reach their registry, a scanner in every replica region,
 * ARM-audience tokens off, soft delete that Azure accepts, cache rules from allowed upstreams with
 * credentials in Key Vault, resource logs by category group.
 */
import { isCertain, listDoubt, listGap, unattachedOf, undecidedDoubt } from '../inventory/input-notes';
import { BLOCKED_TASK_FIX, taskRoute } from '../../constructs/model/task-network';
import { SOFT_DELETE_DAYS } from '../../constructs/model/arm-properties';
import { cacheSourceRegistry } from '../../constructs/model/artifact-cache';
import { parseKeyVaultObjectId } from '../../constructs/model/key-vault';
import { DIAGNOSTIC_CATEGORY_GROUPS } from '../../constructs/model/diagnostics';
import { sameLocation } from '../../constructs/model/regions';
import type { CacheRule, CredentialSet, Registry, Setting, Task, Webhook } from '../inventory/types';
import { isKeyVaultSecretReference, isUnknown } from '../inventory/types';
import { BoundedCache } from '../inventory/bounded-cache';
import { becauseOf, eachItem, expectSetting, registryLabel, unknownText } from './outcomes';
import { mayHearQuarantine } from './content';
import { openIpRanges } from './ip-ranges';
import type { Outcomes, RegistryContext, RegistryRuleDefinition } from './types';

function label(name: Setting<string>, address: string): string {
  return isUnknown(name) || name === '' ? address : name;
}

/** Whether the registry's network keeps the shared task pool out: true, false, or unknown. */
/**
 * Whether a registry's network keeps out callers from outside it (public access off, or default action
 * Deny with an allow list that does not admit everything); undefined when that is not known.
 */
export function networkRestricted(registry: Registry): boolean | undefined {
  if (registry.publicNetworkAccess === false) return true;
  if (isUnknown(registry.publicNetworkAccess) || isUnknown(registry.networkDefaultAction)) return undefined;
  if (registry.networkDefaultAction !== 'Deny') return false;
  // An allow list that admits every address admits the shared pool too.
  const open = openIpRanges(registry.ipRanges);
  return isUnknown(open) || open.length === 0;
}

function taskOutcome(out: Outcomes, registry: Registry, task: Task, name: string): void {
  const taskName = label(task.name, task.source.address);
  if (isUnknown(task.agentPool))
    return out.unknown(`the agent pool of task ${taskName} ${unknownText(task.agentPool)}`, task.source);
  if (task.agentPool !== '') {
    // A pool is a child resource of the registry; its name compares in any case, as Azure's do.
    const wanted = task.agentPool.toLowerCase();
    const named = (p: { readonly name: unknown }): boolean =>
      typeof p.name === 'string' && p.name.toLowerCase() === wanted;
    const pool = registry.agentPools.find(named);
    // The pool may be one the input does not show: a pool whose name is unknown, or an incomplete list.
    const hidden =
      registry.agentPools.find((p) => isUnknown(p.name))?.name ??
      listGap(registry, 'agentPools') ??
      undecidedDoubt(registry, 'agentPools', (p) => isUnknown(p.name) || named(p));
    if (!pool && hidden)
      return out.unknown(
        `agent pool ${task.agentPool} of task ${taskName} cannot be resolved${becauseOf(hidden)}`,
        task.source,
      );
    if (!pool)
      return out.fail(
        `task ${taskName} names agent pool ${task.agentPool}, which ${name} does not have`,
        task.source,
      );
    if (!isCertain(pool))
      return out.unknown(
        `agent pool ${task.agentPool} of task ${taskName} may not exist${becauseOf(pool.presence)}`,
        task.source,
      );
    if (isUnknown(pool.subnetId))
      return out.unknown(
        `the subnet of agent pool ${task.agentPool} ${unknownText(pool.subnetId)}`,
        task.source,
      );
    if (pool.subnetId === '')
      return out.fail(
        `agent pool ${task.agentPool} of task ${taskName} is in no VNet subnet, so it cannot reach ${name}`,
        task.source,
      );
    return out.pass(`task ${taskName} runs on agent pool ${task.agentPool} inside the VNet`, task.source);
  }
  // Either one known to be off blocks the task, whatever the other is.
  const off = registry.taskNetworkBypass === false || task.systemIdentity === false;
  if (!off && (isUnknown(registry.taskNetworkBypass) || isUnknown(task.systemIdentity)))
    return out.unknown(
      `whether ${name} lets task ${taskName} through is not known${becauseOf(registry.taskNetworkBypass, task.systemIdentity)}`,
      task.source,
    );
  const route = taskRoute({
    restricted: true,
    agentPool: false,
    bypassAllowed: registry.taskNetworkBypass === true,
    systemIdentity: task.systemIdentity === true,
  });
  if (route === 'bypass')
    out.pass(
      `task ${taskName} passes the network rules of ${name} with its identity (task network bypass)`,
      task.source,
    );
  else
    out.fail(
      `task ${taskName} runs on the shared pool, which the network rules of ${name} keep out: every run is denied (403). Fix: ${BLOCKED_TASK_FIX}`,
      task.source,
    );
}

/** ACR-050: every task can reach its network-restricted registry. */
export const tasksReachRegistry: RegistryRuleDefinition = {
  id: 'ACR-050',
  title: 'Tasks can reach a network-restricted registry',
  severity: 'high',
  posture: 'baseline',
  rationale:
    'Since June 2025 ACR Tasks on the shared pool are denied (403) by a registry whose network is restricted, unless the registry allows the task network bypass and the task signs in with its system-assigned identity, or the task runs on a dedicated agent pool in the VNet. A purge that never runs means retention never happens.',
  remediation:
    'Run tasks on an `azurerm_container_registry_agent_pool` in a VNet subnet (`agent_pool_name`; declaration: `agentPool`), or set `networkRuleBypassAllowedForTasks` (azapi; declaration: `taskNetworkBypass: true`) and give each task a system-assigned identity.',
  references: {},
  judge: (out, registry) => {
    const name = registryLabel(registry);
    const tasks = registry.tasks.filter((t) => t.enabled !== false);
    // Tasks the input may not show (a module given the registry), or whose registry it does not decide.
    const hidden =
      listGap(registry, 'tasks') ?? undecidedDoubt(registry, 'tasks', (t) => t.enabled !== false);
    if (tasks.length === 0 && !hidden) return out.notApplicable(`${name} has no tasks`);
    const closed = networkRestricted(registry);
    if (closed === undefined)
      return out.unknown(
        `the network exposure of ${name} is not known${becauseOf(registry.publicNetworkAccess, registry.networkDefaultAction)}`,
      );
    if (!closed) return out.pass(`the network of ${name} is open to the shared task pool`);
    const ipRules =
      registry.publicNetworkAccess === true &&
      !(Array.isArray(registry.ipRanges) && registry.ipRanges.length === 0);
    for (const task of tasks) {
      if (ipRules)
        out.unknown(
          `whether the IP rules of ${name} admit the AzureContainerRegistry service tag (the shared pool) cannot be told offline`,
          task.source,
        );
      else taskOutcome(out, registry, task, name);
    }
    if (hidden) out.unknown(`the tasks of ${name} may include more than the input shows${becauseOf(hidden)}`);
  },
};

/** True when the webhook may hear events of `region` (its own region is that one, or unknown). */
function mayHearRegion(w: Webhook, region: string): boolean {
  return isUnknown(w.location) || sameLocation(w.location, region);
}

/** True when the webhook surely exists, is enabled, and hears quarantine events of a known region. */
function surelyQuarantineHook(w: Webhook): boolean {
  return isCertain(w) && w.enabled === true && !isUnknown(w.location) && !isUnknown(w.actions);
}

/** What makes a candidate quarantine webhook uncertain (its presence, region, actions or status). */
function hookDoubt(w: Webhook): unknown {
  return w.presence ?? [w.location, w.actions, w.enabled].find(isUnknown);
}

/** ` hears <region>`, once per region text (the same few on thousands of registries). */
const HEARS = new BoundedCache<string, string>(10_000);

function hears(region: string): string {
  return ` hears ${region}`;
}

/** ` hears <region>: images pushed there stay quarantined`, once per region text. */
const UNHEARD = new BoundedCache<string, string>(10_000);

function unheard(region: string): string {
  return ` hears ${region}: images pushed there stay quarantined`;
}

/** ACR-051 on one region of a registry: a quarantine webhook among `hooks` (those that may hear quarantine) hears it. */
function regionHeard(
  out: Outcomes,
  registry: Registry,
  name: string,
  hooks: readonly Webhook[],
  region: Setting<string>,
  presence?: unknown,
): void {
  if (isUnknown(region)) return out.unknown(`a replica region of ${name} ${unknownText(region)}`);
  // The first webhook that may hear the region, unless one surely does.
  let first: Webhook | undefined;
  for (const w of hooks) {
    if (!mayHearRegion(w, region)) continue;
    if (surelyQuarantineHook(w))
      return out.pass(`a quarantine webhook of ${name}` + HEARS.get(region, hears));
    if (first === undefined) first = w;
  }
  // A webhook that may not exist, or whose region, actions or status are unknown, may be the one;
  // so may one the input does not show or whose registry it does not decide.
  const doubt = first
    ? hookDoubt(first)
    : (listGap(registry, 'webhooks') ??
      undecidedDoubt(registry, 'webhooks', (w) => mayHearQuarantine(w) && mayHearRegion(w, region)));
  if (doubt)
    return out.unknown(
      `whether a quarantine webhook of ${name} hears ${region} is not known${becauseOf(doubt)}`,
    );
  // A replica that may not exist: no webhook hears its region, but there may be nothing to hear.
  if (presence !== undefined)
    return out.unknown(
      `no quarantine webhook of ${name} hears ${region}, where a replica may exist${becauseOf(presence)}`,
    );
  out.fail(`no quarantine webhook of ${name}` + UNHEARD.get(region, unheard));
}

/** ACR-051: a quarantine webhook in every replica region. */
export const quarantineEveryRegion: RegistryRuleDefinition = {
  id: 'ACR-051',
  title: 'The quarantine webhook reaches the scanner from every replica region',
  severity: 'high',
  posture: 'hardened',
  rationale:
    'A webhook hears only the events of its own region. On a geo-replicated, quarantine-enabled registry a push that lands in a region without a quarantine webhook never reaches the scanner, so the image stays quarantined there.',
  remediation:
    'Create one `azurerm_container_registry_webhook` with action `quarantine` per location: the home region and each replica (the constructs fan the declared webhook out).',
  references: {},
  judge: (out, registry) => {
    const name = registryLabel(registry);
    // Replicas the input may not show (a dynamic block over an unknown collection).
    const replicaGap = listGap(registry, 'replicas');
    if (registry.quarantine === false || (registry.replicas.length === 0 && !replicaGap))
      return out.notApplicable(`${name} is not a geo-replicated registry with quarantine`);
    if (isUnknown(registry.quarantine))
      return out.unknown(`quarantine of ${name} ${unknownText(registry.quarantine)}`);
    const hooks = registry.webhooks.filter(mayHearQuarantine);
    regionHeard(out, registry, name, hooks, registry.location);
    for (const replica of registry.replicas)
      regionHeard(out, registry, name, hooks, replica.location, replica.presence);
    if (replicaGap)
      out.unknown(
        `the replica regions of ${name} may include more than the input shows${becauseOf(replicaGap)}`,
      );
  },
};

/** ACR-052: ARM-audience tokens cannot authenticate to the registry. */
export const armAudienceTokensDisabled: RegistryRuleDefinition = {
  id: 'ACR-052',
  title: 'ARM-audience token authentication is disabled',
  severity: 'medium',
  posture: 'hardened',
  rationale:
    'With it on, any Microsoft Entra token for Azure Resource Manager also authenticates to the registry data plane, so a token leaked for another purpose pulls and pushes images. Registry-audience tokens are enough for every client.',
  remediation:
    'Set `policies.azureADAuthenticationAsArmPolicy.status = "disabled"` (azapi `azapi_update_resource`, or azurerm 4.81+ `azuread_authentication_as_arm_policy_enabled = false`; declaration: `armAudienceTokens: false`).',
  references: { azurePolicy: ['42781ec6-6127-4c30-bdfa-fb423a0047d3'] },
  judge: (out, registry) =>
    expectSetting(out, registry, registry.armAudienceTokens, false, 'ARM-audience token authentication'),
};

/** ACR-053: soft delete is configured as Azure accepts it. */
export const softDeleteAccepted: RegistryRuleDefinition = {
  id: 'ACR-053',
  title: 'Soft delete is configured as Azure accepts it',
  severity: 'medium',
  posture: 'baseline',
  rationale:
    'Soft delete (preview) keeps 1-90 days, does not support geo-replicated registries and cannot be combined with the retention policy for untagged manifests; otherwise the update fails at apply.',
  remediation:
    'Use 1-90 days, on a registry without replicas and with `retention_policy_in_days = 0` (declaration: `softDeleteDays`).',
  references: {},
  judge: (out, registry) => {
    const name = registryLabel(registry);
    const days = registry.softDeleteDays;
    if (isUnknown(days)) return out.unknown(`soft delete of ${name} ${unknownText(days)}`);
    if (days === 0) return out.pass(`soft delete is off on ${name}: nothing for Azure to reject`);
    const problems: string[] = [];
    if (days < SOFT_DELETE_DAYS.min || days > SOFT_DELETE_DAYS.max)
      problems.push(`${days} days is outside 1-90`);
    if (registry.replicas.some(isCertain)) problems.push('the registry is geo-replicated');
    const retention = registry.retentionDays;
    if (!isUnknown(retention) && retention > 0) problems.push('the retention policy is on');
    if (problems.length > 0)
      return out.fail(`soft delete on ${name} is rejected by Azure: ${problems.join('; ')}`);
    // No problem seen: replicas the input does not show, or an unknown retention, may still be one.
    if (isUnknown(retention)) return out.unknown(`retention of ${name} ${unknownText(retention)}`);
    const replicaGap =
      listGap(registry, 'replicas') ?? registry.replicas.find((r) => !isCertain(r))?.presence;
    if (replicaGap)
      return out.unknown(`whether ${name} is geo-replicated is not known${becauseOf(replicaGap)}`);
    out.pass(`${name} keeps deleted artifacts ${days} days`);
  },
};

/** ACR-054: cache rules pull only from allowed upstream registries. */
export const cacheSourcesAllowed: RegistryRuleDefinition = {
  id: 'ACR-054',
  title: 'Cache rules pull only from allowed upstream registries',
  severity: 'high',
  posture: 'baseline',
  rationale:
    'A cache rule makes anything an upstream registry serves pullable from this registry, past any promotion or scan. Only registries the organisation trusts may be upstreams.',
  remediation:
    'Remove the cache rule or add its upstream to the allowed cache sources (declaration: `allowedCacheSources`). Azure Policy 84497762 can forbid cache rules altogether.',
  references: { azurePolicy: ['84497762-32b6-4ab3-80b6-732ea48b85a2'] },
  judge: (out, registry, context) =>
    eachItem(out, registry, 'cacheRules', (_, rule) => cacheRuleOutcome(out, rule, context)),
  judgeUnattached: (out, items, context) => {
    for (const u of unattachedOf(items, 'cacheRules')) cacheRuleOutcome(out, u.item, context);
  },
};

/** ACR-054 on one cache rule: its upstream is allowed. */
function cacheRuleOutcome(out: Outcomes, rule: CacheRule, context: RegistryContext): void {
  const ruleName = label(rule.name, rule.source.address);
  if (isUnknown(rule.upstream))
    return out.unknown(`the upstream of cache rule ${ruleName} ${unknownText(rule.upstream)}`, rule.source);
  const upstream = cacheSourceRegistry(rule.upstream);
  const allowed = context.allowedCacheSources.some((s) => s.toLowerCase() === upstream);
  if (allowed) out.pass(`cache rule ${ruleName} pulls from ${upstream}, an allowed upstream`, rule.source);
  else
    out.fail(`cache rule ${ruleName} pulls from ${upstream}, which is not an allowed upstream`, rule.source);
}

/** ACR-055: credential sets reference Key Vault secrets. */
export const credentialSetsInKeyVault: RegistryRuleDefinition = {
  id: 'ACR-055',
  title: 'Credential sets keep their username and password in Key Vault',
  severity: 'high',
  posture: 'baseline',
  rationale:
    'A credential set names Key Vault secrets; anything else is a credential written into configuration and state, or a set that fails at apply.',
  remediation:
    'Use versionless Key Vault secret IDs (`https://<vault>.vault.azure.net/secrets/<name>`) for `username_secret_id` and `password_secret_id`, and grant the set\u2019s identity Key Vault Secrets User on them.',
  references: {},
  judge: (out, registry) => eachItem(out, registry, 'credentialSets', credentialSetOutcome),
  judgeUnattached: (out, items) => {
    for (const u of unattachedOf(items, 'credentialSets')) credentialSetOutcome(out, u.item);
  },
};

/** ACR-055 on one credential set: both credentials are Key Vault secret IDs. */
function credentialSetOutcome(out: Outcomes, set: CredentialSet): void {
  const setName = label(set.name, set.source.address);
  // A reference to a Key Vault secret's versionless ID is a Key Vault secret ID (see SecretId).
  const ids = [set.usernameSecretId, set.passwordSecretId].filter(
    (id): id is Setting<string> => !isKeyVaultSecretReference(id),
  );
  const bad = ids.filter((id) => !isUnknown(id) && parseKeyVaultObjectId(id)?.kind !== 'secrets');
  // A credential that is not a secret ID fails whatever the other one is.
  if (bad.length > 0)
    return out.fail(
      `credential set ${setName} has ${bad.length} credential(s) that are not Key Vault secret IDs`,
      set.source,
    );
  const hidden = ids.find(isUnknown);
  if (hidden)
    return out.unknown(`a secret ID of credential set ${setName} ${unknownText(hidden)}`, set.source);
  out.pass(`credential set ${setName} reads its credentials from Key Vault`, set.source);
}

/** ACR-056: resource logs are collected by category group. */
export const logsByCategoryGroup: RegistryRuleDefinition = {
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
  judge: (out, registry) => {
    const name = registryLabel(registry);
    let doubt: unknown;
    for (const setting of registry.diagnostics) {
      const groups = setting.categoryGroups;
      if (isUnknown(groups)) {
        doubt ??= groups;
        continue;
      }
      // A setting of named categories only cannot pass, whatever its destination.
      if (groups.length === 0) continue;
      if (isUnknown(setting.hasDestination)) doubt ??= setting.hasDestination;
      else if (setting.hasDestination) {
        if (isCertain(setting))
          return out.pass(`${name} sends category group ${groups.join(', ')}`, setting.source);
        doubt ??= setting.presence;
      }
    }
    doubt ??= listDoubt(
      registry,
      'diagnostics',
      (d) => d.hasDestination !== false && (isUnknown(d.categoryGroups) || d.categoryGroups.length > 0),
    );
    if (doubt) return out.unknown(`the diagnostic settings of ${name} are not known${becauseOf(doubt)}`);
    out.fail(`${name} has no diagnostic setting with category group audit or allLogs to a destination`);
  },
};

/** Rules of this file. */
export const DEPLOY_RULES: readonly RegistryRuleDefinition[] = [
  tasksReachRegistry,
  quarantineEveryRegion,
  armAudienceTokensDisabled,
  softDeleteAccepted,
  cacheSourcesAllowed,
  credentialSetsInKeyVault,
  logsByCategoryGroup,
];
