/**
 * The danger of a change that turns a registry's public network access off while no private endpoint
 * reaches it: with public access disabled, a registry is reachable only through its private endpoints
 * (Microsoft Learn, "Connect privately to an Azure container registry using Azure Private Link":
 * disabling public network access makes the registry reachable only through private endpoints;
 * FACTS.md section 4: "Public access disabled plus no private endpoint means nobody can reach the
 * registry"), so every client that pushed or pulled over the public endpoint loses access.
 *
 * The endpoints are those the change set shows existing after the change: a Terraform plan's
 * `resource_changes` lists every resource of the prior state and the configuration, unchanged ones as
 * `no-op` (Terraform "JSON Output Format": "resource_changes ... for each resource instance, including
 * no-op"), a Pulumi preview has a `same` step for each unchanged resource. An endpoint is to the
 * registry when its private link service connection targets the registry's ID (azurerm
 * `private_service_connection[].private_connection_resource_id`, azure-native and ARM
 * (`azapi_resource` body) `privateLinkServiceConnections[].privateLinkServiceId`, and their manual
 * counterparts). An endpoint whose target cannot be read makes the verdict a "may".
 */
import { REGISTRY_ID_PATTERN } from '../constructs/model/azure-ids';
import { azapiBodyOf, parseReference } from '../policies/inventory/terraform-resources/raw';
import type { ChangeSet, JsonObject, JsonValue, ResourceChange } from './changes';
import { isObject } from './changes';
import { classicInputOf } from '../constructs/model/pulumi-classic-types';
import { isUnder, joinPath } from './paths';
import { protectionSettings } from './protection-settings';
import { existsAfter, existsBefore } from './regressions/context';
import { inlineReplicaLocations, kindOf, registryName, replicaOf } from './resource-kinds';

/** One registry the change leaves unreachable, or may: which resource, and the message. */
export interface UnreachableRegistry {
  readonly address: string;
  readonly message: string;
}

/** What a connection target is to a registry: its target, another resource, or undecided. */
type Target = 'registry' | 'other' | 'unknown';

/** A connection's target value, with the path it was read at (to check it against the unknown paths). */
interface Connection {
  readonly value: JsonValue | undefined;
  readonly path: string;
}

/** The registries of a change set whose public access the change turns off while no endpoint reaches them. */
export function unreachableRegistries(set: ChangeSet): UnreachableRegistry[] {
  const endpoints = set.resources.filter(
    (r) => kindOf(r.type, r.before ?? r.after) === 'private-endpoint' && endpointStays(r),
  );
  const out: UnreachableRegistry[] = [];
  for (const registry of set.resources.filter(turnsPublicAccessOff)) {
    const targets = endpoints.map((e) => ({ endpoint: e, target: endpointTarget(e, registry, set) }));
    if (targets.some((t) => t.target === 'registry')) continue;
    const name = registryName(registry.after) ?? registryName(registry.before);
    const what = name ? `registry ${name}` : 'the registry';
    const undecided = targets.filter((t) => t.target === 'unknown').map((t) => t.endpoint.address);
    out.push({
      address: registry.address,
      message:
        undecided.length > 0
          ? `public network access turned off, and the target of private endpoint ${undecided.join(', ')} cannot be read: ${what} may be unreachable, pushes and pulls fail unless that endpoint is to it`
          : `public network access turned off with no private endpoint to it in this change or the state it starts from: ${what} is unreachable, pushes and pulls fail (unless an endpoint managed elsewhere reaches it)`,
    });
  }
  return out;
}

/**
 * Replicas a change adds to a registry that existing private endpoints already connect to: an endpoint
 * gets the records of the data endpoints of the regions the registry is replicated to when it
 * connects, and "if you later add a new replica, you need to manually add a new zone record for the
 * data endpoint in that region" (Microsoft Learn, "Connect privately to an Azure container registry
 * using Azure Private Link"). An inline azurerm replica, or an azure-native Replication created for a
 * registry of the change.
 */
