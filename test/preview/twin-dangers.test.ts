/**
 * The danger block reads the resources the policy checker reads as twins like the twins themselves:
 * Terraform `azapi_resource` as the azurerm resource of its ARM type (constructs/model/arm-types.ts),
 * and the classic Pulumi provider's (`@pulumi/azure`) resources as their azure-native twins
 * (constructs/model/pulumi-classic-types.ts). Inputs are hand-written in the shape `terraform show
 * -json` and `pulumi preview --json` print; the classic inputs are azurerm's attributes in camelCase
 * (`@pulumi/azure` 6.x `*Args`), azapi bodies are ARM request bodies (learn.microsoft.com/azure/templates).
 */
import type { Danger } from '../../preview';
import {
  buildReport,
  findDangers,
  parsePulumiPreview,
  parseTerraformPlan,
  renderComment,
} from '../../preview';
import { planChange, pulumiState, sameStep, terraformPlanOf } from './helpers';

const ORDER = ['dev', 'staging', 'prod'];
const SUB = '/subscriptions/5f3c1b2a-9d8e-4c7b-a6f5-1e2d3c4b5a69';
const RG = `${SUB}/resourceGroups/rg-acr-prod`;
const ACR = `${RG}/providers/Microsoft.ContainerRegistry/registries/acrprod01`;
const SUBNET = `${SUB}/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/hub/subnets/pe`;
const ACR_PUSH = '8311e382-0749-4cb8-b61a-304f252e45ec';

const roleId = (guid: string) => `${SUB}/providers/Microsoft.Authorization/roleDefinitions/${guid}`;
const UNKNOWN = '04da6b54-80e4-46f7-96ec-b56ff0331ba9';

const LOCK_FAILS = (what: string, lock = 'lock-acrprod01') =>
  `${what} fails at apply: management lock ${lock} on registry acrprod01 forbids deleting the registry and its child resources (ScopeLocked), and the apply stops part-way. Remove the lock in an earlier apply, or keep the resource`;

const lines = (dangers: readonly Danger[], kind?: Danger['kind']): string[] =>
  dangers.filter((d) => kind === undefined || d.kind === kind).map((d) => `${d.address}: ${d.message}`);

// ---------------------------------------------------------------------------------------------------
// The classic Pulumi provider
// ---------------------------------------------------------------------------------------------------

const CLASSIC = {
  registry: 'azure:containerservice/registry:Registry',
  assignment: 'azure:authorization/assignment:Assignment',
  lock: 'azure:management/lock:Lock',
  webhook: 'azure:containerservice/registryWebhook:RegistryWebhook',
  token: 'azure:containerservice/registryToken:RegistryToken',
  diagnostic: 'azure:monitoring/diagnosticSetting:DiagnosticSetting',
  endpoint: 'azure:privatelink/endpoint:Endpoint',
} as const;

const classicRegistry = (georeplications: object[] = [], extra: object = {}) =>
  pulumiState(CLASSIC.registry, 'acr', {
    name: 'acrprod01',
    resourceGroupName: 'rg-acr-prod',
    location: 'westeurope',
    sku: 'Premium',
    georeplications,
    ...extra,
  });

const replica = (location: string, zoneRedundancyEnabled = true) => ({ location, zoneRedundancyEnabled });

const classicLock = (scope = ACR) =>
  pulumiState(CLASSIC.lock, 'lock', { name: 'lock-acrprod01', scope, lockLevel: 'CanNotDelete' });

const classicEndpoint = (target: unknown = ACR) =>
  pulumiState(CLASSIC.endpoint, 'pe', {
    name: 'pe-acrprod01',
    resourceGroupName: 'rg-acr-prod',
    location: 'westeurope',
    subnetId: SUBNET,
    privateServiceConnection: {
      name: 'registry',
      privateConnectionResourceId: target,
      subresourceNames: ['registry'],
      isManualConnection: false,
    },
    privateDnsZoneGroup: {
      name: 'acr',
      privateDnsZoneIds: [`${RG}/providers/Microsoft.Network/privateDnsZones/privatelink.azurecr.io`],
    },
  });

