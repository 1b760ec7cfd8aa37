/**
 * The declaration accepts nothing Azure rejects: names, regions, tags, cron schedules, enums, GUIDs,
 * Key Vault key IDs and resource IDs, each judged against the model's facts, each problem with its
 * path, what is wrong and the fix. Expected outcomes come from the Azure rules (Microsoft Learn naming
 * rules, the azurerm validators, ACR Tasks cron syntax), not from the code.
 */
import { DeclarationError } from '../../constructs/model/problems';
import type { Problem } from '../../constructs/model/problems';
import { defineEstate, validateEstate } from '../../constructs/model/estate';
import type {
  EnvironmentDeclaration,
  EstateDeclaration,
  RegistryDeclaration,
} from '../../constructs/model/declaration';
import { PRINCIPAL, SUBNET, VNET, WORKSPACE, env, estateOf } from '../support/declarations';

const IDENTITY =
  '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-id/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-acr';

/** Every problem of a one-environment estate named `prod`. */
function problems(
  registry: Partial<RegistryDeclaration> = {},
  extra: Partial<EnvironmentDeclaration> = {},
  estate: Partial<EstateDeclaration> = {},
): Problem[] {
  return [...validateEstate({ ...estateOf(env('prod', registry, extra)), ...estate }).all];
}

/** The problem at `path`, failing when there is none or more than one. */
function at(found: readonly Problem[], path: string): Omit<Problem, 'path'> {
  const matching = found.filter((p) => p.path === path);
  if (matching.length !== 1)
    throw new Error(`expected one problem at ${path}, got: ${JSON.stringify(found, null, 1)}`);
  return { message: matching[0].message, fix: matching[0].fix };
}

describe('regions', () => {
  it.each([
    ['mars', 'use the ARM spelling of a public-cloud region, e.g. "westeurope" (az account list-locations)'],
    ['westeurope2', 'use the ARM spelling "westeurope"'],
    ['West Europe', 'use the ARM spelling "westeurope"'],
    ['NorthEurope', 'use the ARM spelling "northeurope"'],
    ['swedencentrl', 'use the ARM spelling "swedencentral"'],
  ])('rejects %j as the home region, with the fix %j', (location, fix) => {
    expect(at(problems({}, { location }), 'prod.location')).toEqual({
      message: `"${location}" is not an Azure region name`,
      fix,
    });
  });

  it('checks replicas, private endpoint locations and the allowed-regions list', () => {
    const found = problems(
      {
        replicas: [{ location: 'North Europe' }],
        privateEndpoints: [{ name: 'pe-acr', subnetId: SUBNET, location: 'uk south' }],
      },
      {},
      { allowedRegions: ['westeurope', 'germany-west-central'] },
    );
    expect(found.map((p) => `${p.path}: ${p.message}. Fix: ${p.fix}`)).toEqual([
      'allowedRegions[1]: "germany-west-central" is not an Azure region name. Fix: use the ARM spelling "germanywestcentral"',
      'prod.registry.replicas[0].location: "North Europe" is not an Azure region name. Fix: use the ARM spelling "northeurope"',
      'prod.registry.privateEndpoints[0].location: "uk south" is not an Azure region name. Fix: use the ARM spelling "uksouth"',
    ]);
  });

  it('accepts newer regions from the ARM list', () => {
    expect(problems({ replicas: [{ location: 'belgiumcentral' }, { location: 'malaysiawest' }] })).toEqual(
      [],
    );
  });
});

describe('resource group names', () => {
  const fix =
    'use 1-90 letters, digits, underscores, parentheses, hyphens or periods, not ending with a period';
  it.each([[''], ['rg prod'], ['r'.repeat(91)], ['rg-prod.'], ['rg/prod'], ['rg-pröd']])(
    'rejects %j',
    (name) => {
      const problem = at(problems({}, { resourceGroupName: name }), 'prod.resourceGroupName');
      expect(problem.fix).toBe(fix);
      expect(problem.message).toMatch(/^resource group name ".*" is invalid$/);
    },
  );

  it('accepts every character Azure and azurerm both allow, up to 90', () => {
    expect(problems({}, { resourceGroupName: 'Rg_(prod).a-1' })).toEqual([]);
    expect(problems({}, { resourceGroupName: 'r'.repeat(90) })).toEqual([]);
  });
});

