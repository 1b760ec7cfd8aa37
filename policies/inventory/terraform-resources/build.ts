/**
 * Builds an Inventory from the flat resources of a Terraform input (cdk.tf.json or plan JSON): applies
 * the azurerm provider defaults to each registry and attaches everything that points at it.
 */
import { trustedServicesOf } from '../trusted-services';
import { REGISTRY_DEFAULTS } from '../../../constructs/model/provider-defaults';
import type { ModuleCall } from '../input-notes';
import { attachAll } from './attachments';
import { checkValueShapes } from '../value-shapes';
import { TERRAFORM_VALUE_SHAPES } from './value-shapes';
import {
  armPropertiesOf,
  azapiUpdatesByRegistry,
  externalRegistryUpdates,
  withAzapiUpdates,
  withCreatedBody,
} from './arm-properties';
import { withAzapiViews } from './azapi-resources';
import { withAzurermChildUpdates } from './azurerm-child-updates';
import { untypedRegistriesOf } from './untyped-resources';
import type { ArmProperties } from './arm-properties';
import { ResourceIndex, ResourcesByType } from './links';
import type { RawModuleCall, RawResource } from './raw';
import {
  linkDetached,
  groupScopedInDoubt,
  namedInDoubt,
  undecidedGroupsInDoubt,
  withPresences,
} from './registry-links';
import { incompleteLists, moduleCallsOf } from './module-calls';
import type { AimedElsewhere, GrantsAndLocks } from './registry-links';
import { removedSyntaxOf, v3View, v4View } from './removed-syntax';
import type { RemovedSyntax, UndecidedAttachment } from '../input-notes';
import {
  blocks,
  firstBlock,
  boolSetting,
  numberSetting,
  parseReference,
  sortIfNeeded,
  sourceOf,
  stringSetting,
  unknownOf,
} from './raw';

import type {
  Identity,
  InlineSuppression,
  Inventory,
  InventoryFormat,
  Registry,
  Replica,
  Setting,
  SourceLocation,
} from '../types';
import { UNKNOWN, isUnknown } from '../types';
import type { Attachments } from '../types';
import { compareCodeUnits } from '../../../constructs/model/order';
import { undecidedAttachments } from '../undecided';

/** The azapi updates of a registry no update targets; frozen since it is shared. */
const NO_UPDATES: readonly RawResource[] = Object.freeze([]);

/** What every inventory item needs to know about its input. */
export interface BuildContext {
  readonly environment: string;
  readonly file: string;
  readonly format: InventoryFormat;
  /** Module calls of the configuration (their resources are not read). @default [] */
  readonly moduleCalls?: readonly RawModuleCall[];
  /**
   * The configuration's azurerm constraints when they pin it to azurerm v3 (provider-versions.ts):
   * syntax v4 removed is then read for what it means in v3. @default undefined (azurerm v4)
   */
  readonly azurermV3?: string;
}

function compareReplicaLocations(a: Replica, b: Replica): number {
  return compareCodeUnits(String(a.location), String(b.location));
}

function replicasOf(resource: RawResource, source: SourceLocation): Replica[] {
  const value = resource.values.georeplications;
  const replicas = blocks(value).map((block) => ({
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
  }));
  return sortIfNeeded(replicas, compareReplicaLocations);
}

/** The IP ranges of a rule set without rules; frozen since it is shared. */
const NO_RANGES: readonly string[] = Object.freeze([]);

/** The range of one `ip_rule` block (UNKNOWN with its reason when not literal). */
function ipRangeOf(rule: Readonly<Record<string, unknown>>): Setting<string> {
  return stringSetting(rule.ip_range, '');
}

