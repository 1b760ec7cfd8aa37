/**
 * Validation of what hangs off a registry: endpoints, DNS, grants, tokens, tasks, purges, webhooks.
 */
import type { EnvironmentDeclaration } from './declaration';
import type { ProblemList } from './problems';
import type { ResolvedRegistry } from './resolve';
import { TIERS, isSku } from './tiers';
import {
  NAME_RULES,
  SCOPE_MAP_PERMISSIONS,
  WEBHOOK_ACTIONS,
  isScopeMapRepository,
  isWebhookScope,
} from './names';
import type { NamedEntity } from './names';
import { PRINCIPAL_TYPES } from './roles';
import { isBuiltInRoleName } from './role-directory';
import { PRIVATE_DNS_ZONE } from './private-dns';
import { TASK_TIMEOUT_SECONDS } from './provider-defaults';
import { isCron, isGuid, isResourceId, nameFromId } from './azure-ids';

function checkName(entity: NamedEntity, name: string, path: string, problems: ProblemList): void {
  if (!NAME_RULES[entity].pattern.test(name)) {
    problems.add(path, `${entity} name "${name}" is invalid`, `use ${NAME_RULES[entity].description}`);
  }
}

function checkUnique(names: readonly string[], path: string, what: string, problems: ProblemList): void {
  const seen = new Set<string>();
  names.forEach((name, i) => {
    if (seen.has(name.toLowerCase()))
      problems.add(`${path}[${i}]`, `${what} "${name}" is declared twice`, 'give each one its own name');
    seen.add(name.toLowerCase());
  });
}

function tierLimit(env: EnvironmentDeclaration, key: 'webhooks' | 'tokens' | 'privateEndpoints'): number {
  return isSku(env.registry.sku) ? TIERS[env.registry.sku].limits[key] : Number.POSITIVE_INFINITY;
}

/** Checks private endpoints and private DNS. */
export function validatePrivateNetwork(
  env: EnvironmentDeclaration,
  resolved: ResolvedRegistry,
  at: string,
  problems: ProblemList,
): void {
  const endpoints = resolved.privateEndpoints;
  const limit = TIERS.Premium.limits.privateEndpoints;
  if (endpoints.length > limit) {
    problems.add(
      `${at}.privateEndpoints`,
      `${endpoints.length} private endpoints exceed the limit of ${limit}`,
      'share endpoints between subnets through VNet peering',
    );
  }
  checkUnique(
    endpoints.map((e) => e.name),
    `${at}.privateEndpoints`,
    'private endpoint',
    problems,
  );
  endpoints.forEach((endpoint, i) => {
    if (!isResourceId(endpoint.subnetId, 'subnet')) {
      problems.add(
        `${at}.privateEndpoints[${i}].subnetId`,
        `"${endpoint.subnetId}" is not a subnet ID`,
        'use /subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.Network/virtualNetworks/<vnet>/subnets/<subnet>',
      );
    }
  });
  const dns = env.registry.privateDns;
  if (!dns) return;
  if (endpoints.length === 0) {
    problems.add(
      `${at}.privateDns`,
      'private DNS is declared but there is no private endpoint to resolve',
      'add a private endpoint or remove privateDns',
    );
  }
  if (dns.existingZoneId !== undefined) {
    if (
      !isResourceId(dns.existingZoneId, 'privateDnsZone') ||
      (!dns.existingZoneId.startsWith('${') && nameFromId(dns.existingZoneId) !== PRIVATE_DNS_ZONE)
    ) {
      problems.add(
        `${at}.privateDns.existingZoneId`,
        `"${dns.existingZoneId}" is not the ID of a ${PRIVATE_DNS_ZONE} zone`,
        `use /subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.Network/privateDnsZones/${PRIVATE_DNS_ZONE}`,
      );
    }
  }
  const links = dns.vnetLinks ?? [];
  checkUnique(
    links.map((l) => l.name),
    `${at}.privateDns.vnetLinks`,
    'VNet link',
    problems,
  );
  checkUnique(
    links.map((l) => l.virtualNetworkId),
    `${at}.privateDns.vnetLinks`,
    'VNet',
    problems,
  );
  links.forEach((link, i) => {
    if (!isResourceId(link.virtualNetworkId, 'virtualNetwork')) {
      problems.add(
        `${at}.privateDns.vnetLinks[${i}].virtualNetworkId`,
        `"${link.virtualNetworkId}" is not a virtual network ID`,
        'use /subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.Network/virtualNetworks/<vnet>',
      );
    }
  });
}

