/**
 * What `azapi_update_resource` does to the azurerm resources of the input other than registries
 * (webhooks, tokens, scope maps, tasks, grants, locks, diagnostic settings, endpoints...) and to the
 * geo-replicas azurerm writes inline in a registry (a replication azurerm names by its normalized
 * location: `replications.NewReplicationID(..., location.Normalize(...))`, azurerm
 * internal/services/containers/container_registry_resource.go). The body's ARM properties are mapped
 * onto azurerm's attributes as azapi-views.ts maps an `azapi_resource` body (`bodyOverlay`), and
 * merged as azapi merges (body-merge.ts); an update that may not apply, or may target another
 * resource, leaves what it would change unknown, with the reason.
 *
 * Applied after the input's values are checked and inlined (build.ts `prepare`): what the shape
 * check of an azurerm resource reports is what its configuration wrote.
 */
import { REGISTRY_REPLICATION_ARM_TYPE } from '../../../constructs/model/arm-types';
import { replicaBlock } from './azapi-resources';
import type { Values } from './azapi-body';
import { bodyOverlay, overlaid, updateBody, updatesOf } from './azapi-child-updates';
import { bodyPart } from './body-merge';
import { ResourceIndex } from './links';
import type { ResourcesByType } from './links';
import type { RawResource } from './raw';
import { blocks } from './raw';
import type { Unknown } from '../types';
import type { Candidate } from './update-targets';
import { ARM_TYPE_BY_AZURERM_TYPE, REGISTRY_ARM, matchesOf, parentKey } from './update-targets';

/** The attribute by which each azurerm type names its parent (registry, scope, resource group), and how. */
const PARENT_ATTRIBUTES: Readonly<
  Record<string, { readonly attribute: string; readonly how: 'id' | 'registryName' | 'group' }>
> = {
  azurerm_container_registry_webhook: { attribute: 'registry_name', how: 'registryName' },
  azurerm_container_registry_token: { attribute: 'container_registry_name', how: 'registryName' },
  azurerm_container_registry_scope_map: { attribute: 'container_registry_name', how: 'registryName' },
  azurerm_container_registry_agent_pool: { attribute: 'container_registry_name', how: 'registryName' },
  azurerm_container_registry_task: { attribute: 'container_registry_id', how: 'id' },
  azurerm_container_registry_credential_set: { attribute: 'container_registry_id', how: 'id' },
  azurerm_container_registry_cache_rule: { attribute: 'container_registry_id', how: 'id' },
  azurerm_role_assignment: { attribute: 'scope', how: 'id' },
  azurerm_role_definition: { attribute: 'scope', how: 'id' },
  azurerm_management_lock: { attribute: 'scope', how: 'id' },
  azurerm_monitor_diagnostic_setting: { attribute: 'target_resource_id', how: 'id' },
  azurerm_private_endpoint: { attribute: 'resource_group_name', how: 'group' },
};

/**
 * azurerm attributes that say the same as another one an update's body sets, by azurerm type: a role
 * assignment names its role by `role_definition_id` or (conflicting with it) `role_definition_name`
 * (azurerm docs, `azurerm_role_assignment`). A body that sets the role replaces both.
 */
const SAME_SETTING: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  azurerm_role_assignment: { role_definition_id: ['role_definition_name'] },
};

/** `values` after `overlay`, with what says the same as an attribute it sets gone (or, with `doubt`, unknown). */
function withOverlay(r: RawResource, overlay: Values, doubt: Unknown | undefined): Values {
  const next: Record<string, unknown> = { ...overlaid(r.values, overlay, doubt) };
  for (const [attribute, others] of Object.entries(SAME_SETTING[r.type] ?? {})) {
    if (overlay[attribute] === undefined) continue;
    for (const other of others)
      if (next[other] !== undefined) {
        if (doubt) next[other] = doubt;
        else delete next[other];
      }
  }
  return next;
}

/** A candidate, with the replica block it stands for when it is a registry's inline replication. */
interface AzurermCandidate extends Candidate {
  readonly replica?: number;
}

/** Azure's normalized form of a location (`West Europe` is `westeurope`). */
function normalizedLocation(value: unknown): unknown {
  return typeof value === 'string' && !value.includes('${') ? value.replace(/\s+/g, '').toLowerCase() : value;
}

function azurermCandidates(resources: readonly RawResource[], index: ResourceIndex): AzurermCandidate[] {
  const out: AzurermCandidate[] = [];
  for (const r of resources) {
    if (r.viewOf !== undefined || r.mode !== 'managed') continue;
    if (r.type === 'azurerm_container_registry') {
      const parent = `registry:${r.address}`;
      blocks(r.values.georeplications).forEach((block, replica) =>
        out.push({
          resource: r,
          arm: REGISTRY_REPLICATION_ARM_TYPE,
          parent,
          name: normalizedLocation(block.location),
          inline: true,
          replica,
        }),
      );
      continue;
    }
    const arm = ARM_TYPE_BY_AZURERM_TYPE[r.type];
    const link = PARENT_ATTRIBUTES[r.type];
    if (arm === undefined || arm === REGISTRY_ARM || link === undefined) continue;
    out.push({
      resource: r,
      arm,
      parent: parentKey(index, r.values[link.attribute], link.how),
      name: r.values.name,
    });
  }
  return out;
}

/** A registry's values after an update of one of its inline replicas. */
function withReplica(
  values: Values,
  replica: number,
  update: RawResource,
  doubt: Unknown | undefined,
): Values {
  const body = (value: unknown): RawResource => ({
    ...update,
    values: value === undefined ? {} : { body: value },
  });
  const patch = updateBody(update, REGISTRY_REPLICATION_ARM_TYPE);
  const overlay = bodyPart(replicaBlock(body(patch)), replicaBlock(body(undefined))) as Values | undefined;
  if (!overlay) return values;
  const list = [...blocks(values.georeplications)];
  list[replica] = overlaid(list[replica], overlay, doubt);
  return { ...values, georeplications: list };
}

/**
 * The resources of an input with the updates of the input applied to its azurerm resources (see the
 * top of this file); `byType` is brought up to date. The input as it is when nothing is updated.
 */
export function withAzurermChildUpdates(
  resources: readonly RawResource[],
  byType: ResourcesByType,
): readonly RawResource[] {
  const updates = updatesOf(byType);
  if (updates.length === 0) return resources;
  const index = new ResourceIndex(resources, byType);
  const candidates = azurermCandidates(resources, index);
  const current = new Map<string, RawResource>();
  for (const update of updates) {
    for (const { candidate, doubt } of matchesOf(update, index, candidates)) {
      const { replica } = candidate as AzurermCandidate;
      const r = current.get(candidate.resource.address) ?? candidate.resource;
      if (replica !== undefined) {
        current.set(r.address, { ...r, values: withReplica(r.values, replica, update, doubt) });
        continue;
      }
      const overlay = bodyOverlay(update, candidate.arm);
      if (!overlay) continue;
      const unknownBlocks = overlay.unknownBlocks && { ...r.unknownBlocks, ...overlay.unknownBlocks };
      current.set(r.address, {
        ...r,
        values: withOverlay(r, overlay.values, doubt),
        ...(unknownBlocks ? { unknownBlocks } : {}),
      });
    }
  }
  if (current.size === 0) return resources;
  const positions: number[] = [];
  const out = resources.map((r, i) => {
    const updated = r.viewOf === undefined ? current.get(r.address) : undefined;
    if (updated) positions.push(i);
    return updated ?? r;
  });
  byType.replace(out, positions);
  return out;
}
