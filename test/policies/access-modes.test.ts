/**
 * Access over hand-written Terraform JSON: the permission mode read from the azurerm attribute or an
 * azapi body, grants judged by what the mode honors, scopes above the registry, custom roles and data
 * sources, and the signer's exemption (limited by a condition where the ABAC mode allows it).
 * Expected outcomes follow Microsoft Learn (ABAC repository permissions, roles directory reference).
 */
import type { Inventory } from '../../policies';
import { UNKNOWN, checkInventories, inventoryFromCdktfJson } from '../../policies';
import { inventoryFromPulumiResources } from '../../policies/inventory/pulumi-resources/build';
import type { Doc } from './helpers';

const SUB = '/subscriptions/00000000-0000-0000-0000-000000000000';
const ABAC = 'AbacRepositoryPermissions';
const CI = '11111111-1111-1111-1111-111111111111';
const READER_CONDITION =
  "((!(ActionMatches{'Microsoft.ContainerRegistry/registries/repositories/content/read'})) OR (@Request[Microsoft.ContainerRegistry/registries/repositories:name] StringStartsWithIgnoreCase 'apps/'))";

/** A stack with one registry `name` in `rg-<env>` and the given extra resources. */
function stack(env: string, name: string, registry: Doc = {}, extra: Doc = {}): Doc {
  return {
    resource: {
      azurerm_resource_group: { rg: { name: `rg-${env}`, location: 'westeurope' } },
      azurerm_container_registry: {
        acr: {
          name,
          resource_group_name: '${azurerm_resource_group.rg.name}',
          location: 'westeurope',
          sku: 'Premium',
          ...registry,
        },
      },
      ...extra,
    },
  };
}

const grant = (scope: string, role: Doc, principal: Doc = { principal_id: CI }): Doc => ({
  scope,
  ...role,
  ...principal,
});

function inventory(env: string, doc: Doc): Inventory {
  return inventoryFromCdktfJson(doc, env, `stacks/${env}/cdk.tf.json`);
}

function check(...inventories: Inventory[]) {
  return checkInventories(inventories, { config: { order: ['staging', 'prod'] } });
}

const outcomes = (result: ReturnType<typeof check>, rule: string): string[] =>
  result.findings.filter((f) => f.ruleId === rule).map((f) => `${f.result}: ${f.message}`);

describe('the permission mode in Terraform JSON', () => {
  it('reads the azurerm attribute, an azapi body object and an azapi body JSON string', () => {
    expect(inventory('prod', stack('prod', 'acrprod')).registries[0].roleAssignmentMode).toBe(
      'LegacyRegistryPermissions',
    );
    expect(
      inventory('prod', stack('prod', 'acrprod', { role_assignment_mode: ABAC })).registries[0]
        .roleAssignmentMode,
    ).toBe(ABAC);
    for (const body of [
      { properties: { roleAssignmentMode: ABAC } },
      JSON.stringify({ properties: { roleAssignmentMode: ABAC } }),
    ]) {
      const doc = stack(
        'prod',
        'acrprod',
        {},
        {
          azapi_update_resource: {
            mode: {
              type: 'Microsoft.ContainerRegistry/registries@2025-06-01-preview',
              resource_id: '${azurerm_container_registry.acr.id}',
              body,
            },
          },
        },
      );
      expect(inventory('prod', doc).registries[0].roleAssignmentMode).toBe(ABAC);
    }
    const unknownBody = stack(
      'prod',
      'acrprod',
      {},
      {
        azapi_update_resource: {
          mode: {
            type: 'Microsoft.ContainerRegistry/registries@2025-06-01-preview',
            resource_id: '${azurerm_container_registry.acr.id}',
            body: '${jsonencode(var.body)}',
          },
        },
      },
    );
    expect(inventory('prod', unknownBody).registries[0].roleAssignmentMode).toEqual({
      unknown: true,
      reason: 'Terraform would reject this value: no variable "body" is declared',
    });
  });

  it('reads the mode of a Pulumi registry from its inputs', () => {
    const inventory = inventoryFromPulumiResources(
      [
        {
          urn: 'urn:pulumi:prod::p::azure-native:containerregistry:Registry::acrprod',
          type: 'azure-native:containerregistry:Registry',
          name: 'acrprod',
          custom: true,
          protect: false,
          inputs: {
            registryName: 'acrprod',
            resourceGroupName: 'rg-prod',
            roleAssignmentMode: ABAC,
            networkRuleBypassOptions: 'None',
          },
          propertyDependencies: {},
        },
      ],
      { environment: 'prod', file: 'Pulumi.prod.yaml' },
    );
    expect(inventory.registries[0].roleAssignmentMode).toBe(ABAC);
    expect(inventory.registries[0].trustedServices).toBe(false);
  });
});

