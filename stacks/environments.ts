/**
 * The dev -> staging -> prod estate, declared once. Both the cdktf app and the Pulumi program render
 * these definitions. To change a region, add a replica or link a VNet, edit one line here.
 *
 * The IDs below (subscription, networks, workspace, principals) are placeholders for your own: replace
 * them once in `SHARED`, `NETWORK` and `PRINCIPALS`.
 */
import type { EnvironmentDeclaration, EstateDeclaration, WebhookDeclaration } from '../constructs/model';

/** Subscription and shared infrastructure the registries attach to. */
const SHARED = {
  subscriptionId: '00000000-0000-0000-0000-000000000000',
  networkResourceGroup: 'rg-network',
  monitoringWorkspace:
    '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-monitoring/providers/Microsoft.OperationalInsights/workspaces/law-platform',
  scannerUrl: 'https://scanner.example.com/acr/quarantine',
  /** Key Vault (RBAC) holding the Docker Hub credentials of the dev pull-through cache. */
  platformKeyVault:
    '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-platform/providers/Microsoft.KeyVault/vaults/kv-platform',
  /** Key Vault (Azure RBAC permission model) holding the Notation release-signing certificate. */
  signingKeyVault:
    '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-security/providers/Microsoft.KeyVault/vaults/kv-platform-signing',
} as const;

function vnetId(vnet: string): string {
  return `/subscriptions/${SHARED.subscriptionId}/resourceGroups/${SHARED.networkResourceGroup}/providers/Microsoft.Network/virtualNetworks/${vnet}`;
}

function subnetId(vnet: string, subnet: string): string {
  return `${vnetId(vnet)}/subnets/${subnet}`;
}

/** Entra object IDs of the workloads and pipelines that use the registries. */
const PRINCIPALS = {
  ciBuild: '11111111-1111-1111-1111-111111111111',
  devCluster: '22222222-2222-2222-2222-222222222222',
  stagingCluster: '33333333-3333-3333-3333-333333333333',
  prodCluster: '44444444-4444-4444-4444-444444444444',
  scanner: '55555555-5555-5555-5555-555555555555',
} as const;

/**
 * The quarantine pattern: new images stay quarantined until the scanner, told by this webhook, releases
 * them (it holds AcrQuarantineWriter). Its Authorization header comes from a sensitive input.
 */
const SCANNER_WEBHOOK: WebhookDeclaration = {
  name: 'scannerquarantine',
  serviceUri: SHARED.scannerUrl,
  actions: ['quarantine'],
  headersInput: 'scanner_webhook_headers',
};

/** The `audit` category group (login and repository events) to the platform's Log Analytics workspace. */
const AUDIT_DIAGNOSTICS = {
  logAnalyticsWorkspaceId: SHARED.monitoringWorkspace,
  categoryGroup: 'audit',
} as const;

/** Regions registries and replicas may live in (EU data residency). */
export const ALLOWED_REGIONS = [
  'westeurope',
  'northeurope',
  'swedencentral',
  'germanywestcentral',
  'francecentral',
];

