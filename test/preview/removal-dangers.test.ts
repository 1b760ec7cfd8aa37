/**
 * The danger block never hides a deletion: a registry destroyed with its resource group, managed
 * through azapi_resource, or in a Pulumi resource group, and in a synth diff by count, for_each, a
 * changed local or variable default, replace_triggered_by, or a rename without a moved block; what a
 * diff cannot evaluate is a "may be replaced or deleted" entry with its reason.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { JsonObject, SynthTree } from '../../preview';
import {
  diffSynthTrees,
  findDangers,
  parsePulumiPreview,
  parseTerraformPlan,
  readPlanFile,
} from '../../preview';
import { loadPlan } from './helpers';

const FOREIGN = path.join(__dirname, '..', 'fixtures', 'foreign', 'plans');

function dangers(sets: Parameters<typeof findDangers>[0]): string[] {
  return findDangers(sets).map((d) => `${d.kind} ${d.address}: ${d.message}`);
}

function tree(document: object): SynthTree {
  return { stacks: new Map([['prod', document as JsonObject]]) };
}

const RG = { azurerm_resource_group: { rg: { name: 'rg-acr-prod', location: 'westeurope' } } };
const registry = (extra: object = {}): object => ({
  name: 'acrprod01',
  location: 'westeurope',
  resource_group_name: '${azurerm_resource_group.rg.name}',
  sku: 'Premium',
  ...extra,
});
const stack = (body: object, top: object = {}): object => ({
  resource: { ...RG, azurerm_container_registry: { acr: body } },
  ...top,
});
const synth = (base: object, head: object): string[] => dangers(diffSynthTrees(tree(base), tree(head)));

describe('dangers of removals in plans and previews', () => {
  it('sees the registry go with a deleted or replaced resource group, though the registry shows no change', () => {
    const plan = (actions: string[]) => ({
      format_version: '1.2',
      resource_changes: [
        {
          address: 'azurerm_resource_group.rg',
          type: 'azurerm_resource_group',
          change: {
            actions,
            before: { name: 'rg-acr-prod' },
            after: actions.includes('create') ? { name: 'rg-acr-prod' } : null,
            ...(actions.length === 2 ? { replace_paths: [['location']] } : {}),
          },
        },
        {
          address: 'azurerm_container_registry.acr',
          type: 'azurerm_container_registry',
          change: {
            actions: ['no-op'],
            before: { name: 'acrprod01', resource_group_name: 'RG-ACR-PROD' },
            after: { name: 'acrprod01', resource_group_name: 'RG-ACR-PROD' },
          },
        },
      ],
    });
    expect(dangers([parseTerraformPlan(plan(['delete']), 'prod')])).toEqual([
      'registry-lost azurerm_resource_group.rg: resource group rg-acr-prod deleted: registry acrprod01 in it is deleted too, and every image in it is lost',
    ]);
    expect(dangers([parseTerraformPlan(plan(['delete', 'create']), 'prod')])).toEqual([
      'registry-lost azurerm_resource_group.rg: resource group rg-acr-prod replaced (forced by location): registry acrprod01 in it is deleted too, and every image in it is lost',
    ]);
  });

  it('sees registries and resource groups managed through azapi_resource (the teardown plan)', () => {
    const { changeSet } = readPlanFile(
      path.join(FOREIGN, 'prod-teardown.plan.json'),
      'prod-teardown.plan.json',
      'prod',
    );
    const found = dangers([changeSet]);
    expect(found).toEqual(
      expect.arrayContaining([
        'registry-lost azapi_resource.registry_next: registry acrteardownnext deleted (no longer in the configuration): every image in it is lost',
        'may-be-removed azapi_resource.rg_tooling: resource group rg-tooling-prod deleted (no longer in the configuration): everything in it is deleted with it (no registry of this change is known to be in it)',
        'registry-lost azurerm_container_registry.edge[1]: registry deleted: every image in it is lost',
        'protection-removed module.acr["legacy"].azurerm_management_lock.this[0]: management lock removed',
      ]),
    );
    expect(found.filter((d) => d.startsWith('registry-lost azurerm_resource_group.acr:'))).toHaveLength(1);
    expect(found.some((d) => d.includes('azurerm_storage_account.logs'))).toBe(false);
  });

  it('sees a Pulumi resource group deleted with the registry in it', () => {
    const doc = loadPlan('prod-preview.json') as { steps: Record<string, unknown>[] };
    const rg = doc.steps.find((s) => String(s.urn).endsWith('ResourceGroup::rg-acr-prod')) as Record<
      string,
      unknown
    >;
    rg.op = 'delete';
    rg.oldState = rg.oldState ?? rg.newState;
    delete rg.newState;
    expect(dangers([parsePulumiPreview(doc, 'prod')])).toContain(
      'registry-lost azure-native:resources:ResourceGroup::rg-acr-prod: resource group rg-acr-prod deleted: registry contosoacrprod in it is deleted too, and every image in it is lost',
    );
  });
});

describe('dangers of removals in a synth diff', () => {
  it('count = 0 and an empty for_each delete the registry', () => {
    expect(synth(stack(registry()), stack(registry({ count: 0 })))).toEqual([
      'registry-lost azurerm_container_registry.acr: registry deleted: every image in it is lost',
    ]);
    expect(synth(stack(registry({ for_each: { a: 1 } })), stack(registry({ for_each: {} })))).toEqual([
      'registry-lost azurerm_container_registry.acr: registry deleted: every image in it is lost',
    ]);
    const count = diffSynthTrees(
      tree(stack(registry({ count: '${local.n}' }), { locals: { n: 2 } })),
      tree(stack(registry({ count: '${local.n}' }), { locals: { n: 1 } })),
    );
    expect(count[0].resources.find((r) => r.address === 'azurerm_container_registry.acr[1]')).toMatchObject({
      action: 'delete',
      reasons: ['count 2 -> 1'],
    });
  });

  it('a changed local or variable default of a force-new attribute replaces the registry', () => {
    const byLocal = (location: string) =>
      stack(registry({ location: '${local.location}' }), { locals: { location } });
    expect(synth(byLocal('westeurope'), byLocal('northeurope'))).toEqual([
      'registry-lost azurerm_container_registry.acr: registry replaced (forced by location): every image in it is lost',
    ]);
    const [set] = diffSynthTrees(tree(byLocal('westeurope')), tree(byLocal('northeurope')));
    expect(set.resources.find((r) => r.type === 'azurerm_container_registry')?.reasons).toEqual([
      'location changes westeurope -> northeurope (through local.location)',
    ]);
    const byDefault = (name: string) =>
      stack(registry({ name: 'acr${var.suffix}' }), {
        variable: { suffix: { type: 'string', default: name } },
      });
    expect(synth(byDefault('prod01'), byDefault('prod02'))).toEqual([
      'registry-lost azurerm_container_registry.acr: registry replaced (forced by name): every image in it is lost',
    ]);
  });

  it('a local renamed to the same value changes nothing; a reference left to a removed local may replace', () => {
    const before = stack(registry({ name: '${local.registry_name}' }), {
      locals: { registry_name: 'acrprod01' },
    });
    const renamed = stack(registry({ name: '${local.acr_name}' }), { locals: { acr_name: 'acrprod01' } });
    expect(synth(before, renamed)).toEqual([]);
    const dangling = stack(registry({ name: '${local.registry_name}' }), {
      locals: { acr_name: 'acrprod01' },
    });
    expect(synth(before, dangling)).toEqual([
      'may-be-removed azurerm_container_registry.acr: registry may be replaced (name is ${local.registry_name}, and local.registry_name changed): every image in the registry would be lost',
    ]);
  });

  it('a count the diff cannot evaluate, depending on a changed default, may delete the registry', () => {
    const gated = (enabled: boolean) =>
      stack(registry({ count: '${var.enabled ? 1 : 0}' }), { variable: { enabled: { default: enabled } } });
    expect(synth(gated(true), gated(false))).toEqual([
      'may-be-removed azurerm_container_registry.acr: registry may be deleted (count is ${var.enabled ? 1 : 0}, and var.enabled changed: the diff cannot tell which instances of azurerm_container_registry.acr remain): every image in the registry would be lost',
    ]);
    expect(synth(gated(true), gated(true))).toEqual([]);
  });

  it('replace_triggered_by a resource that changes replaces the registry', () => {
    const withTrigger = (input: string) => ({
      resource: {
        ...RG,
        terraform_data: { rotation: { input } },
        azurerm_container_registry: {
          acr: registry({ lifecycle: { replace_triggered_by: ['terraform_data.rotation'] } }),
        },
      },
    });
    expect(synth(withTrigger('2025'), withTrigger('2026'))).toEqual([
      'registry-lost azurerm_container_registry.acr: registry replaced (replace_triggered_by terraform_data.rotation, which is updated): every image in it is lost',
    ]);
    expect(synth(withTrigger('2025'), withTrigger('2025'))).toEqual([]);
  });

  it('a rename without a moved block deletes the registry; with one it is kept', () => {
    const renamed = { resource: { ...RG, azurerm_container_registry: { registry: registry() } } };
    expect(synth(stack(registry()), renamed)).toEqual([
      'registry-lost azurerm_container_registry.acr: registry deleted: every image in it is lost',
    ]);
    const [set] = diffSynthTrees(tree(stack(registry())), tree(renamed));
    expect(set.resources.find((r) => r.address === 'azurerm_container_registry.acr')?.reasons).toEqual([
      'no longer in the configuration (renamed to azurerm_container_registry.registry? a moved block keeps the object)',
    ]);
    const moved = {
      ...renamed,
      moved: [{ from: 'azurerm_container_registry.acr', to: 'azurerm_container_registry.registry' }],
    };
    expect(synth(stack(registry()), moved)).toEqual([]);
  });
});

it('the fixture plans read the same from a file and from a parsed document', () => {
  const file = path.join(FOREIGN, 'prod-teardown.plan.json');
  const fromFile = readPlanFile(file, 'p.json', 'prod').changeSet;
  const fromDoc = parseTerraformPlan(JSON.parse(readFileSync(file, 'utf8')), 'prod');
  expect(fromDoc.resources).toEqual(fromFile.resources);
});
