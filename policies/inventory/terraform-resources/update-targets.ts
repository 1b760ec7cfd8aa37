/**
 * Which resources of the input an `azapi_update_resource` updates. The azapi provider takes the
 * target as `resource_id`, or as `parent_id` and `name` with `type` (one of the two, its
 * ValidateConfig); from the second it builds the ID as ARM does: a child's is `<parent_id>/<last type
 * segment>/<name>`, a top-level or extension resource's `<parent_id>/providers/<type>/<name>`, and the
 * `type` must be the ID's ("resource_id and type are not matched" otherwise). Sources: azapi
 * docs/resources/update_resource.md and internal/services/parse/resource.go (`NewResourceID`,
 * `ResourceIDWithResourceType`), Azure/terraform-provider-azapi.
 *
 * A target is found by reference (`${azurerm_container_registry_webhook.hook.id}`), or by its parent
 * and name, each named however the input names it: a registry by reference, literal ID or (for
 * azurerm's `registry_name`) name; a resource group by name, ID or reference; any other resource by
 * reference or literal ID. Where the input does not decide the target (a variable, a module output,
 * a value known only after apply) it may be any resource of its type, with the reason.
 */
import { ARM_REGISTRY_TYPE } from '../../../constructs/model/arm-properties';
import { AZURERM_TYPE_BY_ARM_TYPE } from '../../../constructs/model/arm-types';
import { armTypeOf } from '../../../constructs/model/removal-kinds';
import type { Unknown } from '../types';
import { isUnknown, unknownBecause, unknownReason } from '../types';
import type { ResourceIndex } from './links';
import type { RawResource } from './raw';
import { literal, parseReference } from './raw';

/** The azapi resource that updates an existing ARM resource. */
export const AZAPI_UPDATE_RESOURCE = 'azapi_update_resource';

/** The ARM type of a registry (lowercase, as `armTypeOf` gives it). */
export const REGISTRY_ARM = ARM_REGISTRY_TYPE.toLowerCase();

const RESOURCE_GROUP_ARM = 'microsoft.resources/resourcegroups';

/** The ARM type each azurerm type manages (the registry side of an endpoint's connection aside). */
export const ARM_TYPE_BY_AZURERM_TYPE: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(AZURERM_TYPE_BY_ARM_TYPE)
    .filter(([arm]) => !arm.endsWith('/privateendpointconnections'))
    .map(([arm, azurerm]) => [azurerm, arm]),
);

/** A resource an update may target: its ARM type, and how it names its parent and itself. */
export interface Candidate {
  readonly resource: RawResource;
  /** Lowercase ARM type. */
  readonly arm: string;
  /** Its parent's key (see `parentKey`); undefined when the input does not decide it. */
  readonly parent: string | undefined;
  /** Its name (an ARM name: compared in any case). */
  readonly name: unknown;
  /** A child its parent's resource writes inline (a replica): not what a reference to the parent names. */
  readonly inline?: true;
}

/** One resource an update targets; `doubt` when it may not (or may not exist). */
export interface Match {
  readonly candidate: Candidate;
  readonly doubt?: Unknown;
}

/** What names the target of an update. */
type Addressing =
  | { readonly kind: 'reference'; readonly address: string }
  | {
      readonly kind: 'parent';
      readonly parent: unknown;
      readonly name: unknown;
      readonly arm: string | undefined;
    }
  | { readonly kind: 'undecided'; readonly reason: Unknown }
  | { readonly kind: 'none' };

const NONE: Addressing = { kind: 'none' };

/** An ID split at its last resource: its type path (without namespace), parent and name. */
interface SplitId {
  readonly parent: string;
  readonly name: string;
  /** The type the last segments give (`microsoft.containerregistry/registries/webhooks`), when the ID has a namespace. */
  readonly arm: string | undefined;
  /** The last type segment (`webhooks`). */
  readonly last: string;
}

/**
 * An ARM ID (or a reference followed by a literal path, `${x.id}/webhooks/hook`) split at its last
 * resource; undefined when it is not one.
 */
