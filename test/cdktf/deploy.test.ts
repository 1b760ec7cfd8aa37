/**
 * What must hold once deployed, on the synthesized cdk.tf.json and in the declaration's validation:
 * agent pools and the task bypass, per-replica webhooks, the azapi registry properties, artifact cache,
 * customer-managed key identities and resource logs by category group.
 */
import { validateEstate } from '../../constructs/model/estate';
import { formatProblem } from '../../constructs/model/problems';
import type { RegistryDeclaration } from '../../constructs/model/declaration';
import { webhookNameIn } from '../../constructs/model/webhook-locations';
import { inventoryFromCdktfJson } from '../../policies/inventory/cdktf/read';
import { PRINCIPAL, SUBNET, env, estateOf } from '../support/declarations';
import { only, resources, synthLast, synthOne } from '../support/cdktf';

const KV =
  '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv-acr';
const PRIVATE: Partial<RegistryDeclaration> = {
  privateEndpoints: [{ name: 'pe-one', subnetId: SUBNET }],
  purges: [{ name: 'purge-apps', filters: [{ repository: 'apps/.*' }], olderThanDays: 30 }],
};
const problems = (registry: Partial<RegistryDeclaration>, name = 'prod'): string[] =>
  validateEstate(estateOf(env(name, registry))).all.map(formatProblem);

describe('tasks that can reach their registry', () => {
  it('refuses a purge on a private registry without an agent pool or the bypass, with the fix', () => {
    expect(problems(PRIVATE)).toEqual([
      expect.stringMatching(
        /^prod\.registry\.purges\[0\]: task purge-apps runs on the shared task pool.*403.*Fix: run it on a dedicated agent pool/,
      ),
    ]);
  });

  it('runs tasks on the agent pool in the subnet', () => {
    const stack = synthOne(
      env('prod', { ...PRIVATE, agentPool: { name: 'tasks', subnetId: SUBNET, count: 2 } }),
    );
    expect(only(stack, 'azurerm_container_registry_agent_pool')).toMatchObject({
      name: 'tasks',
      tier: 'S1',
      instance_count: 2,
      virtual_network_subnet_id: SUBNET,
    });
    const task = only(stack, 'azurerm_container_registry_task');
    expect(task.agent_pool_name).toBe('tasks');
    expect(task.depends_on).toEqual([expect.stringMatching(/^azurerm_container_registry_agent_pool\./)]);
    expect(task.identity).toBeUndefined();
  });

  it('with the bypass, gives the task its identity, the credential and pull + delete on the registry', () => {
    const stack = synthOne(env('prod', { ...PRIVATE, taskNetworkBypass: true }));
    const task = only(stack, 'azurerm_container_registry_task');
    expect(task).toMatchObject({
      identity: { type: 'SystemAssigned' },
      registry_credential: { custom: [{ login_server: 'acrprodtest.azurecr.io', identity: '[system]' }] },
    });
    const grants = resources(stack, 'azurerm_role_assignment').filter((g) =>
      String(g.principal_id).includes('azurerm_container_registry_task'),
    );
    expect(grants.map((g) => g.role_definition_name).sort()).toEqual(['AcrDelete', 'AcrPull']);
    const body = only(stack, 'azapi_update_resource').body as { properties: Record<string, unknown> };
    expect(body.properties.networkRuleBypassAllowedForTasks).toBe(true);
  });

  it('in the ABAC mode, gives task identities the repository roles ABAC honors', () => {
    // AcrPull, AcrPush and AcrDelete are not honored in the ABAC mode: every run would be denied.
    const stack = synthOne(
      env('prod', {
        ...PRIVATE,
        taskNetworkBypass: true,
        roleAssignmentMode: 'AbacRepositoryPermissions',
        tasks: [
          {
            name: 'build-app',
            step: {
              type: 'docker',
              contextPath: 'https://github.com/contoso/app.git',
              imageNames: ['app:1'],
            },
          },
        ],
      }),
    );
    const rolesOf = (task: string) =>
      resources(stack, 'azurerm_role_assignment')
        .filter((g) => String(g.principal_id).includes(`azurerm_container_registry_task.${task}`))
        .map((g) => g.role_definition_name)
        .sort();
    const tasks = resources(stack, 'azurerm_container_registry_task');
    const keyOf = (name: string) =>
      Object.entries(stack.resource.azurerm_container_registry_task ?? {}).find(
        ([, t]) => (t as { name: string }).name === name,
      )?.[0];
    expect(tasks).toHaveLength(2);
    expect(rolesOf(keyOf('build-app')!)).toEqual(['Container Registry Repository Writer']);
    expect(rolesOf(keyOf('purge-apps')!)).toEqual([
      'Container Registry Repository Catalog Lister',
      'Container Registry Repository Contributor',
    ]);
  });

  it('refuses an agent pool below Premium and a bad pool', () => {
    expect(problems({ sku: 'Standard', agentPool: { name: 'tasks', subnetId: SUBNET } })).toContain(
      'prod.registry.agentPool: dedicated task agent pools requires the Premium SKU (sku is "Standard"). Fix: set sku to "Premium" or remove agentPool',
    );
    expect(problems({ agentPool: { name: 'x', subnetId: 'nope', count: 0 } })).toEqual([
      'prod.registry.agentPool.name: agent pool name "x" is invalid. Fix: use 3-20 letters, digits or hyphens',
      expect.stringMatching(/^prod\.registry\.agentPool\.subnetId: "nope" is not a subnet ID/),
      'prod.registry.agentPool.count: 0 is not a number of agents. Fix: use 1 or more',
    ]);
  });
});

