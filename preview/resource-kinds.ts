/**
 * What a Terraform type or azure-native token is, for danger and cost: one table per engine, and readers
 * that get a registry's SKU, replicas, a role assignment's role and an endpoint's DNS zone groups out of
 * either engine's attribute spelling.
 */
import type { Sku } from '../constructs/model/tiers';
import { isSku } from '../constructs/model/tiers';
import { builtInRoleById, builtInRoleByName } from '../constructs/model/role-directory';
import { armTypeOf, GENERIC_ARM_TYPES, removalKindOf } from '../constructs/model/removal-kinds';
import {
  AZURERM_TYPE_BY_ARM_TYPE,
  REGISTRY_REPLICATION_ARM_TYPE,
  ZONE_GROUP_ARM_TYPE,
} from '../constructs/model/arm-types';
import {
  AZURE_NATIVE_TYPE_BY_CLASSIC_TYPE,
  classicInputOf,
  currentClassicType,
} from '../constructs/model/pulumi-classic-types';
import { REDACTED } from '../policies/redact';
import { REGISTRY_ID_PATTERN } from '../constructs/model/azure-ids';
import { azapiBodyOf, parseReference } from '../policies/inventory/terraform-resources/raw';
import type { JsonObject, JsonValue, ResourceChange } from './changes';
import { isObject } from './changes';
import { isUnder } from './paths';

/** Resource kinds the preview reasons about; everything else is `other`. */
export type ResourceKind =
  | 'registry'
  | 'replica'
  | 'private-endpoint'
  | 'dns-zone'
  | 'dns-record'
  | 'dns-vnet-link'
  | 'dns-zone-group'
  | 'role-assignment'
  | 'lock'
  | 'task'
  | 'webhook'
  | 'token'
  | 'scope-map'
  | 'role-definition'
  | 'other';

/** Terraform (azurerm v4) types by kind. azurerm v4 has no replication resource: replicas are inline. */
const TERRAFORM_KINDS: Readonly<Record<string, ResourceKind>> = {
  azurerm_container_registry: 'registry',
  azurerm_private_endpoint: 'private-endpoint',
  azurerm_private_dns_zone: 'dns-zone',
  azurerm_private_dns_a_record: 'dns-record',
  azurerm_private_dns_cname_record: 'dns-record',
  azurerm_private_dns_zone_virtual_network_link: 'dns-vnet-link',
  azurerm_role_assignment: 'role-assignment',
  azurerm_management_lock: 'lock',
  azurerm_container_registry_task: 'task',
  azurerm_container_registry_webhook: 'webhook',
  azurerm_container_registry_token: 'token',
  azurerm_container_registry_scope_map: 'scope-map',
  azurerm_role_definition: 'role-definition',
};

/** azure-native type tokens by kind (FACTS.md section 6). */
const AZURE_NATIVE_KINDS: Readonly<Record<string, ResourceKind>> = {
  'azure-native:containerregistry:Registry': 'registry',
  'azure-native:containerregistry:Replication': 'replica',
  'azure-native:network:PrivateEndpoint': 'private-endpoint',
  'azure-native:network:PrivateDnsZoneGroup': 'dns-zone-group',
  'azure-native:privatedns:PrivateZone': 'dns-zone',
  'azure-native:privatedns:PrivateRecordSet': 'dns-record',
  'azure-native:privatedns:RecordSet': 'dns-record',
  'azure-native:privatedns:VirtualNetworkLink': 'dns-vnet-link',
  'azure-native:authorization:RoleAssignment': 'role-assignment',
  'azure-native:authorization:ManagementLockAtResourceLevel': 'lock',
  'azure-native:authorization:ManagementLockAtResourceGroupLevel': 'lock',
  'azure-native:authorization:ManagementLockAtSubscriptionLevel': 'lock',
  'azure-native:authorization:ManagementLockByScope': 'lock',
  'azure-native:containerregistry:Task': 'task',
  'azure-native:containerregistry:Webhook': 'webhook',
  'azure-native:containerregistry:Token': 'token',
  'azure-native:containerregistry:ScopeMap': 'scope-map',
  'azure-native:authorization:RoleDefinition': 'role-definition',
};

