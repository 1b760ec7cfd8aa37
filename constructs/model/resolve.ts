/**
 * Applies every default of the declaration, so renderers map values and never decide them.
 */
import type {
  EncryptionDeclaration,
  EnvironmentDeclaration,
  EstateDeclaration,
  RegistryDeclaration,
} from './declaration';
import { DEFAULT_ROLE_ASSIGNMENT_MODE } from './role-directory';
import { resolveSigning } from './signing';
import { promotionIdentityName, scopeMapAction } from './names';
import { DEFAULT_PURGE_SCHEDULE, purgeCommand, purgeTaskFile } from './purge';
import { REGISTRY_ARM_DEFAULTS } from './arm-properties';
import { webhookDeployments } from './webhook-locations';
import { parseKeyVaultObjectId } from './key-vault';
import { subscriptionOfId } from './azure-ids';
import { DEFAULT_ALLOWED_CACHE_SOURCES } from './artifact-cache';
import { isNetworkRestricted } from './task-network';
import type { ResolvedEncryption, ResolvedDiagnostics, ResolvedRegistry, ResolvedEstate } from './resolved';
import { compareCodeUnits } from './order';

export * from './resolved';

/** Default ACR Task timeout in seconds. */
export const DEFAULT_TASK_TIMEOUT_SECONDS = 3600;

function sortedObject(record: Readonly<Record<string, string>> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(record ?? {}).sort(([a], [b]) => compareCodeUnits(a, b)));
}

/** The name of the sensitive input holding a task's Git token. */
export function gitTokenInputName(taskName: string): string {
  return `${taskName.replace(/-/g, '_')}_git_token`;
}

function resolveEncryption(r: RegistryDeclaration): ResolvedEncryption | undefined {
  const e: EncryptionDeclaration | undefined = r.encryption;
  if (!e) return undefined;
  const existing =
    e.identityId !== undefined
      ? { id: e.identityId, clientId: e.identityClientId ?? '', principalId: e.identityPrincipalId ?? '' }
      : undefined;
  return {
    keyVaultKeyId: e.keyVaultKeyId,
    keyVaultId: e.keyVaultId,
    keyName: parseKeyVaultObjectId(e.keyVaultKeyId)?.name ?? '',
    existingIdentity: existing,
    createdIdentityName: `id-${r.name}-cmk`,
  };
}

function resolveDiagnostics(r: RegistryDeclaration): ResolvedDiagnostics | undefined {
  const d = r.diagnostics;
  if (!d) return undefined;
  return {
    categoryGroup: d.categoryGroup ?? 'audit',
    ...(d.logAnalyticsWorkspaceId !== undefined && { logAnalyticsWorkspaceId: d.logAnalyticsWorkspaceId }),
    ...(d.storageAccountId !== undefined && { storageAccountId: d.storageAccountId }),
    ...(d.eventHubAuthorizationRuleId !== undefined && {
      eventHubAuthorizationRuleId: d.eventHubAuthorizationRuleId,
    }),
    ...(d.eventHubName !== undefined && { eventHubName: d.eventHubName }),
  };
}

