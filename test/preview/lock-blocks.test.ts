/**
 * Deletions a management lock refuses (the apply stops part-way with ScopeLocked): a lock on a
 * registry, its group or its subscription covers the registry and its child resources (ARM Management
 * Locks: "all child resources inherit the same lock"). The danger block says "fails at apply" when the
 * lock stays, "may fail" when the same apply changes the lock. Plans and previews are written in the
 * shape `terraform show -json` and `pulumi preview --json` print; the synth pair uses references.
 */
import type { JsonObject } from '../../preview';
import { PULUMI_REGISTRY, pulumiReplication, pulumiState, sameStep } from './helpers';
import {
  buildReport,
  diffSynthTrees,
  findDangers,
  parsePulumiPreview,
  parseTerraformPlan,
  renderComment,
} from '../../preview';

const SUB = '/subscriptions/5f3c1b2a-9d8e-4c7b-a6f5-1e2d3c4b5a69';
const RG = `${SUB}/resourceGroups/rg-acr-prod`;
const ACR = `${RG}/providers/Microsoft.ContainerRegistry/registries/acrprod01`;

const registryValues = (replicas: string[]) => ({
  id: ACR,
  name: 'acrprod01',
  resource_group_name: 'rg-acr-prod',
  location: 'westeurope',
  sku: 'Premium',
  georeplications: replicas.map((location) => ({ location, zone_redundancy_enabled: true, tags: {} })),
});

/** A resource change as `terraform show -json` writes it. */
function change(type: string, name: string, actions: string[], before: object | null, after: object | null) {
  return {
    address: `${type}.${name}`,
    mode: 'managed',
    type,
    name,
    change: { actions, before, after, after_unknown: {} },
  };
}

const lock = (actions: string[], scope = ACR) => {
  const values = { name: 'lock-acrprod01', scope, lock_level: 'CanNotDelete', notes: 'protected' };
  return change(
    'azurerm_management_lock',
    'acr',
    actions,
    actions.join() === 'create' ? null : values,
    actions.join() === 'delete' ? null : values,
  );
};

const registry = (actions: string[], before = ['northeurope'], after = before) =>
  change(
    'azurerm_container_registry',
    'acr',
    actions,
    registryValues(before),
    actions.join() === 'delete' ? null : registryValues(after),
  );

const token = change(
  'azurerm_container_registry_token',
  'ci',
  ['delete'],
  {
    name: 'ci-pull',
    container_registry_name: 'acrprod01',
    resource_group_name: 'rg-acr-prod',
    scope_map_id: `${ACR}/scopeMaps/ci-pull-scope`,
    enabled: true,
  },
  null,
);

const webhook = (location: string) => ({
  name: 'scanner',
  registry_name: 'acrprod01',
  resource_group_name: 'rg-acr-prod',
  location,
  service_uri: 'https://scan.example.com/hook',
  actions: ['quarantine'],
  status: 'enabled',
});

const password = change(
  'azurerm_container_registry_token_password',
  'ci',
  ['delete'],
  { container_registry_token_id: `${ACR}/tokens/ci-pull`, password1: [{ expiry: '2027-01-01T00:00:00Z' }] },
  null,
);

const plan = (...changes: object[]) => ({
  format_version: '1.2',
  terraform_version: '1.9.5',
  resource_changes: changes,
});

function blocked(document: object, parse = parseTerraformPlan): string[] {
  return findDangers([parse(document, 'prod')])
    .filter((d) => d.kind === 'apply-blocked')
    .map((d) => `${d.address}: ${d.message}`);
}

const FAILS = (what: string) =>
  `${what} fails at apply: management lock lock-acrprod01 on registry acrprod01 forbids deleting the registry and its child resources (ScopeLocked), and the apply stops part-way. Remove the lock in an earlier apply, or keep the resource`;

