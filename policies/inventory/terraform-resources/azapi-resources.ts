/**
 * `azapi_resource` read as the azurerm resource of its ARM type, so that what the adapter knows of
 * azurerm's resources (references, attachment, unknowns) holds for them too. azapi (registry docs of
 * `azapi_resource`): `type` is `<ARM type>@<api-version>`, `parent_id` the ID of the parent resource
 * (the scope of a role assignment, lock or diagnostic setting; the resource group of a registry or
 * private endpoint; the registry of its children), `body` the resource's ARM JSON (an object in
 * azapi 2.x, a JSON-encoded string in 1.x). Property names: the ARM template reference
 * (learn.microsoft.com/azure/templates) of each type. A registry keeps its `type` and `body`, which
 * build.ts applies over Azure's defaults as it applies an `azapi_update_resource` body; azurerm's
 * default for an absent attribute is Azure's own for the same property (FACTS.md section 5).
 *
 * Two ARM child resources have no azurerm resource of their own and are merged into their parents,
 * where azurerm writes them inline: a registry's `replications` (`georeplications`) and a private
 * endpoint's `privateDnsZoneGroups` (`private_dns_zone_group`). A registry child of a type not read
 * here (a task run) leaves that list of its registry incomplete, with the reason. A child whose parent
 * the input does not decide leaves the list of every registry (or endpoint) it may belong to
 * incomplete.
 */
import {
  AZURERM_TYPE_BY_ARM_TYPE,
  REGISTRY_REPLICATION_ARM_TYPE,
  UNREAD_REGISTRY_CHILD_TYPES,
  ZONE_GROUP_ARM_TYPE,
} from '../../../constructs/model/arm-types';
import { REGISTRY_ID_PATTERN, resourceGroupFromId } from '../../../constructs/model/azure-ids';
import { armTypeOf } from '../../../constructs/model/removal-kinds';
import { PRIVATE_ENDPOINT_GROUP_ID } from '../../../constructs/model/private-dns';
import { pushTo } from '../map-entry';
import type { AttachmentKind, Unknown } from '../types';
import { isUnknown, unknownBecause, unknownReason } from '../types';
import { ResourcesByType } from './links';
import type { RawResource } from './raw';
import { asRecord, azapiBodyOf, blocks, parseReference } from './raw';

/** The generic ARM resource type of the azapi provider. */
export const AZAPI_RESOURCE = 'azapi_resource';

type Values = Readonly<Record<string, unknown>>;

/** The registry's side of a private endpoint connection (see connectionValues). */
const CONNECTION_ARM_TYPE = 'microsoft.containerregistry/registries/privateendpointconnections';

const PRIVATE_ENDPOINT_ID = /\/providers\/Microsoft\.Network\/privateEndpoints\/([^/]+)\/?$/i;

/** The values at paths of an azapi resource's body: each UNKNOWN, with the reason, when the body is not known. */
class Body {
  private readonly body: Values | undefined;
  private readonly unreadable: Unknown | undefined;

  constructor(resource: RawResource) {
    const raw = resource.values.body;
    if (isUnknown(raw)) {
      this.unreadable = raw;
      return;
    }
    const body = azapiBodyOf(raw);
    if (body === 'unknown')
      this.unreadable = unknownBecause(
        `the body of ${resource.address} is not a literal object (check the plan)`,
      );
    else this.body = body;
  }

  /** The value at `path` (undefined when absent; an UNKNOWN on the way is the value). */
  at(...path: readonly string[]): unknown {
    if (this.unreadable) return this.unreadable;
    let value: unknown = this.body;
    for (const key of path) {
      if (isUnknown(value)) return value;
      const record = asRecord(value);
      if (!record) return undefined;
      value = record[key];
    }
    return value;
  }

  /** The properties of the resource at `path` under `properties`. */
  property(...path: readonly string[]): unknown {
    return this.at('properties', ...path);
  }
}

/** `values` without the keys whose value is undefined (absent: azurerm's default applies). */
function defined(values: Record<string, unknown>): Values {
  for (const key of Object.keys(values)) if (values[key] === undefined) delete values[key];
  return values;
}

