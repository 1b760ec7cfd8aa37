/**
 * `azapi_resource` read as the azurerm resource of its ARM type (azapi-views.ts), so that what the
 * adapter knows of azurerm's resources (references, attachment, unknowns) holds for them too.
 *
 * Two ARM child resources have no azurerm resource of their own and are merged into their parents,
 * where azurerm writes them inline: a registry's `replications` (`georeplications`) and a private
 * endpoint's `privateDnsZoneGroups` (`private_dns_zone_group`). A registry child of a type not read
 * here (`UNREAD_REGISTRY_CHILD_TYPES`, none today) leaves that list of its registry incomplete, with
 * the reason. A child whose parent the input does not decide leaves the list of every registry (or
 * endpoint) it may belong to incomplete; so does a resource whose type the input does not decide
 * (untyped-resources.ts), in every list it may join.
 */
import {
  REGISTRY_REPLICATION_ARM_TYPE,
  UNREAD_REGISTRY_CHILD_TYPES,
  ZONE_GROUP_ARM_TYPE,
} from '../../../constructs/model/arm-types';
import { REGISTRY_ID_PATTERN } from '../../../constructs/model/azure-ids';
import { armTypeOf } from '../../../constructs/model/removal-kinds';
import { pushTo } from '../map-entry';
import type { AttachmentKind, Unknown } from '../types';
import { ATTACHMENT_KINDS, isUnknown, unknownBecause, unknownReason } from '../types';
import type { Values } from './azapi-body';
import { Body, defined, statusFlag } from './azapi-body';
import { viewOf } from './azapi-views';
import { withAzapiChildUpdates } from './azapi-child-updates';
import { AZAPI_UPDATE_RESOURCE } from './update-targets';
import type { UntypedParent } from './untyped-resources';
import { isUntyped, untypedDoubt, untypedParentOf } from './untyped-resources';
import { ResourcesByType } from './links';
import type { RawResource } from './raw';
import { asRecord, blocks, parseReference } from './raw';

/** The generic ARM resource type of the azapi provider. */
export const AZAPI_RESOURCE = 'azapi_resource';

const PRIVATE_ENDPOINT_ID = /\/providers\/Microsoft\.Network\/privateEndpoints\/([^/]+)\/?$/i;

/** What a child's `parent_id` decides: the parent's address, nothing of the input, or not decided. */
type Parent =
  | { readonly kind: 'address'; readonly address: string }
  | { readonly kind: 'none' }
  | { readonly kind: 'undecided'; readonly reason: Unknown };

const NO_PARENT: Parent = { kind: 'none' };

/** Finds the parent of a child among the input's resources of `parentType`. */
class Parents {
  private readonly byName = new Map<string, string>();

  constructor(
    private readonly byType: ResourcesByType,
    private readonly parentType: string,
    private readonly idPattern: RegExp,
  ) {
    for (const r of byType.managed.get(parentType) ?? []) {
      const name = r.values.name;
      if (typeof name === 'string' && !name.includes('${')) this.byName.set(name.toLowerCase(), r.address);
    }
  }

  of(child: RawResource): Parent {
    const value = child.values.parent_id;
    const address = `${child.address}.parent_id`;
    if (isUnknown(value))
      return {
        kind: 'undecided',
        reason: unknownBecause(`${address} is unknown: ${unknownReason(value) ?? 'known only after apply'}`),
      };
    if (typeof value !== 'string') return NO_PARENT;
    const ref = parseReference(value);
    if (ref) {
      const target = this.byType.lookup(ref.type, ref.address);
      if (target?.type === this.parentType && target.mode === 'managed')
        return { kind: 'address', address: target.address };
      // Another resource of the input, or one of a type that is never the parent.
      const mayBeParent =
        ref.type === this.parentType || ref.type === AZAPI_RESOURCE || ref.address.startsWith('module.');
      if (target || !mayBeParent) return NO_PARENT;
    } else if (!value.includes('${')) {
      const name = this.idPattern.exec(value)?.[1];
      const address = name === undefined ? undefined : this.byName.get(name.toLowerCase());
      return address ? { kind: 'address', address } : NO_PARENT;
    }
    return {
      kind: 'undecided',
      reason: unknownBecause(`${address} = \`${value}\` is not decided here (check the plan)`),
    };
  }
}

