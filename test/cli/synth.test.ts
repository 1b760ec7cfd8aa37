import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { runCli } from '../support/cli';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(filesUnder(dir).map((f) => [relative(dir, f), readFileSync(f, 'utf8')]));
}

describe('acr-iac synth', () => {
  const root = mkdtempSync(join(tmpdir(), 'acr-iac-synth-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('synthesizes the three environments in the cdktf layout and summarizes them', async () => {
    const out = join(root, 'first');
    const result = await runCli('synth', '--outdir', out);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(
      /^dev: contosoacrdev \(Standard\) contosoacrdev\.azurecr\.io {2}\[advisory\]/,
    );
    expect(result.stdout).toContain('prod: contosoacrprod (Premium) contosoacrprod.azurecr.io  [mandatory]');
    expect(result.stdout).toContain('regions:    westeurope, northeurope, swedencentral (2 geo-replicas)');
    expect(result.stdout).toContain('import from staging -> id-promote-staging-to-prod');
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(Object.keys(manifest.stacks)).toEqual(['dev', 'prod', 'staging']);
    for (const env of ['dev', 'staging', 'prod']) {
      expect(manifest.stacks[env].synthesizedStackPath).toBe(`stacks/${env}/cdk.tf.json`);
      expect(existsSync(join(out, 'stacks', env, 'cdk.tf.json'))).toBe(true);
    }
  });

  it('is deterministic, with no absolute paths and no secrets', async () => {
    const a = join(root, 'a');
    const b = join(root, 'b');
    await runCli('synth', '-q', '--outdir', a);
    await runCli('synth', '-q', '--outdir', b);
    const first = snapshot(a);
    expect(snapshot(b)).toEqual(first);
    const all = Object.values(first).join('\n');
    expect(all).not.toContain(root);
    expect(all).not.toContain(process.cwd());
    expect(all).not.toMatch(/"(password|value)":\s*"[^$"][^"]*"/i);
    expect(all).not.toMatch(/Authorization|Bearer /);
  });

  it('wires the promotion chain: prod imports from staging only', () => {
    const prod = JSON.parse(readFileSync(join(root, 'a', 'stacks', 'prod', 'cdk.tf.json'), 'utf8'));
    expect(
      Object.values(prod.data.azurerm_container_registry).map((d) => (d as { name: string }).name),
    ).toEqual(['contosoacrstaging']);
    expect(prod.resource.azurerm_container_registry_token_password).toBeDefined();
    const scopeMaps = Object.values(prod.resource.azurerm_container_registry_scope_map) as {
      actions: string[];
    }[];
    expect(scopeMaps.flatMap((s) => s.actions).every((a) => a.endsWith('/read'))).toBe(true);
  });

  it('removes the stacks it wrote for environments that no longer exist', async () => {
    const out = join(root, 'stale');
    await runCli('synth', '-q', '--outdir', out);
    expect(existsSync(join(out, 'stacks', 'dev'))).toBe(true);
    const single = 'examples/single-registry/estate.ts';
    expect((await runCli('synth', '-q', '--estate', single, '--outdir', out)).code).toBe(0);
    expect(readdirSync(join(out, 'stacks'))).toEqual(['shared']);
  });

  it('refuses an output folder holding a stack it did not write, and deletes nothing', async () => {
    const out = join(root, 'foreign');
    await runCli('synth', '-q', '--outdir', out);
    const stray = join(out, 'stacks', 'qa');
    mkdirSync(stray, { recursive: true });
    writeFileSync(join(stray, 'notes.txt'), 'mine');
    const result = await runCli('synth', '-q', '--outdir', out);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `acr-iac: ${join(out, 'stacks', 'qa')} was not written by synth; move it, or give synth another output folder (it replaces the whole folder)\n`,
    );
    expect(existsSync(stray)).toBe(true);
    expect(existsSync(join(out, 'stacks', 'dev', 'cdk.tf.json'))).toBe(true);
  });

  it('reports every problem of an invalid estate with exit code 2, no stack trace, and writes nothing', async () => {
    const out = join(root, 'invalid');
    const result = await runCli('synth', '--estate', 'test/fixtures/estates/invalid.ts', '--outdir', out);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      [
        'acr-iac: The declaration has 4 problems:',
        '  - prod.registry.replicas: geo-replication requires the Premium SKU (sku is "Standard"). Fix: set sku to "Premium" or remove replicas',
        '  - prod.registry.publicNetworkAccess: disabling public network access requires the Premium SKU (sku is "Standard"). Fix: set sku to "Premium" or remove publicNetworkAccess',
        '  - prod.registry.publicNetworkAccess: public network access is off and there is no private endpoint, so nobody can reach the registry. Fix: add a private endpoint or turn public network access on',
        '  - prod.registry.webhooks[0].serviceUri: "http://scanner.example.com" is not an https URI. Fix: use https:// so events and headers travel encrypted',
        '',
      ].join('\n'),
    );
    expect(existsSync(out)).toBe(false);
  });

  it('rejects a missing estate module and unknown options with exit code 2', async () => {
    expect(await runCli('synth', '--estate', 'nope.ts')).toMatchObject({
      code: 2,
      stderr: 'acr-iac: estate module nope.ts does not exist\n',
    });
    expect(await runCli('synth', '--bogus')).toEqual({
      code: 2,
      stdout: '',
      stderr: "acr-iac: unknown option '--bogus'; run acr-iac synth --help for usage\n",
    });
  });
});

describe('acr-iac synth policy gate', () => {
  const root = mkdtempSync(join(tmpdir(), 'acr-iac-gate-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('checks what it synthesized and exits 1 naming the mandatory failures', async () => {
    const out = join(root, 'weak');
    const result = await runCli('synth', '-q', '--estate', 'test/fixtures/estates/weak-prod.ts', '-o', out);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`Policy check of ${out}:`);
    expect(result.stdout).toMatch(/FAIL ACR-001 \[\w+\] .*weakacrprod/);
    expect(result.stdout).toMatch(/FAIL ACR-003 /);
    expect(result.stdout).toMatch(/FAIL ACR-008 /);
    expect(existsSync(join(out, 'stacks', 'prod', 'cdk.tf.json'))).toBe(true);
  });

  it('skips the check with --no-check', async () => {
    const result = await runCli(
      'synth',
      '-q',
      '--no-check',
      '--estate',
      'test/fixtures/estates/weak-prod.ts',
      '-o',
      join(root, 'nocheck'),
    );
    // The declaration's warnings stay: the weak prod registry enables its admin user.
    expect(result).toEqual({
      code: 0,
      stdout: '',
      stderr:
        'acr-iac: warning: prod.registry.adminEnabled: the admin user lets images into "prod" past promotion: its shared credentials can push (acr-iac check fails it, ACR-001 and ACR-024). Fix: leave adminEnabled off and import what "prod" needs from "dev"\n',
    });
  });
});