describe('what names the registry is created after it', () => {
  it('names the registry by reference in scope maps, tokens, webhooks and agent pools, and the checker still attaches them', () => {
    const stack = synthOne(
      env('prod', {
        ...PRIVATE,
        agentPool: { name: 'tasks', subnetId: SUBNET },
        replicas: [{ location: 'northeurope' }],
        tokens: [{ name: 'ci-pull', repositories: [{ repository: 'app', permissions: ['content/read'] }] }],
        webhooks: [{ name: 'notify', serviceUri: 'https://hooks.example.com', actions: ['push'] }],
      }),
    );
    // A literal name gives Terraform no edge to the registry: the first apply would create these side by
    // side with it and fail with 404 (Terraform orders only by references and depends_on).
    const byReference = /^\$\{azurerm_container_registry\.[^.]+\.name\}$/;
    const named = [
      ...resources(stack, 'azurerm_container_registry_scope_map').map((r) => r.container_registry_name),
      ...resources(stack, 'azurerm_container_registry_token').map((r) => r.container_registry_name),
      ...resources(stack, 'azurerm_container_registry_agent_pool').map((r) => r.container_registry_name),
      ...resources(stack, 'azurerm_container_registry_webhook').map((r) => r.registry_name),
    ];
    expect(named).toHaveLength(5);
    for (const name of named) expect(name).toMatch(byReference);
    const registry = inventoryFromCdktfJson(stack, 'prod', 'prod.json').registries[0];
    expect(registry.tokens).toEqual([
      expect.objectContaining({ name: 'ci-pull', actions: ['repositories/app/content/read'] }),
    ]);
    expect(registry.webhooks.map((w) => w.location).sort()).toEqual(['northeurope', 'westeurope']);
    expect(registry.agentPools).toEqual([expect.objectContaining({ name: 'tasks' })]);
  });
});

describe('one webhook per replica location', () => {
  it('fans a declared webhook out to the home region and every replica, names within 5-50', () => {
    const stack = synthOne(
      env('prod', {
        quarantine: true,
        replicas: [{ location: 'swedencentral' }, { location: 'northeurope' }],
        webhooks: [{ name: 'scanner', serviceUri: 'https://scan.example.com', actions: ['quarantine'] }],
      }),
    );
    const hooks = resources(stack, 'azurerm_container_registry_webhook').map((w) => [w.name, w.location]);
    expect(hooks.sort()).toEqual([
      ['scanner', 'westeurope'],
      ['scannernortheurope', 'northeurope'],
      ['scannerswedencentral', 'swedencentral'],
    ]);
    const long = webhookNameIn('a'.repeat(45), 'germanywestcentral', 'westeurope');
    expect(long).toMatch(/^[a-zA-Z0-9]{50}$/);
    expect(long).not.toBe(webhookNameIn('a'.repeat(45), 'germanynorth', 'westeurope'));
  });
});