/** Checks role assignments. */
export function validateRoleAssignments(
  env: EnvironmentDeclaration,
  at: string,
  problems: ProblemList,
): void {
  const seen = new Set<string>();
  (env.registry.roleAssignments ?? []).forEach((ra, i) => {
    const path = `${at}.roleAssignments[${i}]`;
    if (!isBuiltInRoleName(ra.role))
      problems.add(
        `${path}.role`,
        `"${String(ra.role)}" is not an ACR role`,
        'use a role of the role directory (constructs/model/role-directory.ts), e.g. "AcrPull" or "Container Registry Repository Reader"',
      );
    if (!isGuid(ra.principalId))
      problems.add(
        `${path}.principalId`,
        `"${ra.principalId}" is not an object ID (GUID)`,
        "use the principal's Entra object ID",
      );
    if (ra.principalType !== undefined && !PRINCIPAL_TYPES.includes(ra.principalType))
      problems.add(
        `${path}.principalType`,
        `unknown principal type "${String(ra.principalType)}"`,
        `use one of ${PRINCIPAL_TYPES.join(', ')}`,
      );
    const key = `${ra.role}/${ra.principalId}`;
    if (seen.has(key))
      problems.add(path, `${ra.principalId} already has ${ra.role}`, 'remove the duplicate assignment');
    seen.add(key);
  });
}

/** Checks tokens and their scope maps. `isFirst` is true in the first environment of the chain. */
export function validateTokens(
  env: EnvironmentDeclaration,
  resolved: ResolvedRegistry,
  isFirst: boolean,
  at: string,
  problems: ProblemList,
): void {
  const tokens = env.registry.tokens ?? [];
  const limit = tierLimit(env, 'tokens');
  if (tokens.length > limit)
    problems.add(
      `${at}.tokens`,
      `${tokens.length} tokens exceed the ${env.registry.sku} limit of ${limit}`,
      'remove tokens or use a higher tier',
    );
  checkUnique(
    tokens.map((t) => t.name),
    `${at}.tokens`,
    'token',
    problems,
  );
  tokens.forEach((token, i) => {
    const path = `${at}.tokens[${i}]`;
    checkName('token', token.name, `${path}.name`, problems);
    checkName('scopeMap', resolved.tokens[i].scopeMapName, `${path}.name`, problems);
    if (token.repositories.length === 0)
      problems.add(
        `${path}.repositories`,
        'the token grants nothing',
        'list at least one repository with permissions',
      );
    token.repositories.forEach((repo, j) => {
      if (!isScopeMapRepository(repo.repository))
        problems.add(
          `${path}.repositories[${j}].repository`,
          `"${repo.repository}" is not a repository or a wildcard ending in "/*"`,
          'use a repository name, "prefix/*" or "*"',
        );
      if (repo.permissions.length === 0)
        problems.add(
          `${path}.repositories[${j}].permissions`,
          'no permissions listed',
          `use some of ${SCOPE_MAP_PERMISSIONS.join(', ')}`,
        );
      repo.permissions.forEach((p, k) => {
        if (!SCOPE_MAP_PERMISSIONS.includes(p))
          problems.add(
            `${path}.repositories[${j}].permissions[${k}]`,
            `unknown permission "${String(p)}"`,
            `use one of ${SCOPE_MAP_PERMISSIONS.join(', ')}`,
          );
      });
    });
    const actions = resolved.tokens[i].actions.length;
    if (actions > TIERS.Premium.limits.actionsPerScopeMap)
      problems.add(
        `${path}.repositories`,
        `${actions} actions exceed the limit of ${TIERS.Premium.limits.actionsPerScopeMap} per scope map`,
        'use repository wildcards or split the token',
      );
    const days = token.passwordLifetimeDays;
    if (days === undefined && !isFirst)
      problems.add(
        `${path}.passwordLifetimeDays`,
        `token passwords must expire outside the first environment (this is ${env.name})`,
        'set passwordLifetimeDays, e.g. 30',
      );
    if (days !== undefined && (!Number.isInteger(days) || days < 1 || days > 365))
      problems.add(
        `${path}.passwordLifetimeDays`,
        `a lifetime of ${days} days is out of range`,
        'use a whole number of days from 1 to 365',
      );
  });
}