function splitId(text: string): SplitId | undefined {
  const segments = text.replace(/\/+$/, '').split('/');
  if (segments.length < 3) return undefined;
  const name = segments[segments.length - 1];
  const last = segments[segments.length - 2];
  let end = segments.length - 2;
  let at = end - 1;
  while (at >= 0 && segments[at].toLowerCase() !== 'providers') at -= 1;
  let arm: string | undefined;
  if (at >= 0) {
    const types = segments.slice(at + 2, end + 1).filter((_, i) => i % 2 === 0);
    arm = [segments[at + 1], ...types].join('/').toLowerCase();
    // A top-level or extension resource: its parent is the scope before `providers/<namespace>`.
    if (end === at + 2) end = at;
  } else if (last.toLowerCase() === 'resourcegroups') arm = RESOURCE_GROUP_ARM;
  const parent = segments.slice(0, end).join('/');
  return { parent: parent === '' ? '/' : parent, name, arm, last: last.toLowerCase() };
}

/** Why the update's target is not decided, from its `attribute` holding `value`. */
function undecided(update: RawResource, attribute: string, value: unknown): Addressing {
  const at = `${update.address}.${attribute}`;
  const why = isUnknown(value)
    ? `${at} is unknown: ${unknownReason(value) ?? 'known only after apply'}`
    : `${at} = \`${String(value)}\` is not decided here (check the plan)`;
  return { kind: 'undecided', reason: unknownBecause(why) };
}