describe('registry properties through azapi', () => {
  it('writes the ARM-only properties with the GA API version, ARM-audience tokens off after the first environment', () => {
    const stack = synthLast(env('dev'), env('prod', { roleAssignmentMode: 'AbacRepositoryPermissions' }));
    expect(only(stack, 'azapi_update_resource')).toMatchObject({
      type: 'Microsoft.ContainerRegistry/registries@2025-11-01',
      resource_id: expect.stringMatching(/^\$\{azurerm_container_registry\..+\.id\}$/),
      body: {
        properties: {
          policies: { azureADAuthenticationAsArmPolicy: { status: 'disabled' } },
          networkRuleBypassAllowedForTasks: false,
          roleAssignmentMode: 'AbacRepositoryPermissions',
        },
      },
    });
    expect(stack.terraform.required_providers).toMatchObject({
      azapi: { source: 'Azure/azapi', version: '2.10.0' },
    });
    const inventory = inventoryFromCdktfJson(stack, 'prod', 'prod.json').registries[0];
    expect(inventory).toMatchObject({
      armAudienceTokens: false,
      taskNetworkBypass: false,
      softDeleteDays: 0,
      roleAssignmentMode: 'AbacRepositoryPermissions',
    });
  });

  it('uses the preview API only for soft delete, and refuses what Azure rejects', () => {
    const stack = synthOne(env('prod', { softDeleteDays: 14, retentionDays: 0 }));
    expect(only(stack, 'azapi_update_resource')).toMatchObject({
      type: 'Microsoft.ContainerRegistry/registries@2025-06-01-preview',
      body: { properties: { policies: { softDeletePolicy: { status: 'enabled', retentionDays: 14 } } } },
    });
    expect(problems({ softDeleteDays: 91, replicas: [{ location: 'northeurope' }] })).toEqual([
      'prod.registry.softDeleteDays: soft delete for 91 days is out of range. Fix: use 1 to 90 days',
      'prod.registry.softDeleteDays: soft delete does not support geo-replicated registries. Fix: remove softDeleteDays or the replicas',
      'prod.registry.softDeleteDays: soft delete and the retention policy for untagged manifests cannot both be enabled. Fix: set retentionDays to 0 or remove softDeleteDays',
    ]);
  });

  it('reads an azapi 1.x JSON-string body and makes an unreadable body unknown', () => {
    const stack = synthOne(env('prod'));
    const update = only(stack, 'azapi_update_resource');
    update.body = JSON.stringify({
      properties: { policies: { azureADAuthenticationAsArmPolicy: { status: 'enabled' } } },
    });
    expect(inventoryFromCdktfJson(stack, 'prod', 'p.json').registries[0].armAudienceTokens).toBe(true);
    update.body = '${jsonencode(var.body)}';
    expect(inventoryFromCdktfJson(stack, 'prod', 'p.json').registries[0].roleAssignmentMode).toEqual({
      unknown: true,
      reason: 'Terraform would reject this value: no variable "body" is declared',
    });
  });
});

