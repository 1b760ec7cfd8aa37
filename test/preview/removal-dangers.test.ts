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

  it('sees private endpoints and pull grants deleted through azapi_resource as their azurerm equivalents', () => {
    const SUB = '/subscriptions/5f3c1b2a-9d8e-4c7b-a6f5-1e2d3c4b5a69';
    const ACR = `${SUB}/resourceGroups/rg-acr-prod/providers/Microsoft.ContainerRegistry/registries/acrprod01`;
    const role = (id: string) => `${SUB}/providers/Microsoft.Authorization/roleDefinitions/${id}`;
    const ACR_PULL = role('7f951dda-4ed3-4680-a7ca-43fe172d538d');
    const ACR_DELETE = role('c2f4ef07-c644-48eb-af81-4b1b4947fb11');
    const endpointBody = {
      properties: {
        subnet: {
          id: `${SUB}/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/hub/subnets/pe`,
        },
        privateLinkServiceConnections: [
          { name: 'registry', properties: { privateLinkServiceId: ACR, groupIds: ['registry'] } },
        ],
      },
    };
    const grantBody = (roleDefinitionId: string) => ({
      properties: { roleDefinitionId, principalId: '11111111-2222-3333-4444-555555555555' },
    });
    const deleted = (address: string, type: string, before: object, beforeSensitive: object = {}) => ({
      address,
      type,
      name: address.split('.')[1],
      change: { actions: ['delete'], before, after: null, before_sensitive: beforeSensitive },
      action_reason: 'delete_because_no_resource_config',
    });
    const azapi = (name: string, armType: string, body: unknown) => ({
      id: `${ACR}/${name}`,
      name,
      parent_id: ACR,
      type: armType,
      body,
    });
    const plan = {
      format_version: '1.2',
      resource_changes: [
        deleted('azurerm_private_endpoint.acr', 'azurerm_private_endpoint', {
          name: 'pe-acr',
          private_service_connection: [{ name: 'registry', private_connection_resource_id: ACR }],
        }),
        deleted('azurerm_role_assignment.pull', 'azurerm_role_assignment', {
          scope: ACR,
          role_definition_id: ACR_PULL,
          principal_id: '11111111-2222-3333-4444-555555555555',
        }),
        // azapi 2.x: the body is an object.
        deleted(
          'azapi_resource.endpoint',
          'azapi_resource',
          azapi('pe-acr-azapi', 'Microsoft.Network/privateEndpoints@2023-11-01', endpointBody),
        ),
        deleted(
          'azapi_resource.pull',
          'azapi_resource',
          azapi('pull', 'Microsoft.Authorization/roleAssignments@2022-04-01', grantBody(ACR_PULL)),
        ),
        // azapi 1.x: the body is a JSON-encoded string.
        deleted(
          'azapi_resource.pull_v1',
          'azapi_resource',
          azapi(
            'pull-v1',
            'Microsoft.Authorization/roleAssignments@2022-04-01',
            JSON.stringify(grantBody(ACR_PULL)),
          ),
        ),
        // A body the plan masks sensitive: the role cannot be read.
        deleted(
          'azapi_resource.hidden',
          'azapi_resource',
          azapi('hidden', 'Microsoft.Authorization/roleAssignments@2022-04-01', grantBody(ACR_PULL)),
          { body: true },
        ),
        // Not pull, and not an endpoint or a grant: no danger, as with azurerm.
        deleted(
          'azapi_resource.delete_grant',
          'azapi_resource',
          azapi('delete-grant', 'Microsoft.Authorization/roleAssignments@2022-04-01', grantBody(ACR_DELETE)),
        ),
        deleted(
          'azapi_resource.vault',
          'azapi_resource',
          azapi('vault', 'Microsoft.KeyVault/vaults@2023-07-01', { properties: {} }),
        ),
      ],
    };
    const found = dangers([parseTerraformPlan(plan, 'prod')]);
    expect(found).toEqual([
      'private-access-removed azapi_resource.endpoint: private endpoint removed: private clients may lose access',
      'private-access-removed azurerm_private_endpoint.acr: private endpoint removed: private clients may lose access',
      'pull-grant-removed azapi_resource.hidden: role assignment removed: its role cannot be read, so the workload may no longer pull',
      'pull-grant-removed azapi_resource.pull: AcrPull for principal 11111111-2222-3333-4444-555555555555 removed: the workload can no longer pull',
      'pull-grant-removed azapi_resource.pull_v1: AcrPull for principal 11111111-2222-3333-4444-555555555555 removed: the workload can no longer pull',
      'pull-grant-removed azurerm_role_assignment.pull: AcrPull for principal 11111111-2222-3333-4444-555555555555 removed: the workload can no longer pull',
    ]);
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
