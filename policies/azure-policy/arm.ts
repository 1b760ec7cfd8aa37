/**
 * The ARM representation of an inventory registry, as Azure Policy aliases see it once deployed. This is
 * the one place that maps the inventory (itself read from azurerm attributes, azapi bodies or azure-native
 * inputs) to ARM property names: `admin_enabled` -> `properties.adminUserEnabled`,
 * `public_network_access_enabled` -> `properties.publicNetworkAccess` (`Enabled`/`Disabled`),
 * `network_rule_set.default_action` -> `properties.networkRuleSet.defaultAction`, the policies block,
 * `zone_redundancy_enabled` -> `properties.zoneRedundancy`, `encryption` -> `properties.encryption.status`.
 * Related resources are listed with the ARM type Azure Policy evaluates them as. What Azure creates on
 * apply is stated where it is assumed: a private endpoint with automatic approval (azurerm's default,
 * `is_manual_connection = false`) becomes an `Approved` private endpoint connection, a manual one a
 * `Pending` connection until the registry's owner approves it.
 */
import type { Inventory, Registry, Setting } from '../inventory/types';
import { UNKNOWN, isUnknown } from '../inventory/types';
import { withDeclaredTokens } from '../inventory/input-notes';
import type { ArmResource } from './condition';

const REGISTRY = 'Microsoft.ContainerRegistry/registries';

/** A registry and the resources Azure Policy relates to it. */
export interface ArmRegistry {
  readonly registry: ArmResource;
  /** Child and extension resources, by ARM type (tokens, cache rules, connections, diagnostic settings). */
  readonly related: readonly ArmResource[];
  /** Private endpoints that connect to the registry, each with its DNS zone groups as related resources. */
  readonly privateEndpoints: readonly {
    readonly endpoint: ArmResource;
    readonly related: readonly ArmResource[];
  }[];
}

function status(value: Setting<boolean>): Setting<string> {
  return isUnknown(value) ? UNKNOWN : value ? 'enabled' : 'disabled';
}

function capital(value: Setting<boolean>): Setting<string> {
  return isUnknown(value) ? UNKNOWN : value ? 'Enabled' : 'Disabled';
}

/**
 * The state of the connection an endpoint makes: `Approved` when automatic, `Pending` when manual
 * (it waits for the registry owner's approval: Microsoft Learn, "Manage a private endpoint connection").
 */
function connectionStatus(endpoint: Registry['privateEndpoints'][number]): Setting<string> {
  const manual = endpoint.manualConnection ?? false;
  return isUnknown(manual) ? manual : manual ? 'Pending' : 'Approved';
}

function registryProperties(r: Registry): Record<string, unknown> {
  return {
    // The alias `privateEndpointConnections[*].privateLinkServiceConnectionState.status` (each element's
    // `properties` level folded: aliases name the state directly).
    privateEndpointConnections: r.privateEndpoints.map((pe) => ({
      privateLinkServiceConnectionState: { status: connectionStatus(pe) },
    })),
    adminUserEnabled: r.adminEnabled,
    anonymousPullEnabled: r.anonymousPull,
    publicNetworkAccess: capital(r.publicNetworkAccess),
    // ARM always returns a rule set on Premium; without one the default action is Allow.
    networkRuleSet: { defaultAction: r.networkDefaultAction },
    zoneRedundancy: capital(r.zoneRedundancy),
    dataEndpointEnabled: r.dataEndpoints,
    networkRuleBypassAllowedForTasks: r.taskNetworkBypass,
    roleAssignmentMode: r.roleAssignmentMode,
    encryption: { status: status(r.customerManagedKey) },
    policies: {
      quarantinePolicy: { status: status(r.quarantine) },
      trustPolicy: { status: status(r.trustPolicy) },
      exportPolicy: { status: status(r.exportEnabled) },
      retentionPolicy: isUnknown(r.retentionDays)
        ? UNKNOWN
        : { status: r.retentionDays > 0 ? 'enabled' : 'disabled', days: r.retentionDays },
      azureADAuthenticationAsArmPolicy: { status: status(r.armAudienceTokens) },
      softDeletePolicy: isUnknown(r.softDeleteDays)
        ? UNKNOWN
        : { status: r.softDeleteDays > 0 ? 'enabled' : 'disabled', retentionDays: r.softDeleteDays },
    },
  };
}

function diagnosticLogs(groups: Setting<readonly string[]>, categories: Setting<readonly string[]>): unknown {
  if (isUnknown(groups) || isUnknown(categories)) return UNKNOWN;
  if (groups.length > 0) return groups.map((categoryGroup) => ({ categoryGroup, enabled: true }));
  return categories.map((category) => ({ category, enabled: true }));
}

/** The ARM view of one registry of an inventory. */
export function armRegistryOf(r: Registry): ArmRegistry {
  const registry: ArmResource = {
    type: REGISTRY,
    name: r.name,
    location: r.location,
    sku: { name: r.sku },
    properties: registryProperties(r),
  };
  const related: ArmResource[] = [
    ...withDeclaredTokens(r).tokens.map((t) => ({
      type: `${REGISTRY}/tokens`,
      name: t.name,
      properties: { status: isUnknown(t.enabled) ? UNKNOWN : t.enabled ? 'enabled' : 'disabled' },
    })),
    ...r.cacheRules.map((c) => ({
      type: `${REGISTRY}/cacheRules`,
      name: c.name,
      properties: { sourceRepository: c.upstream, targetRepository: c.targetRepository },
    })),
    ...r.privateEndpoints.map((pe) => ({
      type: `${REGISTRY}/privateEndpointConnections`,
      name: pe.name,
      properties: { privateLinkServiceConnectionState: { status: connectionStatus(pe) } },
    })),
    ...r.diagnostics.map((d) => ({
      type: 'Microsoft.Insights/diagnosticSettings',
      name: d.name,
      properties: {
        logs: diagnosticLogs(d.categoryGroups, d.logCategories),
        ...(d.hasDestination === true ? {} : { destination: d.hasDestination }),
      },
    })),
  ];
  const privateEndpoints = r.privateEndpoints.map((pe) => ({
    endpoint: {
      type: 'Microsoft.Network/privateEndpoints',
      name: pe.name,
      properties: { privateLinkServiceConnections: [{ groupIds: pe.subresources }] },
    } as ArmResource,
    related: pe.dnsZones.map((z) => ({
      type: 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups',
      name: z.name,
      properties: { privateDnsZoneConfigs: [{ privateDnsZoneId: z.id }] },
    })),
  }));
  return { registry, related, privateEndpoints };
}

/** The ARM views of every registry of an inventory. */
export function armRegistriesOf(inventory: Inventory): ArmRegistry[] {
  return inventory.registries.map(armRegistryOf);
}
