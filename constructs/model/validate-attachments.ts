/**
 * Validation of what hangs off a registry: endpoints, DNS, grants, tokens, tasks, purges, webhooks.
 */
import type { EnvironmentDeclaration } from './declaration';
import type { ProblemList } from './problems';
import type { ResolvedRegistry } from './resolve';
import { TIERS, isSku } from './tiers';
import { SCOPE_MAP_PERMISSIONS, WEBHOOK_ACTIONS, isScopeMapRepository, isWebhookScope } from './names';
import { PRINCIPAL_TYPES } from './roles';
import { isBuiltInRoleName } from './role-directory';
import { PRIVATE_DNS_ZONE, isPrivateDnsZoneName } from './private-dns';
import { TASK_TIMEOUT_SECONDS } from './provider-defaults';
import { nameFromId, resourceIdExample, subscriptionOfId } from './azure-ids';
import { MAX_PURGE_AGE_DAYS, purgePatternProblem } from './purge';
import { gitTokenInputName } from './resolve';
import { SOURCE_CONTROL_TYPES, SOURCE_TRIGGER_EVENTS, TASK_OS } from './enums';
import {
  checkCron,
  checkEnum,
  checkGuid,
  checkName,
  checkRegion,
  checkResourceId,
  checkUnique,
  quoted,
} from './validators';

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
    const path = `${at}.privateEndpoints[${i}]`;
    checkName('privateEndpoint', endpoint.name, `${path}.name`, problems);
    checkResourceId('subnet', endpoint.subnetId, `${path}.subnetId`, problems);
    if (env.registry.privateEndpoints?.[i].location !== undefined)
      checkRegion(endpoint.location, `${path}.location`, problems);
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
  const zoneId = dns.existingZoneId;
  if (
    zoneId !== undefined &&
    checkResourceId('privateDnsZone', zoneId, `${at}.privateDns.existingZoneId`, problems)
  ) {
    if (!isPrivateDnsZoneName(nameFromId(zoneId))) {
      problems.add(
        `${at}.privateDns.existingZoneId`,
        `${quoted(zoneId)} is not the ID of a ${PRIVATE_DNS_ZONE} zone`,
        `use ${resourceIdExample('privateDnsZone').replace('<zone>', PRIVATE_DNS_ZONE)}`,
      );
    }
  }
  const links = dns.vnetLinks ?? [];
  if (dns.linksInZoneSubscription === true && zoneId === undefined)
    problems.add(
      `${at}.privateDns.linksInZoneSubscription`,
      "links go into the zone's subscription only for an existing zone",
      'set existingZoneId, or remove linksInZoneSubscription (the stack creates the zone and links it)',
    );
  // A zone in another subscription than every endpoint's subnet is usually a hub's: its links fail in
  // the deploying subscription unless they go through the zone's.
  const zoneSubscription = zoneId === undefined ? undefined : subscriptionOfId(zoneId);
  if (
    zoneSubscription !== undefined &&
    links.length > 0 &&
    dns.linksInZoneSubscription !== true &&
    endpoints.length > 0 &&
    endpoints.every((e) => subscriptionOfId(e.subnetId) !== zoneSubscription)
  )
    problems.warn(
      `${at}.privateDns.linksInZoneSubscription`,
      `the zone is in subscription ${zoneSubscription}, which no private endpoint subnet is in: its VNet links are created in the deploying subscription and fail there unless that is the zone's`,
      "set linksInZoneSubscription: true to create them through a provider on the zone's subscription",
    );
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
    const path = `${at}.privateDns.vnetLinks[${i}]`;
    checkName('vnetLink', link.name, `${path}.name`, problems);
    checkResourceId('virtualNetwork', link.virtualNetworkId, `${path}.virtualNetworkId`, problems);
    // The stack names both kinds of resource after their names, side by side.
    if (endpoints.some((e) => e.name === link.name))
      problems.add(
        `${path}.name`,
        `${quoted(link.name)} is also the name of a private endpoint`,
        'give the VNet link a name of its own, e.g. "link-<vnet>"',
      );
  });
}