describe('artifact cache', () => {
  const cache: Partial<RegistryDeclaration> = {
    credentialSets: [
      {
        name: 'dockerhub',
        loginServer: 'docker.io',
        keyVaultId: KV,
        usernameSecretId: 'https://kv-acr.vault.azure.net/secrets/hub-user',
        passwordSecretId: 'https://kv-acr.vault.azure.net/secrets/hub-token',
      },
    ],
    cacheRules: [
      {
        name: 'hub-nginx',
        source: 'docker.io/library/nginx',
        targetRepository: 'hub/nginx',
        credentialSet: 'dockerhub',
      },
    ],
  };

  it('creates the credential set with secret IDs only, its Key Vault role per secret, and the rule', () => {
    const stack = synthOne(env('dev', cache, {}));
    expect(only(stack, 'azurerm_container_registry_credential_set')).toMatchObject({
      login_server: 'docker.io',
      identity: { type: 'SystemAssigned' },
      authentication_credentials: {
        username_secret_id: 'https://kv-acr.vault.azure.net/secrets/hub-user',
        password_secret_id: 'https://kv-acr.vault.azure.net/secrets/hub-token',
      },
    });
    const readers = resources(stack, 'azurerm_role_assignment').filter(
      (g) => g.role_definition_name === 'Key Vault Secrets User',
    );
    expect(readers.map((g) => g.scope).sort()).toEqual([`${KV}/secrets/hub-token`, `${KV}/secrets/hub-user`]);
    expect(only(stack, 'azurerm_container_registry_cache_rule')).toMatchObject({
      source_repo: 'docker.io/library/nginx',
      target_repo: 'hub/nginx',
      credential_set_id: expect.stringMatching(/azurerm_container_registry_credential_set/),
    });
  });

  it('refuses values instead of secret IDs, unknown sets, mismatched logins and upstreams off the allow list', () => {
    expect(
      problems({
        credentialSets: [{ ...cache.credentialSets![0], passwordSecretId: 'hunter2' }],
        cacheRules: [
          { name: 'evil-rule', source: 'images.example.net/tools', targetRepository: 'tools' },
          {
            name: 'ghcr-rule',
            source: 'ghcr.io/org/app',
            targetRepository: 'app',
            credentialSet: 'dockerhub',
          },
          {
            name: 'lost-rule',
            source: 'docker.io/library/redis',
            targetRepository: 'redis',
            credentialSet: 'nope',
          },
        ],
      }),
    ).toEqual([
      expect.stringMatching(
        /^prod\.registry\.credentialSets\[0\]\.passwordSecretId: not a Key Vault secret ID/,
      ),
      expect.stringMatching(
        /^prod\.registry\.cacheRules\[0\]\.source: upstream registry images\.example\.net is not allowed/,
      ),
      'prod.registry.cacheRules[1].credentialSet: credential set dockerhub signs in to docker.io, not to ghcr.io. Fix: use a credential set for the upstream of the rule',
      'prod.registry.cacheRules[2].credentialSet: credential set "nope" is not declared. Fix: declare it in credentialSets or remove credentialSet',
    ]);
  });
});

describe('what azurerm or Azure would refuse at deploy, refused in the declaration', () => {
  const V = '0123456789abcdef0123456789abcdef';
  it('refuses versioned credential set secrets and cache rule names azurerm rejects', () => {
    expect(
      problems({
        credentialSets: [
          {
            name: 'dockerhub',
            loginServer: 'docker.io',
            keyVaultId: KV,
            usernameSecretId: `https://kv-acr.vault.azure.net/secrets/hub-user/${V}`,
            passwordSecretId: 'https://kv-acr.vault.azure.net/secrets/hub-token',
          },
        ],
        cacheRules: ['nginx-', 'a--bcd', 'r'.repeat(50), 'hub-nginx-2'].map((name, i) => ({
          name,
          source: 'docker.io/library/nginx',
          targetRepository: `hub/nginx${i}`,
          credentialSet: 'dockerhub',
        })),
      }),
    ).toEqual([
      `prod.registry.credentialSets[0].usernameSecretId: a versioned secret ID: azurerm takes credential set secrets without a version (${V}). Fix: use https://kv-acr.vault.azure.net/secrets/hub-user`,
      expect.stringMatching(/^prod\.registry\.cacheRules\[0\]\.name: .*"nginx-"/),
      expect.stringMatching(/^prod\.registry\.cacheRules\[1\]\.name: .*"a--bcd"/),
      expect.stringMatching(/^prod\.registry\.cacheRules\[2\]\.name: .*"r{50}"/),
    ]);
  });

  it('refuses content trust with a customer-managed key, Windows tasks on an agent pool and other principal types', () => {
    expect(
      problems({
        trustPolicy: true,
        encryption: { keyVaultKeyId: 'https://kv-acr.vault.azure.net/keys/acr', keyVaultId: KV },
      }),
    ).toContain(
      'prod.registry.trustPolicy: content trust is not supported in a registry encrypted with a customer-managed key. Fix: sign with Notation (signing) and turn trustPolicy off, or remove encryption',
    );
    expect(
      problems({
        agentPool: { name: 'tasks', subnetId: SUBNET },
        tasks: [
          {
            name: 'build-win',
            os: 'Windows',
            step: {
              type: 'docker',
              contextPath: 'https://github.com/contoso/app.git',
              imageNames: ['app:1'],
            },
          },
        ],
      }),
    ).toContain(
      'prod.registry.tasks[0].os: task build-win would run on agent pool tasks, and task agent pools run Linux only. Fix: build on Linux, or move the Windows task to a registry without an agent pool',
    );
    expect(
      problems({
        roleAssignments: [
          {
            role: 'AcrPull',
            principalId: PRINCIPAL,
            principalType: 'ForeignGroup' as never,
            description: 'b2b',
          },
        ],
      }),
    ).toEqual([
      expect.stringMatching(/^prod\.registry\.roleAssignments\[0\]\.principalType: .*ForeignGroup/),
    ]);
  });

  it('refuses two environments in one resource group', () => {
    const shared = { resourceGroupName: 'rg-acr-shared' };
    const estate = estateOf({ ...env('staging'), ...shared }, { ...env('prod'), ...shared });
    expect(validateEstate(estate).all.map(formatProblem)).toContain(
      'prod.resourceGroupName: resource group "rg-acr-shared" is also environment "staging"\'s. Fix: give each environment its own resource group (its stack creates it)',
    );
  });
});

