/**
 * The Pulumi components under mocks: type tokens, parents, inputs, protect and secrets for each option.
 */
import * as pulumi from '@pulumi/pulumi';
import { UNKNOWN } from '../../policies/inventory/types';
import { passwordExpiry } from '../../constructs/pulumi/tokens';
import { PRINCIPAL, SUBNET, VNET, WORKSPACE, env, estateOf } from '../support/declarations';
import { AZURE_NATIVE, isSecret, one, ofType, parentType, renderEstate } from './helpers';

const T = AZURE_NATIVE;

const full = env(
  'prod',
  {
    quarantine: true,
    retentionDays: 30,
    exportEnabled: false,
    dataEndpoints: true,
    networkRules: { ipRanges: ['203.0.113.0/24'] },
    identity: { systemAssigned: true },
    replicas: [{ location: 'northeurope' }],
    privateEndpoints: [{ name: 'pe-one', subnetId: SUBNET }],
    privateDns: { vnetLinks: [{ name: 'link-one', virtualNetworkId: VNET }] },
    agentPool: { name: 'tasks', subnetId: SUBNET, tier: 'S2' },
    roleAssignments: [{ role: 'AcrPull', principalId: PRINCIPAL, description: 'cluster' }],
    tokens: [
      {
        name: 'pull-token',
        repositories: [{ repository: 'apps/*', permissions: ['content/read'] }],
        passwordLifetimeDays: 30,
      },
    ],
    tasks: [
      {
        name: 'build-app',
        step: {
          type: 'docker',
          contextPath: 'https://github.com/contoso/app.git',
          imageNames: ['app:{{.Run.ID}}'],
        },
        sourceTrigger: { repositoryUrl: 'https://github.com/contoso/app.git' },
        timers: [{ name: 'nightly', schedule: '0 1 * * *' }],
      },
    ],
    purges: [
      {
        name: 'purge-apps',
        filters: [{ repository: 'apps/.*' }],
        olderThanDays: 30,
        protectedTags: ['latest'],
      },
    ],
    webhooks: [
      {
        name: 'scanhook',
        serviceUri: 'https://scan.example.com',
        actions: ['quarantine'],
        headersInput: 'scan_headers',
      },
    ],
    diagnostics: { logAnalyticsWorkspaceId: WORKSPACE },
  },
  { protected: true },
);

const secrets = {
  gitTokens: { build_app_git_token: pulumi.secret('ghp_example') },
  webhookHeaders: { scan_headers: pulumi.secret<Record<string, string>>({ Authorization: 'Bearer x' }) },
};

