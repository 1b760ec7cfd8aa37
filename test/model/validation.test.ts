import { DeclarationError, formatProblem } from '../../constructs/model/problems';
import { defineEstate, validateEstate } from '../../constructs/model/estate';
import type { EstateDeclaration, RegistryDeclaration } from '../../constructs/model/declaration';
import { ESTATE } from '../../stacks/environments';
import { PRINCIPAL, SUBNET, VNET, WORKSPACE, env, estateOf } from '../support/declarations';

/** Problems of a one-environment estate named `prod`, as `path: message` lines. */
function problemsOf(
  registry: Partial<RegistryDeclaration>,
  estate: Partial<EstateDeclaration> = {},
): string[] {
  const declaration = { ...estateOf(env('prod', registry)), ...estate };
  return validateEstate(declaration).all.map((p) => `${p.path}: ${p.message}`);
}

const privateEndpoint = { privateEndpoints: [{ name: 'pe-acr', subnetId: SUBNET }] };

describe('tier capabilities', () => {
  it.each([
    ['replicas', { replicas: [{ location: 'northeurope' }] }, 'geo-replication'],
    ['privateEndpoints', { ...privateEndpoint, publicNetworkAccess: true }, 'private endpoints'],
    [
      'networkRules',
      { networkRules: { ipRanges: ['203.0.113.0/24'] } },
      'network rules (IP allow lists, default action)',
    ],
    ['dataEndpoints', { dataEndpoints: true }, 'dedicated data endpoints'],
    ['retentionDays', { retentionDays: 7 }, 'retention of untagged manifests'],
    ['trustPolicy', { trustPolicy: true }, 'content trust'],
    [
      'quarantine',
      {
        quarantine: true,
        webhooks: [{ name: 'scanner', serviceUri: 'https://s.example.com', actions: ['quarantine'] }],
      },
      'the quarantine policy',
    ],
    ['zoneRedundancy', { zoneRedundancy: true }, 'the zone redundancy flag'],
    [
      'encryption',
      {
        encryption: {
          keyVaultKeyId: 'https://kv-acr.vault.azure.net/keys/acr',
          keyVaultId:
            '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv-acr',
        },
        identity: {
          userAssignedIdentityIds: [
            '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-acr',
          ],
        },
      },
      'customer-managed key encryption',
    ],
  ] as const)('%s requires Premium on a Standard registry', (path, registry, label) => {
    expect(problemsOf({ sku: 'Standard', ...registry })).toContain(
      `prod.registry.${path}: ${label} requires the Premium SKU (sku is "Standard")`,
    );
  });

  it('rejects disabling public access and exports below Premium', () => {
    const problems = problemsOf({
      sku: 'Basic',
      publicNetworkAccess: false,
      exportEnabled: false,
      ...privateEndpoint,
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        'prod.registry.publicNetworkAccess: disabling public network access requires the Premium SKU (sku is "Basic")',
        'prod.registry.exportEnabled: disabling exports requires the Premium SKU (sku is "Basic")',
      ]),
    );
  });

  it('allows anonymous pull on Standard but not on Basic', () => {
    expect(problemsOf({ sku: 'Standard', anonymousPull: true })).toEqual([]);
    expect(problemsOf({ sku: 'Basic', anonymousPull: true })).toEqual([
      'prod.registry.anonymousPull: anonymous pull requires the Standard SKU (sku is "Basic")',
    ]);
  });

  it('rejects an unknown SKU', () => {
    expect(problemsOf({ sku: 'Gold' as never })).toContain('prod.registry.sku: unknown SKU "Gold"');
  });

  it('gives the fix in the formatted problem', () => {
    const [problem] = validateEstate(
      estateOf(env('prod', { sku: 'Standard', replicas: [{ location: 'northeurope' }] })),
    ).all;
    expect(formatProblem(problem)).toBe(
      'prod.registry.replicas: geo-replication requires the Premium SKU (sku is "Standard"). Fix: set sku to "Premium" or remove replicas',
    );
  });
});