export function replicasWithoutRecords(set: ChangeSet): UnreachableRegistry[] {
  const endpoints = set.resources.filter(
    (r) => kindOf(r.type, r.before ?? r.after) === 'private-endpoint' && existsBefore(r) && endpointStays(r),
  );
  if (endpoints.length === 0) return [];
  const out: UnreachableRegistry[] = [];
  const registries = set.resources.filter(
    (r) => kindOf(r.type, r.before ?? r.after) === 'registry' && existsBefore(r) && existsAfter(r),
  );
  for (const registry of registries) {
    const targets = endpoints.map((e) => ({ endpoint: e, target: endpointTarget(e, registry, set) }));
    const connected = targets.filter((t) => t.target === 'registry').map((t) => t.endpoint);
    // An endpoint whose target cannot be read may connect to the registry.
    const undecided = targets.filter((t) => t.target === 'unknown').map((t) => t.endpoint);
    const may = connected.length === 0;
    if (may && undecided.length === 0) continue;
    const name = registryName(registry.after) ?? registryName(registry.before);
    const kept = new Set(inlineReplicaLocations(registry.before));
    const added = inlineReplicaLocations(registry.after).filter((l) => !kept.has(l));
    const replications = set.resources.filter((r) => {
      if (kindOf(r.type, r.after) !== 'replica' || r.action !== 'create') return false;
      const of = replicaOf(r.after, r.type);
      if (of.registryAddress !== undefined) return of.registryAddress === registry.address;
      return name !== undefined && of.registry?.toLowerCase() === name.toLowerCase();
    });
    for (const [address, location] of [
      ...added.map((l) => [registry.address, l] as const),
      ...replications.map((r) => [r.address, replicaOf(r.after, r.type).location ?? 'its region'] as const),
    ]) {
      const what = name ? `registry ${name}` : 'the registry';
      out.push({
        address,
        message: may
          ? `geo-replica in ${location} added while the target of private endpoint ${undecided.map((e) => e.address).join(', ')} cannot be read: if it connects to ${what}, it gets no DNS record for the new replica's data endpoint, and private pulls served from ${location} may fail. Add its record to the zone by hand, or recreate the endpoint`
          : `geo-replica in ${location} added while private endpoint ${connected.map((e) => e.address).join(', ')} already connects to ${what}: the endpoint gets no DNS record for the new replica's data endpoint, so private pulls served from ${location} fail. Add its record to the zone by hand, or recreate the endpoint`,
      });
    }
  }
  return out;
}

function turnsPublicAccessOff(resource: ResourceChange): boolean {
  if (kindOf(resource.type, resource.before ?? resource.after) !== 'registry') return false;
  if (!existsBefore(resource) || !existsAfter(resource)) return false;
  return (
    protectionSettings(resource, 'before').publicNetworkAccess === true &&
    protectionSettings(resource, 'after').publicNetworkAccess === false
  );
}

/** An endpoint that exists after the change (one forgotten or read stays in Azure). */
function endpointStays(resource: ResourceChange): boolean {
  return resource.action !== 'delete' && (resource.after ?? resource.before) !== undefined;
}

/** What an endpoint's connections target, for `registry`: the registry if any does, else undecided or other. */
function endpointTarget(endpoint: ResourceChange, registry: ResourceChange, set: ChangeSet): Target {
  const afterSide = endpoint.after !== undefined && endpoint.action !== 'forget';
  const values = afterSide ? endpoint.after : endpoint.before;
  const unknown = afterSide ? endpoint.unknownAfter : [];
  const connections = connectionsOf(endpoint.type, values);
  if (connections === 'unknown') return 'unknown';
  const targets = connections.map((c) =>
    unknown.some((u) => isUnder(c.path, u) || isUnder(u, c.path))
      ? 'unknown'
      : targetOf(c.value, registry, set),
  );
  // No readable connection where some are known only after apply: undecided.
  if (targets.length === 0 && unknown.some((u) => /connection/i.test(u))) return 'unknown';
  if (targets.includes('registry')) return 'registry';
  return targets.includes('unknown') ? 'unknown' : 'other';
}

