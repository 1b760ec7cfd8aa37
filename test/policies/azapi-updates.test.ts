/**
 * `azapi_update_resource` on what is attached to a registry (azapi-child-updates.ts,
 * azurerm-child-updates.ts) and on a registry named by `parent_id` and `name` (arm-properties.ts).
 * Each expected outcome comes from the provider's semantics: azapi reads the target, merges the
 * body into it and writes it back (azapi_update_resource.go `CreateUpdate`), so the body's
 * properties are the target's after apply; the target is `resource_id`, or `parent_id` + `name` with
 * `type` (docs/resources/update_resource.md); ARM property names are the REST spec's
 * (Microsoft.ContainerRegistry webhooks: `serviceUri`, `status`; tokens: `status`; scope maps:
 * `actions`; tasks: `status`; replications: `zoneRedundancy`; private endpoint connections:
 * `privateLinkServiceConnectionState.status`). A target the input does not decide may be any
 * resource of the type: what the update sets there is unknown.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { REGISTRY_ID, RG, SUBNET } from '../support/azapi';
import { findingsOn, folderPerTest } from './helpers';

const API = '@2023-07-01';

const registry = {
  name: 'contosoacrprod',
  resource_group_name: 'rg-acr-prod',
  location: 'westeurope',
  sku: 'Premium',
  public_network_access_enabled: false,
  zone_redundancy_enabled: true,
  georeplications: [{ location: 'northeurope', zone_redundancy_enabled: true }],
};

const webhook = {
  name: 'deployhook',
  registry_name: '${azurerm_container_registry.acr.name}',
  resource_group_name: 'rg-acr-prod',
  location: 'westeurope',
  service_uri: 'https://deploy.example.com/hook',
  actions: ['push'],
};

/** An update of `type` (a Microsoft.ContainerRegistry/registries child unless it has a `/` ... namespace) with `extra`. */
function update(type: string, extra: Record<string, unknown>): Record<string, unknown> {
  const full = type.startsWith('Microsoft.') ? type : `Microsoft.ContainerRegistry/registries/${type}`;
  return { type: `${full}${API}`, ...extra };
}

/** An update that points the webhook it targets at plain http. */
function httpHook(target: Record<string, unknown>): Record<string, unknown> {
  return update('webhooks', {
    ...target,
    body: { properties: { serviceUri: 'http://deploy.example.com/hook' } },
  });
}