/** An ARM status (`Enabled`/`Disabled`, any case) as a boolean; other values as they are (unknown to readers). */
function statusFlag(value: unknown): unknown {
  if (typeof value !== 'string' || value.includes('${')) return value;
  const status = value.toLowerCase();
  if (status === 'enabled') return true;
  if (status === 'disabled') return false;
  return unknownBecause(`status ${JSON.stringify(value)} is neither Enabled nor Disabled`);
}

/** An attribute of the parent a `parent_id` names: `${x.id}` gives `${x.<attribute>}`; else undefined. */
function parentAttribute(parentId: unknown, attribute: string): string | undefined {
  const ref = parseReference(parentId);
  return ref && ref.attribute === 'id' ? `\${${ref.address}.${attribute}}` : undefined;
}

/** The resource group a `parent_id` is, or is in (a literal ID, or a reference to a group or a resource). */
function groupOf(parentId: unknown): unknown {
  if (typeof parentId === 'string' && !parentId.includes('${'))
    return resourceGroupFromId(parentId) ?? parentId;
  const ref = parseReference(parentId);
  if (ref?.attribute === 'id')
    return `\${${ref.address}.${ref.type === 'azurerm_resource_group' ? 'name' : 'resource_group_name'}}`;
  return parentId;
}

/** The registry name a child's `parent_id` names (a literal registry ID, or a reference to a registry's `id`). */
function registryNameOf(parentId: unknown): unknown {
  if (typeof parentId === 'string' && !parentId.includes('${'))
    return REGISTRY_ID_PATTERN.exec(parentId)?.[1] ?? parentId;
  return parentAttribute(parentId, 'name') ?? parentId;
}

function registryValues(r: RawResource, body: Body): Values {
  const v = r.values;
  if (r.mode === 'data') {
    const id = v.resource_id;
    const name = v.name ?? (typeof id === 'string' ? registryNameOf(id) : id);
    return defined({ name, resource_group_name: groupOf(v.parent_id ?? id) });
  }
  return defined({
    // Kept for build.ts, which applies the body over Azure's defaults.
    type: v.type,
    body: v.body,
    name: v.name,
    location: v.location,
    resource_group_name: groupOf(v.parent_id),
    sku: body.at('sku', 'name'),
  });
}

function roleAssignmentValues(r: RawResource, body: Body): Values {
  return defined({
    name: r.values.name,
    scope: r.values.parent_id,
    role_definition_id: body.property('roleDefinitionId'),
    principal_id: body.property('principalId'),
    principal_type: body.property('principalType'),
    condition: body.property('condition'),
    condition_version: body.property('conditionVersion'),
    description: body.property('description'),
  });
}

/** A role definition's permission objects with azurerm's names; one unknown object when the list is not known. */
function permissionsOf(value: unknown): unknown {
  if (isUnknown(value) || (typeof value === 'string' && value.includes('${'))) {
    const unknown = isUnknown(value) ? value : unknownBecause(`its permissions are ${value}`);
    return [{ actions: unknown, not_actions: unknown, data_actions: unknown, not_data_actions: unknown }];
  }
  if (!Array.isArray(value)) return value;
  return value.map((p: unknown) => {
    const permission = asRecord(p);
    if (!permission) return p;
    return defined({
      actions: permission.actions,
      not_actions: permission.notActions,
      data_actions: permission.dataActions,
      not_data_actions: permission.notDataActions,
    });
  });
}

function roleDefinitionValues(r: RawResource, body: Body): Values {
  return defined({
    name: body.property('roleName'),
    role_definition_id: r.values.name,
    scope: r.values.parent_id,
    permissions: permissionsOf(body.property('permissions')),
    assignable_scopes: body.property('assignableScopes'),
  });
}

function lockValues(r: RawResource, body: Body): Values {
  return defined({
    name: r.values.name,
    scope: r.values.parent_id,
    lock_level: body.property('level'),
    notes: body.property('notes'),
  });
}

/**
 * A diagnostic setting's `logs` as azurerm's `enabled_log` blocks: an entry `enabled: false` collects
 * nothing and is left out; one whose `enabled` is not a literal boolean (ARM requires one) is a block
 * whose category is unknown.
 */
