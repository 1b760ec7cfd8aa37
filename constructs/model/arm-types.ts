/**
 * The azurerm resource that manages each ARM resource type, for reading a generic ARM resource
 * (azapi `azapi_resource`, whose `type` is `<namespace>/<type>@<api-version>`) as the azurerm
 * resource of its type. Sources: the azurerm v4 documentation of each resource, which names the ARM
 * type it manages in its import ID (`azurerm_container_registry`: `.../Microsoft.ContainerRegistry/registries/<name>`,
 * `azurerm_role_assignment`: `.../Microsoft.Authorization/roleAssignments/<guid>`, ...), and the ARM
 * template reference (learn.microsoft.com/azure/templates), which gives each type's properties.
 * Lowercase, without the API version (see `armTypeOf` in removal-kinds.ts).
 */

/** azurerm resource types by the ARM type they manage. */
export const AZURERM_TYPE_BY_ARM_TYPE: Readonly<Record<string, string>> = {
  'microsoft.containerregistry/registries': 'azurerm_container_registry',
  'microsoft.containerregistry/registries/webhooks': 'azurerm_container_registry_webhook',
  'microsoft.containerregistry/registries/tokens': 'azurerm_container_registry_token',
  'microsoft.containerregistry/registries/scopemaps': 'azurerm_container_registry_scope_map',
  'microsoft.containerregistry/registries/tasks': 'azurerm_container_registry_task',
  'microsoft.containerregistry/registries/agentpools': 'azurerm_container_registry_agent_pool',
  'microsoft.containerregistry/registries/credentialsets': 'azurerm_container_registry_credential_set',
  'microsoft.containerregistry/registries/cacherules': 'azurerm_container_registry_cache_rule',
  'microsoft.authorization/roleassignments': 'azurerm_role_assignment',
  'microsoft.authorization/roledefinitions': 'azurerm_role_definition',
  'microsoft.authorization/locks': 'azurerm_management_lock',
  'microsoft.insights/diagnosticsettings': 'azurerm_monitor_diagnostic_setting',
  'microsoft.network/privateendpoints': 'azurerm_private_endpoint',
  // A registry's side of a private endpoint's connection (approving or rejecting it): read as the
  // endpoint it connects, whose own settings are in the endpoint's configuration.
  'microsoft.containerregistry/registries/privateendpointconnections': 'azurerm_private_endpoint',
  'microsoft.resources/resourcegroups': 'azurerm_resource_group',
};

/**
 * ARM child types that azurerm writes inline in their parent's resource: a registry's replications
 * (`azurerm_container_registry.georeplications`) and a private endpoint's DNS zone groups
 * (`azurerm_private_endpoint.private_dns_zone_group`).
 */
export const REGISTRY_REPLICATION_ARM_TYPE = 'microsoft.containerregistry/registries/replications';
/** See REGISTRY_REPLICATION_ARM_TYPE. */
export const ZONE_GROUP_ARM_TYPE = 'microsoft.network/privateendpoints/privatednszonegroups';

/**
 * Registry child types whose settings the checker does not read from a generic ARM resource, by the
 * list of the registry they belong to: a registry with one of them is not known to have none. None
 * today: a task run (`registries/taskRuns`), the one child that used to be here, is read as a task
 * that runs once (task-runs.ts; azapi-views.ts).
 */
export const UNREAD_REGISTRY_CHILD_TYPES: Readonly<Record<string, 'tasks'>> = {};
