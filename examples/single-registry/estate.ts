/**
 * The smallest estate: one Standard registry for a team, with a CI push grant, a pull grant for a
 * cluster and a weekly purge of old tags (keeping the last 10 and never `latest`).
 *
 *   npx acr-iac synth --estate examples/single-registry/estate.ts --outdir cdktf.out.single
 */
import type { EstateDeclaration } from '../../constructs/model/declaration';

export const ESTATE: EstateDeclaration = {
  environments: [
    {
      name: 'shared',
      location: 'westeurope',
      resourceGroupName: 'rg-acr-shared',
      registry: {
        name: 'teamacrshared',
        sku: 'Standard',
        roleAssignments: [
          {
            role: 'AcrPush',
            principalId: '77777777-7777-7777-7777-777777777777',
            description: 'CI pipeline',
          },
          {
            role: 'AcrPull',
            principalId: '88888888-8888-8888-8888-888888888888',
            description: 'AKS kubelet',
          },
        ],
        purges: [
          {
            name: 'weekly-purge',
            filters: [{ repository: '.*' }],
            olderThanDays: 90,
            keepLast: 10,
            protectedTags: ['latest'],
            schedule: '0 3 * * 0',
          },
        ],
      },
    },
  ],
};