/** What the children of the input add to their parents' views, by parent address. */
interface Merges {
  readonly replicas: Map<string, Values[]>;
  readonly zoneGroups: Map<string, Values[]>;
  /** Lists a parent's children may add to without being read, by parent address (`*`: every parent of the type). */
  readonly unknownBlocks: Map<string, Record<string, Unknown>>;
  readonly unread: Map<string, Partial<Record<AttachmentKind, Unknown>>>;
}

function noMerges(): Merges {
  return { replicas: new Map(), zoneGroups: new Map(), unknownBlocks: new Map(), unread: new Map() };
}

/** Every parent of a type, for a child whose parent is not decided. */
const EVERY = '*';

/** A replication's `georeplications` block, from its body (also what an update's body sets on one). */
export function replicaBlock(child: RawResource): Values {
  const body = new Body(child);
  return defined({
    location: child.values.location,
    zone_redundancy_enabled: statusFlag(body.property('zoneRedundancy')),
    regional_endpoint_enabled: body.property('regionEndpointEnabled'),
  });
}

function zoneGroupBlock(child: RawResource): Values {
  const body = new Body(child);
  const configs = body.property('privateDnsZoneConfigs');
  const ids = Array.isArray(configs)
    ? configs.map((c: unknown) => {
        const props = asRecord(c)?.properties;
        return isUnknown(props) ? props : asRecord(props)?.privateDnsZoneId;
      })
    : configs;
  return defined({ name: child.values.name, private_dns_zone_ids: ids });
}

/** Records what one child adds to its parent (or, when it may not exist or its parent is not decided, leaves open). */
function mergeChild(merges: Merges, parent: Parent, child: RawResource, arm: string): void {
  if (parent.kind === 'none') return;
  const at = parent.kind === 'address' ? parent.address : EVERY;
  const doubt =
    parent.kind === 'undecided'
      ? unknownBecause(`${child.address} may be one of them: ${unknownReason(parent.reason)}`)
      : child.presence;
  const unread = UNREAD_REGISTRY_CHILD_TYPES[arm];
  if (unread !== undefined) {
    const reason =
      doubt ??
      unknownBecause(
        `${child.address} is an azapi_resource of type ${String(child.values.type)}, whose settings are not read here`,
      );
    const lists = merges.unread.get(at) ?? {};
    lists[unread] ??= reason;
    merges.unread.set(at, lists);
    return;
  }
  const block = arm === REGISTRY_REPLICATION_ARM_TYPE ? 'georeplications' : 'private_dns_zone_group';
  if (doubt) {
    const lists = merges.unknownBlocks.get(at) ?? {};
    lists[block] ??= doubt;
    merges.unknownBlocks.set(at, lists);
    return;
  }
  if (arm === REGISTRY_REPLICATION_ARM_TYPE) pushTo(merges.replicas, at, replicaBlock(child));
  else pushTo(merges.zoneGroups, at, zoneGroupBlock(child));
}

/**
 * Records the lists a resource whose type is not decided may join (untyped-resources.ts), each
 * unknown: under a registry, every list of it; under an endpoint, its DNS zone groups; in a resource
 * group, every registry's endpoints, grants and locks; above groups, their grants and locks; under a
 * parent not decided, every list of every registry and every endpoint's zone groups.
 */
function mergeUntyped(merges: Merges, endpointMerges: Merges, parent: UntypedParent, r: RawResource): void {
  if (parent.kind === 'other') return;
  const doubt = untypedDoubt(r);
  const at = parent.kind === 'registry' || parent.kind === 'endpoint' ? parent.address : EVERY;
  const kinds: readonly AttachmentKind[] =
    parent.kind === 'group'
      ? ['privateEndpoints', 'roleAssignments', 'locks']
      : parent.kind === 'above'
        ? ['roleAssignments', 'locks']
        : ATTACHMENT_KINDS;
  if (parent.kind !== 'endpoint') {
    const lists = merges.unread.get(at) ?? {};
    for (const kind of kinds) lists[kind] ??= doubt;
    merges.unread.set(at, lists);
  }
  const unknownBlock = (target: Merges, block: string): void => {
    const unknown = target.unknownBlocks.get(at) ?? {};
    unknown[block] ??= doubt;
    target.unknownBlocks.set(at, unknown);
  };
  if (parent.kind === 'registry' || parent.kind === 'any') unknownBlock(merges, 'georeplications');
  if (parent.kind === 'endpoint' || parent.kind === 'any')
    unknownBlock(endpointMerges, 'private_dns_zone_group');
}