describe('tags', () => {
  it('rejects forbidden characters in names, names over 512 bytes and values over 256 bytes', () => {
    const found = problems(
      { tags: { 'team/owner': 'x', ['k'.repeat(513)]: 'v', big: 'v'.repeat(257), wide: 'é'.repeat(129) } },
      { tags: { 'cost<center': 'a' } },
    );
    expect(at(found, 'prod.tags["cost<center"]')).toEqual({
      message: 'tag name "cost<center" contains one of < > % & \\ ? /',
      fix: 'remove those characters from the tag name',
    });
    expect(at(found, 'prod.registry.tags["team/owner"]').message).toBe(
      'tag name "team/owner" contains one of < > % & \\ ? /',
    );
    expect(at(found, `prod.registry.tags["${'k'.repeat(300)}…"]`)).toEqual({
      message: `tag name "${'k'.repeat(300)}…" is 513 bytes long (at most 512)`,
      fix: 'shorten the tag name',
    });
    expect(at(found, 'prod.registry.tags.big')).toEqual({
      message: 'the value of tag "big" is 257 bytes long (at most 256)',
      fix: 'shorten the value',
    });
    // 129 characters, 258 bytes: azurerm counts bytes, so the stricter count applies.
    expect(at(found, 'prod.registry.tags.wide').message).toBe(
      'the value of tag "wide" is 258 bytes long (at most 256)',
    );
  });

  it('rejects more than 50 tags on the merged environment and registry tags', () => {
    const many = (prefix: string, n: number) =>
      Object.fromEntries(Array.from({ length: n }, (_, i) => [`${prefix}${i}`, 'x']));
    expect(problems({ tags: many('r', 30) }, { tags: many('e', 21) })).toEqual([
      {
        path: 'prod.registry.tags',
        message: '51 tags exceed the limit of 50 on every resource of the environment',
        fix: 'keep at most 50 tags (put several values in one JSON tag value if needed)',
      },
    ]);
    expect(problems({ tags: many('r', 30) }, { tags: many('e', 20) })).toEqual([]);
  });

  it('leaves room for the purge tag, and keeps to 15 when the stack creates the private DNS zone', () => {
    const tags = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`t${i}`, 'x']));
    const purge = { name: 'purge-all', filters: [{ repository: 'apps/.*' }], olderThanDays: 30 };
    expect(at(problems({ tags: tags(50), purges: [purge] }), 'prod.registry.tags').message).toBe(
      '50 tags exceed the limit of 49 on purge tasks, which add the acr-iac-purge tag',
    );
    const withZone = { privateEndpoints: [{ name: 'pe-acr', subnetId: SUBNET }], tags: tags(16) };
    expect(at(problems(withZone), 'prod.registry.tags').message).toBe(
      '16 tags exceed the limit of 15 on the private DNS zone the stack creates',
    );
    const hubZone =
      '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-hub/providers/Microsoft.Network/privateDnsZones/privatelink.azurecr.io';
    expect(problems({ ...withZone, privateDns: { existingZoneId: hubZone } })).toEqual([]);
  });

  it('rejects two tag names that differ only in case, as Azure treats them as one', () => {
    expect(
      at(problems({ tags: { owner: 'b' } }, { tags: { Owner: 'a' } }), 'prod.registry.tags.owner'),
    ).toEqual({
      message: 'tag names "Owner" and "owner" differ only in case, and Azure treats them as one',
      fix: 'keep one of them',
    });
  });

  it('counts replica tags on top of the registry tags', () => {
    const tags = (p: string, n: number) =>
      Object.fromEntries(Array.from({ length: n }, (_, i) => [`${p}${i}`, 'x']));
    expect(
      at(
        problems({ tags: tags('r', 40), replicas: [{ location: 'northeurope', tags: tags('x', 11) }] }),
        'prod.registry.replicas[0].tags',
      ).message,
    ).toBe('51 tags exceed the limit of 50 on the replica');
  });
});

