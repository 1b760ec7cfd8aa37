/**
 * The classic Pulumi provider's registry children for deployment (`RegistryTask`,
 * `RegistryTaskScheduleRunNow`, `RegistryAgentPool`, `RegistryCredentialSet`, `RegistryCacheRule`,
 * `ConnectedRegistry`: `@pulumi/azure` 6.40 `*Args`, azurerm's attributes in camelCase) as their
 * azure-native twins (`Task`, `TaskRun`, `AgentPool`, `CredentialSet`, `CacheRule`,
 * `ConnectedRegistry`), named
 * by their registry's ID (its name and resource group segments when literal; the ID's property
 * dependencies otherwise), so one on a registry outside the stack is that registry's.
 */
import { REGISTRY_ID_PATTERN, resourceGroupFromId } from '../../../constructs/model/azure-ids';
import { CONNECTED_REGISTRY_AZURERM_DEFAULT_MODE } from '../../../constructs/model/ingest';
import { TASK_RUN_REQUEST, taskIdParts } from '../../../constructs/model/task-runs';
import { isUnknown, unknownBecause } from '../types';
import type { PulumiResourceRecord } from './build';
import type { Inputs, Mapped } from './classic-view';
import { mapValue, orDefault, same, statusOf, view } from './classic-view';
import { DEPLOY_TYPES } from './deploy-attachments';
import { PULUMI_TYPES as T, listOf, literal, plain, recordOf } from './values';

/**
 * The registry name and resource group a registry-ID input (`containerRegistryId`) names, with its
 * dependencies: a literal ID's segments (a literal that is no registry ID names no registry known
 * here: unknown), else the value as it is (an unknown ID links through its property dependencies).
 */
function registryOfId(inputs: Inputs, key: string): { name: Mapped[string]; group: Mapped[string] } {
  const value = inputs[key];
  const id = literal(value);
  const match = id === undefined ? null : REGISTRY_ID_PATTERN.exec(id);
  const name =
    id === undefined
      ? value
      : (match?.[1] ?? unknownBecause(`its ${key} ${JSON.stringify(id)} is no container registry ID`));
  const group = id === undefined ? value : match ? resourceGroupFromId(id) : name;
  return { name: { value: name, from: [key] }, group: { value: group, from: [key] } };
}

/**
 * The view of a classic registry child as azure-native `type`: its `name` as `nameKey`, its registry
 * by `containerRegistryId`, then `mapped`.
 */
function childView(
  r: PulumiResourceRecord,
  type: string,
  nameKey: string,
  mapped: Mapped,
): PulumiResourceRecord {
  const registry = registryOfId(r.inputs, 'containerRegistryId');
  return view(r, type, {
    [nameKey]: { value: r.inputs.name, from: ['name'] },
    registryName: registry.name,
    resourceGroupName: registry.group,
    ...mapped,
  });
}

/**
 * A classic task's step block as azure-native's `step` (a discriminated union by `type`): `dockerStep`
 * as `Docker` (azurerm: `pushEnabled` "Defaults to `true`", written out as `isPushEnabled`),
 * `fileStep` as `FileTask`, `encodedStep` as `EncodedTask` (`taskContent`, "optionally base64
 * encoded", is the encoded content). An unknown block makes the step unknown; of more than one, the
 * first in that order is read, as the Terraform adapter reads azurerm's; none: no step (a system task).
 */
function taskStepOf(v: Inputs): unknown {
  const blocks = [v.dockerStep, v.fileStep, v.encodedStep].map(plain);
  const unknown = blocks.find(isUnknown);
  if (unknown !== undefined) return unknown;
  const [docker, file, encoded] = blocks.map(recordOf);
  if (docker)
    return {
      type: 'Docker',
      dockerFilePath: docker.dockerfilePath,
      contextPath: docker.contextPath,
      imageNames: docker.imageNames,
      isPushEnabled: orDefault(docker.pushEnabled, true),
      target: docker.target,
    };
  if (file)
    return {
      type: 'FileTask',
      taskFilePath: file.taskFilePath,
      valuesFilePath: file.valueFilePath,
      contextPath: file.contextPath,
    };
  if (encoded)
    return {
      type: 'EncodedTask',
      encodedTaskContent: encoded.taskContent,
      encodedValuesContent: encoded.valueContent,
      contextPath: encoded.contextPath,
    };
  return undefined;
}

/** A classic `identity { type, identityIds }` as azure-native's `{ type, userAssignedIdentities }`. */
function identityOf(value: unknown): unknown {
  return mapValue(value, (v) => {
    const identity = recordOf(v);
    if (!identity) return v;
    const ids = plain(identity.identityIds);
    return {
      type: identity.type,
      userAssignedIdentities: isUnknown(ids)
        ? ids
        : Object.fromEntries((listOf(ids) ?? []).map((id) => [String(plain(id)), {}])),
    };
  });
}

