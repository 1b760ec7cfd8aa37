/**
 * The Pulumi components under mocks: type tokens, parents, inputs, protect and secrets for each option.
 */
import * as pulumi from '@pulumi/pulumi';
import { Provider as AzureClassicProvider } from '@pulumi/azure/provider';
import { definePulumiProgram } from '../../stacks/pulumi-stack';
import { definePulumiProgram as programOf } from '../../constructs/pulumi/program';
import { runUnderMocks } from '../../policies/inventory/pulumi-program/mocks';
import { Environment } from '../../constructs/pulumi/environment';
import { defineEstate } from '../../constructs/model/estate';
import { builtInRoleById } from '../../constructs/model/role-directory';

import { RegistryReference } from '../../constructs/pulumi/registry-reference';
import { PRINCIPAL, SUBNET, VNET, env, estateOf } from '../support/declarations';
import { AZURE_NATIVE, one, ofType, renderEstate } from './helpers';

const T = AZURE_NATIVE;

/** The actions `az acr import` needs on the target (FACTS.md section 3), written out. */
const REGISTRY_READ = 'Microsoft.ContainerRegistry/registries/read';
const IMPORT_ACTION = 'Microsoft.ContainerRegistry/registries/importImage/action';

describe('Pulumi components: other options', () => {
  it('renders a minimal Standard registry without Premium-only settings, lock or protect', async () => {
    const estate = estateOf(
      env('dev', {
        sku: 'Standard',
        tokens: [{ name: 'forever', repositories: [{ repository: 'a', permissions: ['content/read'] }] }],
      }),
    );
    const result = (await renderEstate(estate)).get('dev')!;
    const registry = one(result, T.registry);
    expect(registry.protect).toBe(false);
    expect(registry.inputs.dataEndpointEnabled).toBeUndefined();
    expect(registry.inputs.policies).toEqual({
      exportPolicy: { status: 'enabled' },
      // The first environment keeps Azure's default: ARM-audience tokens on.
      azureADAuthenticationAsArmPolicy: { status: 'enabled' },
    });
    expect(ofType(result, T.lock)).toHaveLength(0);
    expect(one(result, T.token).inputs.credentials).toBeUndefined();
  });

  it("links VNets to a hub zone in another subscription through a provider on the zone's subscription", async () => {
    const HUB = '11111111-2222-3333-4444-555555555555';
    const zoneId = `/subscriptions/${HUB}/resourceGroups/rg-hub-dns/providers/Microsoft.Network/privateDnsZones/privatelink.azurecr.io`;
    const [environment] = defineEstate(
      estateOf(
        env('prod', {
          privateEndpoints: [{ name: 'pe-one', subnetId: SUBNET }],
          privateDns: {
            existingZoneId: zoneId,
            vnetLinks: [{ name: 'link-a', virtualNetworkId: VNET }],
            linksInZoneSubscription: true,
          },
        }),
      ),
    ).environments;
    const providers = new Map<string, unknown>();
    const result = await runUnderMocks(
      () => {
        pulumi.runtime.registerStackTransformation((args) => {
          providers.set(args.type, (args.opts as pulumi.CustomResourceOptions).provider);
          return undefined;
        });
        return new Environment('prod', { environment });
      },
      { stack: 'prod' },
    );
    const provider = one(result, 'pulumi:providers:azure-native');
    expect(provider.inputs).toMatchObject({ subscriptionId: HUB });
    expect(pulumi.ProviderResource.isInstance(providers.get(T.link))).toBe(true);
    // The endpoint stays on the default provider of the deploying subscription.
    expect(providers.get(T.endpoint)).toBeUndefined();
  });

  it('uses an existing zone by ID and links VNets in its resource group', async () => {
    const zoneId =
      '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-hub-dns/providers/Microsoft.Network/privateDnsZones/privatelink.azurecr.io';
    const estate = estateOf(
      env('hub', {
        privateEndpoints: [{ name: 'pe-hub', subnetId: SUBNET }],
        privateDns: { existingZoneId: zoneId, vnetLinks: [{ name: 'link-hub', virtualNetworkId: VNET }] },
      }),
    );
    const result = (await renderEstate(estate)).get('hub')!;
    expect(ofType(result, T.zone)).toHaveLength(0);
    expect(one(result, T.link).inputs.resourceGroupName).toBe('rg-hub-dns');
    expect(one(result, T.zoneGroup).inputs.privateDnsZoneConfigs).toEqual([
      { name: 'privatelink-azurecr-io', privateDnsZoneId: zoneId },
    ]);
  });

  it('builds a promotion hop: identity, pull on the source, the built-in importer role on the target', async () => {
    const result = (await renderEstate(estateOf(env('dev'), env('prod')))).get('prod')!;
    expect(one(result, T.identity).inputs).toMatchObject({ resourceName: 'id-promote-dev-to-prod' });
    expect(ofType(result, T.roleDefinition)).toEqual([]);
    const grants = ofType(result, T.roleAssignment);
    const pull = grants.find((g) => typeof g.inputs.scope === 'string')!;
    expect(pull.inputs.scope).toMatch(/registries\/acrdevtest$/);
    expect(pull.inputs.roleDefinitionId).toMatch(/roleDefinitions\/7f951dda-4ed3-4680-a7ca-43fe172d538d$/);
    expect(pull.propertyDependencies.principalId).toEqual([one(result, T.identity).urn]);
    const importer = grants.find((g) => g !== pull)!;
    // Container Registry Data Importer and Data Reader (FACTS.md section 3).
    expect(importer.inputs.roleDefinitionId).toMatch(
      /roleDefinitions\/577a9874-89fd-4f24-9dbd-b5034d0ad23a$/,
    );
  });

  it('builds the custom importer role on request, with registries/read and the import action', async () => {
    const result = (await renderEstate(estateOf(env('dev'), env('prod', { importerRole: 'custom' })))).get(
      'prod',
    )!;
    const definition = one(result, T.roleDefinition);
    expect(definition.inputs).toMatchObject({
      roleName: 'AcrImporter-acrprodtest',
      permissions: [{ actions: [REGISTRY_READ, IMPORT_ACTION] }],
    });
    const importer = ofType(result, T.roleAssignment).find((g) => typeof g.inputs.scope !== 'string')!;
    expect(importer.propertyDependencies.roleDefinitionId).toEqual([definition.urn]);
  });

  it('grantImport (custom): pull on the source, one custom importer role however many principals', async () => {
    const environment = defineEstate(estateOf(env('prod'))).environments[0];
    const result = await runUnderMocks(
      () => {
        const prod = new Environment('prod', { environment, tokenPasswordsIssuedOn: '2026-01-01' });
        const source = new RegistryReference('shared', {
          name: 'sharedacr',
          resourceGroupName: 'rg-shared',
          subscriptionId: '00000000-0000-0000-0000-000000000000',
        });
        const custom = { importerRole: 'custom' } as const;
        const first = prod.registry.grantImport(
          { principalId: PRINCIPAL, description: 'mirror job' },
          source,
          custom,
        );
        prod.registry.grantImport({ principalId: 'bbbbbbbb-bbbb-cccc-dddd-eeeeeeeeeeee' }, source, custom);
        expect(prod.registry.grantImport({ principalId: PRINCIPAL }, source, custom)).toEqual(first);
      },
      { stack: 'prod' },
    );
    const definition = one(result, T.roleDefinition);
    // Custom roles cannot be made assignable at one resource: the role lives at the registry's resource
    // group, derived from the registry ID (unknown in a preview, hence checked through its dependency).
    const registry = one(result, T.registry);
    expect(definition.propertyDependencies.assignableScopes).toEqual([registry.urn]);
    expect(definition.propertyDependencies.scope).toEqual([registry.urn]);
    expect(definition.inputs).toMatchObject({
      roleName: 'AcrImporter-acrprodtest',
      permissions: [{ actions: [REGISTRY_READ, IMPORT_ACTION] }],
    });
    const grants = ofType(result, T.roleAssignment);
    const imports = grants.filter((g) => g.propertyDependencies.roleDefinitionId?.includes(definition.urn));
    expect(imports.map((g) => g.inputs.principalId).sort()).toEqual(
      [PRINCIPAL, 'bbbbbbbb-bbbb-cccc-dddd-eeeeeeeeeeee'].sort(),
    );
    const pulls = grants.filter((g) =>
      String(g.inputs.roleDefinitionId).endsWith('7f951dda-4ed3-4680-a7ca-43fe172d538d'),
    );
    expect(pulls.map((g) => g.inputs.scope)).toEqual([
      expect.stringMatching(/registries\/sharedacr$/),
      expect.stringMatching(/registries\/sharedacr$/),
    ]);
  });

  it('renders a file-step task and a disabled webhook; the program reads no secrets it was not given', async () => {
    const estate = estateOf(
      env('dev', {
        tasks: [
          {
            name: 'multi-step',
            step: { type: 'file', contextPath: 'https://github.com/c/r.git', taskFilePath: 'acr-task.yaml' },
          },
        ],
        webhooks: [
          { name: 'offhook', serviceUri: 'https://x.example.com', actions: ['push'], enabled: false },
        ],
      }),
    );
    const result = await runUnderMocks(
      () => new Environment('dev', { environment: defineEstate(estate).environments[0] }),
      { stack: 'dev' },
    );
    const task = one(result, T.task);
    expect(task.inputs.step).toMatchObject({ type: 'FileTask', taskFilePath: 'acr-task.yaml' });
    expect(JSON.stringify(task.inputs.step)).not.toContain('contextAccessToken');
    expect(one(result, T.webhook).inputs).toMatchObject({ status: 'disabled' });
    expect(one(result, T.webhook).inputs.customHeaders).toBeUndefined();
  });

  it('rotates a token password from its creation when no issue date is configured', async () => {
    const estate = defineEstate(
      estateOf(
        env('dev', {
          tokens: [
            {
              name: 'short',
              repositories: [{ repository: 'a', permissions: ['content/read'] }],
              passwordLifetimeDays: 7,
            },
          ],
        }),
      ),
    );
    const result = await runUnderMocks(
      () => new Environment('dev', { environment: estate.environments[0] }),
      {
        stack: 'dev',
      },
    );
    expect(one(result, 'time:index/rotating:Rotating').inputs).toEqual({ rotationDays: 7 });
  });

  it('replaces a rotated password old one first, on the given classic provider, and never replaces the token', async () => {
    const estate = defineEstate(
      estateOf(
        env('prod', {
          tokens: [
            {
              name: 'prod-pull',
              repositories: [{ repository: 'a', permissions: ['content/read'] }],
              passwordLifetimeDays: 30,
            },
          ],
        }),
      ),
    );
    const options = new Map<string, pulumi.ResourceOptions>();
    const result = await runUnderMocks(
      () => {
        // A stack transformation sees each resource's options as the component set them.
        pulumi.runtime.registerStackTransformation((args) => {
          options.set(args.type, args.opts);
          return undefined;
        });
        const provider = new AzureClassicProvider('mine', { subscriptionId: 'sub' });
        return new Environment('prod', {
          environment: estate.environments[0],
          tokenPasswordProvider: provider,
        });
      },
      { stack: 'prod' },
    );
    // Removing a password clears every password of the token (azurerm: a PATCH with no passwords), so the
    // new one must be created after the old one is gone; the token itself stays (a lock forbids deleting it).
    const password = options.get(T.tokenPassword) as pulumi.CustomResourceOptions;
    expect(password.deleteBeforeReplace).toBe(true);
    expect(pulumi.ProviderResource.isInstance(password.provider)).toBe(true);
    const token = options.get(T.token) as pulumi.CustomResourceOptions;
    expect(token.replaceOnChanges).toBeUndefined();
    expect(token.deleteBeforeReplace).toBeUndefined();
    // The given provider is used: the component makes none of its own.
    expect(ofType(result, 'pulumi:providers:azure').map((p) => p.name)).toEqual(['mine']);
  });

  it('refuses a configured issue date whose passwords have already expired (clock injected)', async () => {
    const run = (today: string) =>
      runUnderMocks(() => definePulumiProgram({ today: new Date(today) }), {
        stack: 'prod',
        config: { 'acr-iac:tokenPasswordsIssuedOn': '2026-01-01' },
      });
    await expect(run('2026-03-01T00:00:00Z')).rejects.toThrow(
      'prod.registry.tokens[0].passwordLifetimeDays: the password of token prod-pull expired on 2026-01-31 (Pulumi.prod.yaml acr-iac:tokenPasswordsIssuedOn 2026-01-01 plus 30 days), before today 2026-03-01',
    );
    const fresh = await run('2026-01-15T00:00:00Z');
    expect(one(fresh, 'time:index/rotating:Rotating').inputs).toEqual({
      rotationDays: 30,
      rfc3339: '2026-01-01T00:00:00Z',
    });
  });
});