type State = ReturnType<typeof pulumiState>;
const create = (s: State) => ({ op: 'create', urn: s.urn, newState: s });
const del = (s: State) => ({ op: 'delete', urn: s.urn, oldState: s });
const update = (before: State, after: State) => ({
  op: 'update',
  urn: before.urn,
  oldState: before,
  newState: after,
});
const replace = (before: State, after: State) => [
  { op: 'create-replacement', urn: before.urn, oldState: before, newState: after },
  { op: 'replace', urn: before.urn, oldState: before, newState: after },
  { op: 'delete-replaced', urn: before.urn, oldState: before },
];
const preview = (...steps: object[]) => ({ steps: steps.flat(), changeSummary: {} });
const pulumiDangers = (...steps: object[]) =>
  findDangers([parsePulumiPreview(preview(...steps), 'prod')], { order: ORDER });

describe('classic Pulumi resources in the danger block, as their azure-native twins', () => {
  it('flags a push-capable grant added to a promotion target, by role name or role ID', () => {
    const byName = pulumiState(CLASSIC.assignment, 'ci-push', {
      scope: ACR,
      roleDefinitionName: 'AcrPush',
      principalId: '00000000-0000-0000-0000-0000000000c1',
    });
    const byId = pulumiState(CLASSIC.assignment, 'deployer-push', {
      scope: ACR,
      roleDefinitionId: roleId(ACR_PUSH),
      principalId: '00000000-0000-0000-0000-0000000000d2',
    });
    const dangers = pulumiDangers(sameStep(classicRegistry()), create(byName), create(byId));
    expect(
      dangers
        .filter((d) => d.kind === 'promotion-weakened')
        .map((d) => `${d.address}: ${d.message} -> ${d.after}`),
    ).toEqual([
      `${CLASSIC.assignment}::ci-push: push-capable grant added to a promotion target -> AcrPush`,
      `${CLASSIC.assignment}::deployer-push: push-capable grant added to a promotion target -> AcrPush`,
    ]);
    // An older token of the same resource (the alias of @pulumi/azure before 6.x) is the same grant.
    const aliased = {
      ...byName,
      type: 'azure:role/assignment:Assignment',
      urn: byName.urn.replace(CLASSIC.assignment, 'azure:role/assignment:Assignment'),
    };
    expect(lines(pulumiDangers(create(aliased)), 'promotion-weakened')).toHaveLength(1);
    // Dev is no promotion target.
    expect(
      findDangers([parsePulumiPreview(preview(create(byName)), 'dev')], { order: ORDER }).filter(
        (d) => d.kind === 'promotion-weakened',
      ),
    ).toEqual([]);
  });

  it('says "may" for a grant into a promotion target whose role is known only after apply', () => {
    const hidden = pulumiState(CLASSIC.assignment, 'ci', {
      scope: ACR,
      roleDefinitionId: UNKNOWN,
      principalId: '00000000-0000-0000-0000-0000000000c1',
    });
    const found = lines(pulumiDangers(create(hidden)), 'promotion-weakened');
    expect(found).toHaveLength(1);
    expect(found[0]).toContain('may');
  });

  it('flags an AcrPull grant removed', () => {
    const pull = pulumiState(CLASSIC.assignment, 'aks-pull', {
      scope: ACR,
      roleDefinitionName: 'AcrPull',
      principalId: '00000000-0000-0000-0000-0000000000a1',
    });
    expect(lines(pulumiDangers(del(pull)), 'pull-grant-removed')).toEqual([
      `${CLASSIC.assignment}::aks-pull: AcrPull for principal 00000000-0000-0000-0000-0000000000a1 removed: the workload can no longer pull`,
    ]);
  });

  it('fails deletions and replacements under a classic lock that stays', () => {
    const webhook = pulumiState(CLASSIC.webhook, 'scan', {
      name: 'scanner',
      registryName: 'acrprod01',
      resourceGroupName: 'rg-acr-prod',
      location: 'westeurope',
      serviceUri: 'https://scan.example.com/hook',
      actions: ['quarantine'],
    });
    const token = (enabled: boolean) =>
      pulumiState(CLASSIC.token, 'ci', {
        name: 'ci-pull',
        containerRegistryName: 'acrprod01',
        resourceGroupName: 'rg-acr-prod',
        scopeMapId: `${ACR}/scopeMaps/_repositories_pull`,
        enabled,
      });
    const diagnostic = pulumiState(CLASSIC.diagnostic, 'audit', {
      name: 'audit',
      targetResourceId: ACR,
      logAnalyticsWorkspaceId: `${RG}/providers/Microsoft.OperationalInsights/workspaces/law`,
    });
    const dangers = pulumiDangers(
      sameStep(classicRegistry()),
      sameStep(classicLock()),
      del(webhook),
      replace(token(true), token(false)),
      del(diagnostic),
    );
    expect(lines(dangers, 'apply-blocked').sort()).toEqual(
      [
        `${CLASSIC.diagnostic}::audit: ${LOCK_FAILS('deleting it')}`,
        `${CLASSIC.token}::ci: ${LOCK_FAILS('replacing it (the old one is deleted)')}`,
        `${CLASSIC.webhook}::scan: ${LOCK_FAILS('deleting it')}`,
      ].sort(),
    );
  });

  it('fails deleting a classic registry under a lock on its group, and removing its geo-replica', () => {
    const deleted = pulumiDangers(del(classicRegistry()), sameStep(classicLock(RG)));
    expect(lines(deleted, 'apply-blocked')).toEqual([
      `${CLASSIC.registry}::acr: ${LOCK_FAILS('deleting it')}`,
    ]);
    expect(lines(deleted, 'registry-lost')).toHaveLength(1);
    const shrunk = pulumiDangers(
      update(
        classicRegistry([replica('northeurope'), replica('swedencentral')]),
        classicRegistry([replica('northeurope')]),
      ),
      sameStep(classicLock()),
    );
    expect(lines(shrunk, 'apply-blocked')).toEqual([
      `${CLASSIC.registry}::acr: ${LOCK_FAILS('removing its geo-replica swedencentral')}`,
    ]);
    expect(lines(shrunk, 'replica-removed')).toEqual([
      `${CLASSIC.registry}::acr: geo-replica in swedencentral removed`,
    ]);
  });

  it('says a new geo-replica of a classic registry gets no DNS record of the endpoint that connects to it', () => {
    const dangers = pulumiDangers(
      update(
        classicRegistry([replica('northeurope')]),
        classicRegistry([replica('northeurope'), replica('swedencentral')]),
      ),
      sameStep(classicEndpoint()),
    );
    const found = lines(dangers, 'dns-record-missing');
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(
      `${CLASSIC.registry}::acr: geo-replica in swedencentral added while private endpoint ${CLASSIC.endpoint}::pe already connects to registry acrprod01`,
    );
  });

  it('says "may" for a new geo-replica when the target of an existing endpoint cannot be read', () => {
    const dangers = pulumiDangers(
      update(classicRegistry([]), classicRegistry([replica('swedencentral')])),
      update(classicEndpoint(), classicEndpoint(UNKNOWN)),
    );
    const found = lines(dangers, 'dns-record-missing');
    expect(found).toHaveLength(1);
    expect(found[0]).toContain('cannot be read');
    expect(found[0]).toContain('may fail');
    // An endpoint to another registry: nothing to say.
    const other = `${RG}/providers/Microsoft.ContainerRegistry/registries/acrother01`;
    expect(
      lines(
        pulumiDangers(
          update(classicRegistry([]), classicRegistry([replica('swedencentral')])),
          sameStep(classicEndpoint(other)),
        ),
        'dns-record-missing',
      ),
    ).toEqual([]);
  });

  it('flags a classic private endpoint deleted, and public access turned off with none left', () => {
    const dangers = pulumiDangers(
      update(
        classicRegistry([], { publicNetworkAccessEnabled: true }),
        classicRegistry([], { publicNetworkAccessEnabled: false }),
      ),
      del(classicEndpoint()),
    );
    expect(lines(dangers, 'private-access-removed')).toEqual([
      `${CLASSIC.endpoint}::pe: private endpoint removed: private clients may lose access`,
    ]);
    expect(lines(dangers, 'registry-unreachable')).toHaveLength(1);
    // The endpoint stays: the registry is reachable through it.
    const kept = pulumiDangers(
      update(
        classicRegistry([], { publicNetworkAccessEnabled: true }),
        classicRegistry([], { publicNetworkAccessEnabled: false }),
      ),
      sameStep(classicEndpoint()),
    );
    expect(lines(kept, 'registry-unreachable')).toEqual([]);
  });

  it("reads a classic registry's settings as azurerm's in camelCase: admin user turned on", () => {
    const dangers = pulumiDangers(
      update(classicRegistry([], { adminEnabled: false }), classicRegistry([], { adminEnabled: true })),
    );
    expect(
      dangers.filter((d) => d.kind === 'exposure-increased').map((d) => `${d.before} -> ${d.after}`),
    ).toHaveLength(1);
    // Left out, adminEnabled is azurerm's default (off): no change.
    expect(
      pulumiDangers(update(classicRegistry([], { adminEnabled: false }), classicRegistry())).filter(
        (d) => d.kind === 'exposure-increased',
      ),
    ).toEqual([]);
  });

  it('says "may" when the target of a classic endpoint is known only after apply', () => {
    const found = lines(
      pulumiDangers(
        update(
          classicRegistry([], { publicNetworkAccessEnabled: true }),
          classicRegistry([], { publicNetworkAccessEnabled: false }),
        ),
        update(classicEndpoint(), classicEndpoint(UNKNOWN)),
      ),
      'registry-unreachable',
    );
    expect(found).toHaveLength(1);
    expect(found[0]).toContain('may be unreachable');
  });

  it('shows a classic push grant in the rendered comment', () => {
    const grant = pulumiState(CLASSIC.assignment, 'ci-push', {
      scope: ACR,
      roleDefinitionName: 'AcrPush',
      principalId: '00000000-0000-0000-0000-0000000000c1',
    });
    const comment = renderComment(
      buildReport([parsePulumiPreview(preview(create(grant)), 'prod')], { order: ORDER }),
    );
    expect(comment).toContain('push-capable grant added to a promotion target');
  });
});

