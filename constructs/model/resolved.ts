/** The estate with every default applied: what renderers, the synth diff and the rules read. */
import type {
  AgentPoolDeclaration,
  AzureBackendDeclaration,
  DockerStepDeclaration,
  Enforcement,
  FileStepDeclaration,
  PrivateEndpointDeclaration,
  TimerTriggerDeclaration,
  VnetLinkDeclaration,
} from './declaration';
import type { Sku } from './tiers';
import type { BuiltInRole, ImporterRoleKind, PrincipalType, RegistryAccessSettings } from './roles';
import type { RoleAssignmentMode } from './role-directory';
import type { ResolvedSigning } from './signing';
import type { WebhookAction } from './names';
import type { WebhookDeployment } from './webhook-locations';
import type { DiagnosticCategoryGroup } from './diagnostics';
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
  /** The subscription to create the VNet links in, when not the deploying one (`linksInZoneSubscription`). */
  readonly linkSubscriptionId?: string | undefined;
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
