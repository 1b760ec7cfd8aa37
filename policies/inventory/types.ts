/**
 * The inventory: what an environment will really deploy, in one engine-neutral shape. Adapters turn
 * rendered output (synthesized cdk.tf.json, Terraform plan JSON, the Pulumi resource graph) into an
 * Inventory; rules are pure functions over it.
 *
 * Every setting is EFFECTIVE: provider defaults are applied by the adapter for attributes the input
 * omits. A value that is only known after apply (a plan's `after_unknown`, a `${var.x}` reference, a
 * Pulumi output) is the explicit UNKNOWN value, never a guess and never an error.
 *
 * To add an adapter: produce `Inventory` objects (one per environment); fill `source` on every item so
 * reports can point at it; put role assignments, tokens, tasks and imports on registries outside the
 * input in `externalRoleAssignments`, `externalTokens`, `externalTasks` and `externalIngests`; collect
 * in-code suppressions in
 * `inlineSuppressions`.
 */
import type { IngestKind } from '../../constructs/model/ingest';
import type { RoleAbilities, RoleAssignmentMode } from '../../constructs/model/role-directory';
import type {
  EnvironmentOrigin,
  IncompleteLists,
  ModuleCall,
  RemovedSyntax,
  UnattachedItem,
  UndecidedAttachment,
  UntypedResource,
} from './input-notes';
import type { Setting, Unknown } from './unknown';
import { isUnknown } from './unknown';

export type { PartialUnknown, Setting, Unknown } from './unknown';
export type { AttachmentKind, Attachments, AttachResult } from './attachment-lists';
export { ATTACHMENT_KINDS, emptyAttachments } from './attachment-lists';
export {
  UNKNOWN,
  isUnknown,
  known,
  knownPrefix,
  partialText,
  unknownBecause,
  unknownReason,
} from './unknown';

/** The input format an inventory came from. */
export type InventoryFormat = 'cdktf' | 'terraform-plan' | 'pulumi' | 'terraform-json';

/** Where an item comes from, for reports (SARIF locations, PR comments). */
export interface SourceLocation {
  /** File the item is declared in, relative (never an absolute machine path), e.g. `cdktf.out/stacks/prod/cdk.tf.json`. */
  readonly file: string;
  /** Engine address: a Terraform address (`azurerm_container_registry.registry`) or a Pulumi URN. */
  readonly address: string;
  /** Construct path (cdktf `"//".metadata.path`, or the Pulumi parent chain), when known. */
  readonly constructPath?: string | undefined;
}

/** Something that has a source location. */
export interface Located {
  readonly source: SourceLocation;
  /**
   * UNKNOWN (with the reason) when `count`, `for_each` or a `dynamic` block decides whether, and how
   * often, the item exists; absent when it exists exactly once.
   */
  readonly presence?: Unknown;
}

/** A geo-replica of a registry. */
export interface Replica extends Located {
  readonly location: Setting<string>;
  readonly zoneRedundancy: Setting<boolean>;
  readonly regionalEndpoint: Setting<boolean>;
}

/**
 * A link from a private DNS zone to a virtual network. Its `presence` is UNKNOWN when the link may
 * not exist (`count`/`for_each`) or may belong to another zone of the name (a resource group the
 * input does not decide, on the link's side or the zone's).
 */
export interface VnetLink extends Located {
  readonly name: Setting<string>;
  readonly virtualNetworkId: Setting<string>;
}

/** A private DNS zone a DNS zone group writes into. */
export interface DnsZoneRef {
  /** Zone ID (UNKNOWN for a zone created in the same apply). */
  readonly id: Setting<string>;
  /** Zone name, e.g. `privatelink.azurecr.io` (taken from the ID for an existing zone). */
  readonly name: Setting<string>;
  /** True when the zone is created by this input; its VNet links are then listed. */
  readonly managedHere: boolean;
  /** VNet links of the zone (only when `managedHere`). */
  readonly vnetLinks: readonly VnetLink[];
}

