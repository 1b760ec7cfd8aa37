/**
 * The declaration of a registry estate: plain, engine-free data that both the cdktf constructs and the
 * Pulumi components render. Every optional property states its default; `resolve.ts` applies them.
 */
import type { Sku } from './tiers';
import type { ScopeMapPermission, WebhookAction } from './names';
import type { BuiltInRole, PrincipalType } from './roles';

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
  /** Repository name pattern (regular expression). */
  readonly repository: string;
  /** Tag pattern (regular expression). @default '.*' */
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

/** Audit diagnostics to Log Analytics. */
export interface DiagnosticsDeclaration {
  /** Resource ID of the Log Analytics workspace. */
  readonly logAnalyticsWorkspaceId: string;
}

/** Managed identities of the registry. */
export interface IdentityDeclaration {
  /** A system-assigned identity. @default false */
  readonly systemAssigned?: boolean;
  /** User-assigned identity resource IDs. @default [] */
  readonly userAssignedIdentityIds?: readonly string[];
}

/** Customer-managed key encryption. */
export interface EncryptionDeclaration {
  /** Versionless Key Vault key ID. */
  readonly keyVaultKeyId: string;
  /** Client ID of a user-assigned identity (listed in `identity`) that can read the key. */
  readonly identityClientId: string;
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
  /** Webhooks. @default [] */
  readonly webhooks?: readonly WebhookDeclaration[];
  /** Audit diagnostics. @default undefined: none */
  readonly diagnostics?: DiagnosticsDeclaration;
  /** A CanNotDelete management lock. @default the environment's `protected` */
  readonly lock?: boolean;
  /** Refuse `destroy` (`prevent_destroy` / Pulumi `protect`). @default the environment's `protected` */
  readonly preventDestroy?: boolean;
  /** Tags. @default {} (the environment's tags are merged in) */
  readonly tags?: Readonly<Record<string, string>>;
}

/** One environment of the promotion chain. */
export interface EnvironmentDeclaration {
  /** Environment name, e.g. `prod`; also the stack name. Lowercase letters, digits and hyphens. */
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
  /** Terraform state backend. @default local files `terraform.<env>.tfstate` */
  readonly backend?: AzureBackendDeclaration | undefined;
}