// ---------------------------------------------------------------------------------------------------
// azapi_resource
// ---------------------------------------------------------------------------------------------------

const change = planChange;
const azapi = (name: string, actions: string[], values: object, afterUnknown: object = {}) => {
  const c = change(
    'azapi_resource',
    name,
    actions,
    actions.join() === 'create' ? null : values,
    actions.join() === 'delete' ? null : values,
    afterUnknown,
  );
  return c;
};
const plan = terraformPlanOf;
const planDangers = (...changes: object[]) =>
  findDangers([parseTerraformPlan(plan(...changes), 'prod')], { order: ORDER });

const azapiRegistry = {
  type: 'Microsoft.ContainerRegistry/registries@2023-07-01',
  name: 'acrprod01',
  parent_id: RG,
  location: 'westeurope',
  id: ACR,
  body: { sku: { name: 'Premium' }, properties: { publicNetworkAccess: 'Enabled' } },
};
const azapiLock = {
  type: 'Microsoft.Authorization/locks@2020-05-01',
  name: 'lock-acrprod01',
  parent_id: ACR,
  body: { properties: { level: 'CanNotDelete' } },
};
const azurermEndpoint = (actions: string[]) =>
  change('azurerm_private_endpoint', 'pe', actions, endpointValues, endpointValues);