/** The connection targets of an endpoint in its engine's spelling; `'unknown'` when its azapi body is unreadable. */
function connectionsOf(type: string, values: JsonObject | undefined): Connection[] | 'unknown' {
  if (!values) return 'unknown';
  if (type === 'azapi_resource') {
    const body = azapiBodyOf(values.body);
    if (body === undefined || body === 'unknown') return 'unknown';
    const properties = body.properties;
    if (!isObject(properties as JsonValue)) return 'unknown';
    return [
      ...armConnections(properties as JsonObject, 'privateLinkServiceConnections', 'body.properties'),
      ...armConnections(properties as JsonObject, 'manualPrivateLinkServiceConnections', 'body.properties'),
    ];
  }
  // azurerm's block, or the classic provider's (its attributes in camelCase).
  for (const [block, target] of [
    ['private_service_connection', 'private_connection_resource_id'],
    [classicInputOf('private_service_connection'), classicInputOf('private_connection_resource_id')],
  ])
    if (block in values) {
      // Plan JSON holds the block as a list; cdk.tf.json and Pulumi inputs hold a single block as an object.
      const given = values[block];
      // A Pulumi input's unknown paths have no index for it; a synthesized object's keep azurerm's.
      if (!Array.isArray(given) && block !== 'private_service_connection')
        return [{ value: isObject(given) ? given[target] : undefined, path: joinPath(block, target) }];
      const list: readonly JsonValue[] = Array.isArray(given) ? given : [given];
      return list.map((item: JsonValue, i) => ({
        value: isObject(item) ? item[target] : undefined,
        path: joinPath(joinPath(block, i), target),
      }));
    }
  return [
    ...armConnections(values, 'privateLinkServiceConnections', ''),
    ...armConnections(values, 'manualPrivateLinkServiceConnections', ''),
  ];
}

/** azure-native inputs hold `privateLinkServiceId` on the connection; ARM bodies under its `properties`. */
function armConnections(values: JsonObject, key: string, parent: string): Connection[] {
  const list = values[key];
  if (!Array.isArray(list)) return [];
  return list.map((item: JsonValue, i) => {
    const path = joinPath(joinPath(parent, key), i);
    if (!isObject(item)) return { value: undefined, path };
    if ('privateLinkServiceId' in item)
      return { value: item.privateLinkServiceId, path: joinPath(path, 'privateLinkServiceId') };
    const properties = isObject(item.properties) ? item.properties : undefined;
    return {
      value: properties?.privateLinkServiceId,
      path: joinPath(joinPath(path, 'properties'), 'privateLinkServiceId'),
    };
  });
}

/** What one connection target is to the registry. ARM IDs compare case-insensitively. */
function targetOf(value: JsonValue | undefined, registry: ResourceChange, set: ChangeSet): Target {
  if (typeof value !== 'string' || value === '') return 'unknown';
  if (value.includes('${')) {
    // A synthesized reference: to this registry, to another resource of the change, or unknown.
    const address = parseReference(value)?.address;
    if (address === undefined) return 'unknown';
    if (address === registry.address) return 'registry';
    return set.resources.some((r) => r.address === address) ? 'other' : 'unknown';
  }
  const values = registry.after ?? registry.before;
  const id = values?.id;
  if (typeof id === 'string' && !id.includes('${') && id !== '') {
    return id.toLowerCase() === value.replace(/\/$/, '').toLowerCase() ? 'registry' : 'other';
  }
  const name = REGISTRY_ID_PATTERN.exec(value)?.[1];
  if (name === undefined) return 'other';
  const own = registryName(values);
  if (own === undefined || own.includes('${')) return 'unknown';
  if (own.toLowerCase() !== name.toLowerCase()) return 'other';
  const group = values?.resource_group_name ?? values?.resourceGroupName;
  const idGroup = /\/resourceGroups\/([^/]+)\//i.exec(value)?.[1];
  if (typeof group !== 'string' || group.includes('${') || idGroup === undefined) return 'registry';
  return group.toLowerCase() === idGroup.toLowerCase() ? 'registry' : 'other';
}
