/**
 * ACR tasks of a Terraform input, with whether their steps can push (any step form: Docker, task file,
 * encoded). Tasks on registries outside the input (by registry ID) are external.
 */
import type { TaskPushVerdict } from '../task-steps';
import {
  FILE_STEP_PUSH,
  NO_STEP_PUSH,
  decodeTaskContent,
  dockerStepPush,
  encodedTaskPush,
} from '../task-steps';
import { taskRouteOf } from './deploy-attachments';
import type { AttachedLists } from './attached-lists';
import type { ResourceIndex } from './links';
import type { Detached } from './registry-links';
import type { RawResource } from './raw';
import { blocks, firstBlock, boolSetting, sourceOf, stringSetting } from './raw';
import type { ExternalTask, Task } from '../types';
import { UNKNOWN, isUnknown } from '../types';

function taskKind(r: RawResource): Task['kind'] {
  if (blocks(r.values.docker_step).length > 0 || blocks(r.values.file_step).length > 0) return 'build';
  const encoded = firstBlock(r.values.encoded_step)?.task_content;
  if (typeof encoded === 'string' && /\bacr purge\b/.test(decodeTaskContent(encoded))) return 'purge';
  return 'other';
}

function pushVerdict(r: RawResource): TaskPushVerdict {
  const v = r.values;
  if ([v.docker_step, v.file_step, v.encoded_step].some(isUnknown))
    return { canPush: UNKNOWN, reason: 'its steps are known only after apply' };
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

/** Attaches every task to its managed registry; tasks on other registries go to `external`. */
export function attachTasks(
  index: ResourceIndex,
  file: string,
  attached: AttachedLists,
  external: ExternalTask[],
  detached?: Detached[],
): void {
  for (const r of index.ofType('azurerm_container_registry_task')) {
    const task = taskOf(file, r);
    const target = index.registryFromId(r.values.container_registry_id);
    if (target?.kind === 'managed') {
      for (const { lists } of attached.of(target)) lists.tasks.push(task);
    } else {
      external.push({ ...task, registryName: target?.kind === 'external' ? target.name : UNKNOWN });
      detached?.push({ kind: 'tasks', item: task, target });
    }
  }
}
