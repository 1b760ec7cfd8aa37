/**
 * Validation of what must hold once deployed: tasks that can reach their registry, agent pools, the ARM
 * registry properties, artifact cache, customer-managed key identities and resource-log destinations.
 * Each fact comes from its model file (task-network, arm-properties, artifact-cache, key-vault).
 */
import type { EnvironmentDeclaration } from './declaration';
import type { ProblemList } from './problems';
import type { ResolvedRegistry } from './resolve';
import { TIERS, isSku } from './tiers';
import { NAME_RULES } from './names';
import { isGuid, resourceIdExample, resourceIdLabel, resourceIdProblem } from './azure-ids';
import type { ResourceIdKind } from './azure-ids';
import { AGENT_POOL_NAME, AGENT_POOL_TIERS, BLOCKED_TASK_FIX, taskRoute } from './task-network';
import { SOFT_DELETE_DAYS } from './arm-properties';
import { CACHE_NAME, CACHE_RULE_LIMIT, cacheSourceRegistry, isCacheSource } from './artifact-cache';
import { parseKeyVaultObjectId } from './key-vault';
import { DIAGNOSTIC_CATEGORY_GROUPS } from './diagnostics';

function checkId(value: string, kind: ResourceIdKind, path: string, problems: ProblemList): void {
  const problem = resourceIdProblem(value, kind);
  if (problem)
    problems.add(
      path,
      `"${value}" is not a ${resourceIdLabel(kind)} ID: ${problem}`,
      `use ${resourceIdExample(kind)}`,
    );
}

function checkSecretId(value: string, path: string, problems: ProblemList): void {
  const secret = parseKeyVaultObjectId(value);
  if (secret?.kind !== 'secrets')
    problems.add(
      path,
      'not a Key Vault secret ID (a credential is never written into the declaration)',
      'store the value in Key Vault and use https://<vault>.vault.azure.net/secrets/<name>',
    );
  // azurerm v4 takes a credential set's secret IDs versionless (VersionlessNestedItemId): the cache
  // reads the secret's current version.
  else if (secret.version !== undefined)
    problems.add(
      path,
      `a versioned secret ID: azurerm takes credential set secrets without a version (${secret.version})`,
      `use https://${secret.vault}.vault.azure.net/secrets/${secret.name}`,
    );
}

function checkNamed(
  names: readonly string[],
  rule: { readonly pattern: RegExp; readonly description: string },
  what: string,
  at: string,
  problems: ProblemList,
): void {
  const seen = new Set<string>();
  names.forEach((name, i) => {
    if (!rule.pattern.test(name))
      problems.add(`${at}[${i}].name`, `${what} name "${name}" is invalid`, `use ${rule.description}`);
    if (seen.has(name.toLowerCase()))
      problems.add(`${at}[${i}].name`, `${what} "${name}" is declared twice`, 'give each one its own name');
    seen.add(name.toLowerCase());
  });
}

/** Checks the agent pool and that every task and purge can reach the registry. */
export function validateTaskNetwork(
  env: EnvironmentDeclaration,
  resolved: ResolvedRegistry,
  at: string,
  problems: ProblemList,
): void {
  const pool = env.registry.agentPool;
  if (pool) {
    if (!AGENT_POOL_NAME.pattern.test(pool.name))
      problems.add(
        `${at}.agentPool.name`,
        `agent pool name "${pool.name}" is invalid`,
        `use ${AGENT_POOL_NAME.description}`,
      );
    checkId(pool.subnetId, 'subnet', `${at}.agentPool.subnetId`, problems);
    if (pool.tier !== undefined && !AGENT_POOL_TIERS.includes(pool.tier))
      problems.add(
        `${at}.agentPool.tier`,
        `unknown agent pool tier "${String(pool.tier)}"`,
        `use one of ${AGENT_POOL_TIERS.join(', ')}`,
      );
    if (pool.count !== undefined && (!Number.isInteger(pool.count) || pool.count < 1))
      problems.add(`${at}.agentPool.count`, `${pool.count} is not a number of agents`, 'use 1 or more');
    // Every task runs on the pool. Learn, "Run ACR Tasks on dedicated agent pools": "Task agent pools
    // currently support Linux nodes. Windows nodes aren't currently supported."
    (env.registry.tasks ?? []).forEach((task, i) => {
      if (task.os === 'Windows')
        problems.add(
          `${at}.tasks[${i}].os`,
          `task ${task.name} would run on agent pool ${pool.name}, and task agent pools run Linux only`,
          'build on Linux, or move the Windows task to a registry without an agent pool',
        );
    });
  }
  const route = taskRoute({
    restricted: resolved.taskNetwork.restricted,
    agentPool: resolved.taskNetwork.agentPoolName !== undefined,
    bypassAllowed: resolved.taskNetworkBypass,
    systemIdentity: resolved.taskNetwork.useIdentity,
  });
  if (route !== 'blocked') return;
  const tasks: [string, string][] = [
    ...resolved.tasks.map((t, i): [string, string] => [`${at}.tasks[${i}]`, t.name]),
    ...resolved.purges.map((p, i): [string, string] => [`${at}.purges[${i}]`, p.name]),
  ];
  for (const [path, name] of tasks) {
    problems.add(
      path,
      `task ${name} runs on the shared task pool, which the registry's network rules keep out (every run is denied with 403)`,
      BLOCKED_TASK_FIX,
    );
  }
}