function enabledLogs(address: string, logs: unknown): unknown {
  if (!Array.isArray(logs)) return logs;
  const out: unknown[] = [];
  for (const entry of logs) {
    const log = asRecord(entry);
    if (!log) {
      out.push(entry);
      continue;
    }
    if (log.enabled === false) continue;
    if (log.enabled === true)
      out.push(defined({ category: log.category, category_group: log.categoryGroup }));
    else
      out.push({
        category: isUnknown(log.enabled)
          ? log.enabled
          : unknownBecause(`${address}: a log's enabled is not a literal true or false`),
      });
  }
  return out;
}

function diagnosticValues(r: RawResource, body: Body): Values {
  return defined({
    name: r.values.name,
    target_resource_id: r.values.parent_id,
    log_analytics_workspace_id: body.property('workspaceId'),
    storage_account_id: body.property('storageAccountId'),
    eventhub_authorization_rule_id: body.property('eventHubAuthorizationRuleId'),
    partner_solution_id: body.property('marketplacePartnerId'),
    enabled_log: enabledLogs(r.address, body.property('logs')),
  });
}

/** One ARM private link service connection as azurerm's `private_service_connection` block. */
function connectionBlock(value: unknown, manual: boolean): unknown {
  const connection = asRecord(value);
  if (!connection) return value;
  const properties = isUnknown(connection.properties) ? connection.properties : undefined;
  const props = asRecord(connection.properties);
  return defined({
    name: connection.name,
    private_connection_resource_id: properties ?? props?.privateLinkServiceId,
    subresource_names: properties ?? props?.groupIds,
    is_manual_connection: manual,
  });
}

/** Why a private endpoint's connections are not known, when they are not. */
function unknownConnections(body: Body): Unknown | undefined {
  const automatic = body.property('privateLinkServiceConnections');
  const manual = body.property('manualPrivateLinkServiceConnections');
  return [automatic, manual].find(isUnknown) as Unknown | undefined;
}

function privateEndpointValues(r: RawResource, body: Body): Values {
  const automatic = body.property('privateLinkServiceConnections');
  const manual = body.property('manualPrivateLinkServiceConnections');
  // Automatic connections first: a registry's endpoint has one connection, which the adapter reads.
  const connections = [
    ...(Array.isArray(automatic) ? automatic.map((c: unknown) => connectionBlock(c, false)) : []),
    ...(Array.isArray(manual) ? manual.map((c: unknown) => connectionBlock(c, true)) : []),
  ];
  const subnet = body.property('subnet');
  return defined({
    name: r.values.name,
    location: r.values.location,
    resource_group_name: groupOf(r.values.parent_id),
    subnet_id: isUnknown(subnet) ? subnet : asRecord(subnet)?.id,
    private_service_connection: connections.length > 0 ? connections : undefined,
  });
}

/**
 * The registry's side of a private endpoint connection (`registries/privateEndpointConnections`), by
 * which the registry's owner approves or rejects an endpoint another configuration creates: read as
 * that endpoint. Approved, it is connected; Pending, it waits as a manual connection does; Rejected or
 * Disconnected, it serves nothing. The ACR private link sub-resource is `registry` (its only group
 * ID, FACTS.md section 4); the endpoint's subnet and DNS zones are in its own configuration.
 */
function connectionValues(r: RawResource, body: Body): Values {
  const status = body.property('privateLinkServiceConnectionState', 'status');
  const state = typeof status === 'string' && !status.includes('${') ? status.toLowerCase() : undefined;
  const unknown = isUnknown(status)
    ? status
    : unknownBecause(`the status of ${r.address} is ${status === undefined ? 'not set' : String(status)}`);
  return {
    name: r.values.name,
    subnet_id: unknownBecause(`${r.address} approves an endpoint whose subnet is in its own configuration`),
    private_service_connection: [
      {
        name: r.values.name,
        private_connection_resource_id: r.values.parent_id,
        subresource_names:
          state === 'rejected' || state === 'disconnected' ? [] : [PRIVATE_ENDPOINT_GROUP_ID],
        is_manual_connection: state === 'approved' ? false : state === 'pending' ? true : unknown,
      },
    ],
  };
}

