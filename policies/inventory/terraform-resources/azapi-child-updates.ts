/**
 * What `azapi_update_resource` does to the resources the input creates with `azapi_resource` other
 * than registries (webhooks, tokens, scope maps, tasks, replications, endpoint connections, grants,
 * locks, diagnostic settings...): its body merges into theirs (body-merge.ts), before they are read
 * as azurerm's (azapi-views.ts), so that every reading sees the settings after apply. An update that
 * may not apply (`count`/`for_each`), or may target another resource (update-targets.ts), leaves what
 * it would change unknown, with the reason.
 *
 * A registry's side of an endpoint's connection (`registries/privateEndpointConnections`) is named by
 * Azure (`<endpoint>.<guid>`): an update of one the input does not create may approve or reject any
 * endpoint connection of its registry, so what it would change on each is unknown. Registries' own
 * updates: arm-properties.ts; azurerm resources': azurerm-child-updates.ts.
 */
import { armTypeOf } from '../../../constructs/model/removal-kinds';
import type { Unknown } from '../types';
import { isUnknown, unknownBecause, unknownReason } from '../types';
import type { Values } from './azapi-body';
import { viewOf } from './azapi-views';
import { bodyPart, doubtful, mergeArm } from './body-merge';
import { ResourceIndex } from './links';
import type { ResourcesByType } from './links';
import { privateEndpointTarget } from './private-network';
import type { RawResource } from './raw';
import { asRecord, azapiBodyOf } from './raw';
import { FIXED_ARM_PROPERTIES } from '../../../constructs/model/arm-update-limits';
import type { Candidate } from './update-targets';
import { AZAPI_UPDATE_RESOURCE, REGISTRY_ARM, matchesOf, parentKey, updateParentKey } from './update-targets';
import { compareCodeUnits } from '../../../constructs/model/order';

const CONNECTION_ARM = 'microsoft.containerregistry/registries/privateendpointconnections';
const ENDPOINT_ARM = 'microsoft.network/privateendpoints';

/** The updates of an input, in address order (the order in which they are applied). */
export function updatesOf(byType: ResourcesByType): readonly RawResource[] {
  const updates = byType.managed.get(AZAPI_UPDATE_RESOURCE) ?? [];
  return updates.length > 1 ? [...updates].sort((a, b) => compareCodeUnits(a.address, b.address)) : updates;
}

/** A resource's ARM body as an object (`{}` when it has none), or the UNKNOWN that stands for it. */
function armBody(resource: RawResource): unknown {
  const value = resource.values.body;
  if (isUnknown(value)) return unknownBody(resource);
  const body = azapiBodyOf(value);
  if (body === 'unknown')
    return unknownBecause(`the body of ${resource.address} is not a literal object (check the plan)`);
  return body ?? {};
}

/** The body of `resource` when it is unknown, said as its own (its reason kept). */
function unknownBody(resource: RawResource): Unknown {
  const why = unknownReason(resource.values.body) ?? 'known only after apply';
  return unknownBecause(`the body of ${resource.address} is unknown: ${why}`);
}

/**
 * An update's body as it lands on a resource of ARM type `arm` (an object, or the UNKNOWN that stands
 * for it): each property ARM does not change on an existing resource of the type
 * (FIXED_ARM_PROPERTIES) unknown where the body sets it.
 */
export function updateBody(update: RawResource, arm: string): unknown {
  const body = armBody(update);
  const fixed = FIXED_ARM_PROPERTIES[arm];
  const properties = asRecord(asRecord(body)?.properties);
  if (!fixed || !properties) return body;
  const set = Object.keys(fixed).filter((key) => properties[key] !== undefined);
  if (set.length === 0) return body;
  const out: Record<string, unknown> = { ...properties };
  for (const key of set) out[key] = unknownBecause(`${update.address} sets ${key}, but ${fixed[key]}`);
  return { ...(body as Values), properties: out };
}

/** A generic resource of ARM type `arm` with `body`, read as azapi-views.ts reads one. */
function synthetic(update: RawResource, arm: string, body: unknown): RawResource {
  return {
    mode: 'managed',
    type: 'azapi_resource',
    name: update.name,
    address: update.address,
    values: body === undefined ? { type: arm } : { type: arm, body },
    preventDestroy: false,
    suppressions: [],
  };
}

/**
 * The azurerm attributes an update's body sets on a resource of ARM type `arm`, mapped as
 * azapi-views.ts maps an `azapi_resource` body (what the body leaves out is absent), with the nested
 * blocks it leaves unknown; undefined for a type not read as azurerm's.
 */