/** Checks soft delete and the role assignment mode. */
export function validateArmProperties(
  env: EnvironmentDeclaration,
  resolved: ResolvedRegistry,
  at: string,
  problems: ProblemList,
): void {
  const r = env.registry;
  const days = r.softDeleteDays;
  if (days !== undefined) {
    if (!Number.isInteger(days) || days < SOFT_DELETE_DAYS.min || days > SOFT_DELETE_DAYS.max)
      problems.add(
        `${at}.softDeleteDays`,
        `soft delete for ${days} days is out of range`,
        `use ${SOFT_DELETE_DAYS.min} to ${SOFT_DELETE_DAYS.max} days`,
      );
    if (resolved.replicas.length > 0)
      problems.add(
        `${at}.softDeleteDays`,
        'soft delete does not support geo-replicated registries',
        'remove softDeleteDays or the replicas',
      );
    if (resolved.retentionDays > 0)
      problems.add(
        `${at}.softDeleteDays`,
        'soft delete and the retention policy for untagged manifests cannot both be enabled',
        'set retentionDays to 0 or remove softDeleteDays',
      );
  }
}

/** Checks credential sets and cache rules against the allowed upstream registries. */
export function validateArtifactCache(
  env: EnvironmentDeclaration,
  allowedSources: readonly string[],
  at: string,
  problems: ProblemList,
): void {
  const sets = env.registry.credentialSets ?? [];
  const rules = env.registry.cacheRules ?? [];
  checkNamed(
    sets.map((s) => s.name),
    CACHE_NAME,
    'credential set',
    `${at}.credentialSets`,
    problems,
  );
  sets.forEach((set, i) => {
    const path = `${at}.credentialSets[${i}]`;
    if (!/^[a-z0-9.-]+\.[a-z]{2,}(?::\d+)?$/.test(set.loginServer))
      problems.add(
        `${path}.loginServer`,
        `"${set.loginServer}" is not a login server`,
        'use a host such as docker.io',
      );
    checkId(set.keyVaultId, 'keyVault', `${path}.keyVaultId`, problems);
    checkSecretId(set.usernameSecretId, `${path}.usernameSecretId`, problems);
    checkSecretId(set.passwordSecretId, `${path}.passwordSecretId`, problems);
  });
  checkNamed(
    rules.map((r) => r.name),
    CACHE_NAME,
    'cache rule',
    `${at}.cacheRules`,
    problems,
  );
  if (rules.length > CACHE_RULE_LIMIT)
    problems.add(
      `${at}.cacheRules`,
      `${rules.length} cache rules exceed the limit of ${CACHE_RULE_LIMIT}`,
      'cache namespaces with a trailing /* instead of single repositories',
    );
  const targets = new Set<string>();
  const allowed = new Set(allowedSources.map((s) => s.toLowerCase()));
  rules.forEach((rule, i) => {
    const path = `${at}.cacheRules[${i}]`;
    if (!isCacheSource(rule.source))
      problems.add(
        `${path}.source`,
        `"${rule.source}" is not an upstream repository`,
        'use <registry>/<repository>, e.g. docker.io/library/nginx',
      );
    else if (!allowed.has(cacheSourceRegistry(rule.source)))
      problems.add(
        `${path}.source`,
        `upstream registry ${cacheSourceRegistry(rule.source)} is not allowed (allowed: ${[...allowed].join(', ')})`,
        'cache from an allowed registry or add it to allowedCacheSources',
      );
    const target = rule.targetRepository.replace(/\/\*$/, '');
    if (!NAME_RULES.repository.pattern.test(target))
      problems.add(
        `${path}.targetRepository`,
        `"${rule.targetRepository}" is not a repository name`,
        `use ${NAME_RULES.repository.description}`,
      );
    if (targets.has(target))
      problems.add(
        `${path}.targetRepository`,
        `two cache rules fill repository ${target}`,
        'give each rule its own target repository',
      );
    targets.add(target);
    if (rule.credentialSet === undefined) return;
    const set = sets.find((s) => s.name === rule.credentialSet);
    if (!set)
      problems.add(
        `${path}.credentialSet`,
        `credential set "${rule.credentialSet}" is not declared`,
        'declare it in credentialSets or remove credentialSet',
      );
    else if (isCacheSource(rule.source) && set.loginServer.toLowerCase() !== cacheSourceRegistry(rule.source))
      problems.add(
        `${path}.credentialSet`,
        `credential set ${set.name} signs in to ${set.loginServer}, not to ${cacheSourceRegistry(rule.source)}`,
        'use a credential set for the upstream of the rule',
      );
  });
}

