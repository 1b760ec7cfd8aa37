/**
 * ACR Tasks: builds triggered by commits, base image updates and timers, and the scheduled
 * `acr purge` behind tag-based retention (command and task file built by the model).
 */
import * as pulumi from '@pulumi/pulumi';
import { Task } from '@pulumi/azure-native/containerregistry/task';
import type { TaskArgs } from '@pulumi/azure-native/containerregistry/task';
import type { ResolvedPurge, ResolvedTask, ResolvedTaskNetwork } from '../model/resolve';
import type { BuiltInRole } from '../model/roles';
import { taskIdentityRoles } from '../model/roles';
import type { IRegistry } from './access';
import { childOf } from './access';

/** How a task reaches its registry (the model decided it: see `ResolvedTaskNetwork`). */
export interface TaskRouteArgs {
  readonly network: ResolvedTaskNetwork;
  /** The agent pool resource, when tasks run on one (tasks wait for it). @default undefined */
  readonly agentPool?: pulumi.Resource | undefined;
}

/** Task arguments of a network route: the agent pool, or the identity the bypass admits. */
function routeArgs(registry: IRegistry, route: TaskRouteArgs | undefined): Partial<TaskArgs> {
  const network = route?.network;
  if (network?.agentPoolName !== undefined) return { agentPoolName: network.agentPoolName };
  if (network?.useIdentity)
    // Microsoft Learn "Manage network bypass policy for tasks": the task signs in with its identity.
    return {
      identity: { type: 'SystemAssigned' },
      credentials: { customRegistries: { [registry.loginServer]: { identity: '[system]' } } },
    };
  return {};
}

/** Resource options of a task: its parent, the registry and the agent pool it waits for. */
function taskOptions(parent: pulumi.Resource, registry: IRegistry, route: TaskRouteArgs | undefined) {
  const options = childOf(parent, registry);
  const waitFor = route?.network.agentPoolName !== undefined ? route.agentPool : undefined;
  return waitFor
    ? { ...options, dependsOn: [...(options.dependsOn as pulumi.Resource[]), waitFor] }
    : options;
}

/** Grants the task's identity the roles it needs on its registry (bypass route only). */
function grantTaskIdentity(
  registry: IRegistry,
  task: Task,
  taskName: string,
  roles: readonly BuiltInRole[],
): void {
  for (const role of roles) {
    registry.grantRole(role, {
      principalId: task.identity.apply((identity) => identity?.principalId ?? ''),
      principalType: 'ServicePrincipal',
      name: `task-${taskName}`,
      description: `ACR task ${taskName} signs in with its identity (network bypass for tasks)`,
    });
  }
}

/** Arguments of BuildTask. */
export interface BuildTaskArgs {
  readonly registry: IRegistry;
  readonly task: ResolvedTask;
  /** Region of the task (the registry's). */
  readonly location: string;
  readonly tags: Readonly<Record<string, string>>;
  /** Git access token (a secret from config). @default undefined: a public repository */
  readonly gitToken?: pulumi.Output<string> | undefined;
  /** How the task reaches the registry. @default the shared pool, default credentials */
  readonly route?: TaskRouteArgs | undefined;
}

/** A build task with its triggers (type `acr-iac:index:BuildTask`). */
export class BuildTask extends pulumi.ComponentResource {
  /** The task resource. */
  readonly resource: Task;

  constructor(name: string, args: BuildTaskArgs, opts?: pulumi.ComponentResourceOptions) {
    super('acr-iac:index:BuildTask', name, {}, opts);
    const { registry, task } = args;
    // The token is wrapped again so it stays secret whatever the caller passed.
    const token = args.gitToken && pulumi.secret(args.gitToken);
    this.resource = new Task(
      `${name}-task`,
      {
        taskName: task.name,
        registryName: registry.registryName,
        resourceGroupName: registry.resourceGroupName,
        location: args.location,
        platform: { os: task.os },
        timeout: task.timeoutSeconds,
        identity: { type: 'SystemAssigned' },
        status: 'Enabled',
        step: stepArgs(task, token),
        trigger: {
          sourceTriggers: task.sourceTrigger && [
            {
              name: 'source',
              sourceTriggerEvents: [...task.sourceTrigger.events],
              sourceRepository: {
                repositoryUrl: task.sourceTrigger.repositoryUrl,
                branch: task.sourceTrigger.branch,
                sourceControlType: task.sourceTrigger.sourceType,
                sourceControlAuthProperties: token && { token, tokenType: 'PAT' },
              },
            },
          ],
          baseImageTrigger: task.baseImageTrigger
            ? { name: 'base-image', baseImageTriggerType: 'Runtime' }
            : undefined,
          timerTriggers:
            task.timers.length > 0
              ? task.timers.map((t) => ({ name: t.name, schedule: t.schedule }))
              : undefined,
        },
        tags: { ...args.tags },
        ...routeArgs(registry, args.route),
      },
      taskOptions(this, registry, args.route),
    );
    if (args.route?.network.useIdentity)
      grantTaskIdentity(registry, this.resource, task.name, taskIdentityRoles('build', registry.access.mode));
    this.registerOutputs({ taskId: this.resource.id });
  }
}

function stepArgs(task: ResolvedTask, token: pulumi.Output<string> | undefined): TaskArgs['step'] {
  const step = task.step;
  if (step.type === 'docker') {
    return {
      type: 'Docker',
      contextPath: step.contextPath,
      contextAccessToken: token,
      dockerFilePath: step.dockerfilePath,
      imageNames: [...step.imageNames],
      isPushEnabled: step.push,
    };
  }
  return {
    type: 'FileTask',
    contextPath: step.contextPath,
    contextAccessToken: token,
    taskFilePath: step.taskFilePath,
    valuesFilePath: step.valuesFilePath,
  };
}

/** Arguments of PurgeTask. */
export interface PurgeTaskArgs {
  readonly registry: IRegistry;
  readonly purge: ResolvedPurge;
  /** Region of the task (the registry's). */
  readonly location: string;
  readonly tags: Readonly<Record<string, string>>;
  /** How the task reaches the registry. @default the shared pool, default credentials */
  readonly route?: TaskRouteArgs;
}

/** A scheduled task that runs `acr purge` (type `acr-iac:index:PurgeTask`). */
export class PurgeTask extends pulumi.ComponentResource {
  /** The task resource. */
  readonly resource: Task;

  constructor(name: string, args: PurgeTaskArgs, opts?: pulumi.ComponentResourceOptions) {
    super('acr-iac:index:PurgeTask', name, {}, opts);
    const { registry, purge } = args;
    this.resource = new Task(
      `${name}-task`,
      {
        taskName: purge.name,
        registryName: registry.registryName,
        resourceGroupName: registry.resourceGroupName,
        location: args.location,
        platform: { os: 'Linux' },
        timeout: purge.timeoutSeconds,
        status: 'Enabled',
        step: {
          type: 'EncodedTask',
          encodedTaskContent: Buffer.from(purge.taskFile, 'utf8').toString('base64'),
        },
        trigger: { timerTriggers: [{ name: 'schedule', schedule: purge.schedule }] },
        tags: { ...args.tags, 'acr-iac-purge': purge.command.slice(0, 256) },
        ...routeArgs(registry, args.route),
      },
      taskOptions(this, registry, args.route),
    );
    // acr purge lists repositories, reads and deletes tags.
    if (args.route?.network.useIdentity)
      grantTaskIdentity(
        registry,
        this.resource,
        purge.name,
        taskIdentityRoles('purge', registry.access.mode),
      );
    this.registerOutputs({ taskId: this.resource.id });
  }
}
