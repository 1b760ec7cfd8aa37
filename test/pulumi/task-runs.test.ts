/**
 * Task runs of a Pulumi stack registered under mocks: azure-native's `containerregistry.TaskRun` and
 * the classic provider's `RegistryTaskScheduleRunNow` (the bridge of azurerm's schedule_run_now, which
 * sends a `TaskRunRequest` of `containerRegistryTaskId` to that task's registry). Expectations follow
 * the run request's semantics (Microsoft.ContainerRegistry REST spec 2019-06-01-preview, `RunRequest`):
 * a `TaskRunRequest` runs the steps of the task its `taskId` names, so a run of a task the stack
 * declares adds nothing to what that task is judged by, and a run of one it does not declare runs steps
 * nobody here can read, on that task's registry, which may be another stack's; `agentPoolName` is a
 * property of every run request, so a run on a dedicated pool in the registry's subnet reaches a
 * private registry.
 */
import { RegistryTask } from '@pulumi/azure/containerservice/registryTask';
import { RegistryTaskScheduleRunNow } from '@pulumi/azure/containerservice/registryTaskScheduleRunNow';
import { AgentPool } from '@pulumi/azure-native/containerregistry/agentPool';
import { Registry } from '@pulumi/azure-native/containerregistry/registry';
import { Task } from '@pulumi/azure-native/containerregistry/task';
import { TaskRun } from '@pulumi/azure-native/containerregistry/taskRun';
import type { Finding, Inventory } from '../../policies';
import { checkInventories } from '../../policies';
import { inventoryFromPulumiResources } from '../../policies/inventory/pulumi-resources/build';
import { runUnderMocks } from '../../policies/inventory/pulumi-program/mocks';

const SUB = '/subscriptions/11111111-2222-3333-4444-555555555555';
const REGISTRY_ID = `${SUB}/resourceGroups/rg-acr-prod/providers/Microsoft.ContainerRegistry/registries/contosoacrprod`;
const SUBNET = `${SUB}/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/v/subnets/tasks`;
const ON_PROD = { registryName: 'contosoacrprod', resourceGroupName: 'rg-acr-prod' };
/** A multi-step task that only purges (ACR Tasks YAML, `acr purge`). */
const PURGE_YAML = Buffer.from(
  "version: v1.1.0\nsteps:\n  - cmd: acr purge --filter 'app:.*' --ago 7d\n",
).toString('base64');

/** The findings at a run of task nightly of prod's registry, which no stack here declares. */
const NIGHTLY_UNREAD = [
  expect.stringMatching(
    /^ACR-024 unknown: task nightly: it runs task nightly, which the stack does not declare/,
  ),
  expect.stringMatching(/^ACR-122 fail: /),
];

/** The inventory of what `program` registers as stack `env`, beside the production registry when prod. */
async function inventoryOf(env: string, program: () => void): Promise<Inventory> {
  const { resources } = await runUnderMocks(
    () => {
      if (env === 'prod')
        new Registry('contosoacrprod', {
          ...ON_PROD,
          location: 'westeurope',
          sku: { name: 'Premium' },
          adminUserEnabled: false,
          publicNetworkAccess: 'Disabled',
        });
      program();
    },
    { stack: env },
  );
  return inventoryFromPulumiResources(resources, { environment: env, file: `Pulumi.${env}.yaml` });
}

/**
 * The findings of `rules` located at the resource `name`, of what `program` registers as the prod
 * stack (and `dev` as the dev stack, when given).
 */
async function findingsAt(
  program: () => void,
  name: string,
  rules: readonly string[],
  dev?: () => void,
): Promise<string[]> {
  const inventories = [await inventoryOf('prod', program), ...(dev ? [await inventoryOf('dev', dev)] : [])];
  const { findings } = checkInventories(inventories, { config: { order: ['dev', 'staging', 'prod'] } });
  return findings
    .filter((f: Finding) => rules.includes(f.ruleId) && f.location.address.endsWith(`::${name}`))
    .map((f) => `${f.ruleId} ${f.result}: ${f.message}`);
}

function purgeTask(): Task {
  return new Task('purge', {
    ...ON_PROD,
    taskName: 'purge',
    platform: { os: 'Linux' },
    agentPoolName: 'private',
    step: { type: 'EncodedTask', encodedTaskContent: PURGE_YAML },
  });
}

