/**
 * Commands a Terraform configuration runs (provisioners), read as ways in. Seeding a registry with
 * `null_resource` + `local-exec` `az acr import` is a common hand-written pattern; the command runs
 * with the deployer's credentials, so what it brings in is not promotion unless proven. The checker
 * does not judge shell commands: a command that names a registry is an import of unknown effect into
 * it (ACR-024 unknown, never a pass), one that runs a push tool against a registry it does not name
 * is an import into a registry the input does not decide, and a command naming no registry and
 * running no push tool is left alone. Before this, provisioners were dropped and ACR-024 passed.
 * Source: Terraform "Provisioners" (local-exec `command` and `environment`; remote-exec `inline`,
 * `script`, `scripts`; `self` names the resource the provisioner belongs to).
 */
import { InventoryInputError, checkInventories, inventoryFromPlanJson } from '../../policies';
import {
  PULUMI_UNKNOWN_SENTINEL,
  inventoryFromPulumiPreviewJson,
} from '../../policies/inventory/pulumi-preview/read';
import { checkDevEstate, lockedDownAcr, rootModuleCheck } from './helpers';

const REGISTRY = lockedDownAcr('prod');

/** A `null_resource` whose provisioners are `provisioner` (either body form). */
const runner = (provisioner: unknown): Record<string, unknown> => ({ provisioner });

