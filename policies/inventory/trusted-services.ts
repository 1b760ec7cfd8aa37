/**
 * Whether trusted Azure services pass a registry's network rules, from its network rule bypass option:
 * the same value in azurerm (`network_rule_bypass_option`), ARM and azure-native
 * (`networkRuleBypassOptions`). Import uses trusted services to reach a network-restricted source or
 * target (Microsoft Learn, "Import container images").
 */
import type { Setting } from './types';
import { UNKNOWN, isUnknown } from './types';

/** `AzureServices` lets trusted Azure services in, `None` does not; any other value is not known. */
export function trustedServicesOf(option: Setting<string>): Setting<boolean> {
  if (isUnknown(option)) return option;
  const value = option.toLowerCase();
  return value === 'azureservices' ? true : value === 'none' ? false : UNKNOWN;
}
