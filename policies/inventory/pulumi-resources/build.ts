/**
 * Adapter: the Pulumi resource graph (resources registered under mocks, or the resources a CrossGuard
 * stack policy sees) to the same Inventory the Terraform adapters produce. Input values are the
 * registered inputs; an output not known before apply is UNKNOWN, and resources are linked through
 * literal names/IDs or, when a value is unknown, through the property dependencies Pulumi records.
 */
import type { How } from '../value-shapes';
import { checkValueShapes } from '../value-shapes';
import { PULUMI_VALUE_SHAPES } from './value-shapes';
import { REGISTRY_DEFAULTS_AZURE_NATIVE as D } from '../../../constructs/model/provider-defaults';
import { trustedServicesOf } from '../trusted-services';
import { attachPulumi } from './attachments';
import { pulumiArmPropertiesOf } from './deploy-attachments';

export { PULUMI_TYPES, pulumiSourceOf } from './values';
import {
  PULUMI_TYPES,
  PulumiIndex,
  boolOf,
  listOf,
  member,
  numberOf,
  plain,
  pulumiSourceOf,
  recordOf,
  stringOf,
} from './values';
import type { Identity, Inventory, Registry, Replica, RoleAssignment, Setting } from '../types';
import { UNKNOWN, emptyAttachments, isUnknown, unknownBecause, unknownReason } from '../types';
import { unattachedTarget } from './unattached';
import type { Attachments } from '../types';
import type { IncompleteLists, UndecidedAttachment } from '../input-notes';
import { withClassicViews } from './classic-resources';
import { groupGrantsInDoubt, undecidedAttachments } from '../undecided';
import { compareCodeUnits } from '../../../constructs/model/order';
import { currentClassicType } from '../../../constructs/model/pulumi-classic-types';

/** One registered resource, as the mocks runner or a CrossGuard policy sees it. */
export interface PulumiResourceRecord {
  /** URN, e.g. `urn:pulumi:prod::acr-iac::acr-iac:index:Environment$...::contosoacrprod`. */
  readonly urn: string;
  /** Type token, e.g. `azure-native:containerregistry:Registry`. */
  readonly type: string;
  /** Resource name (the logical name in the URN). */
  readonly name: string;
  /** True for custom (provider) resources, false for components. */
  readonly custom: boolean;
  /** URN of the parent resource. */
  readonly parent?: string | undefined;
  /** The `protect` resource option. */
  readonly protect: boolean;
  /** Inputs: secrets as `{ secret: true, value }` (or plain), unknowns as UNKNOWN (or undefined). */
  readonly inputs: Readonly<Record<string, unknown>>;
  /** URNs each top-level input depends on. */
  readonly propertyDependencies: Readonly<Record<string, readonly string[]>>;
  /** URNs the resource waits for (its `dependsOn` and its inputs' dependencies), where recorded. */
  readonly dependencies?: readonly string[] | undefined;
  /**
   * For a record read from a classic provider resource (classic-resources.ts): the classic token; for
   * a part of it (an inline block), the URN of the resource it is part of, where it is located; the
   * lists of a registry the resource leaves incomplete. Never set by the mocks or a preview.
   */
  readonly viewOf?: {
    readonly type: string;
    readonly partOf?: string;
    readonly incomplete?: IncompleteLists;
  };
}

/** What every inventory item needs to know about its input. */
export interface PulumiInventoryContext {
  /** Environment (stack) name. */
  readonly environment: string;
  /** Display path of the input, relative (e.g. `Pulumi.prod.yaml`). */
  readonly file: string;
}

function enabledStatus(value: unknown, fallback: string): Setting<boolean> {
  const status = stringOf(value, fallback);
  return isUnknown(status) ? status : status.toLowerCase() === 'enabled';
}

/** The `status` of one policy of a registry's `policies` input (unknown when either is). */
function status(policies: unknown, policy: string): unknown {
  return member(member(policies, policy), 'status');
}

function retentionDays(policy: unknown): Setting<number> {
  const on = enabledStatus(member(policy, 'status'), D.retentionPolicyStatus);
  if (isUnknown(on)) return on;
  return on ? numberOf(member(policy, 'days'), 7) : 0;
}