export function taskView(r: PulumiResourceRecord): PulumiResourceRecord {
  const v = r.inputs;
  return childView(r, T.task, 'taskName', {
    // azurerm: `enabled` "Defaults to `true`".
    status: { value: statusOf(v.enabled, true), from: ['enabled'] },
    // Absent: the shared pool (azurerm sends no agentPoolName), as azure-native's.
    agentPoolName: same(v, 'agentPoolName'),
    identity: { value: identityOf(v.identity), from: ['identity'] },
    isSystemTask: same(v, 'isSystemTask'),
    platform: same(v, 'platform'),
    step: { value: taskStepOf(v), from: ['dockerStep', 'fileStep', 'encodedStep'] },
  });
}

/**
 * A classic `RegistryTaskScheduleRunNow` (`containerRegistryTaskId`, the task it runs once) as the
 * azure-native task run it is: a `TaskRunRequest` of that task (constructs/model/task-runs.ts), on
 * the registry of the task's ID (its segments when literal; the ID's dependencies otherwise, which
 * name the task).
 */
export function runNowView(r: PulumiResourceRecord): PulumiResourceRecord {
  const v = r.inputs;
  const id = literal(v.containerRegistryTaskId);
  const task = id === undefined ? undefined : taskIdParts(id);
  const registry = registryOfId(
    task ? { containerRegistryTaskId: task.registryId } : v,
    'containerRegistryTaskId',
  );
  return view(r, T.taskRun, {
    registryName: registry.name,
    resourceGroupName: registry.group,
    runRequest: {
      value: { type: TASK_RUN_REQUEST, taskId: v.containerRegistryTaskId },
      from: ['containerRegistryTaskId'],
    },
  });
}

export function agentPoolView(r: PulumiResourceRecord): PulumiResourceRecord {
  const v = r.inputs;
  return view(r, DEPLOY_TYPES.agentPool, {
    agentPoolName: { value: v.name, from: ['name'] },
    registryName: { value: v.containerRegistryName, from: ['containerRegistryName'] },
    resourceGroupName: same(v, 'resourceGroupName'),
    location: same(v, 'location'),
    virtualNetworkSubnetResourceId: { value: v.virtualNetworkSubnetId, from: ['virtualNetworkSubnetId'] },
    // azurerm: `tier` "Defaults to `S1`", `instance_count` "Defaults to `1`".
    tier: { value: orDefault(v.tier, 'S1'), from: ['tier'] },
    count: { value: orDefault(v.instanceCount, 1), from: ['instanceCount'] },
  });
}

/**
 * A credential set's one `authenticationCredentials { usernameSecretId, passwordSecretId }` as
 * azure-native's `authCredentials` list; an unknown block makes both secret IDs unknown (never
 * absent, which would read as no Key Vault secret).
 */
function authCredentialsOf(value: unknown): unknown {
  const v = plain(value);
  if (isUnknown(v)) return [{ usernameSecretIdentifier: v, passwordSecretIdentifier: v }];
  return mapValue(v, (block) => {
    const c = recordOf(block);
    return c
      ? [{ usernameSecretIdentifier: c.usernameSecretId, passwordSecretIdentifier: c.passwordSecretId }]
      : block;
  });
}

export function credentialSetView(r: PulumiResourceRecord): PulumiResourceRecord {
  const v = r.inputs;
  return childView(r, DEPLOY_TYPES.credentialSet, 'credentialSetName', {
    loginServer: same(v, 'loginServer'),
    authCredentials: {
      value: authCredentialsOf(v.authenticationCredentials),
      from: ['authenticationCredentials'],
    },
    identity: same(v, 'identity'),
  });
}

export function cacheRuleView(r: PulumiResourceRecord): PulumiResourceRecord {
  const v = r.inputs;
  return childView(r, DEPLOY_TYPES.cacheRule, 'cacheRuleName', {
    sourceRepository: { value: v.sourceRepo, from: ['sourceRepo'] },
    targetRepository: { value: v.targetRepo, from: ['targetRepo'] },
    credentialSetResourceId: { value: v.credentialSetId, from: ['credentialSetId'] },
  });
}

/** A classic connected registry: azurerm's `mode` "Defaults to `ReadWrite`", written out. */
export function connectedRegistryView(r: PulumiResourceRecord): PulumiResourceRecord {
  const v = r.inputs;
  return childView(r, T.connectedRegistry, 'connectedRegistryName', {
    mode: { value: orDefault(v.mode, CONNECTED_REGISTRY_AZURERM_DEFAULT_MODE), from: ['mode'] },
  });
}