describe('names of endpoints, links and inputs', () => {
  it('rejects private endpoint and VNet link names Azure rejects', () => {
    const found = problems({
      privateEndpoints: [
        { name: 'p', subnetId: SUBNET },
        { name: '-pe', subnetId: SUBNET },
        { name: `pe-${'x'.repeat(62)}`, subnetId: SUBNET },
        { name: 'pe-acr.', subnetId: SUBNET },
      ],
      privateDns: { vnetLinks: [{ name: 'link with space', virtualNetworkId: VNET }] },
    });
    const endpointFix =
      'use 2-64 letters, digits, underscores, periods or hyphens, starting with a letter or digit and ending with a letter, digit or underscore';
    for (const i of [0, 1, 2, 3])
      expect(at(found, `prod.registry.privateEndpoints[${i}].name`).fix).toBe(endpointFix);
    expect(at(found, 'prod.registry.privateDns.vnetLinks[0].name')).toEqual({
      message: 'VNet link name "link with space" is invalid',
      fix: 'use 1-80 letters, digits, underscores, periods or hyphens, starting with a letter or digit and ending with a letter, digit or underscore',
    });
  });

  it('accepts an endpoint name ending in an underscore and a one-character link name', () => {
    expect(
      problems({
        privateEndpoints: [{ name: 'pe_acr_', subnetId: SUBNET }],
        privateDns: { vnetLinks: [{ name: 'l', virtualNetworkId: VNET }] },
      }),
    ).toEqual([]);
  });

  it('rejects a VNet link named like a private endpoint (the stack names both after their names)', () => {
    expect(
      at(
        problems({
          privateEndpoints: [{ name: 'pe-acr', subnetId: SUBNET }],
          privateDns: { vnetLinks: [{ name: 'pe-acr', virtualNetworkId: VNET }] },
        }),
        'prod.registry.privateDns.vnetLinks[0].name',
      ),
    ).toEqual({
      message: '"pe-acr" is also the name of a private endpoint',
      fix: 'give the VNet link a name of its own, e.g. "link-<vnet>"',
    });
  });

  it('rejects input names Terraform reserves and one input used for a token and for headers', () => {
    const found = problems({
      tasks: [
        {
          name: 'build-app',
          step: { type: 'docker', contextPath: 'https://github.com/o/r.git', imageNames: ['app:1'] },
          gitTokenInput: 'shared',
        },
        {
          name: '12345',
          step: { type: 'docker', contextPath: 'https://github.com/o/r.git', imageNames: ['app:1'] },
        },
      ],
      webhooks: [
        { name: 'hookone', serviceUri: 'https://a.example.com', actions: ['push'], headersInput: 'count' },
        { name: 'hooktwo', serviceUri: 'https://a.example.com', actions: ['push'], headersInput: 'shared' },
      ],
    });
    expect(at(found, 'prod.registry.webhooks[0].headersInput')).toEqual({
      message: 'input name "count" is reserved (a JavaScript or Terraform built-in name)',
      fix: 'choose another name; use a letter or underscore, then letters, digits or underscores, 64 in all',
    });
    expect(at(found, 'prod.registry.webhooks[1].headersInput').message).toBe(
      `input "shared" already holds a task's Git token`,
    );
    // The default input name of task 12345 would start with a digit: not a Terraform variable name.
    expect(at(found, 'prod.registry.tasks[1].gitTokenInput').message).toBe(
      'input name "12345_git_token" is invalid',
    );
  });
});

