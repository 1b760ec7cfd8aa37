/**
 * Resources of the classic Pulumi Azure provider (`@pulumi/azure`, a bridge of azurerm) next to an
 * azure-native registry, and a classic registry itself, registered under Pulumi mocks with the real
 * SDK classes. Each is the Azure resource its azurerm twin is, so each counts: an AcrPush assignment
 * on the production registry is a push right (by `registry.id`, by literal ID, by role name), a
 * classic lock protects it, a classic diagnostic setting with category group `audit` collects its
 * audit logs, and a classic registry with `adminEnabled: true` has its admin user on. A classic task
 * is judged by its step (a Docker step pushes unless `pushEnabled` is false), its agent pool and its
 * identity, a classic cache rule by its upstream and a credential set by its secret IDs (a classic
 * task run: task-runs.test.ts); a classic task of another stack on the production registry is an
 * external task of that stack.
 * Expectations follow the classic provider's documented semantics (`@pulumi/azure` 6.40 docs of each
 * resource); every test here failed before the classic resources it uses were read.
 */
import { azure } from '../support/classic-azure';
import { Registry } from '@pulumi/azure-native/containerregistry/registry';
import { checkInventories } from '../../policies';
import type { Finding, Inventory } from '../../policies';
import { inventoryFromPulumiResources } from '../../policies/inventory/pulumi-resources/build';
import { runUnderMocks } from '../../policies/inventory/pulumi-program/mocks';

const SUB = '/subscriptions/11111111-2222-3333-4444-555555555555';
const GROUP = 'rg-acr-prod';
const REGISTRY_ID = `${SUB}/resourceGroups/${GROUP}/providers/Microsoft.ContainerRegistry/registries/contosoacrprod`;
const ACR_PUSH = `${SUB}/providers/Microsoft.Authorization/roleDefinitions/8311e382-0749-4cb8-b61a-304f252e45ec`;
const PRINCIPAL = '00000000-0000-0000-0000-0000000000c1';
const WORKSPACE = `${SUB}/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/logs`;

/** The production registry, azure-native, closed to the public (Premium). */
function nativeRegistry(): Registry {
  return new Registry('contosoacrprod', {
    registryName: 'contosoacrprod',
    resourceGroupName: GROUP,
    location: 'westeurope',
    sku: { name: 'Premium' },
    adminUserEnabled: false,
    publicNetworkAccess: 'Disabled',
  });
}

/** The findings of what `program` registers under mocks as the prod stack (production posture). */
async function check(program: () => void): Promise<{ findings: readonly Finding[]; inventory: Inventory }> {
  const { resources } = await runUnderMocks(program, { stack: 'prod' });
  const inventory = inventoryFromPulumiResources(resources, {
    environment: 'prod',
    file: 'Pulumi.prod.yaml',
  });
  const { findings } = checkInventories([inventory], { config: { order: ['dev', 'staging', 'prod'] } });
  return { findings, inventory };
}

/** The results of `rule`, deduplicated. */
function results(findings: readonly Finding[], rule: string): string[] {
  return [...new Set(findings.filter((f) => f.ruleId === rule).map((f) => f.result))].sort();
}

/** The findings of `rule` located at the resource whose URN ends in `::name`, as `result: message`. */
function at(findings: readonly Finding[], rule: string, name: string): string[] {
  return findings
    .filter((f) => f.ruleId === rule && f.location.address.endsWith(`::${name}`))
    .map((f) => `${f.result}: ${f.message}`);
}

