/**
 * The installed bin on hand-written plan and preview files whose resources run commands: a plan's
 * provisioner (in its `configuration` section, after Terraform's "JSON Output Format") and a Pulumi
 * `command:local:Command` in `pulumi preview --json`, each naming the prod registry, make ACR-024
 * unknown there. A plan provisioner whose constant command, or a Command whose `create`, is not a
 * string is exit 2 with one line, and nothing is written. Also a root module whose only undecided
 * module call cannot touch a registry (ACR-110 says nothing), and a plan whose grant module gets its
 * scope through module outputs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FOREIGN, foreignProject } from '../support/foreign-project';

const registry = {
  name: 'contosoacrprod',
  resource_group_name: 'rg-acr-prod',
  location: 'westeurope',
  sku: 'Premium',
  admin_enabled: false,
  public_network_access_enabled: false,
};

const plan = (command: unknown): string =>
  JSON.stringify({
    format_version: '1.2',
    terraform_version: '1.9.8',
    resource_changes: [
      {
        address: 'azurerm_container_registry.this',
        mode: 'managed',
        type: 'azurerm_container_registry',
        name: 'this',
        change: { actions: ['create'], before: null, after: registry, after_unknown: { id: true } },
      },
      {
        address: 'null_resource.seed',
        mode: 'managed',
        type: 'null_resource',
        name: 'seed',
        change: { actions: ['create'], before: null, after: {}, after_unknown: { id: true } },
      },
    ],
    configuration: {
      root_module: {
        resources: [
          {
            address: 'azurerm_container_registry.this',
            mode: 'managed',
            type: 'azurerm_container_registry',
            name: 'this',
          },
          {
            address: 'null_resource.seed',
            mode: 'managed',
            type: 'null_resource',
            name: 'seed',
            provisioners: [{ type: 'local-exec', expressions: { command } }],
          },
        ],
      },
    },
  });

const preview = (create: unknown): string =>
  JSON.stringify({
    steps: [
      {
        op: 'create',
        urn: 'urn:pulumi:prod::platform::azure-native:containerregistry:Registry::acr',
        newState: {
          urn: 'urn:pulumi:prod::platform::azure-native:containerregistry:Registry::acr',
          custom: true,
          type: 'azure-native:containerregistry:Registry',
          inputs: {
            registryName: 'contosoacrprod',
            resourceGroupName: 'rg-acr-prod',
            location: 'westeurope',
            sku: { name: 'Premium' },
          },
        },
      },
      {
        op: 'create',
        urn: 'urn:pulumi:prod::platform::command:local:Command::seed',
        newState: {
          urn: 'urn:pulumi:prod::platform::command:local:Command::seed',
          custom: true,
          type: 'command:local:Command',
          inputs: { create },
        },
      },
    ],
    changeSummary: {},
    diagnostics: [],
  });

describe('the installed bin on commands in plans and previews', () => {
  const { bin, writeModule, resultsAt, refused } = foreignProject('commands-plans-');

  it('makes ACR-024 unknown on the registry a plan provisioner refers to; refuses a command that is no string', () => {
    writeModule(
      'plans',
      'prod.plan.json',
      plan({ references: ['azurerm_container_registry.this.name', 'azurerm_container_registry.this'] }),
    );
    const result = bin('check', 'plans/prod.plan.json', '--env', 'prod', '--format', 'json');
    expect(resultsAt(result.stdout, 'ACR-024')).toEqual(['unknown null_resource.seed']);
    writeModule('plans', 'prod.plan.json', plan({ constant_value: ['az', 'acr', 'import'] }));
    refused(
      bin('check', 'plans/prod.plan.json', '--env', 'prod', '-o', 'prod.json'),
      'configuration null_resource.seed.provisioners[0].expressions.command.constant_value: expected a string (the command to run)',
      'prod.json',
    );
  });

  it('follows a grant module’s scope through the plan’s module calls and outputs; refuses calls that are not objects', () => {
    const text = readFileSync(join(FOREIGN, 'plans', 'module-outputs.plan.json'), 'utf8');
    writeModule('plans', 'prod.plan.json', text);
    const result = bin('check', 'plans/prod.plan.json', '--env', 'prod', '--format', 'json');
    expect(resultsAt(result.stdout, 'ACR-024')).toContain('fail module.ci_push.azurerm_role_assignment.this');
    expect(resultsAt(result.stdout, 'ACR-111')).toEqual([
      'unknown module.per_team["ops"].azurerm_role_assignment.this',
    ]);
    const doc = JSON.parse(text) as {
      configuration: { root_module: { module_calls: { ci_push: unknown } } };
    };
    doc.configuration.root_module.module_calls.ci_push = { expressions: 'scope' };
    writeModule('plans', 'prod.plan.json', JSON.stringify(doc));
    refused(
      bin('check', 'plans/prod.plan.json', '--env', 'prod', '-o', 'prod.json'),
      'configuration.root_module.module_calls.ci_push.expressions: expected an object',
      'prod.json',
    );
  });

  it('makes ACR-024 unknown on the registry a Pulumi command pushes into', () => {
    writeModule('previews', 'prod-preview.json', preview('docker push contosoacrprod.azurecr.io/app:1'));
    const result = bin('check', 'previews/prod-preview.json', '--env', 'prod', '--format', 'json');
    expect(resultsAt(result.stdout, 'ACR-024')).toEqual([
      'unknown urn:pulumi:prod::platform::command:local:Command::seed',
    ]);
    writeModule('previews', 'prod-preview.json', preview(42));
    refused(
      bin('check', 'previews/prod-preview.json', '--env', 'prod', '-o', 'prod.json'),
      'urn:pulumi:prod::platform::command:local:Command::seed inputs.create: expected a string, got a number',
      'prod.json',
    );
  });

  it('says nothing of an undecided module call whose tree cannot touch a registry', () => {
    writeModule(
      'inert',
      'main.tf',
      `resource "azurerm_container_registry" "this" {
  name                = "contosoacrprod"
  resource_group_name = "rg-acr-prod"
  location            = "westeurope"
  sku                 = "Premium"
}
data "azuread_client_config" "current" {}
module "policy" {
  source      = "./policy"
  for_each    = { for k, v in { me = "x" } : k => v if data.azuread_client_config.current.object_id != "" }
  registry_id = azurerm_container_registry.this.id
}
`,
    );
    writeModule(
      'inert/policy',
      'main.tf',
      'variable "registry_id" {}\nresource "random_string" "suffix" {\n  length = 4\n}\n',
    );
    const result = bin('check', 'inert', '--env', 'prod', '--format', 'json');
    expect(resultsAt(result.stdout, 'ACR-110')).toEqual([]);
    expect(resultsAt(result.stdout, 'ACR-018')).toEqual(['fail azurerm_container_registry.this']);
  });
});
