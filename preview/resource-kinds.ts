/**
 * What a Terraform type or azure-native token is, for danger and cost: one table per engine, and readers
 * that get a registry's SKU, replicas, a role assignment's role and an endpoint's DNS zone groups out of
 * either engine's attribute spelling.
 */
import type { Sku } from '../constructs/model/tiers';
import { isSku } from '../constructs/model/tiers';
import { builtInRoleById, builtInRoleByName } from '../constructs/model/role-directory';
import { armTypeOf, GENERIC_ARM_TYPES, removalKindOf } from '../constructs/model/removal-kinds';
import { REDACTED } from '../policies/redact';
import { azapiBodyOf } from '../policies/inventory/terraform-resources/raw';
import type { JsonObject, JsonValue } from './changes';
import { isObject } from './changes';

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
 * Kinds of a generic ARM resource (`azapi_resource`) by its ARM type, lowercased without the API
 * version (`type = "Microsoft.Network/privateEndpoints@2023-11-01"`): the ARM resources azurerm's
 * azurerm_private_endpoint and azurerm_role_assignment manage (ARM template reference,
 * learn.microsoft.com/azure/templates/microsoft.network/privateendpoints and
 * .../microsoft.authorization/roleassignments). Registries, groups and locks are removal-kinds.ts's.
 */
const ARM_KINDS: Readonly<Record<string, ResourceKind>> = {
  'microsoft.network/privateendpoints': 'private-endpoint',
  'microsoft.authorization/roleassignments': 'role-assignment',
  'microsoft.authorization/roledefinitions': 'role-definition',
};

/**
 * The kind of a Terraform type or Pulumi type token. A generic ARM resource (azapi_resource) is what
 * its `type` attribute names, when `values` are given and say it; otherwise `other`.
 */
export function kindOf(type: string, values?: JsonObject): ResourceKind {
  const kind = TERRAFORM_KINDS[type] ?? AZURE_NATIVE_KINDS[type];
  if (kind !== undefined) return kind;
  if (!GENERIC_ARM_TYPES.has(type)) return 'other';
  const arm = armTypeOf(values?.type);
  return arm !== undefined && Object.hasOwn(ARM_KINDS, arm) ? ARM_KINDS[arm] : 'other';
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

/** A literal string value (not a reference, not a redacted one). */
function readable(value: unknown): string | undefined {
  return typeof value === 'string' && !value.includes('${') && value !== REDACTED ? value : undefined;
}

/**
 * Types whose values a change set keeps however large the plan (value-budget.ts): every kind above,
 * and what the danger block and protection checks read besides: every ACR resource (webhooks, tasks,
 * tokens, scope maps...), role assignments and definitions, locks, resource groups, generic ARM
 * resources (azapi), diagnostic settings.
 */
const VALUE_TYPES =
  /^(azurerm_container_registry|azure-native:containerregistry:|azurerm_role_|azure-native:authorization:|azurerm_management_lock$|azurerm_resource_group$|azure-native:resources:ResourceGroup$|azapi_|azurerm_monitor_diagnostic_setting$|azure-native:(insights|monitor):DiagnosticSetting$)/;

/** True when changes of `type` keep their before/after values in every change set. */
export function keepsValues(type: string): boolean {
  return kindOf(type) !== 'other' || VALUE_TYPES.test(type) || removalKindOf(type) !== undefined;
}

/** The SKU of a registry (`sku` in azurerm, `sku.name` in azure-native); undefined when unknown. */
export function registrySku(values: JsonObject | undefined): Sku | undefined {
  const sku = isObject(values?.sku) ? values.sku.name : values?.sku;
  return isSku(sku) ? sku : undefined;
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
 * The zone redundancy of a registry's inline geo-replicas (azurerm `georeplications`), by location:
 * azurerm cannot change it in place and deletes and recreates the replica instead
 * (container_registry_resource.go: "zoneRedundency can't be updated in place").
 */
export function inlineReplicaZoneRedundancy(values: JsonObject | undefined): ReadonlyMap<string, boolean> {
  const out = new Map<string, boolean>();
  const replicas = values?.georeplications;
  if (!Array.isArray(replicas)) return out;
  for (const replica of replicas)
    if (isObject(replica) && typeof replica.location === 'string')
      out.set(replica.location, replica.zone_redundancy_enabled === true);
  return out;
}

/** The location of an azure-native replica and the registry it belongs to. */
export function replicaOf(values: JsonObject | undefined): { registry?: string; location?: string } {
  const registry = values?.registryName;
  const location = values?.location;
  return {
    ...(typeof registry === 'string' ? { registry } : {}),
    ...(typeof location === 'string' ? { location } : {}),
  };
}

/** The role of a role assignment, or `'unknown'` when the input does not tell it (an unreadable azapi body). */
export type AssignedRole = { readonly role: string; readonly pull: boolean } | 'unknown';

/**
 * The role a role assignment grants, by name, and whether it includes pull: azurerm
 * `role_definition_name` / `role_definition_id`, azure-native `roleDefinitionId`, or an azapi
 * body's `properties.roleDefinitionId` (Microsoft.Authorization/roleAssignments).
 */
export function assignedRole(type: string, values: JsonObject | undefined): AssignedRole | undefined {
  const properties = propertiesOf(type, values);
  if (properties === 'unknown') return 'unknown';
  const byName = properties?.role_definition_name;
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
 * Names of the DNS zone groups inline on an azurerm private endpoint. Plan JSON holds the block as a list;
 * cdk.tf.json holds a single block as an object.
 */
export function inlineZoneGroups(values: JsonObject | undefined): string[] {
  const block = values?.private_dns_zone_group;
  const groups = isObject(block) ? [block] : block;
  if (!Array.isArray(groups)) return [];
  return groups.map((group: JsonValue, index) =>
    isObject(group) && typeof group.name === 'string' ? group.name : `#${index}`,
  );
}

/**
 * Whether a registry's values carry a customer-managed key: azurerm's `encryption` block with a
 * `key_vault_key_id` (a list in plans, an object in cdk.tf.json), azure-native's `encryption.status`;
 * undefined when the values do not say (a status or key that is not a literal).
 */
export function customerManagedKey(values: JsonObject | undefined): boolean | undefined {
  const encryption = values?.encryption;
  if (encryption === undefined || encryption === null) return false;
  const blocks = Array.isArray(encryption) ? encryption : [encryption];
  if (blocks.length === 0) return false;
  const block = blocks[0];
  if (!isObject(block)) return undefined;
  if ('status' in block)
    return typeof block.status === 'string' ? block.status.toLowerCase() === 'enabled' : undefined;
  return typeof block.key_vault_key_id === 'string' && block.key_vault_key_id !== '' ? true : undefined;
}