/**
 * The type a resource is read as: a classic Pulumi token (`@pulumi/azure`, an alias resolved) as its
 * azure-native twin (constructs/model/pulumi-classic-types.ts), a generic ARM resource (azapi_resource)
 * as the azurerm resource of the ARM type its `type` attribute names (constructs/model/arm-types.ts),
 * when `values` are given and say it; any other type as it is. The values keep their own spelling:
 * the readers below read a classic resource's inputs as azurerm's attributes in camelCase
 * (`classicInputOf`), an azapi resource's ARM properties through `propertiesOf`.
 */
export function twinType(type: string, values?: JsonObject): string {
  if (GENERIC_ARM_TYPES.has(type)) {
    const arm = armTypeOf(values?.type);
    return arm !== undefined && Object.hasOwn(AZURERM_TYPE_BY_ARM_TYPE, arm)
      ? AZURERM_TYPE_BY_ARM_TYPE[arm]
      : type;
  }
  const classic = currentClassicType(type);
  return Object.hasOwn(AZURE_NATIVE_TYPE_BY_CLASSIC_TYPE, classic)
    ? AZURE_NATIVE_TYPE_BY_CLASSIC_TYPE[classic]
    : type;
}

/** True for a resource of the classic Pulumi provider that has an azure-native twin. */
export function isClassic(type: string): boolean {
  return Object.hasOwn(AZURE_NATIVE_TYPE_BY_CLASSIC_TYPE, currentClassicType(type));
}

/**
 * ARM child types azurerm writes inline in their parent (arm-types.ts): a generic ARM resource of one
 * is the resource azure-native has for it (a Replication, a PrivateDnsZoneGroup).
 */
const INLINE_CHILD_KINDS: Readonly<Record<string, ResourceKind>> = {
  [REGISTRY_REPLICATION_ARM_TYPE]: 'replica',
  [ZONE_GROUP_ARM_TYPE]: 'dns-zone-group',
};

/**
 * The kind of a Terraform type or Pulumi type token, or of its twin (`twinType`). A generic ARM
 * resource (azapi_resource) is what its `type` attribute names, when `values` are given and say it;
 * otherwise `other`.
 */
export function kindOf(type: string, values?: JsonObject): ResourceKind {
  const twin = twinType(type, values);
  if (Object.hasOwn(TERRAFORM_KINDS, twin)) return TERRAFORM_KINDS[twin];
  if (Object.hasOwn(AZURE_NATIVE_KINDS, twin)) return AZURE_NATIVE_KINDS[twin];
  if (!GENERIC_ARM_TYPES.has(type)) return 'other';
  const arm = armTypeOf(values?.type);
  return arm !== undefined && Object.hasOwn(INLINE_CHILD_KINDS, arm) ? INLINE_CHILD_KINDS[arm] : 'other';
}

/**
 * The values that hold a resource's ARM properties: an azapi resource's `body.properties` (azapi 2.x
 * writes the body as an object, 1.x as a JSON-encoded string), `'unknown'` when that body cannot be
 * read; the values themselves for any other resource.
 */
export function propertiesOf(
  type: string,
  values: JsonObject | undefined,
): Readonly<Record<string, unknown>> | 'unknown' | undefined {
  if (!GENERIC_ARM_TYPES.has(type)) return values;
  const body = azapiBodyOf(values?.body);
  if (body === undefined) return 'unknown';
  if (body === 'unknown') return body;
  const properties = body.properties;
  return isObject(properties as JsonValue) ? (properties as JsonObject) : 'unknown';
}