function checkTimeout(seconds: number | undefined, path: string, problems: ProblemList): void {
  if (seconds === undefined) return;
  const { min, max } = TASK_TIMEOUT_SECONDS;
  if (!Number.isInteger(seconds) || seconds < min || seconds > max)
    problems.add(path, `a timeout of ${seconds} seconds is out of range`, `use ${min} to ${max} seconds`);
}

function checkCron(schedule: string, path: string, problems: ProblemList): void {
  if (!isCron(schedule))
    problems.add(
      path,
      `"${schedule}" is not a cron schedule`,
      'use five fields, e.g. "0 2 * * *" (daily at 02:00 UTC)',
    );
}

/** Checks ACR Tasks and purge schedules. */
export function validateTasks(env: EnvironmentDeclaration, at: string, problems: ProblemList): void {
  const tasks = env.registry.tasks ?? [];
  const purges = env.registry.purges ?? [];
  checkUnique([...tasks.map((t) => t.name), ...purges.map((p) => p.name)], `${at}.tasks`, 'task', problems);
  tasks.forEach((task, i) => {
    const path = `${at}.tasks[${i}]`;
    checkName('task', task.name, `${path}.name`, problems);
    checkTimeout(task.timeoutSeconds, `${path}.timeoutSeconds`, problems);
    if (task.step.type === 'docker' && task.step.imageNames.length === 0 && task.step.push !== false)
      problems.add(
        `${path}.step.imageNames`,
        'a build that pushes needs at least one image name',
        'add an image name such as "app:{{.Run.ID}}"',
      );
    if (task.sourceTrigger && !/^https:\/\//.test(task.sourceTrigger.repositoryUrl))
      problems.add(
        `${path}.sourceTrigger.repositoryUrl`,
        `"${task.sourceTrigger.repositoryUrl}" is not an https Git URL`,
        'use https://github.com/<org>/<repo>.git',
      );
    (task.timers ?? []).forEach((timer, j) =>
      checkCron(timer.schedule, `${path}.timers[${j}].schedule`, problems),
    );
    if (!task.sourceTrigger && !(task.timers ?? []).length && task.baseImageTrigger === false)
      problems.add(
        path,
        'the task has no trigger and would never run by itself',
        'add a sourceTrigger, a timer or the base image trigger',
      );
  });
  purges.forEach((purge, i) => {
    const path = `${at}.purges[${i}]`;
    checkName('task', purge.name, `${path}.name`, problems);
    checkTimeout(purge.timeoutSeconds, `${path}.timeoutSeconds`, problems);
    if (purge.schedule !== undefined) checkCron(purge.schedule, `${path}.schedule`, problems);
    if (!Number.isInteger(purge.olderThanDays) || purge.olderThanDays < 0)
      problems.add(
        `${path}.olderThanDays`,
        `${purge.olderThanDays} is not a whole number of days`,
        'use 0 or more days',
      );
    if (purge.keepLast !== undefined && (!Number.isInteger(purge.keepLast) || purge.keepLast < 0))
      problems.add(`${path}.keepLast`, `${purge.keepLast} is not a count`, 'use 0 or more');
    if (purge.filters.length === 0)
      problems.add(
        `${path}.filters`,
        'a purge needs at least one repository filter',
        'add { repository: "app" } or { repository: ".*" }',
      );
    purge.filters.forEach((filter, j) => {
      for (const [key, pattern] of [
        ['repository', filter.repository],
        ['tags', filter.tags ?? '.*'],
      ] as const) {
        if (pattern.includes("'") || !compiles(pattern))
          problems.add(
            `${path}.filters[${j}].${key}`,
            `"${pattern}" is not a usable regular expression`,
            'fix the pattern (single quotes are not allowed)',
          );
      }
    });
    (purge.protectedTags ?? []).forEach((tag, j) => {
      if (!/^[\w][\w.-]{0,127}$/.test(tag))
        problems.add(
          `${path}.protectedTags[${j}]`,
          `"${tag}" is not a tag`,
          'use a tag name such as "latest"',
        );
    });
  });
}

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}