function networkSettings(
  value: unknown,
): Pick<Registry, 'networkRuleSet' | 'networkDefaultAction' | 'ipRanges'> {
  // An UNKNOWN keeps its reason (a variable without a value, a value the plan computes).
  if (isUnknown(value)) return { networkRuleSet: value, networkDefaultAction: value, ipRanges: value };
  const set = firstBlock(value);
  if (!set) {
    return {
      networkRuleSet: false,
      networkDefaultAction: REGISTRY_DEFAULTS.network_rule_set_default_action,
      ipRanges: NO_RANGES,
    };
  }
  const rules = set.ip_rule;
  return {
    networkRuleSet: true,
    networkDefaultAction: stringSetting(
      set.default_action,
      REGISTRY_DEFAULTS.network_rule_set_default_action,
    ),
    ipRanges: isUnknown(rules) ? unknownOf(rules) : blocks(rules).map(ipRangeOf),
  };
}

function customerManagedKey(value: unknown): Setting<boolean> {
  // An UNKNOWN keeps its reason (`var.key has no value`).
  if (isUnknown(value)) return value;
  const block = firstBlock(value);
  if (!block) return false;
  // azurerm v3 had `enabled`; v4 only `key_vault_key_id`.
  if (block.enabled === false) return false;
  const key = block.key_vault_key_id;
  if (isUnknown(key)) return key;
  return typeof key === 'string' && key.length > 0;
}

/** Network settings hidden by a `dynamic "network_rule_set"` (or `ip_rule`) block over an unknown collection. */
function dynamicNetwork(
  resource: RawResource,
  network: Pick<Registry, 'networkRuleSet' | 'networkDefaultAction' | 'ipRanges'>,
): Pick<Registry, 'networkRuleSet' | 'networkDefaultAction' | 'ipRanges'> {
  const set = resource.unknownBlocks?.network_rule_set;
  if (set) return { networkRuleSet: set, networkDefaultAction: set, ipRanges: set };
  const rules = resource.unknownBlocks?.['network_rule_set.ip_rule'];
  return rules ? { ...network, ipRanges: rules } : network;
}

/**
 * A registry of an inventory as its azurerm resource declares it, with provider defaults applied and
 * its attachments (azapi updates are applied over it by the caller).
 */