/** A value one side of a change does not tell: known only after apply, redacted, in an unreadable azapi body. */
export const UNREADABLE: unique symbol = Symbol('unreadable');

/** An attribute as `attributeOf` reads it: its value, undefined when absent, or UNREADABLE. */
export type ReadValue = JsonValue | undefined | typeof UNREADABLE;

/** The kind of a change's resource, an azapi resource read by its `type` on either side. */
export function changeKind(resource: ResourceChange): ResourceKind {
  return kindOf(resource.type, resource.after ?? resource.before);
}

/**
 * One attribute of one side of a change, in the resource's own spelling: azurerm's name (`scope_map_id`),
 * the classic provider's (its camelCase, `classicInputOf`), or the ARM property (`arm`, `scopeMapId`)
 * of an azure-native resource or, under `body.properties`, of an azapi one. UNREADABLE when that side
 * does not tell it: known only after apply, redacted, or the azapi body cannot be read.
 */
export function attributeOf(
  resource: ResourceChange,
  side: 'before' | 'after',
  attribute: { readonly azurerm: string; readonly arm: string },
): ReadValue {
  const values = resource[side];
  const generic = GENERIC_ARM_TYPES.has(resource.type);
  const properties = propertiesOf(resource.type, values);
  const key =
    generic || resource.type.startsWith('azure-native:')
      ? attribute.arm
      : isClassic(resource.type)
        ? classicInputOf(attribute.azurerm)
        : attribute.azurerm;
  const path = generic ? `body.properties.${key}` : key;
  const unknown = side === 'after' ? resource.unknownAfter : [];
  if (unknown.some((u) => isUnder(path, u) || isUnder(u, path))) return UNREADABLE;
  if (properties === 'unknown') return UNREADABLE;
  const value = properties?.[key] as JsonValue | undefined;
  return value === REDACTED ? UNREADABLE : value;
}

/** A literal string value (not a reference, not a redacted one). */
function readable(value: unknown): string | undefined {
  return typeof value === 'string' && !value.includes('${') && value !== REDACTED ? value : undefined;
}

/**
 * Types whose values a change set keeps however large the plan (value-budget.ts): every kind above,
 * and what the danger block and protection checks read besides: every ACR resource (webhooks, tasks,
 * tokens, scope maps...), role assignments and definitions, locks, resource groups, generic ARM
 * resources (azapi), diagnostic settings; and the classic Pulumi resources whose twins are any of these.
 */
const VALUE_TYPES =
  /^(azurerm_container_registry|azure-native:containerregistry:|azurerm_role_|azure-native:authorization:|azurerm_management_lock$|azurerm_resource_group$|azure-native:resources:ResourceGroup$|azapi_|azurerm_monitor_diagnostic_setting$|azure-native:(insights|monitor):DiagnosticSetting$)/;

/** True when changes of `type` keep their before/after values in every change set. */
export function keepsValues(type: string): boolean {
  return (
    kindOf(type) !== 'other' ||
    VALUE_TYPES.test(type) ||
    VALUE_TYPES.test(twinType(type)) ||
    removalKindOf(type) !== undefined
  );
}

/**
 * The SKU of a registry (`sku` in azurerm and the classic provider, `sku.name` in azure-native and, in
 * its body, an azapi registry); undefined when unknown. `type` tells an azapi registry apart.
 */
export function registrySku(values: JsonObject | undefined, type?: string): Sku | undefined {
  const source = type !== undefined && GENERIC_ARM_TYPES.has(type) ? azapiBodyOf(values?.body) : values;
  if (source === 'unknown' || source === undefined) return undefined;
  const sku = isObject(source.sku as JsonValue) ? (source.sku as JsonObject).name : source.sku;
  return isSku(sku) ? sku : undefined;
}

