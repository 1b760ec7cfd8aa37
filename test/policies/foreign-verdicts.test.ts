/**
 * Verdicts on hand-written root modules that an outside hunt found wrong, each expected outcome
 * derived from azurerm v4 and Azure semantics:
 * - ACR-007 is not "not applicable" while an endpoint the input does not place may be the registry's;
 * - a grant at the tenant root scope `/` covers every registry (Microsoft Learn, "Elevate access to
 *   manage all Azure subscriptions and management groups": a role assigned "at root scope (/)");
 * - a replica in the registry's own region is no geo-replica (FACTS.md section 5; azurerm rejects it);
 * - locations compare as azurerm normalizes them (`West Europe` is `westeurope`);
 * - an `azapi_update_resource` body merges into the registry after azurerm wrote it (azapi
 *   "update_resource"), so what it sets is the registry's setting, known or not;
 * - a webhook URI whose scheme is literal (`http://${var.host}/hook`) is judged on that scheme;
 * - a local in an override file replaces the local of that name (Terraform "Override Files":
 *   "Merging locals blocks" applies overrides value by value);
 * - a splat expression (`azurerm_x.y[*].id`, valid Terraform) is unknown because it is not
 *   evaluated, not "a value Terraform would reject".
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findingsOn } from './helpers';

const SUBNET = '/subscriptions/0/resourceGroups/n/providers/Microsoft.Network/virtualNetworks/v/subnets/s';
const ACR_PUSH = '8311e382-0749-4cb8-b61a-304f252e45ec';

/** A production registry body: Premium, private, replicated to northeurope, quarantine on. */
function registry(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'contosoacrprod',
    resource_group_name: 'rg-acr-prod',
    location: 'westeurope',
    sku: 'Premium',
    admin_enabled: false,
    public_network_access_enabled: false,
    zone_redundancy_enabled: true,
    quarantine_policy_enabled: true,
    georeplications: [{ location: 'northeurope', zone_redundancy_enabled: true }],
    ...overrides,
  };
}

/** A module of the registry and one role assignment `ci` (its scope and role) to a CI principal. */
function grantModule(grant: Record<string, string>): Record<string, unknown> {
  return {
    resource: {
      azurerm_container_registry: { acr: registry() },
      azurerm_role_assignment: { ci: { ...grant, principal_id: '11111111-1111-1111-1111-111111111111' } },
    },
  };
}

/** A quarantine webhook of the registry in `location`. */
function quarantineHook(name: string, location: string): Record<string, unknown> {
  return {
    name,
    resource_group_name: 'rg-acr-prod',
    registry_name: '${azurerm_container_registry.acr.name}',
    location,
    service_uri: 'https://scanner.example.com/hook',
    actions: ['quarantine'],
  };
}