function resolveRegistry(env: EnvironmentDeclaration, isProtected: boolean, index: number): ResolvedRegistry {
  const r: RegistryDeclaration = env.registry;
  const premium = r.sku === 'Premium';
  const privateEndpoints = (r.privateEndpoints ?? []).map((pe) => ({
    ...pe,
    location: pe.location ?? env.location,
  }));
  const replicaLocations = [...(r.replicas ?? [])]
    .map((rep) => rep.location)
    .sort((a, b) => compareCodeUnits(a, b));
  const agentPool = r.agentPool && {
    name: r.agentPool.name,
    subnetId: r.agentPool.subnetId,
    tier: r.agentPool.tier ?? 'S1',
    count: r.agentPool.count ?? 1,
  };
  const taskNetworkBypass = r.taskNetworkBypass ?? REGISTRY_ARM_DEFAULTS.taskNetworkBypass;
  const publicAccess = r.publicNetworkAccess ?? privateEndpoints.length === 0;
  const restricted = isNetworkRestricted(
    publicAccess,
    r.networkRules ? (r.networkRules.defaultAction ?? 'Deny') : undefined,
  );
  return {
    name: r.name,
    sku: r.sku,
    location: env.location,
    resourceGroupName: env.resourceGroupName,
    adminEnabled: r.adminEnabled ?? false,
    anonymousPull: r.anonymousPull ?? false,
    publicNetworkAccess: publicAccess,
    networkRules: r.networkRules && {
      defaultAction: r.networkRules.defaultAction ?? 'Deny',
      // azurerm writes a single address back as `<address>/32`: written so, the plan shows no change.
      ipRanges: (r.networkRules.ipRanges ?? []).map((range) => (range.includes('/') ? range : `${range}/32`)),
    },
    bypassAzureServices: r.bypassAzureServices ?? true,
    zoneRedundancy: r.zoneRedundancy ?? premium,
    dataEndpoints: r.dataEndpoints ?? false,
    quarantine: r.quarantine ?? false,
    trustPolicy: r.trustPolicy ?? false,
    exportEnabled: r.exportEnabled ?? true,
    retentionDays: r.retentionDays ?? (premium ? 7 : 0),
    identity: {
      systemAssigned: r.identity?.systemAssigned ?? false,
      userAssignedIdentityIds: [...(r.identity?.userAssignedIdentityIds ?? [])],
    },
    encryption: resolveEncryption(r),
    agentPool,
    taskNetwork: {
      restricted,
      ...(agentPool && { agentPoolName: agentPool.name }),
      useIdentity: restricted && !agentPool && taskNetworkBypass,
    },
    taskNetworkBypass,
    // Hardened from the second environment on: ARM-audience tokens off (Azure Policy 42781ec6).
    armAudienceTokens: r.armAudienceTokens ?? index === 0,
    softDeleteDays: r.softDeleteDays ?? REGISTRY_ARM_DEFAULTS.softDeleteDays,
    credentialSets: (r.credentialSets ?? []).map((c) => ({
      name: c.name,
      loginServer: c.loginServer,
      keyVaultId: c.keyVaultId,
      usernameSecretId: c.usernameSecretId,
      passwordSecretId: c.passwordSecretId,
      secretNames: [
        ...new Set(
          [c.usernameSecretId, c.passwordSecretId].map((id) => parseKeyVaultObjectId(id)?.name ?? ''),
        ),
      ].sort(),
    })),
    cacheRules: (r.cacheRules ?? []).map((c) => ({
      name: c.name,
      source: c.source,
      targetRepository: c.targetRepository,
      ...(c.credentialSet !== undefined && { credentialSet: c.credentialSet }),
    })),
    replicas: [...(r.replicas ?? [])]
      .map((rep) => ({
        location: rep.location,
        zoneRedundancy: rep.zoneRedundancy ?? true,
        regionalEndpoint: rep.regionalEndpoint ?? true,
        tags: sortedObject(rep.tags),
      }))
      .sort((a, b) => compareCodeUnits(a.location, b.location)),
    privateEndpoints,
    privateDns:
      privateEndpoints.length > 0 || r.privateDns
        ? {
            existingZoneId: r.privateDns?.existingZoneId,
            vnetLinks: [...(r.privateDns?.vnetLinks ?? [])],
            linkSubscriptionId:
              r.privateDns?.linksInZoneSubscription === true && r.privateDns.existingZoneId !== undefined
                ? subscriptionOfId(r.privateDns.existingZoneId)
                : undefined,
          }
        : undefined,
    roleAssignments: (r.roleAssignments ?? []).map((ra) => ({
      role: ra.role,
      principalId: ra.principalId,
      principalType: ra.principalType ?? 'ServicePrincipal',
      description: ra.description,
      ...(ra.repositories !== undefined && { repositories: [...ra.repositories] }),
    })),
    tokens: (r.tokens ?? []).map((t) => ({
      name: t.name,
      scopeMapName: `${t.name}-scope`,
      actions: t.repositories
        .flatMap((repo) => repo.permissions.map((p) => scopeMapAction(repo.repository, p)))
        .sort(),
      passwordLifetimeDays: t.passwordLifetimeDays,
      enabled: t.enabled ?? true,
    })),
    tasks: (r.tasks ?? []).map((t) => ({
      name: t.name,
      step:
        t.step.type === 'docker'
          ? {
              type: 'docker' as const,
              contextPath: t.step.contextPath,
              dockerfilePath: t.step.dockerfilePath ?? 'Dockerfile',
              imageNames: [...t.step.imageNames],
              push: t.step.push ?? true,
            }
          : t.step,
      sourceTrigger: t.sourceTrigger && {
        repositoryUrl: t.sourceTrigger.repositoryUrl,
        branch: t.sourceTrigger.branch ?? 'main',
        events: [...(t.sourceTrigger.events ?? ['commit'])],
        sourceType: t.sourceTrigger.sourceType ?? 'Github',
      },
      baseImageTrigger: t.baseImageTrigger ?? t.step.type === 'docker',
      timers: [...(t.timers ?? [])],
      os: t.os ?? 'Linux',
      timeoutSeconds: t.timeoutSeconds ?? DEFAULT_TASK_TIMEOUT_SECONDS,
      gitTokenInput: t.gitTokenInput ?? gitTokenInputName(t.name),
    })),
    purges: (r.purges ?? []).map((p) => {
      const timeoutSeconds = p.timeoutSeconds ?? DEFAULT_TASK_TIMEOUT_SECONDS;
      return {
        name: p.name,
        schedule: p.schedule ?? DEFAULT_PURGE_SCHEDULE,
        timeoutSeconds,
        command: purgeCommand(p),
        taskFile: purgeTaskFile(p, timeoutSeconds),
      };
    }),
    webhooks: (r.webhooks ?? []).map((w) => ({
      name: w.name,
      deployments: webhookDeployments(w.name, env.location, replicaLocations),
      serviceUri: w.serviceUri,
      actions: [...w.actions].sort(),
      scope: w.scope ?? '',
      enabled: w.enabled ?? true,
      headersInput: w.headersInput,
    })),
    diagnostics: resolveDiagnostics(r),
    lock: r.lock ?? isProtected,
    preventDestroy: r.preventDestroy ?? isProtected,
    tags: sortedObject({ ...env.tags, ...r.tags }),
    roleAssignmentMode: r.roleAssignmentMode ?? DEFAULT_ROLE_ASSIGNMENT_MODE,
    ...(r.signing && { signing: resolveSigning(env.name, r.signing) }),
    importerRole: r.importerRole ?? 'builtIn',
  };
}

