/**
 * What the azurerm v4 provider assumes when an attribute is absent, and which attributes replace a
 * resource when they change. Source: ../shared/FACTS.md section 5 (azurerm 4.55.0 source,
 * `internal/services/containers/container_registry_resource.go`).
 */
import { lookupTable } from './lookup';

/** Effective values of `azurerm_container_registry` attributes absent from the configuration. */
export const REGISTRY_DEFAULTS = {
  admin_enabled: false,
  public_network_access_enabled: true,
  export_policy_enabled: true,
  zone_redundancy_enabled: false,
  network_rule_bypass_option: 'AzureServices',
  network_rule_set_default_action: 'Allow',
  trust_policy_enabled: false,
  quarantine_policy_enabled: false,
  anonymous_pull_enabled: false,
  data_endpoint_enabled: false,
  retention_policy_in_days: 0,
  georeplication_zone_redundancy_enabled: false,
  georeplication_regional_endpoint_enabled: false,
} as const;

/** Attributes whose change forces a new resource, by Terraform resource type. */
export const FORCES_REPLACEMENT: Readonly<Record<string, readonly string[]>> = lookupTable({
  azurerm_container_registry: ['name', 'location', 'resource_group_name', 'zone_redundancy_enabled'],
  // azurerm docs, azurerm_private_endpoint: private_service_connection's name, is_manual_connection,
  // private_connection_resource_id and subresource_names: "Changing this forces a new resource to be
  // created" (request_message alone does not), so the block is listed whole.
  azurerm_private_endpoint: [
    'name',
    'location',
    'resource_group_name',
    'subnet_id',
    'private_service_connection',
  ],
  azurerm_private_dns_zone: ['name', 'resource_group_name'],
  azurerm_private_dns_zone_virtual_network_link: [
    'name',
    'resource_group_name',
    'private_dns_zone_name',
    'virtual_network_id',
  ],
  azurerm_role_assignment: ['scope', 'role_definition_id', 'role_definition_name', 'principal_id', 'name'],
  azurerm_container_registry_webhook: ['name', 'resource_group_name', 'registry_name'],
  azurerm_container_registry_scope_map: ['name', 'resource_group_name', 'container_registry_name'],
  azurerm_container_registry_token: ['name', 'resource_group_name', 'container_registry_name'],
  azurerm_container_registry_task: ['name', 'container_registry_id'],
  azurerm_management_lock: ['name', 'scope', 'lock_level', 'notes'],
  azurerm_resource_group: ['name', 'location'],
  azurerm_user_assigned_identity: ['name', 'resource_group_name', 'location'],
  // azurerm docs, azurerm_monitor_diagnostic_setting: "name ... target_resource_id ... Changing this forces
  // a new resource to be created" (added for the preview's synth diff).
  azurerm_monitor_diagnostic_setting: ['name', 'target_resource_id'],
});

/** Attributes whose values are secrets and must never be shown, by Terraform resource type. */
export const SENSITIVE_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = lookupTable({
  azurerm_container_registry: ['admin_password'],
  azurerm_container_registry_token_password: ['password1', 'password2'],
  azurerm_container_registry_webhook: ['custom_headers'],
  azurerm_container_registry_task: [
    'docker_step',
    'file_step',
    'encoded_step',
    'source_trigger',
    'registry_credential',
  ],
  // Secrets under generic names in resources a root module often holds next to the registry (azurerm
  // docs mark them sensitive): the preview's redaction reads this table too.
  azurerm_key_vault_secret: ['value'],
  azurerm_key_vault_certificate: ['certificate'],
});

/** Retention of untagged manifests: allowed day range; 0 means off (the provider enables it only above 0). */
export const RETENTION_DAYS = { min: 0, max: 365 } as const;

/** ACR Task run timeout range in seconds (azurerm validator). */
export const TASK_TIMEOUT_SECONDS = { min: 300, max: 28_800 } as const;