/** A private endpoint connected to a registry. */
export interface PrivateEndpoint extends Located {
  readonly name: Setting<string>;
  readonly subnetId: Setting<string>;
  /** Sub-resources (group IDs) of the connection, e.g. `["registry"]`. */
  readonly subresources: Setting<readonly string[]>;
  /** Zones of the endpoint's DNS zone groups (empty: no zone group). */
  readonly dnsZones: readonly DnsZoneRef[];
  /**
   * True when the connection must be approved by the registry's owner (Terraform
   * `is_manual_connection = true`, Pulumi `manualPrivateLinkServiceConnections`): it stays Pending until
   * then. @default false (automatic)
   */
  readonly manualConnection?: Setting<boolean>;
}

/** What a role assignment grants. */
export interface RoleRef {
  /** Built-in role name (`AcrPush`), custom role name, or UNKNOWN. */
  readonly name: Setting<string>;
  /** Role definition ID when given. */
  readonly definitionId?: Setting<string> | undefined;
  /** ARM actions of a custom role (empty for built-ins). */
  readonly actions: readonly string[];
  /** What the role lets its principal do; UNKNOWN when the role cannot be resolved. */
  readonly abilities: Setting<RoleAbilities>;
  /** GUID of the built-in role of the directory the role was identified as (by name or ID). */
  readonly builtInId?: string;
  /** What the role lets its principal do in each permission mode, when the role is known. */
  readonly modeAbilities?: Readonly<Record<RoleAssignmentMode, RoleAbilities>>;
}

/** Who a role assignment is for. */
export interface PrincipalRef {
  /** Object ID (UNKNOWN when it comes from an identity created in the same apply). */
  readonly id: Setting<string>;
  /** `ServicePrincipal`, `User`, `Group`, ... when set. */
  readonly type?: Setting<string>;
  /** Name of the user-assigned identity the principal is, when the input creates or names it. */
  readonly identityName?: string;
}

/** What an assignment is scoped to; a scope above the registry covers every registry below it. */
export type ScopeKind = 'registry' | 'resourceGroup' | 'subscription' | 'managementGroup' | 'root';

/** A role assignment on a registry. */
export interface RoleAssignment extends Located {
  /**
   * Name of the registry the assignment is scoped to; UNKNOWN if unresolvable, or for an assignment
   * above registries outside the input (then `scopeKind` says where it is).
   */
  readonly registryName: Setting<string>;
  readonly role: RoleRef;
  readonly principal: PrincipalRef;
  readonly description?: string;
  /** The kind of scope the assignment is made at; absent when the scope cannot be resolved. */
  readonly scopeKind?: ScopeKind;
  /** The resource group of a resource-group scope. */
  readonly scopeResourceGroup?: Setting<string>;
  /** The ABAC condition, when the assignment has one. */
  readonly condition?: Setting<string>;
}

/** A password of a repository-scoped token. */
export interface TokenPassword extends Located {
  /** Which of the token's two password slots it is, when the input says. @default not said */
  readonly slot?: 'password1' | 'password2';
  /** True when the password has an expiry (a timestamp, or a reference computed at apply such as `time_rotating`). */
  readonly expires: Setting<boolean>;
  /** The expiry timestamp when it is a literal. */
  readonly expiry?: string;
}

/** A repository-scoped token with the actions of its scope map. */
export interface Token extends Located {
  readonly name: Setting<string>;
  readonly enabled: Setting<boolean>;
  readonly scopeMapName: Setting<string>;
  /** Scope-map actions (`repositories/<repo>/content/read`, ...), UNKNOWN when the scope map is not resolvable. */
  readonly actions: Setting<readonly string[]>;
  /** Passwords managed by the input (empty: none managed here). */
  readonly passwords: readonly TokenPassword[];
  /**
   * Set when the item is not a token the input declares but the passwords of one it does not (a
   * token password whose token ID is a variable, a data source, a module output, or the ID of a token
   * in another state), with `label`, what that ID names for messages (the token's name, a reference,
   * or the password's address). Only `passwords` is known: `name` is the token's name when the ID
   * gives it, its state and scope map are UNKNOWN. Rules about a token's scope, push rights or count
   * skip such an item (`isDeclaredToken`): the token is judged where it is declared. Its `source` is
   * the password resource. @default a token the input declares
   */
  readonly passwordOnly?: { readonly label: string };
}