describe('Pulumi components', () => {
  let prod: Awaited<ReturnType<typeof renderEstate>> extends Map<string, infer R> ? R : never;
  beforeAll(async () => {
    prod = (await renderEstate(estateOf(full), { secrets })).get('prod')!;
  });

  it('registers every component with its type token under the environment', () => {
    const components = prod.resources.filter((r) => r.type.startsWith('acr-iac:index:')).map((r) => r.type);
    expect(new Set(components)).toEqual(
      new Set([
        'acr-iac:index:Environment',
        'acr-iac:index:Registry',
        'acr-iac:index:PrivateNetwork',
        'acr-iac:index:RegistryToken',
        'acr-iac:index:TaskAgentPool',
        'acr-iac:index:BuildTask',
        'acr-iac:index:PurgeTask',
        'acr-iac:index:RegistryWebhook',
        'acr-iac:index:AuditDiagnostics',
        'acr-iac:index:DeleteLock',
      ]),
    );
    expect(parentType(one(prod, T.registry))).toBe('acr-iac:index:Registry');
    expect(parentType(one(prod, T.endpoint))).toBe('acr-iac:index:PrivateNetwork');
    expect(parentType(one(prod, T.token))).toBe('acr-iac:index:RegistryToken');
    expect(parentType(one(prod, T.lock))).toBe('acr-iac:index:DeleteLock');
  });

  it('maps every registry setting and protects a protected environment', () => {
    const registry = one(prod, T.registry);
    expect(registry.protect).toBe(true);
    expect(one(prod, T.group).protect).toBe(true);
    expect(registry.inputs).toMatchObject({
      registryName: 'acrprodtest',
      sku: { name: 'Premium' },
      adminUserEnabled: false,
      anonymousPullEnabled: false,
      publicNetworkAccess: 'Disabled',
      networkRuleBypassOptions: 'AzureServices',
      zoneRedundancy: 'Enabled',
      dataEndpointEnabled: true,
      networkRuleSet: {
        defaultAction: 'Deny',
        ipRules: [{ action: 'Allow', iPAddressOrRange: '203.0.113.0/24' }],
      },
      identity: { type: 'SystemAssigned' },
      policies: {
        quarantinePolicy: { status: 'enabled' },
        retentionPolicy: { status: 'enabled', days: 30 },
        exportPolicy: { status: 'disabled' },
        trustPolicy: { status: 'disabled' },
      },
    });
    expect(one(prod, T.replication).inputs).toMatchObject({
      replicationName: 'northeurope',
      zoneRedundancy: 'Enabled',
      regionEndpointEnabled: true,
    });
  });

  it('creates the private endpoint, the zone, its VNet link and the zone group', () => {
    expect(one(prod, T.zone).inputs).toMatchObject({
      privateZoneName: 'privatelink.azurecr.io',
      location: 'global',
    });
    expect(one(prod, T.link).inputs).toMatchObject({
      virtualNetworkLinkName: 'link-one',
      virtualNetwork: { id: VNET },
      registrationEnabled: false,
    });
    const endpoint = one(prod, T.endpoint);
    expect(endpoint.inputs).toMatchObject({ privateEndpointName: 'pe-one', subnet: { id: SUBNET } });
    expect(endpoint.inputs.privateLinkServiceConnections).toEqual([
      { name: 'pe-one-connection', groupIds: ['registry'], privateLinkServiceId: UNKNOWN },
    ]);
    expect(endpoint.propertyDependencies.privateLinkServiceConnections).toEqual([one(prod, T.registry).urn]);
    expect(one(prod, T.zoneGroup).inputs).toMatchObject({
      privateEndpointName: 'pe-one',
      privateDnsZoneGroupName: 'acr-dns',
    });
  });

  it('grants built-in roles with full role definition IDs', () => {
    const grant = one(prod, T.roleAssignment);
    expect(grant.inputs).toMatchObject({
      principalId: PRINCIPAL,
      principalType: 'ServicePrincipal',
      roleDefinitionId: `/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.Authorization/roleDefinitions/7f951dda-4ed3-4680-a7ca-43fe172d538d`,
      description: 'cluster',
    });
  });

  it('rotates token passwords from the configured issue date and creates the scope map', () => {
    expect(one(prod, T.scopeMap).inputs).toMatchObject({
      scopeMapName: 'pull-token-scope',
      actions: ['repositories/apps/*/content/read'],
    });
    const rotation = one(prod, 'time:index/rotating:Rotating');
    expect(rotation.inputs).toEqual({ rotationDays: 30, rfc3339: '2026-01-01T00:00:00Z' });
    const token = one(prod, T.token);
    // ARM issues a password only through generateCredentials, never through the token's PUT.
    expect(token.inputs).toMatchObject({ tokenName: 'pull-token', status: 'enabled' });
    expect(token.inputs.credentials).toBeUndefined();
    const password = one(prod, T.tokenPassword);
    expect(password.inputs).toEqual({
      containerRegistryTokenId: UNKNOWN,
      password1: { expiry: UNKNOWN },
    });
    expect(password.propertyDependencies.containerRegistryTokenId).toEqual([token.urn]);
    // The expiry comes from the rotation (known at apply), as cdktf's comes from time_rotating.
    expect(password.propertyDependencies.password1).toEqual([rotation.urn]);
    expect(parentType(password)).toBe('acr-iac:index:RegistryToken');
    expect(passwordExpiry('2026-01-01', 30)).toBe('2026-01-31T00:00:00Z');
    expect(() => passwordExpiry('tomorrow', 1)).toThrow(/YYYY-MM-DD/);
  });

  it('issues token passwords through a classic azure provider that registers nothing', () => {
    const provider = one(prod, 'pulumi:providers:azure');
    // The subscription the environment resolved (the mocks' client config); azurerm 4 requires one.
    expect(provider.inputs).toMatchObject({
      resourceProviderRegistrations: 'none',
      subscriptionId: { secret: true, value: '00000000-0000-0000-0000-000000000000' },
    });
    expect(parentType(provider)).toBe('acr-iac:index:Registry');
  });

  it('keeps Git tokens and webhook headers secret', () => {
    const [build, purge] = ofType(prod, T.task).sort((a, b) =>
      String(a.inputs.taskName).localeCompare(String(b.inputs.taskName)),
    );
    expect(isSecret(build.inputs.step)).toBe(true);
    expect(isSecret(build.inputs.trigger)).toBe(true);
    expect(JSON.stringify(build.inputs)).toContain('"timerTriggers":[{"name":"nightly"');
    const hooks = ofType(prod, T.webhook).sort((a, b) =>
      String(a.inputs.webhookName).localeCompare(String(b.inputs.webhookName)),
    );
    expect(hooks.map((h) => [h.inputs.webhookName, h.inputs.location])).toEqual([
      ['scanhook', 'westeurope'],
      ['scanhooknortheurope', 'northeurope'],
    ]);
    for (const hook of hooks) expect(isSecret(hook.inputs.customHeaders)).toBe(true);
    expect(hooks[0].inputs).toMatchObject({
      webhookName: 'scanhook',
      actions: ['quarantine'],
      status: 'enabled',
    });
    const step = purge.inputs.step as { type: string; encodedTaskContent: string };
    expect(step.type).toBe('EncodedTask');
    expect(Buffer.from(step.encodedTaskContent, 'base64').toString('utf8')).toContain('acr purge');
    expect(purge.inputs.trigger).toEqual({ timerTriggers: [{ name: 'schedule', schedule: '0 2 * * *' }] });
  });

  it('creates a replica-region webhook after its replica, and every webhook after the registry', () => {
    // Azure takes a webhook only in the registry's region or a replica's, and the webhook names the
    // registry by a plain name: without dependsOn, the first `pulumi up` would race the replica.
    const registry = one(prod, T.registry);
    const replica = one(prod, T.replication);
    const hooks = new Map(ofType(prod, T.webhook).map((h) => [h.inputs.location, h]));
    expect(hooks.get('northeurope')?.dependencies).toEqual(
      expect.arrayContaining([registry.urn, replica.urn]),
    );
    expect(hooks.get('westeurope')?.dependencies).toContain(registry.urn);
    expect(hooks.get('westeurope')?.dependencies).not.toContain(replica.urn);
  });

  it('creates each private endpoint after the replicas, so it gets their data endpoint records', () => {
    // Learn: a replica added after the endpoint connects needs its zone record added by hand.
    const replica = one(prod, T.replication);
    const endpoint = one(prod, T.endpoint);
    expect(endpoint.dependencies).toEqual(expect.arrayContaining([one(prod, T.registry).urn, replica.urn]));
  });

  it('sends the audit category group to the workspace and locks the registry', () => {
    const setting = one(prod, T.diagnostics);
    expect(setting.inputs).toMatchObject({ workspaceId: WORKSPACE, name: 'audit-to-log-analytics' });
    expect(setting.inputs.logs).toEqual([{ categoryGroup: 'audit', enabled: true }]);
    expect(one(prod, T.lock).inputs).toMatchObject({
      level: 'CanNotDelete',
      resourceName: 'acrprodtest',
      resourceType: 'registries',
    });
  });
});