/** The paths of a registry change where its SKU and its encryption are, in the resource's own spelling. */
function registryPaths(type: string): { readonly sku: string; readonly encryption: string } {
  return GENERIC_ARM_TYPES.has(type)
    ? { sku: 'body.sku.name', encryption: 'body.properties.encryption' }
    : { sku: 'sku', encryption: 'encryption' };
}

/** True when `path` of a change's after side is known only after apply. */
function unknownAfter(resource: ResourceChange, path: string): boolean {
  return resource.unknownAfter.some((u) => isUnder(path, u) || isUnder(u, path));
}

/** The SKU one side of a registry change shows; UNREADABLE when it is known only after apply or not read. */
export function sideSku(resource: ResourceChange, side: 'before' | 'after'): Sku | typeof UNREADABLE {
  if (side === 'after' && unknownAfter(resource, registryPaths(resource.type).sku)) return UNREADABLE;
  return registrySku(resource[side], resource.type) ?? UNREADABLE;
}

/**
 * Whether one side of a registry change carries a customer-managed key (`customerManagedKey`);
 * UNREADABLE when the side does not tell (known only after apply, not a literal, an unreadable body).
 */
export function sideCustomerManagedKey(
  resource: ResourceChange,
  side: 'before' | 'after',
): boolean | typeof UNREADABLE {
  if (side === 'after' && unknownAfter(resource, registryPaths(resource.type).encryption)) return UNREADABLE;
  return customerManagedKey(resource[side], resource.type) ?? UNREADABLE;
}

/** The registry name (`name` in azurerm, `registryName` in azure-native). */
export function registryName(values: JsonObject | undefined): string | undefined {
  const name = values?.registryName ?? values?.name;
  return typeof name === 'string' ? name : undefined;
}

/** Locations of a registry's inline geo-replicas (azurerm `georeplications`), sorted. */
export function inlineReplicaLocations(values: JsonObject | undefined): string[] {
  const replicas = values?.georeplications;
  if (!Array.isArray(replicas)) return [];
  return replicas
    .map((replica: JsonValue) => (isObject(replica) ? replica.location : undefined))
    .filter((location): location is string => typeof location === 'string')
    .sort();
}

/**
 * The zone redundancy of a registry's inline geo-replicas (azurerm `georeplications`, the classic
 * provider's `zoneRedundancyEnabled` too), by location: azurerm cannot change it in place and deletes
 * and recreates the replica instead (container_registry_resource.go: "zoneRedundency can't be updated
 * in place"); the classic provider is a bridge of that code.
 */
export function inlineReplicaZoneRedundancy(values: JsonObject | undefined): ReadonlyMap<string, boolean> {
  const out = new Map<string, boolean>();
  const replicas = values?.georeplications;
  if (!Array.isArray(replicas)) return out;
  for (const replica of replicas)
    if (isObject(replica) && typeof replica.location === 'string')
      out.set(
        replica.location,
        (replica.zone_redundancy_enabled ?? replica[classicInputOf('zone_redundancy_enabled')]) === true,
      );
  return out;
}

/**
 * The location of a replica and the registry it belongs to: an azure-native Replication's
 * `registryName`, an azapi `Microsoft.ContainerRegistry/registries/replications`'s `parent_id` (the
 * registry's ID, or a reference to the registry resource: its address as `registryAddress`).
 */
export function replicaOf(
  values: JsonObject | undefined,
  type?: string,
): { registry?: string; registryAddress?: string; location?: string } {
  const location = values?.location;
  const where = typeof location === 'string' ? { location } : {};
  if (type !== undefined && GENERIC_ARM_TYPES.has(type)) {
    const parent = values?.parent_id;
    if (typeof parent !== 'string') return where;
    if (parent.includes('${')) {
      const address = parseReference(parent)?.address;
      return { ...where, ...(address !== undefined ? { registryAddress: address } : {}) };
    }
    const registry = REGISTRY_ID_PATTERN.exec(parent)?.[1];
    return { ...where, ...(registry !== undefined ? { registry } : {}) };
  }
  const registry = values?.registryName;
  return { ...where, ...(typeof registry === 'string' ? { registry } : {}) };
}

