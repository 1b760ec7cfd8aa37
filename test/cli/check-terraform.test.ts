/**
 * `acr-iac check` on hand-written Terraform, as users run it: folders, files, HCL, variables, the
 * exit codes (0, 1, 2, 3), and the statement of environment, posture and enforcement in every format.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from '../support/cli';

const FOREIGN = path.join('test', 'fixtures', 'foreign');
const at = (...parts: string[]): string => path.join(FOREIGN, ...parts);

describe('check on Terraform configuration', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'acr-iac-check-tf-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a root module folder and states how it judged it', async () => {
    const result = await runCli('check', at('root-module'), '--env', 'prod');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      'judged as: environment prod (from --env prod); production posture (last environment of the chain dev -> staging -> prod)',
    );
    expect(result.stdout).toContain('var.workspace_id has no value');
  });

  it('resolves -var values', async () => {
    const workspace =
      '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-mon/providers/Microsoft.OperationalInsights/workspaces/law';
    const result = await runCli(
      'check',
      at('root-module'),
      '--env',
      'prod',
      '--var',
      `workspace_id=${workspace}`,
      '--format',
      'json',
    );
    const report = JSON.parse(result.stdout);
    expect(
      report.findings
        .filter((f: { ruleId: string }) => f.ruleId === 'ACR-017')
        .map((f: { result: string }) => f.result),
    ).toEqual(['pass']);
  });

  it('reads several files of one folder as one module, in the default environment when none is named', async () => {
    const result = await runCli(
      'check',
      at('cross-file', 'registry.tf.json'),
      at('cross-file', 'hooks.tf.json'),
      '--format',
      'json',
    );
    const report = JSON.parse(result.stdout);
    expect(report.environments).toEqual([
      expect.objectContaining({
        name: 'default',
        files: ['test/fixtures/foreign/cross-file'],
        posture: 'production',
        notice: expect.stringContaining('no environment was named'),
      }),
    ]);
    // The webhook by literal name is attached to the registry declared in the other file.
    expect(report.findings).toContainEqual(
      expect.objectContaining({ ruleId: 'ACR-020', result: 'pass', registry: 'contosoacrprod' }),
    );
  });

  it('reads HCL (*.tf and terraform.tfvars)', async () => {
    const result = await runCli('check', at('avm-style'), '--env', 'prod');
    expect(result.code).toBe(1);
    // The AcrPush grant of main.tf's role_assignments map (for_each over a tfvars-given map) is read.
    expect(result.stdout).toContain(
      'FAIL ACR-024 [critical] (mandatory) No push rights in production (images arrive by promotion): 66666666-6666-6666-6666-666666666666 can push (AcrPush) on contosoacrprod',
    );
  });

  it('says NOTHING CHECKED for a module-only root, and exits 3 with --fail-on-unchecked', async () => {
    const plain = await runCli('check', at('module-only'), '--env', 'prod');
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain('NOTHING CHECKED: no registry could be judged in prod');
    expect(plain.stdout).not.toContain('PASSED');
    const strict = await runCli('check', at('module-only'), '--env', 'prod', '--fail-on-unchecked');
    expect(strict.code).toBe(3);
    const checked = await runCli('check', at('root-module'), '--env', 'dev', '--fail-on-unchecked');
    expect(checked.code).toBe(0);
  });

  it('states environment, posture and enforcement in every report format', async () => {
    const args = ['check', at('object-form', 'main.tf.json'), '--env', 'staging', '--posture', 'production'];
    const json = JSON.parse((await runCli(...args, '--format', 'json')).stdout);
    expect(json.environments[0]).toMatchObject({
      name: 'staging',
      environmentFrom: '--env staging',
      posture: 'production',
      postureFrom: 'set for every environment by --posture',
      enforcement: 'mandatory',
    });
    const markdown = (await runCli(...args, '--format', 'markdown')).stdout;
    expect(markdown).toContain(
      'environment staging (from --env staging); production posture (set for every environment by --posture)',
    );
    const sarif = JSON.parse((await runCli(...args, '--format', 'sarif')).stdout);
    expect(sarif.runs[0].properties.environments[0]).toMatchObject({
      posture: 'production',
      postureFrom: 'set for every environment by --posture',
    });
    const junit = (await runCli(...args, '--format', 'junit')).stdout;
    expect(junit).toContain('<property name="postureFrom" value="set for every environment by --posture"/>');
    expect(junit).toContain('<property name="environmentFrom" value="--env staging"/>');
  });

  it('refuses an unknown --posture and an undeclared -var with one line', async () => {
    const posture = await runCli('check', at('root-module'), '--posture', 'strict');
    expect(posture.code).toBe(2);
    expect(posture.stderr).toBe('acr-iac: unknown --posture strict (use baseline, hardened, production)\n');
    const variable = await runCli('check', at('root-module'), '--var', 'nosuch=1');
    expect(variable.code).toBe(2);
    expect(variable.stderr).toBe('acr-iac: -var nosuch: the module declares no variable "nosuch"\n');
  });

  it.each([
    [
      'a resource type that is not an object',
      { resource: { azurerm_container_registry: 'acr' } },
      'resource.azurerm_container_registry: expected an object of blocks by name, or an array of such objects (got a string)',
    ],
    [
      'a body that is not an object',
      { resource: { azurerm_container_registry: { acr: [1] } } },
      'resource.azurerm_container_registry.acr[0]: expected a block body (an object) (got a number)',
    ],
    [
      'metadata of the wrong shape',
      { resource: { azurerm_container_registry: { acr: { '//': { metadata: { path: 1 } } } } } },
      'resource.azurerm_container_registry.acr["//"].metadata.path: expected a string (got a number)',
    ],
    [
      'a suppression without a reason',
      {
        resource: {
          azurerm_container_registry: {
            acr: { '//': { 'acr-iac': { suppressions: [{ ruleId: 'ACR-001' }] } } },
          },
        },
      },
      'resource.azurerm_container_registry.acr["//"].acr-iac.suppressions[0].reason: expected a string (got nothing)',
    ],
    [
      'a dynamic block without content',
      {
        resource: { azurerm_container_registry: { acr: { dynamic: { georeplications: { for_each: [] } } } } },
      },
      'resource.azurerm_container_registry.acr.dynamic.georeplications.content: expected a content body',
    ],
    [
      'an unknown top-level key',
      { resources: {} },
      'the top level: unexpected "resources" (expected one of terraform, provider, variable',
    ],
    [
      'an output without a value (Terraform requires it; outputs are read through module calls)',
      { output: { id: { description: 'the registry ID' } } },
      'output.id: expected an output body with a value (got an object)',
    ],
    [
      'an output that is not a block',
      { output: { id: '${azurerm_container_registry.acr.id}' } },
      'output.id: expected an output body (an object with a value) (got a string)',
    ],
    [
      'a provider block that is not an object',
      { provider: { azurerm: 'features' } },
      'provider.azurerm: expected an object, or an array of objects (got a string)',
    ],
    [
      'count that is not a number',
      { resource: { azurerm_container_registry: { acr: { count: true } } } },
      'resource.azurerm_container_registry.acr.count: expected a whole number or an expression string (got a boolean)',
    ],
    [
      'a negative count',
      { resource: { azurerm_container_registry: { acr: { count: -1 } } } },
      'resource.azurerm_container_registry.acr.count: expected at least 0 (got a number)',
    ],
    [
      'a lifecycle block that is not an object',
      { resource: { azurerm_container_registry: { acr: { lifecycle: [1] } } } },
      'resource.azurerm_container_registry.acr.lifecycle[0]: expected an object (got a number)',
    ],
    [
      'a suppression with a key it does not have (no list of top-level keys offered)',
      {
        resource: {
          azurerm_container_registry: {
            acr: {
              '//': { 'acr-iac': { suppressions: [{ ruleId: 'ACR-001', reason: 'migration', scope: 'x' }] } },
            },
          },
        },
      },
      'resource.azurerm_container_registry.acr["//"].acr-iac.suppressions[0]: unexpected "scope"\n',
    ],
    [
      'a count too large to expand (a hang or out of memory otherwise)',
      { resource: { azurerm_container_registry: { acr: { count: 1e9 } } } },
      'resource.azurerm_container_registry.acr.count: count = 1000000000 makes more than the 100000 resource instances the checker expands per root module; check a plan of it instead',
    ],
    [
      'a count from a variable default that is too large',
      {
        variable: { n: { default: 200000 } },
        resource: { azurerm_container_registry: { acr: { count: '${var.n}' } } },
      },
      'resource.azurerm_container_registry.acr.count: count = 200000 makes more than the 100000',
    ],
  ])(
    'exits 2 on %s with one line naming the file, the path and what was expected',
    async (_, doc, message) => {
      const file = path.join(dir, 'main.tf.json');
      writeFileSync(file, JSON.stringify(doc));
      const result = await runCli('check', file, '--env', 'prod');
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr.split('\n')).toHaveLength(2);
      expect(result.stderr).toContain(`main.tf.json: ${message}`);
    },
  );

  describe('refuses a block declared twice, as Terraform does (Duplicate resource configuration)', () => {
    const acr = { name: 'acr1', resource_group_name: 'rg', location: 'westeurope', sku: 'Premium' };
    const check = async (files: Record<string, unknown>) => {
      const folder = mkdtempSync(path.join(dir, 'dup-'));
      for (const [name, doc] of Object.entries(files))
        writeFileSync(path.join(folder, name), JSON.stringify(doc));
      return {
        folder,
        result: await runCli('check', folder, '--env', 'prod', '-o', `${folder}.txt`),
      };
    };

    it.each([
      [
        'in two files of one module',
        {
          'one.tf.json': { resource: { azurerm_container_registry: { acr } } },
          'two.tf.json': { resource: { azurerm_container_registry: { acr } } },
        },
        'two.tf.json: resource.azurerm_container_registry.acr: resource azurerm_container_registry.acr is declared twice (also at',
      ],
      [
        'in one file by the array form',
        {
          'main.tf.json': {
            resource: [
              { azurerm_container_registry: { acr } },
              { azurerm_container_registry: { acr: [acr] } },
            ],
          },
        },
        'main.tf.json: resource[1].azurerm_container_registry.acr[0]: resource azurerm_container_registry.acr is declared twice (also at resource[0].azurerm_container_registry.acr)',
      ],
      [
        'as a data source in two files',
        {
          'one.tf.json': {
            data: { azurerm_container_registry: { shared: { name: 'x', resource_group_name: 'rg' } } },
          },
          'two.tf.json': {
            data: { azurerm_container_registry: { shared: { name: 'x', resource_group_name: 'rg' } } },
          },
        },
        'two.tf.json: data.azurerm_container_registry.shared: data source data.azurerm_container_registry.shared is declared twice',
      ],
    ])('%s: exit 2, one line, no report', async (_, files, message) => {
      const { folder, result } = await check(files);
      expect(result.code).toBe(2);
      expect(result.stderr.split('\n')).toHaveLength(2);
      expect(result.stderr).toContain(message);
      expect(existsSync(`${folder}.txt`)).toBe(false);
    });

    it('accepts one name under two types, and a resource and a data source of one name', async () => {
      const { result } = await check({
        'one.tf.json': {
          resource: {
            azurerm_container_registry: { acr },
            azurerm_management_lock: {
              acr: { name: 'l', scope: '${azurerm_container_registry.acr.id}', lock_level: 'CanNotDelete' },
            },
          },
        },
        'two.tf.json': {
          data: { azurerm_container_registry: { acr: { name: 'acr1', resource_group_name: 'rg' } } },
        },
      });
      expect(result.code).not.toBe(2);
      expect(result.stderr).not.toContain('declared twice');
    });
  });
});

describe('bin/acr-iac.js check', () => {
  const run = (...args: string[]) =>
    spawnSync(process.execPath, ['bin/acr-iac.js', 'check', ...args], { encoding: 'utf8' });

  it('judges an environment named after an object built-in like any other: a weak registry exits 1', () => {
    const result = run(at('object-form', 'main.tf.json'), '--env', 'constructor');
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('FAIL ACR-001');
    expect(result.stdout).toContain(
      'notice: environment "constructor" (from --env constructor) is not in the estate\'s chain',
    );
  });
});