const endpointValues = {
  name: 'pe-acrprod01',
  subnet_id: SUBNET,
  private_service_connection: [
    { name: 'registry', subresource_names: ['registry'], private_connection_resource_id: ACR },
  ],
};

describe('azapi_resource in the danger block, as the azurerm resource of its ARM type', () => {
  it('fails deleting an azapi registry under a lock that stays', () => {
    const dangers = planDangers(azapi('acr', ['delete'], azapiRegistry), azapi('lock', ['no-op'], azapiLock));
    expect(lines(dangers, 'apply-blocked')).toEqual([`azapi_resource.acr: ${LOCK_FAILS('deleting it')}`]);
    expect(lines(dangers, 'registry-lost')).toHaveLength(1);
  });

  it('fails deleting an azapi diagnostic setting of the registry under the lock', () => {
    const setting = {
      type: 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview',
      name: 'audit',
      parent_id: ACR,
      body: { properties: { workspaceId: `${RG}/providers/Microsoft.OperationalInsights/workspaces/law` } },
    };
    const dangers = planDangers(
      azapi('acr', ['no-op'], azapiRegistry),
      azapi('lock', ['no-op'], azapiLock),
      azapi('audit', ['delete'], setting),
    );
    expect(lines(dangers, 'apply-blocked')).toEqual([`azapi_resource.audit: ${LOCK_FAILS('deleting it')}`]);
  });

  it('says a replication created as azapi gets no DNS record of the endpoint that connects to its registry', () => {
    const replication = {
      type: 'Microsoft.ContainerRegistry/registries/replications@2023-07-01',
      name: 'swedencentral',
      parent_id: ACR,
      location: 'swedencentral',
      body: { properties: { zoneRedundancy: 'Enabled' } },
    };
    const registry = change('azurerm_container_registry', 'acr', ['no-op'], registryValues, registryValues);
    const dangers = planDangers(registry, azurermEndpoint(['no-op']), azapi('neu', ['create'], replication));
    const found = lines(dangers, 'dns-record-missing');
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(
      'azapi_resource.neu: geo-replica in swedencentral added while private endpoint azurerm_private_endpoint.pe already connects to registry acrprod01',
    );
    // Its deletion removes a geo-replica.
    expect(lines(planDangers(registry, azapi('neu', ['delete'], replication)), 'replica-removed')).toEqual([
      'azapi_resource.neu: geo-replica in swedencentral of acrprod01 removed',
    ]);
  });

  it("reads an azapi registry's ARM properties: public access turned off with no endpoint", () => {
    const off = {
      ...azapiRegistry,
      body: { ...azapiRegistry.body, properties: { publicNetworkAccess: 'Disabled' } },
    };
    const registry = change('azapi_resource', 'acr', ['update'], azapiRegistry, off);
    expect(lines(planDangers(registry), 'registry-unreachable')).toEqual([
      'azapi_resource.acr: public network access turned off with no private endpoint to it in this change or the state it starts from: registry acrprod01 is unreachable, pushes and pulls fail (unless an endpoint managed elsewhere reaches it)',
    ]);
    expect(lines(planDangers(registry, azurermEndpoint(['no-op'])), 'registry-unreachable')).toEqual([]);
    // A body known only after apply: no verdict on what cannot be read.
    const hidden = change(
      'azapi_resource',
      'acr',
      ['update'],
      azapiRegistry,
      { ...azapiRegistry, body: null },
      { body: true },
    );
    expect(lines(planDangers(hidden), 'registry-unreachable')).toEqual([]);
  });

  it('says "may" for an azapi grant into a promotion target whose body is known only after apply', () => {
    const grant = {
      type: 'Microsoft.Authorization/roleAssignments@2022-04-01',
      name: 'ci-push',
      parent_id: ACR,
      body: null,
    };
    const found = lines(planDangers(azapi('ci', ['create'], grant, { body: true })), 'promotion-weakened');
    expect(found).toEqual([
      'azapi_resource.ci: grant added to a promotion target whose role cannot be read: it may be push-capable',
    ]);
    const push = { ...grant, body: { properties: { roleDefinitionId: roleId(ACR_PUSH), principalId: 'p' } } };
    expect(lines(planDangers(azapi('ci', ['create'], push)), 'promotion-weakened')).toEqual([
      'azapi_resource.ci: push-capable grant added to a promotion target',
    ]);
  });

  it('flags an azapi DNS zone group of an endpoint deleted', () => {
    const group = {
      type: 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2023-11-01',
      name: 'default',
      parent_id: `${RG}/providers/Microsoft.Network/privateEndpoints/pe-acrprod01`,
      body: { properties: { privateDnsZoneConfigs: [] } },
    };
    expect(lines(planDangers(azapi('zones', ['delete'], group)), 'private-access-removed')).toEqual([
      'azapi_resource.zones: private DNS zone group removed: private clients may lose access',
    ]);
  });
});

const registryValues = {
  id: ACR,
  name: 'acrprod01',
  resource_group_name: 'rg-acr-prod',
  location: 'westeurope',
  sku: 'Premium',
  georeplications: [],
};