describe('grants judged by the mode of the registry', () => {
  /** Staging (the source) in `mode` with the hop identity's pull grant `pull`; prod with the importer. */
  function hop(mode: string, pull: Doc, source: Doc = {}, target: Doc = {}) {
    const identity = { principal_id: '${azurerm_user_assigned_identity.promote.principal_id}' };
    const staging = inventory(
      'staging',
      stack('staging', 'acrstaging', { role_assignment_mode: mode, ...source }),
    );
    const prod = inventory(
      'prod',
      stack('prod', 'acrprod', target, {
        azurerm_user_assigned_identity: {
          promote: {
            name: 'id-promote-staging-to-prod',
            location: 'westeurope',
            resource_group_name: 'rg-prod',
          },
        },
        azurerm_role_assignment: {
          pull: grant(
            `${SUB}/resourceGroups/rg-staging/providers/Microsoft.ContainerRegistry/registries/acrstaging`,
            pull,
            identity,
          ),
          importer: grant(
            '${azurerm_container_registry.acr.id}',
            { role_definition_name: 'Container Registry Data Importer and Data Reader' },
            identity,
          ),
        },
      }),
    );
    return check(staging, prod);
  }

  it('does not count AcrPull on an ABAC source, and counts Repository Reader there (with its condition)', () => {
    expect(outcomes(hop(ABAC, { role_definition_name: 'AcrPull' }), 'ACR-102')).toEqual([
      'fail: id-promote-staging-to-prod cannot pull from staging (no pull role its permission mode honors)',
    ]);
    expect(
      outcomes(
        hop(ABAC, {
          role_definition_name: 'Container Registry Repository Reader',
          condition: READER_CONDITION,
          condition_version: '2.0',
        }),
        'ACR-102',
      ),
    ).toEqual(['pass: id-promote-staging-to-prod can pull from staging']);
    expect(
      outcomes(hop('LegacyRegistryPermissions', { role_definition_name: 'AcrPull' }), 'ACR-102'),
    ).toEqual(['pass: id-promote-staging-to-prod can pull from staging']);
    expect(
      outcomes(hop('LegacyRegistryPermissions', { role_definition_name: 'AcrPull' }), 'ACR-103'),
    ).toEqual(['pass: id-promote-staging-to-prod can import into prod and cannot push there']);
  });

  it('fails the hop when the source disables exports (ACR refuses the import), unknown when that is unknown', () => {
    const pull = { role_definition_name: 'AcrPull' };
    const legacy = 'LegacyRegistryPermissions';
    expect(
      outcomes(
        hop(legacy, pull, { export_policy_enabled: false, public_network_access_enabled: false }),
        'ACR-102',
      ),
    ).toEqual([
      'fail: images cannot move from staging: exports are disabled on acrstaging (staging), so ACR refuses to import its images into another registry',
    ]);
    expect(outcomes(hop(legacy, pull, { export_policy_enabled: '${var.export}' }), 'ACR-102')).toEqual([
      expect.stringMatching(
        /^unknown: id-promote-staging-to-prod can pull from staging, but whether import can take images out of staging is not known: /,
      ),
    ]);
  });

  it('fails the hop through a network-restricted source or target that keeps trusted services out', () => {
    const pull = { role_definition_name: 'AcrPull' };
    const legacy = 'LegacyRegistryPermissions';
    // Learn, Import container images: a network-restricted registry must allow trusted services.
    const closed = { public_network_access_enabled: false, network_rule_bypass_option: 'None' };
    expect(outcomes(hop(legacy, pull, closed), 'ACR-102')).toEqual([
      'fail: images cannot move from staging: acrstaging (staging) is network-restricted and does not let trusted Azure services in, so import cannot reach it',
    ]);
    expect(outcomes(hop(legacy, pull, {}, closed), 'ACR-103')).toEqual([
      'fail: images cannot move into prod: acrprod (prod) is network-restricted and does not let trusted Azure services in, so import cannot reach it',
    ]);
    // The default (AzureServices), or a network open to all, lets import through.
    expect(outcomes(hop(legacy, pull, { public_network_access_enabled: false }), 'ACR-102')).toEqual([
      'pass: id-promote-staging-to-prod can pull from staging',
    ]);
    expect(
      outcomes(
        hop(
          legacy,
          pull,
          {},
          { network_rule_bypass_option: '${var.bypass}', public_network_access_enabled: false },
        ),
        'ACR-103',
      ),
    ).toEqual([
      expect.stringMatching(
        /^unknown: id-promote-staging-to-prod can import into prod, but whether import can reach prod is not known/,
      ),
    ]);
  });

  it('exempts the signing identity only when a condition limits it in the ABAC mode', () => {
    const signer = (mode: string, condition?: string) =>
      inventory(
        'prod',
        stack(
          'prod',
          'acrprod',
          { role_assignment_mode: mode },
          {
            azurerm_user_assigned_identity: {
              sign: { name: 'id-sign-prod', location: 'westeurope', resource_group_name: 'rg-prod' },
            },
            azurerm_role_assignment: {
              sign: grant(
                '${azurerm_container_registry.acr.id}',
                {
                  role_definition_name: mode === ABAC ? 'Container Registry Repository Writer' : 'AcrPush',
                  ...(condition && { condition, condition_version: '2.0' }),
                },
                { principal_id: '${azurerm_user_assigned_identity.sign.principal_id}' },
              ),
            },
          },
        ),
      );
    const rule = (inv: Inventory) =>
      outcomes(checkInventories([inv], { config: { order: ['prod'] } }), 'ACR-024');
    expect(rule(signer('LegacyRegistryPermissions'))).toEqual([
      'pass: nothing but promotion can push into acrprod',
    ]);
    expect(rule(signer(ABAC, READER_CONDITION))).toEqual([
      'pass: nothing but promotion can push into acrprod',
    ]);
    expect(rule(signer(ABAC))).toEqual([
      'fail: signing identity id-sign-prod can push into every repository (Container Registry Repository Writer without a repository condition) on acrprod',
    ]);
    const signed = checkInventories([signer('LegacyRegistryPermissions')], { config: { order: ['prod'] } });
    expect(outcomes(signed, 'ACR-013')).toEqual([
      'pass: id-sign-prod signs the images of acrprod with Notation',
    ]);
  });
});

