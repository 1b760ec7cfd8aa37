/**
 * ACR tasks of a Pulumi stack, with whether their steps can push (Docker, FileTask, EncodedTask), and
 * task runs, which run a step once. Tasks on registries outside the stack are external. The
 * azure-native twin of terraform-resources/tasks.ts.
 */
import type { TaskPushVerdict } from '../task-steps';
import {
  FILE_STEP_PUSH,
  NO_STEP_PUSH,
  decodeTaskContent,
  dockerStepPush,
  encodedTaskPush,
} from '../task-steps';
import { pulumiTaskRouteOf } from './deploy-attachments';
import type { PulumiResourceRecord } from './build';
import type { PulumiIndex } from './values';
import type { PulumiUnattached } from './unattached';
import { PULUMI_TYPES as T, literal, plain, pulumiSourceOf, recordOf, statusOn, stringOf } from './values';
import type { Attachments, ExternalTask, Task } from '../types';
import { UNKNOWN, isUnknown, unknownReason } from '../types';

/** The azure-native run request types and the step types they share the verdict with. */
const RUN_REQUEST_STEPS: Readonly<Record<string, string>> = {
  DockerBuildRequest: 'Docker',
  FileTaskRunRequest: 'FileTask',
  EncodedTaskRunRequest: 'EncodedTask',
};

function stepVerdict(
  step: Readonly<Record<string, unknown>> | undefined,
  type: string | undefined,
): TaskPushVerdict {
  if (!step) return NO_STEP_PUSH;
  if (type === 'Docker') return dockerStepPush(plain(step.isPushEnabled), plain(step.imageNames));
  if (type === 'FileTask') return FILE_STEP_PUSH;
  if (type === 'EncodedTask') return encodedTaskPush(literal(step.encodedTaskContent) ?? UNKNOWN);
  return { canPush: UNKNOWN, reason: 'its step type is known only after apply' };
}

function taskKind(
  type: string | undefined,
  step: Readonly<Record<string, unknown>> | undefined,
): Task['kind'] {
  if (type === 'Docker' || type === 'FileTask') return 'build';
  const encoded = literal(step?.encodedTaskContent);
  if (type === 'EncodedTask' && encoded && /\bacr purge\b/.test(decodeTaskContent(encoded))) return 'purge';
  return 'other';
}

function taskOf(index: PulumiIndex, file: string, r: PulumiResourceRecord): Task {
  const isRun = r.type === T.taskRun;
  const request = isRun ? recordOf(r.inputs.runRequest) : undefined;
  const step = isRun ? request : recordOf(r.inputs.step);
  const rawType = literal(step?.type);
  const type = isRun && rawType !== undefined ? RUN_REQUEST_STEPS[rawType] : rawType;
  const given = plain(isRun ? r.inputs.runRequest : r.inputs.step);
  const verdict = isUnknown(given)
    ? { canPush: UNKNOWN, reason: unknownReason(given) ?? 'its steps are known only after apply' }
    : isRun && rawType === 'TaskRunRequest'
      ? { canPush: UNKNOWN, reason: 'it runs another task, which cannot be matched here' }
      : stepVerdict(step, type);
  return {
    source: pulumiSourceOf(index, r, file),
    name: stringOf(isRun ? r.inputs.taskRunName : r.inputs.taskName),
    kind: taskKind(type, step),
    enabled: statusOn(r.inputs.status),
    ...pulumiTaskRouteOf(r),
    canPush: verdict.canPush,
    pushReason: verdict.reason,
  };
}

/** Attaches every task and task run to its registry; those on other registries go to `external`. */
export function attachPulumiTasks(
  index: PulumiIndex,
  file: string,
  attached: ReadonlyMap<string, Attachments>,
  external: ExternalTask[],
  unattached: PulumiUnattached,
): void {
  for (const r of [...index.ofType(T.task), ...index.ofType(T.taskRun)]) {
    const task = taskOf(index, file, r);
    const target = index.registryFromName(r, 'registryName');
    if (target?.kind === 'managed') {
      for (const urn of target.urns) attached.get(urn)?.tasks.push(task);
    } else {
      unattached.note('tasks', task, r, 'registryName', 'name', target);
      external.push({ ...task, registryName: target?.kind === 'external' ? target.name : UNKNOWN });
    }
  }
}
