/**
 * ACR tasks of a Pulumi stack, with whether their steps can push (Docker, FileTask, EncodedTask), and
 * task runs, which run a step once (a run of an existing task: task-runs.ts). Tasks on registries
 * outside the stack are external. The azure-native twin of terraform-resources/tasks.ts.
 */
import type { TaskPushVerdict } from '../task-steps';
import {
  FILE_STEP_PUSH,
  NO_STEP_PUSH,
  decodeTaskContent,
  dockerStepPush,
  encodedTaskPush,
} from '../task-steps';
import { STEP_TYPE_BY_RUN_REQUEST } from '../../../constructs/model/task-runs';
import { pulumiTaskRouteOf } from './deploy-attachments';
import { runOfTask, runsATask } from './task-runs';
import type { PulumiResourceRecord } from './build';
import type { PulumiIndex } from './values';
import type { PulumiUnattached } from './unattached';
import { PULUMI_TYPES as T, literal, plain, pulumiSourceOf, recordOf, statusOn, stringOf } from './values';
import type { Attachments, ExternalTask, Task } from '../types';
import { UNKNOWN, isUnknown, unknownReason } from '../types';

function stepVerdict(
  step: Readonly<Record<string, unknown>> | undefined,
  type: string | undefined,
): TaskPushVerdict {
  if (!step) return NO_STEP_PUSH;
  if (type === 'Docker') return dockerStepPush(plain(step.isPushEnabled), plain(step.imageNames));
  if (type === 'FileTask') return FILE_STEP_PUSH;
  if (type === 'EncodedTask') return encodedTaskPush(literal(step.encodedTaskContent) ?? UNKNOWN);
  const given = literal(step.type);
  return {
    canPush: UNKNOWN,
    reason:
      given === undefined
        ? 'its step type is known only after apply'
        : `its step type ${JSON.stringify(given)} is not read here`,
  };
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
  const type =
    isRun && rawType !== undefined
      ? Object.hasOwn(STEP_TYPE_BY_RUN_REQUEST, rawType)
        ? STEP_TYPE_BY_RUN_REQUEST[rawType]
        : undefined
      : rawType;
  const given = plain(isRun ? r.inputs.runRequest : r.inputs.step);
  const verdict = isUnknown(given)
    ? { canPush: UNKNOWN, reason: unknownReason(given) ?? 'its steps are known only after apply' }
    : stepVerdict(step, type);
  // A run's pool is its request's (`RunRequest.agentPoolName`); its identity is the run's own.
  const route = pulumiTaskRouteOf(r);
  return {
    source: pulumiSourceOf(index, r, file),
    name: stringOf(isRun ? r.inputs.taskRunName : r.inputs.taskName),
    kind: taskKind(type, step),
    enabled: statusOn(r.inputs.status),
    agentPool: isRun ? (isUnknown(given) ? given : stringOf(request?.agentPoolName, '')) : route.agentPool,
    systemIdentity: route.systemIdentity,
    canPush: verdict.canPush,
    pushReason: verdict.reason,
  };
}

/**
 * Attaches every task and task run (a run of a task the stack declares adds none: task-runs.ts) to its
 * registry; those on other registries go to `external`.
 */
export function attachPulumiTasks(
  index: PulumiIndex,
  file: string,
  attached: ReadonlyMap<string, Attachments>,
  external: ExternalTask[],
  unattached: PulumiUnattached,
): void {
  for (const r of [...index.ofType(T.task), ...index.ofType(T.taskRun)]) {
    const task = runsATask(r) ? runOfTask(index, file, r) : taskOf(index, file, r);
    if (!task) continue;
    const target = index.registryFromName(r, 'registryName');
    if (target?.kind === 'managed') {
      for (const urn of target.urns) attached.get(urn)?.tasks.push(task);
    } else {
      unattached.note('tasks', task, r, 'registryName', 'name', target);
      external.push({ ...task, registryName: target?.kind === 'external' ? target.name : UNKNOWN });
    }
  }
}