describe('scopes and roles in Terraform JSON', () => {
  it('attaches a grant at the resource group, the subscription or a management group to the registry', () => {
    const doc = stack(
      'prod',
      'acrprod',
      {},
      {
        azurerm_role_assignment: {
          group: grant('${azurerm_resource_group.rg.id}', { role_definition_name: 'AcrPull' }),
          subscription: grant(SUB, { role_definition_name: 'Reader' }),
          mg: grant('/providers/Microsoft.Management/managementGroups/platform', {
            role_definition_name: 'Owner',
          }),
          vault: grant(`${SUB}/resourceGroups/rg-sec/providers/Microsoft.KeyVault/vaults/kv/keys/k`, {
            role_definition_name: 'Key Vault Crypto User',
          }),
        },
      },
    );
    const inv = inventory('prod', doc);
    expect(inv.registries[0].roleAssignments.map((g) => [g.source.address, g.scopeKind])).toEqual([
      ['azurerm_role_assignment.group', 'resourceGroup'],
      ['azurerm_role_assignment.subscription', 'subscription'],
      ['azurerm_role_assignment.mg', 'managementGroup'],
    ]);
    // A resource group, subscription or management group may hold registries of other stacks too.
    expect(inv.externalRoleAssignments.map((g) => [g.source.address, g.scopeKind])).toEqual([
      ['azurerm_role_assignment.group', 'resourceGroup'],
      ['azurerm_role_assignment.subscription', 'subscription'],
      ['azurerm_role_assignment.mg', 'managementGroup'],
    ]);
    const result = checkInventories([inv], { config: { order: ['prod'] } });
    expect(outcomes(result, 'ACR-024')).toEqual([
      'fail: 11111111-1111-1111-1111-111111111111 can push, can create or run ACR tasks, which push, can enable the admin user or create push tokens, can bring content in through import pipelines, cache rules or connected registries, can assign itself a push role (Owner at managementGroup scope) on acrprod',
    ]);
  });

  it('judges custom roles by their permissions and roles named through data sources', () => {
    const doc = stack(
      'prod',
      'acrprod',
      {},
      {
        azurerm_role_definition: {
          everything: {
            name: 'AcrAlmostAll',
            scope: `${SUB}/resourceGroups/rg-prod`,
            permissions: [
              {
                actions: ['Microsoft.ContainerRegistry/*'],
                not_actions: ['Microsoft.ContainerRegistry/registries/delete'],
              },
            ],
          },
          readonly: {
            name: 'AcrRead',
            scope: SUB,
            permissions: [{ actions: ['Microsoft.ContainerRegistry/registries/pull/read'] }],
          },
        },
        azurerm_role_assignment: {
          custom: grant('${azurerm_container_registry.acr.id}', {
            role_definition_id: '${azurerm_role_definition.everything.role_definition_resource_id}',
          }),
          read: grant('${azurerm_container_registry.acr.id}', { role_definition_name: 'AcrRead' }),
          by_data: grant('${azurerm_container_registry.acr.id}', {
            role_definition_id: '${data.azurerm_role_definition.writer.id}',
          }),
        },
      },
    );
    doc.data = { azurerm_role_definition: { writer: { name: 'Container Registry Repository Writer' } } };
    const result = checkInventories([inventory('prod', doc)], { config: { order: ['prod'] } });
    expect(outcomes(result, 'ACR-024').sort()).toEqual([
      'fail: 11111111-1111-1111-1111-111111111111 can push (Container Registry Repository Writer) on acrprod',
      'fail: 11111111-1111-1111-1111-111111111111 can push, can create or run ACR tasks, which push, can enable the admin user or create push tokens, can bring content in through import pipelines, cache rules or connected registries (AcrAlmostAll) on acrprod',
    ]);
  });

  it("keeps permission objects apart: one object's NotActions do not take away another's Actions", () => {
    // ARM evaluates each permission object on its own; merged, the second object's NotActions would hide
    // the first object's push and the grant would pass.
    const permissions = [
      { actions: ['Microsoft.ContainerRegistry/registries/push/write'], not_actions: [] },
      {
        actions: ['Microsoft.ContainerRegistry/registries/read'],
        not_actions: ['Microsoft.ContainerRegistry/registries/push/write'],
      },
    ];
    const doc = stack(
      'prod',
      'acrprod',
      {},
      {
        azurerm_role_definition: { split: { name: 'AcrSplit', scope: SUB, permissions } },
        azurerm_role_assignment: {
          split: grant('${azurerm_container_registry.acr.id}', {
            role_definition_id: '${azurerm_role_definition.split.role_definition_resource_id}',
          }),
        },
      },
    );
    const terraform = checkInventories([inventory('prod', doc)], { config: { order: ['prod'] } });
    expect(outcomes(terraform, 'ACR-024')).toEqual([`fail: ${CI} can push (AcrSplit) on acrprod`]);

    const urn = (type: string, name: string) => `urn:pulumi:prod::p::${type}::${name}`;
    const registry = urn('azure-native:containerregistry:Registry', 'acrprod');
    const definition = urn('azure-native:authorization:RoleDefinition', 'split');
    const pulumi = inventoryFromPulumiResources(
      [
        {
          urn: registry,
          type: 'azure-native:containerregistry:Registry',
          name: 'acrprod',
          custom: true,
          protect: false,
          inputs: { registryName: 'acrprod', resourceGroupName: 'rg-prod' },
          propertyDependencies: {},
        },
        {
          urn: definition,
          type: 'azure-native:authorization:RoleDefinition',
          name: 'split',
          custom: true,
          protect: false,
          inputs: {
            roleName: 'AcrSplit',
            scope: SUB,
            permissions: permissions.map((p) => ({ actions: p.actions, notActions: p.not_actions })),
          },
          propertyDependencies: {},
        },
        {
          urn: urn('azure-native:authorization:RoleAssignment', 'split'),
          type: 'azure-native:authorization:RoleAssignment',
          name: 'split',
          custom: true,
          protect: false,
          inputs: { scope: UNKNOWN, roleDefinitionId: UNKNOWN, principalId: CI },
          propertyDependencies: { scope: [registry], roleDefinitionId: [definition] },
        },
      ],
      { environment: 'prod', file: 'Pulumi.prod.yaml' },
    );
    const fromPulumi = checkInventories([pulumi], { config: { order: ['prod'] } });
    expect(outcomes(fromPulumi, 'ACR-024')).toEqual([`fail: ${CI} can push (AcrSplit) on acrprod`]);
  });

  it('fails a grant it cannot identify on a lone production environment (mandatory)', () => {
    const doc = stack(
      'prod',
      'acrprod',
      {},
      {
        azurerm_role_assignment: {
          mystery: grant('${azurerm_container_registry.acr.id}', { role_definition_id: '${var.role}' }),
        },
      },
    );
    const result = checkInventories([inventory('prod', doc)], { config: { order: ['prod'] } });
    expect(result.findings.filter((f) => f.ruleId === 'ACR-120').map((f) => [f.result, f.mandatory])).toEqual(
      [['fail', true]],
    );
    expect(outcomes(result, 'ACR-120')[0]).toMatch(
      /^fail: cannot prove this grant of prod cannot push into prod: /,
    );
  });
});
