/**
 * The declaration the synth scale benchmark (`synth-scale.ts`) multiplies: a Premium registry with two
 * replicas, a private endpoint, a token, a purge task and a webhook. Kept apart so a test validates it:
 * a benchmark whose input the model refuses measures nothing.
 */
import type { EnvironmentDeclaration } from '../constructs/model/declaration';

const SUBNET =
  '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet/subnets/pe';

/** Environment `i` of the synth scale benchmark: one Premium registry with its attachments. */
export function scaleEnvironment(i: number): EnvironmentDeclaration {
  return {
    name: `env${i}`,
    location: 'westeurope',
    resourceGroupName: `rg-acr-${i}`,
    registry: {
      name: `benchacr${i}`,
      sku: 'Premium',
      replicas: [{ location: 'northeurope' }, { location: 'swedencentral' }],
      privateEndpoints: [{ name: `pe-acr-${i}`, subnetId: SUBNET }],
      tokens: [
        {
          name: `pull-${i}`,
          repositories: [{ repository: 'apps/*', permissions: ['content/read'] }],
          passwordLifetimeDays: 30,
        },
      ],
      purges: [{ name: `purge-${i}`, filters: [{ repository: 'apps/.*' }], olderThanDays: 90, keepLast: 5 }],
      // Private endpoints keep the shared task pool out: the purge task runs with the bypass (FACTS.md).
      taskNetworkBypass: true,
      webhooks: [{ name: `hook${i}xyz`, serviceUri: 'https://hooks.example.com/acr', actions: ['push'] }],
    },
  };
}
