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
import type {
  EnvironmentOrigin,
  IncompleteLists,
  ModuleCall,
  RemovedSyntax,
  UnattachedItem,
  UndecidedAttachment,
  UntypedResource,
} from './input-notes';
import type { Located, SourceLocation } from './located';
import type { RoleAssignment, ScopeMap, Token } from './access-items';
import type { AgentPool, CacheRule, CredentialSet, Ingest, Task } from './image-supply';
import type { Setting, Unknown } from './unknown';

export type { Located, SourceLocation } from './located';
export type {
  PrincipalRef,
  RoleAssignment,
  RoleRef,
  ScopeKind,
  ScopeMap,
  Token,
  TokenPassword,
} from './access-items';
export { principalKey, principalLabel } from './access-items';
export type {
  AgentPool,
  CacheRule,
  CredentialSet,
  Ingest,
  KeyVaultSecretReference,
  SecretId,
  Task,
} from './image-supply';
export { isKeyVaultSecretReference } from './image-supply';
export type { PartialUnknown, Setting, Unknown } from './unknown';
export type { AttachmentKind, Attachments, AttachResult } from './attachment-lists';
export { ATTACHMENT_KINDS, emptyAttachments } from './attachment-lists';
export {
  UNKNOWN,
  isUnknown,
  sameAs,
  sameKey,
  known,
  knownPrefix,
  partialText,
  unknownBecause,
  unknownReason,
} from './unknown';

/** The input format an inventory came from. */
export type InventoryFormat = 'cdktf' | 'terraform-plan' | 'pulumi' | 'terraform-json';

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
