/**
 * `check --pulumi <stack>`: the program runs under mocks with the stack's config, its inventory is
 * judged by the catalogue; a stack config that weakens prod fails, naming the rule.
 */
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { evaluate } from '../../policies/evaluate';
import { policyConfigFromEstate, resolvePolicyConfig } from '../../policies/config';
import { inventoryFromPulumiStack, readStackConfigFile } from '../../policies/inventory/pulumi-program/run';
import { InventoryInputError } from '../../policies/inventory/errors';
import { DeclarationError } from '../../constructs/model/problems';
import { ESTATE } from '../../stacks/environments';
import { loadEstate } from '../../stacks/estate';
import { checkPulumiStack } from '../../cli/check-pulumi';
import { RoleAssignment } from '@pulumi/azure-native/authorization/roleAssignment';
import { RoleDefinition } from '@pulumi/azure-native/authorization/roleDefinition';
import { Registry } from '@pulumi/azure-native/containerregistry/registry';
import { Task } from '@pulumi/azure-native/containerregistry/task';
import { Token } from '@pulumi/azure-native/containerregistry/token';
import { UserAssignedIdentity } from '@pulumi/azure-native/managedidentity/userAssignedIdentity';
import { Environment } from '../../constructs/pulumi/environment';
import { RegistryReference } from '../../constructs/pulumi/registry-reference';
import type { ResolvedEnvironment } from '../../constructs/model/resolve';
import type { CheckResult, Inventory } from '../../policies';
import { checkInventories } from '../../policies';
import { inventoryFromPulumiResources } from '../../policies/inventory/pulumi-resources/build';
import { MOCK_SUBSCRIPTION_ID, runUnderMocks } from '../../policies/inventory/pulumi-program/mocks';
import {
  CI,
  CMD_PUSH_YAML,
  GUID,
  IMPORT_ONLY,
  PROD_ID,
  PUSHING_YAML,
  SUB,
  roleId,
} from '../support/push-holes';
import { definePulumiProgram as program } from '../../stacks/pulumi-stack';

const config = resolvePolicyConfig(policyConfigFromEstate(loadEstate()));

function stackDir(prodConfig: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'acr-iac-pulumi-'));
  copyFileSync('Pulumi.yaml', path.join(dir, 'Pulumi.yaml'));
  writeFileSync(path.join(dir, 'Pulumi.prod.yaml'), prodConfig);
  return dir;
}