/** A scope map. */
export interface ScopeMap extends Located {
  readonly name: Setting<string>;
  readonly actions: Setting<readonly string[]>;
}

/** A webhook. */
export interface Webhook extends Located {
  readonly name: Setting<string>;
  /** The region whose replica's events it hears (a webhook hears only its own region). */
  readonly location: Setting<string>;
  readonly serviceUri: Setting<string>;
  readonly actions: Setting<readonly string[]>;
  readonly scope: Setting<string>;
  readonly enabled: Setting<boolean>;
}

/** An ACR Task. */
export interface Task extends Located {
  readonly name: Setting<string>;
  /** `build` (docker/file step with a trigger), `purge` (an `acr purge` run), or `other`. */
  readonly kind: 'build' | 'purge' | 'other';
  readonly enabled: Setting<boolean>;
  /** Name of the dedicated agent pool it runs on; `''` for the shared pool. */
  readonly agentPool: Setting<string>;
  /** True when the task has a system-assigned identity (what the task network bypass admits). */
  readonly systemIdentity: Setting<boolean>;
  /** True when its steps can push (a pushing build, a push step, a push command); UNKNOWN when unreadable. */
  readonly canPush: Setting<boolean>;
  /** Why it can push or cannot be judged (which step), for messages. */
  readonly pushReason?: string;
}

/** A dedicated ACR Tasks agent pool. */
export interface AgentPool extends Located {
  readonly name: Setting<string>;
  /** Subnet the agents run in; `''` when none (agents then cannot reach a private endpoint). */
  readonly subnetId: Setting<string>;
  readonly tier: Setting<string>;
  readonly count: Setting<number>;
}

/** Upstream credentials of cache rules: Key Vault secret IDs, never values. */
export interface CredentialSet extends Located {
  readonly name: Setting<string>;
  readonly loginServer: Setting<string>;
  readonly usernameSecretId: SecretId;
  readonly passwordSecretId: SecretId;
}

/**
 * A secret ID the input gives as a reference to a Key Vault secret's versionless ID: a Key Vault
 * secret ID by the provider's definition, whose text is known at apply.
 */
export interface KeyVaultSecretReference {
  /** The reference, e.g. `azurerm_key_vault_secret.hub_user.versionless_id`. */
  readonly keyVaultSecret: string;
}

/** A credential set's secret ID: its text, UNKNOWN, or a reference to a Key Vault secret. */
export type SecretId = Setting<string> | KeyVaultSecretReference;

/** True for a secret ID given by a reference to a Key Vault secret. */
export function isKeyVaultSecretReference(id: SecretId): id is KeyVaultSecretReference {
  return typeof id === 'object' && id !== null && 'keyVaultSecret' in id;
}

/** An artifact cache rule. */
export interface CacheRule extends Located {
  readonly name: Setting<string>;
  /** Upstream repository, e.g. `docker.io/library/nginx`. */
  readonly upstream: Setting<string>;
  readonly targetRepository: Setting<string>;
  /** Name of the credential set it authenticates with; `''` for anonymous pulls. */
  readonly credentialSet: Setting<string>;
}

/**
 * A way images enter a registry besides a push (constructs/model/ingest.ts): an ACR Transfer import
 * pipeline, a run of one, or an `importImage` action. Judged by where it takes its images from: only
 * an import from the previous environment's registry is promotion.
 */
