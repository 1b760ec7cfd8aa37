/**
 * ACR tasks of a Terraform input, with whether their steps can push (any step form: Docker, task file,
 * encoded), and task runs: an azapi task run of a step, or a run its registry's `scheduleRun` action
 * schedules (`azapi_resource_action`), is read as a task of that step (azapi-views.ts), a run of an
 * existing task by task-runs.ts. Tasks on registries outside the input (by registry ID)
 * are external.
 */
import type { TaskPushVerdict } from '../task-steps';
import {
  FILE_STEP_PUSH,
  NO_STEP_PUSH,
  decodeTaskContent,
  dockerStepPush,
  encodedTaskPush,
} from '../task-steps';
import { RUN_NOW_TERRAFORM_TYPE } from '../../../constructs/model/task-runs';
import { taskRouteOf } from './deploy-attachments';
import { scheduledRunView } from './azapi-views';
import type { AttachedLists } from './attached-lists';
import type { RegistryTarget, ResourceIndex } from './links';
import type { Detached } from './registry-links';
import type { RawResource } from './raw';
import type { RunOfTask } from './task-runs';
import { azapiRunOfTask, runNowOfTask, unreadRun } from './task-runs';
import { isUntyped, typeText } from './untyped-resources';
import { blocks, firstBlock, boolSetting, literal, sourceOf, stringSetting } from './raw';
import type { ExternalTask, Task } from '../types';
import { UNKNOWN, isUnknown, unknownReason } from '../types';

function taskKind(r: RawResource): Task['kind'] {
  if (blocks(r.values.docker_step).length > 0 || blocks(r.values.file_step).length > 0) return 'build';
  const encoded = firstBlock(r.values.encoded_step)?.task_content;
  if (typeof encoded === 'string' && /\bacr purge\b/.test(decodeTaskContent(encoded))) return 'purge';
  return 'other';
}

function pushVerdict(r: RawResource): TaskPushVerdict {
  const v = r.values;
  const unknown = [v.docker_step, v.file_step, v.encoded_step].find(isUnknown);
  if (unknown)
    return { canPush: UNKNOWN, reason: unknownReason(unknown) ?? 'its steps are known only after apply' };
  const docker = firstBlock(v.docker_step);
  if (docker) return dockerStepPush(docker.push_enabled, docker.image_names);
  if (blocks(v.file_step).length > 0) return FILE_STEP_PUSH;
  const encoded = firstBlock(v.encoded_step);
  if (encoded) return encodedTaskPush(encoded.task_content);
  return NO_STEP_PUSH;
}

function taskOf(file: string, r: RawResource): Task {
  const verdict = pushVerdict(r);
  return {
    source: sourceOf(r, file),
    name: stringSetting(r.values.name, ''),
    kind: taskKind(r),
    enabled: boolSetting(r.values.enabled, true),
    ...taskRouteOf(r),
    canPush: verdict.canPush,
    pushReason: verdict.reason,
  };
}

/** A task or run the input shows, and the registry it is on. */
function listed(index: ResourceIndex, file: string, r: RawResource): RunOfTask | undefined {
  // An azapi task run of an existing task (azapi-views.ts): that task's, or one not read here.
  if (r.values.run_task_id !== undefined) return azapiRunOfTask(index, file, r);
  return { item: taskOf(file, r), registry: index.registryFromId(r.values.container_registry_id) };
}

/**
 * Attaches every task, and every run of a task the input does not declare, to its managed registry;
 * those on other registries go to `external`.
 */
export function attachTasks(
  index: ResourceIndex,
  file: string,
  attached: AttachedLists,
  external: ExternalTask[],
  detached?: Detached[],
): void {
  const attach = (task: Task, target: RegistryTarget | undefined): void => {
    if (target?.kind === 'managed') {
      for (const { lists } of attached.of(target)) lists.tasks.push(task);
    } else {
      external.push({ ...task, registryName: target?.kind === 'external' ? target.name : UNKNOWN });
      detached?.push({ kind: 'tasks', item: task, target });
    }
  };
  for (const r of index.ofType('azurerm_container_registry_task')) {
    const run = listed(index, file, r);
    if (run) attach(run.item, run.registry);
  }
  for (const r of index.ofType(RUN_NOW_TERRAFORM_TYPE)) {
    const run = runNowOfTask(index, file, r);
    if (run) attach(run.item, run.registry);
  }
  // A registry's scheduleRun action, read as a task run (azapi-views.ts).
  for (const r of index.ofType('azapi_resource_action')) {
    const view = scheduledRunView(r);
    const run = view && listed(index, file, view);
    if (run) attach(run.item, run.registry);
  }
  // A resource whose type is not decided, under a registry outside the input, may be a task or a
  // task run of it (untyped-resources.ts: under one of the input, every list of it is unknown).
  for (const r of index.ofType('azapi_resource')) {
    if (!isUntyped(r)) continue;
    const target = index.registryFromId(r.values.parent_id);
    if (target?.kind !== 'external') continue;
    const registry =
      typeof target.name === 'string' ? `registry ${target.name}` : 'a registry outside the input';
    const why = `${r.address} may be a task or a task run of ${registry}: its type ${typeText(r)}`;
    attach(unreadRun(file, r, literal(r.values.name) ?? UNKNOWN, why), target);
  }
}
