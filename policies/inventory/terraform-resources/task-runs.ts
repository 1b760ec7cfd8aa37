/**
 * Runs of an existing task (constructs/model/task-runs.ts) in a Terraform input: azurerm's
 * `azurerm_container_registry_task_schedule_run_now`, and an azapi task run whose run request is a
 * `TaskRunRequest` (its view, azapi-views.ts: `run_task_id`). A run of a task the input declares adds
 * nothing: that task is judged by its own steps, on its own registry, as any task that may be run. A
 * run of a task the input does not declare runs steps the checker cannot read: it is a task whose
 * push is unknown, on the registry the run is on (for azurerm's, the registry of the task's ID), which
 * may be outside the input (then an external task).
 */
import { isBareTaskName, taskIdParts } from '../../../constructs/model/task-runs';
import type { Setting, Task } from '../types';
import { UNKNOWN, isUnknown, unknownBecause, unknownReason } from '../types';
import type { RegistryTarget, ResourceIndex } from './links';
import type { RawResource } from './raw';
import { blocks, literal, parseReference, sourceOf } from './raw';
import { taskRouteOf } from './deploy-attachments';

const TASK = 'azurerm_container_registry_task';

/** What a task ID names: a task of the input, a task the input does not declare, or not decided. */
type NamedTask =
  | { readonly kind: 'input'; readonly task: RawResource }
  | { readonly kind: 'outside'; readonly taskName: string; readonly registry: RegistryTarget | undefined }
  | { readonly kind: 'undecided'; readonly reason: string };

/** True for a task the input declares (not a task run read as a task: no task ID names one). */
function isTask(r: RawResource | undefined): r is RawResource {
  return r?.type === TASK && r.mode === 'managed' && r.values.task_run !== true;
}

function sameRegistry(a: RegistryTarget | undefined, b: RegistryTarget | undefined): boolean {
  if (a?.kind === 'managed' && b?.kind === 'managed') return a.addresses.some((x) => b.addresses.includes(x));
  if (a?.kind === 'external' && b?.kind === 'external')
    return (
      typeof a.name === 'string' &&
      typeof b.name === 'string' &&
      a.name.toLowerCase() === b.name.toLowerCase()
    );
  return false;
}

/** The task of the input named `name` on `registry` (by literal name), if any. */
function taskNamed(
  index: ResourceIndex,
  registry: RegistryTarget | undefined,
  name: string,
): RawResource | undefined {
  return index
    .ofType(TASK)
    .find(
      (t) =>
        isTask(t) &&
        literal(t.values.name)?.toLowerCase() === name.toLowerCase() &&
        sameRegistry(index.registryFromId(t.values.container_registry_id), registry),
    );
}

/**
 * What the task ID `value` (attribute `attribute` of a run) names; a bare task name, a task of
 * `runsOn` (the registry of a run request, when it has one).
 */
function namedTask(
  index: ResourceIndex,
  value: unknown,
  attribute: string,
  runsOn?: RegistryTarget,
): NamedTask {
  if (isUnknown(value))
    return {
      kind: 'undecided',
      reason: `${attribute} is unknown: ${unknownReason(value) ?? 'known only after apply'}`,
    };
  const text = typeof value === 'string' ? value : undefined;
  if (text === undefined) return { kind: 'undecided', reason: `${attribute} is not set` };
  if (parseReference(text)) {
    const target = index.referenced(text);
    return isTask(target)
      ? { kind: 'input', task: target }
      : { kind: 'undecided', reason: `${attribute} = \`${text}\` does not resolve to a task of the input` };
  }
  if (text.includes('${'))
    return {
      kind: 'undecided',
      reason: `${attribute} = \`${text}\` is known only after apply (check the plan)`,
    };
  if (isBareTaskName(text)) {
    if (!runsOn)
      return {
        kind: 'undecided',
        reason: `${attribute} = \`${text}\` names a task by name only, on a registry the input does not decide`,
      };
    const task = taskNamed(index, runsOn, text);
    return task ? { kind: 'input', task } : { kind: 'outside', taskName: text, registry: runsOn };
  }
  const parts = taskIdParts(text);
  if (!parts) return { kind: 'undecided', reason: `${attribute} = \`${text}\` is no ACR task ID` };
  const registry = index.registryFromId(parts.registryId);
  const task = taskNamed(index, registry, parts.taskName);
  return task ? { kind: 'input', task } : { kind: 'outside', taskName: parts.taskName, registry };
}

/**
 * True when a run replaces the task file of `task` (`overrideTaskStepProperties.file`): for a task
 * whose step is no Docker build, the steps that run are not the ones the task shows.
 */
function replacesSteps(task: RawResource, file: unknown): boolean {
  return file !== undefined && file !== null && blocks(task.values.docker_step).length === 0;
}

/**
 * A run whose steps cannot be read, as a task of its registry: `why` it cannot be read, and where it
 * runs (by default: with the pool and identity of a task the input does not show).
 */
export function unreadRun(
  file: string,
  r: RawResource,
  name: Setting<string>,
  why: string,
  route?: Pick<Task, 'agentPool' | 'systemIdentity'>,
): Task {
  const unread = unknownBecause(why);
  return {
    source: sourceOf(r, file),
    name,
    kind: 'other',
    enabled: true,
    ...(route ?? { agentPool: unread, systemIdentity: unread }),
    canPush: unread,
    pushReason: `${why}: its steps cannot be read here`,
  };
}

/** What a run of a named task adds to the tasks of its registry: nothing, or a task it cannot read. */
export interface RunOfTask {
  readonly item: Task;
  /** The registry it runs on; undefined when the input does not decide it. */
  readonly registry: RegistryTarget | undefined;
}

/**
 * What an azapi task run of a `TaskRunRequest` (its view: `run_task_id`, `run_file`) adds to the
 * tasks of its registry (`container_registry_id`, the run's parent); undefined when nothing.
 */
export function azapiRunOfTask(index: ResourceIndex, file: string, r: RawResource): RunOfTask | undefined {
  const registry = index.registryFromId(r.values.container_registry_id);
  const named = namedTask(index, r.values.run_task_id, `${r.address} runRequest.taskId`, registry);
  const name = literal(r.values.name) ?? UNKNOWN;
  if (named.kind === 'input') {
    if (!replacesSteps(named.task, r.values.run_file)) return undefined;
    const task = literal(named.task.values.name) ?? named.task.address;
    return {
      item: unreadRun(file, r, name, `it runs task ${task} with another task file`, taskRouteOf(named.task)),
      registry,
    };
  }
  const reason =
    named.kind === 'outside'
      ? `it runs task ${named.taskName}, which the input does not declare`
      : `it runs a task the input does not decide: ${named.reason}`;
  return { item: unreadRun(file, r, name, reason), registry };
}

/**
 * What an `azurerm_container_registry_task_schedule_run_now` adds to the tasks of the registry of its
 * task: undefined when that task is the input's.
 */
export function runNowOfTask(index: ResourceIndex, file: string, r: RawResource): RunOfTask | undefined {
  const named = namedTask(index, r.values.container_registry_task_id, 'container_registry_task_id');
  if (named.kind === 'input') return undefined;
  if (named.kind === 'outside')
    return {
      item: unreadRun(file, r, named.taskName, `${r.address} runs it, and the input does not declare it`),
      registry: named.registry,
    };
  return {
    item: unreadRun(file, r, UNKNOWN, `${r.address} runs a task the input does not decide: ${named.reason}`),
    registry: undefined,
  };
}
