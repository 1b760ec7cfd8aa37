/**
 * The declaration of a registry estate: plain, engine-free data that both the cdktf constructs and the
 * Pulumi components render. Every optional property states its default; `resolve.ts` applies them.
 */
import type { Sku } from './tiers';
import type { ScopeMapPermission, WebhookAction } from './names';
import type { BuiltInRole, ImporterRoleKind, PrincipalType } from './roles';
import type { RoleAssignmentMode } from './role-directory';
import type { SigningDeclaration } from './signing';

/** How strictly policy findings gate an environment. */
export type Enforcement = 'advisory' | 'mandatory';

/** A network range in CIDR notation, e.g. `203.0.113.0/24`. */
export type Cidr = string;

/** A geo-replica of a Premium registry. */
export interface ReplicaDeclaration {
  /** Azure region of the replica; must differ from the registry's home region. */
  readonly location: string;
  /** Zone redundancy of the replica. @default true */
  readonly zoneRedundancy?: boolean;
  /** A regional endpoint for the replica. @default true */
  readonly regionalEndpoint?: boolean;
  /** Extra tags for the replica. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/** A private endpoint to the registry (sub-resource `registry`) in one subnet. */
export interface PrivateEndpointDeclaration {
  /** Name of the endpoint resource. */
  readonly name: string;
  /** Resource ID of the subnet the endpoint's NIC lives in. */
  readonly subnetId: string;
  /** Region of the endpoint (the subnet's region). @default the registry's home region */
  readonly location?: string;
}

/** A link from the `privatelink.azurecr.io` zone to a virtual network that resolves the registry. */
export interface VnetLinkDeclaration {
  /** Name of the link resource. */
  readonly name: string;
  /** Resource ID of the virtual network. */
  readonly virtualNetworkId: string;
}

/** Private DNS for the private endpoints. */
export interface PrivateDnsDeclaration {
  /**
   * Resource ID of an existing `privatelink.azurecr.io` zone (hub-and-spoke estates own it centrally).
   * @default undefined: the stack creates the zone in the registry's resource group
   */
  readonly existingZoneId?: string;
  /** VNets that must resolve the registry privately. @default [] */
  readonly vnetLinks?: readonly VnetLinkDeclaration[];
  /**
   * Create the VNet links of `existingZoneId` through a provider on the zone's own subscription (a
   * hub-and-spoke estate keeps the zone in its connectivity subscription). A link is a child of the
   * zone, and neither azurerm's nor azure-native's link takes a subscription: without this, it is
   * created in the deploying subscription, where the zone's resource group is not found. The provider
   * authenticates from the environment (`ARM_*` variables, OIDC, managed identity or the Azure CLI).
   * @default false: the deploying subscription, which must then be the zone's
   */
  readonly linksInZoneSubscription?: boolean;
}

/** A role assignment on the registry (the Azure Verified Modules `role_assignments` shape). */
export interface RoleAssignmentDeclaration {
  /** Built-in ACR role. */
  readonly role: BuiltInRole;
  /** Object ID of the principal. */
  readonly principalId: string;
  /** Kind of principal. @default 'ServicePrincipal' */
  readonly principalType?: PrincipalType;
  /** Why the principal has the role; shown in reports. @default undefined */
  readonly description?: string;
  /**
   * Repositories the role is limited to (an ABAC condition): names, `prefix/*` or `*`. Only in the
   * `AbacRepositoryPermissions` mode and for the Container Registry Repository roles.
   * @default every repository
   */
  readonly repositories?: readonly string[];
}

/** What a token may do in one repository (or a `prefix/*` wildcard, or `*`). */
export interface RepositoryPermissions {
  readonly repository: string;
  readonly permissions: readonly ScopeMapPermission[];
}

/** A repository-scoped token with its scope map. */
export interface TokenDeclaration {
  /** Name of the token; its scope map is named `<name>-scope`. */
  readonly name: string;
  /** Repositories and what the token may do in each. */
  readonly repositories: readonly RepositoryPermissions[];
  /**
   * Lifetime of the generated password in days; it rotates when it expires.
   * Required outside the first environment of the promotion chain.
   * @default undefined: a password that never expires
   */
  readonly passwordLifetimeDays?: number;
  /** Whether the token is enabled. @default true */
  readonly enabled?: boolean;
}

/** A Docker build step. */
export interface DockerStepDeclaration {
  readonly type: 'docker';
  /** Git URL or path of the build context. */
  readonly contextPath: string;
  /** Dockerfile path within the context. @default 'Dockerfile' */
  readonly dockerfilePath?: string;
  /** Images to tag, e.g. `app:{{.Run.ID}}`. */
  readonly imageNames: readonly string[];
  /** Push the images after the build. @default true */
  readonly push?: boolean;
}

/** A multi-step task described by a task file (acr-task.yaml) in the context. */
export interface FileStepDeclaration {
  readonly type: 'file';
  /** Git URL or path of the context holding the task file. */
  readonly contextPath: string;
  /** Path of the task file within the context. */
  readonly taskFilePath: string;
  /** Path of a values file within the context. @default undefined */
  readonly valuesFilePath?: string;
}

/** A trigger that runs a task on a source event. */
export interface SourceTriggerDeclaration {
  /** Git repository URL. */
  readonly repositoryUrl: string;
  /** Branch to watch. @default 'main' */
  readonly branch?: string;
  /** Events that run the task. @default ['commit'] */
  readonly events?: readonly ('commit' | 'pullrequest')[];
  /** Source control system. @default 'Github' */
  readonly sourceType?: 'Github' | 'VisualStudioTeamService';
}

/** A timer trigger. */
export interface TimerTriggerDeclaration {
  /** Name of the trigger. */
  readonly name: string;
  /** Cron schedule (UTC), five fields. */
  readonly schedule: string;
}

/** An ACR Task. */
export interface TaskDeclaration {
  /** Name of the task. */
  readonly name: string;
  /** What the task runs. */
  readonly step: DockerStepDeclaration | FileStepDeclaration;
  /** Run on commits (or pull requests) to a Git repository. @default undefined */
  readonly sourceTrigger?: SourceTriggerDeclaration;
  /** Run when a base image is updated. @default true when the step is a docker build */
  readonly baseImageTrigger?: boolean;
  /** Run on schedules. @default [] */
  readonly timers?: readonly TimerTriggerDeclaration[];
  /** Operating system of the run. @default 'Linux' */
  readonly os?: 'Linux' | 'Windows';
  /** Run timeout in seconds. @default 3600 */
  readonly timeoutSeconds?: number;
  /**
   * Name of the sensitive input (Terraform variable / Pulumi secret config) holding the Git access
   * token for the context and the source trigger; the value never appears in synthesized output.
   * @default `<task name>_git_token`
   */
  readonly gitTokenInput?: string;
}

/** One repository/tag filter of a purge. */
export interface PurgeFilterDeclaration {
  /** Repository name pattern: a regular expression matched against the whole name (see purge.ts). */
  readonly repository: string;
  /** Tag pattern: a regular expression matched against the whole tag (see purge.ts). @default '.*' */
  readonly tags?: string;
}

/**
 * Tag-based retention: a scheduled `acr purge` task ("delete images older than 90 days except the
 * last 5, never `latest`").
 */
export interface PurgeDeclaration {
  /** Name of the purge task. */
  readonly name: string;
  /** Which repositories and tags may be purged. */
  readonly filters: readonly PurgeFilterDeclaration[];
  /** Delete tags older than this many days. */
  readonly olderThanDays: number;
  /** Keep at least this many of the newest tags per repository. @default 0 */
  readonly keepLast?: number;
  /** Tags never deleted, whatever their age. @default [] */
  readonly protectedTags?: readonly string[];
  /** Also delete manifests left without a tag. @default false */
  readonly untagged?: boolean;
  /** Cron schedule (UTC). @default '0 2 * * *' (daily at 02:00) */
  readonly schedule?: string;
  /** Run timeout in seconds. @default 3600 */
  readonly timeoutSeconds?: number;
}

/** A webhook. */
export interface WebhookDeclaration {
  /** Name of the webhook. */
  readonly name: string;
  /** Endpoint that receives the events; must be https. */
  readonly serviceUri: string;
  /** Events that fire the webhook. */
  readonly actions: readonly WebhookAction[];
  /** Repository scope: `repo:tag`, `repo:*`, `repo`. @default '' (all repositories) */
  readonly scope?: string;
  /** Whether the webhook is enabled. @default true */
  readonly enabled?: boolean;
  /**
   * Name of the sensitive input holding custom headers (a JSON object of strings, e.g. an
   * Authorization header); the value never appears in synthesized output. @default undefined: no headers
   */
  readonly headersInput?: string;
}

/**
 * Resource logs by category group, to one or more destinations (Azure Policy's resource-log built-ins
 * look for category groups). At least one destination is required.
 */
export interface DiagnosticsDeclaration {
  /** Resource ID of a Log Analytics workspace. @default undefined */
  readonly logAnalyticsWorkspaceId?: string;
  /** Resource ID of a storage account (archive). @default undefined */
  readonly storageAccountId?: string;
  /** Resource ID of an Event Hub namespace authorization rule. @default undefined */
  readonly eventHubAuthorizationRuleId?: string;
  /** Event Hub to send to (with `eventHubAuthorizationRuleId`). @default undefined: one per category */
  readonly eventHubName?: string;
  /** The category group collected: `audit` (logins, repository events) or `allLogs`. @default 'audit' */
  readonly categoryGroup?: 'audit' | 'allLogs';
}

/** Managed identities of the registry. */
export interface IdentityDeclaration {
  /** A system-assigned identity. @default false */
  readonly systemAssigned?: boolean;
  /** User-assigned identity resource IDs. @default [] */
  readonly userAssignedIdentityIds?: readonly string[];
}

/**
 * Customer-managed key encryption. The registry reads the key through a user-assigned identity that
 * holds "Key Vault Crypto Service Encryption User" on the key: the stack creates both unless the
 * declaration names an existing identity.
 */
export interface EncryptionDeclaration {
  /** Versionless Key Vault key ID, `https://<vault>.vault.azure.net/keys/<name>`. */
  readonly keyVaultKeyId: string;
  /** Resource ID of the Key Vault (RBAC authorization) that holds the key; the role is scoped to the key in it. */
  readonly keyVaultId: string;
  /**
   * Resource ID of an existing user-assigned identity that reads the key; it must be listed in
   * `identity.userAssignedIdentityIds`. @default undefined: the stack creates `id-<registry>-cmk`
   */
  readonly identityId?: string;
  /** Client ID of `identityId` (required with it). @default undefined */
  readonly identityClientId?: string;
  /** Object ID of `identityId` (required with it): the Key Vault role is assigned to it. @default undefined */
  readonly identityPrincipalId?: string;
}

/** A dedicated ACR Tasks agent pool in a VNet subnet (Premium); tasks and purges of the registry run on it. */
export interface AgentPoolDeclaration {
  /** Name of the pool, 3-20 letters, digits or hyphens. */
  readonly name: string;
  /** Resource ID of the subnet the agents run in (it needs outbound access to the registry's private endpoint). */
  readonly subnetId: string;
  /** Agent size: S1 (2 vCPU), S2 (4 vCPU), S3 (8 vCPU) or I6 (64 vCPU, isolated). @default 'S1' */
  readonly tier?: 'S1' | 'S2' | 'S3' | 'I6';
  /** Number of agents. @default 1 */
  readonly count?: number;
}

/**
 * Upstream credentials for artifact cache rules. The username and password stay in Key Vault: the
 * declaration holds secret IDs, never values; the credential set's identity gets "Key Vault Secrets
 * User" on each secret.
 */
export interface CredentialSetDeclaration {
  /** Name of the credential set, 5-50 letters, digits or hyphens. */
  readonly name: string;
  /** Login server of the upstream registry, e.g. `docker.io`. */
  readonly loginServer: string;
  /** Resource ID of the Key Vault (RBAC authorization) holding the secrets. */
  readonly keyVaultId: string;
  /** Versionless Key Vault secret ID of the username, `https://<vault>.vault.azure.net/secrets/<name>`. */
  readonly usernameSecretId: string;
  /** Versionless Key Vault secret ID of the password or access token. */
  readonly passwordSecretId: string;
}

/** An artifact cache rule: pulls of `targetRepository` are served from, and fill, a cache of `source`. */
export interface CacheRuleDeclaration {
  /** Name of the rule, 5-50 letters, digits or hyphens. */
  readonly name: string;
  /** Upstream repository with its registry, e.g. `docker.io/library/nginx` (a trailing `/*` caches a namespace). */
  readonly source: string;
  /** Repository in this registry, e.g. `hub/nginx`. */
  readonly targetRepository: string;
  /** Name of a credential set of this registry that authenticates to the upstream. @default undefined: anonymous */
  readonly credentialSet?: string;
}

/** IP network rules (Premium). */
export interface NetworkRulesDeclaration {
  /** What happens to traffic no rule matches. @default 'Deny' */
  readonly defaultAction?: 'Allow' | 'Deny';
  /** Public IP ranges allowed in. @default [] */
  readonly ipRanges?: readonly Cidr[];
}

/** One container registry and everything attached to it. */
export interface RegistryDeclaration {
  /** Globally unique registry name. */
  readonly name: string;
  /** Service tier. */
  readonly sku: Sku;
  /** The admin user (shared credentials). @default false */
  readonly adminEnabled?: boolean;
  /** Anonymous (unauthenticated) pull. @default false */
  readonly anonymousPull?: boolean;
  /**
   * Public network access. @default false when private endpoints are declared, true otherwise
   */
  readonly publicNetworkAccess?: boolean;
  /** IP allow list (Premium). @default undefined: no rule set */
  readonly networkRules?: NetworkRulesDeclaration;
  /** Let trusted Azure services bypass network rules. @default true */
  readonly bypassAzureServices?: boolean;
  /** The legacy zone-redundancy flag; changing it replaces the registry. @default true on Premium */
  readonly zoneRedundancy?: boolean;
  /** Dedicated data endpoints (Premium). @default false */
  readonly dataEndpoints?: boolean;
  /** Quarantine new images until a scanner releases them (Premium). @default false */
  readonly quarantine?: boolean;
  /** Docker Content Trust (Premium; retired by Microsoft, prefer Notation signing). @default false */
  readonly trustPolicy?: boolean;
  /** Allow `az acr import` / export out of this registry. @default true */
  readonly exportEnabled?: boolean;
  /** Days to keep untagged manifests, 1-365; 0 turns retention off (Premium). @default 7 on Premium, 0 otherwise */
  readonly retentionDays?: number;
  /** Managed identities. @default none */
  readonly identity?: IdentityDeclaration;
  /** Customer-managed key (Premium). @default undefined: Microsoft-managed keys */
  readonly encryption?: EncryptionDeclaration;
  /**
   * A dedicated agent pool in a VNet subnet for tasks and purges (Premium): the route for tasks on a
   * network-restricted registry that keeps every bypass off. @default undefined: the shared pool
   */
  readonly agentPool?: AgentPoolDeclaration;
  /**
   * Let ACR Tasks on the shared pool through the network rules, authenticating with their
   * system-assigned identity (ARM `networkRuleBypassAllowedForTasks`); needs `bypassAzureServices`.
   * @default false
   */
  readonly taskNetworkBypass?: boolean;
  /**
   * Microsoft Entra tokens with the ARM audience for registry authentication (ARM
   * `policies.azureADAuthenticationAsArmPolicy`; Azure Policy 42781ec6 wants them off).
   * @default true in the first environment (Azure's default), false from the second on
   */
  readonly armAudienceTokens?: boolean;
  /** Keep deleted artifacts recoverable for 1-90 days (ARM `policies.softDeletePolicy`, preview). @default undefined: off */
  readonly softDeleteDays?: number;
  /** Upstream credentials for cache rules. @default [] */
  readonly credentialSets?: readonly CredentialSetDeclaration[];
  /** Artifact cache rules (pull-through cache). @default [] */
  readonly cacheRules?: readonly CacheRuleDeclaration[];
  /** Geo-replicas (Premium). @default [] */
  readonly replicas?: readonly ReplicaDeclaration[];
  /** Private endpoints (Premium). @default [] */
  readonly privateEndpoints?: readonly PrivateEndpointDeclaration[];
  /** Private DNS for the endpoints. @default a new zone, no VNet links */
  readonly privateDns?: PrivateDnsDeclaration;
  /** Role assignments. @default [] */
  readonly roleAssignments?: readonly RoleAssignmentDeclaration[];
  /** Repository-scoped tokens. @default [] */
  readonly tokens?: readonly TokenDeclaration[];
  /** ACR Tasks. @default [] */
  readonly tasks?: readonly TaskDeclaration[];
  /** Scheduled `acr purge` tasks. @default [] */
  readonly purges?: readonly PurgeDeclaration[];
  /**
   * Webhooks. On a geo-replicated registry each webhook is created once per location (home and every
   * replica), because a webhook only hears the events of its own region. @default []
   */
  readonly webhooks?: readonly WebhookDeclaration[];
  /** Resource logs by category group. @default undefined: none */
  readonly diagnostics?: DiagnosticsDeclaration;
  /** A CanNotDelete management lock. @default the environment's `protected` */
  readonly lock?: boolean;
  /** Refuse `destroy` (`prevent_destroy` / Pulumi `protect`). @default the environment's `protected` */
  readonly preventDestroy?: boolean;
  /** Tags. @default {} (the environment's tags are merged in) */
  readonly tags?: Readonly<Record<string, string>>;
  /**
   * The role assignment permissions mode. `AbacRepositoryPermissions` honors the Container Registry
   * Repository roles with repository conditions and ignores AcrPull/AcrPush/AcrDelete; grants follow it.
   * @default 'LegacyRegistryPermissions'
   */
  readonly roleAssignmentMode?: RoleAssignmentMode;
  /** Notation signing with a Key Vault key: an identity the release pipeline signs as. @default none */
  readonly signing?: SigningDeclaration;
  /**
   * The importer role promotion assigns on this registry: Microsoft's built-in one, or a custom role
   * holding only the actions `az acr import` needs. @default 'builtIn'
   */
  readonly importerRole?: ImporterRoleKind;
}

/** One environment of the promotion chain. */
export interface EnvironmentDeclaration {
  /**
   * Environment name, e.g. `prod`; also the stack name and the Terraform state key. 2-20 lowercase
   * letters, digits and hyphens, starting with a letter; not a JavaScript built-in name (`constructor`).
   */
  readonly name: string;
  /** Home region of the registry. */
  readonly location: string;
  /** Resource group the stack creates for the registry. */
  readonly resourceGroupName: string;
  /** Protect stateful resources (lock and destroy protection by default). @default false */
  readonly protected?: boolean;
  /** How policy findings gate this environment. @default 'advisory' in the first environment, 'mandatory' after */
  readonly enforcement?: Enforcement;
  /** The registry. */
  readonly registry: RegistryDeclaration;
  /** Tags on every resource of the environment. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/** Remote state in Azure Storage (one blob per environment: `<keyPrefix><env>.tfstate`). */
export interface AzureBackendDeclaration {
  readonly resourceGroupName: string;
  readonly storageAccountName: string;
  readonly containerName: string;
  /** @default 'acr-iac/' */
  readonly keyPrefix?: string;
}

/** The whole estate: environments in promotion order and estate-wide rules. */
export interface EstateDeclaration {
  /** Environments, in promotion order (images flow from the first to the last). */
  readonly environments: readonly EnvironmentDeclaration[];
  /** Regions registries and replicas may live in (data residency). @default any */
  readonly allowedRegions?: readonly string[];
  /**
   * Upstream registries (login servers) cache rules may pull from.
   * @default DEFAULT_ALLOWED_CACHE_SOURCES (Microsoft's and the large public registries)
   */
  readonly allowedCacheSources?: readonly string[];
  /** Terraform state backend. @default local files `terraform.<env>.tfstate` */
  readonly backend?: AzureBackendDeclaration | undefined;
}
