import fc from 'fast-check';
import { resolveEstate } from '../../constructs/model/resolve';
import { validateEstate } from '../../constructs/model/estate';
import { purgeCommand, purgeTagPattern, purgeTaskFile } from '../../constructs/model/purge';
import { privateDnsRecords } from '../../constructs/model/private-dns';
import { NAME_RULES, isScopeMapRepository, parseScopeMapAction } from '../../constructs/model/names';
import { builtInRoleById } from '../../constructs/model/role-directory';
import { estimateMonthlyCost } from '../../constructs/model/pricing';
import { RESOURCE_GROUP_ID_TERRAFORM_PATTERN, resourceGroupIdOf } from '../../constructs/model/azure-ids';
import { SUBNET, env, estateOf } from '../support/declarations';

function registryOf(...args: Parameters<typeof env>) {
  return resolveEstate(estateOf(env(...args))).environments[0].registry;
}

describe('defaults', () => {
  it('applies secure defaults to a Premium registry', () => {
    const r = registryOf('prod');
    expect(r).toMatchObject({
      adminEnabled: false,
      anonymousPull: false,
      publicNetworkAccess: true,
      zoneRedundancy: true,
      retentionDays: 7,
      exportEnabled: true,
      bypassAzureServices: true,
      lock: false,
      preventDestroy: false,
    });
  });

  it('turns public access off by default once a private endpoint exists', () => {
    expect(
      registryOf('prod', { privateEndpoints: [{ name: 'pe', subnetId: SUBNET }] }).publicNetworkAccess,
    ).toBe(false);
  });

  it('keeps Premium-only defaults off below Premium', () => {
    expect(registryOf('dev', { sku: 'Standard' })).toMatchObject({ zoneRedundancy: false, retentionDays: 0 });
  });

  it('protects stateful resources of a protected environment unless told otherwise', () => {
    expect(registryOf('prod', {}, { protected: true })).toMatchObject({ lock: true, preventDestroy: true });
    expect(registryOf('prod', { lock: false }, { protected: true })).toMatchObject({
      lock: false,
      preventDestroy: true,
    });
  });

  it('sorts replicas by location and token actions, and merges tags', () => {
    const r = registryOf(
      'prod',
      {
        replicas: [{ location: 'swedencentral' }, { location: 'northeurope', zoneRedundancy: false }],
        tokens: [
          {
            name: 'reader',
            repositories: [
              { repository: 'b', permissions: ['metadata/read', 'content/read'] },
              { repository: 'a', permissions: ['content/read'] },
            ],
          },
        ],
        tags: { team: 'x' },
      },
      { tags: { environment: 'prod' } },
    );
    expect(r.replicas.map((x) => [x.location, x.zoneRedundancy])).toEqual([
      ['northeurope', false],
      ['swedencentral', true],
    ]);
    expect(r.tokens[0]).toMatchObject({
      scopeMapName: 'reader-scope',
      actions: ['repositories/a/content/read', 'repositories/b/content/read', 'repositories/b/metadata/read'],
    });
    expect(r.tags).toEqual({ environment: 'prod', team: 'x' });
  });

  it('sets enforcement and promotion from the position in the chain', () => {
    const estate = resolveEstate({ environments: [env('dev'), env('staging'), env('prod')] });
    expect(estate.environments.map((e) => e.enforcement)).toEqual(['advisory', 'mandatory', 'mandatory']);
    expect(estate.environments[0].promotion).toBeUndefined();
    expect(estate.environments[2].promotion).toEqual({
      fromEnvironment: 'staging',
      sourceRegistryName: 'acrstagingtest',
      sourceResourceGroupName: 'rg-staging',
      sourceAccess: { mode: 'LegacyRegistryPermissions', trustPolicy: false },
      identityName: 'id-promote-staging-to-prod',
      principalName: 'promotion-identity',
      grantDescription: 'promotion staging -> acrprodtest: pull from the source, import into the target',
    });
  });
});

describe('purge', () => {
  const purge = {
    name: 'purge-apps',
    filters: [{ repository: 'apps/.*' }, { repository: 'tools', tags: 'v.*' }],
    olderThanDays: 90,
    keepLast: 5,
    protectedTags: ['stable', 'latest'],
    untagged: true,
  };

  it('builds the acr purge command with protected tags excluded', () => {
    expect(purgeCommand(purge)).toBe(
      "acr purge --filter 'apps/.*:^(?!(?:latest|stable)$)(?:.*)$' --filter 'tools:^(?!(?:latest|stable)$)(?:v.*)$' --ago 90d --keep 5 --untagged",
    );
    expect(purgeCommand({ name: 'p', filters: [{ repository: 'a' }], olderThanDays: 7 })).toBe(
      "acr purge --filter 'a:^(?:.*)$' --ago 7d",
    );
  });

  it('keeps protected tags out of the resulting pattern', () => {
    const pattern = new RegExp(purgeTagPattern('.*', purge.protectedTags));
    expect(['latest', 'stable'].filter((t) => pattern.test(t))).toEqual([]);
    expect(['1.0', 'latest-1', 'stable2'].every((t) => pattern.test(t))).toBe(true);
  });

  it('wraps the command in a task file, each $ doubled for the ACR Tasks alias preprocessor', () => {
    expect(purgeTaskFile(purge, 600)).toBe(
      [
        'version: v1.1.0',
        'steps:',
        "  - cmd: acr purge --filter 'apps/.*:^(?!(?:latest|stable)$$)(?:.*)$$' --filter 'tools:^(?!(?:latest|stable)$$)(?:v.*)$$' --ago 90d --keep 5 --untagged",
        '    disableWorkingDirectoryOverride: true',
        '    timeout: 600',
        '',
      ].join('\n'),
    );
  });
});