describe('check --pulumi', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it.each([['dev'], ['staging'], ['prod']])('passes on the default %s stack', async (stack) => {
    const inventory = await inventoryFromPulumiStack(stack, { program });
    expect(inventory.format).toBe('pulumi');
    expect(inventory.file).toBe(`Pulumi.${stack}.yaml`);
    const result = evaluate([inventory], config);
    expect(result.findings.filter((f) => f.mandatory)).toEqual([]);
  });

  it('fails naming the rule when the prod stack config opens public access', async () => {
    const dir = stackDir('config:\n  acr-iac:publicNetworkAccess: true\n  acr-iac:exportEnabled: true\n');
    dirs.push(dir);
    const inventory = await inventoryFromPulumiStack('prod', { program, cwd: dir });
    expect(inventory.registries[0].publicNetworkAccess).toBe(true);
    const failures = evaluate([inventory], config).findings.filter((f) => f.mandatory);
    expect(failures.length).toBeGreaterThan(0);
    expect(failures.every((f) => f.environment === 'prod' && /^[A-Z]+-\d+/.test(f.ruleId))).toBe(true);
    expect(failures.map((f) => f.message).join('\n')).toMatch(/public/i);
  });

  it('acr-iac check --pulumi prod names ACR-003 for the weakened stack', async () => {
    const dir = stackDir('config:\n  acr-iac:publicNetworkAccess: true\n  acr-iac:exportEnabled: true\n');
    dirs.push(dir);
    const result = await checkPulumiStack('prod', {
      estate: ESTATE,
      cwd: dir,
      config: policyConfigFromEstate(loadEstate()),
    });
    expect(result.mandatoryFailures).toBeGreaterThan(0);
    expect(result.findings.filter((f) => f.mandatory).map((f) => f.ruleId)).toContain('ACR-003');
    expect(
      (await checkPulumiStack('prod', { estate: ESTATE, config: policyConfigFromEstate(loadEstate()) }))
        .mandatoryFailures,
    ).toBe(0);
  });

  it('reads a suppressions file relative to the stack folder and suppresses a Pulumi finding', async () => {
    const dir = stackDir('config:\n  acr-iac:publicNetworkAccess: true\n  acr-iac:exportEnabled: true\n');
    dirs.push(dir);
    const suppressions = {
      suppressions: [
        { rule: 'ACR-003', environment: 'prod', reason: 'public access during the migration, OPS-7' },
      ],
    };
    writeFileSync(path.join(dir, 'suppressions.json'), JSON.stringify(suppressions));
    const result = await checkPulumiStack('prod', {
      estate: ESTATE,
      cwd: dir,
      config: policyConfigFromEstate(loadEstate()),
      suppressionsFile: 'suppressions.json',
    });
    const acr003 = result.findings.filter((f) => f.ruleId === 'ACR-003');
    expect(acr003.map((f) => [f.result, f.suppression?.reason])).toEqual([
      ['suppressed', 'public access during the migration, OPS-7'],
    ]);
    expect(result.unusedSuppressions).toEqual([]);
  });

  it('fails when an env override removes the lock and destroy protection', async () => {
    const inventory = await inventoryFromPulumiStack('prod', {
      program,
      config: { 'acr-iac:lock': 'false', 'acr-iac:preventDestroy': 'false' },
    });
    expect(inventory.registries[0].preventDestroy).toBe(false);
    expect(inventory.registries[0].locks).toEqual([]);
    expect(evaluate([inventory], config).mandatoryFailures).toBeGreaterThan(0);
  });

  it('rejects an override the declaration cannot hold, with its path', async () => {
    await expect(
      inventoryFromPulumiStack('prod', { program, config: { 'acr-iac:publicNetworkAccess': 'true' } }),
    ).rejects.toThrow(/prod\.registry\.exportEnabled/);
  });

  it('runs a stack whose secrets (webhook headers object, Git token) are encrypted in the stack file', async () => {
    const dir = stackDir('config:\n  acr-iac:scanner_webhook_headers:\n    secure: v1:AAABAKx=\n');
    dirs.push(dir);
    writeFileSync(
      path.join(dir, 'Pulumi.dev.yaml'),
      'config:\n  acr-iac:build_app_git_token:\n    secure: v1:AAABAKy=\n',
    );
    const prod = await inventoryFromPulumiStack('prod', { program, cwd: dir });
    expect(prod.registries[0].webhooks.map((w) => w.name).sort()).toEqual([
      'scannerquarantine',
      'scannerquarantinenortheurope',
      'scannerquarantineswedencentral',
    ]);
    expect(evaluate([prod], config).mandatoryFailures).toBe(0);
    const dev = await inventoryFromPulumiStack('dev', { program, cwd: dir });
    expect(dev.registries[0].tasks.map((t) => t.name)).toContain('build-app');
  });

  it('turns secret config into a secret placeholder and rejects bad config', async () => {
    const dir = stackDir(
      'config:\n  acr-iac:scanner_webhook_headers:\n    secure: AAABAKx=\n  acr-iac:retentionDays: many\n',
    );
    dirs.push(dir);
    expect(readStackConfigFile('prod', dir)).toMatchObject({
      secretKeys: ['acr-iac:scanner_webhook_headers'],
    });
    await expect(inventoryFromPulumiStack('prod', { program, cwd: dir })).rejects.toThrow(DeclarationError);
    await expect(inventoryFromPulumiStack('qa', { program, cwd: dir })).rejects.toThrow(InventoryInputError);
  });
});

/**
 * The push gate under Pulumi mocks: the holes of test/support/push-holes.ts as azure-native resources
 * registered next to the prod environment (and from a dev program), each a mandatory failure of the
 * rule that names it, located at the resource.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;
const estate = loadEstate();

/** Mandatory failures of `rule` located at the resource named `name`. */
const mandatoryAt = (result: CheckResult, rule: string, name: string): number =>
  result.findings.filter((f) => f.mandatory && f.ruleId === rule && f.location.address.endsWith(`::${name}`))
    .length;

/** The inventory of what `program` registers under Pulumi mocks as stack `stack`. */
async function pulumiResources(stack: string, program: (subscriptionId: string) => void): Promise<Inventory> {
  const { resources } = await runUnderMocks(() => program(MOCK_SUBSCRIPTION_ID), { stack });
  return inventoryFromPulumiResources(resources, { environment: stack, file: `Pulumi.${stack}.yaml` });
}

/** Runs one environment under Pulumi mocks with `extra` resources registered next to it. */
function pulumiInventory(
  env: ResolvedEnvironment,
  extra: (subscriptionId: string) => void,
): Promise<Inventory> {
  return pulumiResources(env.name, (subscriptionId) => {
    new Environment(env.name, { environment: env, tokenPasswordsIssuedOn: '2026-01-01', subscriptionId });
    extra(subscriptionId);
  });
}

