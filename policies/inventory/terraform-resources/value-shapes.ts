/**
 * The JSON types of the azurerm v4 attributes the inventory judges, by resource type (azurerm
 * provider docs: `azurerm_container_registry` and the resources it attaches). Nested blocks are
 * lists of objects in a plan and an object or a list of objects in Terraform JSON.
 */
import type { ValueShapes } from '../value-shapes';

/** Shapes by Terraform resource type. */
export const TERRAFORM_VALUE_SHAPES: Readonly<Record<string, ValueShapes>> = {
  azurerm_container_registry: {
    name: 'string',
    sku: 'string',
    location: 'string',
    resource_group_name: 'string',
    admin_enabled: 'bool',
    anonymous_pull_enabled: 'bool',
    public_network_access_enabled: 'bool',
    zone_redundancy_enabled: 'bool',
    data_endpoint_enabled: 'bool',
    quarantine_policy_enabled: 'bool',
    trust_policy_enabled: 'bool',
    export_policy_enabled: 'bool',
    retention_policy_in_days: 'number',
    georeplications: {
      blocks: { location: 'string', zone_redundancy_enabled: 'bool', regional_endpoint_enabled: 'bool' },
    },
    network_rule_set: { blocks: { default_action: 'string', ip_rule: { blocks: { ip_range: 'string' } } } },
    encryption: { blocks: { key_vault_key_id: 'string', identity_client_id: 'string' } },
  },
  azurerm_private_endpoint: {
    subnet_id: 'string',
    private_service_connection: {
      blocks: {
        private_connection_resource_id: 'string',
        subresource_names: 'strings',
        is_manual_connection: 'bool',
      },
    },
    private_dns_zone_group: { blocks: { private_dns_zone_ids: 'strings' } },
  },
  azurerm_container_registry_webhook: {
    registry_name: 'string',
    location: 'string',
    service_uri: 'string',
    actions: 'strings',
    status: 'string',
    scope: 'string',
  },
  azurerm_monitor_diagnostic_setting: {
    target_resource_id: 'string',
    log_analytics_workspace_id: 'string',
    storage_account_id: 'string',
    eventhub_authorization_rule_id: 'string',
    enabled_log: { blocks: { category: 'string', category_group: 'string' } },
    log: { blocks: { category: 'string', category_group: 'string', enabled: 'bool' } },
  },
  azurerm_role_assignment: {
    scope: 'string',
    role_definition_name: 'string',
    role_definition_id: 'string',
    principal_id: 'string',
    condition: 'string',
  },
  azurerm_management_lock: { scope: 'string', lock_level: 'string' },
  azurerm_container_registry_scope_map: { container_registry_name: 'string', actions: 'strings' },
  azurerm_container_registry_token: {
    container_registry_name: 'string',
    scope_map_id: 'string',
    enabled: 'bool',
  },
  azurerm_container_registry_task_schedule_run_now: { container_registry_task_id: 'string' },
  azurerm_container_connected_registry: { name: 'string', container_registry_id: 'string', mode: 'string' },
  azurerm_private_dns_zone: { name: 'string', resource_group_name: 'string' },
  azurerm_private_dns_zone_virtual_network_link: {
    private_dns_zone_name: 'string',
    resource_group_name: 'string',
    virtual_network_id: 'string',
  },
};