describe('customer-managed keys', () => {
  it('creates the identity, its role on the key before the registry, and attaches it', () => {
    const stack = synthOne(
      env('prod', {
        encryption: { keyVaultKeyId: 'https://kv-acr.vault.azure.net/keys/acr', keyVaultId: KV },
      }),
    );
    const identity = only(stack, 'azurerm_user_assigned_identity');
    expect(identity.name).toBe('id-acrprodtest-cmk');
    const reader = resources(stack, 'azurerm_role_assignment').find(
      (g) => g.role_definition_name === 'Key Vault Crypto Service Encryption User',
    );
    expect(reader).toMatchObject({
      scope: `${KV}/keys/acr`,
      principal_id: expect.stringContaining('principal_id'),
    });
    const registry = only(stack, 'azurerm_container_registry');
    expect(registry.encryption).toEqual([
      {
        key_vault_key_id: 'https://kv-acr.vault.azure.net/keys/acr',
        identity_client_id: expect.stringContaining('client_id'),
      },
    ]);
    expect(registry.identity).toMatchObject({
      type: 'UserAssigned',
      identity_ids: [expect.stringContaining('.id}')],
    });
    expect(registry.depends_on).toEqual([expect.stringMatching(/^azurerm_role_assignment\./)]);
  });

  it('refuses an existing identity that the registry does not carry', () => {
    expect(
      problems({
        encryption: {
          keyVaultKeyId: 'https://kv-acr.vault.azure.net/keys/acr',
          keyVaultId: KV,
          identityId:
            '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-x',
          identityClientId: PRINCIPAL,
          identityPrincipalId: PRINCIPAL,
        },
      }),
    ).toEqual([
      'prod.registry.encryption.identityId: the identity that reads the key is missing from the registry: it is not listed in identity.userAssignedIdentityIds. Fix: add it to identity.userAssignedIdentityIds',
    ]);
  });
});

describe('resource logs by category group', () => {
  it('sends allLogs to storage and Event Hub, and refuses a setting without a destination', () => {
    const storage =
      '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/stlogs';
    const rule =
      '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.EventHub/namespaces/ns/authorizationRules/send';
    const stack = synthOne(
      env('prod', {
        diagnostics: {
          categoryGroup: 'allLogs',
          storageAccountId: storage,
          eventHubAuthorizationRuleId: rule,
        },
      }),
    );
    expect(only(stack, 'azurerm_monitor_diagnostic_setting')).toMatchObject({
      storage_account_id: storage,
      eventhub_authorization_rule_id: rule,
      enabled_log: [{ category_group: 'allLogs' }],
    });
    expect(problems({ diagnostics: {} })).toEqual([
      'prod.registry.diagnostics: the diagnostic setting has no destination. Fix: set logAnalyticsWorkspaceId, storageAccountId or eventHubAuthorizationRuleId',
    ]);
  });
});