describe('cron schedules', () => {
  const fix =
    'use five fields "minute hour day month weekday" (0-59 0-23 1-31 1-12 0-6), e.g. "0 2 * * *" for daily at 02:00 UTC';
  const withSchedule = (schedule: string) =>
    problems({
      purges: [{ name: 'purge-all', filters: [{ repository: 'apps' }], olderThanDays: 7, schedule }],
    });

  it.each([
    ['60 2 * * *', 'minute 60 is out of range 0-59'],
    ['0 24 * * *', 'hour 24 is out of range 0-23'],
    ['0 2 0 * *', 'day 0 is out of range 1-31'],
    ['0 2 32 * *', 'day 32 is out of range 1-31'],
    ['0 2 * 13 *', 'month 13 is out of range 1-12'],
    ['0 2 * * 7', 'weekday 7 is out of range 0-6'],
    ['0 2 * * Fun', 'weekday "Fun" is not a number or a name such as "sun"'],
    ['*/0 * * * *', 'minute step "0" is not a number from 1 to 60'],
    ['5/10 * * * *', 'minute "5/10" steps from a single value; write "*/10" or a range such as "5-59/10"'],
    ['0 20-8 * * *', 'hour range "20-8" runs backwards'],
    ['0 1,,2 * * *', 'hour "1,,2" has an empty list item'],
    ['0 2 * *', 'it has 4 fields, not five (minute hour day month weekday)'],
    ['0 0 2 * * *', 'it has 6 fields, not five (minute hour day month weekday)'],
    [' 0 2 * * *', 'it starts or ends with white space'],
  ])('rejects %j: %s', (schedule, reason) => {
    expect(at(withSchedule(schedule), 'prod.registry.purges[0].schedule')).toEqual({
      message: `"${schedule}" is not a cron schedule: ${reason}`,
      fix,
    });
  });

  it.each([
    '0 2 * * *',
    '*/5 * * * *',
    '0 9-17 * * 1-5',
    '20,30,40 * * * *',
    '0 0-23/2 * * *',
    '30 9 * Jan Mon',
    '0 12 * * Mon-Fri',
    '0 0 1 JANUARY,jul sunday',
    '59 23 31 12 6',
  ])('accepts %j', (schedule) => {
    expect(withSchedule(schedule)).toEqual([]);
  });
});

describe('enums', () => {
  it('rejects enforcement "Mandatory" instead of reading it as advisory', () => {
    const declaration = estateOf(env('prod', {}, { enforcement: 'Mandatory' as never }));
    expect(validateEstate(declaration).all).toEqual([
      {
        path: 'prod.enforcement',
        message: '"Mandatory" is not a valid enforcement (did you mean "mandatory"?)',
        fix: 'use one of "advisory", "mandatory"',
      },
    ]);
    expect(() => defineEstate(declaration)).toThrow(DeclarationError);
  });

  it('rejects task OS, source type, trigger events and network default actions outside the provider enums', () => {
    const found = problems({
      networkRules: { defaultAction: 'deny' as never, ipRanges: ['203.0.113.0/24'] },
      tasks: [
        {
          name: 'build-app',
          os: 'linux' as never,
          step: { type: 'docker', contextPath: 'https://github.com/o/r.git', imageNames: ['app:1'] },
          sourceTrigger: {
            repositoryUrl: 'https://github.com/o/r.git',
            sourceType: 'GitLab' as never,
            events: ['push' as never],
          },
        },
      ],
    });
    expect(found).toEqual([
      {
        path: 'prod.registry.networkRules.defaultAction',
        message: '"deny" is not a valid default action (did you mean "Deny"?)',
        fix: 'use one of "Allow", "Deny"',
      },
      {
        path: 'prod.registry.tasks[0].os',
        message: '"linux" is not a valid task OS (did you mean "Linux"?)',
        fix: 'use one of "Linux", "Windows"',
      },
      {
        path: 'prod.registry.tasks[0].sourceTrigger.events[0]',
        message: '"push" is not a valid source trigger event',
        fix: 'use one of "commit", "pullrequest"',
      },
      {
        path: 'prod.registry.tasks[0].sourceTrigger.sourceType',
        message: '"GitLab" is not a valid source type',
        fix: 'use one of "Github", "VisualStudioTeamService"',
      },
    ]);
  });

  it('rejects an unknown step type at the type property', () => {
    const found = problems({
      tasks: [{ name: 'build-app', step: { type: 'buildpack', contextPath: '.' } as never }],
    });
    expect(found).toEqual([
      {
        path: 'prod.registry.tasks[0].step.type',
        message: 'type "buildpack" is unknown',
        fix: 'use one of "docker", "file"',
      },
    ]);
  });
});