describe('deletions under a management lock', () => {
  it('fails a child deletion, a replacement and an inline replica removal under a lock that stays', () => {
    const document = plan(
      registry(['update'], ['northeurope', 'swedencentral'], ['northeurope']),
      lock(['no-op']),
      token,
      change(
        'azurerm_container_registry_webhook',
        'scan',
        ['delete', 'create'],
        webhook('westeurope'),
        webhook('northeurope'),
      ),
      password,
    );
    expect(blocked(document)).toEqual([
      `azurerm_container_registry.acr: ${FAILS('removing its geo-replica swedencentral')}`,
      `azurerm_container_registry_token.ci: ${FAILS('deleting it')}`,
      `azurerm_container_registry_webhook.scan: ${FAILS('replacing it (the old one is deleted)')}`,
    ]);
    const comment = renderComment(buildReport([parseTerraformPlan(document, 'prod')]));
    expect(comment).toContain('Fails at apply: a management lock or Azure itself refuses these changes');
  });

  it('fails recreating an inline replica whose zone redundancy changes (azurerm deletes it first)', () => {
    const values = (zones: boolean) => ({
      ...registryValues([]),
      georeplications: [{ location: 'northeurope', zone_redundancy_enabled: zones, tags: {} }],
    });
    const update = change('azurerm_container_registry', 'acr', ['update'], values(true), values(false));
    expect(blocked(plan(update, lock(['no-op'])))).toEqual([
      `azurerm_container_registry.acr: ${FAILS('recreating its geo-replica northeurope (zone redundancy changed)')}`,
    ]);
  });

  it('covers the registry through a lock on its resource group, and its own deletion', () => {
    expect(blocked(plan(registry(['delete']), lock(['no-op'], RG)))).toEqual([
      `azurerm_container_registry.acr: ${FAILS('deleting it')}`,
    ]);
  });

  it('says "may" when the same apply changes the lock, and nothing for the registry deleted with its lock', () => {
    expect(blocked(plan(registry(['no-op']), lock(['delete']), token))).toEqual([
      'azurerm_container_registry_token.ci: deleting it may fail at apply: management lock lock-acrprod01 on registry acrprod01 is created, replaced or removed in the same apply, and nothing orders it after this deletion (ScopeLocked if the lock is there first). Change the lock in an apply of its own',
    ]);
    // The lock depends on the registry, so Terraform destroys it first.
    expect(blocked(plan(registry(['delete']), lock(['delete'])))).toEqual([]);
  });

  it('fails deleting the diagnostic setting of the registry under the lock (an extension resource of it)', () => {
    const setting = change(
      'azurerm_monitor_diagnostic_setting',
      'audit',
      ['delete'],
      {
        name: 'audit-to-log-analytics',
        target_resource_id: ACR,
        log_analytics_workspace_id: `${RG}/providers/Microsoft.OperationalInsights/workspaces/law`,
      },
      null,
    );
    expect(blocked(plan(registry(['no-op']), lock(['no-op']), setting))).toEqual([
      `azurerm_monitor_diagnostic_setting.audit: ${FAILS('deleting it')}`,
    ]);
  });

  it('leaves alone a token password (removed by a PATCH of the token), other registries and lock-free plans', () => {
    expect(blocked(plan(registry(['no-op']), lock(['no-op']), password))).toEqual([]);
    expect(blocked(plan(registry(['no-op']), token))).toEqual([]);
    const elsewhere = `${RG}/providers/Microsoft.ContainerRegistry/registries/acrother01`;
    expect(blocked(plan(registry(['no-op']), lock(['no-op'], elsewhere), token))).toEqual([]);
  });

  it('reads a Pulumi preview: a lock at resource level that stays, a replication deleted', () => {
    const state = pulumiState;
    const LOCK = 'azure-native:authorization:ManagementLockAtResourceLevel';
    const REPLICATION = 'azure-native:containerregistry:Replication';
    const registryState = PULUMI_REGISTRY;
    const lockState = state(LOCK, 'lock', {
      lockName: 'lock-acrprod01',
      level: 'CanNotDelete',
      resourceGroupName: 'rg-acr-prod',
      resourceProviderNamespace: 'Microsoft.ContainerRegistry',
      parentResourcePath: '',
      resourceType: 'registries',
      resourceName: 'acrprod01',
    });
    const replication = pulumiReplication('neu', 'northeurope');
    const preview = {
      steps: [
        sameStep(registryState),
        sameStep(lockState),
        { op: 'delete', urn: replication.urn, oldState: replication },
      ],
      changeSummary: { same: 2, delete: 1 },
    };
    expect(blocked(preview, parsePulumiPreview)).toEqual([`${REPLICATION}::neu: ${FAILS('deleting it')}`]);
  });

  it('resolves references in a synth pair: the lock scope and the token registry name', () => {
    const stack = (withToken: boolean): JsonObject => ({
      resource: {
        azurerm_container_registry: {
          acr: {
            name: 'acrprod01',
            resource_group_name: 'rg-acr-prod',
            location: 'westeurope',
            sku: 'Premium',
          },
        },
        azurerm_management_lock: {
          lock: {
            name: 'lock-acrprod01',
            scope: '${azurerm_container_registry.acr.id}',
            lock_level: 'CanNotDelete',
          },
        },
        ...(withToken && {
          azurerm_container_registry_token: {
            ci: {
              name: 'ci-pull',
              container_registry_name: '${azurerm_container_registry.acr.name}',
              resource_group_name: 'rg-acr-prod',
              scope_map_id: '${azurerm_container_registry_scope_map.ci.id}',
            },
          },
        }),
      },
    });
    const [set] = diffSynthTrees(
      { stacks: new Map([['prod', stack(true)]]) },
      { stacks: new Map([['prod', stack(false)]]) },
    );
    expect(
      findDangers([set])
        .filter((d) => d.kind === 'apply-blocked')
        .map((d) => `${d.address}: ${d.message}`),
    ).toEqual([`azurerm_container_registry_token.ci: ${FAILS('deleting it')}`]);
  });
});