describe('impossible combinations', () => {
  it('rejects public access off with no private endpoint', () => {
    expect(problemsOf({ publicNetworkAccess: false })).toEqual([
      'prod.registry.publicNetworkAccess: public network access is off and there is no private endpoint, so nobody can reach the registry',
    ]);
  });

  it('rejects export disabled while public access is on', () => {
    expect(problemsOf({ exportEnabled: false })).toEqual([
      'prod.registry.exportEnabled: exports can only be disabled when public network access is off',
    ]);
  });

  it('rejects export disabled in an environment a later one imports from, not in the last', () => {
    const closed = { ...privateEndpoint, publicNetworkAccess: false, exportEnabled: false };
    const problems = validateEstate(estateOf(env('staging', closed), env('prod', closed))).all.map(
      (p) => `${p.path}: ${p.message}`,
    );
    expect(problems).toEqual([
      'staging.registry.exportEnabled: exports are disabled, and "prod" imports its images from this registry: ACR refuses every such import',
    ]);
  });

  it('rejects a network-restricted registry of a promotion chain without trusted services (import fails)', () => {
    const closed = { ...privateEndpoint, publicNetworkAccess: false, bypassAzureServices: false };
    const problems = validateEstate(
      estateOf(env('dev'), env('staging', closed), env('prod', closed)),
    ).all.map((p) => `${p.path}: ${p.message}`);
    expect(problems).toEqual([
      'staging.registry.bypassAzureServices: the registry is network-restricted without trusted services, so promotion cannot import into or from it',
      'prod.registry.bypassAzureServices: the registry is network-restricted without trusted services, so promotion cannot import into it',
    ]);
    // Alone, a registry imports nothing: its own choice.
    expect(validateEstate(estateOf(env('prod', closed))).all).toEqual([]);
  });

  it('rejects a replica in the home region and two replicas in one region', () => {
    expect(
      problemsOf({
        replicas: [{ location: 'westeurope' }, { location: 'northeurope' }, { location: 'northeurope' }],
      }),
    ).toEqual([
      'prod.registry.replicas[0].location: a replica cannot be in the registry\'s home region "westeurope"',
      'prod.registry.replicas[2].location: region "northeurope" has more than one replica',
    ]);
  });

  it('rejects regions outside the allowed list', () => {
    expect(
      problemsOf({ replicas: [{ location: 'eastus' }] }, { allowedRegions: ['westeurope', 'northeurope'] }),
    ).toEqual([
      'prod.registry.replicas[0].location: region "eastus" is not allowed (allowed: westeurope, northeurope)',
    ]);
  });

  it('rejects quarantine without a scanner webhook', () => {
    expect(problemsOf({ quarantine: true })).toEqual([
      'prod.registry.quarantine: quarantine is on but no webhook tells a scanner about quarantined images, so nothing would ever be released',
    ]);
  });

  it('rejects private DNS without endpoints and encryption without an identity', () => {
    expect(problemsOf({ privateDns: { vnetLinks: [{ name: 'link', virtualNetworkId: VNET }] } })).toContain(
      'prod.registry.privateDns: private DNS is declared but there is no private endpoint to resolve',
    );
    expect(
      problemsOf({
        encryption: {
          keyVaultKeyId: 'https://kv-acr.vault.azure.net/keys/k',
          keyVaultId:
            '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv-acr',
          identityClientId: PRINCIPAL,
        },
      }),
    ).toEqual([
      'prod.registry.encryption.identityId: the identity that reads the key is missing: a client or object ID is given without its identity',
    ]);
  });

  it('rejects retention out of range', () => {
    expect(problemsOf({ retentionDays: 400 })).toEqual([
      'prod.registry.retentionDays: retention of 400 days is out of range',
    ]);
  });
});

describe('names and identifiers', () => {
  it('rejects invalid names with the rule', () => {
    expect(problemsOf({ name: 'acr-prod' })).toEqual([
      'prod.registry.name: registry name "acr-prod" is invalid',
    ]);
    expect(
      problemsOf({ webhooks: [{ name: 'hook', serviceUri: 'https://a.example.com', actions: ['push'] }] }),
    ).toEqual(['prod.registry.webhooks[0].name: webhook name "hook" is invalid']);
    expect(
      problemsOf({
        tokens: [
          {
            name: '1token',
            repositories: [{ repository: 'app', permissions: ['content/read'] }],
            passwordLifetimeDays: 30,
          },
        ],
      }),
    ).toEqual(['prod.registry.tokens[0].name: token name "1token" is invalid']);
  });

  it('rejects malformed IDs, GUIDs, CIDRs and regions', () => {
    const problems = problemsOf({
      privateEndpoints: [{ name: 'pe', subnetId: 'snet-1' }],
      privateDns: { existingZoneId: VNET, vnetLinks: [{ name: 'l', virtualNetworkId: SUBNET }] },
      roleAssignments: [{ role: 'AcrPull', principalId: 'ci-bot' }],
      networkRules: { ipRanges: ['300.1.1.1'] },
      diagnostics: { logAnalyticsWorkspaceId: 'law' },
    });
    expect(problems).toEqual([
      'prod.registry.networkRules.ipRanges[0]: "300.1.1.1" is not an IPv4 address or CIDR range',
      'prod.registry.privateEndpoints[0].subnetId: "snet-1" is not a subnet ID: it is not an Azure resource ID',
      `prod.registry.privateDns.existingZoneId: "${VNET}" is not a private DNS zone ID: it is a virtual network ID`,
      `prod.registry.privateDns.vnetLinks[0].virtualNetworkId: "${SUBNET}" is not a virtual network ID: it is a subnet ID`,
      'prod.registry.roleAssignments[0].principalId: "ci-bot" is not an Entra object ID (a GUID)',
      'prod.registry.diagnostics.logAnalyticsWorkspaceId: "law" is not a Log Analytics workspace ID: it is not an Azure resource ID',
    ]);
  });

  it('rejects duplicate environments and registries', () => {
    const a = env('dev');
    const problems = validateEstate({ environments: [a, { ...a }] }).all.map((p) => p.path);
    expect(problems).toEqual(['environments[1].name', 'dev.registry.name', 'dev.resourceGroupName']);
  });

  it('rejects an empty estate and bad environment names', () => {
    expect(validateEstate({ environments: [] }).all.map((p) => p.message)).toEqual([
      'no environment is declared',
    ]);
    expect(validateEstate(estateOf(env('Prod'))).all.map((p) => p.message)).toEqual([
      'environment name "Prod" is invalid',
    ]);
  });
});