/** Checks role assignments. */
export function validateRoleAssignments(
  env: EnvironmentDeclaration,
  at: string,
  problems: ProblemList,
): void {
  // Azure keeps one assignment per principal, role and scope, whatever its condition, and object IDs
  // are GUIDs (case does not matter).
  const seen = new Map<string, number>();
  (env.registry.roleAssignments ?? []).forEach((ra, i) => {
    const path = `${at}.roleAssignments[${i}]`;
    if (!isBuiltInRoleName(ra.role))
      problems.add(
        `${path}.role`,
        `${quoted(String(ra.role))} is not an ACR role`,
        'use a role of the role directory (constructs/model/role-directory.ts), e.g. "AcrPull" or "Container Registry Repository Reader"',
      );
    checkGuid(ra.principalId, 'an Entra object ID', `${path}.principalId`, problems);
    if (ra.principalType !== undefined)
      checkEnum(PRINCIPAL_TYPES, ra.principalType, 'principal type', `${path}.principalType`, problems);
    const key = `${ra.role}/${String(ra.principalId).toLowerCase()}`;
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, i);
      return;
    }
    const other = env.registry.roleAssignments?.[first];
    if (sameRepositories(other?.repositories, ra.repositories))
      problems.add(
        path,
        `${quoted(ra.principalId)} already has ${ra.role} (roleAssignments[${first}])`,
        'remove the duplicate assignment',
      );
    else
      problems.add(
        ra.repositories === undefined ? path : `${path}.repositories`,
        `${quoted(ra.principalId)} already has ${ra.role} ${everyRepository(other?.repositories) ? 'on every repository' : 'limited to other repositories'} (roleAssignments[${first}]): Azure keeps one assignment per principal, role and registry, whatever its repositories`,
        `merge the two into one assignment listing every repository the principal needs (or none for the whole registry)`,
      );
  });
}

/** True when a grant's repository list leaves it registry-wide (absent, or with `*`). */
function everyRepository(list: readonly string[] | undefined): boolean {
  return list === undefined || list.includes('*');
}

/** True when two repository lists limit a grant alike (in any order). */
function sameRepositories(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  if (a === undefined || b === undefined || everyRepository(a) || everyRepository(b))
    return everyRepository(a) && everyRepository(b);
  const set = new Set(a);
  return set.size === new Set(b).size && b.every((r) => set.has(r));
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
          `${quoted(repo.repository)} is not a repository or a wildcard ending in "/*"`,
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
            `unknown permission ${quoted(p)}`,
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
        `token passwords must expire outside the first environment (this is ${quoted(env.name)})`,
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

/** A Git branch or a Docker/ACR path: some text without white space. */
function checkWord(value: string, what: string, path: string, problems: ProblemList): void {
  if (value === '' || /\s/.test(value))
    problems.add(
      path,
      `${what} ${quoted(value)} is empty or contains white space`,
      `write the ${what} without spaces`,
    );
}

/** Checks ACR Tasks and purge schedules. */
export function validateTasks(env: EnvironmentDeclaration, at: string, problems: ProblemList): void {
  const tasks = env.registry.tasks ?? [];
  const purges = env.registry.purges ?? [];
  checkUnique([...tasks.map((t) => t.name), ...purges.map((p) => p.name)], `${at}.tasks`, 'task', problems);
  tasks.forEach((task, i) => validateTask(task, `${at}.tasks[${i}]`, problems));
  purges.forEach((purge, i) => validatePurge(purge, `${at}.purges[${i}]`, problems));
}

type Task = NonNullable<EnvironmentDeclaration['registry']['tasks']>[number];
type Purge = NonNullable<EnvironmentDeclaration['registry']['purges']>[number];

function validateTask(task: Task, path: string, problems: ProblemList): void {
  checkName('task', task.name, `${path}.name`, problems);
  checkTimeout(task.timeoutSeconds, `${path}.timeoutSeconds`, problems);
  if (task.os !== undefined) checkEnum(TASK_OS, task.os, 'task OS', `${path}.os`, problems);
  const step = task.step;
  checkWord(step.contextPath, 'context path', `${path}.step.contextPath`, problems);
  if (step.type === 'docker') {
    if (step.dockerfilePath !== undefined)
      checkWord(step.dockerfilePath, 'Dockerfile path', `${path}.step.dockerfilePath`, problems);
    step.imageNames.forEach((image, j) =>
      checkWord(image, 'image name', `${path}.step.imageNames[${j}]`, problems),
    );
    if (step.imageNames.length === 0 && step.push !== false)
      problems.add(
        `${path}.step.imageNames`,
        'a build that pushes needs at least one image name',
        'add an image name such as "app:{{.Run.ID}}"',
      );
  } else {
    checkWord(step.taskFilePath, 'task file path', `${path}.step.taskFilePath`, problems);
    if (step.valuesFilePath !== undefined)
      checkWord(step.valuesFilePath, 'values file path', `${path}.step.valuesFilePath`, problems);
  }
  const trigger = task.sourceTrigger;
  if (trigger) {
    if (!/^https:\/\/\S+$/.test(trigger.repositoryUrl))
      problems.add(
        `${path}.sourceTrigger.repositoryUrl`,
        `${quoted(trigger.repositoryUrl)} is not an https Git URL`,
        'use https://github.com/<org>/<repo>.git',
      );
    if (trigger.branch !== undefined)
      checkWord(trigger.branch, 'branch', `${path}.sourceTrigger.branch`, problems);
    (trigger.events ?? []).forEach((event, j) =>
      checkEnum(
        SOURCE_TRIGGER_EVENTS,
        event,
        'source trigger event',
        `${path}.sourceTrigger.events[${j}]`,
        problems,
      ),
    );
    if (trigger.events !== undefined && trigger.events.length === 0)
      problems.add(
        `${path}.sourceTrigger.events`,
        'the source trigger listens to no event',
        'use "commit", "pullrequest" or both',
      );
    if (trigger.sourceType !== undefined)
      checkEnum(
        SOURCE_CONTROL_TYPES,
        trigger.sourceType,
        'source type',
        `${path}.sourceTrigger.sourceType`,
        problems,
      );
  }
  const timers = task.timers ?? [];
  checkUnique(
    timers.map((t) => t.name),
    `${path}.timers`,
    'timer',
    problems,
  );
  timers.forEach((timer, j) => {
    checkWord(timer.name, 'timer name', `${path}.timers[${j}].name`, problems);
    checkCron(timer.schedule, `${path}.timers[${j}].schedule`, problems);
  });
  checkName('input', task.gitTokenInput ?? gitTokenInputName(task.name), `${path}.gitTokenInput`, problems);
  if (!task.sourceTrigger && timers.length === 0 && task.baseImageTrigger === false)
    problems.add(
      path,
      'the task has no trigger and would never run by itself',
      'add a sourceTrigger, a timer or the base image trigger',
    );
}

function validatePurge(purge: Purge, path: string, problems: ProblemList): void {
  checkName('task', purge.name, `${path}.name`, problems);
  checkTimeout(purge.timeoutSeconds, `${path}.timeoutSeconds`, problems);
  if (purge.schedule !== undefined) checkCron(purge.schedule, `${path}.schedule`, problems);
  if (
    !Number.isInteger(purge.olderThanDays) ||
    purge.olderThanDays < 0 ||
    purge.olderThanDays > MAX_PURGE_AGE_DAYS
  )
    problems.add(
      `${path}.olderThanDays`,
      `${purge.olderThanDays} is not a whole number of days from 0 to ${MAX_PURGE_AGE_DAYS}`,
      'use 0 or more days (acr purge accepts at most 150 years)',
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
      const problem = purgePatternProblem(pattern);
      if (problem !== undefined)
        problems.add(
          `${path}.filters[${j}].${key}`,
          `${quoted(pattern)} is not a pattern acr purge can take: ${problem}`,
          'write a regular expression of letters, digits, _ - / and . * + ? | ^ $ ( ) (?: ) [ ] {n,m} \\d \\w \\s, without spaces or quotes',
        );
    }
  });
  (purge.protectedTags ?? []).forEach((tag, j) => {
    if (!/^[\w][\w.-]{0,127}$/.test(tag))
      problems.add(
        `${path}.protectedTags[${j}]`,
        `${quoted(tag)} is not a tag`,
        'use a tag name such as "latest"',
      );
  });
}