describe('classic azure resources on an azure-native registry', () => {
  it('an AcrPush assignment scoped by registry.id is a push right in production (ACR-024 fails)', async () => {
    const { findings } = await check(() => {
      const registry = nativeRegistry();
      new azure.authorization.Assignment('ci-push', {
        scope: registry.id,
        roleDefinitionId: ACR_PUSH,
        principalId: PRINCIPAL,
        principalType: 'ServicePrincipal',
      });
    });
    expect(results(findings, 'ACR-024')).toEqual(['fail']);
    expect(at(findings, 'ACR-024', 'ci-push')).toEqual([expect.stringMatching(/^fail: .*AcrPush/)]);
  });

  it('an AcrPush assignment at the literal registry ID is a push right (ACR-024 fails)', async () => {
    const { findings } = await check(() => {
      nativeRegistry();
      new azure.authorization.Assignment('ci-push', {
        scope: REGISTRY_ID,
        roleDefinitionId: ACR_PUSH,
        principalId: PRINCIPAL,
      });
    });
    expect(results(findings, 'ACR-024')).toEqual(['fail']);
    expect(at(findings, 'ACR-024', 'ci-push')).toHaveLength(1);
  });

  it('roleDefinitionName "AcrPush" names the built-in role (ACR-024 fails)', async () => {
    const { findings } = await check(() => {
      const registry = nativeRegistry();
      new azure.authorization.Assignment('ci-push', {
        scope: registry.id,
        roleDefinitionName: 'AcrPush',
        principalId: PRINCIPAL,
      });
    });
    expect(at(findings, 'ACR-024', 'ci-push')).toEqual([expect.stringMatching(/^fail: .*AcrPush/)]);
  });

  it('an AcrPush assignment at the registry resource group (a classic group) is a push right', async () => {
    const { findings } = await check(() => {
      const group = new azure.core.ResourceGroup('rg', { name: GROUP, location: 'westeurope' });
      new Registry('contosoacrprod', {
        registryName: 'contosoacrprod',
        resourceGroupName: group.name,
        location: 'westeurope',
        sku: { name: 'Premium' },
        publicNetworkAccess: 'Disabled',
      });
      new azure.authorization.Assignment('ci-push', {
        scope: group.id,
        roleDefinitionName: 'AcrPush',
        principalId: PRINCIPAL,
      });
    });
    expect(at(findings, 'ACR-024', 'ci-push')).toEqual([expect.stringMatching(/^fail: /)]);
  });

  it("an AcrPull assignment is the registry's, and no push right (ACR-024 passes)", async () => {
    const { findings, inventory } = await check(() => {
      const registry = nativeRegistry();
      new azure.authorization.Assignment('app-pull', {
        scope: registry.id,
        roleDefinitionName: 'AcrPull',
        principalId: PRINCIPAL,
      });
    });
    expect(results(findings, 'ACR-024')).toEqual(['pass']);
    expect(inventory.registries[0].roleAssignments.map((a) => a.role.name)).toEqual(['AcrPull']);
  });

  it('a role name that is no built-in role leaves ACR-024 unknown, not passed', async () => {
    const { findings } = await check(() => {
      const registry = nativeRegistry();
      new azure.authorization.Assignment('custom', {
        scope: registry.id,
        roleDefinitionName: 'Some Custom Role',
        principalId: PRINCIPAL,
      });
    });
    expect(results(findings, 'ACR-024')).toEqual(['unknown']);
  });

  it('a CanNotDelete lock at registry.id protects the registry (ACR-018 passes)', async () => {
    const { findings } = await check(() => {
      const registry = nativeRegistry();
      new azure.management.Lock('acr-lock', { scope: registry.id, lockLevel: 'CanNotDelete' });
    });
    expect(results(findings, 'ACR-018')).toEqual(['pass']);
  });

  it('a ReadOnly lock at the resource group (a classic group) covers the registry', async () => {
    const { inventory } = await check(() => {
      const group = new azure.core.ResourceGroup('rg', { name: GROUP, location: 'westeurope' });
      new Registry('contosoacrprod', {
        registryName: 'contosoacrprod',
        resourceGroupName: group.name,
        location: 'westeurope',
        sku: { name: 'Premium' },
      });
      new azure.management.Lock('rg-lock', { name: 'rg-ro', scope: group.id, lockLevel: 'ReadOnly' });
    });
    expect(inventory.registries[0].locks).toMatchObject([{ name: 'rg-ro', level: 'ReadOnly' }]);
  });

  it('a private endpoint with isManualConnection true waits for approval (a manual connection)', async () => {
    const { inventory } = await check(() => {
      const registry = nativeRegistry();
      new azure.privatelink.Endpoint('pe', {
        name: 'pe-contosoacrprod',
        resourceGroupName: 'rg-network',
        subnetId: `${SUB}/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/hub/subnets/pe`,
        privateServiceConnection: {
          name: 'registry',
          privateConnectionResourceId: registry.id,
          subresourceNames: ['registry'],
          isManualConnection: true,
          requestMessage: 'please approve',
        },
      });
    });
    expect(inventory.registries[0].privateEndpoints).toMatchObject([
      { name: 'pe-contosoacrprod', subresources: ['registry'], manualConnection: true },
    ]);
  });

  it('a diagnostic setting with category group audit collects the audit logs (ACR-017, ACR-056 pass)', async () => {
    const { findings } = await check(() => {
      const registry = nativeRegistry();
      new azure.monitoring.DiagnosticSetting('acr-audit', {
        targetResourceId: registry.id,
        logAnalyticsWorkspaceId: WORKSPACE,
        enabledLogs: [{ categoryGroup: 'audit' }],
      });
    });
    expect(results(findings, 'ACR-017')).toEqual(['pass']);
    expect(results(findings, 'ACR-056')).toEqual(['pass']);
  });
});