describe('access, tokens, tasks, webhooks', () => {
  it('rejects a token without expiry outside the first environment only', () => {
    const token = {
      name: 'pull-token',
      repositories: [{ repository: 'app', permissions: ['content/read' as const] }],
    };
    const estate = {
      environments: [env('dev', { sku: 'Basic', tokens: [token] }), env('prod', { tokens: [token] })],
    };
    expect(validateEstate(estate).all.map(formatProblem)).toEqual([
      'prod.registry.tokens[0].passwordLifetimeDays: token passwords must expire outside the first environment (this is "prod"). Fix: set passwordLifetimeDays, e.g. 30',
    ]);
  });

  it('rejects bad token scopes and permissions', () => {
    expect(
      problemsOf({
        tokens: [
          {
            name: 'bad-token',
            repositories: [
              { repository: 'apps/*/x', permissions: ['content/push' as never] },
              { repository: 'app', permissions: [] },
            ],
            passwordLifetimeDays: 0,
          },
        ],
      }),
    ).toEqual([
      'prod.registry.tokens[0].repositories[0].repository: "apps/*/x" is not a repository or a wildcard ending in "/*"',
      'prod.registry.tokens[0].repositories[0].permissions[0]: unknown permission "content/push"',
      'prod.registry.tokens[0].repositories[1].permissions: no permissions listed',
      'prod.registry.tokens[0].passwordLifetimeDays: a lifetime of 0 days is out of range',
    ]);
  });

  it('rejects duplicate grants and unknown roles', () => {
    expect(
      problemsOf({
        roleAssignments: [
          { role: 'AcrPull', principalId: PRINCIPAL },
          { role: 'AcrPull', principalId: PRINCIPAL },
          { role: 'AcrImport' as never, principalId: PRINCIPAL },
        ],
      }),
    ).toEqual([
      `prod.registry.roleAssignments[1]: "${PRINCIPAL}" already has AcrPull (roleAssignments[0])`,
      'prod.registry.roleAssignments[2].role: "AcrImport" is not an ACR role',
    ]);
  });

  it('refuses the same role to the same principal twice with other repositories: Azure keeps one assignment', () => {
    const reader = 'Container Registry Repository Reader' as const;
    const problems = validateEstate(
      estateOf(
        env('prod', {
          roleAssignmentMode: 'AbacRepositoryPermissions',
          roleAssignments: [
            { role: reader, principalId: PRINCIPAL, repositories: ['apps/*'] },
            { role: reader, principalId: PRINCIPAL.toUpperCase(), repositories: ['tools/*'] },
            { role: reader, principalId: PRINCIPAL },
            { role: reader, principalId: PRINCIPAL, repositories: ['tools/*', 'apps/*'] },
          ],
        }),
      ),
    ).all;
    expect(problems.map((p) => [p.path, p.message])).toEqual([
      [
        'prod.registry.roleAssignments[1].repositories',
        `"${PRINCIPAL.toUpperCase()}" already has ${reader} limited to other repositories (roleAssignments[0]): Azure keeps one assignment per principal, role and registry, whatever its repositories`,
      ],
      [
        'prod.registry.roleAssignments[2]',
        `"${PRINCIPAL}" already has ${reader} limited to other repositories (roleAssignments[0]): Azure keeps one assignment per principal, role and registry, whatever its repositories`,
      ],
      [
        'prod.registry.roleAssignments[3].repositories',
        expect.stringContaining('limited to other repositories'),
      ],
    ]);
    expect(problems[0].fix).toBe(
      'merge the two into one assignment listing every repository the principal needs (or none for the whole registry)',
    );
    // The same repositories in another order are the same grant declared twice.
    expect(
      problemsOf({
        roleAssignmentMode: 'AbacRepositoryPermissions',
        roleAssignments: [
          { role: reader, principalId: PRINCIPAL, repositories: ['apps/*', 'tools/*'] },
          { role: reader, principalId: PRINCIPAL, repositories: ['tools/*', 'apps/*'] },
        ],
      }),
    ).toEqual([
      `prod.registry.roleAssignments[1]: "${PRINCIPAL}" already has ${reader} (roleAssignments[0])`,
    ]);
  });

  it('rejects http webhooks, unknown actions, bad scopes and too many webhooks for the tier', () => {
    expect(
      problemsOf({
        webhooks: [
          {
            name: 'hook1',
            serviceUri: 'http://a.example.com',
            actions: ['push', 'pull' as never],
            scope: 'App:*',
          },
        ],
      }),
    ).toEqual([
      'prod.registry.webhooks[0].serviceUri: "http://a.example.com" is not an https URI',
      'prod.registry.webhooks[0].actions[1]: unknown action "pull"',
      'prod.registry.webhooks[0].scope: "App:*" is not a webhook scope',
    ]);
    const webhooks = ['hook1', 'hook2', 'hook3'].map((name) => ({
      name,
      serviceUri: 'https://a.example.com',
      actions: ['push' as const],
    }));
    expect(problemsOf({ sku: 'Basic', webhooks })).toEqual([
      'prod.registry.webhooks: 3 webhooks exceed the Basic limit of 2',
    ]);
  });

  it('rejects bad task and purge settings', () => {
    expect(
      problemsOf({
        tasks: [
          {
            name: 'bld',
            step: { type: 'docker', contextPath: '.', imageNames: [] },
            sourceTrigger: { repositoryUrl: 'git@github.com:o/r.git' },
            timers: [{ name: 't', schedule: 'daily' }],
            timeoutSeconds: 10,
          },
        ],
        purges: [
          {
            name: 'purge-1',
            filters: [{ repository: 'app', tags: '(' }],
            olderThanDays: -1,
            protectedTags: ['-bad'],
          },
        ],
      }),
    ).toEqual([
      'prod.registry.tasks[0].name: task name "bld" is invalid',
      'prod.registry.tasks[0].timeoutSeconds: a timeout of 10 seconds is out of range',
      'prod.registry.tasks[0].step.imageNames: a build that pushes needs at least one image name',
      'prod.registry.tasks[0].sourceTrigger.repositoryUrl: "git@github.com:o/r.git" is not an https Git URL',
      'prod.registry.tasks[0].timers[0].schedule: "daily" is not a cron schedule: it has 1 field, not five (minute hour day month weekday)',
      'prod.registry.purges[0].olderThanDays: -1 is not a whole number of days from 0 to 54750',
      'prod.registry.purges[0].filters[0].tags: "(" is not a pattern acr purge can take: a "(" is not closed',
      'prod.registry.purges[0].protectedTags[0]: "-bad" is not a tag',
    ]);
  });
});

