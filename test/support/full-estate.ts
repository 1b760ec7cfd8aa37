/**
 * A valid estate that sets every property the declaration has, so tests can vary each one: two
 * environments (Standard dev, Premium prod with everything), a backend and allowed regions.
 */
import type { EstateDeclaration } from '../../constructs/model/declaration';

const SUB = '/subscriptions/11111111-2222-3333-4444-555555555555';
const VNET = `${SUB}/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-prod`;

/** The full estate; a fresh copy on every call, so tests may change it. */
export function fullEstate(): EstateDeclaration {
  return {
    allowedRegions: ['westeurope', 'northeurope', 'swedencentral'],
    backend: {
      resourceGroupName: 'rg-tfstate',
      storageAccountName: 'sttfstate01',
      containerName: 'tfstate',
      keyPrefix: 'acr-iac/',
    },
    environments: [
      {
        name: 'dev',
        location: 'westeurope',
        resourceGroupName: 'rg-acr-dev',
        protected: false,
        enforcement: 'advisory',
        tags: { environment: 'dev', 'cost-center': 'cc-1' },
        registry: {
          name: 'fullacrdev',
          sku: 'Standard',
          adminEnabled: false,
          anonymousPull: false,
          tasks: [
            {
              name: 'build-app',
              step: {
                type: 'docker',
                contextPath: 'https://github.com/contoso/app.git#main',
                dockerfilePath: 'src/Dockerfile',
                imageNames: ['apps/app:{{.Run.ID}}', 'apps/app:latest'],
                push: true,
              },
              sourceTrigger: {
                repositoryUrl: 'https://github.com/contoso/app.git',
                branch: 'main',
                events: ['commit', 'pullrequest'],
                sourceType: 'Github',
              },
              baseImageTrigger: true,
              timers: [{ name: 'nightly', schedule: '0 3 * * Mon-Fri' }],
              os: 'Linux',
              timeoutSeconds: 1800,
              gitTokenInput: 'app_git_token',
            },
          ],
          purges: [
            {
              name: 'purge-dev',
              filters: [{ repository: 'apps/.*', tags: 'pr-\\d+' }],
              olderThanDays: 7,
              keepLast: 3,
              protectedTags: ['latest'],
              untagged: true,
              schedule: '30 1 * * *',
              timeoutSeconds: 900,
            },
          ],
          webhooks: [
            {
              name: 'devpushes',
              serviceUri: 'https://chatops.example.com/acr?channel=dev',
              actions: ['push', 'delete'],
              scope: 'apps/app:*',
              enabled: true,
            },
          ],
          tags: { team: 'platform' },
        },
      },
      {
        name: 'prod',
        location: 'westeurope',
        resourceGroupName: 'rg-acr-prod',
        protected: true,
        enforcement: 'mandatory',
        tags: { environment: 'prod' },
        registry: {
          name: 'fullacrprod',
          sku: 'Premium',
          adminEnabled: false,
          anonymousPull: false,
          publicNetworkAccess: false,
          networkRules: { defaultAction: 'Deny', ipRanges: ['203.0.113.0/24', '198.51.100.7'] },
          bypassAzureServices: true,
          zoneRedundancy: true,
          dataEndpoints: true,
          quarantine: true,
          trustPolicy: false,
          exportEnabled: false,
          retentionDays: 30,
          identity: {
            systemAssigned: true,
            userAssignedIdentityIds: [
              `${SUB}/resourceGroups/rg-id/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-acr-cmk`,
            ],
          },
          encryption: {
            keyVaultKeyId: 'https://kv-acr-prod.vault.azure.net/keys/acr-cmk',
            keyVaultId: `${SUB}/resourceGroups/rg-kv/providers/Microsoft.KeyVault/vaults/kv-acr-prod`,
            identityId: `${SUB}/resourceGroups/rg-id/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-acr-cmk`,
            identityClientId: '66666666-7777-8888-9999-000000000000',
            identityPrincipalId: '77777777-8888-9999-0000-111111111111',
          },
          replicas: [
            {
              location: 'northeurope',
              zoneRedundancy: true,
              regionalEndpoint: true,
              tags: { replica: 'neu' },
            },
          ],
          agentPool: { name: 'pool-prod', subnetId: `${VNET}/subnets/snet-tasks`, tier: 'S1', count: 1 },
          privateEndpoints: [
            { name: 'pe-acr-prod', subnetId: `${VNET}/subnets/snet-pe`, location: 'westeurope' },
          ],
          privateDns: { vnetLinks: [{ name: 'link-vnet-prod', virtualNetworkId: VNET }] },
          roleAssignments: [
            {
              role: 'AcrPull',
              principalId: '44444444-4444-4444-4444-444444444444',
              principalType: 'ServicePrincipal',
              description: 'prod cluster kubelet',
            },
            {
              role: 'AcrQuarantineWriter',
              principalId: '55555555-5555-5555-5555-555555555555',
              description: 'scanner releases quarantined images',
            },
          ],
          tokens: [
            {
              name: 'prod-pull',
              repositories: [{ repository: 'apps/*', permissions: ['content/read', 'metadata/read'] }],
              passwordLifetimeDays: 30,
              enabled: true,
            },
          ],
          tasks: [
            {
              name: 'scan-task',
              step: {
                type: 'file',
                contextPath: 'https://github.com/contoso/ops.git',
                taskFilePath: 'tasks/scan.yaml',
                valuesFilePath: 'tasks/values.yaml',
              },
              timers: [{ name: 'weekly', schedule: '0 4 * * 0' }],
              os: 'Linux',
            },
          ],
          purges: [
            {
              name: 'purge-prod',
              filters: [{ repository: 'apps/.*' }],
              olderThanDays: 180,
              keepLast: 20,
              protectedTags: ['latest', 'stable'],
            },
          ],
          webhooks: [
            {
              name: 'scannerquarantine',
              serviceUri: 'https://scanner.example.com/acr/quarantine',
              actions: ['quarantine'],
              headersInput: 'scanner_headers',
            },
          ],
          diagnostics: {
            logAnalyticsWorkspaceId: `${SUB}/resourceGroups/rg-mon/providers/Microsoft.OperationalInsights/workspaces/law-prod`,
          },
          lock: true,
          preventDestroy: true,
          tags: { team: 'platform', criticality: 'high' },
        },
      },
    ],
  };
}
