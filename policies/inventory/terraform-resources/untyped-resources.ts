/**
 * An `azapi_resource` whose `type` the input does not decide (`type = var.type`, a local that is not
 * literal): it may be any ARM type, so it is read as what its `parent_id` allows. azapi's `parent_id`
 * is a resource group for a top-level resource, the parent for a child, the resource extended for an
 * extension (a role assignment, lock or diagnostic setting), or a subscription, management group or
 * the tenant (azapi docs/resources/resource.md, `parent_id`). So under a registry it may be any of
 * the registry's children or extensions; under a private endpoint, a DNS zone group; in a resource
 * group, a registry, a private endpoint (which may connect to any registry), a grant or a lock at
 * the group; above groups, a grant or a lock there; under another resource, nothing of a registry;
 * under a parent the input does not decide, any of these. Without `parent_id` it is a resource group
 * (the only type that may leave it out). A plan names every type.
 */
import { armTypeOf } from '../../../constructs/model/removal-kinds';
import type { UntypedResource } from '../input-notes';
import type { Unknown } from '../types';
import { isUnknown, unknownBecause, unknownReason } from '../types';
import type { ResourcesByType } from './links';
import type { RawResource } from './raw';
import { literal, parseReference, sourceOf } from './raw';
import { REGISTRY_ID_PATTERN } from '../../../constructs/model/azure-ids';

/** What the parent of a resource whose type is not decided lets it be (see the top of this file). */
export type UntypedParent =
  | { readonly kind: 'registry' | 'endpoint'; readonly address: string }
  | { readonly kind: 'group' | 'above' | 'any' | 'other' };

const GROUP_ID = /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/?$/i;
const ABOVE_GROUPS_ID =
  /^(\/|\/subscriptions\/[^/]+\/?|\/providers\/Microsoft\.Management\/managementGroups\/[^/]+\/?)$/i;
const ENDPOINT_ID = /\/providers\/Microsoft\.Network\/privateEndpoints\/([^/]+)\/?$/i;
/** Scopes above resource groups an input may reference. */
const ABOVE_GROUPS_TYPES: ReadonlySet<string> = new Set(['azurerm_subscription', 'azurerm_management_group']);

/** True for a managed `azapi_resource` whose type the input does not decide. */
export function isUntyped(r: RawResource): boolean {
  return r.type === 'azapi_resource' && r.mode === 'managed' && armTypeOf(r.values.type) === undefined;
}

/** The managed resource of `type` with literal name `name` (any case), if exactly one. */
function byName(byType: ResourcesByType, type: string, name: string): string | undefined {
  const found = (byType.managed.get(type) ?? []).filter(
    (r) => literal(r.values.name)?.toLowerCase() === name.toLowerCase(),
  );
  return found.length === 1 ? found[0].address : undefined;
}

/** What the `parent_id` of `r` (a resource whose type is not decided) lets it be. */
export function untypedParentOf(r: RawResource, byType: ResourcesByType): UntypedParent {
  const parent = r.values.parent_id;
  // Only a resource group may leave `parent_id` out (it defaults to the subscription).
  if (parent === undefined || parent === null) return { kind: 'other' };
  if (typeof parent !== 'string') return { kind: 'any' };
  const ref = parseReference(parent);
  if (ref) {
    const target = byType.lookup(ref.type, ref.address);
    if (!target || isUntyped(target)) return { kind: 'any' };
    if (target.mode !== 'managed') return { kind: ABOVE_GROUPS_TYPES.has(target.type) ? 'above' : 'other' };
    if (target.type === 'azurerm_container_registry') return { kind: 'registry', address: target.address };
    if (target.type === 'azurerm_private_endpoint') return { kind: 'endpoint', address: target.address };
    if (target.type === 'azurerm_resource_group') return { kind: 'group' };
    return { kind: ABOVE_GROUPS_TYPES.has(target.type) ? 'above' : 'other' };
  }
  if (parent.includes('${')) return { kind: 'any' };
  if (GROUP_ID.test(parent)) return { kind: 'group' };
  if (ABOVE_GROUPS_ID.test(parent)) return { kind: 'above' };
  const registry = REGISTRY_ID_PATTERN.exec(parent)?.[1];
  const endpoint = ENDPOINT_ID.exec(parent)?.[1];
  const address =
    registry !== undefined
      ? byName(byType, 'azurerm_container_registry', registry)
      : endpoint !== undefined
        ? byName(byType, 'azurerm_private_endpoint', endpoint)
        : undefined;
  if (address === undefined) return { kind: 'other' };
  return { kind: registry !== undefined ? 'registry' : 'endpoint', address };
}

/** Why the type of `r` is not known, ending in what would decide it. */
export function typeText(r: RawResource): string {
  const type = r.values.type;
  const why = isUnknown(type)
    ? `is unknown: ${unknownReason(type) ?? 'known only after apply'}`
    : typeof type === 'string'
      ? `\`${type}\` is not decided here`
      : 'is not set';
  return why.includes('check the plan') ? why : `${why} (check the plan)`;
}

/** Why a list of a registry (or an endpoint's zone groups) may hold `r`, which the checker cannot read. */
export function untypedDoubt(r: RawResource): Unknown {
  return unknownBecause(`${r.address} may be one of them: its type ${typeText(r)}`);
}

/**
 * The resources of the input that may be registries (their type not decided, their parent a
 * resource group or not decided), in input order: how many registries the input creates is not known.
 */
export function untypedRegistriesOf(byType: ResourcesByType, file: string): UntypedResource[] {
  const out: UntypedResource[] = [];
  for (const r of byType.managed.get('azapi_resource') ?? []) {
    if (!isUntyped(r)) continue;
    const parent = untypedParentOf(r, byType).kind;
    if (parent !== 'group' && parent !== 'any') continue;
    out.push({
      source: sourceOf(r, file),
      reason: unknownBecause(
        `${r.address} may be a container registry, so the input may create more registries than it shows: its type ${typeText(r)}`,
      ),
    });
  }
  return out;
}
