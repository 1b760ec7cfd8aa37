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
 * reports can point at it; put role assignments on registries outside the input in
 * `externalRoleAssignments`; collect in-code suppressions in `inlineSuppressions`.
 */
import type { RoleAbilities } from '../../constructs/model/roles';

/** A value that is only known after apply. Serializes as `{"unknown":true}`. */
export interface Unknown {
  readonly unknown: true;
}

/** The one UNKNOWN value. Compare with `isUnknown`, not by identity (it may come from JSON). */
export const UNKNOWN: Unknown = Object.freeze({ unknown: true as const });

/** An effective setting: its value, or UNKNOWN until apply. */
export type Setting<T> = T | Unknown;

/** True when `value` is UNKNOWN. */
export function isUnknown(value: unknown): value is Unknown {
  return typeof value === 'object' && value !== null && (value as { unknown?: unknown }).unknown === true;
}

/** The value of a setting, or `fallback` when it is UNKNOWN. */
export function known<T>(value: Setting<T>, fallback: T): T {
  return isUnknown(value) ? fallback : value;
}

/** The input format an inventory came from. */
export type InventoryFormat = 'cdktf' | 'terraform-plan' | 'pulumi';

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
}

/** A geo-replica of a registry. */
export interface Replica extends Located {
  readonly location: Setting<string>;
  readonly zoneRedundancy: Setting<boolean>;
  readonly regionalEndpoint: Setting<boolean>;
}

/** A link from a private DNS zone to a virtual network. */
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

/** A role assignment on a registry. */
export interface RoleAssignment extends Located {
  /** Name of the registry the assignment is scoped to (UNKNOWN if unresolvable). */
  readonly registryName: Setting<string>;
  readonly role: RoleRef;
  readonly principal: PrincipalRef;
  readonly description?: string;
}

/** A password of a repository-scoped token. */
export interface TokenPassword extends Located {
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
}

/** A scope map. */
export interface ScopeMap extends Located {
  readonly name: Setting<string>;
  readonly actions: Setting<readonly string[]>;
}

/** A webhook. */
export interface Webhook extends Located {
  readonly name: Setting<string>;
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
}

/** A diagnostic setting on a registry. */
export interface Diagnostic extends Located {
  readonly name: Setting<string>;
  /** Log categories collected (category groups `allLogs`/`audit` expanded to the ACR categories). */
  readonly logCategories: Setting<readonly string[]>;
  /** True when a destination (workspace, storage, event hub, partner) is set. */
  readonly hasDestination: Setting<boolean>;
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
  /** Number of IP rules. */
  readonly ipRuleCount: Setting<number>;
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
  readonly replicas: readonly Replica[];
  readonly privateEndpoints: readonly PrivateEndpoint[];
  readonly roleAssignments: readonly RoleAssignment[];
  readonly scopeMaps: readonly ScopeMap[];
  readonly tokens: readonly Token[];
  readonly webhooks: readonly Webhook[];
  readonly tasks: readonly Task[];
  readonly diagnostics: readonly Diagnostic[];
  readonly locks: readonly Lock[];
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
  /** User-assigned identities the input creates. */
  readonly identities: readonly Identity[];
  /** Suppressions found on resources. */
  readonly inlineSuppressions: readonly InlineSuppression[];
  /** Number of resources read (for statistics). */
  readonly resourceCount: number;
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

/** The kinds of item an adapter attaches to a registry. */
export const ATTACHMENT_KINDS = [
  'privateEndpoints',
  'roleAssignments',
  'scopeMaps',
  'tokens',
  'webhooks',
  'tasks',
  'diagnostics',
  'locks',
] as const;

/** A kind of attached item. */
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

/** The lists of items attached to one registry, filled by an adapter. */
export type Attachments = { -readonly [K in AttachmentKind]: Registry[K][number][] };

/** Empty attachment lists. */
export function emptyAttachments(): Attachments {
  return {
    privateEndpoints: [],
    roleAssignments: [],
    scopeMaps: [],
    tokens: [],
    webhooks: [],
    tasks: [],
    diagnostics: [],
    locks: [],
  };
}

/** What an adapter attached: lists per registry key (address or URN), and grants on registries outside the input. */
export interface AttachResult {
  readonly attached: ReadonlyMap<string, Attachments>;
  readonly externalRoleAssignments: RoleAssignment[];
}
