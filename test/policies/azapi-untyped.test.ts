/**
 * An `azapi_resource` whose `type` is not a literal (untyped-resources.ts). azapi takes any ARM type
 * there, so the resource is read as what its `parent_id` allows (azapi docs/resources/resource.md,
 * `parent_id`: a resource group for a top-level resource, the parent for a child, the extended
 * resource for an extension, a subscription, management group or `/` above groups): under a registry
 * any of its children or extensions, in a resource group a registry, an endpoint, a grant or a lock.
 * Whatever it may be is unknown, never counted as absent; a plan names the type and reads it.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { checkPaths, renderReport } from '../../policies';
import { REGISTRY_ID, RG } from '../support/azapi';
import { findingsOn, folderPerTest } from './helpers';

const registry = {
  name: 'contosoacrprod',
  resource_group_name: 'rg-acr-prod',
  location: 'westeurope',
  sku: 'Premium',
  public_network_access_enabled: false,
};

/** A generic resource whose type is `var.type` (declared without a value) under `parent`. */
function untyped(parent: string | undefined, name = 'contosoacrprod'): Record<string, unknown> {
  return {
    type: '${local.type}',
    name,
    ...(parent === undefined ? {} : { parent_id: parent }),
    location: 'westeurope',
    body: { properties: { adminUserEnabled: true } },
  };
}

const VARIABLES = { variable: { type: { type: 'string' } }, locals: { type: '${var.type}' } };

describe('azapi_resource whose type is not a literal', () => {
  const folder = folderPerTest('acr-azapi-untyped-');

  /** Writes `resources` (with the variable the type comes from) as a root module; its folder. */
  function write(resources: Record<string, unknown>): string {
    writeFileSync(path.join(folder(), 'main.tf.json'), JSON.stringify({ ...VARIABLES, resource: resources }));
    return folder();
  }

  /** `rule result: message` of the findings of `rules` on `resources` as prod. */
  function check(resources: Record<string, unknown>, rules: readonly string[]): string[] {
    return findingsOn(write(resources), rules);
  }

  it('may be a registry: the number of registries is unknown, and nothing is passed', () => {
    const dir = write({ azapi_resource: { acr: untyped(RG) } });
    const result = checkPaths([dir], { cwd: dir, environment: 'prod' });
    expect(
      result.findings.map((f) => `${f.ruleId} ${f.result} at ${f.location.address}: ${f.message}`),
    ).toEqual([
      expect.stringMatching(
        /^ACR-112 unknown at azapi_resource\.acr: azapi_resource\.acr may be a container registry, .*its type is unknown: var\.type has no value .*check the plan/,
      ),
      expect.stringMatching(/^ACR-115 not-applicable/),
    ]);
    expect(renderReport(result, 'text')).toContain('NOTHING CHECKED');
    // Given the type, it is read: a registry with its admin user on.
    const typed = checkPaths([dir], {
      cwd: dir,
      environment: 'prod',
      vars: ['type=Microsoft.ContainerRegistry/registries@2023-07-01'],
    });
    expect(
      typed.findings.filter((f) => f.ruleId === 'ACR-001' || f.ruleId === 'ACR-112').map((f) => f.message),
    ).toEqual(['The admin user is enabled on contosoacrprod']);
  });

  it('under a registry, may be any of its children or extensions', () => {
    const rules = ['ACR-008', 'ACR-017', 'ACR-018', 'ACR-020', 'ACR-024', 'ACR-112'];
    expect(check({ azurerm_container_registry: { acr: registry } }, rules)).toEqual([
      'ACR-008 fail: contosoacrprod has no geo-replica',
      'ACR-017 fail: contosoacrprod has no diagnostic setting with ContainerRegistryLoginEvents and ContainerRegistryRepositoryEvents to a destination',
      'ACR-018 fail: contosoacrprod has no CanNotDelete lock',
      'ACR-020 not-applicable: contosoacrprod has no webhooks',
      'ACR-024 pass: nothing but promotion can push into contosoacrprod',
    ]);
    for (const parent of ['${azurerm_container_registry.acr.id}', REGISTRY_ID]) {
      const findings = check(
        {
          azurerm_container_registry: { acr: registry },
          azapi_resource: { child: untyped(parent, 'child') },
        },
        rules,
      );
      expect(findings.map((f) => f.split(':')[0])).toEqual([
        'ACR-008 unknown',
        'ACR-017 unknown',
        'ACR-018 unknown',
        'ACR-020 unknown',
        'ACR-024 unknown',
      ]);
      for (const f of findings) expect(f).toContain('azapi_resource.child may be one of them');
    }
  });

  it('in a resource group, may be a registry, an endpoint, a grant or a lock, not a webhook', () => {
    const findings = check(
      { azurerm_container_registry: { acr: registry }, azapi_resource: { other: untyped(RG, 'other') } },
      ['ACR-005', 'ACR-018', 'ACR-020', 'ACR-024', 'ACR-112'],
    );
    expect(findings.map((f) => f.split(':')[0])).toEqual([
      'ACR-005 unknown',
      'ACR-018 unknown',
      'ACR-020 not-applicable',
      'ACR-024 unknown',
      'ACR-112 unknown',
    ]);
  });

  it('under another resource, or as a resource group (no parent_id), is nothing of a registry', () => {
    const vnet = `${RG}/providers/Microsoft.Network/virtualNetworks/hub`;
    for (const parent of [vnet, undefined]) {
      expect(
        check(
          {
            azurerm_container_registry: { acr: registry },
            azapi_resource: { other: untyped(parent, 'other') },
          },
          ['ACR-005', 'ACR-018', 'ACR-112'],
        ),
      ).toEqual([
        'ACR-005 fail: contosoacrprod has no private endpoint for sub-resource "registry"',
        'ACR-018 fail: contosoacrprod has no CanNotDelete lock',
      ]);
    }
  });

  it('under a parent the input does not decide, may be anything: a plan names its type', () => {
    const findings = check(
      {
        azurerm_container_registry: { acr: registry },
        azapi_resource: { any: untyped('${var.type}', 'any') },
      },
      ['ACR-008', 'ACR-020', 'ACR-112'],
    );
    expect(findings.map((f) => f.split(':')[0])).toEqual([
      'ACR-008 unknown',
      'ACR-020 unknown',
      'ACR-112 unknown',
    ]);
    // In a plan the type is a value like any other: the registry is read, with nothing left open.
    const plan = {
      format_version: '1.2',
      terraform_version: '1.9.5',
      resource_changes: [
        {
          address: 'azapi_resource.acr',
          mode: 'managed',
          type: 'azapi_resource',
          name: 'acr',
          provider_name: 'registry.terraform.io/azure/azapi',
          change: {
            actions: ['create'],
            before: null,
            after: { ...untyped(RG), type: 'Microsoft.ContainerRegistry/registries@2023-07-01' },
            after_unknown: { id: true, output: true },
            after_sensitive: {},
          },
        },
      ],
      configuration: {
        root_module: {
          resources: [
            {
              address: 'azapi_resource.acr',
              mode: 'managed',
              type: 'azapi_resource',
              name: 'acr',
              expressions: { type: { references: ['local.type'] } },
            },
          ],
        },
      },
    };
    const file = path.join(folder(), 'prod.plan.json');
    writeFileSync(file, JSON.stringify(plan));
    expect(findingsOn(file, ['ACR-001', 'ACR-112'])).toEqual([
      'ACR-001 fail: The admin user is enabled on contosoacrprod',
    ]);
  });
});