/** A subnet for a dedicated agent pool, and a Key Vault's secrets. */
const SUBNET = `${SUB}/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/hub/subnets/tasks`;
const VAULT = 'https://kv-acr.vault.azure.net/secrets';

describe('classic tasks, agent pools, cache rules and credential sets (read as azure-native)', () => {
  it('a Docker step without pushEnabled pushes into prod, and on the shared pool cannot reach it', async () => {
    const { findings, inventory } = await check(() => {
      const registry = nativeRegistry();
      new azure.containerservice.RegistryTask('build', {
        name: 'build',
        containerRegistryId: registry.id,
        platform: { os: 'Linux' },
        dockerStep: {
          dockerfilePath: 'Dockerfile',
          contextPath: 'https://github.com/contoso/app.git',
          contextAccessToken: 'none',
          imageNames: ['app:{{.Run.ID}}'],
        },
      });
    });
    // azurerm: docker_step.push_enabled and enabled "Defaults to `true`"; no agentPoolName is the
    // shared pool, which a registry with public access off denies (the task has no identity).
    expect(inventory.registries[0].tasks).toMatchObject([
      { name: 'build', kind: 'build', enabled: true, agentPool: '', systemIdentity: false, canPush: true },
    ]);
    expect(at(findings, 'ACR-024', 'build')).toEqual([
      expect.stringMatching(/^fail: task build pushes: its Docker build step pushes/),
    ]);
    expect(results(findings, 'ACR-050')).toEqual(['fail']);
    expect(at(findings, 'ACR-050', 'build')).toEqual([expect.stringMatching(/^fail: .*shared pool/)]);
  });

  it('pushEnabled false on a classic agent pool in a subnet: nothing pushes, the task reaches prod', async () => {
    const { findings, inventory } = await check(() => {
      const registry = nativeRegistry();
      new azure.containerservice.RegistryAgentPool('pool', {
        name: 'private',
        containerRegistryName: registry.name,
        resourceGroupName: GROUP,
        location: 'westeurope',
        virtualNetworkSubnetId: SUBNET,
      });
      new azure.containerservice.RegistryTask('build', {
        name: 'build',
        containerRegistryId: REGISTRY_ID,
        agentPoolName: 'private',
        platform: { os: 'Linux' },
        dockerStep: {
          dockerfilePath: 'Dockerfile',
          contextPath: '.',
          contextAccessToken: 'none',
          imageNames: ['app'],
          pushEnabled: false,
        },
      });
    });
    // azurerm: tier "Defaults to `S1`", instanceCount "Defaults to `1`".
    expect(inventory.registries[0].agentPools).toMatchObject([
      { name: 'private', subnetId: SUBNET, tier: 'S1', count: 1 },
    ]);
    expect(results(findings, 'ACR-024')).toEqual(['pass']);
    expect(results(findings, 'ACR-050')).toEqual(['pass']);
  });

  it('a classic identity and a disabled task: a system identity is read, a disabled task is not judged', async () => {
    const { inventory, findings } = await check(() => {
      const registry = nativeRegistry();
      new azure.containerservice.RegistryTask('purge', {
        name: 'purge',
        containerRegistryId: registry.id,
        enabled: false,
        identity: { type: 'SystemAssigned' },
        platform: { os: 'Linux' },
        encodedStep: {
          taskContent: "version: v1.1.0\nsteps:\n  - cmd: acr purge --filter 'app:.*' --ago 30d\n",
        },
      });
    });
    expect(inventory.registries[0].tasks).toMatchObject([
      { name: 'purge', kind: 'purge', enabled: false, systemIdentity: true, canPush: false },
    ]);
    expect(results(findings, 'ACR-050')).toEqual(['not-applicable']);
  });

  it('a cache rule from an upstream not allowed fails ACR-054; plain secrets in a credential set fail ACR-055', async () => {
    const { findings, inventory } = await check(() => {
      const registry = nativeRegistry();
      const plainSet = new azure.containerservice.RegistryCredentialSet('plain', {
        name: 'plain',
        containerRegistryId: registry.id,
        loginServer: 'registry.example.com',
        identity: { type: 'SystemAssigned' },
        authenticationCredentials: { usernameSecretId: 'plain-user', passwordSecretId: 'plain-password' },
      });
      new azure.containerservice.RegistryCredentialSet('vaulted', {
        name: 'vaulted',
        containerRegistryId: REGISTRY_ID,
        loginServer: 'docker.io',
        identity: { type: 'SystemAssigned' },
        authenticationCredentials: {
          usernameSecretId: `${VAULT}/hub-user`,
          passwordSecretId: `${VAULT}/hub-password`,
        },
      });
      new azure.containerservice.RegistryCacheRule('tool', {
        name: 'tool',
        containerRegistryId: registry.id,
        sourceRepo: 'registry.example.com/tool',
        targetRepo: 'tool',
        credentialSetId: plainSet.id,
      });
    });
    expect(inventory.registries[0].cacheRules).toMatchObject([
      {
        name: 'tool',
        upstream: 'registry.example.com/tool',
        targetRepository: 'tool',
        credentialSet: 'plain',
      },
    ]);
    expect(at(findings, 'ACR-054', 'tool')).toEqual([
      expect.stringMatching(/^fail: .*registry\.example\.com, which is not an allowed upstream/),
    ]);
    expect(at(findings, 'ACR-055', 'plain')).toEqual([
      expect.stringMatching(/^fail: credential set plain has 2 credential/),
    ]);
    expect(at(findings, 'ACR-055', 'vaulted')).toEqual([expect.stringMatching(/^pass: /)]);
  });
});