const dev: EnvironmentDeclaration = {
  name: 'dev',
  location: 'westeurope',
  resourceGroupName: 'rg-acr-dev',
  tags: { environment: 'dev', owner: 'platform' },
  registry: {
    name: 'contosoacrdev',
    sku: 'Standard',
    roleAssignments: [
      { role: 'AcrPush', principalId: PRINCIPALS.ciBuild, description: 'CI builds push to dev' },
      { role: 'AcrPull', principalId: PRINCIPALS.devCluster, description: 'dev cluster kubelet' },
    ],
    tokens: [
      {
        name: 'dev-push',
        repositories: [
          { repository: 'apps/*', permissions: ['content/read', 'content/write', 'metadata/read'] },
        ],
        passwordLifetimeDays: 7,
      },
    ],
    tasks: [
      {
        name: 'build-app',
        step: {
          type: 'docker',
          contextPath: 'https://github.com/contoso/app.git#main',
          imageNames: ['apps/app:{{.Run.ID}}'],
        },
        sourceTrigger: { repositoryUrl: 'https://github.com/contoso/app.git', branch: 'main' },
      },
    ],
    purges: [
      {
        name: 'purge-old-builds',
        filters: [{ repository: 'apps/.*' }],
        olderThanDays: 14,
        keepLast: 5,
        protectedTags: ['latest'],
        untagged: true,
      },
    ],
    webhooks: [{ name: 'devpushes', serviceUri: 'https://chatops.example.com/acr', actions: ['push'] }],
    // Deleted images stay recoverable for a week (dev has no retention policy and no replicas).
    softDeleteDays: 7,
    // Base images pulled through a cache of Docker Hub, signed in with credentials kept in Key Vault.
    credentialSets: [
      {
        name: 'dockerhub',
        loginServer: 'docker.io',
        keyVaultId: SHARED.platformKeyVault,
        usernameSecretId: 'https://kv-platform.vault.azure.net/secrets/dockerhub-username',
        passwordSecretId: 'https://kv-platform.vault.azure.net/secrets/dockerhub-token',
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
  },
};

const staging: EnvironmentDeclaration = {
  name: 'staging',
  location: 'westeurope',
  resourceGroupName: 'rg-acr-staging',
  tags: { environment: 'staging', owner: 'platform' },
  registry: {
    name: 'contosoacrstaging',
    sku: 'Premium',
    quarantine: true,
    retentionDays: 14,
    privateEndpoints: [{ name: 'pe-acr-staging', subnetId: subnetId('vnet-staging', 'snet-endpoints') }],
    privateDns: { vnetLinks: [{ name: 'link-vnet-staging', virtualNetworkId: vnetId('vnet-staging') }] },
    // Public access is off: the purge runs on agents in the VNet, not on the shared task pool.
    agentPool: { name: 'tasks-staging', subnetId: subnetId('vnet-staging', 'snet-acr-tasks') },
    roleAssignments: [
      { role: 'AcrPull', principalId: PRINCIPALS.stagingCluster, description: 'staging cluster kubelet' },
      {
        role: 'AcrQuarantineWriter',
        principalId: PRINCIPALS.scanner,
        description: 'scanner releases quarantined images',
      },
    ],
    tokens: [
      {
        name: 'staging-read',
        repositories: [{ repository: 'apps/*', permissions: ['content/read', 'metadata/read'] }],
        passwordLifetimeDays: 30,
      },
    ],
    purges: [
      {
        name: 'purge-staging',
        filters: [{ repository: 'apps/.*' }],
        olderThanDays: 60,
        keepLast: 10,
        protectedTags: ['latest', 'stable'],
      },
    ],
    webhooks: [SCANNER_WEBHOOK],
    diagnostics: AUDIT_DIAGNOSTICS,
  },
};

const prod: EnvironmentDeclaration = {
  name: 'prod',
  location: 'westeurope',
  resourceGroupName: 'rg-acr-prod',
  protected: true,
  tags: { environment: 'prod', owner: 'platform' },
  registry: {
    name: 'contosoacrprod',
    sku: 'Premium',
    quarantine: true,
    retentionDays: 30,
    exportEnabled: false,
    dataEndpoints: true,
    replicas: [{ location: 'northeurope' }, { location: 'swedencentral' }],
    privateEndpoints: [
      { name: 'pe-acr-prod-weu', subnetId: subnetId('vnet-prod-weu', 'snet-endpoints') },
      {
        name: 'pe-acr-prod-neu',
        subnetId: subnetId('vnet-prod-neu', 'snet-endpoints'),
        location: 'northeurope',
      },
    ],
    agentPool: { name: 'tasks-prod', subnetId: subnetId('vnet-prod-weu', 'snet-acr-tasks') },
    privateDns: {
      vnetLinks: [
        { name: 'link-vnet-prod-weu', virtualNetworkId: vnetId('vnet-prod-weu') },
        { name: 'link-vnet-prod-neu', virtualNetworkId: vnetId('vnet-prod-neu') },
      ],
    },
    roleAssignments: [
      { role: 'AcrPull', principalId: PRINCIPALS.prodCluster, description: 'prod cluster kubelet' },
      {
        role: 'AcrQuarantineWriter',
        principalId: PRINCIPALS.scanner,
        description: 'scanner releases quarantined images',
      },
    ],
    // Notation signing: the stack creates id-sign-prod for the release pipeline, with push rights for
    // its signatures (AcrPush in this legacy mode) and the Key Vault roles to sign with the key.
    signing: { keyVaultId: SHARED.signingKeyVault, certificateName: 'release-signing' },
    tokens: [
      {
        name: 'prod-pull',
        repositories: [{ repository: 'apps/*', permissions: ['content/read', 'metadata/read'] }],
        passwordLifetimeDays: 30,
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
    webhooks: [SCANNER_WEBHOOK],
    diagnostics: AUDIT_DIAGNOSTICS,
  },
};

/** The estate: environments in promotion order. */
export const ESTATE: EstateDeclaration = {
  environments: [dev, staging, prod],
  allowedRegions: ALLOWED_REGIONS,
};
