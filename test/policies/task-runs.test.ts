/**
 * ACR task runs in Terraform inputs: an azapi task run (`Microsoft.ContainerRegistry/registries/taskRuns`)
 * and azurerm's `azurerm_container_registry_task_schedule_run_now`. Each expected outcome follows the
 * run request's semantics (Microsoft.ContainerRegistry REST spec 2019-06-01-preview, `RunRequest`):
 * a `DockerBuildRequest` builds and pushes unless `isPushEnabled` is false (its default is true), a
 * `FileTaskRunRequest` runs a task file that lives in the build context, an `EncodedTaskRunRequest`
 * runs the inline YAML it carries, a `TaskRunRequest` runs the steps of the task its `taskId` names.
 * azurerm's run-now resource sends a `TaskRunRequest` of `container_registry_task_id` to the registry
 * of that task's ID (terraform-provider-azurerm, container_registry_task_schedule_run_now_resource.go).
 * A registry's `scheduleRun` action (REST spec `Registries_ScheduleRun`, which azapi_resource_action
 * posts) runs the request in its body the same way. So a run of a task the input declares adds nothing
 * to what that task is judged by; a run of a task it does not declare runs steps nobody here can read,
 * on that task's registry, which may be another environment's.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { checkInventories, loadInventories } from '../../policies';
import { findingsOn } from './helpers';

const SUB = '/subscriptions/00000000-0000-0000-0000-000000000000';
const PROD_ID = `${SUB}/resourceGroups/rg-acr-prod/providers/Microsoft.ContainerRegistry/registries/contosoacrprod`;
const SUBNET = `${SUB}/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/v/subnets/tasks`;
const PURGE_YAML = "version: v1.1.0\nsteps:\n  - cmd: acr purge --filter 'app:.*' --ago 7d\n";
const PUSH_YAML = 'version: v1.1.0\nsteps:\n  - build: -t $Registry/app:1 .\n  - push: ["$Registry/app:1"]\n';

/** A production registry closed to the public (Premium). */
const REGISTRY = {
  name: 'contosoacrprod',
  resource_group_name: 'rg-acr-prod',
  location: 'westeurope',
  sku: 'Premium',
  admin_enabled: false,
  public_network_access_enabled: false,
};

/** An azurerm task of the registry with an encoded step of `yaml`. */
function task(name: string, yaml: string): Record<string, unknown> {
  return {
    name,
    container_registry_id: '${azurerm_container_registry.acr.id}',
    platform: { os: 'Linux' },
    encoded_step: { task_content: Buffer.from(yaml).toString('base64') },
  };
}

/** An azapi task run of the registry with `runRequest`. */
function taskRun(name: string, runRequest: Record<string, unknown>): Record<string, unknown> {
  return {
    type: 'Microsoft.ContainerRegistry/registries/taskRuns@2019-06-01-preview',
    name,
    parent_id: '${azurerm_container_registry.acr.id}',
    body: { properties: { runRequest } },
  };
}

const DOCKER_BUILD = {
  type: 'DockerBuildRequest',
  dockerFilePath: 'Dockerfile',
  imageNames: ['app:1'],
  sourceLocation: 'https://github.com/contoso/app.git',
  platform: { os: 'Linux' },
};

const FILE_RUN = {
  type: 'FileTaskRunRequest',
  taskFilePath: 'acr-task.yaml',
  sourceLocation: 'https://github.com/contoso/app.git',
  platform: { os: 'Linux' },
};