describe('backend storage names', () => {
  const backend = {
    resourceGroupName: 'rg-tfstate',
    storageAccountName: 'sttfstate01',
    containerName: 'tfstate',
  };
  const backendProblems = (b: Partial<typeof backend> & { keyPrefix?: string }) =>
    validateEstate({ ...estateOf(env('prod')), backend: { ...backend, ...b } }).all;

  it('accepts a valid backend', () => {
    expect(backendProblems({ keyPrefix: 'acr-iac/prod/' })).toEqual([]);
  });

  it.each(['st', 'StTfState', 'st_tfstate', 's'.repeat(25)])(
    'rejects the storage account name %j',
    (name) => {
      expect(backendProblems({ storageAccountName: name })).toEqual([
        {
          path: 'backend.storageAccountName',
          message: `storage account name "${name}" is invalid`,
          fix: 'use 3-24 lowercase letters and digits',
        },
      ]);
    },
  );

  it.each(['tf', 'tf--state', '-tfstate', 'tfstate-', 'TfState', 'c'.repeat(64)])(
    'rejects the container name %j',
    (name) => {
      expect(backendProblems({ containerName: name })).toEqual([
        {
          path: 'backend.containerName',
          message: `storage container name "${name}" is invalid`,
          fix: 'use 3-63 lowercase letters, digits or hyphens, starting and ending with a letter or digit, without two hyphens in a row',
        },
      ]);
    },
  );

  it('rejects a state key prefix that climbs out or holds odd characters, and a bad resource group', () => {
    const found = backendProblems({ keyPrefix: '../other/', resourceGroupName: 'rg.' });
    expect(found.map((p) => p.path)).toEqual(['backend.resourceGroupName', 'backend.keyPrefix']);
    expect(backendProblems({ keyPrefix: '/abs' })[0].message).toBe('"/abs" is not a usable state key prefix');
  });
});