function webhookValues(r: RawResource, body: Body): Values {
  return defined({
    name: r.values.name,
    location: r.values.location,
    registry_name: registryNameOf(r.values.parent_id),
    resource_group_name: groupOf(r.values.parent_id),
    service_uri: body.property('serviceUri'),
    actions: body.property('actions'),
    scope: body.property('scope'),
    status: body.property('status'),
  });
}

function tokenValues(r: RawResource, body: Body): Values {
  return defined({
    name: r.values.name,
    container_registry_name: registryNameOf(r.values.parent_id),
    resource_group_name: groupOf(r.values.parent_id),
    scope_map_id: body.property('scopeMapId'),
    enabled: statusFlag(body.property('status')),
  });
}

function scopeMapValues(r: RawResource, body: Body): Values {
  return defined({
    name: r.values.name,
    container_registry_name: registryNameOf(r.values.parent_id),
    resource_group_name: groupOf(r.values.parent_id),
    actions: body.property('actions'),
    description: body.property('description'),
  });
}

/**
 * A task's ARM step (`properties.step`, by its `type`: Docker, FileTask, EncodedTask) as azurerm's step
 * block; a Docker step pushes unless `isPushEnabled` is false (REST spec default true, as azurerm's
 * `push_enabled`).
 */
function taskSteps(step: unknown): Values {
  if (isUnknown(step) || (typeof step === 'string' && step.includes('${')))
    return { docker_step: isUnknown(step) ? step : unknownBecause(`its step is ${step}`) };
  const s = asRecord(step);
  if (!s) return {};
  switch (s.type) {
    case 'Docker':
      return {
        docker_step: [
          defined({
            push_enabled: s.isPushEnabled,
            image_names: s.imageNames,
            dockerfile_path: s.dockerFilePath,
            context_path: s.contextPath,
          }),
        ],
      };
    case 'FileTask':
      return { file_step: [defined({ task_file_path: s.taskFilePath, context_path: s.contextPath })] };
    case 'EncodedTask':
      return { encoded_step: [defined({ task_content: s.encodedTaskContent, context_path: s.contextPath })] };
    default:
      return { docker_step: unknownBecause(`its step type ${JSON.stringify(s.type)} is not read here`) };
  }
}

function taskValues(r: RawResource, body: Body): Values {
  // azapi writes the managed identity as its own `identity` block (type, identity_ids), as azurerm does.
  const identity = r.values.identity ?? body.at('identity');
  return defined({
    name: r.values.name,
    container_registry_id: r.values.parent_id,
    enabled: statusFlag(body.property('status')),
    agent_pool_name: body.property('agentPoolName'),
    identity: blocks(identity).length > 0 || isUnknown(identity) ? identity : undefined,
    ...taskSteps(body.property('step')),
  });
}

function agentPoolValues(r: RawResource, body: Body): Values {
  return defined({
    name: r.values.name,
    container_registry_name: registryNameOf(r.values.parent_id),
    resource_group_name: groupOf(r.values.parent_id),
    virtual_network_subnet_id: body.property('virtualNetworkSubnetResourceId'),
    tier: body.property('tier'),
    instance_count: body.property('count'),
  });
}

function credentialSetValues(r: RawResource, body: Body): Values {
  const credentials = body.property('authCredentials');
  const first = Array.isArray(credentials) ? asRecord(credentials[0]) : undefined;
  return defined({
    name: r.values.name,
    container_registry_id: r.values.parent_id,
    login_server: body.property('loginServer'),
    authentication_credentials: isUnknown(credentials)
      ? credentials
      : first && [
          defined({
            username_secret_id: first.usernameSecretIdentifier,
            password_secret_id: first.passwordSecretIdentifier,
          }),
        ],
  });
}

function cacheRuleValues(r: RawResource, body: Body): Values {
  return defined({
    name: r.values.name,
    container_registry_id: r.values.parent_id,
    source_repo: body.property('sourceRepository'),
    target_repo: body.property('targetRepository'),
    credential_set_id: body.property('credentialSetResourceId'),
  });
}