export interface Ingest extends Located {
  readonly name: Setting<string>;
  readonly kind: IngestKind;
  /**
   * Where it takes images from, for messages: the blob container URI of an import pipeline, the import
   * pipeline a run runs, the registry (resource ID or address) an image import copies from.
   */
  readonly from: Setting<string>;
  /**
   * For an image import: the name of the Azure container registry it copies from (the registry of
   * `source.resourceId`, or of a login server in `source.registryUri`); `''` when it copies from a
   * registry that is no Azure container registry (`docker.io`); UNKNOWN when the input does not
   * decide it. Absent for pipelines and their runs, which import blobs from storage.
   */
  readonly fromRegistry?: Setting<string>;
  /** For an image import: the image it copies (`source.sourceImage`). */
  readonly image?: Setting<string>;
  /**
   * For an import pipeline: true when its source trigger imports every blob as it arrives, with no
   * run; false when only pipeline runs import.
   */
  readonly triggered?: Setting<boolean>;
  /**
   * True when it imports into the registry; UNKNOWN, with the reason, when the input does not decide
   * whether it does (a pipeline run of a pipeline it does not decide, import or export).
   */
  readonly imports: Setting<boolean>;
}

/** What an item of another registry is aimed at: the registry's name (from a name or a registry ID). */
export interface ExternalTarget {
  /** Registry name; UNKNOWN when the input does not say which registry. */
  readonly registryName: Setting<string>;
}

/** A token created on a registry the input does not manage. */
export type ExternalToken = Token & ExternalTarget;

/** A task created on a registry the input does not manage. */
export type ExternalTask = Task & ExternalTarget;

/** An import into a registry the input does not manage. */
export type ExternalIngest = Ingest & ExternalTarget;

/**
 * An `azapi_update_resource` of a registry the input does not manage (another stack's, by its ID):
 * the settings it writes there.
 */
export interface ExternalRegistryUpdate extends Located, ExternalTarget {
  /**
   * The registry settings its body writes, in the inventory's terms; a setting it may write is
   * UNKNOWN with why (the update may not exist, or its body cannot be read). Absent: left alone.
   */
  readonly sets: Readonly<Partial<Registry>>;
  /** Whether it enables the admin user: false when its body leaves `adminUserEnabled` alone. */
  readonly adminEnabled: Setting<boolean>;
}

/** A diagnostic setting on a registry. */
export interface Diagnostic extends Located {
  readonly name: Setting<string>;
  /** Log categories collected (category groups `allLogs`/`audit` expanded to the ACR categories). */
  readonly logCategories: Setting<readonly string[]>;
  /** True when a destination (workspace, storage, event hub, partner) is set. */
  readonly hasDestination: Setting<boolean>;
  /** Category groups collected (`audit`, `allLogs`), as configured (not expanded). */
  readonly categoryGroups: Setting<readonly string[]>;
}

/** A management lock on a registry (or its resource group). */
export interface Lock extends Located {
  readonly name: Setting<string>;
  /** `CanNotDelete` or `ReadOnly`. */
  readonly level: Setting<string>;
}

