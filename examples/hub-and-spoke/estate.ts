/**
 * Hub-and-spoke: the platform team owns the privatelink.azurecr.io zone in the hub; each registry's
 * private endpoint registers in it and spoke VNets are linked to it. Two environments, state in Azure
 * Storage.
 *
 *   npx acr-iac synth --estate examples/hub-and-spoke/estate.ts --outdir cdktf.out.hub
 */
import type { EstateDeclaration } from '../../constructs/model/declaration';

const SUB = '/subscriptions/00000000-0000-0000-0000-000000000000';
const HUB_ZONE = `${SUB}/resourceGroups/rg-hub-dns/providers/Microsoft.Network/privateDnsZones/privatelink.azurecr.io`;
const spoke = (name: string): string =>
  `${SUB}/resourceGroups/rg-spokes/providers/Microsoft.Network/virtualNetworks/${name}`;

export const ESTATE: EstateDeclaration = {
  allowedRegions: ['westeurope', 'northeurope'],
  backend: {
    resourceGroupName: 'rg-tfstate',
    storageAccountName: 'sttfstateplatform',
    containerName: 'tfstate',
  },
  environments: [
    {
      name: 'nonprod',
      location: 'westeurope',
      resourceGroupName: 'rg-acr-nonprod',
      registry: {
        name: 'fabrikamacrnonprod',
        sku: 'Premium',
        privateEndpoints: [{ name: 'pe-acr-nonprod', subnetId: `${spoke('vnet-nonprod')}/subnets/snet-pe` }],
        privateDns: {
          existingZoneId: HUB_ZONE,
          vnetLinks: [{ name: 'link-nonprod', virtualNetworkId: spoke('vnet-nonprod') }],
        },
      },
    },
    {
      name: 'prod',
      location: 'westeurope',
      resourceGroupName: 'rg-acr-prod',
      protected: true,
      registry: {
        name: 'fabrikamacrprod',
        sku: 'Premium',
        replicas: [{ location: 'northeurope' }],
        exportEnabled: false,
        dataEndpoints: true,
        quarantine: true,
        webhooks: [
          {
            name: 'scanner',
            serviceUri: 'https://scanner.fabrikam.example/acr',
            actions: ['quarantine'],
            headersInput: 'scanner_headers',
          },
        ],
        // Notation signing with a certificate in the hub's Key Vault (Docker Content Trust retires).
        signing: {
          keyVaultId: `${SUB}/resourceGroups/rg-hub-security/providers/Microsoft.KeyVault/vaults/kv-hub-signing`,
          certificateName: 'fabrikam-release',
        },
        diagnostics: {
          logAnalyticsWorkspaceId: `${SUB}/resourceGroups/rg-hub-monitor/providers/Microsoft.OperationalInsights/workspaces/law-hub`,
        },
        privateEndpoints: [{ name: 'pe-acr-prod', subnetId: `${spoke('vnet-prod')}/subnets/snet-pe` }],
        privateDns: {
          existingZoneId: HUB_ZONE,
          vnetLinks: [{ name: 'link-prod', virtualNetworkId: spoke('vnet-prod') }],
        },
      },
    },
  ],
};