export function bodyOverlay(
  update: RawResource,
  arm: string,
): { readonly values: Values; readonly unknownBlocks?: Readonly<Record<string, Unknown>> } | undefined {
  const withBody = viewOf(synthetic(update, arm, updateBody(update, arm)));
  const without = viewOf(synthetic(update, arm, undefined));
  if (!withBody || !without) return undefined;
  const values = (bodyPart(withBody.values, without.values) ?? {}) as Values;
  return withBody.unknownBlocks ? { values, unknownBlocks: withBody.unknownBlocks } : { values };
}

/** `values` after an update whose overlay is `overlay`, or, with `doubt`, with what it would change unknown. */
export function overlaid(values: Values, overlay: Values, doubt: Unknown | undefined): Values {
  const next = mergeArm(values, overlay) as Values;
  return doubt ? (doubtful(values, next, doubt) as Values) : next;
}

/** The azapi children an update may target, with their positions in the input. */
function azapiCandidates(
  raw: readonly RawResource[],
  views: readonly RawResource[],
  index: ResourceIndex,
): { readonly candidates: Candidate[]; readonly at: Map<string, number> } {
  const candidates: Candidate[] = [];
  const at = new Map<string, number>();
  for (let i = 0; i < raw.length; i += 1) {
    const r = raw[i];
    if (r.type !== 'azapi_resource' || r.mode !== 'managed') continue;
    const arm = armTypeOf(r.values.type);
    if (arm === undefined || arm === REGISTRY_ARM) continue;
    // The view keeps the address: references find it as the resource itself.
    candidates.push({
      resource: views[i],
      arm,
      parent: parentKey(index, r.values.parent_id),
      name: r.values.name,
    });
    at.set(r.address, i);
  }
  return { candidates, at };
}

/**
 * Endpoints an update of a registry's endpoint connection that the input does not create may change:
 * each endpoint (azurerm's, or an azapi one) whose connection is to that registry (to any, when the
 * update's registry is not decided), with the attributes it would change unknown.
 */
function connectionDoubts(
  update: RawResource,
  raw: readonly RawResource[],
  views: RawResource[],
  index: ResourceIndex,
): void {
  const overlay = bodyOverlay(update, CONNECTION_ARM);
  if (!overlay) return;
  const key = updateParentKey(update, index);
  const doubt = unknownBecause(
    `${update.address} may approve or reject this endpoint's connection: it updates a connection of ${key === undefined ? 'a registry the input does not decide' : 'its registry'} that the input does not create`,
  );
  for (let i = 0; i < views.length; i += 1) {
    const view = views[i];
    if (view.type !== 'azurerm_private_endpoint' || view.mode !== 'managed') continue;
    if (raw[i].type === 'azapi_resource' && armTypeOf(raw[i].values.type) !== ENDPOINT_ARM) continue;
    const target = privateEndpointTarget(index, view);
    const hit =
      key === undefined ||
      (target?.kind === 'managed' && target.addresses.some((a) => key === `registry:${a}`));
    if (hit) views[i] = { ...view, values: overlaid(view.values, overlay.values, doubt) };
  }
}

/**
 * Applies the updates of the input to its azapi children in `views` (`raw[i]` is what `views[i]`
 * reads; each view an update changes is read again from the updated body). `byType` indexes `views`;
 * an update changes no type, address or name, so it serves as it is.
 */
export function withAzapiChildUpdates(
  raw: readonly RawResource[],
  views: RawResource[],
  byType: ResourcesByType,
): void {
  const updates = updatesOf(byType);
  if (updates.length === 0) return;
  const index = new ResourceIndex(views, byType);
  const { candidates, at } = azapiCandidates(raw, views, index);
  const bodies = new Map<number, unknown>();
  const connections: RawResource[] = [];
  for (const update of updates) {
    const matches = matchesOf(update, index, candidates);
    const arm = armTypeOf(update.values.type);
    if (arm === CONNECTION_ARM && !matches.some((m) => m.doubt === undefined)) connections.push(update);
    for (const { candidate, doubt } of matches) {
      const i = at.get(candidate.resource.address) as number;
      const before = bodies.has(i) ? bodies.get(i) : armBody(raw[i]);
      const next = mergeArm(before, updateBody(update, candidate.arm));
      bodies.set(i, doubt ? doubtful(before, next, doubt) : next);
    }
  }
  for (const [i, body] of bodies) {
    const updated = { ...raw[i], values: { ...raw[i].values, body } };
    views[i] = viewOf(updated) ?? updated;
  }
  // After the bodies: an endpoint's doubts are about its view as updated.
  for (const update of connections) connectionDoubts(update, raw, views, index);
}
