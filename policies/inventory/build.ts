/**
 * Builds an Inventory from the flat resources of a Terraform input (cdk.tf.json or plan JSON): applies
 * the azurerm provider defaults to each registry and attaches everything that points at it.
 */
import { REGISTRY_DEFAULTS } from '../../constructs/model/provider-defaults';
import { attachAll } from './attachments';
import { ResourceIndex } from './links';
import type { RawResource } from './raw';
import { blocks, boolSetting, numberSetting, parseReference, sourceOf, stringSetting } from './raw';
import type {
  Identity,
  InlineSuppression,
  Inventory,
  InventoryFormat,
  Registry,
  Replica,
  Setting,
  SourceLocation,
} from './types';
import { UNKNOWN, isUnknown } from './types';
import type { Attachments } from './types';

/** What every inventory item needs to know about its input. */
export interface BuildContext {
  readonly environment: string;
  readonly file: string;
  readonly format: InventoryFormat;
}

function replicasOf(resource: RawResource, source: SourceLocation): Replica[] {
  const value = resource.values.georeplications;
  return blocks(value)
    .map((block) => ({
      source,
      location: stringSetting(block.location, ''),
      zoneRedundancy: boolSetting(
        block.zone_redundancy_enabled,
        REGISTRY_DEFAULTS.georeplication_zone_redundancy_enabled,
      ),
      regionalEndpoint: boolSetting(
        block.regional_endpoint_enabled,
        REGISTRY_DEFAULTS.georeplication_regional_endpoint_enabled,
      ),
    }))
    .sort((a, b) => String(a.location).localeCompare(String(b.location)));
}

function networkSettings(
  value: unknown,
): Pick<Registry, 'networkRuleSet' | 'networkDefaultAction' | 'ipRuleCount'> {
  if (isUnknown(value))
    return { networkRuleSet: UNKNOWN, networkDefaultAction: UNKNOWN, ipRuleCount: UNKNOWN };
  const set = blocks(value)[0];
  if (!set) {
    return {
      networkRuleSet: false,
      networkDefaultAction: REGISTRY_DEFAULTS.network_rule_set_default_action,
      ipRuleCount: 0,
    };
  }
  const rules = set.ip_rule;
  return {
    networkRuleSet: true,
    networkDefaultAction: stringSetting(
      set.default_action,
      REGISTRY_DEFAULTS.network_rule_set_default_action,
    ),
    ipRuleCount: isUnknown(rules) ? UNKNOWN : blocks(rules).length,
  };
}

function customerManagedKey(value: unknown): Setting<boolean> {
  if (isUnknown(value)) return UNKNOWN;
  const block = blocks(value)[0];
  if (!block) return false;
  // azurerm v3 had `enabled`; v4 only `key_vault_key_id`.
  if (block.enabled === false) return false;
  const key = block.key_vault_key_id;
  if (isUnknown(key)) return UNKNOWN;
  return typeof key === 'string' && key.length > 0;
}

