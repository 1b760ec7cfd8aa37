/**
 * `azapi_resource` read as the azurerm resource of its ARM type (azapi-resources.ts). Each expected
 * outcome comes from the ARM resource's semantics: a role assignment's `parent_id` is its scope and
 * `properties.roleDefinitionId` its role (ARM template reference, Microsoft.Authorization/roleAssignments);
 * a registry's properties absent from its body take Azure's defaults (public network access Enabled,
 * admin user off, export enabled: the Microsoft.ContainerRegistry REST spec); a private endpoint's
 * `manualPrivateLinkServiceConnections` wait for approval (Azure Policy e8eef0a8 counts only approved
 * connections); a diagnostic log entry with `enabled: false` collects nothing.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { checkInventories, loadInventories } from '../../policies';
import {
  ACR_PULL,
  ACR_PUSH,
  CI,
  REGISTRY,
  REGISTRY_ID,
  RG,
  SUBNET,
  WORKSPACE,
  azapi,
  azapiChecker,
  grant,
  registry,
} from '../support/azapi';

describe('azapi_resource read as the azurerm resource of its ARM type', () => {
  const { check, folder } = azapiChecker();

  it('reads an azapi registry: its body over Azure’s defaults', () => {
    const open = registry({ adminUserEnabled: true, publicNetworkAccess: undefined, policies: undefined });
    expect(
      check({ azapi_resource: { acr: open } }, ['ACR-001', 'ACR-003', 'ACR-011', 'ACR-014', 'ACR-026']),
    ).toEqual([
      'ACR-001 fail: The admin user is enabled on contosoacrprod',
      'ACR-003 fail: Public network access is enabled on contosoacrprod',
      'ACR-011 fail: Quarantine is disabled on contosoacrprod',
      'ACR-014 fail: Export is enabled on contosoacrprod',
      'ACR-026 pass: contosoacrprod is Premium',
    ]);
    expect(
      check({ azapi_resource: { acr: registry() } }, ['ACR-001', 'ACR-003', 'ACR-011', 'ACR-014']),
    ).toEqual([
      'ACR-001 pass: The admin user is disabled on contosoacrprod',
      'ACR-003 pass: Public network access is disabled on contosoacrprod',
      // Quarantine is on; with no scanner webhook nothing releases images.
      'ACR-011 fail: quarantine is enabled on contosoacrprod but no scanner webhook or AcrQuarantineWriter can release images',
      'ACR-014 pass: exports are disabled on contosoacrprod with public access off',
    ]);
  });

  it('reads a body written with jsonencode (azapi 1.x) and leaves one it cannot read unknown', () => {
    const encoded = {
      ...registry(),
      body: JSON.stringify({ sku: { name: 'Premium' }, properties: { adminUserEnabled: true } }),
    };
    expect(check({ azapi_resource: { acr: encoded } }, ['ACR-001'])).toEqual([
      'ACR-001 fail: The admin user is enabled on contosoacrprod',
    ]);
    const hidden = { ...registry(), body: '${local.registry_body}' };
    const [admin] = check({ azapi_resource: { acr: hidden } }, ['ACR-001']);
    expect(admin).toMatch(/^ACR-001 unknown: /);
  });

  it('reads a jsonencode body of the configuration (azapi 1.x HCL), a reference in it as a reference', () => {
    const encoded = (principal: string): Record<string, unknown> => ({
      ...grant('00000000-0000-0000-0000-0000000000a1', REGISTRY, ACR_PUSH),
      body: `\${jsonencode({ properties = { roleDefinitionId = "${ACR_PUSH}", principalId = ${principal} } })}`,
    });
    const identity = {
      azurerm_user_assigned_identity: {
        ci: { name: 'id-ci', resource_group_name: 'rg-acr-prod', location: 'westeurope' },
      },
    };
    expect(
      check(
        {
          ...identity,
          azapi_resource: {
            acr: registry(),
            push: encoded('azurerm_user_assigned_identity.ci.principal_id'),
          },
        },
        ['ACR-024'],
      ),
    ).toEqual(['ACR-024 fail: id-ci can push (AcrPush) on contosoacrprod']);
    expect(check({ azapi_resource: { acr: registry(), push: encoded(`"${CI}"`) } }, ['ACR-024'])).toEqual([
      `ACR-024 fail: ${CI} can push (AcrPush) on contosoacrprod`,
    ]);
  });

  it('encodes as Terraform’s jsonencode does: keys in lexical order, <, > and & escaped', () => {
    const named = { ...registry(), name: '${jsonencode({ b = "<a&b>", a = [1, true, null] })}' };
    writeFileSync(
      path.join(folder(), 'main.tf.json'),
      JSON.stringify({ resource: { azapi_resource: { acr: named } } }),
    );
    const [inventory] = loadInventories([folder()], { cwd: folder(), environment: 'prod' });
    expect(inventory.registries[0].name).toBe('{"a":[1,true,null],"b":"\\u003ca\\u0026b\\u003e"}');
  });

  it('finds an AcrPush role assignment made with azapi, by reference or by literal ID', () => {
    for (const scope of [REGISTRY, REGISTRY_ID]) {
      const resources = {
        azapi_resource: {
          acr: registry(),
          push: grant('00000000-0000-0000-0000-0000000000a1', scope, ACR_PUSH),
          pull: grant('00000000-0000-0000-0000-0000000000a2', scope, ACR_PULL),
        },
      };
      expect(check(resources, ['ACR-024'])).toEqual([
        `ACR-024 fail: ${CI} can push (AcrPush) on contosoacrprod`,
      ]);
    }
  });

  it('places an azapi registry in its azapi resource group, where a group-scoped grant reaches it', () => {
    const resources = {
      azapi_resource: {
        rg: azapi('Microsoft.Resources/resourceGroups', {
          name: 'rg-acr-prod',
          parent_id: '/subscriptions/00000000-0000-0000-0000-000000000000',
          location: 'westeurope',
        }),
        acr: { ...registry(), parent_id: '${azapi_resource.rg.id}' },
        push: grant('00000000-0000-0000-0000-0000000000a1', '${azapi_resource.rg.id}', ACR_PUSH),
      },
    };
    expect(check(resources, ['ACR-024'])).toEqual([
      `ACR-024 fail: ${CI} can push (AcrPush at resourceGroup scope) on contosoacrprod`,
    ]);
  });

  it('finds an azapi push grant on an azurerm registry', () => {
    const resources = {
      azurerm_container_registry: {
        acr: {
          name: 'contosoacrprod',
          resource_group_name: 'rg-acr-prod',
          location: 'westeurope',
          sku: 'Premium',
        },
      },
      azapi_resource: {
        push: grant('00000000-0000-0000-0000-0000000000a1', '${azurerm_container_registry.acr.id}', ACR_PUSH),
      },
    };
    expect(check(resources, ['ACR-024'])).toEqual([
      `ACR-024 fail: ${CI} can push (AcrPush) on contosoacrprod`,
    ]);
  });

  it('attaches azapi endpoints with their zone groups, and counts no manual connection', () => {
    const endpoint = (manual: boolean): Record<string, unknown> =>
      azapi('Microsoft.Network/privateEndpoints', {
        name: 'pe-acr',
        parent_id: RG,
        location: 'westeurope',
        body: {
          properties: {
            subnet: { id: SUBNET },
            [manual ? 'manualPrivateLinkServiceConnections' : 'privateLinkServiceConnections']: [
              { name: 'registry', properties: { privateLinkServiceId: REGISTRY, groupIds: ['registry'] } },
            ],
          },
        },
      });
    const zoneGroup = azapi('Microsoft.Network/privateEndpoints/privateDnsZoneGroups', {
      name: 'default',
      parent_id: '${azapi_resource.pe.id}',
      body: {
        properties: {
          privateDnsZoneConfigs: [
            { name: 'acr', properties: { privateDnsZoneId: '${azurerm_private_dns_zone.acr.id}' } },
          ],
        },
      },
    });
    const network = {
      azurerm_private_dns_zone: {
        acr: { name: 'privatelink.azurecr.io', resource_group_name: 'rg-acr-prod' },
      },
      azurerm_private_dns_zone_virtual_network_link: {
        acr: {
          name: 'acr',
          resource_group_name: 'rg-acr-prod',
          private_dns_zone_name: '${azurerm_private_dns_zone.acr.name}',
          virtual_network_id: `${RG}/providers/Microsoft.Network/virtualNetworks/v`,
        },
      },
    };
    const automatic = {
      ...network,
      azapi_resource: { acr: registry(), pe: endpoint(false), zones: zoneGroup },
    };
    expect(check(automatic, ['ACR-005', 'ACR-006', 'ACR-007'])).toEqual([
      'ACR-005 pass: contosoacrprod has a private endpoint (pe-acr)',
      'ACR-006 pass: pe-acr registers in privatelink.azurecr.io',
      'ACR-007 pass: the zone of pe-acr is linked to 1 VNet(s)',
    ]);
    const manual = { ...network, azapi_resource: { acr: registry(), pe: endpoint(true), zones: zoneGroup } };
    const [connection] = check(manual, ['ACR-005'], 'azapi_resource.acr');
    expect(connection).toMatch(/^ACR-005 fail: .*only manual private endpoint connections/);
    // Without its zone group the endpoint registers in no zone.
    const bare = { ...network, azapi_resource: { acr: registry(), pe: endpoint(false) } };
    expect(check(bare, ['ACR-006'])).toEqual([expect.stringMatching(/^ACR-006 fail: /)]);
  });

  it('counts an endpoint connection the registry approves with azapi, not one it rejects or leaves pending', () => {
    const connection = (status: string): Record<string, unknown> =>
      azapi('Microsoft.ContainerRegistry/registries/privateEndpointConnections', {
        name: 'pe-consumer.1b2c',
        parent_id: REGISTRY,
        body: { properties: { privateLinkServiceConnectionState: { status, description: 'hub' } } },
      });
    const registryWith = (status: string) => ({
      azapi_resource: { acr: registry(), approval: connection(status) },
    });
    expect(check(registryWith('Approved'), ['ACR-005', 'ACR-006'])).toEqual([
      'ACR-005 pass: contosoacrprod has a private endpoint (pe-consumer.1b2c)',
      expect.stringMatching(/^ACR-006 unknown: .*DNS zone group is in its own configuration/),
    ]);
    expect(check(registryWith('Pending'), ['ACR-005'])).toEqual([
      expect.stringMatching(/^ACR-005 fail: contosoacrprod has only manual private endpoint connections/),
    ]);
    expect(check(registryWith('Rejected'), ['ACR-005'])).toEqual([
      'ACR-005 fail: contosoacrprod has no private endpoint for sub-resource "registry"',
    ]);
  });

  it('attaches azapi locks, diagnostic settings and webhooks', () => {
    const resources = {
      azapi_resource: {
        acr: registry(),
        lock: azapi('Microsoft.Authorization/locks', {
          name: 'no-delete',
          parent_id: REGISTRY,
          body: { properties: { level: 'CanNotDelete' } },
        }),
        audit: azapi('Microsoft.Insights/diagnosticSettings', {
          name: 'audit',
          parent_id: REGISTRY,
          body: { properties: { workspaceId: WORKSPACE, logs: [{ categoryGroup: 'audit', enabled: true }] } },
        }),
        hook: azapi('Microsoft.ContainerRegistry/registries/webhooks', {
          name: 'push',
          parent_id: REGISTRY,
          location: 'westeurope',
          body: { properties: { serviceUri: 'http://ci.example.com/hook', actions: ['push'] } },
        }),
      },
    };
    expect(check(resources, ['ACR-017', 'ACR-018', 'ACR-020', 'ACR-056'])).toEqual([
      'ACR-017 pass: contosoacrprod sends audit logs',
      'ACR-018 pass: contosoacrprod has a delete lock',
      expect.stringMatching(/^ACR-020 fail: /),
      'ACR-056 pass: contosoacrprod sends category group audit',
    ]);
    // A log entry that is off collects nothing.
    const off = {
      azapi_resource: {
        acr: registry(),
        audit: azapi('Microsoft.Insights/diagnosticSettings', {
          name: 'audit',
          parent_id: REGISTRY,
          body: {
            properties: { workspaceId: WORKSPACE, logs: [{ categoryGroup: 'audit', enabled: false }] },
          },
        }),
      },
    };
    expect(check(off, ['ACR-056'])).toEqual([expect.stringMatching(/^ACR-056 fail: /)]);
  });

  it('merges azapi replications into their registry, and leaves them unknown when the parent is undecided', () => {
    const replica = (parent: string): Record<string, unknown> =>
      azapi('Microsoft.ContainerRegistry/registries/replications', {
        name: 'northeurope',
        parent_id: parent,
        location: 'northeurope',
        body: { properties: { zoneRedundancy: 'Disabled' } },
      });
    const resources = { azapi_resource: { acr: registry(), neu: replica(REGISTRY) } };
    expect(check(resources, ['ACR-008', 'ACR-010'])).toEqual([
      'ACR-008 pass: contosoacrprod has 1 geo-replica(s)',
      'ACR-010 pass: Zone redundancy is enabled on contosoacrprod',
      'ACR-010 fail: Zone redundancy of the replica in northeurope is disabled on contosoacrprod',
    ]);
    writeFileSync(
      path.join(folder(), 'variables.tf.json'),
      JSON.stringify({ variable: { acr_id: { type: 'string' } } }),
    );
    const undecided = { azapi_resource: { acr: registry(), neu: replica('${var.acr_id}') } };
    expect(check(undecided, ['ACR-008'])).toEqual([
      expect.stringMatching(/^ACR-008 unknown: .*azapi_resource\.neu/),
    ]);
  });

  it('reads azapi resources of a plan’s child module, a parent known only after apply by its configuration', () => {
    const registryValues = {
      type: 'Microsoft.ContainerRegistry/registries@2023-07-01',
      name: 'contosoacrprod',
      parent_id: RG,
      location: 'westeurope',
      body: { sku: { name: 'Premium' }, properties: { adminUserEnabled: true } },
    };
    const pushValues = {
      type: 'Microsoft.Authorization/roleAssignments@2022-04-01',
      name: '00000000-0000-0000-0000-0000000000a1',
      body: {
        properties: { roleDefinitionId: ACR_PUSH, principalId: CI, principalType: 'ServicePrincipal' },
      },
    };
    const change = (name: string, after: object, unknown: object, type = 'azapi_resource'): object => ({
      address: `module.registry.${type}.${name}`,
      module_address: 'module.registry',
      mode: 'managed',
      type,
      name,
      provider_name: 'registry.terraform.io/azure/azapi',
      change: { actions: ['create'], before: null, after, after_unknown: unknown, after_sensitive: {} },
    });
    const configured = (name: string, expressions: object): object => ({
      address: `azapi_resource.${name}`,
      mode: 'managed',
      type: 'azapi_resource',
      name,
      provider_config_key: 'azapi',
      expressions,
    });
    const plan = {
      format_version: '1.2',
      terraform_version: '1.9.5',
      resource_changes: [
        change('acr', registryValues, { id: true, output: true }),
        // The registry's ID is known only after apply: the configuration says what parent_id is.
        change('push', pushValues, { id: true, output: true, parent_id: true }),
        change(
          'ci',
          { name: 'id-ci', location: 'westeurope' },
          { id: true, principal_id: true },
          'azurerm_user_assigned_identity',
        ),
        // One unknown leaf in the body, one attribute its expression references: that leaf is it.
        change(
          'identity',
          {
            ...pushValues,
            name: '00000000-0000-0000-0000-0000000000a2',
            body: { properties: { roleDefinitionId: ACR_PUSH } },
          },
          { id: true, output: true, parent_id: true, body: { properties: { principalId: true } } },
        ),
        // Two unknown leaves: which reference made which unknown is not known.
        change(
          'undecided',
          { ...pushValues, name: '00000000-0000-0000-0000-0000000000a3', body: { properties: {} } },
          {
            id: true,
            output: true,
            parent_id: true,
            body: { properties: { principalId: true, roleDefinitionId: true } },
          },
        ),
      ],
      configuration: {
        root_module: {
          module_calls: {
            registry: {
              source: './modules/registry',
              module: {
                resources: [
                  configured('acr', { parent_id: { constant_value: RG } }),
                  configured('push', {
                    parent_id: { references: ['azapi_resource.acr.id', 'azapi_resource.acr'] },
                  }),
                  configured('identity', {
                    parent_id: { references: ['azapi_resource.acr.id', 'azapi_resource.acr'] },
                    body: {
                      references: [
                        'azurerm_user_assigned_identity.ci.principal_id',
                        'azurerm_user_assigned_identity.ci',
                      ],
                    },
                  }),
                  configured('undecided', {
                    parent_id: { references: ['azapi_resource.acr.id', 'azapi_resource.acr'] },
                    body: {
                      references: [
                        'azurerm_user_assigned_identity.ci.principal_id',
                        'azurerm_user_assigned_identity.ci',
                        'data.azurerm_role_definition.push.id',
                        'data.azurerm_role_definition.push',
                      ],
                    },
                  }),
                ],
              },
            },
          },
        },
      },
    };
    const file = path.join(folder(), 'prod.plan.json');
    writeFileSync(file, JSON.stringify(plan));
    const [inventory] = loadInventories([file], { cwd: folder(), environment: 'prod' });
    const config = { order: ['dev', 'staging', 'prod'], replicaRegions: { prod: [] } };
    const findings = checkInventories([inventory], { config })
      .findings.filter((f) => f.ruleId === 'ACR-001' || f.ruleId === 'ACR-024')
      .map((f) => `${f.ruleId} ${f.result} at ${f.location.address}: ${f.message}`);
    expect(findings).toEqual([
      'ACR-001 fail at module.registry.azapi_resource.acr: The admin user is enabled on contosoacrprod',
      'ACR-024 fail at module.registry.azapi_resource.acr: the admin user of contosoacrprod can push: its shared credentials have full permissions to the registry (past promotion)',
      'ACR-024 fail at module.registry.azapi_resource.identity: id-ci can push (AcrPush) on contosoacrprod',
      `ACR-024 fail at module.registry.azapi_resource.push: ${CI} can push (AcrPush) on contosoacrprod`,
      expect.stringMatching(/^ACR-024 unknown at module\.registry\.azapi_resource\.undecided: /),
    ]);
  });
});
