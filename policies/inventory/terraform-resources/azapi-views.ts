/**
 * The azurerm view of an `azapi_resource`: the attributes of the azurerm resource of its ARM type
 * (constructs/model/arm-types.ts), read from its `body` and `parent_id` (property names: the ARM
 * template reference, learn.microsoft.com/azure/templates, of each type). A registry keeps its `type`
 * and `body`, which build.ts applies over Azure's defaults as it applies an `azapi_update_resource`
 * body; azurerm's default for an absent attribute is Azure's own for the same property (FACTS.md
 * section 5).
 */
import { AZURERM_TYPE_BY_ARM_TYPE } from '../../../constructs/model/arm-types';
import {
  SCHEDULE_RUN_ACTION,
  STEP_TYPE_BY_RUN_REQUEST,
  TASK_RUN_ARM_TYPE,
  TASK_RUN_REQUEST,
} from '../../../constructs/model/task-runs';
import { armTypeOf } from '../../../constructs/model/removal-kinds';
import { PRIVATE_ENDPOINT_GROUP_ID } from '../../../constructs/model/private-dns';
import type { Unknown } from '../types';
import { isUnknown, unknownBecause } from '../types';
import type { Values } from './azapi-body';
import { Body, defined, groupOf, registryNameOf, statusFlag } from './azapi-body';
import type { RawResource } from './raw';
import { asRecord, blocks } from './raw';

/** Nested blocks of a view that the input leaves unknown, by path (see `RawResource.unknownBlocks`). */
type UnknownBlocks = Readonly<Record<string, Unknown>>;

