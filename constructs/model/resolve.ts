/**
 * Applies every default of the declaration, so renderers map values and never decide them.
 */
import type {
  AgentPoolDeclaration,
  AzureBackendDeclaration,
  DockerStepDeclaration,
  EncryptionDeclaration,
  Enforcement,
  EnvironmentDeclaration,
  EstateDeclaration,
  FileStepDeclaration,
  PrivateEndpointDeclaration,
  RegistryDeclaration,
  TimerTriggerDeclaration,
  VnetLinkDeclaration,
} from './declaration';
import type { Sku } from './tiers';
import type { BuiltInRole, ImporterRoleKind, PrincipalType, RegistryAccessSettings } from './roles';
import type { RoleAssignmentMode } from './role-directory';
import { DEFAULT_ROLE_ASSIGNMENT_MODE } from './role-directory';
import type { ResolvedSigning } from './signing';
import { resolveSigning } from './signing';
import { promotionIdentityName, scopeMapAction } from './names';
import type { WebhookAction } from './names';
import { DEFAULT_PURGE_SCHEDULE, purgeCommand, purgeTaskFile } from './purge';
import { REGISTRY_ARM_DEFAULTS } from './arm-properties';
import type { WebhookDeployment } from './webhook-locations';
import { webhookDeployments } from './webhook-locations';
import type { DiagnosticCategoryGroup } from './diagnostics';
import { parseKeyVaultObjectId } from './key-vault';
import { DEFAULT_ALLOWED_CACHE_SOURCES } from './artifact-cache';
import { isNetworkRestricted } from './task-network';
import type { Problem } from './problems';

/** A replica with its defaults applied. */
export interface ResolvedReplica {
  readonly location: string;
  readonly zoneRedundancy: boolean;
  readonly regionalEndpoint: boolean;
  readonly tags: Readonly<Record<string, string>>;
}

/** A private endpoint with its defaults applied. */
export interface ResolvedPrivateEndpoint extends PrivateEndpointDeclaration {
  readonly location: string;
}

/** Private DNS with its defaults applied. */
export interface ResolvedPrivateDns {
  readonly existingZoneId?: string | undefined;
  readonly vnetLinks: readonly VnetLinkDeclaration[];
}

/** A role assignment with its defaults applied. */
export interface ResolvedRoleAssignment {
  readonly role: BuiltInRole;
  readonly principalId: string;
  readonly principalType: PrincipalType;
  readonly description?: string | undefined;
  /** Repositories the grant is limited to (ABAC mode); undefined means every repository. */
  readonly repositories?: readonly string[] | undefined;
}

/** A token with its scope map. */
export interface ResolvedToken {
  readonly name: string;
  readonly scopeMapName: string;
  /** Scope-map actions, sorted. */
  readonly actions: readonly string[];
  readonly passwordLifetimeDays?: number | undefined;
  readonly enabled: boolean;
}

/** A task with its defaults applied. */
export interface ResolvedTask {
  readonly name: string;
  readonly step:
    Required<DockerStepDeclaration> | (FileStepDeclaration & { readonly valuesFilePath?: string });
  readonly sourceTrigger?:
    | {
        readonly repositoryUrl: string;
        readonly branch: string;
        readonly events: readonly ('commit' | 'pullrequest')[];
        readonly sourceType: 'Github' | 'VisualStudioTeamService';
      }
    | undefined;
  readonly baseImageTrigger: boolean;
  readonly timers: readonly TimerTriggerDeclaration[];
  readonly os: 'Linux' | 'Windows';
  readonly timeoutSeconds: number;
  /** Name of the sensitive input with the Git token, when the task reads from Git. */
  readonly gitTokenInput?: string | undefined;
}

/** A purge with its command and task file computed. */
export interface ResolvedPurge {
  readonly name: string;
  readonly schedule: string;
  readonly timeoutSeconds: number;
  readonly command: string;
  readonly taskFile: string;
}

/** A webhook with its defaults applied. */
export interface ResolvedWebhook {
  readonly name: string;
  /** Where it is created: the home region and every replica location, each with its resource name. */
  readonly deployments: readonly WebhookDeployment[];
  readonly serviceUri: string;
  readonly actions: readonly WebhookAction[];
  readonly scope: string;
  readonly enabled: boolean;
  readonly headersInput?: string | undefined;
}

/** A dedicated agent pool with its defaults applied. */
export type ResolvedAgentPool = Required<AgentPoolDeclaration>;

/** How the registry's tasks reach it. */
export interface ResolvedTaskNetwork {
  /** True when public access is off or the network default action is `Deny`. */
  readonly restricted: boolean;
  /** Name of the dedicated agent pool every task and purge runs on, if any. */
  readonly agentPoolName?: string;
  /** True when tasks run on the shared pool with a system-assigned identity (the bypass route). */
  readonly useIdentity: boolean;
}

/** A credential set with the names of its Key Vault secrets. */
export interface ResolvedCredentialSet {
  readonly name: string;
  readonly loginServer: string;
  readonly keyVaultId: string;
  readonly usernameSecretId: string;
  readonly passwordSecretId: string;
  /** Names of the username and password secrets (the Key Vault role is scoped to each), sorted, unique. */
  readonly secretNames: readonly string[];
}

/** A cache rule with its defaults applied. */
export interface ResolvedCacheRule {
  readonly name: string;
  readonly source: string;
  readonly targetRepository: string;
  readonly credentialSet?: string;
}

/** Customer-managed key encryption with its identity decided. */
export interface ResolvedEncryption {
  readonly keyVaultKeyId: string;
  readonly keyVaultId: string;
  /** Name of the key (the Key Vault role's scope). */
  readonly keyName: string;
  /** An identity the declaration names; undefined when the stack creates one (named `createdIdentityName`). */
  readonly existingIdentity?:
    | {
        readonly id: string;
        readonly clientId: string;
        readonly principalId: string;
      }
    | undefined;
  /** Name of the identity the stack creates when none is named. */
  readonly createdIdentityName: string;
}