function registryOf(
  resource: RawResource,
  file: string,
  attached: Attachments | undefined,
  arm: ArmProperties,
  calls: readonly ModuleCall[],
  undecided: readonly UndecidedAttachment[],
): Registry {
  const v = resource.values;
  const source = sourceOf(resource, file);
  // Built in one literal (no spreads): spreading objects this size is slow, and there are many registries.
  const network = resource.unknownBlocks
    ? dynamicNetwork(resource, networkSettings(v.network_rule_set))
    : networkSettings(v.network_rule_set);
  const registry: Registry = {
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
    trustedServices: trustedServicesOf(
      stringSetting(v.network_rule_bypass_option, REGISTRY_DEFAULTS.network_rule_bypass_option),
    ),
    ipRanges: network.ipRanges,
    zoneRedundancy: boolSetting(v.zone_redundancy_enabled, REGISTRY_DEFAULTS.zone_redundancy_enabled),
    dataEndpoints: boolSetting(v.data_endpoint_enabled, REGISTRY_DEFAULTS.data_endpoint_enabled),
    quarantine: boolSetting(v.quarantine_policy_enabled, REGISTRY_DEFAULTS.quarantine_policy_enabled),
    trustPolicy: boolSetting(v.trust_policy_enabled, REGISTRY_DEFAULTS.trust_policy_enabled),
    exportEnabled: boolSetting(v.export_policy_enabled, REGISTRY_DEFAULTS.export_policy_enabled),
    retentionDays: numberSetting(v.retention_policy_in_days, REGISTRY_DEFAULTS.retention_policy_in_days),
    customerManagedKey: resource.unknownBlocks?.encryption ?? customerManagedKey(v.encryption),
    preventDestroy: resource.preventDestroy,
    armAudienceTokens: arm.armAudienceTokens,
    softDeleteDays: arm.softDeleteDays,
    taskNetworkBypass: arm.taskNetworkBypass,
    roleAssignmentMode: arm.roleAssignmentMode,
    replicas: isUnknown(v.georeplications) ? [] : replicasOf(resource, source),
    privateEndpoints: attached?.privateEndpoints ?? [],
    roleAssignments: attached?.roleAssignments ?? [],
    scopeMaps: attached?.scopeMaps ?? [],
    tokens: attached?.tokens ?? [],
    webhooks: attached?.webhooks ?? [],
    tasks: attached?.tasks ?? [],
    diagnostics: attached?.diagnostics ?? [],
    locks: attached?.locks ?? [],
    agentPools: attached?.agentPools ?? [],
    credentialSets: attached?.credentialSets ?? [],
    cacheRules: attached?.cacheRules ?? [],
    ingests: attached?.ingests ?? [],
  };
  // What the configuration leaves open (rare): added only when there is some.
  if (
    !resource.presence &&
    !resource.unknownBlocks &&
    !resource.unreadAttachments &&
    calls.length === 0 &&
    undecided.length === 0 &&
    !isUnknown(v.georeplications)
  )
    return registry;
  const incomplete = incompleteLists(resource, calls);
  return {
    ...registry,
    ...(resource.presence ? { presence: resource.presence } : {}),
    ...(incomplete ? { incomplete } : {}),
    ...(undecided.length > 0 ? { undecided } : {}),
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
  for (let j = 0; j < resources.length; j += 1) {
    const r = resources[j];
    // Indexed: a for...of over each (almost always empty) list would allocate an iterator per resource.
    for (let i = 0; i < r.suppressions.length; i += 1) {
      const s = r.suppressions[i];
      out.push({ ruleId: s.ruleId, reason: s.reason, source: sourceOf(r, file) });
    }
  }
  return out;
}

type Literal = string | number | boolean;

/**
 * The literal each reference text of an input refers to (null: none), found once per text: one
 * resource is named by many (`${azurerm_container_registry.r.name}` from each webhook), so each
 * distinct text costs one parse and one lookup, and each value one map lookup.
 */
type LiteralTargets = Map<string, Literal | null>;

/**
 * How many references deep a literal is followed: a link's
 * `${azurerm_private_dns_zone.z.resource_group_name}` is the zone's `${azurerm_resource_group.rg.name}`,
 * which is the group's literal name. Terraform rejects a cycle; the bound keeps one from looping here.
 */
const MAX_REFERENCE_CHAIN = 8;

/**
 * The literal a reference text refers to (`${azurerm_resource_group.rg.name}` with a literal `name`,
 * or with a `name` that is itself such a reference), if any.
 */
function literalOf(byType: ResourcesByType, text: string, depth = 0): Literal | undefined {
  const ref = parseReference(text);
  if (!ref || ref.attribute.includes('.')) return undefined;
  const target = byType.at(ref.type, ref.address)?.values[ref.attribute];
  if (typeof target === 'string') {
    if (!target.includes('${')) return target;
    return depth < MAX_REFERENCE_CHAIN ? literalOf(byType, target, depth + 1) : undefined;
  }
  return typeof target === 'number' || typeof target === 'boolean' ? target : undefined;
}

/** `values` with its top-level references to literals inlined; undefined when there is none. */
function inlinedValues(
  byType: ResourcesByType,
  targets: LiteralTargets,
  values: Readonly<Record<string, unknown>>,
): Record<string, unknown> | undefined {
  let out: Record<string, unknown> | undefined;
  // for...in, not Object.keys: no key array per resource of a large input. Values are plain objects
  // (parsed JSON), so it sees exactly their own keys.
  for (const key in values) {
    const value = values[key];
    // Most values are not references: no lookup for them.
    if (typeof value !== 'string' || !value.startsWith('${')) continue;
    let target = targets.get(value);
    if (target === undefined) {
      target = literalOf(byType, value) ?? null;
      targets.set(value, target);
    }
    if (target === null) continue;
    out ??= { ...values };
    out[key] = target;
  }
  return out;
}

/** Where a resource's body is in a Terraform JSON file (`resource.<type>.<name>`, `data.<type>.<name>`). */
function jsonPathOf(resource: RawResource): string {
  return resource.mode === 'managed' ? `resource.${resource.address}` : resource.address;
}

/** The resources of an input as the inventory reads them, and what reading them found. */
interface Prepared {
  readonly resources: readonly RawResource[];
  /** `resources` grouped by type (built once here and shared with the index). */
  readonly byType: ResourcesByType;
  readonly removed: RemovedSyntax[];
  /** Some resource has an undecided `count`/`for_each` or `dynamic` block. */
  readonly uncertain: boolean;
}

/**
 * One pass over the resources: syntax azurerm v4 removed is found and what it meant to set read as
 * unknown (configurations only: a plan comes from a provider that accepted its attributes), and
 * top-level references to literal attributes of other resources (`${azurerm_resource_group.rg.name}`)
 * are replaced by the literal.
 */
function prepare(given: readonly RawResource[], context: BuildContext): Prepared {
  const byType = new ResourcesByType(given);
  const configuration = context.format !== 'terraform-plan';
  const removed: RemovedSyntax[] = [];
  let uncertain = false;
  let resources: RawResource[] | undefined;
  const replaced: number[] = [];
  const targets: LiteralTargets = new Map();
  for (let i = 0; i < given.length; i += 1) {
    let resource = given[i];
    // An azurerm view of an azapi_resource (azapi-resources.ts) holds ARM values under azurerm's names.
    if (configuration && resource.viewOf === undefined) {
      // A plan's values are checked as it wrote them, by the plan reader.
      const shapes = TERRAFORM_VALUE_SHAPES[resource.type];
      if (shapes)
        checkValueShapes(
          resource.values,
          shapes,
          () => `${resource.file ?? context.file}: ${jsonPathOf(resource)}`,
        );
      const found = removedSyntaxOf(resource, context.file);
      if (found.length > 0) {
        const v3 = context.azurermV3;
        for (let f = 0; f < found.length; f += 1)
          removed.push(v3 === undefined ? found[f] : { ...found[f], azurermV3: v3 });
        resource = v3 === undefined ? v4View(resource, found) : v3View(resource, found, v3);
      }
    }
    // Targets are looked up among the resources as given (what the v4 view hides is never a literal:
    // it reads as unknown); a target that is itself a reference is followed (see literalOf).
    const values = inlinedValues(byType, targets, resource.values);
    if (values) resource = { ...resource, values };
    if (resource.presence !== undefined || resource.unknownBlocks !== undefined) uncertain = true;
    if (resource === given[i]) continue;
    (resources ??= [...given])[i] = resource;
    replaced.push(i);
  }
  if (!resources) return { resources: given, byType, removed, uncertain };
  // Only now are the copies put in place of the resources as given.
  byType.replace(resources, replaced);
  return { resources, byType, removed, uncertain };
}

/** What the attachments of an input left for `undecidedOf`. */
interface Leftovers extends GrantsAndLocks {
  readonly index: ResourceIndex;
  readonly undecided: readonly UndecidedAttachment[];
  readonly elsewhere: AimedElsewhere;
}

/**
 * The attachments that may be `registry`'s: the input's undecided ones; when its resource group is
 * not decided (rare), the grants and locks at a resource group's scope, which may reach it; when its
 * name is not decided (rare), the items aimed at another registry by name, which may be its own.
 */
function undecidedOf(registry: RawResource, left: Leftovers): readonly UndecidedAttachment[] {
  const group = stringSetting(registry.values.resource_group_name, '');
  const name = stringSetting(registry.values.name, '');
  if (!isUnknown(group) && !isUnknown(name)) return left.undecided;
  const inGroup = isUnknown(group) ? groupScopedInDoubt(left.index, left, group) : [];
  const named = isUnknown(name) ? namedInDoubt(left.elsewhere, name, registry.values.name) : [];
  return inGroup.length === 0 && named.length === 0
    ? left.undecided
    : [...left.undecided, ...inGroup, ...named];
}

/** Builds the inventory of one environment from its resources. */
export function buildInventory(given: readonly RawResource[], context: BuildContext): Inventory {
  const prepared = prepare(withAzapiViews(given), context);
  const { byType, removed } = prepared;
  const resources = withAzurermChildUpdates(prepared.resources, byType);
  // An update's body may leave a block unknown (an endpoint's connections it cannot read).
  const uncertain =
    prepared.uncertain || (resources !== prepared.resources && resources.some((r) => r.unknownBlocks));
  const index = new ResourceIndex(resources, byType);
  const { attached, externalRoleAssignments, externalTokens, externalTasks, externalIngests, detached } =
    attachAll(index, context.file);
  const updates = azapiUpdatesByRegistry(index);
  const calls = moduleCallsOf(index, context.moduleCalls ?? []);
  const { unattached, undecidedGrants } = linkDetached(
    index,
    attached,
    detached,
    externalRoleAssignments,
    context.moduleCalls ?? [],
    uncertain,
  );
  const undecided = [
    ...undecidedAttachments(unattached),
    ...undecidedGroupsInDoubt(index, { attached, external: externalRoleAssignments, detached }),
  ];
  const elsewhere: AimedElsewhere = {
    unattached,
    grants: externalRoleAssignments,
    tokens: externalTokens,
    tasks: externalTasks,
    ingests: externalIngests,
  };
  const left: Leftovers = {
    index,
    undecided,
    attached,
    external: externalRoleAssignments,
    detached,
    elsewhere,
  };
  const sorted = index.registries
    .map((r) =>
      withAzapiUpdates(
        withCreatedBody(
          registryOf(
            r,
            context.file,
            attached.get(r.address),
            armPropertiesOf(r),
            calls,
            undecidedOf(r, left),
          ),
          r,
        ),
        updates.byRegistry.get(r.address) ?? NO_UPDATES,
        updates.undecided,
      ),
    )
    .sort((a, b) => compareCodeUnits(a.source.address, b.source.address));
  const inventory: Inventory = {
    environment: context.environment,
    file: context.file,
    format: context.format,
    registries: sorted,
    externalRoleAssignments: withPresences(
      undecidedGrants.size > 0
        ? externalRoleAssignments.filter((g) => !undecidedGrants.has(g))
        : externalRoleAssignments,
      index,
      uncertain,
    ),
    externalTokens: withPresences(externalTokens, index, uncertain),
    externalTasks: withPresences(externalTasks, index, uncertain),
    externalIngests: withPresences(externalIngests, index, uncertain),
    identities: identitiesOf(index, context.file),
    inlineSuppressions: inlineSuppressionsOf(resources, context.file),
    resourceCount: resources.length,
  };
  const untyped = untypedRegistriesOf(byType, context.file);
  const otherUpdates =
    updates.external.length > 0 ? externalRegistryUpdates(updates.external, context.file) : [];
  if (
    calls.length === 0 &&
    unattached.length === 0 &&
    removed.length === 0 &&
    untyped.length === 0 &&
    otherUpdates.length === 0
  )
    return inventory;
  return {
    ...inventory,
    ...(otherUpdates.length > 0 ? { externalRegistryUpdates: otherUpdates } : {}),
    ...(calls.length > 0 ? { moduleCalls: calls } : {}),
    ...(untyped.length > 0 ? { untypedResources: untyped } : {}),
    ...(unattached.length > 0 ? { unattached } : {}),
    ...(removed.length > 0 ? { removedSyntax: removed } : {}),
  };
}