describe('commands a configuration runs', () => {
  const check = rootModuleCheck('acr-commands-', { server: { type: 'string' }, cmd: { type: 'string' } });
  const withRunner = (provisioner: unknown, registry: Record<string, unknown> = REGISTRY) => ({
    azurerm_container_registry: { acr: registry },
    null_resource: { seed: runner(provisioner) },
  });
  const acr024 = (provisioner: unknown): string[] => check(withRunner(provisioner), ['ACR-024']);

  it('make ACR-024 unknown on the registry a command names by reference, with the command', () => {
    const command =
      'az acr import --name ${azurerm_container_registry.acr.name} --source docker.io/library/nginx:1.27';
    expect(acr024({ 'local-exec': { command } })).toEqual([
      `ACR-024 unknown: command null_resource.seed may import: null_resource.seed runs a local-exec command \`${command}\`; what a command pushes or imports is not read here (promote with the promotion identity's import, outside the deployment) (contosoacrprod)`,
    ]);
  });

  it('read both body forms alike: an array of provisioner objects, and blocks as arrays (HCL converters)', () => {
    const command = 'az acr build -r contosoacrprod -t app:1 .';
    const objectForm = acr024({ 'local-exec': { command } });
    expect(objectForm[0]).toMatch(
      /^ACR-024 unknown: command null_resource.seed may import: .*az acr build -r contosoacrprod/,
    );
    expect(acr024([{ 'local-exec': [{ command }] }])).toEqual(objectForm);
  });

  it.each([
    ['a literal name', { command: 'az acr build --registry contosoacrprod -t app:1 .' }],
    ['a login server', { command: 'docker push contosoacrprod.azurecr.io/app:1' }],
    [
      'a login server in the environment',
      { command: 'docker push "$REG/app:1"', environment: { REG: 'contosoacrprod.azurecr.io' } },
    ],
    [
      'a reference to the login server in the environment',
      { command: './push.sh', environment: { REG: '${azurerm_container_registry.acr.login_server}' } },
    ],
    ['a name without a push tool (a script it cannot read)', { command: './seed.sh contosoacrprod' }],
  ])('name the registry by %s (ACR-024 unknown)', (_, body) => {
    const [finding] = acr024({ 'local-exec': body });
    expect(finding).toMatch(
      /^ACR-024 unknown: command null_resource.seed may import: null_resource.seed runs a local-exec command `/,
    );
  });

  it('name the registry in its own provisioner by self', () => {
    const registry = {
      ...REGISTRY,
      provisioner: { 'local-exec': { command: 'docker push ${self.login_server}/base:1' } },
    };
    expect(check({ azurerm_container_registry: { acr: registry } }, ['ACR-024'])[0]).toMatch(
      /^ACR-024 unknown: command azurerm_container_registry.acr may import: .*docker push \$\{self.login_server\}\/base:1/,
    );
  });

  it('read remote-exec inline commands, and a script file as unread', () => {
    expect(
      acr024({
        'remote-exec': { inline: ['docker pull nginx', 'docker push contosoacrprod.azurecr.io/nginx'] },
      })[0],
    ).toMatch(
      /^ACR-024 unknown: .*runs a remote-exec command `docker push contosoacrprod.azurecr.io\/nginx`/,
    );
    const [script] = acr024({ 'remote-exec': { script: './bootstrap.sh' } });
    expect(script).toMatch(
      /^ACR-024 unknown: the grants, tokens, tasks, imports and cache rules of contosoacrprod are not all visible/,
    );
  });

  it('leave a command that names no registry and runs no push tool alone (ACR-024 passes)', () => {
    expect(acr024({ 'local-exec': { command: 'echo provisioned > done.txt' } })).toEqual([
      'ACR-024 pass: nothing but promotion can push into contosoacrprod',
    ]);
  });

  it('make a push to a registry the input does not decide an unknown on every registry (ACR-024, ACR-111)', () => {
    const findings = check(withRunner({ 'local-exec': { command: 'docker push ${var.server}/app:1' } }), [
      'ACR-024',
      'ACR-111',
    ]);
    expect(findings[0]).toMatch(
      /^ACR-024 unknown: the grants, tokens, tasks, imports and cache rules of contosoacrprod are not all visible/,
    );
    expect(findings[1]).toMatch(
      /^ACR-111 unknown: the registry of command \(null_resource.seed\) is not decided: null_resource.seed runs a local-exec command `docker push \$\{var.server\}\/app:1`, which pushes or imports into a registry the input does not decide/,
    );
  });

  it('make a command the input does not decide at all an import into an undecided registry', () => {
    const findings = check(withRunner({ 'local-exec': { command: '${var.cmd}' } }), ['ACR-111']);
    expect(findings[0]).toMatch(
      /^ACR-111 unknown: the registry of command \(null_resource.seed\) is not decided: null_resource.seed runs a local-exec command `\$\{var.cmd\}` that the input does not decide \(var.cmd has no value/,
    );
  });

  it('refuse a provisioner Terraform would reject, naming the path', () => {
    expect(() => acr024({ 'local-exec': { command: { run: 'x' } } })).toThrow(InventoryInputError);
    expect(() => acr024({ 'local-exec': { command: { run: 'x' } } })).toThrow(
      /main\.tf\.json: resource\.null_resource\.seed\.provisioner\.local-exec\.command: expected a string \(the command to run\)$/,
    );
    expect(() => acr024([{ 'remote-exec': [{ inline: [1] }] }])).toThrow(
      /resource\.null_resource\.seed\.provisioner\[0\]\.remote-exec\[0\]\.inline: expected a list of strings$/,
    );
  });

  it('follow a command in dev that pushes into prod’s login server to prod (ACR-105, ACR-123)', () => {
    const result = checkDevEstate('cdktf', {
      null_resource: {
        seed: runner({ 'local-exec': { command: 'docker push contosoacrprod.azurecr.io/app:dev' } }),
      },
    });
    const prod = result.findings.filter(
      (f) => f.environment === 'prod' && ['ACR-105', 'ACR-123'].includes(f.ruleId),
    );
    expect(prod.map((f) => `${f.ruleId} ${f.result}`)).toEqual(expect.arrayContaining(['ACR-123 fail']));
    expect(prod.find((f) => f.ruleId === 'ACR-123')?.message).toContain(
      'docker push contosoacrprod.azurecr.io/app:dev',
    );
  });
});

/**
 * A plan lists provisioners in its `configuration` section only, in Terraform's expression
 * representation: `constant_value` for a literal command, `references` for an expression (the plan
 * does not give its text). Hand-written after Terraform's "JSON Output Format" (Configuration
 * Representation, Expression Representation).
 */
describe('commands in a plan', () => {
  const registryChange = {
    address: 'azurerm_container_registry.this',
    mode: 'managed',
    type: 'azurerm_container_registry',
    name: 'this',
    provider_name: 'registry.terraform.io/hashicorp/azurerm',
    change: {
      actions: ['create'],
      before: null,
      after: { ...REGISTRY, admin_enabled: false },
      after_unknown: { id: true, login_server: true },
    },
  };
  const runnerChange = (module?: string) => ({
    address: `${module ? `${module}.` : ''}null_resource.seed`,
    ...(module ? { module_address: module } : {}),
    mode: 'managed',
    type: 'null_resource',
    name: 'seed',
    provider_name: 'registry.terraform.io/hashicorp/null',
    change: { actions: ['create'], before: null, after: { triggers: null }, after_unknown: { id: true } },
  });
  const seedConfig = (expressions: Record<string, unknown>) => ({
    address: 'null_resource.seed',
    mode: 'managed',
    type: 'null_resource',
    name: 'seed',
    provisioners: [{ type: 'local-exec', expressions }],
  });
  const plan = (
    expressions: Record<string, unknown>,
    module?: string,
    callArguments: Record<string, unknown> = {},
  ): Record<string, unknown> => ({
    format_version: '1.2',
    terraform_version: '1.9.8',
    resource_changes: [registryChange, runnerChange(module)],
    configuration: {
      root_module: module
        ? {
            resources: [
              {
                address: 'azurerm_container_registry.this',
                mode: 'managed',
                type: 'azurerm_container_registry',
                name: 'this',
              },
            ],
            module_calls: {
              seed: {
                source: './seed',
                expressions: callArguments,
                module: { resources: [seedConfig(expressions)] },
              },
            },
          }
        : { resources: [seedConfig(expressions)] },
    },
  });
  const acr024 = (doc: Record<string, unknown>): string[] =>
    checkInventories([inventoryFromPlanJson(doc, 'prod', 'prod.plan.json')], {
      config: { order: ['dev', 'staging', 'prod'], replicaRegions: { prod: [] } },
    })
      .findings.filter((f) => f.ruleId === 'ACR-024' || f.ruleId === 'ACR-111')
      .map((f) => `${f.ruleId} ${f.result}: ${f.message}`);

  it('name the registry a command expression refers to (ACR-024 unknown)', () => {
    const [finding] = acr024(
      plan({
        command: { references: ['azurerm_container_registry.this.name', 'azurerm_container_registry.this'] },
      }),
    );
    expect(finding).toBe(
      "ACR-024 unknown: command null_resource.seed may import: null_resource.seed runs a local-exec command; what a command pushes or imports is not read here (promote with the promotion identity's import, outside the deployment) (contosoacrprod)",
    );
  });

  it('read a constant command: one that names nothing and pushes nothing passes, a push names its registry', () => {
    expect(acr024(plan({ command: { constant_value: 'echo done' } }))).toEqual([
      'ACR-024 pass: nothing but promotion can push into contosoacrprod',
    ]);
    expect(
      acr024(plan({ command: { constant_value: 'docker push contosoacrprod.azurecr.io/app:1' } }))[0],
    ).toMatch(
      /^ACR-024 unknown: command null_resource.seed may import: .*`docker push contosoacrprod.azurecr.io\/app:1`/,
    );
  });

  it('leave a child module’s command on its own variable undecided (ACR-111), with what it refers to', () => {
    const findings = acr024(plan({ command: { references: ['var.registry_name'] } }, 'module.seed'));
    expect(findings[0]).toMatch(
      /^ACR-024 unknown: the grants, tokens, tasks, imports and cache rules of contosoacrprod are not all visible/,
    );
    expect(findings[1]).toContain(
      'module.seed.null_resource.seed runs a local-exec command that the input does not decide (the plan gives the command as an expression, which refers to ${module.seed.var.registry_name}, not its text (check the configuration))',
    );
  });

  it('name the registry a child module’s command gets through its call (the variable followed)', () => {
    const findings = acr024(
      plan({ command: { references: ['var.registry_name'] } }, 'module.seed', {
        registry_name: {
          references: ['azurerm_container_registry.this.name', 'azurerm_container_registry.this'],
        },
      }),
    );
    expect(findings).toEqual([
      "ACR-024 unknown: command module.seed.null_resource.seed may import: module.seed.null_resource.seed runs a local-exec command; what a command pushes or imports is not read here (promote with the promotion identity's import, outside the deployment) (contosoacrprod)",
    ]);
  });

  it('refuse a provisioner of a shape the plan format does not have, naming where', () => {
    expect(() => acr024(plan({ command: { constant_value: ['az', 'acr'] } }))).toThrow(
      'prod.plan.json: configuration null_resource.seed.provisioners[0].expressions.command.constant_value: expected a string (the command to run)',
    );
  });
});

/**
 * The Pulumi twin: `@pulumi/command` resources (`command:local:Command`, `command:remote:Command`),
 * whose `create`, `update` and `delete` inputs are commands (Pulumi Registry, command package), in a
 * hand-written `pulumi preview --json`: a step's `newState` with `inputs` and `propertyDependencies`.
 */
describe('commands in a Pulumi preview', () => {
  const stack = 'urn:pulumi:prod::platform::';
  const registryUrn = `${stack}azure-native:containerregistry:Registry::acr`;
  const registryStep = {
    op: 'create',
    urn: registryUrn,
    newState: {
      urn: registryUrn,
      custom: true,
      type: 'azure-native:containerregistry:Registry',
      inputs: {
        registryName: 'contosoacrprod',
        resourceGroupName: 'rg-acr-prod',
        location: 'westeurope',
        sku: { name: 'Premium' },
        adminUserEnabled: false,
        publicNetworkAccess: 'Disabled',
      },
    },
  };
  const commandStep = (inputs: Record<string, unknown>, dependencies: Record<string, string[]> = {}) => ({
    op: 'create',
    urn: `${stack}command:local:Command::seed`,
    newState: {
      urn: `${stack}command:local:Command::seed`,
      custom: true,
      type: 'command:local:Command',
      inputs,
      propertyDependencies: dependencies,
    },
  });
  const acr024 = (step: Record<string, unknown>): string[] =>
    checkInventories(
      [
        inventoryFromPulumiPreviewJson(
          { steps: [registryStep, step], changeSummary: {}, diagnostics: [] },
          'prod',
          'prod-preview.json',
        ),
      ],
      { config: { order: ['dev', 'staging', 'prod'], replicaRegions: { prod: [] } } },
    )
      .findings.filter((f) => f.ruleId === 'ACR-024' || f.ruleId === 'ACR-111')
      .map((f) => `${f.ruleId} ${f.result}: ${f.message}`);

  it('name the registry by its literal name in the command (ACR-024 unknown)', () => {
    const [finding] = acr024(
      commandStep({ create: 'az acr import --name contosoacrprod --source docker.io/library/nginx:1.27' }),
    );
    expect(finding).toBe(
      "ACR-024 unknown: command urn:pulumi:prod::platform::command:local:Command::seed may import: seed runs a local command (create) `az acr import --name contosoacrprod --source docker.io/library/nginx:1.27`; what a command pushes or imports is not read here (promote with the promotion identity's import, outside the deployment) (contosoacrprod)",
    );
  });

  it('name the registry an input is computed from, though its text is known only after apply', () => {
    const step = commandStep({ create: PULUMI_UNKNOWN_SENTINEL }, { create: [registryUrn] });
    expect(acr024(step)[0]).toMatch(
      /^ACR-024 unknown: command .* may import: seed runs a local command \(create\); /,
    );
  });

  it('leave a command that names no registry and runs no push tool alone; make an unknown one undecided', () => {
    expect(acr024(commandStep({ create: 'echo ready' }))).toEqual([
      'ACR-024 pass: nothing but promotion can push into contosoacrprod',
    ]);
    const findings = acr024(commandStep({ create: PULUMI_UNKNOWN_SENTINEL }));
    expect(findings[1]).toMatch(
      /^ACR-111 unknown: .*seed runs a local command \(create\) that the stack does not decide \(it is known only after apply\)/,
    );
  });

  it('make a command shown only as [secret] undecided, never taken not to push', () => {
    const findings = acr024(commandStep({ create: '[secret]' }));
    expect(findings[1]).toMatch(
      /^ACR-111 unknown: .*seed runs a local command \(create\) that the stack does not decide \(it is a secret, shown only as \[secret\]/,
    );
    expect(findings[0]).toMatch(/^ACR-024 unknown: /);
  });

  it('refuse a command or an environment the command package would not take (not a string)', () => {
    expect(() => acr024(commandStep({ create: ['az', 'acr', 'import'] }))).toThrow(
      new InventoryInputError(
        'prod-preview.json: urn:pulumi:prod::platform::command:local:Command::seed inputs.create: expected a string, got a list',
      ),
    );
    expect(() => acr024(commandStep({ create: 'echo', environment: { ACR: 42 } }))).toThrow(
      new InventoryInputError(
        'prod-preview.json: urn:pulumi:prod::platform::command:local:Command::seed inputs.environment.ACR: expected a string, got a number',
      ),
    );
    expect(() => acr024(commandStep({ delete: 'echo', environment: 'ACR=x' }))).toThrow(
      new InventoryInputError(
        'prod-preview.json: urn:pulumi:prod::platform::command:local:Command::seed inputs.environment: expected an object of strings, got a string',
      ),
    );
  });
});