describe('azapi_update_resource on what is attached to a registry', () => {
  const dir = folderPerTest('acr-azapi-update-');

  /** `rule result: message` of the findings of `rules` on `resources` (and `extra` blocks) as prod. */
  function check(resources: Record<string, unknown>, rules: readonly string[], extra = {}): string[] {
    writeFileSync(path.join(dir(), 'main.tf.json'), JSON.stringify({ ...extra, resource: resources }));
    return findingsOn(dir(), rules);
  }

  /** The same, judged as staging (a promotion target that is not the last environment). */
  function checkStaging(resources: Record<string, unknown>, rules: readonly string[]): string[] {
    writeFileSync(path.join(dir(), 'main.tf.json'), JSON.stringify({ resource: resources }));
    return findingsOn(dir(), rules, undefined, 'staging');
  }

  const HTTP = 'ACR-020 fail: webhook deployhook sends to http://deploy.example.com, not https';

  it('applies an update to an azurerm webhook, named by reference, literal ID or parent and name', () => {
    const base = {
      azurerm_container_registry: { acr: registry },
      azurerm_container_registry_webhook: { hook: webhook },
    };
    expect(check(base, ['ACR-020'])).toEqual(['ACR-020 pass: webhook deployhook uses https']);
    for (const target of [
      { resource_id: '${azurerm_container_registry_webhook.hook.id}' },
      { resource_id: `${REGISTRY_ID}/webhooks/deployhook` },
      { resource_id: '${azurerm_container_registry.acr.id}/webhooks/deployhook' },
      { parent_id: '${azurerm_container_registry.acr.id}', name: 'deployhook' },
      { parent_id: REGISTRY_ID, name: 'DeployHook' },
    ])
      expect(check({ ...base, azapi_update_resource: { http: httpHook(target) } }, ['ACR-020'])).toEqual([
        HTTP,
      ]);
    // Another webhook of the registry, or the same name on another registry, is not this one.
    for (const target of [
      { resource_id: `${REGISTRY_ID}/webhooks/otherhook` },
      { parent_id: `${RG}/providers/Microsoft.ContainerRegistry/registries/elsewhere`, name: 'deployhook' },
    ])
      expect(check({ ...base, azapi_update_resource: { http: httpHook(target) } }, ['ACR-020'])).toEqual([
        'ACR-020 pass: webhook deployhook uses https',
      ]);
  });

  it('applies an update to an azapi webhook before reading it, and disables a scanner webhook', () => {
    const hook = update('webhooks', {
      name: 'deployhook',
      parent_id: '${azurerm_container_registry.acr.id}',
      location: 'westeurope',
      body: { properties: { serviceUri: 'https://deploy.example.com/hook', actions: ['push'] } },
    });
    const resources = {
      azurerm_container_registry: { acr: registry },
      azapi_resource: { hook },
      azapi_update_resource: { http: httpHook({ resource_id: '${azapi_resource.hook.id}' }) },
    };
    expect(check(resources, ['ACR-020'])).toEqual([HTTP]);
    const scanner = update('webhooks', {
      name: 'scanner',
      parent_id: REGISTRY_ID,
      location: 'westeurope',
      body: { properties: { serviceUri: 'https://scan.example.com/hook', actions: ['quarantine'] } },
    });
    const quarantined = { ...registry, quarantine_policy_enabled: true };
    const off = update('webhooks', {
      resource_id: '${azapi_resource.scanner.id}',
      body: { properties: { status: 'disabled' } },
    });
    expect(
      check({ azurerm_container_registry: { acr: quarantined }, azapi_resource: { scanner } }, ['ACR-011']),
    ).toEqual(['ACR-011 pass: quarantine is enabled on contosoacrprod with a scanner']);
    expect(
      check(
        {
          azurerm_container_registry: { acr: quarantined },
          azapi_resource: { scanner },
          azapi_update_resource: { off },
        },
        ['ACR-011'],
      ),
    ).toEqual([expect.stringMatching(/^ACR-011 fail: /)]);
  });

  it('re-enables a disabled push token, and widens a scope map, with updates', () => {
    const scopeMap = {
      name: 'push',
      container_registry_name: '${azurerm_container_registry.acr.name}',
      resource_group_name: 'rg-acr-prod',
      actions: ['repositories/app/content/write'],
    };
    const token = {
      name: 'ci',
      container_registry_name: '${azurerm_container_registry.acr.name}',
      resource_group_name: 'rg-acr-prod',
      scope_map_id: '${azurerm_container_registry_scope_map.push.id}',
      enabled: false,
    };
    const base = {
      azurerm_container_registry: { acr: registry },
      azurerm_container_registry_scope_map: { push: scopeMap },
      azurerm_container_registry_token: { ci: token },
    };
    expect(checkStaging(base, ['ACR-105'])).toEqual([
      'ACR-105 pass: nothing but promotion can push into staging',
    ]);
    const enable = update('tokens', {
      resource_id: `${REGISTRY_ID}/tokens/ci`,
      body: { properties: { status: 'enabled' } },
    });
    expect(checkStaging({ ...base, azapi_update_resource: { enable } }, ['ACR-105'])).toEqual([
      'ACR-105 fail: staging lets an image into staging past promotion: token ci can push (push: repositories/app/content/write)',
    ]);
    const pull = { ...scopeMap, actions: ['repositories/app/content/read'] };
    const widen = update('scopeMaps', {
      parent_id: '${azurerm_container_registry.acr.id}',
      name: 'push',
      body: { properties: { actions: ['repositories/app/content/read', 'repositories/app/content/delete'] } },
    });
    const readOnly = { ...base, azurerm_container_registry_scope_map: { push: pull } };
    expect(check(readOnly, ['ACR-023'])).toEqual(['ACR-023 pass: token ci can only read']);
    expect(check({ ...readOnly, azapi_update_resource: { widen } }, ['ACR-023'])).toEqual([
      'ACR-023 fail: token ci can write: repositories/app/content/delete',
    ]);
  });

  it('enables a disabled azapi task that pushes', () => {
    const task = update('tasks', {
      name: 'build',
      parent_id: REGISTRY_ID,
      location: 'westeurope',
      body: {
        properties: {
          status: 'Disabled',
          platform: { os: 'Linux' },
          agentPoolName: 'private',
          step: { type: 'Docker', dockerFilePath: 'Dockerfile', contextPath: '.', imageNames: ['app'] },
        },
      },
    });
    const base = { azurerm_container_registry: { acr: registry }, azapi_resource: { task } };
    expect(check(base, ['ACR-024'])).toEqual([
      'ACR-024 pass: nothing but promotion can push into contosoacrprod',
    ]);
    const enable = update('tasks', {
      resource_id: '${azapi_resource.task.id}',
      body: { properties: { status: 'Enabled' } },
    });
    expect(check({ ...base, azapi_update_resource: { enable } }, ['ACR-024'])).toEqual([
      'ACR-024 fail: task build pushes: its Docker build step pushes the image into contosoacrprod',
    ]);
  });

  it('does not take an update’s word for what ARM does not change in place', () => {
    // azurerm names a replication by its normalized location; ARM's update of a replication takes
    // regionEndpointEnabled, not zoneRedundancy, so "Enabled" here is not a zone-redundant replica.
    const plain = { ...registry, georeplications: [{ location: 'North Europe' }] };
    const replica = update('replications', {
      parent_id: '${azurerm_container_registry.acr.id}',
      name: 'northeurope',
      body: { properties: { regionEndpointEnabled: false, zoneRedundancy: 'Enabled' } },
    });
    expect(check({ azurerm_container_registry: { acr: plain } }, ['ACR-010'])).toEqual([
      'ACR-010 pass: Zone redundancy is enabled on contosoacrprod',
      'ACR-010 fail: Zone redundancy of the replica in North Europe is disabled on contosoacrprod',
    ]);
    expect(
      check({ azurerm_container_registry: { acr: plain }, azapi_update_resource: { replica } }, ['ACR-010']),
    ).toEqual([
      'ACR-010 pass: Zone redundancy is enabled on contosoacrprod',
      expect.stringMatching(
        /^ACR-010 unknown: .*azapi_update_resource\.replica sets zoneRedundancy, but ARM's update of a replication has no zoneRedundancy/,
      ),
    ]);
    // Nor does ARM's update of a registry take zoneRedundancy (RegistryPropertiesUpdateParameters has
    // none; azurerm replaces the registry to change it): "Enabled" over a registry created without it
    // is not a zone-redundant registry; one that sets what the registry has changes nothing.
    const zoned = (status: string): Record<string, unknown> =>
      update('Microsoft.ContainerRegistry/registries', {
        resource_id: '${azurerm_container_registry.acr.id}',
        body: { properties: { zoneRedundancy: status } },
      });
    const single = { ...registry, zone_redundancy_enabled: false, georeplications: [] };
    expect(
      check(
        { azurerm_container_registry: { acr: single }, azapi_update_resource: { zr: zoned('Enabled') } },
        ['ACR-010'],
      ),
    ).toEqual([
      "ACR-010 unknown: Zone redundancy of contosoacrprod is unknown: azapi_update_resource.zr sets zoneRedundancy, but ARM's update of a registry has no zoneRedundancy (it is set when the registry is created): whether a PUT changes it on an existing registry is not known",
    ]);
    expect(
      check(
        { azurerm_container_registry: { acr: single }, azapi_update_resource: { zr: zoned('Disabled') } },
        ['ACR-010'],
      ),
    ).toEqual(['ACR-010 fail: Zone redundancy is disabled on contosoacrprod']);
    // ARM refuses to change an assignment's principal, and may not change its role: an AcrPush grant
    // "updated" to AcrPull is not known to be a pull grant.
    const grant = {
      scope: '${azurerm_container_registry.acr.id}',
      role_definition_name: 'AcrPush',
      principal_id: '11111111-1111-1111-1111-111111111111',
    };
    const weaker = update('Microsoft.Authorization/roleAssignments', {
      resource_id: '${azurerm_role_assignment.push.id}',
      body: {
        properties: {
          roleDefinitionId:
            '/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.Authorization/roleDefinitions/7f951dda-4ed3-4680-a7ca-43fe172d538d',
        },
      },
    });
    const granted = {
      azurerm_container_registry: { acr: registry },
      azurerm_role_assignment: { push: grant },
    };
    expect(check(granted, ['ACR-024'])).toEqual([
      'ACR-024 fail: 11111111-1111-1111-1111-111111111111 can push (AcrPush) on contosoacrprod',
    ]);
    expect(check({ ...granted, azapi_update_resource: { weaker } }, ['ACR-024'])).toEqual([
      expect.stringMatching(/^ACR-024 unknown: .*unidentified role/),
    ]);
  });

  it('turns off the audit logs of a diagnostic setting', () => {
    const diagnostic = {
      name: 'audit',
      target_resource_id: '${azurerm_container_registry.acr.id}',
      log_analytics_workspace_id: `${RG}/providers/Microsoft.OperationalInsights/workspaces/w`,
      enabled_log: [{ category_group: 'audit' }],
    };
    const base = {
      azurerm_container_registry: { acr: registry },
      azurerm_monitor_diagnostic_setting: { audit: diagnostic },
    };
    expect(check(base, ['ACR-056'])).toEqual(['ACR-056 pass: contosoacrprod sends category group audit']);
    const off = update('Microsoft.Insights/diagnosticSettings', {
      resource_id: `${REGISTRY_ID}/providers/Microsoft.Insights/diagnosticSettings/audit`,
      body: { properties: { logs: [{ categoryGroup: 'audit', enabled: false }] } },
    });
    expect(check({ ...base, azapi_update_resource: { off } }, ['ACR-056'])).toEqual([
      expect.stringMatching(/^ACR-056 fail: /),
    ]);
  });

  it('follows the registry’s side of an endpoint connection', () => {
    const endpoint = {
      name: 'pe-acr',
      location: 'westeurope',
      resource_group_name: 'rg-acr-prod',
      subnet_id: SUBNET,
      private_service_connection: {
        name: 'registry',
        private_connection_resource_id: '${azurerm_container_registry.acr.id}',
        subresource_names: ['registry'],
        is_manual_connection: false,
      },
    };
    const base = {
      azurerm_container_registry: { acr: registry },
      azurerm_private_endpoint: { pe: endpoint },
    };
    expect(check(base, ['ACR-005'])).toEqual([
      'ACR-005 pass: contosoacrprod has a private endpoint (pe-acr)',
    ]);
    // Azure names the connection; one the input does not create may be this endpoint's.
    const reject = update('privateEndpointConnections', {
      resource_id: `${REGISTRY_ID}/privateEndpointConnections/pe-acr.0b1c`,
      body: { properties: { privateLinkServiceConnectionState: { status: 'Rejected' } } },
    });
    expect(check({ ...base, azapi_update_resource: { reject } }, ['ACR-005'])).toEqual([
      expect.stringMatching(
        /^ACR-005 unknown: .*azapi_update_resource\.reject may approve or reject this endpoint's connection/,
      ),
    ]);
    // A pending connection the input creates with azapi, approved by an update.
    const pending = update('privateEndpointConnections', {
      name: 'pe-consumer.1b2c',
      parent_id: REGISTRY_ID,
      body: { properties: { privateLinkServiceConnectionState: { status: 'Pending' } } },
    });
    const approve = update('privateEndpointConnections', {
      resource_id: '${azapi_resource.connection.id}',
      body: { properties: { privateLinkServiceConnectionState: { status: 'Approved' } } },
    });
    const connected = {
      azurerm_container_registry: { acr: registry },
      azapi_resource: { connection: pending },
    };
    expect(check(connected, ['ACR-005'])).toEqual([
      expect.stringMatching(/^ACR-005 fail: contosoacrprod has only manual private endpoint connections/),
    ]);
    expect(check({ ...connected, azapi_update_resource: { approve } }, ['ACR-005'])).toEqual([
      'ACR-005 pass: contosoacrprod has a private endpoint (pe-consumer.1b2c)',
    ]);
  });

  it('leaves unknown what an update may set where the input does not decide its target or whether it exists', () => {
    const variables = {
      variable: { hook_id: { type: 'string' }, on: { type: 'bool' }, body: { type: 'any' } },
    };
    const base = {
      azurerm_container_registry: { acr: registry },
      azurerm_container_registry_webhook: { hook: webhook },
    };
    expect(
      check(
        { ...base, azapi_update_resource: { http: httpHook({ resource_id: '${var.hook_id}' }) } },
        ['ACR-020'],
        variables,
      ),
    ).toEqual([
      expect.stringMatching(/^ACR-020 unknown: .*azapi_update_resource\.http may update it: .*var\.hook_id/),
    ]);
    expect(
      check(
        {
          ...base,
          azapi_update_resource: { http: httpHook({ parent_id: '${var.hook_id}', name: 'deployhook' }) },
        },
        ['ACR-020'],
        variables,
      ),
    ).toEqual([expect.stringMatching(/^ACR-020 unknown: .*azapi_update_resource\.http may update it/)]);
    const counted = {
      ...httpHook({ resource_id: '${azurerm_container_registry_webhook.hook.id}' }),
      count: '${var.on ? 1 : 0}',
    };
    expect(check({ ...base, azapi_update_resource: { http: counted } }, ['ACR-020'], variables)).toEqual([
      expect.stringMatching(/^ACR-020 unknown: /),
    ]);
    // A body the input does not give leaves every property it may set unknown.
    const hidden = {
      ...httpHook({ resource_id: '${azurerm_container_registry_webhook.hook.id}' }),
      body: '${var.body}',
    };
    expect(check({ ...base, azapi_update_resource: { http: hidden } }, ['ACR-020'], variables)).toEqual([
      expect.stringMatching(/^ACR-020 unknown: .*var\.body has no value/),
    ]);
  });

  it('applies an update that names its registry by parent_id and name', () => {
    const admin = update('Microsoft.ContainerRegistry/registries', {
      parent_id: RG,
      name: 'contosoacrprod',
      body: { properties: { adminUserEnabled: true } },
    });
    const resources = { azurerm_container_registry: { acr: registry }, azapi_update_resource: { admin } };
    expect(check(resources, ['ACR-001'])).toEqual([
      'ACR-001 fail: The admin user is enabled on contosoacrprod',
    ]);
    expect(
      check({ ...resources, azapi_update_resource: { admin: { ...admin, name: 'elsewhere' } } }, ['ACR-001']),
    ).toEqual(['ACR-001 pass: The admin user is disabled on contosoacrprod']);
    // In a plan, the resource_id azapi computes from parent_id and name is known only after apply.
    const change = (type: string, name: string, after: object, unknown: object): object => ({
      address: `${type}.${name}`,
      mode: 'managed',
      type,
      name,
      provider_name: `registry.terraform.io/${type.startsWith('azapi') ? 'azure/azapi' : 'hashicorp/azurerm'}`,
      change: { actions: ['create'], before: null, after, after_unknown: unknown, after_sensitive: {} },
    });
    const plan = {
      format_version: '1.2',
      terraform_version: '1.9.5',
      resource_changes: [
        change('azurerm_container_registry', 'acr', { ...registry, admin_enabled: false }, { id: true }),
        change('azapi_update_resource', 'admin', admin, { id: true, resource_id: true, output: true }),
      ],
    };
    const file = path.join(dir(), 'prod.plan.json');
    writeFileSync(file, JSON.stringify(plan));
    expect(findingsOn(file, ['ACR-001'])).toEqual([
      'ACR-001 fail: The admin user is enabled on contosoacrprod',
    ]);
  });
});