describe('Pulumi components: deploy-time settings', () => {
  it('sets ARM-audience tokens and soft delete natively and refuses what azure-native 3.28 cannot set', async () => {
    const [, second] = defineEstate(
      estateOf(env('dev'), env('prod', { softDeleteDays: 5, retentionDays: 0 })),
    ).environments;
    const result = await runUnderMocks(() => new Environment('prod', { environment: second }), {
      stack: 'prod',
    });
    expect(one(result, T.registry).inputs.policies).toMatchObject({
      azureADAuthenticationAsArmPolicy: { status: 'disabled' },
      softDeletePolicy: { status: 'enabled', retentionDays: 5 },
    });
    const bypass = defineEstate(
      estateOf(
        env('prod', {
          privateEndpoints: [{ name: 'pe-one', subnetId: SUBNET }],
          taskNetworkBypass: true,
          roleAssignmentMode: 'AbacRepositoryPermissions',
        }),
      ),
    ).environments[0];
    await expect(
      runUnderMocks(() => new Environment('prod', { environment: bypass }), { stack: 'prod' }),
    ).rejects.toThrow(
      /acrprodtest\.taskNetworkBypass: @pulumi\/azure-native 3\.28 cannot set networkRuleBypassAllowedForTasks/,
    );
  });

  it('in the ABAC mode, gives a purge task identity the repository roles ABAC honors', async () => {
    const [environment] = defineEstate(
      estateOf(
        env('prod', {
          privateEndpoints: [{ name: 'pe-one', subnetId: SUBNET }],
          purges: [{ name: 'purge-apps', filters: [{ repository: 'apps/.*' }], olderThanDays: 30 }],
          taskNetworkBypass: true,
          roleAssignmentMode: 'AbacRepositoryPermissions',
        }),
      ),
    ).environments;
    const result = await runUnderMocks(
      () =>
        new Environment('prod', {
          environment,
          propertiesSetOutside: ['roleAssignmentMode', 'taskNetworkBypass'],
        }),
      { stack: 'prod' },
    );
    const task = one(result, T.task);
    const roles = ofType(result, T.roleAssignment)
      .filter((g) => g.propertyDependencies.principalId?.includes(task.urn))
      .map((g) => builtInRoleById(String(g.inputs.roleDefinitionId))?.name)
      .sort();
    expect(roles).toEqual([
      'Container Registry Repository Catalog Lister',
      'Container Registry Repository Contributor',
    ]);
  });

  it('trusts exactly the properties acr-iac:propertiesSetOutside lists (a JSON list in the stack config)', async () => {
    const estate = estateOf(env('dev', { roleAssignmentMode: 'AbacRepositoryPermissions' }));
    const run = (config: Record<string, string>) =>
      runUnderMocks(() => programOf(estate), { stack: 'dev', config });
    const refused =
      /acrdevtest\.roleAssignmentMode: @pulumi\/azure-native 3\.28 cannot set roleAssignmentMode/;
    await expect(run({})).rejects.toThrow(refused);
    // Another property set outside does not cover this one.
    await expect(run({ 'acr-iac:propertiesSetOutside': '["taskNetworkBypass"]' })).rejects.toThrow(refused);
    const trusted = await run({ 'acr-iac:propertiesSetOutside': '["roleAssignmentMode"]' });
    expect(one(trusted, T.registry).inputs.registryName).toBe('acrdevtest');
    // Only the properties azure-native cannot set may be listed; the key and file are named.
    await expect(run({ 'acr-iac:propertiesSetOutside': '["publicNetworkAccess"]' })).rejects.toThrow(
      /Pulumi\.dev\.yaml acr-iac:propertiesSetOutside\.0/,
    );
  });
});
