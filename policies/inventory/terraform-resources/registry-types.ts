/**
 * The resource types the Terraform inventory reads (registries, what attaches to them, what they
 * name, what the removed-syntax rule looks at), and so the types a module must declare to create a
 * registry or change what a rule sees. A module tree that declares none of them (and runs no
 * provisioner) leaves every verdict as it is, however many instances it has (child-modules.ts).
 * test/policies/inert-modules.test.ts checks that every type the readers name is here.
 */
import { AZURERM_REMOVED } from '../../../constructs/model/azurerm-removed';

/** Types the readers of terraform-resources/ and plan/ name, beside the prefixes below. */
const READ_TYPES: ReadonlySet<string> = new Set([
  'azurerm_client_config',
  'azurerm_key_vault_key',
  'azurerm_key_vault_secret',
  'azurerm_log_analytics_workspace',
  'azurerm_management_group',
  'azurerm_management_lock',
  'azurerm_monitor_diagnostic_setting',
  'azurerm_private_dns_zone',
  'azurerm_private_dns_zone_virtual_network_link',
  'azurerm_private_endpoint',
  'azurerm_resource_group',
  'azurerm_role_assignment',
  'azurerm_role_definition',
  'azurerm_subnet',
  'azurerm_subscription',
  'azurerm_user_assigned_identity',
  'azurerm_virtual_network',
  ...Object.keys(AZURERM_REMOVED),
]);

/**
 * True when resources of `type` may create a registry or change what a rule sees: a type the
 * inventory reads, any `azurerm_container_*` type (registries and their children, connected
 * registries), and any azapi resource (it may be any ARM type).
 */
export function mayTouchRegistries(type: string): boolean {
  return READ_TYPES.has(type) || /^(?:azurerm_container_|azapi_)/.test(type);
}
