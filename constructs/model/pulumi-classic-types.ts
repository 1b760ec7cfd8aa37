/**
 * The classic Pulumi Azure provider (`@pulumi/azure`, a bridge of azurerm: its inputs are azurerm's
 * attributes in camelCase) and the azure-native type each of its resources is read as. Source:
 * `@pulumi/azure` 6.40.0 (generated from pulumi/pulumi-azure's schema): each class's `__pulumiType`
 * (`containerservice/registry.js`: `azure:containerservice/registry:Registry`, ...) and the `aliases`
 * its constructor passes for older tokens (`authorization/assignment.js`:
 * `azure:role/assignment:Assignment`, ...); the azure-native twins are FACTS.md section 6.
 * test/model/pulumi-classic-types.test.ts checks every token here against the installed package.
 */

/** azure-native type tokens by the classic token of the same Azure resource. */
export const AZURE_NATIVE_TYPE_BY_CLASSIC_TYPE: Readonly<Record<string, string>> = {
  'azure:containerservice/registry:Registry': 'azure-native:containerregistry:Registry',
  'azure:containerservice/registryWebhook:RegistryWebhook': 'azure-native:containerregistry:Webhook',
  'azure:containerservice/registryToken:RegistryToken': 'azure-native:containerregistry:Token',
  'azure:containerservice/registryScopeMap:RegistryScopeMap': 'azure-native:containerregistry:ScopeMap',
  'azure:containerservice/registryTask:RegistryTask': 'azure-native:containerregistry:Task',
  // Runs an existing task once, as a task run of a `TaskRunRequest` does (constructs/model/task-runs.ts).
  'azure:containerservice/registryTaskScheduleRunNow:RegistryTaskScheduleRunNow':
    'azure-native:containerregistry:TaskRun',
  'azure:containerservice/registryAgentPool:RegistryAgentPool': 'azure-native:containerregistry:AgentPool',
  'azure:containerservice/registryCacheRule:RegistryCacheRule': 'azure-native:containerregistry:CacheRule',
  'azure:containerservice/registryCredentialSet:RegistryCredentialSet':
    'azure-native:containerregistry:CredentialSet',
  'azure:containerservice/connectedRegistry:ConnectedRegistry':
    'azure-native:containerregistry:ConnectedRegistry',
  'azure:authorization/assignment:Assignment': 'azure-native:authorization:RoleAssignment',
  'azure:authorization/roleDefinition:RoleDefinition': 'azure-native:authorization:RoleDefinition',
  'azure:authorization/userAssignedIdentity:UserAssignedIdentity':
    'azure-native:managedidentity:UserAssignedIdentity',
  // A lock at any scope (`scope`: a resource, a resource group or a subscription ID).
  'azure:management/lock:Lock': 'azure-native:authorization:ManagementLockByScope',
  'azure:monitoring/diagnosticSetting:DiagnosticSetting': 'azure-native:monitor:DiagnosticSetting',
  'azure:privatelink/endpoint:Endpoint': 'azure-native:network:PrivateEndpoint',
  'azure:privatedns/zone:Zone': 'azure-native:privatedns:PrivateZone',
  'azure:privatedns/zoneVirtualNetworkLink:ZoneVirtualNetworkLink':
    'azure-native:privatedns:VirtualNetworkLink',
  'azure:core/resourceGroup:ResourceGroup': 'azure-native:resources:ResourceGroup',
};

/**
 * Older classic tokens of the same resources, which a stack registered under an older `@pulumi/azure`
 * still shows (the `aliases` of the 6.40 constructors), by today's token.
 */
export const CLASSIC_TYPE_ALIASES: Readonly<Record<string, string>> = {
  'azure:role/assignment:Assignment': 'azure:authorization/assignment:Assignment',
  'azure:role/definition:Definition': 'azure:authorization/roleDefinition:RoleDefinition',
  'azure:msi/userAssignedIdentity:UserAssignedIdentity':
    'azure:authorization/userAssignedIdentity:UserAssignedIdentity',
  'azure:managementresource/manangementLock:ManangementLock': 'azure:management/lock:Lock',
  'azure:containerservice/registryWebook:RegistryWebook':
    'azure:containerservice/registryWebhook:RegistryWebhook',
};

/** Today's classic token of `type` (an alias resolved); any other token as it is. */
export function currentClassicType(type: string): string {
  return Object.hasOwn(CLASSIC_TYPE_ALIASES, type) ? CLASSIC_TYPE_ALIASES[type] : type;
}

/**
 * The classic input of an azurerm attribute or block: its name in camelCase
 * (`public_network_access_enabled` -> `publicNetworkAccessEnabled`, `private_service_connection` ->
 * `privateServiceConnection`), as the bridge generates it (`@pulumi/azure` 6.40 `*Args`). Not for the
 * repeated blocks the bridge pluralizes (`enabled_log` -> `enabledLogs`).
 */
export function classicInputOf(attribute: string): string {
  return attribute.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}