describe('GUIDs, Key Vault key IDs and resource IDs', () => {
  const encryption = (keyVaultKeyId: string, identityClientId = PRINCIPAL) =>
    problems({
      encryption: {
        keyVaultKeyId,
        keyVaultId: `${IDENTITY.split('/providers/')[0]}/providers/Microsoft.KeyVault/vaults/kv-acr`,
        identityId: IDENTITY,
        identityClientId,
        identityPrincipalId: PRINCIPAL,
      },
      identity: { userAssignedIdentityIds: [IDENTITY] },
    });

  it('accepts a versionless or versioned Key Vault key ID', () => {
    expect(encryption('https://kv-acr.vault.azure.net/keys/acr-cmk')).toEqual([]);
    expect(
      encryption('https://kv-acr.vault.azure.net/keys/acr-cmk/0123456789abcdef0123456789abcdef'),
    ).toEqual([]);
  });

  it.each([
    'https://kv-acr.vault.azure.net/secrets/acr-cmk',
    'http://kv-acr.vault.azure.net/keys/acr-cmk',
    'https://kv.vault.azure.net/keys/acr-cmk',
    'https://kv--acr.vault.azure.net/keys/acr-cmk',
    'https://kv-acr.vault.azure.net/keys/acr-cmk/v2',
    'https://kv-acr.example.com/keys/acr-cmk',
    'kv-acr/acr-cmk',
  ])('rejects the key ID %j', (id) => {
    expect(at(encryption(id), 'prod.registry.encryption.keyVaultKeyId')).toEqual({
      message: `"${id}" is not a Key Vault key ID`,
      fix: 'use the versionless ID https://<vault>.vault.azure.net/keys/<name>',
    });
  });

  it('rejects a client ID or principal ID that is not a GUID', () => {
    expect(
      at(
        encryption('https://kv-acr.vault.azure.net/keys/acr-cmk', 'id-acr'),
        'prod.registry.encryption.identityClientId',
      ),
    ).toEqual({
      message: '"id-acr" is not a GUID',
      fix: "use the identity's client ID",
    });
    expect(
      at(
        problems({ roleAssignments: [{ role: 'AcrPull', principalId: 'aaaaaaaa-bbbb-cccc-dddd' }] }),
        'prod.registry.roleAssignments[0].principalId',
      ).message,
    ).toBe('"aaaaaaaa-bbbb-cccc-dddd" is not an Entra object ID (a GUID)');
  });

  it('rejects resource IDs with a subscription that is not a GUID or of the wrong resource type', () => {
    const found = problems({
      privateEndpoints: [{ name: 'pe-acr', subnetId: VNET }],
      privateDns: {
        vnetLinks: [
          { name: 'link', virtualNetworkId: VNET.replace('00000000-0000-0000-0000-000000000000', 'sub-1') },
        ],
      },
      diagnostics: { logAnalyticsWorkspaceId: SUBNET },
      identity: { userAssignedIdentityIds: [WORKSPACE] },
    });
    expect(at(found, 'prod.registry.privateEndpoints[0].subnetId')).toEqual({
      message: `"${VNET}" is not a subnet ID: it is a virtual network ID`,
      fix: 'use /subscriptions/<subscription GUID>/resourceGroups/<group>/providers/Microsoft.Network/virtualNetworks/<vnet>/subnets/<subnet>',
    });
    expect(at(found, 'prod.registry.privateDns.vnetLinks[0].virtualNetworkId').message).toMatch(
      /is not a virtual network ID: its subscription "sub-1" is not a GUID$/,
    );
    expect(at(found, 'prod.registry.diagnostics.logAnalyticsWorkspaceId').message).toMatch(
      /is not a Log Analytics workspace ID: it is a subnet ID$/,
    );
    expect(at(found, 'prod.registry.identity.userAssignedIdentityIds[0]').message).toMatch(
      /is not a user-assigned identity ID: it is a Log Analytics workspace ID$/,
    );
  });

  it('no longer takes a ${...} reference for an ID', () => {
    expect(
      at(
        problems({ diagnostics: { logAnalyticsWorkspaceId: '${azurerm_log_analytics_workspace.law.id}' } }),
        'prod.registry.diagnostics.logAnalyticsWorkspaceId',
      ).message,
    ).toBe(
      '"${azurerm_log_analytics_workspace.law.id}" contains "${" or "%{", which Terraform would read as an expression',
    );
  });
});

describe('all problems at once', () => {
  it('lists every problem of a declaration with many mistakes, each at its path', () => {
    const declaration: EstateDeclaration = {
      environments: [
        env(
          'prod',
          {
            replicas: [{ location: 'mars' }],
            privateEndpoints: [{ name: 'p', subnetId: SUBNET }],
            tags: { 'a/b': 'x' },
          },
          { location: 'West Europe', resourceGroupName: 'rg.', enforcement: 'Mandatory' as never },
        ),
      ],
      backend: { resourceGroupName: 'rg-state', storageAccountName: 'ST', containerName: 'x' },
    };
    expect(validateEstate(declaration).all.map((p) => p.path)).toEqual([
      'backend.storageAccountName',
      'backend.containerName',
      'prod.resourceGroupName',
      'prod.enforcement',
      'prod.registry.tags["a/b"]',
      'prod.location',
      'prod.registry.replicas[0].location',
      'prod.registry.privateEndpoints[0].name',
    ]);
  });
});