/** The range of one `ipRules` item (azure-native `iPAddressOrRange`). */
function ipRangeOf(rule: unknown): Setting<string> {
  return stringOf(member(rule, 'iPAddressOrRange'), '');
}

function networkOf(value: unknown): Pick<Registry, 'networkRuleSet' | 'networkDefaultAction' | 'ipRanges'> {
  const given = plain(value);
  if (isUnknown(given)) return { networkRuleSet: given, networkDefaultAction: given, ipRanges: given };
  const set = recordOf(given);
  if (!set)
    return { networkRuleSet: false, networkDefaultAction: D.networkRuleSetDefaultAction, ipRanges: [] };
  const rules = plain(set.ipRules);
  return {
    networkRuleSet: true,
    networkDefaultAction: stringOf(set.defaultAction, D.networkRuleSetDefaultAction),
    ipRanges: isUnknown(rules) ? rules : (listOf(rules) ?? []).map(ipRangeOf),
  };
}

function customerManagedKey(value: unknown): Setting<boolean> {
  const given = plain(value);
  if (isUnknown(given)) return given;
  const encryption = recordOf(given);
  if (!encryption) return false;
  const status = stringOf(encryption.status, 'disabled');
  if (isUnknown(status)) return status;
  const key = recordOf(encryption.keyVaultProperties)?.keyIdentifier;
  return (
    status.toLowerCase() === 'enabled' &&
    (isUnknown(key) ? UNKNOWN : typeof key === 'string' && key.length > 0)
  );
}

function replicasOf(index: PulumiIndex, registry: PulumiResourceRecord, file: string): Replica[] {
  return index
    .attachedByName(PULUMI_TYPES.replication, 'registryName', registry)
    .map((r) => ({
      source: pulumiSourceOf(index, r, file),
      location: stringOf(r.inputs.location, ''),
      zoneRedundancy: enabledStatus(r.inputs.zoneRedundancy, D.replicationZoneRedundancy),
      regionalEndpoint: boolOf(r.inputs.regionEndpointEnabled, D.replicationRegionEndpointEnabled),
    }))
    .sort((a, b) => compareCodeUnits(String(a.location), String(b.location)));
}

/**
 * Why every registry's geo-replicas may be more than it shows: a replication whose registry the
 * stack does not decide (unattached.ts) may be any registry's. Undefined when there is none.
 */
function replicasInDoubt(index: PulumiIndex): Pick<Registry, 'incomplete'> {
  for (const r of index.ofType(PULUMI_TYPES.replication)) {
    const target = index.registryFromName(r, 'registryName');
    const registry = unattachedTarget(index, r, 'registryName', 'name', target);
    if (registry && !registry.decided)
      return {
        incomplete: {
          replicas: unknownBecause(
            `${r.urn} may be a geo-replica of it: ${unknownReason(registry.reason) ?? 'its registry is known only after apply'}`,
          ),
        },
      };
  }
  return {};
}

/** What leaves a registry's lists incomplete: replicas in doubt, its own unknown inline lists. */
function incompleteOf(
  r: PulumiResourceRecord,
  replicaDoubt: Pick<Registry, 'incomplete'>,
): Pick<Registry, 'incomplete'> {
  const own = r.viewOf?.incomplete;
  if (!own) return replicaDoubt;
  return { incomplete: { ...replicaDoubt.incomplete, ...own } };
}

