/**
 * ACR Tasks: builds triggered by commits, base image updates and timers, and the scheduled
 * `acr purge` behind tag-based retention.
 */
import { Construct } from 'constructs';
import { ContainerRegistryTask } from '@cdktf/provider-azurerm/lib/container-registry-task';
import type { ITerraformDependable } from 'cdktf';
import type { ResolvedPurge, ResolvedTask, ResolvedTaskNetwork } from '../model/resolve';
import type { BuiltInRole } from '../model/roles';
import { taskIdentityRoles } from '../model/roles';
import type { IRegistry } from './registry-base';
import { sensitiveInput } from './inputs';

/** How a task reaches its registry (the model decided it: see `ResolvedTaskNetwork`). */
export interface TaskNetworkProps {
  readonly network: ResolvedTaskNetwork;
  /** The agent pool resource, when tasks run on one (tasks wait for it). @default undefined */
  readonly agentPool?: ITerraformDependable | undefined;
}

/** The task arguments of a network route: agent pool, or the identity the bypass admits. */
function routeConfig(
  registry: IRegistry,
  props: TaskNetworkProps | undefined,
): Pick<
  ConstructorParameters<typeof ContainerRegistryTask>[2],
  'agentPoolName' | 'registryCredential' | 'dependsOn'
> {
  const network = props?.network;
  if (network?.agentPoolName !== undefined)
    return {
      agentPoolName: network.agentPoolName,
      ...(props?.agentPool && { dependsOn: [props.agentPool] }),
    };
  if (network?.useIdentity)
    // Microsoft Learn "Manage network bypass policy for tasks": the bypass admits tasks that sign in
    // with their system-assigned identity, set as the credential for the registry's own login server.
    return { registryCredential: { custom: [{ loginServer: registry.loginServer, identity: '[system]' }] } };
  return {};
}

/** Grants the task's identity the roles it needs on its registry (bypass route only). */
function grantTaskIdentity(
  registry: IRegistry,
  task: ContainerRegistryTask,
  taskName: string,
  roles: readonly BuiltInRole[],
): void {
  for (const role of roles) {
    registry.grantRole(role, {
      principalId: task.identity.principalId,
      principalType: 'ServicePrincipal',
      name: `task-${taskName}`,
      description: `ACR task ${taskName} signs in with its identity (network bypass for tasks)`,
    });
  }
}

/** Properties of BuildTask. */
export interface BuildTaskProps {
  readonly registry: IRegistry;
  readonly task: ResolvedTask;
  readonly tags: Readonly<Record<string, string>>;
  /** How the task reaches the registry. @default the shared pool, default credentials */
  readonly route?: TaskNetworkProps;
}

/** A build task with its triggers; Git credentials come from a sensitive variable. */
export class BuildTask extends Construct {
  /** The task resource. */
  readonly resource: ContainerRegistryTask;

  constructor(scope: Construct, id: string, props: BuildTaskProps) {
    super(scope, id);
    const { registry, task } = props;
    const gitToken = task.gitTokenInput
      ? sensitiveInput(this, task.gitTokenInput, 'string', `Git access token of ACR task ${task.name}`)
          .stringValue
      : undefined;
    const step = task.step;
    this.resource = new ContainerRegistryTask(this, 'task', {
      name: task.name,
      containerRegistryId: registry.registryId,
      platform: { os: task.os },
      timeoutInSeconds: task.timeoutSeconds,
      identity: { type: 'SystemAssigned' },
      ...(step.type === 'docker' && {
        dockerStep: {
          contextPath: step.contextPath,
          contextAccessToken: gitToken ?? '',
          dockerfilePath: step.dockerfilePath,
          imageNames: [...step.imageNames],
          pushEnabled: step.push,
        },
      }),
      ...(step.type === 'file' && {
        fileStep: {
          contextPath: step.contextPath,
          ...(gitToken !== undefined && { contextAccessToken: gitToken }),
          taskFilePath: step.taskFilePath,
          ...(step.valuesFilePath !== undefined && { valueFilePath: step.valuesFilePath }),
        },
      }),
      ...(task.sourceTrigger && {
        sourceTrigger: [
          {
            name: 'source',
            events: [...task.sourceTrigger.events],
            repositoryUrl: task.sourceTrigger.repositoryUrl,
            sourceType: task.sourceTrigger.sourceType,
            branch: task.sourceTrigger.branch,
            ...(gitToken && { authentication: { token: gitToken, tokenType: 'PAT' } }),
          },
        ],
      }),
      ...(task.baseImageTrigger && { baseImageTrigger: { name: 'base-image', type: 'Runtime' } }),
      timerTrigger: task.timers.map((t) => ({ name: t.name, schedule: t.schedule })),
      tags: { ...props.tags },
      ...routeConfig(registry, props.route),
    });
    if (props.route?.network.useIdentity)
      grantTaskIdentity(registry, this.resource, task.name, taskIdentityRoles('build', registry.access.mode));
  }
}

/** Properties of PurgeTask. */
export interface PurgeTaskProps {
  readonly registry: IRegistry;
  readonly purge: ResolvedPurge;
  readonly tags: Readonly<Record<string, string>>;
  /** How the task reaches the registry. @default the shared pool, default credentials */
  readonly route?: TaskNetworkProps;
}

/** A scheduled task that runs `acr purge` (the command is built by the model). */
export class PurgeTask extends Construct {
  /** The task resource. */
  readonly resource: ContainerRegistryTask;

  constructor(scope: Construct, id: string, props: PurgeTaskProps) {
    super(scope, id);
    const { registry, purge } = props;
    this.resource = new ContainerRegistryTask(this, 'task', {
      name: purge.name,
      containerRegistryId: registry.registryId,
      platform: { os: 'Linux' },
      timeoutInSeconds: purge.timeoutSeconds,
      encodedStep: { taskContent: Buffer.from(purge.taskFile, 'utf8').toString('base64') },
      timerTrigger: [{ name: 'schedule', schedule: purge.schedule }],
      tags: { ...props.tags, 'acr-iac-purge': purge.command.slice(0, 256) },
      ...(props.route?.network.useIdentity && { identity: { type: 'SystemAssigned' } }),
      ...routeConfig(registry, props.route),
    });
    // acr purge lists repositories, reads and deletes tags.
    if (props.route?.network.useIdentity)
      grantTaskIdentity(
        registry,
        this.resource,
        purge.name,
        taskIdentityRoles('purge', registry.access.mode),
      );
  }
}