/** Checks webhooks. */
export function validateWebhooks(env: EnvironmentDeclaration, at: string, problems: ProblemList): void {
  const webhooks = env.registry.webhooks ?? [];
  const gitTokenInputs = new Set(
    (env.registry.tasks ?? []).map((t) => t.gitTokenInput ?? gitTokenInputName(t.name)),
  );
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
        `${quoted(webhook.serviceUri)} is not an https URI`,
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
          `unknown action ${quoted(action)}`,
          `use one of ${WEBHOOK_ACTIONS.join(', ')}`,
        );
    });
    if (webhook.scope !== undefined && !isWebhookScope(webhook.scope))
      problems.add(
        `${path}.scope`,
        `${quoted(webhook.scope)} is not a webhook scope`,
        'use "repo:tag", "repo:*", "repo" or "" for all',
      );
    if (webhook.headersInput !== undefined) {
      checkName('input', webhook.headersInput, `${path}.headersInput`, problems);
      // One input is one Terraform variable: a string for Git tokens, a map for headers.
      if (gitTokenInputs.has(webhook.headersInput))
        problems.add(
          `${path}.headersInput`,
          `input ${quoted(webhook.headersInput)} already holds a task's Git token`,
          'give the headers their own input name',
        );
    }
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
  if (/\s/.test(value)) return false;
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}

/** Checks the diagnostics target. */
export function validateDiagnostics(env: EnvironmentDeclaration, at: string, problems: ProblemList): void {
  const id = env.registry.diagnostics?.logAnalyticsWorkspaceId;
  if (id !== undefined)
    checkResourceId('logAnalyticsWorkspace', id, `${at}.diagnostics.logAnalyticsWorkspaceId`, problems);
}