/** Checks webhooks. */
export function validateWebhooks(env: EnvironmentDeclaration, at: string, problems: ProblemList): void {
  const webhooks = env.registry.webhooks ?? [];
  const limit = tierLimit(env, 'webhooks');
  if (webhooks.length > limit)
    problems.add(
      `${at}.webhooks`,
      `${webhooks.length} webhooks exceed the ${env.registry.sku} limit of ${limit}`,
      'remove webhooks or use a higher tier',
    );
  checkUnique(
    webhooks.map((w) => w.name),
    `${at}.webhooks`,
    'webhook',
    problems,
  );
  webhooks.forEach((webhook, i) => {
    const path = `${at}.webhooks[${i}]`;
    checkName('webhook', webhook.name, `${path}.name`, problems);
    if (!isHttpsUrl(webhook.serviceUri))
      problems.add(
        `${path}.serviceUri`,
        `"${webhook.serviceUri}" is not an https URI`,
        'use https:// so events and headers travel encrypted',
      );
    if (webhook.actions.length === 0)
      problems.add(
        `${path}.actions`,
        'the webhook listens to no action',
        `use some of ${WEBHOOK_ACTIONS.join(', ')}`,
      );
    webhook.actions.forEach((action, j) => {
      if (!WEBHOOK_ACTIONS.includes(action))
        problems.add(
          `${path}.actions[${j}]`,
          `unknown action "${String(action)}"`,
          `use one of ${WEBHOOK_ACTIONS.join(', ')}`,
        );
    });
    if (webhook.scope !== undefined && !isWebhookScope(webhook.scope))
      problems.add(
        `${path}.scope`,
        `"${webhook.scope}" is not a webhook scope`,
        'use "repo:tag", "repo:*", "repo" or "" for all',
      );
    if (webhook.headersInput !== undefined && !/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(webhook.headersInput))
      problems.add(
        `${path}.headersInput`,
        `"${webhook.headersInput}" is not a usable input name`,
        'use letters, digits and underscores',
      );
  });
  if (env.registry.quarantine && !webhooks.some((w) => w.actions.includes('quarantine'))) {
    problems.add(
      `${at}.quarantine`,
      'quarantine is on but no webhook tells a scanner about quarantined images, so nothing would ever be released',
      'add a webhook with the "quarantine" action pointing at the scanner',
    );
  }
}

function isHttpsUrl(value: string): boolean {
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}

/** Checks the diagnostics target. */
export function validateDiagnostics(env: EnvironmentDeclaration, at: string, problems: ProblemList): void {
  const id = env.registry.diagnostics?.logAnalyticsWorkspaceId;
  if (id !== undefined && !isResourceId(id, 'logAnalyticsWorkspace')) {
    problems.add(
      `${at}.diagnostics.logAnalyticsWorkspaceId`,
      `"${id}" is not a Log Analytics workspace ID`,
      'use /subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.OperationalInsights/workspaces/<name>',
    );
  }
}