/** The role of a role assignment, or `'unknown'` when the input does not tell it (an unreadable azapi body). */
export type AssignedRole = { readonly role: string; readonly pull: boolean } | 'unknown';

/**
 * The role a role assignment grants, by name, and whether it includes pull: azurerm
 * `role_definition_name` / `role_definition_id`, the classic provider's `roleDefinitionName` /
 * `roleDefinitionId`, azure-native `roleDefinitionId`, or an azapi body's
 * `properties.roleDefinitionId` (Microsoft.Authorization/roleAssignments).
 */
export function assignedRole(type: string, values: JsonObject | undefined): AssignedRole | undefined {
  const properties = propertiesOf(type, values);
  if (properties === 'unknown') return 'unknown';
  const byName = properties?.role_definition_name ?? properties?.[classicInputOf('role_definition_name')];
  const byId = properties?.role_definition_id ?? properties?.roleDefinitionId;
  if (GENERIC_ARM_TYPES.has(type) && readable(byId) === undefined) return 'unknown';
  const builtIn =
    typeof byName === 'string'
      ? builtInRoleByName(byName)
      : typeof byId === 'string'
        ? builtInRoleById(byId)
        : undefined;
  const role =
    builtIn?.name ?? (typeof byName === 'string' ? byName : typeof byId === 'string' ? byId : undefined);
  if (role === undefined) return undefined;
  return { role, pull: builtIn?.abilities.pull ?? false };
}

/** The principal a role assignment grants to (an azapi body's `properties.principalId` too). */
export function assignedPrincipal(type: string, values: JsonObject | undefined): string | undefined {
  const properties = propertiesOf(type, values);
  if (properties === 'unknown') return undefined;
  const principal = properties?.principal_id ?? properties?.principalId;
  return typeof principal === 'string' ? principal : undefined;
}

/**
 * Names of the DNS zone groups inline on an azurerm private endpoint (a classic one's
 * `privateDnsZoneGroup`). Plan JSON holds the block as a list; cdk.tf.json and Pulumi inputs hold a
 * single block as an object.
 */
export function inlineZoneGroups(values: JsonObject | undefined): string[] {
  const block = values?.private_dns_zone_group ?? values?.[classicInputOf('private_dns_zone_group')];
  const groups = isObject(block) ? [block] : block;
  if (!Array.isArray(groups)) return [];
  return groups.map((group: JsonValue, index) =>
    isObject(group) && typeof group.name === 'string' ? group.name : `#${index}`,
  );
}

/**
 * Whether a registry's values carry a customer-managed key: azurerm's `encryption` block with a
 * `key_vault_key_id` (a list in plans, an object in cdk.tf.json; the classic provider's
 * `encryption.keyVaultKeyId`), azure-native's `encryption.status` (an azapi registry's
 * `body.properties.encryption.status`, the same ARM property); undefined when the values do not say
 * (a status or key that is not a literal, an unreadable azapi body). `type` tells an azapi registry apart.
 */
export function customerManagedKey(values: JsonObject | undefined, type?: string): boolean | undefined {
  const properties = type !== undefined ? propertiesOf(type, values) : values;
  if (properties === 'unknown') return undefined;
  const encryption = properties?.encryption as JsonValue | undefined;
  if (encryption === undefined || encryption === null) return false;
  const blocks = Array.isArray(encryption) ? encryption : [encryption];
  if (blocks.length === 0) return false;
  const block = blocks[0];
  if (!isObject(block)) return undefined;
  if ('status' in block)
    return typeof block.status === 'string' ? block.status.toLowerCase() === 'enabled' : undefined;
  const key = block.key_vault_key_id ?? block[classicInputOf('key_vault_key_id')];
  return typeof key === 'string' && key !== '' ? true : undefined;
}
