/**
 * Applies every default of the declaration, so renderers map values and never decide them.
 */
import type {
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
import type { BuiltInRole, PrincipalType } from './roles';
import { promotionIdentityName, scopeMapAction } from './names';
import type { WebhookAction } from './names';
import { DEFAULT_PURGE_SCHEDULE, purgeCommand, purgeTaskFile } from './purge';

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
  readonly serviceUri: string;
  readonly actions: readonly WebhookAction[];
  readonly scope: string;
  readonly enabled: boolean;
  readonly headersInput?: string | undefined;
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
  readonly encryption?: EncryptionDeclaration | undefined;
  /** Sorted by location, as azurerm requires. */
  readonly replicas: readonly ResolvedReplica[];
  readonly privateEndpoints: readonly ResolvedPrivateEndpoint[];
  readonly privateDns?: ResolvedPrivateDns | undefined;
  readonly roleAssignments: readonly ResolvedRoleAssignment[];
  readonly tokens: readonly ResolvedToken[];
  readonly tasks: readonly ResolvedTask[];
  readonly purges: readonly ResolvedPurge[];
  readonly webhooks: readonly ResolvedWebhook[];
  readonly diagnostics?: { readonly logAnalyticsWorkspaceId: string } | undefined;
  readonly lock: boolean;
  readonly preventDestroy: boolean;
  readonly tags: Readonly<Record<string, string>>;
}

/** The registry an environment imports from, and the identity that does it. */
export interface ResolvedPromotion {
  readonly fromEnvironment: string;
  readonly sourceRegistryName: string;
  readonly sourceResourceGroupName: string;
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
  readonly backend?: AzureBackendDeclaration | undefined;
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

function resolveRegistry(env: EnvironmentDeclaration, isProtected: boolean): ResolvedRegistry {
  const r: RegistryDeclaration = env.registry;
  const premium = r.sku === 'Premium';
  const privateEndpoints = (r.privateEndpoints ?? []).map((pe) => ({
    ...pe,
    location: pe.location ?? env.location,
  }));
  return {
    name: r.name,
    sku: r.sku,
    location: env.location,
    resourceGroupName: env.resourceGroupName,
    adminEnabled: r.adminEnabled ?? false,
    anonymousPull: r.anonymousPull ?? false,
    publicNetworkAccess: r.publicNetworkAccess ?? privateEndpoints.length === 0,
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
    encryption: r.encryption,
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
      serviceUri: w.serviceUri,
      actions: [...w.actions].sort(),
      scope: w.scope ?? '',
      enabled: w.enabled ?? true,
      headersInput: w.headersInput,
    })),
    diagnostics: r.diagnostics,
    lock: r.lock ?? isProtected,
    preventDestroy: r.preventDestroy ?? isProtected,
    tags: sortedObject({ ...env.tags, ...r.tags }),
  };
}

/** Applies every default of an estate declaration. Does not validate: see `defineEstate`. */
export function resolveEstate(estate: EstateDeclaration): ResolvedEstate {
  const envs = estate.environments;
  return {
    order: envs.map((e) => e.name),
    allowedRegions: [...(estate.allowedRegions ?? [])],
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
        registry: resolveRegistry(env, isProtected),
        tags: sortedObject(env.tags),
        promotion: previous && {
          fromEnvironment: previous.name,
          sourceRegistryName: previous.registry.name,
          sourceResourceGroupName: previous.resourceGroupName,
          identityName: promotionIdentityName(previous.name, env.name),
          principalName: 'promotion-identity',
          grantDescription: `promotion ${previous.name} -> ${env.registry.name}: pull from the source, import into the target`,
        },
      };
    }),
  };
}