function registryOf(index: PulumiIndex, r: PulumiResourceRecord, file: string): Registry {
  const v = r.inputs;
  const policies = v.policies;
  return {
    source: pulumiSourceOf(index, r, file),
    name: stringOf(v.registryName),
    sku: stringOf(recordOf(v.sku)?.name ?? v.sku, ''),
    location: stringOf(v.location, ''),
    resourceGroupName: stringOf(v.resourceGroupName, ''),
    adminEnabled: boolOf(v.adminUserEnabled, D.adminUserEnabled),
    anonymousPull: boolOf(v.anonymousPullEnabled, D.anonymousPullEnabled),
    publicNetworkAccess: enabledStatus(v.publicNetworkAccess, D.publicNetworkAccess),
    ...networkOf(v.networkRuleSet),
    trustedServices: trustedServicesOf(stringOf(v.networkRuleBypassOptions, D.networkRuleBypassOptions)),
    zoneRedundancy: enabledStatus(v.zoneRedundancy, D.zoneRedundancy),
    dataEndpoints: boolOf(v.dataEndpointEnabled, D.dataEndpointEnabled),
    quarantine: enabledStatus(status(policies, 'quarantinePolicy'), D.quarantinePolicyStatus),
    trustPolicy: enabledStatus(status(policies, 'trustPolicy'), D.trustPolicyStatus),
    exportEnabled: enabledStatus(status(policies, 'exportPolicy'), D.exportPolicyStatus),
    retentionDays: retentionDays(member(policies, 'retentionPolicy')),
    customerManagedKey: customerManagedKey(v.encryption),
    preventDestroy: r.protect,
    ...pulumiArmPropertiesOf(r),
    replicas: replicasOf(index, r, file),
    ...emptyAttachments(),
  };
}

function identitiesOf(index: PulumiIndex, file: string): Identity[] {
  return index.ofType(PULUMI_TYPES.identity).map((r) => ({
    source: pulumiSourceOf(index, r, file),
    name: stringOf(r.inputs.resourceName),
    principalId: stringOf(r.inputs.principalId),
  }));
}

/**
 * The attachments that may be `r`'s: those whose registry the stack does not decide (`undecided`),
 * and, when the stack does not show its resource group (unknown until apply, not from a group
 * resource whose name the stack shows), the grants at a resource group's scope: it may be in any group.
 */
function undecidedOf(
  index: PulumiIndex,
  r: PulumiResourceRecord,
  undecided: readonly UndecidedAttachment[],
  attached: ReadonlyMap<string, Attachments>,
  external: readonly RoleAssignment[],
): Pick<Registry, 'undecided'> {
  // The registry's address is in the finding already; the reason says only why its group is not decided.
  const grants = index.groupOf(r).name === undefined ? groupGrantsInDoubt(attached, external, UNKNOWN) : [];
  const all = grants.length === 0 ? undecided : [...undecided, ...grants];
  return all.length > 0 ? { undecided: all } : {};
}

/** How Pulumi inputs are read for their JSON types: secrets unwrapped, exact types, object arrays as lists. */
const PULUMI_INPUTS: How = { plain, strict: true, lists: true };

/** The inventory of one Pulumi stack from its registered resources. */
export function inventoryFromPulumiResources(
  records: readonly PulumiResourceRecord[],
  context: PulumiInventoryContext,
): Inventory {
  for (const record of records) {
    const shapes = PULUMI_VALUE_SHAPES[currentClassicType(record.type)];
    if (shapes)
      checkValueShapes(record.inputs, shapes, () => `${context.file}: ${record.urn} inputs`, PULUMI_INPUTS);
  }
  const index = new PulumiIndex(withClassicViews(records));
  const { attached, externalRoleAssignments, externalTokens, externalTasks, externalIngests, unattached } =
    attachPulumi(index, context.file);
  const undecided = undecidedAttachments(unattached.items);
  const replicaDoubt = replicasInDoubt(index);
  const registries = index.registries
    .map((r): Registry => ({
      ...registryOf(index, r, context.file),
      ...attached.get(r.urn),
      ...undecidedOf(index, r, undecided, attached, externalRoleAssignments),
      ...incompleteOf(r, replicaDoubt),
    }))
    .sort((a, b) => compareCodeUnits(a.source.address, b.source.address));
  return {
    environment: context.environment,
    file: context.file,
    format: 'pulumi',
    registries,
    externalRoleAssignments,
    externalTokens,
    externalTasks,
    externalIngests,
    identities: identitiesOf(index, context.file),
    inlineSuppressions: [],
    resourceCount: records.filter((r) => r.custom).length,
    ...(unattached.items.length > 0 ? { unattached: unattached.items } : {}),
  };
}