describe('azure-native task runs', () => {
  it('a TaskRunRequest of a task of the stack adds nothing to what that task is judged by', async () => {
    const rules = ['ACR-024', 'ACR-050', 'ACR-122'];
    const program = (): void => {
      const task = purgeTask();
      new TaskRun('once', { ...ON_PROD, runRequest: { type: 'TaskRunRequest', taskId: task.id } });
    };
    expect(await findingsAt(program, 'once', rules)).toEqual([]);
    expect(await findingsAt(program, 'contosoacrprod', ['ACR-024', 'ACR-122'])).toEqual([
      'ACR-024 pass: nothing but promotion can push into contosoacrprod',
      'ACR-122 pass: every task aimed at prod can be judged',
    ]);
  });

  it('a TaskRunRequest naming a task of its registry by bare name is that task', async () => {
    // The REST spec's own example (Schedules_ScheduleRun_Registries_Schedule_Run_Task) names the task `myTask`.
    const program = (): void => {
      purgeTask();
      new TaskRun('once', { ...ON_PROD, runRequest: { type: 'TaskRunRequest', taskId: 'purge' } });
    };
    expect(await findingsAt(program, 'once', ['ACR-024', 'ACR-122'])).toEqual([]);
  });

  it('a TaskRunRequest of a task the stack does not declare cannot be judged', async () => {
    const program = (): void => {
      new TaskRun('once', {
        ...ON_PROD,
        runRequest: { type: 'TaskRunRequest', taskId: `${REGISTRY_ID}/tasks/nightly` },
      });
    };
    expect(await findingsAt(program, 'once', ['ACR-024', 'ACR-122'])).toEqual(NIGHTLY_UNREAD);
  });

  it('a run request on a dedicated pool in a subnet reaches the private registry (ACR-050)', async () => {
    const program = (): void => {
      new AgentPool('private', {
        ...ON_PROD,
        agentPoolName: 'private',
        location: 'westeurope',
        tier: 'S1',
        count: 1,
        os: 'Linux',
        virtualNetworkSubnetResourceId: SUBNET,
      });
      new TaskRun('purge-once', {
        ...ON_PROD,
        runRequest: {
          type: 'EncodedTaskRunRequest',
          agentPoolName: 'private',
          encodedTaskContent: PURGE_YAML,
          platform: { os: 'Linux' },
        },
      });
    };
    expect(await findingsAt(program, 'purge-once', ['ACR-024', 'ACR-050'])).toEqual([
      expect.stringMatching(/^ACR-050 pass: /),
    ]);
  });
});

describe('classic RegistryTaskScheduleRunNow', () => {
  function build(registryId: string): RegistryTask {
    return new RegistryTask('build', {
      name: 'build',
      containerRegistryId: registryId,
      platform: { os: 'Linux' },
      dockerStep: { dockerfilePath: 'Dockerfile', contextPath: '.', contextAccessToken: 'none' },
    });
  }

  it('of a task of the stack adds nothing beside the task it runs', async () => {
    const program = (): void => {
      const task = build(REGISTRY_ID);
      new RegistryTaskScheduleRunNow('now', { containerRegistryTaskId: task.id });
    };
    const rules = ['ACR-024', 'ACR-050', 'ACR-122'];
    expect(await findingsAt(program, 'now', rules)).toEqual([]);
    // The task it runs is judged: a Docker step pushes unless pushEnabled is false (azurerm's default).
    expect(await findingsAt(program, 'build', ['ACR-024'])).toEqual([
      expect.stringMatching(/^ACR-024 fail: task build pushes/),
    ]);
    expect(await findingsAt(program, 'contosoacrprod', ['ACR-050', 'ACR-122'])).toEqual([
      'ACR-122 pass: every task aimed at prod can be judged',
    ]);
  });

  it('of a task the stack does not declare is a task whose push is unknown', async () => {
    const program = (): void => {
      new RegistryTaskScheduleRunNow('now', { containerRegistryTaskId: `${REGISTRY_ID}/tasks/nightly` });
    };
    expect(await findingsAt(program, 'now', ['ACR-024', 'ACR-122'])).toEqual(NIGHTLY_UNREAD);
  });

  it('in the dev stack, of a task on the production registry, is judged there (ACR-122)', async () => {
    // The run's task is prod's (its literal ID), which the dev stack does not declare: its steps
    // cannot be read, and they run on prod's registry.
    const dev = (): void => {
      new RegistryTaskScheduleRunNow('prod-nightly', {
        containerRegistryTaskId: `${REGISTRY_ID}/tasks/nightly`,
      });
    };
    expect((await inventoryOf('dev', dev)).externalTasks).toMatchObject([
      { name: 'nightly', registryName: 'contosoacrprod', canPush: { unknown: true } },
    ]);
    expect(await findingsAt(() => undefined, 'prod-nightly', ['ACR-122'], dev)).toEqual([
      expect.stringMatching(/^ACR-122 fail: cannot prove this task of dev cannot push into prod: .*nightly/),
    ]);
  });
});
