/**
 * Attributes and blocks azurerm no longer accepts (it rejects a configuration that sets them at plan
 * time), on the resource types this toolkit reads, with what replaces them. Sources: the azurerm
 * provider's upgrade guides, `website/docs/guides/3.0-upgrade-guide.html.markdown` ("The deprecated
 * field `georeplication_locations` will be removed in favour of the `georeplications` property", "The
 * deprecated field `storage_account_id` will be removed") and `4.0-upgrade-guide.html.markdown`
 * (azurerm_container_registry: `encryption.enabled`, the `retention_policy` and `trust_policy` blocks,
 * `network_rule_set.virtual_network`; azurerm_monitor_diagnostic_setting: the `log` block,
 * `enabled_log.retention_policy`, `metric.retention_policy`; azurerm_subnet: the private endpoint
 * policy flags).
 */

/** One removed attribute or block. */
export interface RemovedAttribute {
  /** Path in the resource body: block names and the attribute, dot-separated (`network_rule_set.virtual_network`). */
  readonly path: string;
  /** The provider major version that removed it. */
  readonly removedIn: '3.0' | '4.0';
  /** What to write instead. */
  readonly replacement: string;
}

/** Removed attributes and blocks by Terraform resource type. */
export const AZURERM_REMOVED: Readonly<Record<string, readonly RemovedAttribute[]>> = {
  azurerm_container_registry: [
    {
      path: 'georeplication_locations',
      removedIn: '3.0',
      replacement: 'one `georeplications` block per location',
    },
    {
      path: 'storage_account_id',
      removedIn: '3.0',
      replacement: 'nothing (Classic registries are gone); remove it',
    },
    {
      path: 'retention_policy',
      removedIn: '4.0',
      replacement: '`retention_policy_in_days` (1-365; 0 is off)',
    },
    { path: 'trust_policy', removedIn: '4.0', replacement: '`trust_policy_enabled`' },
    {
      path: 'encryption.enabled',
      removedIn: '4.0',
      replacement:
        'the presence of the `encryption` block (remove the block to turn customer-managed keys off)',
    },
    {
      path: 'network_rule_set.virtual_network',
      removedIn: '4.0',
      replacement: 'private endpoints (ACR no longer supports virtual network service endpoint rules)',
    },
  ],
  azurerm_monitor_diagnostic_setting: [
    { path: 'log', removedIn: '4.0', replacement: '`enabled_log` blocks' },
    {
      path: 'enabled_log.retention_policy',
      removedIn: '4.0',
      replacement: 'an `azurerm_storage_management_policy` on the storage account',
    },
    {
      path: 'metric.retention_policy',
      removedIn: '4.0',
      replacement: 'an `azurerm_storage_management_policy` on the storage account',
    },
  ],
  azurerm_subnet: [
    {
      path: 'enforce_private_link_endpoint_network_policies',
      removedIn: '4.0',
      replacement: '`private_endpoint_network_policies`',
    },
    {
      path: 'private_endpoint_network_policies_enabled',
      removedIn: '4.0',
      replacement: '`private_endpoint_network_policies`',
    },
  ],
};