describe('a classic task of another stack on the production registry', () => {
  it('is an external task of that stack: ACR-122 fails on a task file that cannot be read', async () => {
    const { resources } = await runUnderMocks(
      () => {
        new azure.containerservice.RegistryTask('file-task', {
          name: 'file-task',
          containerRegistryId: REGISTRY_ID,
          platform: { os: 'Linux' },
          fileStep: { taskFilePath: 'acr-task.yaml', contextPath: 'https://github.com/contoso/app.git' },
        });
        new azure.containerservice.RegistryTask('build-prod', {
          name: 'build-prod',
          containerRegistryId: REGISTRY_ID,
          platform: { os: 'Linux' },
          dockerStep: {
            dockerfilePath: 'Dockerfile',
            contextPath: '.',
            contextAccessToken: 'none',
            imageNames: ['app:1'],
          },
        });
      },
      { stack: 'dev' },
    );
    const dev = inventoryFromPulumiResources(resources, { environment: 'dev', file: 'Pulumi.dev.yaml' });
    expect(dev.externalTasks).toMatchObject([
      { name: 'build-prod', registryName: 'contosoacrprod', canPush: true },
      { name: 'file-task', registryName: 'contosoacrprod', canPush: { unknown: true } },
    ]);
    const { resources: prodResources } = await runUnderMocks(() => nativeRegistry(), { stack: 'prod' });
    const prod = inventoryFromPulumiResources(prodResources, {
      environment: 'prod',
      file: 'Pulumi.prod.yaml',
    });
    const { findings } = checkInventories([dev, prod], { config: { order: ['dev', 'staging', 'prod'] } });
    expect(at(findings, 'ACR-122', 'file-task')).toEqual([expect.stringMatching(/^fail: /)]);
    expect(at(findings, 'ACR-105', 'build-prod')).toEqual([expect.stringMatching(/^fail: /)]);
  });
});