function resourceGroupValues(r: RawResource): Values {
  return defined({ name: r.values.name, location: r.values.location });
}

/** The azurerm attributes of a generic resource, by the azurerm type of its ARM type. */
const VALUES_BY_TYPE: Readonly<Record<string, (r: RawResource, body: Body) => Values>> = {
  azurerm_container_registry: registryValues,
  azurerm_role_assignment: roleAssignmentValues,
  azurerm_role_definition: roleDefinitionValues,
  azurerm_management_lock: lockValues,
  azurerm_monitor_diagnostic_setting: diagnosticValues,
  azurerm_private_endpoint: privateEndpointValues,
  azurerm_container_registry_webhook: webhookValues,
  azurerm_container_registry_token: tokenValues,
  azurerm_container_registry_scope_map: scopeMapValues,
  azurerm_container_registry_task: taskValues,
  azurerm_container_registry_agent_pool: agentPoolValues,
  azurerm_container_registry_credential_set: credentialSetValues,
  azurerm_container_registry_cache_rule: cacheRuleValues,
  azurerm_resource_group: resourceGroupValues,
};

/** The azurerm view of one generic resource, or undefined when its type is not one read as azurerm's. */
function viewOf(r: RawResource): RawResource | undefined {
  const arm = armTypeOf(r.values.type);
  if (arm === undefined || !Object.hasOwn(AZURERM_TYPE_BY_ARM_TYPE, arm)) return undefined;
  const type = AZURERM_TYPE_BY_ARM_TYPE[arm];
  // Only registries and groups are read as data sources (a registry or group another configuration manages).
  if (r.mode === 'data' && type !== 'azurerm_container_registry' && type !== 'azurerm_resource_group')
    return undefined;
  const read = Object.hasOwn(VALUES_BY_TYPE, type) ? VALUES_BY_TYPE[type] : undefined;
  if (read === undefined) return undefined;
  const body = new Body(r);
  const connection = arm === CONNECTION_ARM_TYPE;
  const values = connection ? connectionValues(r, body) : read(r, body);
  const unknownConnection =
    type === 'azurerm_private_endpoint' && !connection ? unknownConnections(body) : undefined;
  const unknownZones = connection
    ? unknownBecause(`${r.address} approves an endpoint whose DNS zone group is in its own configuration`)
    : undefined;
  const view: RawResource = { ...r, type, values, viewOf: r.type };
  if (unknownZones)
    return { ...view, unknownBlocks: { ...r.unknownBlocks, private_dns_zone_group: unknownZones } };
  return unknownConnection
    ? { ...view, unknownBlocks: { ...r.unknownBlocks, private_service_connection: unknownConnection } }
    : view;
}

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

/** Every parent of a type, for a child whose parent is not decided. */
const EVERY = '*';

function replicaBlock(child: RawResource): Values {
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
 * azurerm view, and the children azurerm writes inline merged into their parents (see the top of this
 * file). The input as it is when it has no azapi_resource.
 */
export function withAzapiViews(resources: readonly RawResource[]): readonly RawResource[] {
  if (!resources.some((r) => r.type === AZAPI_RESOURCE)) return resources;
  const read = resources.map((r) => (r.type === AZAPI_RESOURCE ? (viewOf(r) ?? r) : r));
  const views = withGroupNames(read, new ResourcesByType(read));
  const byType = new ResourcesByType(views);
  const registries = new Parents(byType, 'azurerm_container_registry', REGISTRY_ID_PATTERN);
  const endpoints = new Parents(byType, 'azurerm_private_endpoint', PRIVATE_ENDPOINT_ID);
  const merges: Merges = {
    replicas: new Map(),
    zoneGroups: new Map(),
    unknownBlocks: new Map(),
    unread: new Map(),
  };
  const endpointMerges: Merges = {
    replicas: new Map(),
    zoneGroups: new Map(),
    unknownBlocks: new Map(),
    unread: new Map(),
  };
  for (const r of views) {
    if (r.type !== AZAPI_RESOURCE || r.mode !== 'managed') continue;
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