describe('a customer-managed key added to an existing registry', () => {
  // Learn: "You can currently enable a customer-managed key only when you create a registry."
  const MESSAGE =
    'customer-managed key added to an existing registry: Azure enables one only when the registry is created, so the apply fails. Create a new registry with the key and import the images into it';
  const key = { key_vault_key_id: 'https://kv-acr.vault.azure.net/keys/acr', identity_client_id: 'c' };

  function refused(document: object, parse = parseTerraformPlan): string[] {
    return findDangers([parse(document, 'prod')])
      .filter((d) => d.kind === 'apply-blocked')
      .map((d) => `${d.address}: ${d.message}`);
  }

  it('fails at apply in a Terraform plan; a registry created with its key is fine', () => {
    const values = (encryption: object[]) => ({ ...registryValues([]), encryption });
    expect(
      refused(plan(change('azurerm_container_registry', 'acr', ['update'], values([]), values([key])))),
    ).toEqual([`azurerm_container_registry.acr: ${MESSAGE}`]);
    expect(
      refused(plan(change('azurerm_container_registry', 'acr', ['create'], null, values([key])))),
    ).toEqual([]);
    expect(
      refused(plan(change('azurerm_container_registry', 'acr', ['update'], values([key]), values([key])))),
    ).toEqual([]);
  });

  it('fails at apply in a Pulumi preview (azure-native encryption.status)', () => {
    const type = 'azure-native:containerregistry:Registry';
    const urn = `urn:pulumi:prod::acr::${type}::acr`;
    const state = (encryption: JsonObject) => ({
      urn,
      type,
      custom: true,
      inputs: {
        registryName: 'acrprod01',
        resourceGroupName: 'rg-acr-prod',
        sku: { name: 'Premium' },
        encryption,
      },
    });
    const preview = {
      steps: [
        {
          op: 'update',
          urn,
          oldState: state({ status: 'disabled' }),
          newState: state({ status: 'enabled', keyVaultProperties: { keyIdentifier: key.key_vault_key_id } }),
        },
      ],
      changeSummary: { update: 1 },
    };
    expect(refused(preview, parsePulumiPreview)).toEqual([`${type}::acr: ${MESSAGE}`]);
  });
});
