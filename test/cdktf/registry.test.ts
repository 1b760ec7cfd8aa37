import { Testing, TerraformStack } from 'cdktf';
import { defineEstate } from '../../constructs/model/estate';
import { Registry } from '../../constructs/cdktf/registry';
import { RegistryReference } from '../../constructs/cdktf/registry-reference';
import { GrantError } from '../../constructs/model/roles';
import { PRINCIPAL, env, estateOf } from '../support/declarations';
import { only, resources, synthOne } from '../support/cdktf';

/** The registry's resource group, as the importer role's scope: custom roles cannot be assigned at one resource. */
const RESOURCE_GROUP_OF_REGISTRY = expect.stringMatching(
  /^\$\{regex\("\(\?i\)\^\/subscriptions\/\[\^\/\]\+\/resourceGroups\/\[\^\/\]\+", azurerm_container_registry\.[^.]+\.id\)\}$/,
);

describe('Registry', () => {
  it('writes every setting of a Premium registry explicitly', () => {
    const stack = synthOne(
      env('prod', {
        adminEnabled: false,
        anonymousPull: true,
        dataEndpoints: true,
        quarantine: true,
        retentionDays: 30,
        bypassAzureServices: false,
        networkRules: { ipRanges: ['203.0.113.0/24', '198.51.100.7'] },
        webhooks: [{ name: 'scanner', serviceUri: 'https://scan.example.com', actions: ['quarantine'] }],
        identity: {
          systemAssigned: true,
          userAssignedIdentityIds: [
            '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-acr',
          ],
        },
        encryption: {
          keyVaultKeyId: 'https://kv-acr.vault.azure.net/keys/acr',
          keyVaultId:
            '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv-acr',
          identityId:
            '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-acr',
          identityClientId: PRINCIPAL,
          identityPrincipalId: PRINCIPAL,
        },
        tags: { team: 'platform' },
      }),
    );
    const registry = only(stack, 'azurerm_container_registry');
    expect(registry).toMatchObject({
      name: 'acrprodtest',
      sku: 'Premium',
      location: 'westeurope',
      resource_group_name: '${azurerm_resource_group.resource-group.name}',
      admin_enabled: false,
      anonymous_pull_enabled: true,
      public_network_access_enabled: true,
      data_endpoint_enabled: true,
      quarantine_policy_enabled: true,
      trust_policy_enabled: false,
      retention_policy_in_days: 30,
      export_policy_enabled: true,
      zone_redundancy_enabled: true,
      network_rule_bypass_option: 'None',
      network_rule_set: [
        {
          default_action: 'Deny',
          ip_rule: [
            { action: 'Allow', ip_range: '203.0.113.0/24' },
            // azurerm writes a single address back with /32: written so, plans show no change.
            { action: 'Allow', ip_range: '198.51.100.7/32' },
          ],
        },
      ],
      identity: {
        type: 'SystemAssigned, UserAssigned',
        identity_ids: [
          '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-acr',
        ],
      },
      encryption: [
        { key_vault_key_id: 'https://kv-acr.vault.azure.net/keys/acr', identity_client_id: PRINCIPAL },
      ],
      tags: { team: 'platform' },
    });
    expect(registry.lifecycle).toBeUndefined();
  });

  it('turns the trust policy on (without a customer-managed key, which content trust does not support)', () => {
    const registry = only(synthOne(env('prod', { trustPolicy: true })), 'azurerm_container_registry');
    expect(registry.trust_policy_enabled).toBe(true);
  });

  it('omits Premium-only flags on lower tiers, where azurerm rejects them', () => {
    const registry = only(synthOne(env('dev', { sku: 'Basic' })), 'azurerm_container_registry');
    expect(registry).toMatchObject({
      sku: 'Basic',
      zone_redundancy_enabled: false,
      public_network_access_enabled: true,
    });
    for (const attribute of [
      'quarantine_policy_enabled',
      'retention_policy_in_days',
      'data_endpoint_enabled',
      'trust_policy_enabled',
      'network_rule_set',
    ]) {
      expect(registry).not.toHaveProperty(attribute);
    }
  });

  it('lists geo-replicas in alphabetical order of location with their settings', () => {
    const registry = only(
      synthOne(
        env('prod', {
          replicas: [
            { location: 'swedencentral' },
            { location: 'northeurope', zoneRedundancy: false, regionalEndpoint: false, tags: { dr: 'yes' } },
          ],
        }),
      ),
      'azurerm_container_registry',
    );
    expect(registry.georeplications).toEqual([
      {
        location: 'northeurope',
        zone_redundancy_enabled: false,
        regional_endpoint_enabled: false,
        tags: { dr: 'yes' },
      },
      { location: 'swedencentral', zone_redundancy_enabled: true, regional_endpoint_enabled: true, tags: {} },
    ]);
  });

  it('protects a protected environment from destroy, with a delete lock', () => {
    const stack = synthOne(env('prod', {}, { protected: true }));
    expect(only(stack, 'azurerm_container_registry').lifecycle).toEqual({ prevent_destroy: true });
    expect(only(stack, 'azurerm_resource_group').lifecycle).toEqual({ prevent_destroy: true });
    expect(only(stack, 'azurerm_management_lock')).toMatchObject({
      name: 'lock-acrprodtest',
      lock_level: 'CanNotDelete',
      scope: expect.stringMatching(/^\$\{azurerm_container_registry\.[^.]+\.id\}$/),
    });
  });

  it('allows opting out of the lock explicitly', () => {
    const stack = synthOne(env('prod', { lock: false }, { protected: true }));
    expect(resources(stack, 'azurerm_management_lock')).toEqual([]);
    expect(only(stack, 'azurerm_container_registry').lifecycle).toEqual({ prevent_destroy: true });
  });

  it('sends the audit category group to Log Analytics', () => {
    const workspace =
      '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/law';
    const stack = synthOne(env('prod', { diagnostics: { logAnalyticsWorkspaceId: workspace } }));
    expect(only(stack, 'azurerm_monitor_diagnostic_setting')).toMatchObject({
      log_analytics_workspace_id: workspace,
      enabled_log: [{ category_group: 'audit' }],
      target_resource_id: expect.stringMatching(/^\$\{azurerm_container_registry\./),
    });
  });
});

describe('grants', () => {
  function registryIn(stackName: string): { stack: TerraformStack; registry: Registry } {
    const app = Testing.app();
    const stack = new TerraformStack(app, stackName);
    const resolved = defineEstate(estateOf(env('prod'))).environments[0].registry;
    return { stack, registry: new Registry(stack, 'registry', { registry: resolved }) };
  }

  it('turns intent into the least role that fits', () => {
    const { stack, registry } = registryIn('grants');
    registry.grantPull({ principalId: PRINCIPAL, description: 'cluster' });
    registry.grantPush({ principalId: PRINCIPAL, principalType: 'Group' });
    registry.grantDelete({ principalId: PRINCIPAL });
    registry.grantSign({ principalId: PRINCIPAL });
    registry.grantQuarantineRead({ principalId: PRINCIPAL });
    registry.grantQuarantineWrite({ principalId: PRINCIPAL });
    registry.grantPull({ principalId: PRINCIPAL }); // same grant twice: one assignment
    const assignments = resources(JSON.parse(Testing.synth(stack)), 'azurerm_role_assignment');
    // Without Docker Content Trust, signing is Notation: AcrPush (Microsoft's role for legacy-mode
    // registries), so grantSign and grantPush of one principal are one assignment.
    expect(assignments.map((a) => a.role_definition_name).sort()).toEqual([
      'AcrDelete',
      'AcrPull',
      'AcrPush',
      'AcrQuarantineReader',
      'AcrQuarantineWriter',
    ]);
    expect(assignments.find((a) => a.role_definition_name === 'AcrPush')).toMatchObject({
      principal_type: 'Group',
      principal_id: PRINCIPAL,
    });
    expect(assignments.find((a) => a.role_definition_name === 'AcrPull')).toMatchObject({
      principal_type: 'ServicePrincipal',
      description: 'cluster',
    });
  });

  it('needs a stable name for a principal that is a reference', () => {
    const { registry } = registryIn('refs');
    expect(() => registry.grantPull({ principalId: registry.resource.id })).toThrow(
      /give it a stable "name"/,
    );
    expect(() => registry.grantPull({ principalId: registry.resource.id, name: 'self' })).not.toThrow();
  });

  it('grants on a registry managed elsewhere through the data source', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'ref');
    const other = new RegistryReference(stack, 'shared', {
      name: 'sharedacr',
      resourceGroupName: 'rg-shared',
    });
    other.grantPull({ principalId: PRINCIPAL });
    const json = JSON.parse(Testing.synth(stack));
    expect(Object.values(json.data.azurerm_container_registry)).toEqual([
      expect.objectContaining({ name: 'sharedacr', resource_group_name: 'rg-shared' }),
    ]);
    expect(only(json, 'azurerm_role_assignment')).toMatchObject({
      role_definition_name: 'AcrPull',
      scope: expect.stringMatching(/^\$\{data\.azurerm_container_registry\./),
    });
    expect(other.loginServer).toBe('sharedacr.azurecr.io');
  });

  it('grants import from another registry: pull there, one custom importer role here (on request)', () => {
    const { stack, registry } = registryIn('imports');
    const source = new RegistryReference(stack, 'source', {
      name: 'acrsource',
      resourceGroupName: 'rg-source',
    });
    const custom = { importerRole: 'custom' } as const;
    const first = registry.grantImport({ principalId: PRINCIPAL, description: 'promotion' }, source, custom);
    registry.grantImport({ principalId: 'bbbbbbbb-bbbb-cccc-dddd-eeeeeeeeeeee' }, source, custom);
    expect(registry.grantImport({ principalId: PRINCIPAL }, source, custom)).toEqual(first);
    const json = JSON.parse(Testing.synth(stack));
    // az acr import reads the registry before it imports (FACTS.md section 3): both actions.
    expect(only(json, 'azurerm_role_definition')).toMatchObject({
      name: 'AcrImporter-acrprodtest',
      permissions: [
        {
          actions: [
            'Microsoft.ContainerRegistry/registries/read',
            'Microsoft.ContainerRegistry/registries/importImage/action',
          ],
        },
      ],
      scope: RESOURCE_GROUP_OF_REGISTRY,
      assignable_scopes: [RESOURCE_GROUP_OF_REGISTRY],
    });
    const assignments = resources(json, 'azurerm_role_assignment');
    const pulls = assignments.filter((a) => a.role_definition_name === 'AcrPull');
    const imports = assignments.filter((a) =>
      String(a.role_definition_id).endsWith('.role_definition_resource_id}'),
    );
    expect(pulls.map((a) => a.scope)).toEqual([
      expect.stringMatching(/^\$\{data\.azurerm_container_registry\./),
      expect.stringMatching(/^\$\{data\./),
    ]);
    expect(imports.map((a) => a.principal_id).sort()).toEqual(
      [PRINCIPAL, 'bbbbbbbb-bbbb-cccc-dddd-eeeeeeeeeeee'].sort(),
    );
    expect(imports.every((a) => /^\$\{azurerm_container_registry\./.test(String(a.scope)))).toBe(true);
  });

  it('renders declared role assignments', () => {
    const stack = synthOne(
      env('prod', {
        roleAssignments: [
          { role: 'AcrPull', principalId: PRINCIPAL, principalType: 'User', description: 'on-call' },
        ],
      }),
    );
    expect(only(stack, 'azurerm_role_assignment')).toMatchObject({
      role_definition_name: 'AcrPull',
      principal_type: 'User',
      description: 'on-call',
    });
  });

  it('limits grants to repositories with an ABAC condition in the ABAC mode, and refuses it otherwise', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'abac');
    const resolved = defineEstate(estateOf(env('prod', { roleAssignmentMode: 'AbacRepositoryPermissions' })))
      .environments[0].registry;
    const registry = new Registry(stack, 'registry', { registry: resolved });
    registry.grantPull({ principalId: PRINCIPAL }, { repositories: ['apps/*', 'tools/*'] });
    registry.grantSign({ principalId: PRINCIPAL }, { repositories: ['apps/*'] });
    const assignments = resources(JSON.parse(Testing.synth(stack)), 'azurerm_role_assignment');
    expect(assignments.map((a) => [a.role_definition_name, a.condition_version])).toEqual([
      ['Container Registry Repository Reader', '2.0'],
      ['Container Registry Repository Writer', '2.0'],
    ]);
    expect(assignments.map((a) => a.condition)).toEqual(
      expect.arrayContaining([expect.stringContaining("StringStartsWithIgnoreCase 'tools/'")]),
    );
    const legacy = registryIn('legacy').registry;
    expect(() => legacy.grantPull({ principalId: PRINCIPAL }, { repositories: ['apps/*'] })).toThrow(
      /AbacRepositoryPermissions/,
    );
  });

  it('refuses the same role to the same principal with other repositories: Azure keeps one assignment', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'abac');
    const resolved = defineEstate(estateOf(env('prod', { roleAssignmentMode: 'AbacRepositoryPermissions' })))
      .environments[0].registry;
    const registry = new Registry(stack, 'registry', { registry: resolved });
    const first = registry.grantPull({ principalId: PRINCIPAL }, { repositories: ['apps/*'] });
    expect(registry.grantPull({ principalId: PRINCIPAL }, { repositories: ['apps/*'] })).toBe(first);
    const refused = new RegExp(
      `^"${PRINCIPAL}" already has Container Registry Repository Reader on acrprodtest \\(limited to other repositories\\): Azure keeps one assignment per principal, role and registry, whatever its repositories\\. Fix: grant the role once, listing every repository`,
    );
    expect(() => registry.grantPull({ principalId: PRINCIPAL }, { repositories: ['tools/*'] })).toThrow(
      refused,
    );
    expect(() => registry.grantPull({ principalId: PRINCIPAL })).toThrow(GrantError);
    registry.grantPush({ principalId: PRINCIPAL });
    expect(() => registry.grantPush({ principalId: PRINCIPAL }, { repositories: ['apps/*'] })).toThrow(
      /already has Container Registry Repository Writer on acrprodtest \(on every repository\)/,
    );
    expect(resources(JSON.parse(Testing.synth(stack)), 'azurerm_role_assignment')).toHaveLength(2);
  });

  it('signs with AcrImageSigner only while Docker Content Trust is on', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'dct');
    const resolved = defineEstate(estateOf(env('prod', { trustPolicy: true }))).environments[0].registry;
    new Registry(stack, 'registry', { registry: resolved }).grantSign({ principalId: PRINCIPAL });
    expect(only(JSON.parse(Testing.synth(stack)), 'azurerm_role_assignment').role_definition_name).toBe(
      'AcrImageSigner',
    );
  });

  it('creates the Notation signing identity with push on the registry and Key Vault roles on the key only', () => {
    const vault =
      '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-sec/providers/Microsoft.KeyVault/vaults/kv-sign';
    const stack = synthOne(env('prod', { signing: { keyVaultId: vault, certificateName: 'release' } }));
    expect(only(stack, 'azurerm_user_assigned_identity')).toMatchObject({ name: 'id-sign-prod' });
    const byRole = Object.fromEntries(
      resources(stack, 'azurerm_role_assignment').map((a) => [a.role_definition_name, a.scope]),
    );
    expect(byRole).toEqual({
      AcrPush: expect.stringMatching(/^\$\{azurerm_container_registry\./),
      'Key Vault Crypto User': `${vault}/keys/release`,
      'Key Vault Certificate User': `${vault}/certificates/release`,
    });
  });
});
