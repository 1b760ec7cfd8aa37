import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './support/cli';

describe('examples', () => {
  const root = mkdtempSync(join(tmpdir(), 'acr-iac-examples-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('synthesizes the single-registry example', async () => {
    const out = join(root, 'single');
    expect(
      await runCli('synth', '-q', '--estate', 'examples/single-registry/estate.ts', '-o', out),
    ).toMatchObject({ code: 0, stderr: '' });
    const stack = JSON.parse(readFileSync(join(out, 'stacks', 'shared', 'cdk.tf.json'), 'utf8'));
    expect(
      Object.values(stack.resource.azurerm_role_assignment)
        .map((r) => (r as { role_definition_name: string }).role_definition_name)
        .sort(),
    ).toEqual(['AcrPull', 'AcrPush']);
  });

  it('synthesizes the hub-and-spoke example against the hub zone with remote state', async () => {
    const out = join(root, 'hub');
    expect(
      (await runCli('synth', '-q', '--estate', 'examples/hub-and-spoke/estate.ts', '-o', out)).code,
    ).toBe(0);
    const prod = JSON.parse(readFileSync(join(out, 'stacks', 'prod', 'cdk.tf.json'), 'utf8'));
    expect(prod.resource.azurerm_private_dns_zone).toBeUndefined();
    expect(Object.values(prod.resource.azurerm_private_dns_zone_virtual_network_link)).toEqual([
      expect.objectContaining({ resource_group_name: 'rg-hub-dns' }),
    ]);
    expect(prod.terraform.backend.azurerm.key).toBe('acr-iac/prod.tfstate');
  });
});