describe('ACR task runs in Terraform inputs', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'acr-task-runs-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** `rule result: message` of the findings of `rules` at `address` of a prod root module of `resources`. */
  function check(resources: Record<string, unknown>, rules: readonly string[], address?: string): string[] {
    const module = { resource: { azurerm_container_registry: { acr: REGISTRY }, ...resources } };
    writeFileSync(path.join(dir, 'main.tf.json'), JSON.stringify(module));
    return findingsOn(dir, rules, address);
  }

  describe('an azapi task run', () => {
    it('of a Docker build pushes into production unless isPushEnabled is false (REST spec default true)', () => {
      const build = { azapi_resource: { build: taskRun('build', DOCKER_BUILD) } };
      expect(check(build, ['ACR-024'], 'azapi_resource.build')).toEqual([
        'ACR-024 fail: task build pushes: its Docker build step pushes the image into contosoacrprod',
      ]);
      const quiet = {
        azapi_resource: { build: taskRun('build', { ...DOCKER_BUILD, isPushEnabled: false }) },
      };
      expect(check(quiet, ['ACR-024'])).toEqual([
        'ACR-024 pass: nothing but promotion can push into contosoacrprod',
      ]);
    });

    it('of a task file cannot be judged (ACR-122 fails), of inline purge steps can', () => {
      expect(check({ azapi_resource: { run: taskRun('run', FILE_RUN) } }, ['ACR-122'])).toEqual([
        expect.stringMatching(/^ACR-122 fail: cannot prove this task of prod cannot push .*task file/),
      ]);
      const purge = {
        type: 'EncodedTaskRunRequest',
        encodedTaskContent: Buffer.from(PURGE_YAML).toString('base64'),
        platform: { os: 'Linux' },
      };
      expect(check({ azapi_resource: { run: taskRun('run', purge) } }, ['ACR-024', 'ACR-122'])).toEqual([
        'ACR-024 pass: nothing but promotion can push into contosoacrprod',
        'ACR-122 pass: every task aimed at prod can be judged',
      ]);
    });

    it('runs on the agent pool its run request names, else on the shared pool (ACR-050)', () => {
      const purge = {
        type: 'EncodedTaskRunRequest',
        encodedTaskContent: Buffer.from(PURGE_YAML).toString('base64'),
        agentPoolName: 'private',
        platform: { os: 'Linux' },
      };
      const pool = {
        name: 'private',
        container_registry_name: '${azurerm_container_registry.acr.name}',
        resource_group_name: 'rg-acr-prod',
        location: 'westeurope',
        virtual_network_subnet_id: SUBNET,
      };
      const resources = {
        azapi_resource: {
          run: taskRun('run', purge),
          shared: taskRun('shared', { ...purge, agentPoolName: undefined }),
        },
        azurerm_container_registry_agent_pool: { private: pool },
      };
      expect(check(resources, ['ACR-050'], 'azapi_resource.run')).toEqual([
        expect.stringMatching(/^ACR-050 pass: /),
      ]);
      // The shared pool, which the closed registry keeps out, as it keeps out such a task.
      expect(check(resources, ['ACR-050'], 'azapi_resource.shared')).toEqual([
        expect.stringMatching(/^ACR-050 fail: task shared runs on the shared pool/),
      ]);
    });

    it('of a task the input declares is judged as that task, by reference or by literal ID', () => {
      const byReference = { type: 'TaskRunRequest', taskId: '${azurerm_container_registry_task.purge.id}' };
      const byId = { type: 'TaskRunRequest', taskId: `${PROD_ID}/tasks/Push` };
      const resources = {
        azurerm_container_registry_task: { purge: task('purge', PURGE_YAML), push: task('push', PUSH_YAML) },
        azapi_resource: { again: taskRun('again', byReference), rerun: taskRun('rerun', byId) },
      };
      const rules = ['ACR-024', 'ACR-050', 'ACR-122'];
      expect(check(resources, rules, 'azapi_resource.again')).toEqual([]);
      expect(check(resources, rules, 'azapi_resource.rerun')).toEqual([]);
      // The task it runs is the push path; every task is seen, and judged.
      expect(check(resources, ['ACR-024'], 'azurerm_container_registry_task.push')).toEqual([
        'ACR-024 fail: task push pushes: step 2 is a push step into contosoacrprod',
      ]);
      expect(check(resources, ['ACR-122'], 'azurerm_container_registry.acr')).toEqual([
        'ACR-122 pass: every task aimed at prod can be judged',
      ]);
    });

    it('of a task the input does not declare, or with another task file, cannot be judged', () => {
      const outside = { type: 'TaskRunRequest', taskId: `${PROD_ID}/tasks/nightly` };
      const otherFile = {
        type: 'TaskRunRequest',
        taskId: '${azurerm_container_registry_task.purge.id}',
        overrideTaskStepProperties: { file: 'push.yaml' },
      };
      const resources = {
        azurerm_container_registry_task: { purge: task('purge', PURGE_YAML) },
        azapi_resource: { outside: taskRun('outside', outside), other: taskRun('other', otherFile) },
      };
      expect(check(resources, ['ACR-024', 'ACR-122'], 'azapi_resource.outside')).toEqual([
        'ACR-024 unknown: task outside: it runs task nightly, which the input does not declare: its steps cannot be read here (contosoacrprod)',
        expect.stringMatching(/^ACR-122 fail: /),
      ]);
      expect(check(resources, ['ACR-024'], 'azapi_resource.other')).toEqual([
        'ACR-024 unknown: task other: it runs task purge with another task file: its steps cannot be read here (contosoacrprod)',
      ]);
    });
  });

  describe('an azapi_resource_action on the registry', () => {
    /** An action `action` on the registry with `body`. */
    function action(name: string, body: unknown): Record<string, unknown> {
      return {
        type: 'Microsoft.ContainerRegistry/registries@2019-06-01-preview',
        resource_id: '${azurerm_container_registry.acr.id}',
        action: name,
        body,
      };
    }

    it('scheduleRun runs its body: a Docker build pushes (ACR-024 fails), another action is no run', () => {
      const resources = {
        azapi_resource_action: {
          build: action('scheduleRun', DOCKER_BUILD),
          creds: action('listCredentials', {}),
        },
      };
      expect(check(resources, ['ACR-024'], 'azapi_resource_action.build')).toEqual([
        expect.stringMatching(/^ACR-024 fail: .*its Docker build step pushes the image into contosoacrprod/),
      ]);
      expect(check(resources, ['ACR-024', 'ACR-050', 'ACR-122'], 'azapi_resource_action.creds')).toEqual([]);
    });

    it('scheduleRun of a task by bare name is that task of the registry, or one the input does not declare', () => {
      // The REST spec's own example (Schedules_ScheduleRun_Registries_Schedule_Run_Task) names the task `myTask`.
      const resources = {
        azurerm_container_registry_task: { purge: task('purge', PURGE_YAML) },
        azapi_resource_action: {
          again: action('scheduleRun', { type: 'TaskRunRequest', taskId: 'purge' }),
          other: action('scheduleRun', { type: 'TaskRunRequest', taskId: 'nightly' }),
        },
      };
      expect(check(resources, ['ACR-024', 'ACR-122'], 'azapi_resource_action.again')).toEqual([]);
      expect(check(resources, ['ACR-024'], 'azapi_resource_action.other')).toEqual([
        expect.stringMatching(/^ACR-024 unknown: .*it runs task nightly, which the input does not declare/),
      ]);
    });

    it('an action the input does not decide may be scheduleRun: its push is unknown', () => {
      writeFileSync(
        path.join(dir, 'variables.tf.json'),
        JSON.stringify({ variable: { action: { type: 'string' } } }),
      );
      const resources = { azapi_resource_action: { maybe: action('${var.action}', DOCKER_BUILD) } };
      expect(check(resources, ['ACR-024', 'ACR-122'], 'azapi_resource_action.maybe')).toEqual([
        expect.stringMatching(
          /^ACR-024 unknown: .*the action of azapi_resource_action\.maybe is not decided here/,
        ),
        expect.stringMatching(/^ACR-122 fail: /),
      ]);
    });
  });

  describe('an azurerm_container_registry_task_schedule_run_now', () => {
    it('of a task of the input adds nothing to what that task is judged by', () => {
      const resources = {
        azurerm_container_registry_task: { purge: task('purge', PURGE_YAML) },
        azurerm_container_registry_task_schedule_run_now: {
          now: { container_registry_task_id: '${azurerm_container_registry_task.purge.id}' },
        },
      };
      const rules = ['ACR-024', 'ACR-111', 'ACR-122'];
      expect(check(resources, rules, 'azurerm_container_registry_task_schedule_run_now.now')).toEqual([]);
      expect(check(resources, ['ACR-024', 'ACR-122'], 'azurerm_container_registry.acr')).toEqual([
        'ACR-024 pass: nothing but promotion can push into contosoacrprod',
        'ACR-122 pass: every task aimed at prod can be judged',
      ]);
    });

    it('of a task the input does not declare is a task of its registry whose push is unknown', () => {
      const resources = {
        azurerm_container_registry_task_schedule_run_now: {
          now: { container_registry_task_id: `${PROD_ID}/tasks/nightly` },
        },
      };
      const at = 'azurerm_container_registry_task_schedule_run_now.now';
      expect(check(resources, ['ACR-024', 'ACR-050', 'ACR-122'], at)).toEqual([
        `ACR-024 unknown: task nightly: ${at} runs it, and the input does not declare it: its steps cannot be read here (contosoacrprod)`,
        `ACR-050 unknown: the agent pool of task nightly is unknown: ${at} runs it, and the input does not declare it`,
        expect.stringMatching(/^ACR-122 fail: /),
      ]);
    });

    it('of a task the input does not decide leaves its registry undecided (ACR-111)', () => {
      writeFileSync(
        path.join(dir, 'variables.tf.json'),
        JSON.stringify({ variable: { task_id: { type: 'string' } } }),
      );
      const resources = {
        azurerm_container_registry_task_schedule_run_now: {
          now: { container_registry_task_id: '${var.task_id}' },
        },
      };
      const at = 'azurerm_container_registry_task_schedule_run_now.now';
      expect(check(resources, ['ACR-111'], at)).toEqual([
        expect.stringMatching(/^ACR-111 unknown: .*container_registry_task_id/),
      ]);
      expect(check(resources, ['ACR-024'], 'azurerm_container_registry.acr')).toEqual([
        expect.stringMatching(
          /^ACR-024 unknown: the grants, tokens, tasks, imports and cache rules of contosoacrprod are not all visible: .*container_registry_task_id/,
        ),
      ]);
    });

    it('in a plan, of a task created in the same apply, adds nothing (its ID from the configuration)', () => {
      const change = (type: string, name: string, after: object, unknown: object): object => ({
        address: `${type}.${name}`,
        mode: 'managed',
        type,
        name,
        provider_name: 'registry.terraform.io/hashicorp/azurerm',
        change: { actions: ['create'], before: null, after, after_unknown: unknown, after_sensitive: {} },
      });
      const configured = (type: string, name: string, expressions: object): object => ({
        address: `${type}.${name}`,
        mode: 'managed',
        type,
        name,
        provider_config_key: 'azurerm',
        expressions,
      });
      const purge = task('purge', PURGE_YAML);
      const plan = {
        format_version: '1.2',
        terraform_version: '1.9.5',
        resource_changes: [
          change('azurerm_container_registry', 'acr', REGISTRY, { id: true }),
          change(
            'azurerm_container_registry_task',
            'purge',
            { ...purge, container_registry_id: undefined, encoded_step: [purge.encoded_step] },
            { id: true, container_registry_id: true },
          ),
          change(
            'azurerm_container_registry_task_schedule_run_now',
            'now',
            {},
            {
              id: true,
              container_registry_task_id: true,
            },
          ),
          change(
            'azurerm_container_registry_task_schedule_run_now',
            'nightly',
            { container_registry_task_id: `${PROD_ID}/tasks/nightly` },
            { id: true },
          ),
        ],
        configuration: {
          root_module: {
            resources: [
              configured('azurerm_container_registry_task', 'purge', {
                container_registry_id: {
                  references: ['azurerm_container_registry.acr.id', 'azurerm_container_registry.acr'],
                },
              }),
              configured('azurerm_container_registry_task_schedule_run_now', 'now', {
                container_registry_task_id: {
                  references: [
                    'azurerm_container_registry_task.purge.id',
                    'azurerm_container_registry_task.purge',
                  ],
                },
              }),
            ],
          },
        },
      };
      const file = path.join(dir, 'prod.plan.json');
      writeFileSync(file, JSON.stringify(plan));
      const [inventory] = loadInventories([file], { cwd: dir, environment: 'prod' });
      const config = { order: ['dev', 'staging', 'prod'], replicaRegions: { prod: [] } };
      const findings = checkInventories([inventory], { config })
        .findings.filter((f) => f.ruleId === 'ACR-024' || f.ruleId === 'ACR-122')
        .map((f) => `${f.ruleId} ${f.result} at ${f.location.address}`);
      expect(findings).toEqual([
        'ACR-024 unknown at azurerm_container_registry_task_schedule_run_now.nightly',
        'ACR-122 fail at azurerm_container_registry_task_schedule_run_now.nightly',
      ]);
    });
  });

  describe('a run in dev aimed at the production registry by its literal ID', () => {
    /** The findings of `rules` on prod when dev's root module has `devResources` (and `devBlocks`). */
    function estate(
      devResources: Record<string, unknown>,
      rules: readonly string[],
      devBlocks: Record<string, unknown> = {},
    ): string[] {
      const prod = path.join(dir, 'prod');
      const dev = path.join(dir, 'dev');
      mkdirSync(prod);
      mkdirSync(dev);
      writeFileSync(
        path.join(prod, 'main.tf.json'),
        JSON.stringify({ resource: { azurerm_container_registry: { acr: REGISTRY } } }),
      );
      writeFileSync(path.join(dev, 'main.tf.json'), JSON.stringify({ ...devBlocks, resource: devResources }));
      const [devInventory] = loadInventories([dev], { cwd: dev, environment: 'dev' });
      const [prodInventory] = loadInventories([prod], { cwd: prod, environment: 'prod' });
      const config = { order: ['dev', 'staging', 'prod'], replicaRegions: { prod: [] } };
      return checkInventories([devInventory, prodInventory], { config })
        .findings.filter((f) => rules.includes(f.ruleId) && f.environment === 'prod')
        .map((f) => `${f.ruleId} ${f.result} at ${f.location.address}`);
    }

    it('is a task of prod: an azapi run of a task file fails ACR-122, a Docker build fails ACR-105', () => {
      const runs = {
        azapi_resource: {
          file: { ...taskRun('file', FILE_RUN), parent_id: PROD_ID },
          build: { ...taskRun('build', DOCKER_BUILD), parent_id: PROD_ID },
        },
      };
      expect(estate(runs, ['ACR-105', 'ACR-122'])).toEqual([
        'ACR-105 fail at azapi_resource.build',
        'ACR-122 fail at azapi_resource.file',
      ]);
    });

    it('whose type dev does not decide may be a task run of prod (ACR-122 fails, ACR-105 unknown)', () => {
      // azapi's parent_id of a registry child is the registry: a resource of any type under prod's
      // registry may be a task run there, by prod's literal ID or through a data source of it.
      const untyped = (parent: string): Record<string, unknown> => ({
        type: '${var.kind}',
        name: 'nightly',
        parent_id: parent,
        body: {},
      });
      const devResources = {
        azapi_resource: {
          by_id: untyped(PROD_ID),
          by_data: untyped('${data.azurerm_container_registry.prod.id}'),
        },
      };
      const data = {
        azurerm_container_registry: { prod: { name: 'contosoacrprod', resource_group_name: 'rg-acr-prod' } },
      };
      expect(
        estate(devResources, ['ACR-105', 'ACR-122'], { variable: { kind: { type: 'string' } }, data }),
      ).toEqual([
        'ACR-105 unknown at azurerm_container_registry.acr',
        'ACR-122 fail at azapi_resource.by_data',
        'ACR-122 fail at azapi_resource.by_id',
      ]);
    });

    it('is a task of prod: azurerm’s run of a task dev does not declare fails ACR-122', () => {
      const runs = {
        azurerm_container_registry_task_schedule_run_now: {
          nightly: { container_registry_task_id: `${PROD_ID}/tasks/nightly` },
        },
      };
      expect(estate(runs, ['ACR-122'])).toEqual([
        'ACR-122 fail at azurerm_container_registry_task_schedule_run_now.nightly',
      ]);
    });
  });
});