/** `existing` blocks of an inline list with `added` after them; the UNKNOWN list stays. */
function withBlocks(existing: unknown, added: readonly Values[] | undefined): unknown {
  if (!added || isUnknown(existing)) return existing;
  return [...blocks(existing), ...added];
}

/** A parent's view with what its children add. */
function merged(r: RawResource, merges: Merges, listType: string): RawResource {
  const key = r.type === listType ? r.address : undefined;
  if (key === undefined) return r;
  const block = listType === 'azurerm_container_registry' ? 'georeplications' : 'private_dns_zone_group';
  const added = (listType === 'azurerm_container_registry' ? merges.replicas : merges.zoneGroups).get(key);
  const unknown = { ...merges.unknownBlocks.get(EVERY), ...merges.unknownBlocks.get(key) };
  const unread = { ...merges.unread.get(EVERY), ...merges.unread.get(key) };
  const hasUnknown = Object.keys(unknown).length > 0;
  const hasUnread = Object.keys(unread).length > 0 && listType === 'azurerm_container_registry';
  if (!added && !hasUnknown && !hasUnread) return r;
  return {
    ...r,
    ...(added ? { values: { ...r.values, [block]: withBlocks(r.values[block], added) } } : {}),
    ...(hasUnknown ? { unknownBlocks: { ...unknown, ...r.unknownBlocks } } : {}),
    ...(hasUnread ? { unreadAttachments: { ...unread, ...r.unreadAttachments } } : {}),
  };
}

/**
 * `views` where a view's resource group is an azapi resource group's (`parent_id =
 * azapi_resource.rg.id`, which `groupOf` reads as that resource's `resource_group_name`): that
 * group's `name`. Which type an azapi resource is only its view says.
 */
function withGroupNames(views: RawResource[], byType: ResourcesByType): RawResource[] {
  for (let i = 0; i < views.length; i += 1) {
    const view = views[i];
    if (view.viewOf === undefined) continue;
    const ref = parseReference(view.values.resource_group_name);
    if (ref?.type !== AZAPI_RESOURCE || ref.attribute !== 'resource_group_name') continue;
    if (byType.lookup(ref.type, ref.address)?.type !== 'azurerm_resource_group') continue;
    views[i] = { ...view, values: { ...view.values, resource_group_name: `\${${ref.address}.name}` } };
  }
  return views;
}

/**
 * The resources of an input with each `azapi_resource` of a type read as azurerm's replaced by its
 * azurerm view (after the `azapi_update_resource` bodies that update it, azapi-child-updates.ts), and
 * the children azurerm writes inline merged into their parents (see the top of this file). The input
 * as it is when it has no azapi resource.
 */
export function withAzapiViews(resources: readonly RawResource[]): readonly RawResource[] {
  if (!resources.some((r) => r.type === AZAPI_RESOURCE || r.type === AZAPI_UPDATE_RESOURCE)) return resources;
  const read = resources.map((r) => (r.type === AZAPI_RESOURCE ? (viewOf(r) ?? r) : r));
  // One index serves all: updating a body or naming a view's resource group changes no type,
  // address or name.
  const byType = new ResourcesByType(read);
  withAzapiChildUpdates(resources, read, byType);
  const views = withGroupNames(read, byType);
  const registries = new Parents(byType, 'azurerm_container_registry', REGISTRY_ID_PATTERN);
  const endpoints = new Parents(byType, 'azurerm_private_endpoint', PRIVATE_ENDPOINT_ID);
  // Apart: what may be any registry's (`*`) is not every endpoint's.
  const merges = noMerges();
  const endpointMerges = noMerges();
  for (const r of views) {
    if (r.type !== AZAPI_RESOURCE || r.mode !== 'managed') continue;
    if (isUntyped(r)) {
      mergeUntyped(merges, endpointMerges, untypedParentOf(r, byType), r);
      continue;
    }
    const arm = armTypeOf(r.values.type);
    if (arm === ZONE_GROUP_ARM_TYPE) mergeChild(endpointMerges, endpoints.of(r), r, arm);
    else if (
      arm === REGISTRY_REPLICATION_ARM_TYPE ||
      (arm && Object.hasOwn(UNREAD_REGISTRY_CHILD_TYPES, arm))
    )
      mergeChild(merges, registries.of(r), r, arm);
  }
  return views.map((r) =>
    r.mode !== 'managed'
      ? r
      : merged(merged(r, merges, 'azurerm_container_registry'), endpointMerges, 'azurerm_private_endpoint'),
  );
}