/** Resource logs with their defaults applied. */
export interface ResolvedDiagnostics {
  readonly categoryGroup: DiagnosticCategoryGroup;
  readonly logAnalyticsWorkspaceId?: string;
  readonly storageAccountId?: string;
  readonly eventHubAuthorizationRuleId?: string;
  readonly eventHubName?: string;
}

/** A registry with every default applied. */
export interface ResolvedRegistry {
  readonly name: string;
  readonly sku: Sku;
  readonly location: string;
  readonly resourceGroupName: string;
  readonly adminEnabled: boolean;
  readonly anonymousPull: boolean;
  readonly publicNetworkAccess: boolean;
  readonly networkRules?:
    { readonly defaultAction: 'Allow' | 'Deny'; readonly ipRanges: readonly string[] } | undefined;
  readonly bypassAzureServices: boolean;
  readonly zoneRedundancy: boolean;
  readonly dataEndpoints: boolean;
  readonly quarantine: boolean;
  readonly trustPolicy: boolean;
  readonly exportEnabled: boolean;
  readonly retentionDays: number;
  readonly identity: {
    readonly systemAssigned: boolean;
    readonly userAssignedIdentityIds: readonly string[];
  };
  readonly encryption?: ResolvedEncryption | undefined;
  /** The dedicated agent pool, if declared. */
  readonly agentPool?: ResolvedAgentPool | undefined;
  /** How tasks reach the registry (decided once for both engines). */
  readonly taskNetwork: ResolvedTaskNetwork;
  /** `networkRuleBypassAllowedForTasks`. */
  readonly taskNetworkBypass: boolean;
  /** ARM-audience token authentication (`azureADAuthenticationAsArmPolicy`). */
  readonly armAudienceTokens: boolean;
  /** Soft delete retention in days; 0 means off. */
  readonly softDeleteDays: number;
  readonly credentialSets: readonly ResolvedCredentialSet[];
  readonly cacheRules: readonly ResolvedCacheRule[];
  /** Sorted by location, as azurerm requires. */
  readonly replicas: readonly ResolvedReplica[];
  readonly privateEndpoints: readonly ResolvedPrivateEndpoint[];
  readonly privateDns?: ResolvedPrivateDns | undefined;
  readonly roleAssignments: readonly ResolvedRoleAssignment[];
  readonly tokens: readonly ResolvedToken[];
  readonly tasks: readonly ResolvedTask[];
  readonly purges: readonly ResolvedPurge[];
  readonly webhooks: readonly ResolvedWebhook[];
  readonly diagnostics?: ResolvedDiagnostics | undefined;
  readonly lock: boolean;
  readonly preventDestroy: boolean;
  readonly tags: Readonly<Record<string, string>>;
  /** The role assignment permissions mode; grants follow it. */
  readonly roleAssignmentMode: RoleAssignmentMode;
  /** The Notation signing identity, when declared. */
  readonly signing?: ResolvedSigning | undefined;
  /** The importer role promotion assigns on this registry. */
  readonly importerRole: ImporterRoleKind;
}

/** The registry an environment imports from, and the identity that does it. */
export interface ResolvedPromotion {
  readonly fromEnvironment: string;
  readonly sourceRegistryName: string;
  readonly sourceResourceGroupName: string;
  /** The source registry's mode and trust policy, which decide the pull role on it. */
  readonly sourceAccess: RegistryAccessSettings;
  /** Name of the user-assigned identity that imports into this environment. */
  readonly identityName: string;
  /** Stable name of that identity as a grant principal (construct IDs, URNs). */
  readonly principalName: string;
  /** Why the identity holds its two grants; the role assignments' description. */
  readonly grantDescription: string;
}

/** An environment with every default applied and its place in the chain. */
export interface ResolvedEnvironment {
  readonly name: string;
  /** Position in the promotion chain, 0 for the first. */
  readonly index: number;
  readonly location: string;
  readonly resourceGroupName: string;
  readonly protected: boolean;
  readonly enforcement: Enforcement;
  readonly registry: ResolvedRegistry;
  readonly tags: Readonly<Record<string, string>>;
  /** How images arrive; absent for the first environment. */
  readonly promotion?: ResolvedPromotion | undefined;
}

/** The estate with every default applied. */
export interface ResolvedEstate {
  readonly environments: readonly ResolvedEnvironment[];
  /** Environment names in promotion order. */
  readonly order: readonly string[];
  /** Allowed regions; empty means any. */
  readonly allowedRegions: readonly string[];
  /** Upstream registries cache rules may pull from. */
  readonly allowedCacheSources: readonly string[];
  readonly backend?: AzureBackendDeclaration | undefined;
  /** Warnings of validation (valid, but worth changing); `synth` prints them. @default none */
  readonly warnings?: readonly Problem[] | undefined;
}

/** Default ACR Task timeout in seconds. */
export const DEFAULT_TASK_TIMEOUT_SECONDS = 3600;

function sortedObject(record: Readonly<Record<string, string>> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(record ?? {}).sort(([a], [b]) => a.localeCompare(b)));
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
    .sort((a, b) => a.localeCompare(b));
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
      ipRanges: [...(r.networkRules.ipRanges ?? [])],
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
      .sort((a, b) => a.location.localeCompare(b.location)),
    privateEndpoints,
    privateDns:
      privateEndpoints.length > 0 || r.privateDns
        ? { existingZoneId: r.privateDns?.existingZoneId, vnetLinks: [...(r.privateDns?.vnetLinks ?? [])] }
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