describe('facts', () => {
  it('lists the private DNS records for the home region and each replica', () => {
    expect(privateDnsRecords('ContosoAcr', 'westeurope', ['northeurope'])).toEqual([
      'contosoacr',
      'contosoacr.northeurope.data',
      'contosoacr.westeurope.data',
    ]);
  });

  it('parses scope-map actions and wildcards', () => {
    expect(parseScopeMapAction('repositories/apps/*/content/write')).toEqual({
      repository: 'apps/*',
      permission: 'content/write',
    });
    expect(parseScopeMapAction('repositories/a*b/content/read')).toBeUndefined();
    expect(isScopeMapRepository('*')).toBe(true);
  });

  it('finds the resource group of a resource ID (the importer role is defined there)', () => {
    const rg = '/subscriptions/0000/resourceGroups/rg-acr-prod';
    expect(resourceGroupIdOf(`${rg}/providers/Microsoft.ContainerRegistry/registries/acr`)).toBe(rg);
    expect(resourceGroupIdOf(rg)).toBe(rg);
    expect(resourceGroupIdOf('/subscriptions/0000')).toBe('/subscriptions/0000');
    expect(
      new RegExp(RESOURCE_GROUP_ID_TERRAFORM_PATTERN.replace('(?i)', ''), 'i').exec(
        `${rg}/providers/x/y/z`,
      )?.[0],
    ).toBe(rg);
  });

  it('finds built-in roles by any scoped definition ID', () => {
    // AcrPush's ID from FACTS.md section 3, written out.
    expect(
      builtInRoleById(
        '/subscriptions/x/providers/Microsoft.Authorization/roleDefinitions/8311e382-0749-4cb8-b61a-304f252e45ec',
      )?.name,
    ).toBe('AcrPush');
    expect(builtInRoleById('8311E382-0749-4CB8-B61A-304F252E45EC')?.name).toBe('AcrPush');
    expect(builtInRoleById('00000000-0000-0000-0000-000000000000')).toBeUndefined();
  });

  it('estimates cost from tier, replicas and storage', () => {
    expect(estimateMonthlyCost('Basic', 0, 10).totalUsd).toBeCloseTo(0.167 * 30.42, 2);
    const premium = estimateMonthlyCost('Premium', 2, 600);
    expect(premium.replicasUsd).toBeCloseTo(2 * 1.667 * 30.42, 2);
    expect(premium.storageUsd).toBeCloseTo(100 * 0.003 * 30.42 * 3, 2);
  });
});

describe('properties', () => {
  const regions = ['northeurope', 'swedencentral', 'francecentral', 'germanywestcentral', 'uksouth'];

  it('accepts any set of distinct non-home replica regions and resolves them sorted', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.constantFrom(...regions), { maxLength: regions.length }), (picked) => {
        const estate = estateOf(env('prod', { replicas: picked.map((location) => ({ location })) }));
        expect(validateEstate(estate).all).toEqual([]);
        const resolved = resolveEstate(estate).environments[0].registry.replicas.map((r) => r.location);
        expect(resolved).toEqual([...picked].sort());
      }),
    );
  });

  it('accepts registry names exactly when they are 5-50 letters and digits', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 0, maxLength: 60 }), (name) => {
        const ok = /^[a-zA-Z0-9]{5,50}$/.test(name);
        const problems = validateEstate(estateOf(env('prod', { name }))).all.filter(
          (p) => p.path === 'prod.registry.name',
        );
        expect(problems.length === 0).toBe(ok);
        expect(NAME_RULES.registry.pattern.test(name)).toBe(ok);
      }),
    );
  });

  it('resolves deterministically', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.constantFrom(...regions)), fc.boolean(), (picked, quarantine) => {
        const estate = estateOf(
          env('prod', { replicas: picked.map((location) => ({ location })), quarantine }),
        );
        expect(JSON.stringify(resolveEstate(estate))).toBe(JSON.stringify(resolveEstate(estate)));
      }),
    );
  });
});