/** Checks the customer-managed key and the identity that reads it. */
export function validateEncryption(env: EnvironmentDeclaration, at: string, problems: ProblemList): void {
  const e = env.registry.encryption;
  if (!e) return;
  const path = `${at}.encryption`;
  // Learn, "Encrypt a registry by using a customer-managed key": "Content trust is currently not
  // supported in a registry that's encrypted with a customer-managed key."
  if (env.registry.trustPolicy === true)
    problems.add(
      `${at}.trustPolicy`,
      'content trust is not supported in a registry encrypted with a customer-managed key',
      'sign with Notation (signing) and turn trustPolicy off, or remove encryption',
    );
  if (parseKeyVaultObjectId(e.keyVaultKeyId)?.kind !== 'keys')
    problems.add(
      `${path}.keyVaultKeyId`,
      `"${e.keyVaultKeyId}" is not a Key Vault key ID`,
      'use the versionless ID https://<vault>.vault.azure.net/keys/<name>',
    );
  checkId(e.keyVaultId, 'keyVault', `${path}.keyVaultId`, problems);
  if (e.identityId === undefined) {
    if (e.identityClientId !== undefined || e.identityPrincipalId !== undefined)
      problems.add(
        `${path}.identityId`,
        'the identity that reads the key is missing: a client or object ID is given without its identity',
        'add identityId (listed in identity.userAssignedIdentityIds), or remove the IDs to let the stack create the identity',
      );
    return;
  }
  checkId(e.identityId, 'userAssignedIdentity', `${path}.identityId`, problems);
  const listed = (env.registry.identity?.userAssignedIdentityIds ?? []).some(
    (id) => id.toLowerCase() === e.identityId?.toLowerCase(),
  );
  if (!listed)
    problems.add(
      `${path}.identityId`,
      'the identity that reads the key is missing from the registry: it is not listed in identity.userAssignedIdentityIds',
      'add it to identity.userAssignedIdentityIds',
    );
  for (const key of ['identityClientId', 'identityPrincipalId'] as const) {
    const value = e[key];
    if (value === undefined || !isGuid(value))
      problems.add(
        `${path}.${key}`,
        value === undefined ? `${key} is required with identityId` : `"${value}" is not a GUID`,
        key === 'identityClientId'
          ? "use the identity's client ID"
          : "use the identity's object (principal) ID; it receives the Key Vault role",
      );
  }
}

/** Checks the resource-log destinations and category group. */
export function validateResourceLogs(env: EnvironmentDeclaration, at: string, problems: ProblemList): void {
  const d = env.registry.diagnostics;
  if (!d) return;
  const path = `${at}.diagnostics`;
  if (
    d.logAnalyticsWorkspaceId === undefined &&
    d.storageAccountId === undefined &&
    d.eventHubAuthorizationRuleId === undefined
  )
    problems.add(
      path,
      'the diagnostic setting has no destination',
      'set logAnalyticsWorkspaceId, storageAccountId or eventHubAuthorizationRuleId',
    );
  if (d.storageAccountId !== undefined)
    checkId(d.storageAccountId, 'storageAccount', `${path}.storageAccountId`, problems);
  if (d.eventHubAuthorizationRuleId !== undefined)
    checkId(
      d.eventHubAuthorizationRuleId,
      'eventHubAuthorizationRule',
      `${path}.eventHubAuthorizationRuleId`,
      problems,
    );
  if (d.eventHubName !== undefined && d.eventHubAuthorizationRuleId === undefined)
    problems.add(
      `${path}.eventHubName`,
      'an Event Hub name needs its authorization rule',
      'set eventHubAuthorizationRuleId',
    );
  if (d.categoryGroup !== undefined && !DIAGNOSTIC_CATEGORY_GROUPS.includes(d.categoryGroup))
    problems.add(
      `${path}.categoryGroup`,
      `unknown category group "${String(d.categoryGroup)}"`,
      `use ${DIAGNOSTIC_CATEGORY_GROUPS.join(' or ')}`,
    );
}

/** Checks that the webhooks fanned out to every replica location fit the tier. */
export function validateWebhookFanOut(
  env: EnvironmentDeclaration,
  resolved: ResolvedRegistry,
  at: string,
  problems: ProblemList,
): void {
  if (!isSku(env.registry.sku) || resolved.replicas.length === 0) return;
  const count = resolved.webhooks.reduce((n, w) => n + w.deployments.length, 0);
  const limit = TIERS[env.registry.sku].limits.webhooks;
  if (count > limit)
    problems.add(
      `${at}.webhooks`,
      `${resolved.webhooks.length} webhooks in ${resolved.replicas.length + 1} locations make ${count} webhooks, over the ${env.registry.sku} limit of ${limit}`,
      'remove webhooks or replicas',
    );
}