/** How one ARM type is read: its azurerm attributes, and the blocks it leaves unknown. */
interface Reader {
  readonly values: (r: RawResource, body: Body) => Values;
  readonly unknownBlocks?: (r: RawResource, body: Body) => UnknownBlocks | undefined;
  /** The azurerm type it is read as, for an ARM type azurerm has no resource of (AZURERM_TYPE_BY_ARM_TYPE otherwise). */
  readonly as?: string;
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

/** A private endpoint's connections, when they are not known: unknown, with the reason. */
function unknownConnections(_r: RawResource, body: Body): UnknownBlocks | undefined {
  const automatic = body.property('privateLinkServiceConnections');
  const manual = body.property('manualPrivateLinkServiceConnections');
  const unknown = [automatic, manual].find(isUnknown) as Unknown | undefined;
  return unknown ? { private_service_connection: unknown } : undefined;
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

/** The DNS zone group of the endpoint a connection approves: in the endpoint's own configuration. */
function connectionZones(r: RawResource): UnknownBlocks {
  return {
    private_dns_zone_group: unknownBecause(
      `${r.address} approves an endpoint whose DNS zone group is in its own configuration`,
    ),
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

/** A run request that carries a step (constructs/model/task-runs.ts) as a task's step of its kind. */
function requestSteps(request: unknown): Values {
  const run = asRecord(request);
  if (!run) return taskSteps(request);
  const type = Object.hasOwn(STEP_TYPE_BY_RUN_REQUEST, String(run.type))
    ? STEP_TYPE_BY_RUN_REQUEST[String(run.type)]
    : undefined;
  if (type === undefined)
    return {
      docker_step: unknownBecause(`its run request type ${JSON.stringify(run.type)} is not read here`),
    };
  return taskSteps({ ...run, type, contextPath: run.sourceLocation });
}

/**
 * A run request (constructs/model/task-runs.ts) as a task that runs once, on the registry `registryId`
 * names: a request that carries a step as a task of that step; a `TaskRunRequest` as the task it names
 * (`run_task_id`) with the task file it puts in place of the task's (`run_file`), which task-runs.ts
 * reads. `task_run` marks it: no task ID names it.
 */
function runValues(r: RawResource, request: unknown, registryId: unknown, identity: unknown): Values {
  const run = asRecord(request);
  const unknown = isUnknown(request) || (typeof request === 'string' && request.includes('${'));
  const named =
    run?.type === TASK_RUN_REQUEST
      ? {
          run_task_id: run.taskId ?? unknownBecause(`the TaskRunRequest of ${r.address} names no taskId`),
          run_file: asRecord(run.overrideTaskStepProperties)?.file,
        }
      : undefined;
  return defined({
    name: r.values.name,
    container_registry_id: registryId,
    task_run: true,
    agent_pool_name: unknown
      ? unknownBecause(`the run request of ${r.address} is not known`)
      : run?.agentPoolName,
    identity: blocks(identity).length > 0 || isUnknown(identity) ? identity : undefined,
    ...(named ?? requestSteps(request)),
  });
}

/** A task run (`registries/taskRuns`): its `properties.runRequest`, on its parent registry. */
function taskRunValues(r: RawResource, body: Body): Values {
  return runValues(
    r,
    body.property('runRequest'),
    r.values.parent_id,
    r.values.identity ?? body.at('identity'),
  );
}

/**
 * The run an `azapi_resource_action` schedules on a registry (`action = "scheduleRun"`, its `body` the
 * run request: constructs/model/task-runs.ts) as a task view (`resource_id` its registry), the way a
 * task run is read; one whose action is not decided may be that run. Undefined for any other action.
 */
export function scheduledRunView(r: RawResource): RawResource | undefined {
  if (r.mode !== 'managed' || armTypeOf(r.values.type) !== 'microsoft.containerregistry/registries')
    return undefined;
  const action = r.values.action;
  const decided = typeof action === 'string' && !action.includes('${');
  if (decided && action.toLowerCase() !== SCHEDULE_RUN_ACTION.toLowerCase()) return undefined;
  const request = decided
    ? new Body(r).at()
    : unknownBecause(`the action of ${r.address} is not decided here, and may schedule a run`);
  return {
    ...r,
    type: 'azurerm_container_registry_task',
    values: runValues(r, request, r.values.resource_id, undefined),
    viewOf: r.type,
  };
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

/** How each ARM type is read (lowercase, without the API version; azurerm type: AZURERM_TYPE_BY_ARM_TYPE). */
const READERS: Readonly<Record<string, Reader>> = {
  'microsoft.containerregistry/registries': { values: registryValues },
  'microsoft.containerregistry/registries/webhooks': { values: webhookValues },
  'microsoft.containerregistry/registries/tokens': { values: tokenValues },
  'microsoft.containerregistry/registries/scopemaps': { values: scopeMapValues },
  'microsoft.containerregistry/registries/tasks': { values: taskValues },
  [TASK_RUN_ARM_TYPE]: { values: taskRunValues, as: 'azurerm_container_registry_task' },
  'microsoft.containerregistry/registries/agentpools': { values: agentPoolValues },
  'microsoft.containerregistry/registries/credentialsets': { values: credentialSetValues },
  'microsoft.containerregistry/registries/cacherules': { values: cacheRuleValues },
  'microsoft.containerregistry/registries/privateendpointconnections': {
    values: connectionValues,
    unknownBlocks: connectionZones,
  },
  'microsoft.authorization/roleassignments': { values: roleAssignmentValues },
  'microsoft.authorization/roledefinitions': { values: roleDefinitionValues },
  'microsoft.authorization/locks': { values: lockValues },
  'microsoft.insights/diagnosticsettings': { values: diagnosticValues },
  'microsoft.network/privateendpoints': { values: privateEndpointValues, unknownBlocks: unknownConnections },
  'microsoft.resources/resourcegroups': { values: resourceGroupValues },
};

/** The azurerm view of one generic resource, or undefined when its type is not one read as azurerm's. */
export function viewOf(r: RawResource): RawResource | undefined {
  const arm = armTypeOf(r.values.type);
  if (arm === undefined || !Object.hasOwn(READERS, arm)) return undefined;
  const reader = READERS[arm];
  if (reader.as === undefined && !Object.hasOwn(AZURERM_TYPE_BY_ARM_TYPE, arm)) return undefined;
  const type = reader.as ?? AZURERM_TYPE_BY_ARM_TYPE[arm];
  // Only registries and groups are read as data sources (a registry or group another configuration manages).
  if (r.mode === 'data' && type !== 'azurerm_container_registry' && type !== 'azurerm_resource_group')
    return undefined;
  const body = new Body(r);
  const view: RawResource = { ...r, type, values: reader.values(r, body), viewOf: r.type };
  const unknown = reader.unknownBlocks?.(r, body);
  return unknown ? { ...view, unknownBlocks: { ...r.unknownBlocks, ...unknown } } : view;
}
