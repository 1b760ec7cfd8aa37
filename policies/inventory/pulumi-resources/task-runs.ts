/**
 * Runs of an existing task (constructs/model/task-runs.ts) in a Pulumi stack: an azure-native
 * `TaskRun` whose run request is a `TaskRunRequest`, and the classic provider's
 * `RegistryTaskScheduleRunNow` (read as one, classic-deploy-views.ts). The twin of
 * terraform-resources/task-runs.ts: a run of a task the stack declares adds nothing (that task is
 * judged by its own steps, on its own registry); a run of a task it does not declare runs steps the
 * checker cannot read: a task whose push is unknown, on the run's registry (`registryName`).
 */
import { TASK_RUN_REQUEST, isBareTaskName, taskIdParts } from '../../../constructs/model/task-runs';
import type { Task } from '../types';
import { UNKNOWN, isUnknown, unknownBecause } from '../types';
import type { PulumiResourceRecord } from './build';
import { pulumiTaskRouteOf } from './deploy-attachments';
import type { PulumiIndex, PulumiTarget } from './values';
import { PULUMI_TYPES as T, literal, plain, pulumiSourceOf, recordOf } from './values';

/** What a task ID names: a task of the stack, a task the stack does not declare, or not decided. */
type NamedTask =
  | { readonly kind: 'stack'; readonly task: PulumiResourceRecord }
  | { readonly kind: 'outside'; readonly taskName: string }
  | { readonly kind: 'undecided'; readonly reason: string };

/** True for a task run whose run request runs an existing task. */
export function runsATask(r: PulumiResourceRecord): boolean {
  return r.type === T.taskRun && literal(recordOf(r.inputs.runRequest)?.type) === TASK_RUN_REQUEST;
}

/** The registry name a target names: a registry of the stack by its literal name, or one outside it. */
function registryNameOf(index: PulumiIndex, target: PulumiTarget | undefined): string | undefined {
  if (target?.kind === 'external')
    return typeof target.name === 'string' ? target.name.toLowerCase() : undefined;
  if (target?.kind !== 'managed' || target.urns.length !== 1) return undefined;
  const registry = index.byUrn.get(target.urns[0]);
  return literal(registry?.inputs.registryName)?.toLowerCase();
}

/** The task a run's `runRequest.taskId` names. */
function namedTask(index: PulumiIndex, r: PulumiResourceRecord): NamedTask {
  // `taskId: task.id`, unknown until apply: the task of the stack the request depends on.
  const [task] = index.dependencies(r, 'runRequest', T.task);
  if (task) return { kind: 'stack', task };
  const id = plain(recordOf(r.inputs.runRequest)?.taskId);
  const text = literal(id);
  if (text === undefined)
    return {
      kind: 'undecided',
      reason: isUnknown(id)
        ? 'its task ID is known only after apply and depends on no task of the stack'
        : 'its run request names no task ID',
    };
  // A bare name is a task of the registry the run is on (see constructs/model/task-runs.ts).
  const parts = isBareTaskName(text) ? { taskName: text } : taskIdParts(text);
  if (!parts) return { kind: 'undecided', reason: `its task ID ${JSON.stringify(text)} is no ACR task ID` };
  const registry = registryNameOf(
    index,
    'registryId' in parts
      ? index.registryFromId(r, 'runRequest', parts.registryId)
      : index.registryFromName(r, 'registryName'),
  );
  const found = index
    .ofType(T.task)
    .find(
      (t) =>
        literal(t.inputs.taskName)?.toLowerCase() === parts.taskName.toLowerCase() &&
        registry !== undefined &&
        registryNameOf(index, index.registryFromName(t, 'registryName')) === registry,
    );
  return found ? { kind: 'stack', task: found } : { kind: 'outside', taskName: parts.taskName };
}

/**
 * The task a run of an existing task adds to its registry's tasks (see the top of this file);
 * undefined when it adds none.
 */
export function runOfTask(index: PulumiIndex, file: string, r: PulumiResourceRecord): Task | undefined {
  const named = namedTask(index, r);
  const overrides = recordOf(recordOf(r.inputs.runRequest)?.overrideTaskStepProperties);
  let why: string;
  let route: Pick<Task, 'agentPool' | 'systemIdentity'> | undefined;
  if (named.kind === 'stack') {
    // A task file in place of the task's own steps (for a task that is no Docker build): not those steps.
    const step = recordOf(named.task.inputs.step);
    if (overrides?.file === undefined || literal(step?.type) === 'Docker') return undefined;
    why = `it runs task ${literal(named.task.inputs.taskName) ?? named.task.urn} with another task file`;
    route = pulumiTaskRouteOf(named.task);
  } else
    why =
      named.kind === 'outside'
        ? `it runs task ${named.taskName}, which the stack does not declare`
        : `it runs a task the stack does not decide: ${named.reason}`;
  const unread = unknownBecause(why);
  return {
    source: pulumiSourceOf(index, r, file),
    name: literal(r.inputs.taskRunName) ?? (named.kind === 'outside' ? named.taskName : UNKNOWN),
    kind: 'other',
    enabled: true,
    ...(route ?? { agentPool: unread, systemIdentity: unread }),
    canPush: unread,
    pushReason: `${why}: its steps cannot be read here`,
  };
}
