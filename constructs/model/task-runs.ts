/**
 * ACR task runs: a step run once, or an existing task run once. Every engine has its way of asking
 * for one, and they all send the same ARM run request:
 *
 * - an ARM task run (`Microsoft.ContainerRegistry/registries/taskRuns`, azapi's `azapi_resource` and
 *   azure-native's `TaskRun`) holds it in `properties.runRequest`;
 * - azurerm's `azurerm_container_registry_task_schedule_run_now` (`container_registry_task_id`) and the
 *   classic Pulumi provider's `RegistryTaskScheduleRunNow` (its bridge, `containerRegistryTaskId`)
 *   schedule a `TaskRunRequest` of that task, with no overrides, on the registry of the task's ID, and
 *   wait for the run to finish (terraform-provider-azurerm
 *   `internal/services/containers/container_registry_task_schedule_run_now_resource.go`, Create:
 *   `registries.TaskRunRequest{TaskId: taskId.ID()}` sent to `ScheduleRun` of
 *   `registries.NewRegistryID(...taskId.RegistryName)`).
 *
 * The run request is a union by `type` (Microsoft.ContainerRegistry REST spec,
 * `specification/containerregistry/.../Microsoft.ContainerRegistry/preview/2019-06-01-preview/openapi.json`,
 * definitions `RunRequest`, `DockerBuildRequest`, `FileTaskRunRequest`, `EncodedTaskRunRequest`,
 * `TaskRunRequest`): the first three carry a step of their own, the shape of a task's step of the
 * same kind (`DockerBuildRequest.isPushEnabled` "default": true, as `DockerBuildStep.isPushEnabled`;
 * `imageNames`; `FileTaskRunRequest.taskFilePath`; `EncodedTaskRunRequest.encodedTaskContent`);
 * `TaskRunRequest` names a task (`taskId`, required: "The resource ID of task", though the spec's own
 * example `Schedules_ScheduleRun_Registries_Schedule_Run_Task.json` gives a bare task name, `myTask`,
 * a task of the registry the run is scheduled on) and runs that task's steps, with
 * `overrideTaskStepProperties` (`arguments`, `contextPath`, `file`, `target`, `values`, ...) in place
 * of some of them. No override sets whether a Docker build pushes.
 *
 * A registry also runs a request posted to its `scheduleRun` action (REST spec `Registries_ScheduleRun`,
 * `POST .../registries/{registryName}/scheduleRun` with a `RunRequest` body), which azapi's
 * `azapi_resource_action` sends (`type` the registry's, `action = "scheduleRun"`, `body` the request).
 */

/** The ARM type of a task run (lowercase, without the API version; see `armTypeOf`). */
export const TASK_RUN_ARM_TYPE = 'microsoft.containerregistry/registries/taskruns';

/** The run request type that runs an existing task, named by `taskId`. */
export const TASK_RUN_REQUEST = 'TaskRunRequest';

/** The task step type (`properties.step.type` of a task) each step-carrying run request runs. */
export const STEP_TYPE_BY_RUN_REQUEST: Readonly<Record<string, 'Docker' | 'FileTask' | 'EncodedTask'>> = {
  DockerBuildRequest: 'Docker',
  FileTaskRunRequest: 'FileTask',
  EncodedTaskRunRequest: 'EncodedTask',
};

/** The registry action that runs a request (see the top of this file), as azapi names it. */
export const SCHEDULE_RUN_ACTION = 'scheduleRun';

/** The azurerm resource that runs an existing task once, by its ID (see the top of this file). */
export const RUN_NOW_TERRAFORM_TYPE = 'azurerm_container_registry_task_schedule_run_now';

/** The parts of an ACR task's resource ID (`.../registries/<registry>/tasks/<task>`). */
export interface TaskIdParts {
  /** The ID of the task's registry. */
  readonly registryId: string;
  readonly registryName: string;
  readonly taskName: string;
}

const TASK_ID = /^(.*\/providers\/Microsoft\.ContainerRegistry\/registries\/([^/]+))\/tasks\/([^/]+)\/?$/i;

/** The registry and name of a literal task ID; undefined when `id` is no ACR task ID. */
export function taskIdParts(id: string): TaskIdParts | undefined {
  const match = TASK_ID.exec(id);
  return match ? { registryId: match[1], registryName: match[2], taskName: match[3] } : undefined;
}

/** True for a `taskId` that is a bare task name (of the registry the run is on), not a resource ID. */
export function isBareTaskName(taskId: string): boolean {
  return taskId.length > 0 && !taskId.includes('/');
}
