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
    const dir = stackDir(
      'config:\n  acr-iac:publicNetworkAccess: true\n  acr-iac:exportEnabled: true\n  acr-iac:tokenPasswordsIssuedOn: "2026-01-01"\n',
    );
    dirs.push(dir);
    const inventory = await inventoryFromPulumiStack('prod', { program, cwd: dir });
    expect(inventory.registries[0].publicNetworkAccess).toBe(true);
    const failures = evaluate([inventory], config).findings.filter((f) => f.mandatory);
    expect(failures.length).toBeGreaterThan(0);
    expect(failures.every((f) => f.environment === 'prod' && /^[A-Z]+-\d+/.test(f.ruleId))).toBe(true);
    expect(failures.map((f) => f.message).join('\n')).toMatch(/public/i);
  });

  it('acr-iac check --pulumi prod names ACR-003 for the weakened stack', async () => {
    const dir = stackDir(
      'config:\n  acr-iac:publicNetworkAccess: true\n  acr-iac:exportEnabled: true\n  acr-iac:tokenPasswordsIssuedOn: "2026-01-01"\n',
    );
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
    const dir = stackDir(
      'config:\n  acr-iac:publicNetworkAccess: true\n  acr-iac:exportEnabled: true\n  acr-iac:tokenPasswordsIssuedOn: "2026-01-01"\n',
    );
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
    const dir = stackDir(
      'config:\n  acr-iac:tokenPasswordsIssuedOn: "2026-01-01"\n  acr-iac:scanner_webhook_headers:\n    secure: v1:AAABAKx=\n',
    );
    dirs.push(dir);
    writeFileSync(
      path.join(dir, 'Pulumi.dev.yaml'),
      'config:\n  acr-iac:tokenPasswordsIssuedOn: "2026-01-01"\n  acr-iac:build_app_git_token:\n    secure: v1:AAABAKy=\n',
    );
    const prod = await inventoryFromPulumiStack('prod', { program, cwd: dir });
    expect(prod.registries[0].webhooks.map((w) => w.name)).toEqual(['scannerquarantine']);
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