/** What a `resource_id` value names (`arm`: the update's type, when literal). */
function byResourceId(update: RawResource, index: ResourceIndex, id: unknown, arm?: string): Addressing {
  if (typeof id !== 'string') return undecided(update, 'resource_id', id);
  const ref = parseReference(id);
  if (ref) {
    const target = index.lookup(ref);
    if (!target) return undecided(update, 'resource_id', id);
    // A data source reads a resource another configuration manages.
    if (target.mode !== 'managed' || ref.attribute !== 'id') return NONE;
    return { kind: 'reference', address: target.address };
  }
  const split = splitId(id);
  // Only a leading reference may stand in for the parent; any other expression is not decided.
  if (!split || split.name.includes('${') || split.last.includes('${') || /\$\{/.test(split.parent.slice(1)))
    return literal(id) === undefined ? undecided(update, 'resource_id', id) : NONE;
  if (split.arm !== undefined && arm !== undefined && split.arm !== arm) return NONE;
  return { kind: 'parent', parent: split.parent, name: split.name, arm: arm ?? split.arm };
}

/**
 * True when an update names its target by `parent_id` and `name` rather than `resource_id`. A plan
 * computes the attributes the configuration left out (`resource_id` from the other two, or those
 * from it), each known only after apply: the one the configuration set is the one that is known.
 */
export function namedByParent(update: RawResource): boolean {
  const { resource_id: id, parent_id: parent, name } = update.values;
  if (parent === undefined || parent === null || name === undefined || name === null) return false;
  return id === undefined || id === null || (isUnknown(id) && !isUnknown(parent));
}

/** What names an update's target (see the top of this file). */
function addressingOf(update: RawResource, index: ResourceIndex): Addressing {
  const v = update.values;
  const arm = armTypeOf(v.type);
  if (!namedByParent(update))
    return v.resource_id === undefined || v.resource_id === null
      ? NONE
      : byResourceId(update, index, v.resource_id, arm);
  return { kind: 'parent', parent: v.parent_id, name: v.name, arm };
}

/** The key of a resource group of the input (by literal name, or by address when its name is not literal). */
function groupKey(group: RawResource): string {
  const name = literal(group.values.name);
  return name === undefined ? `group@${group.address}` : `group:${name.toLowerCase()}`;
}

/**
 * The key of the parent a value names (a registry, a resource group, another resource of the input, or
 * any other ID), the same whichever form names it; undefined when the input does not decide it.
 * `registryName`: the value is a registry's name (azurerm's `registry_name`); `group`: a resource
 * group's name.
 */
export function parentKey(
  index: ResourceIndex,
  value: unknown,
  how: 'id' | 'registryName' | 'group' = 'id',
): string | undefined {
  if (typeof value !== 'string') return undefined;
  const ref = parseReference(value);
  const target = ref ? index.lookup(ref) : undefined;
  if (how === 'group') {
    if (target?.type === 'azurerm_resource_group') return groupKey(target);
    const name = literal(value);
    return name === undefined ? undefined : `group:${name.toLowerCase()}`;
  }
  const registry = how === 'registryName' ? index.registryFromName(value) : index.registryFromId(value);
  if (registry?.kind === 'managed') return `registry:${registry.addresses.join(',')}`;
  if (registry && !isUnknown(registry.name)) return `registry-name:${registry.name.toLowerCase()}`;
  if (ref) {
    if (!target || ref.attribute !== 'id') return undefined;
    return target.type === 'azurerm_resource_group' ? groupKey(target) : `resource:${target.address}`;
  }
  const id = literal(value);
  if (id === undefined || how === 'registryName') return undefined;
  return literalKey(index, id);
}

/** The key of a literal ID: a resource group's by name, a resource of the input's by address, else the ID. */
function literalKey(index: ResourceIndex, id: string): string {
  const split = splitId(id);
  if (split?.arm === RESOURCE_GROUP_ARM) return `group:${split.name.toLowerCase()}`;
  const azurerm = split?.arm === undefined ? undefined : AZURERM_TYPE_BY_ARM_TYPE[split.arm];
  if (split && azurerm) {
    const named = index
      .ofType(azurerm)
      .filter((r) => literal(r.values.name)?.toLowerCase() === split.name.toLowerCase());
    if (named.length === 1) return `resource:${named[0].address}`;
  }
  return `id:${id.replace(/\/+$/, '').toLowerCase()}`;
}

/** True when an ARM name is the same name (ARM names compare in any case); undefined when either is not literal. */
function sameName(a: unknown, b: unknown): boolean | undefined {
  const x = literal(a);
  const y = literal(b);
  if (x === undefined || y === undefined) return undefined;
  return x.toLowerCase() === y.toLowerCase();
}

/** Why the parent an update names is not decided. */
function parentText(update: RawResource, parent: unknown): string {
  if (isUnknown(parent))
    return `${update.address}.parent_id is unknown: ${unknownReason(parent) ?? 'known only after apply'}`;
  return `its parent \`${String(parent)}\` is not decided here (check the plan)`;
}

/** `doubt` for `update`, said of its target. */
function mayUpdate(update: RawResource, why: string): Unknown {
  return unknownBecause(`${update.address} may update it: ${why}`);
}

/**
 * The candidates `update` targets, or may target (each with the reason), in input order. Registries
 * are not candidates: their updates are read in arm-properties.ts.
 */
export function matchesOf(
  update: RawResource,
  index: ResourceIndex,
  candidates: readonly Candidate[],
): Match[] {
  const addressing = addressingOf(update, index);
  const presence = update.presence && mayUpdate(update, unknownReason(update.presence) ?? 'it may not exist');
  const out: Match[] = [];
  if (addressing.kind === 'none') return out;
  const arm = addressing.kind === 'parent' ? addressing.arm : armTypeOf(update.values.type);
  if (addressing.kind === 'reference') {
    // A `type` that is not the target's fails the apply ("resource_id and type are not matched").
    for (const candidate of candidates)
      if (
        candidate.resource.address === addressing.address &&
        !candidate.inline &&
        (arm === undefined || candidate.arm === arm)
      )
        out.push(presence ? { candidate, doubt: presence } : { candidate });
    return out;
  }
  const base = addressing.kind === 'parent' ? parentKey(index, addressing.parent) : undefined;
  for (const candidate of candidates) {
    if (arm !== undefined && candidate.arm !== arm) continue;
    if (addressing.kind === 'undecided') {
      out.push({ candidate, doubt: mayUpdate(update, unknownReason(addressing.reason) ?? '') });
      continue;
    }
    if (base !== undefined && candidate.parent !== undefined && base !== candidate.parent) continue;
    const same = sameName(addressing.name, candidate.name);
    if (same === false) continue;
    const doubt =
      base === undefined
        ? mayUpdate(update, parentText(update, addressing.parent))
        : candidate.parent === undefined
          ? mayUpdate(
              update,
              `the parent of ${candidate.resource.address} is not decided here (check the plan)`,
            )
          : same === undefined
            ? mayUpdate(
                update,
                `its name or ${candidate.resource.address}'s is not decided here (check the plan)`,
              )
            : (presence ?? (arm === undefined ? mayUpdate(update, 'its type is not literal') : undefined));
    out.push(doubt ? { candidate, doubt } : { candidate });
  }
  return out;
}

/** The key of the parent an update names, when it names one by parent and name (for the children a registry writes inline). */
export function updateParentKey(update: RawResource, index: ResourceIndex): string | undefined {
  const addressing = addressingOf(update, index);
  return addressing.kind === 'parent' ? parentKey(index, addressing.parent) : undefined;
}