/** Audit log categories of a registry's diagnostic settings. */
export const DIAGNOSTIC_LOG_CATEGORIES = [
  'ContainerRegistryLoginEvents',
  'ContainerRegistryRepositoryEvents',
] as const;

/**
 * Secret-bearing input properties of azure-native resources, by Pulumi type token (the counterparts of
 * `SENSITIVE_ATTRIBUTES`). Source: `@pulumi/azure-native` 3.x containerregistry types (Token
 * `credentials.passwords[].value`, Webhook `customHeaders`, Task step context tokens, custom registry
 * credentials and source-trigger auth tokens) and ../shared/FACTS.md section 6; and the classic
 * provider's token password (`@pulumi/azure` 6 containerservice.TokenPassword `password1.value`,
 * `password2.value`: "The value of the password (Sensitive)"), which the components use; and the
 * classic task's blocks that hold azurerm's sensitive task attributes in camelCase (`@pulumi/azure` 6
 * containerservice.RegistryTask `dockerStep`, `fileStep`, `encodedStep` (task file, secret values,
 * context token), `sourceTriggers` (auth tokens), `registryCredential` (custom registry passwords)).
 */
export const SENSITIVE_PROPERTIES_AZURE_NATIVE: Readonly<Record<string, readonly string[]>> = lookupTable({
  'azure-native:containerregistry:Token': ['credentials'],
  'azure-native:containerregistry:Webhook': ['customHeaders'],
  'azure-native:containerregistry:Task': ['step', 'credentials', 'trigger'],
  'azure-native:keyvault:Secret': ['properties'],
  'azure:containerservice/tokenPassword:TokenPassword': ['password1', 'password2'],
  'azure:containerservice/registryTask:RegistryTask': [
    'dockerStep',
    'fileStep',
    'encodedStep',
    'sourceTriggers',
    'registryCredential',
  ],
});

/**
 * Secret-bearing ARM properties of generic ARM resources (azapi `body.properties`), by ARM type
 * (lowercase, no API version: `armTypeOf`). azure-native's inputs are the ARM properties, so the names
 * are those of `SENSITIVE_PROPERTIES_AZURE_NATIVE`. Source: the containerregistry REST spec
 * (TaskProperties `step` with its task file, values and context token, `credentials`, `trigger` with
 * source-control tokens; TokenProperties `credentials`; WebhookPropertiesCreateParameters `customHeaders`).
 */
export const SENSITIVE_ARM_PROPERTIES: Readonly<Record<string, readonly string[]>> = lookupTable({
  'microsoft.containerregistry/registries/tasks': ['step', 'credentials', 'trigger'],
  'microsoft.containerregistry/registries/tokens': ['credentials'],
  'microsoft.containerregistry/registries/webhooks': ['customHeaders'],
});

/**
 * Effective values of azure-native `containerregistry.Registry` / `Replication` inputs when absent.
 * Source: `@pulumi/azure-native` 3.28 containerregistry (the constructors and `*ArgsProvideDefaults`
 * fill admin/anonymous pull off, public access `Enabled`, bypass `AzureServices`, zone redundancy
 * `Disabled`, export `enabled`, quarantine/trust/retention `disabled`, replica regional endpoint on) and
 * the ARM 2023-01-01-preview defaults for what the SDK leaves out (data endpoint off, no rule set:
 * `Allow`). FACTS.md section 6.
 */
export const REGISTRY_DEFAULTS_AZURE_NATIVE = {
  adminUserEnabled: false,
  anonymousPullEnabled: false,
  publicNetworkAccess: 'Enabled',
  networkRuleBypassOptions: 'AzureServices',
  networkRuleSetDefaultAction: 'Allow',
  zoneRedundancy: 'Disabled',
  dataEndpointEnabled: false,
  quarantinePolicyStatus: 'disabled',
  trustPolicyStatus: 'disabled',
  exportPolicyStatus: 'enabled',
  retentionPolicyStatus: 'disabled',
  replicationZoneRedundancy: 'Disabled',
  replicationRegionEndpointEnabled: true,
} as const;