describe('the push gate under Pulumi mocks', () => {
  const prod = estate.environments[2];
  const prodRegistry = { registryName: 'contosoacrprod', resourceGroupName: 'rg-acr-prod' };
  let result: CheckResult;

  beforeAll(async () => {
    // Prod as the declaration makes it, minus its promotion hop and its signer (rebuilt below with an
    // import-only custom role and AcrImageSigner), plus every hole of the prod stack.
    const tamperedProd: ResolvedEnvironment = {
      ...prod,
      promotion: undefined,
      registry: { ...prod.registry, signing: undefined },
    };
    const prodInventory = await pulumiInventory(tamperedProd, (sub) => {
      const role = (name: string, guid: string): void => {
        new RoleAssignment(name, { scope: PROD_ID, roleDefinitionId: roleId(guid), principalId: CI });
      };
      role('writer-by-id', GUID.repositoryWriter);
      role('tasks-contributor', GUID.tasksContributor);
      role('image-signer', GUID.acrImageSigner);
      // A role definition ID known only after apply, from a resource that is no role definition.
      const other = new UserAssignedIdentity('id-other', {
        resourceName: 'id-other',
        location: 'westeurope',
        resourceGroupName: 'rg-acr-prod',
      });
      new RoleAssignment('unknown-role', { scope: PROD_ID, roleDefinitionId: other.id, principalId: CI });
      const task = (name: string, step: Doc): void => {
        new Task(name, {
          ...prodRegistry,
          taskName: name,
          platform: { os: 'Linux' },
          status: 'Enabled',
          step,
        });
      };
      task('encoded-push', { type: 'EncodedTask', encodedTaskContent: PUSHING_YAML });
      task('cmd-push', { type: 'EncodedTask', encodedTaskContent: CMD_PUSH_YAML });
      task('file-task', {
        type: 'FileTask',
        contextPath: 'https://github.com/contoso/app.git',
        taskFilePath: 'acr-task.yaml',
      });
      new Token('admin-token', {
        ...prodRegistry,
        tokenName: 'admin-token',
        scopeMapId: `${PROD_ID}/scopeMaps/_repositories_admin`,
      });
      // The promotion identity with an import-only custom role (and its pull on staging).
      const identity = new UserAssignedIdentity('id-promote-staging-to-prod', {
        resourceName: 'id-promote-staging-to-prod',
        location: 'westeurope',
        resourceGroupName: 'rg-acr-prod',
      });
      new RegistryReference('staging-source', {
        name: 'contosoacrstaging',
        resourceGroupName: 'rg-acr-staging',
        subscriptionId: sub,
      }).grantPull({ principalId: identity.principalId, name: 'promotion-identity' });
      const definition = new RoleDefinition('import-only-role', {
        roleName: 'AcrImportOnly',
        scope: `${SUB}/resourceGroups/rg-acr-prod`,
        permissions: [{ actions: IMPORT_ONLY }],
        assignableScopes: [`${SUB}/resourceGroups/rg-acr-prod`],
      });
      new RoleAssignment('import-only', {
        scope: PROD_ID,
        roleDefinitionId: definition.id,
        principalId: identity.principalId,
      });
    });
    // The dev stack's holes, registered under mocks as the dev program would (its own registry does not
    // matter to them).
    const devHoles = await pulumiResources('dev', () => {
      new RoleAssignment('dev-rg-push', {
        scope: `${SUB}/resourceGroups/rg-acr-prod`,
        roleDefinitionId: roleId('8311e382-0749-4cb8-b61a-304f252e45ec'),
        principalId: CI,
      });
      new Token('dev-push-token', {
        ...prodRegistry,
        tokenName: 'ci-push-prod',
        scopeMapId: `${PROD_ID}/scopeMaps/_repositories_push`,
      });
      new Task('dev-build-prod', {
        ...prodRegistry,
        taskName: 'build-into-prod',
        platform: { os: 'Linux' },
        step: {
          type: 'Docker',
          contextPath: 'https://github.com/contoso/app.git',
          dockerFilePath: 'Dockerfile',
          imageNames: ['apps/app:1'],
        },
      });
    });
    // Staging only needs to be there (the source of the hop); a bare registry stands for it.
    const stagingRegistry = await pulumiResources('staging', () => {
      new Registry('contosoacrstaging', {
        registryName: 'contosoacrstaging',
        resourceGroupName: 'rg-acr-staging',
        sku: { name: 'Premium' },
      });
    });
    result = checkInventories([devHoles, stagingRegistry, prodInventory], { config });
  });

  it.each([
    ['writer-by-id', 'ACR-024'],
    ['tasks-contributor', 'ACR-024'],
    ['encoded-push', 'ACR-024'],
    ['cmd-push', 'ACR-024'],
    ['file-task', 'ACR-122'],
    ['admin-token', 'ACR-023'],
    ['unknown-role', 'ACR-120'],
    ['image-signer', 'ACR-013'],
    ['import-only', 'ACR-103'],
    ['dev-rg-push', 'ACR-105'],
    ['dev-push-token', 'ACR-105'],
    ['dev-build-prod', 'ACR-105'],
  ])('names %s with %s, a mandatory failure', (name, rule) => {
    expect(`/subscriptions/${MOCK_SUBSCRIPTION_ID}`).toBe(SUB);
    expect(mandatoryAt(result, rule, name)).toBeGreaterThan(0);
  });
});