/** A registry with its effective settings and everything attached to it. */
export interface Registry extends Located {
  readonly name: Setting<string>;
  readonly sku: Setting<string>;
  readonly location: Setting<string>;
  readonly resourceGroupName: Setting<string>;
  readonly adminEnabled: Setting<boolean>;
  readonly anonymousPull: Setting<boolean>;
  readonly publicNetworkAccess: Setting<boolean>;
  /** True when a network rule set is configured (a Premium-only setting). */
  readonly networkRuleSet: Setting<boolean>;
  /** Effective default action of the network rules (`Allow` without a rule set). */
  readonly networkDefaultAction: Setting<string>;
  /**
   * True when trusted Azure services pass the network rules (azurerm `network_rule_bypass_option`,
   * ARM and azure-native `networkRuleBypassOptions`: `AzureServices`, the default; `None` is false).
   * Import uses them to reach a network-restricted source or target.
   */
  readonly trustedServices: Setting<boolean>;
  /**
   * The range of each IP allow rule (azurerm `ip_rule.ip_range`, ARM `ipRules[].value`, azure-native
   * `iPAddressOrRange`), in input order; [] without rules; UNKNOWN when the list itself is not known.
   */
  readonly ipRanges: Setting<readonly Setting<string>[]>;
  readonly zoneRedundancy: Setting<boolean>;
  readonly dataEndpoints: Setting<boolean>;
  readonly quarantine: Setting<boolean>;
  readonly trustPolicy: Setting<boolean>;
  readonly exportEnabled: Setting<boolean>;
  /** Days untagged manifests are kept; 0 means retention is off. */
  readonly retentionDays: Setting<number>;
  /** True when a customer-managed key encrypts the registry. */
  readonly customerManagedKey: Setting<boolean>;
  /** True when destroying the registry is refused (`prevent_destroy`, Pulumi `protect`). */
  readonly preventDestroy: Setting<boolean>;
  /** ARM-audience token authentication (`policies.azureADAuthenticationAsArmPolicy`); Azure's default is on. */
  readonly armAudienceTokens: Setting<boolean>;
  /** Soft delete retention in days (`policies.softDeletePolicy`); 0 means off. */
  readonly softDeleteDays: Setting<number>;
  /** `networkRuleBypassAllowedForTasks`: shared-pool tasks with an identity pass the network rules. */
  readonly taskNetworkBypass: Setting<boolean>;
  /** `roleAssignmentMode`: `LegacyRegistryPermissions` or `AbacRepositoryPermissions`. */
  readonly roleAssignmentMode: Setting<string>;
  readonly replicas: readonly Replica[];
  readonly privateEndpoints: readonly PrivateEndpoint[];
  readonly roleAssignments: readonly RoleAssignment[];
  readonly scopeMaps: readonly ScopeMap[];
  readonly tokens: readonly Token[];
  readonly webhooks: readonly Webhook[];
  readonly tasks: readonly Task[];
  readonly diagnostics: readonly Diagnostic[];
  readonly locks: readonly Lock[];
  readonly agentPools: readonly AgentPool[];
  readonly credentialSets: readonly CredentialSet[];
  readonly cacheRules: readonly CacheRule[];
  /** Import pipelines, pipeline runs and image imports into the registry. */
  readonly ingests: readonly Ingest[];
  /**
   * Lists the input may not show completely (a `dynamic "georeplications"` block over a variable, a
   * module given the registry's ID), each with the reason. @default every list is complete
   */
  readonly incomplete?: IncompleteLists;
  /**
   * Attachments of the input whose registry it does not decide (a variable without a value, a value
   * known only after apply): each may be this registry's, with the reason. @default none
   */
  readonly undecided?: readonly UndecidedAttachment[];
}

/** A user-assigned identity the input creates. */
export interface Identity extends Located {
  readonly name: Setting<string>;
  readonly principalId: Setting<string>;
}

/** A suppression written on a resource in code (cdktf metadata, Pulumi resource options). */
export interface InlineSuppression {
  readonly ruleId: string;
  readonly reason: string;
  /** The resource that carries it. */
  readonly source: SourceLocation;
}

/**
 * A registry, the resource group holding one, or a lock on one that the input deletes or replaces.
 * Only inputs that describe a change (plans, previews) have removals.
 */
export interface Removal extends Located {
  /** Engine address (Terraform address or Pulumi `type::name`); the same as `source.address`. */
  readonly address: string;
  /** Engine resource type (`azurerm_resource_group`, `azapi_resource`, `azure-native:resources:ResourceGroup`). */
  readonly type: string;
  readonly kind: 'registry' | 'resource-group' | 'lock';
  readonly action: 'delete' | 'replace';
  /** Name of the registry, group or lock, when the input shows it. */
  readonly name?: string;
  /**
   * Registries it destroys or leaves unprotected: the registry itself, those in the group or under the
   * lock. Empty: none of this input's registries; UNKNOWN: the input does not tell.
   */
  readonly registries: Setting<readonly string[]>;
  /** Why the engine deletes or replaces it, in plain words (`for_each key removed`). */
  readonly reasons: readonly string[];
}

