import { validateEstate } from '../../constructs/model/estate';
import type { RegistryDeclaration } from '../../constructs/model/declaration';
import { SUBNET, VNET, env, estateOf } from '../support/declarations';

function problemsOf(registry: Partial<RegistryDeclaration>, location = 'westeurope'): string[] {
  return validateEstate({
    ...estateOf(env('prod', registry, { location })),
    allowedRegions: ['westeurope', 'northeurope'],
  }).all.map((p) => `${p.path}: ${p.message}`);
}

const many = <T>(count: number, make: (i: number) => T): T[] =>
  Array.from({ length: count }, (_, i) => make(i));

describe('tier limits', () => {
  it('caps private endpoints at 200 and IP rules at 200', () => {
    const endpoints = many(201, (i) => ({ name: `pe-${i}`, subnetId: SUBNET }));
    expect(problemsOf({ privateEndpoints: endpoints })).toContain(
      'prod.registry.privateEndpoints: 201 private endpoints exceed the limit of 200',
    );
    const ipRanges = many(201, (i) => `10.0.${Math.floor(i / 250)}.${i % 250}`);
    expect(problemsOf({ networkRules: { ipRanges } })).toEqual([
      'prod.registry.networkRules.ipRanges: 201 IP rules exceed the limit of 200',
    ]);
  });

  it('caps tokens by tier and actions per scope map at 500', () => {
    const tokens = many(101, (i) => ({
      name: `token-${i}`,
      repositories: [{ repository: 'app', permissions: ['content/read' as const] }],
      passwordLifetimeDays: 7,
    }));
    expect(problemsOf({ sku: 'Basic', tokens })).toEqual([
      'prod.registry.tokens: 101 tokens exceed the Basic limit of 100',
    ]);
    const repositories = many(501, (i) => ({
      repository: `app${i}`,
      permissions: ['content/read' as const],
    }));
    expect(problemsOf({ tokens: [{ name: 'wide-token', repositories, passwordLifetimeDays: 7 }] })).toEqual([
      'prod.registry.tokens[0].repositories: 501 actions exceed the limit of 500 per scope map',
    ]);
  });
});

describe('remaining rules', () => {
  it('checks regions of the registry itself', () => {
    expect(problemsOf({}, 'eastus')).toEqual([
      'prod.location: region "eastus" is not allowed (allowed: westeurope, northeurope)',
    ]);
    expect(problemsOf({}, 'West Europe')).toEqual([
      'prod.location: "West Europe" is not an Azure region name',
    ]);
  });

  it('checks user-assigned identity IDs', () => {
    expect(problemsOf({ identity: { userAssignedIdentityIds: ['id-acr'] } })).toEqual([
      'prod.registry.identity.userAssignedIdentityIds[0]: "id-acr" is not a user-assigned identity ID: it is not an Azure resource ID',
    ]);
  });

  it('rejects duplicate VNet links and a VNet linked twice', () => {
    expect(
      problemsOf({
        privateEndpoints: [{ name: 'pe', subnetId: SUBNET }],
        privateDns: {
          vnetLinks: [
            { name: 'link', virtualNetworkId: VNET },
            { name: 'link', virtualNetworkId: VNET },
          ],
        },
      }),
    ).toEqual([
      'prod.registry.privateDns.vnetLinks[1]: VNet link "link" is declared twice',
      `prod.registry.privateDns.vnetLinks[1]: VNet "${VNET}" is declared twice`,
    ]);
  });

  it('rejects a task that never runs, a purge without filters or with a bad count, and bad header input names', () => {
    expect(
      problemsOf({
        tasks: [
          {
            name: 'idle-task',
            step: { type: 'file', contextPath: '.', taskFilePath: 't.yaml' },
            baseImageTrigger: false,
          },
        ],
        purges: [{ name: 'purge-none', filters: [], olderThanDays: 1, keepLast: 1.5 }],
        webhooks: [
          { name: 'hook1', serviceUri: 'https://a.example.com', actions: ['push'], headersInput: 'bad-name' },
        ],
      }),
    ).toEqual([
      'prod.registry.tasks[0]: the task has no trigger and would never run by itself',
      'prod.registry.purges[0].keepLast: 1.5 is not a count',
      'prod.registry.purges[0].filters: a purge needs at least one repository filter',
      'prod.registry.webhooks[0].headersInput: input name "bad-name" is invalid',
    ]);
  });

  it('rejects a task and a purge with the same name, and webhooks without actions', () => {
    expect(
      problemsOf({
        tasks: [{ name: 'nightly', step: { type: 'docker', contextPath: '.', imageNames: ['a:1'] } }],
        purges: [{ name: 'nightly', filters: [{ repository: 'a' }], olderThanDays: 1 }],
        webhooks: [{ name: 'hook1', serviceUri: 'https://a.example.com', actions: [] }],
      }),
    ).toEqual([
      'prod.registry.tasks[1]: task "nightly" is declared twice',
      'prod.registry.webhooks[0].actions: the webhook listens to no action',
    ]);
  });
});
