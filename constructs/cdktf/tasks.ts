/**
 * ACR Tasks: builds triggered by commits, base image updates and timers, and the scheduled
 * `acr purge` behind tag-based retention.
 */
import { Construct } from 'constructs';
import { ContainerRegistryTask } from '@cdktf/provider-azurerm/lib/container-registry-task';
import type { ResolvedPurge, ResolvedTask } from '../model/resolve';
import type { IRegistry } from './registry-base';
import { sensitiveInput } from './inputs';

/** Properties of BuildTask. */
export interface BuildTaskProps {
  readonly registry: IRegistry;
  readonly task: ResolvedTask;
  readonly tags: Readonly<Record<string, string>>;
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
    });
  }
}

/** Properties of PurgeTask. */
export interface PurgeTaskProps {
  readonly registry: IRegistry;
  readonly purge: ResolvedPurge;
  readonly tags: Readonly<Record<string, string>>;
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
    });
  }
}