/** Applies every default of an estate declaration. Does not validate: see `defineEstate`. */
export function resolveEstate(estate: EstateDeclaration): ResolvedEstate {
  const envs = estate.environments;
  return {
    order: envs.map((e) => e.name),
    allowedRegions: [...(estate.allowedRegions ?? [])],
    allowedCacheSources: [...(estate.allowedCacheSources ?? DEFAULT_ALLOWED_CACHE_SOURCES)],
    backend: estate.backend,
    environments: envs.map((env, index) => {
      const isProtected = env.protected ?? false;
      const previous = index > 0 ? envs[index - 1] : undefined;
      return {
        name: env.name,
        index,
        location: env.location,
        resourceGroupName: env.resourceGroupName,
        protected: isProtected,
        enforcement: env.enforcement ?? (index === 0 ? 'advisory' : 'mandatory'),
        registry: resolveRegistry(env, isProtected, index),
        tags: sortedObject(env.tags),
        promotion: previous && {
          fromEnvironment: previous.name,
          sourceRegistryName: previous.registry.name,
          sourceResourceGroupName: previous.resourceGroupName,
          sourceAccess: {
            mode: previous.registry.roleAssignmentMode ?? DEFAULT_ROLE_ASSIGNMENT_MODE,
            trustPolicy: previous.registry.trustPolicy ?? false,
          },
          identityName: promotionIdentityName(previous.name, env.name),
          principalName: 'promotion-identity',
          grantDescription: `promotion ${previous.name} -> ${env.registry.name}: pull from the source, import into the target`,
        },
      };
    }),
  };
}