describe('hand-written root modules: verdicts found wrong by an outside hunt', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'acr-foreign-verdicts-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** `rule result: message` of the findings of `rules` at `address` (any address when omitted). */
  function check(
    module: Record<string, unknown>,
    rules: readonly string[],
    address?: string,
    otherFiles: Readonly<Record<string, unknown>> = {},
  ): string[] {
    writeFileSync(path.join(dir, 'main.tf.json'), JSON.stringify(module));
    for (const [name, doc] of Object.entries(otherFiles))
      writeFileSync(path.join(dir, name), JSON.stringify(doc));
    return findingsOn(dir, rules, address);
  }

  it('says unknown, not not-applicable, for ACR-007 while an undecided endpoint may be the registry’s', () => {
    const module = {
      variable: { acr_id: { type: 'string' } },
      resource: {
        azurerm_container_registry: { acr: registry() },
        azurerm_private_dns_zone: {
          z: { name: 'privatelink.azurecr.io', resource_group_name: 'rg-acr-prod' },
        },
        azurerm_private_endpoint: {
          pe: {
            name: 'pe',
            location: 'westeurope',
            resource_group_name: 'rg-acr-prod',
            subnet_id: SUBNET,
            private_service_connection: {
              name: 'registry',
              subresource_names: ['registry'],
              is_manual_connection: false,
              private_connection_resource_id: '${var.acr_id}',
            },
            private_dns_zone_group: { name: 'z', private_dns_zone_ids: ['${azurerm_private_dns_zone.z.id}'] },
          },
        },
      },
    };
    expect(check(module, ['ACR-007'], 'azurerm_container_registry.acr')).toEqual([
      'ACR-007 unknown: whether contosoacrprod has a privatelink.azurecr.io zone group is not known: azurerm_private_endpoint.pe may be attached to it: private_service_connection.private_connection_resource_id is unknown: var.acr_id has no value (pass -var acr_id=... or a variables file with --var-file, or check the plan)',
    ]);
    // The endpoint is judged on its own too: its zone has no VNet link.
    expect(check(module, ['ACR-007'], 'azurerm_private_endpoint.pe')).toEqual([
      'ACR-007 fail: the privatelink.azurecr.io zone of pe is linked to no VNet',
    ]);
  });

  it('finds a push grant at the tenant root scope /', () => {
    const module = grantModule({
      scope: '/',
      role_definition_id: `/providers/Microsoft.Authorization/roleDefinitions/${ACR_PUSH}`,
    });
    expect(check(module, ['ACR-024', 'ACR-105'])).toEqual([
      'ACR-024 fail: 11111111-1111-1111-1111-111111111111 can push (AcrPush at root scope) on contosoacrprod',
      // Prod's own grant is ACR-024's; the estate rule's pass says it looked at other stacks only.
      'ACR-105 pass: nothing but promotion can push into prod from another stack (its own admin user, grants, tokens, tasks, imports and cache rules: ACR-024)',
    ]);
  });

  it('counts no replica in the registry’s own region, in any spelling, as a geo-replica', () => {
    for (const home of ['westeurope', 'West Europe']) {
      const module = {
        resource: {
          azurerm_container_registry: {
            acr: registry({ georeplications: [{ location: home, zone_redundancy_enabled: true }] }),
          },
        },
      };
      expect(check(module, ['ACR-008'])).toEqual([
        `ACR-008 fail: contosoacrprod has no geo-replica outside its own region: its replica in ${home} is where the registry is (azurerm rejects it), and adds no region`,
      ]);
    }
    const replicated = { resource: { azurerm_container_registry: { acr: registry() } } };
    expect(check(replicated, ['ACR-008'])).toEqual(['ACR-008 pass: contosoacrprod has 1 geo-replica(s)']);
  });

  it('hears every region when webhooks and replicas name them by display name', () => {
    const module = {
      resource: {
        azurerm_container_registry: {
          acr: registry({ georeplications: [{ location: 'North Europe', zone_redundancy_enabled: true }] }),
        },
        azurerm_container_registry_webhook: {
          weu: quarantineHook('weu', 'West Europe'),
          neu: quarantineHook('neu', 'northeurope'),
        },
      },
    };
    expect(check(module, ['ACR-051'])).toEqual([
      'ACR-051 pass: a quarantine webhook of contosoacrprod hears North Europe',
      'ACR-051 pass: a quarantine webhook of contosoacrprod hears westeurope',
    ]);
  });

  it('applies what an azapi update sets over what azurerm set, and leaves an undecided value unknown', () => {
    const module = {
      variable: { admin: { type: 'bool' } },
      resource: {
        azurerm_container_registry: { acr: registry() },
        azapi_update_resource: {
          acr: {
            type: 'Microsoft.ContainerRegistry/registries@2025-11-01',
            resource_id: '${azurerm_container_registry.acr.id}',
            body: {
              properties: {
                publicNetworkAccess: 'Enabled',
                adminUserEnabled: '${var.admin}',
                policies: { exportPolicy: { status: 'disabled' } },
              },
            },
          },
        },
      },
    };
    expect(check(module, ['ACR-001', 'ACR-003'])).toEqual([
      'ACR-001 unknown: The admin user of contosoacrprod is unknown: var.admin has no value (pass -var admin=... or a variables file with --var-file, or check the plan)',
      'ACR-003 fail: Public network access is enabled on contosoacrprod',
    ]);
  });

  it('judges a webhook URI on its literal scheme when the rest is not known', () => {
    const hook = (uri: string): Record<string, unknown> => ({
      ...quarantineHook('h', 'westeurope'),
      service_uri: uri,
    });
    const module = {
      variable: { host: { type: 'string' } },
      resource: {
        azurerm_container_registry: { acr: registry() },
        azurerm_container_registry_webhook: {
          plain: hook('http://${var.host}/hook'),
          secure: hook('https://${var.host}/hook'),
          app: hook('http://${azurerm_linux_web_app.scanner.default_hostname}/hook'),
          open: hook('${var.host}/hook'),
        },
      },
    };
    expect(check(module, ['ACR-020'])).toEqual([
      'ACR-020 fail: webhook h sends to http://..., not https',
      'ACR-020 unknown: the URI of webhook h is unknown: var.host has no value (pass -var host=... or a variables file with --var-file, or check the plan)',
      'ACR-020 fail: webhook h sends to http://..., not https',
      'ACR-020 pass: webhook h uses https',
    ]);
  });

  it('reads a local of an override file over the local it overrides', () => {
    const module = {
      locals: { admin: false, sku: 'Premium' },
      resource: {
        azurerm_container_registry: {
          acr: registry({ admin_enabled: '${local.admin}', sku: '${local.sku}' }),
        },
      },
    };
    expect(check(module, ['ACR-001', 'ACR-026'])).toEqual([
      'ACR-001 pass: The admin user is disabled on contosoacrprod',
      'ACR-026 pass: contosoacrprod is Premium',
    ]);
    const overridden = { 'z_override.tf.json': { locals: { admin: true } } };
    expect(check(module, ['ACR-001', 'ACR-026'], undefined, overridden)).toEqual([
      'ACR-001 fail: The admin user is enabled on contosoacrprod',
      'ACR-026 pass: contosoacrprod is Premium',
    ]);
  });

  it('says a splat is not evaluated, not that Terraform would reject it', () => {
    const module = grantModule({
      scope: '${coalesce(azurerm_container_registry.acr[*].id...)}',
      role_definition_name: 'AcrPush',
    });
    const messages = check(module, ['ACR-111']);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/^ACR-111 unknown: .*scope is unknown: .*not evaluated here/);
    expect(messages[0]).not.toMatch(/would reject/);
  });
});