/** A registry of an inventory, with provider defaults applied and its attachments. */
function registryOf(resource: RawResource, file: string, attached: Attachments | undefined): Registry {
  const v = resource.values;
  const source = sourceOf(resource, file);
  // Built in one literal (no spreads): spreading objects this size is slow, and there are many registries.
  const network = networkSettings(v.network_rule_set);
  return {
    source,
    name: stringSetting(v.name, ''),
    sku: stringSetting(v.sku, ''),
    location: stringSetting(v.location, ''),
    resourceGroupName: stringSetting(v.resource_group_name, ''),
    adminEnabled: boolSetting(v.admin_enabled, REGISTRY_DEFAULTS.admin_enabled),
    anonymousPull: boolSetting(v.anonymous_pull_enabled, REGISTRY_DEFAULTS.anonymous_pull_enabled),
    publicNetworkAccess: boolSetting(
      v.public_network_access_enabled,
      REGISTRY_DEFAULTS.public_network_access_enabled,
    ),
    networkRuleSet: network.networkRuleSet,
    networkDefaultAction: network.networkDefaultAction,
    ipRuleCount: network.ipRuleCount,
    zoneRedundancy: boolSetting(v.zone_redundancy_enabled, REGISTRY_DEFAULTS.zone_redundancy_enabled),
    dataEndpoints: boolSetting(v.data_endpoint_enabled, REGISTRY_DEFAULTS.data_endpoint_enabled),
    quarantine: boolSetting(v.quarantine_policy_enabled, REGISTRY_DEFAULTS.quarantine_policy_enabled),
    trustPolicy: boolSetting(v.trust_policy_enabled, REGISTRY_DEFAULTS.trust_policy_enabled),
    exportEnabled: boolSetting(v.export_policy_enabled, REGISTRY_DEFAULTS.export_policy_enabled),
    retentionDays: numberSetting(v.retention_policy_in_days, REGISTRY_DEFAULTS.retention_policy_in_days),
    customerManagedKey: customerManagedKey(v.encryption),
    preventDestroy: resource.preventDestroy,
    replicas: isUnknown(v.georeplications) ? [] : replicasOf(resource, source),
    privateEndpoints: attached?.privateEndpoints ?? [],
    roleAssignments: attached?.roleAssignments ?? [],
    scopeMaps: attached?.scopeMaps ?? [],
    tokens: attached?.tokens ?? [],
    webhooks: attached?.webhooks ?? [],
    tasks: attached?.tasks ?? [],
    diagnostics: attached?.diagnostics ?? [],
    locks: attached?.locks ?? [],
  };
}

function identitiesOf(index: ResourceIndex, file: string): Identity[] {
  return index.ofType('azurerm_user_assigned_identity').map((r) => ({
    source: sourceOf(r, file),
    name: stringSetting(r.values.name, ''),
    principalId: stringSetting(r.values.principal_id) ?? UNKNOWN,
  }));
}

function inlineSuppressionsOf(resources: readonly RawResource[], file: string): InlineSuppression[] {
  // A loop, not flatMap: almost no resource has suppressions, and an empty array for each adds up.
  const out: InlineSuppression[] = [];
  for (const r of resources) {
    for (const s of r.suppressions)
      out.push({ ruleId: s.ruleId, reason: s.reason, source: sourceOf(r, file) });
  }
  return out;
}

/** The literal a value refers to (`${azurerm_resource_group.rg.name}` with a literal `name`), if any. */
function literalTarget(
  byAddress: ReadonlyMap<string, RawResource>,
  value: unknown,
): string | number | boolean | undefined {
  // Most values are not references: skip the parse for them.
  if (typeof value !== 'string' || !value.startsWith('${')) return undefined;
  const ref = parseReference(value);
  const target =
    ref && !ref.attribute.includes('.') ? byAddress.get(ref.address)?.values[ref.attribute] : undefined;
  if (typeof target === 'string') return target.includes('${') ? undefined : target;
  return typeof target === 'number' || typeof target === 'boolean' ? target : undefined;
}

/** Replaces top-level references to literal attributes of other resources (`${azurerm_resource_group.rg.name}`). */
function inlineLiteralReferences(resources: readonly RawResource[]): RawResource[] {
  const byAddress = new Map<string, RawResource>();
  for (const r of resources) byAddress.set(r.address, r);
  return resources.map((resource) => {
    let values: Record<string, unknown> | undefined;
    // Object.keys, not Object.entries: no pair array per attribute of every resource.
    for (const key of Object.keys(resource.values)) {
      const target = literalTarget(byAddress, resource.values[key]);
      if (target === undefined) continue;
      values ??= { ...resource.values };
      values[key] = target;
    }
    return values ? { ...resource, values } : resource;
  });
}

/** Builds the inventory of one environment from its resources. */
export function buildInventory(input: readonly RawResource[], context: BuildContext): Inventory {
  const resources = inlineLiteralReferences(input);
  const index = new ResourceIndex(resources);
  const { attached, externalRoleAssignments } = attachAll(index, context.file);
  const sorted = index.registries
    .map((r) => registryOf(r, context.file, attached.get(r.address)))
    .sort((a, b) => a.source.address.localeCompare(b.source.address));
  return {
    environment: context.environment,
    file: context.file,
    format: context.format,
    registries: sorted,
    externalRoleAssignments,
    identities: identitiesOf(index, context.file),
    inlineSuppressions: inlineSuppressionsOf(resources, context.file),
    resourceCount: resources.length,
  };
}
