/**
 * Which engine resource types carry a registry, the resource group holding it, or a management lock:
 * deleting or replacing any of them destroys the registry's images or its protection, whatever the
 * provider spelling. Sources: azurerm v4 resource list (azurerm_container_registry,
 * azurerm_resource_group, azurerm_management_lock); azapi `azapi_resource` whose `type` is an ARM
 * resource type `<namespace>/<type>@<api-version>` (Microsoft.ContainerRegistry/registries,
 * Microsoft.Resources/resourceGroups, Microsoft.Authorization/locks); Pulumi azure-native 3.x type
 * tokens (FACTS.md section 6) and the classic Pulumi azure provider's tokens. Deleting a resource group
 * deletes everything in it (Azure Resource Manager, "Delete resource group").
 */

/** What a removed resource is to a registry. */
export type RemovalKind = 'registry' | 'resource-group' | 'lock';

/** Engine types (Terraform types and Pulumi tokens) by what they carry. */
export const REMOVAL_KINDS_BY_TYPE: Readonly<Record<string, RemovalKind>> = {
  azurerm_container_registry: 'registry',
  azurerm_resource_group: 'resource-group',
  azurerm_management_lock: 'lock',
  'azure-native:containerregistry:Registry': 'registry',
  'azure-native:resources:ResourceGroup': 'resource-group',
  'azure-native:authorization:ManagementLockAtResourceLevel': 'lock',
  'azure-native:authorization:ManagementLockAtResourceGroupLevel': 'lock',
  'azure-native:authorization:ManagementLockAtSubscriptionLevel': 'lock',
  'azure-native:authorization:ManagementLockByScope': 'lock',
  // The classic provider's tokens are `azure:<module>/<resource>:<Type>` (its `pulumi import` docs).
  'azure:containerservice/registry:Registry': 'registry',
  'azure:core/resourceGroup:ResourceGroup': 'resource-group',
  'azure:management/lock:Lock': 'lock',
};

/** ARM resource types (lowercase, no API version) by what they carry. */
export const REMOVAL_KINDS_BY_ARM_TYPE: Readonly<Record<string, RemovalKind>> = {
  'microsoft.containerregistry/registries': 'registry',
  'microsoft.resources/resourcegroups': 'resource-group',
  'microsoft.authorization/locks': 'lock',
};

/** Terraform types that manage any ARM resource named by their `type` attribute. */
export const GENERIC_ARM_TYPES: ReadonlySet<string> = new Set(['azapi_resource']);

/** The ARM type of a generic resource's `type` attribute (`Microsoft.X/y@2023-01-01` -> `microsoft.x/y`). */
export function armTypeOf(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.includes('${')) return undefined;
  return value.split('@')[0].trim().toLowerCase();
}

/**
 * What a resource of `type` with these values carries; undefined for anything else. For a generic
 * ARM resource (azapi_resource) the values decide; without readable values it is undefined.
 */
export function removalKindOf(
  type: string,
  values?: Readonly<Record<string, unknown>>,
): RemovalKind | undefined {
  if (Object.prototype.hasOwnProperty.call(REMOVAL_KINDS_BY_TYPE, type)) return REMOVAL_KINDS_BY_TYPE[type];
  if (!GENERIC_ARM_TYPES.has(type)) return undefined;
  const arm = armTypeOf(values?.type);
  return arm !== undefined && Object.prototype.hasOwnProperty.call(REMOVAL_KINDS_BY_ARM_TYPE, arm)
    ? REMOVAL_KINDS_BY_ARM_TYPE[arm]
    : undefined;
}