/** What one environment will deploy. */
export interface Inventory {
  /** Environment (stack) name, e.g. `prod`. */
  readonly environment: string;
  /** Input file, relative. */
  readonly file: string;
  readonly format: InventoryFormat;
  /** Registries the input creates or manages. */
  readonly registries: readonly Registry[];
  /** Role assignments on registries the input does not manage (e.g. a data source naming the previous environment). */
  readonly externalRoleAssignments: readonly RoleAssignment[];
  /** Tokens on registries the input does not manage. @default [] */
  readonly externalTokens?: readonly ExternalToken[];
  /** Tasks on registries the input does not manage. @default [] */
  readonly externalTasks?: readonly ExternalTask[];
  /** Imports into registries the input does not manage. @default [] */
  readonly externalIngests?: readonly ExternalIngest[];
  /** Updates of registries the input does not manage (another input's, by ID). @default [] */
  readonly externalRegistryUpdates?: readonly ExternalRegistryUpdate[];
  /** User-assigned identities the input creates. */
  readonly identities: readonly Identity[];
  /** Suppressions found on resources. */
  readonly inlineSuppressions: readonly InlineSuppression[];
  /** Number of resources read (for statistics). */
  readonly resourceCount: number;
  /**
   * Texts the input marks sensitive (a plan's `before_sensitive` / `after_sensitive`): read to judge,
   * never shown; a finding message that holds one shows `(sensitive)` in its place.
   */
  readonly sensitiveTexts?: readonly string[];
  /**
   * Registries, groups and locks the change deletes or replaces. Set by the adapters of inputs that
   * describe a change (Terraform plans, Pulumi previews); absent for a configuration (cdk.tf.json,
   * a Pulumi program), which shows no change.
   */
  readonly removals?: readonly Removal[];
  /**
   * Why the change may delete or replace more than `removals` shows: a plan Terraform marked
   * incomplete (deferred changes) or errored, or one without `resource_changes`. @default complete
   */
  readonly removalsDoubt?: Unknown;
  /** How the environment was decided (`--env`, a `stacks/<env>/` folder, a file name, the default). */
  readonly environmentOrigin?: EnvironmentOrigin;
  /** Module calls of the input: their resources are not read (a plan shows them). @default [] */
  readonly moduleCalls?: readonly ModuleCall[];
  /** Generic resources whose type the input does not decide, which may be registries. @default [] */
  readonly untypedResources?: readonly UntypedResource[];
  /** Attributes and blocks azurerm v4 removed, found in the input. @default [] */
  readonly removedSyntax?: readonly RemovedSyntax[];
  /**
   * Attachments not attached to a registry of the input: their registry cannot be decided, or is
   * another one (role assignments on other registries stay in `externalRoleAssignments`). @default []
   */
  readonly unattached?: readonly UnattachedItem[];
}

/** Every role assignment of an inventory, on its own and on external registries. */
export function allRoleAssignments(inventory: Inventory): RoleAssignment[] {
  return [...inventory.registries.flatMap((r) => r.roleAssignments), ...inventory.externalRoleAssignments];
}

/** A stable key for a principal: the identity name when known (works across stacks), else its object ID. */
export function principalKey(principal: PrincipalRef): string {
  if (principal.identityName) return `identity:${principal.identityName}`;
  return isUnknown(principal.id) ? 'unknown' : principal.id.toLowerCase();
}

/** A human label for a principal. */
export function principalLabel(principal: PrincipalRef): string {
  if (principal.identityName) return principal.identityName;
  return isUnknown(principal.id) ? '(unknown principal)' : principal.id;
}