describe('defineEstate', () => {
  it('throws one DeclarationError listing every problem', () => {
    const estate = estateOf(
      env('prod', {
        sku: 'Standard',
        replicas: [{ location: 'northeurope' }],
        webhooks: [{ name: 'hook1', serviceUri: 'http://x', actions: ['push'] }],
      }),
    );
    expect(() => defineEstate(estate)).toThrow(DeclarationError);
    try {
      defineEstate(estate);
    } catch (error) {
      expect((error as DeclarationError).problems).toHaveLength(2);
      expect((error as Error).message).toMatch(
        /^The declaration has 2 problems:\n {2}- prod\.registry\.replicas: geo-replication requires the Premium SKU/,
      );
    }
  });

  it('accepts the shipped estate', () => {
    expect(validateEstate(ESTATE).all).toEqual([]);
  });

  it('accepts a full-featured valid Premium registry', () => {
    expect(
      problemsOf({
        ...privateEndpoint,
        privateDns: { vnetLinks: [{ name: 'link', virtualNetworkId: VNET }] },
        diagnostics: { logAnalyticsWorkspaceId: WORKSPACE },
        roleAssignments: [{ role: 'AcrPull', principalId: PRINCIPAL }],
        exportEnabled: false,
      }),
    ).toEqual([]);
  });
});