describe('a classic registry', () => {
  it('with adminEnabled true has its admin user on (ACR-001 fails)', async () => {
    const { findings, inventory } = await check(() => {
      new azure.containerservice.Registry('acrclassic', {
        name: 'acrclassicprod',
        resourceGroupName: GROUP,
        location: 'westeurope',
        sku: 'Premium',
        adminEnabled: true,
      });
    });
    expect(inventory.registries.map((r) => r.name)).toEqual(['acrclassicprod']);
    expect(at(findings, 'ACR-001', 'acrclassic')).toEqual([expect.stringMatching(/^fail: /)]);
  });

  it('without the optional inputs has azurerm defaults, not azure-native ones', async () => {
    const { inventory } = await check(() => {
      new azure.containerservice.Registry('acrclassic', {
        name: 'acrclassicprod',
        resourceGroupName: GROUP,
        location: 'westeurope',
        sku: 'Premium',
        georeplications: [{ location: 'northeurope' }],
      });
    });
    const [registry] = inventory.registries;
    // azurerm 4 (FACTS.md section 5): admin off, public access on, export on, no retention, no zone
    // redundancy, trusted services allowed; a georeplication's regional endpoint off.
    expect(registry).toMatchObject({
      sku: 'Premium',
      adminEnabled: false,
      publicNetworkAccess: true,
      exportEnabled: true,
      retentionDays: 0,
      zoneRedundancy: false,
      networkRuleSet: false,
      networkDefaultAction: 'Allow',
      quarantine: false,
      trustPolicy: false,
      replicas: [{ location: 'northeurope', zoneRedundancy: false, regionalEndpoint: false }],
    });
    expect(registry.replicas[0].source.address).toBe(registry.source.address);
  });

  it('with settings from its inputs: retention days, closed network, IP rules, zone redundancy', async () => {
    const { inventory } = await check(() => {
      new azure.containerservice.Registry('acrclassic', {
        name: 'acrclassicprod',
        resourceGroupName: GROUP,
        location: 'westeurope',
        sku: 'Premium',
        publicNetworkAccessEnabled: false,
        retentionPolicyInDays: 30,
        zoneRedundancyEnabled: true,
        exportPolicyEnabled: false,
        networkRuleBypassOption: 'None',
        networkRuleSet: { defaultAction: 'Deny', ipRules: [{ action: 'Allow', ipRange: '203.0.113.0/24' }] },
      });
    });
    expect(inventory.registries[0]).toMatchObject({
      publicNetworkAccess: false,
      retentionDays: 30,
      zoneRedundancy: true,
      exportEnabled: false,
      trustedServices: false,
      networkRuleSet: true,
      networkDefaultAction: 'Deny',
      ipRanges: ['203.0.113.0/24'],
    });
  });

  it('gets its classic webhook, token and scope map (by registryName / containerRegistryName)', async () => {
    const { inventory } = await check(() => {
      const registry = new azure.containerservice.Registry('acrclassic', {
        name: 'acrclassicprod',
        resourceGroupName: GROUP,
        location: 'westeurope',
        sku: 'Premium',
      });
      new azure.containerservice.RegistryWebhook('hook', {
        name: 'hookprod',
        registryName: registry.name,
        resourceGroupName: GROUP,
        serviceUri: 'http://hooks.example.com/acr',
        actions: ['push'],
      });
      const map = new azure.containerservice.RegistryScopeMap('pusher', {
        name: 'pusher',
        containerRegistryName: registry.name,
        resourceGroupName: GROUP,
        actions: ['repositories/app/content/write'],
      });
      new azure.containerservice.RegistryToken('ci', {
        name: 'ci',
        containerRegistryName: 'acrclassicprod',
        resourceGroupName: GROUP,
        scopeMapId: map.id,
      });
    });
    const [registry] = inventory.registries;
    expect(registry.webhooks).toMatchObject([
      { name: 'hookprod', serviceUri: 'http://hooks.example.com/acr', enabled: true, scope: '' },
    ]);
    expect(registry.scopeMaps).toMatchObject([
      { name: 'pusher', actions: ['repositories/app/content/write'] },
    ]);
    expect(registry.tokens).toMatchObject([
      { name: 'ci', enabled: true, scopeMapName: 'pusher', actions: ['repositories/app/content/write'] },
    ]);
  });
});
