import { join } from 'node:path';
import { countActions, diffSynthTrees, loadSynthTree, PreviewInputError } from '../../preview';
import type { JsonObject, SynthTree } from '../../preview';
import { FIXTURES } from './helpers';

const base = loadSynthTree(join(FIXTURES, 'synth', 'base'));
const head = loadSynthTree(join(FIXTURES, 'synth', 'head'));

function tree(resources: JsonObject): SynthTree {
  return { stacks: new Map([['dev', { resource: resources }]]) };
}

describe('diffSynthTrees', () => {
  const sets = diffSynthTrees(base, head);
  const byStack = new Map(sets.map((s) => [s.stack, s]));

  it('lists head stacks first, then stacks only in base', () => {
    expect(sets.map((s) => s.stack)).toEqual(['dev', 'prod', 'qa', 'staging']);
  });

  it('makes a stack only in one tree all-create or all-delete', () => {
    const qa = countActions(byStack.get('qa')!);
    expect(qa.create).toBe(5);
    expect(qa.create + qa['no-op']).toBe(byStack.get('qa')!.resources.length);
    expect(countActions(byStack.get('staging')!).delete).toBe(5);
  });

  it('sees no change in an identical stack', () => {
    expect(byStack.get('dev')!.resources.every((r) => r.action === 'no-op')).toBe(true);
  });

  it('predicts replacement from forcing attributes and from references to replaced resources', () => {
    const prod = new Map(byStack.get('prod')!.resources.map((r) => [r.address, r]));
    expect(prod.get('azurerm_resource_group.rg')).toMatchObject({
      action: 'replace',
      replacePaths: ['location'],
    });
    expect(prod.get('azurerm_container_registry.registry_4C1A2B3D')).toMatchObject({
      action: 'replace',
      replacePaths: ['resource_group_name'],
      reasons: ['follows the replacement of azurerm_resource_group.rg'],
      constructPath: 'prod/registry/Registry',
      protectedBefore: true,
      protectedAfter: false,
    });
  });

  it('ignores the cdktf metadata and treats lifecycle as protection, not an attribute', () => {
    const body = { name: 'rg', location: 'westeurope' };
    const before = tree({
      azurerm_resource_group: { rg: { ...body, '//': { metadata: { path: 'a', uniqueId: 'x' } } } },
    });
    const after = tree({
      azurerm_resource_group: {
        rg: {
          ...body,
          '//': { metadata: { path: 'b', uniqueId: 'y' } },
          lifecycle: { prevent_destroy: true },
        },
      },
    });
    const [set] = diffSynthTrees(before, after);
    expect(set.resources[0]).toMatchObject({ action: 'no-op', protectedBefore: false, protectedAfter: true });
  });

  it('replaces a private endpoint whose connection targets another registry', () => {
    const endpoint = (registry: string) => ({
      azurerm_private_endpoint: {
        pe: {
          name: 'pe',
          subnet_id: 'subnet',
          private_service_connection: {
            name: 'c',
            private_connection_resource_id: `/subscriptions/0/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/${registry}`,
            subresource_names: ['registry'],
            is_manual_connection: false,
          },
        },
      },
    });
    expect(diffSynthTrees(tree(endpoint('acrone')), tree(endpoint('acrtwo')))[0].resources[0].action).toBe(
      'replace',
    );
  });

  it('updates in place when no forcing attribute changes', () => {
    const before = tree({ azurerm_container_registry: { r: { name: 'acr12345', sku: 'Premium' } } });
    const after = tree({ azurerm_container_registry: { r: { name: 'acr12345', sku: 'Standard' } } });
    expect(diffSynthTrees(before, after)[0].resources[0].action).toBe('update');
  });

  it('redacts secrets in the configuration', () => {
    expect(JSON.stringify(sets)).not.toContain('s3cr3t');
  });

  it('fails clearly on a folder without a manifest', () => {
    expect(() => loadSynthTree(join(FIXTURES, 'plans'))).toThrow(PreviewInputError);
    expect(() => loadSynthTree(join(FIXTURES, 'plans'))).toThrow(/no cdktf.out\/manifest.json/);
  });
});
