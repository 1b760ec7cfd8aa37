/**
 * Turning a registry's public network access off with no private endpoint to it leaves every client
 * without a way in (FACTS.md section 4): the danger block says so, or says "may" when an endpoint's
 * target cannot be read; an endpoint to the registry, existing or created by the same change, is
 * enough. Plans and previews are written in the shape `terraform show -json` and
 * `pulumi preview --json` print.
 */
import type { JsonObject } from '../../preview';
import { PULUMI_REGISTRY, pulumiReplication, pulumiState, sameStep } from './helpers';
import {
  buildReport,
  diffSynthTrees,
  findDangers,
  parsePulumiPreview,
  parseTerraformPlan,
  renderComment,
} from '../../preview';

const SUB = '/subscriptions/5f3c1b2a-9d8e-4c7b-a6f5-1e2d3c4b5a69';
const RG = `${SUB}/resourceGroups/rg-acr-prod`;
const ACR = `${RG}/providers/Microsoft.ContainerRegistry/registries/acrprod01`;
const OTHER = `${RG}/providers/Microsoft.ContainerRegistry/registries/acrother01`;
const SUBNET = `${SUB}/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/hub/subnets/pe`;

const registry = (publicAccess: boolean) => ({
  id: ACR,
  name: 'acrprod01',
  resource_group_name: 'rg-acr-prod',
  location: 'westeurope',
  sku: 'Premium',
  public_network_access_enabled: publicAccess,
});

const registryChange = {
  address: 'azurerm_container_registry.acr',
  type: 'azurerm_container_registry',
  name: 'acr',
  change: { actions: ['update'], before: registry(true), after: registry(false), after_unknown: {} },
};

const endpoint = (actions: string[], target: string | null, afterUnknown: object = {}) => {
  const values = {
    name: 'pe-acr',
    subnet_id: SUBNET,
    private_service_connection: [
      { name: 'registry', subresource_names: ['registry'], private_connection_resource_id: target },
    ],
  };
  return {
    address: 'azurerm_private_endpoint.acr',
    type: 'azurerm_private_endpoint',
    name: 'acr',
    change: {
      actions,
      before: actions.join() === 'create' ? null : values,
      after: actions.join() === 'delete' ? null : values,
      after_unknown: afterUnknown,
    },
  };
};

const plan = (...extra: object[]) => ({
  format_version: '1.2',
  terraform_version: '1.9.5',
  resource_changes: [registryChange, ...extra],
});

function unreachable(document: object, parse = parseTerraformPlan): string[] {
  return findDangers([parse(document, 'prod')])
    .filter((d) => d.kind === 'registry-unreachable')
    .map((d) => `${d.address}: ${d.message}`);
}

const SURE =
  'azurerm_container_registry.acr: public network access turned off with no private endpoint to it in this change or the state it starts from: registry acrprod01 is unreachable, pushes and pulls fail (unless an endpoint managed elsewhere reaches it)';

describe('public network access turned off without a private endpoint', () => {
  it('is a danger in a Terraform plan with no endpoint, and the comment shows it under its heading', () => {
    expect(unreachable(plan())).toEqual([SURE]);
    const comment = renderComment(buildReport([parseTerraformPlan(plan(), 'prod')]));
    expect(comment).toContain(
      '**Registry unreachable: public network access turned off with no private endpoint to it** (1)',
    );
    expect(comment).toContain('registry acrprod01 is unreachable');
  });

  it('is a danger when the only endpoint goes to another registry, or is deleted by the same plan', () => {
    expect(unreachable(plan(endpoint(['no-op'], OTHER)))).toEqual([SURE]);
    expect(unreachable(plan(endpoint(['delete'], ACR)))).toEqual([SURE]);
  });

  it('is no danger with an endpoint to the registry, unchanged or created in the same plan', () => {
    expect(unreachable(plan(endpoint(['no-op'], ACR)))).toEqual([]);
    expect(unreachable(plan(endpoint(['create'], ACR.toLowerCase())))).toEqual([]);
    expect(unreachable(plan(endpoint(['delete', 'create'], ACR)))).toEqual([]);
  });

  it('says "may" when an endpoint target is known only after apply', () => {
    const pending = endpoint(['create'], null, {
      private_service_connection: [{ private_connection_resource_id: true }],
    });
    expect(unreachable(plan(pending))).toEqual([
      'azurerm_container_registry.acr: public network access turned off, and the target of private endpoint azurerm_private_endpoint.acr cannot be read: registry acrprod01 may be unreachable, pushes and pulls fail unless that endpoint is to it',
    ]);
  });

  it('is no danger when public access stays on, or was already off', () => {
    const same = { ...registryChange, change: { ...registryChange.change, after: registry(true) } };
    const off = { ...registryChange, change: { ...registryChange.change, before: registry(false) } };
    expect(unreachable({ ...plan(), resource_changes: [same] })).toEqual([]);
    expect(unreachable({ ...plan(), resource_changes: [off] })).toEqual([]);
  });

  it('sees an azapi_resource endpoint to the registry, its body an object or a JSON string', () => {
    const body = {
      properties: {
        subnet: { id: SUBNET },
        privateLinkServiceConnections: [
          { name: 'registry', properties: { privateLinkServiceId: ACR, groupIds: ['registry'] } },
        ],
      },
    };
    const azapi = (value: unknown) => ({
      address: 'azapi_resource.endpoint',
      type: 'azapi_resource',
      name: 'endpoint',
      change: {
        actions: ['no-op'],
        before: { name: 'pe-acr', type: 'Microsoft.Network/privateEndpoints@2023-11-01', body: value },
        after: { name: 'pe-acr', type: 'Microsoft.Network/privateEndpoints@2023-11-01', body: value },
      },
    });
    expect(unreachable(plan(azapi(body)))).toEqual([]);
    expect(unreachable(plan(azapi(JSON.stringify(body))))).toEqual([]);
    expect(unreachable(plan(azapi('${jsonencode(local.body)}')))).toHaveLength(1);
    expect(unreachable(plan(azapi('${jsonencode(local.body)}')))[0]).toContain('may be unreachable');
  });
});

describe('publicNetworkAccess Enabled -> Disabled in a Pulumi preview', () => {
  const registryState = (publicNetworkAccess: string) => ({
    type: 'azure-native:containerregistry:Registry',
    custom: true,
    inputs: {
      registryName: 'acrprod01',
      resourceGroupName: 'rg-acr-prod',
      location: 'westeurope',
      sku: { name: 'Premium' },
      publicNetworkAccess,
    },
  });
  const registryUrn = 'urn:pulumi:prod::acr::azure-native:containerregistry:Registry::acrprod01';
  const endpointUrn = 'urn:pulumi:prod::acr::azure-native:network:PrivateEndpoint::pe-acr';
  const endpointState = (target: string) => ({
    type: 'azure-native:network:PrivateEndpoint',
    custom: true,
    inputs: {
      privateEndpointName: 'pe-acr',
      resourceGroupName: 'rg-acr-prod',
      subnet: { id: SUBNET },
      privateLinkServiceConnections: [
        { name: 'registry', groupIds: ['registry'], privateLinkServiceId: target },
      ],
    },
  });
  const preview = (...steps: object[]) => ({
    steps: [
      {
        op: 'update',
        urn: registryUrn,
        oldState: { urn: registryUrn, ...registryState('Enabled') },
        newState: { urn: registryUrn, ...registryState('Disabled') },
        diffReasons: ['publicNetworkAccess'],
      },
      ...steps,
    ],
    changeSummary: { update: 1 },
    diagnostics: [],
  });
  const same = (target: string) => ({
    op: 'same',
    urn: endpointUrn,
    oldState: { urn: endpointUrn, ...endpointState(target) },
    newState: { urn: endpointUrn, ...endpointState(target) },
  });

  it('is a danger without an endpoint to the registry, none with one', () => {
    expect(unreachable(preview(), parsePulumiPreview)).toEqual([
      'azure-native:containerregistry:Registry::acrprod01: public network access turned off with no private endpoint to it in this change or the state it starts from: registry acrprod01 is unreachable, pushes and pulls fail (unless an endpoint managed elsewhere reaches it)',
    ]);
    expect(unreachable(preview(same(OTHER)), parsePulumiPreview)).toHaveLength(1);
    expect(unreachable(preview(same(ACR)), parsePulumiPreview)).toEqual([]);
  });

  it('says "may" when a new endpoint target is unknown during the preview', () => {
    const created = {
      op: 'create',
      urn: endpointUrn,
      newState: { urn: endpointUrn, ...endpointState('04da6b54-80e4-46f7-96ec-b56ff0331ba9') },
    };
    expect(unreachable(preview(created), parsePulumiPreview)[0]).toContain(
      'the target of private endpoint azure-native:network:PrivateEndpoint::pe-acr cannot be read: registry acrprod01 may be unreachable',
    );
  });
});

describe('public access turned off in a synth diff', () => {
  const acr = (extra: object) => ({
    name: 'acrprod01',
    resource_group_name: 'rg-acr-prod',
    location: 'westeurope',
    sku: 'Premium',
    ...extra,
  });
  const pe = {
    name: 'pe-acr',
    subnet_id: SUBNET,
    private_service_connection: {
      name: 'registry',
      subresource_names: ['registry'],
      private_connection_resource_id: '${azurerm_container_registry.acr.id}',
    },
  };
  const stack = (registryValues: object, endpoints: object = {}): JsonObject =>
    ({ resource: { azurerm_container_registry: { acr: registryValues }, ...endpoints } }) as JsonObject;
  const diff = (base: JsonObject, head: JsonObject): string[] =>
    findDangers(diffSynthTrees({ stacks: new Map([['prod', base]]) }, { stacks: new Map([['prod', head]]) }))
      .filter((d) => d.kind === 'registry-unreachable')
      .map((d) => d.message);

  it('reads the endpoint reference to the registry; without one the default public access turned off is a danger', () => {
    const off = acr({ public_network_access_enabled: false });
    expect(diff(stack(acr({})), stack(off))).toHaveLength(1);
    const endpoints = { azurerm_private_endpoint: { acr: pe } };
    expect(diff(stack(acr({})), stack(off, endpoints))).toEqual([]);
  });
});

describe('a replica added while private endpoints already connect', () => {
  // Learn: "If you later add a new replica, you need to manually add a new zone record for the data
  // endpoint in that region."
  const withReplicas = (locations: string[]) => ({
    ...registry(false),
    georeplications: locations.map((location) => ({ location, zone_redundancy_enabled: true, tags: {} })),
  });
  const grow = {
    address: 'azurerm_container_registry.acr',
    type: 'azurerm_container_registry',
    name: 'acr',
    change: {
      actions: ['update'],
      before: withReplicas(['northeurope']),
      after: withReplicas(['northeurope', 'swedencentral']),
      after_unknown: {},
    },
  };
  const missing = (document: object, parse = parseTerraformPlan): string[] =>
    findDangers([parse(document, 'prod')])
      .filter((d) => d.kind === 'dns-record-missing')
      .map((d) => `${d.address}: ${d.message}`);
  const doc = (...changes: object[]) => ({
    format_version: '1.2',
    terraform_version: '1.9.5',
    resource_changes: changes,
  });

  it('is a danger in a Terraform plan with an existing endpoint to the registry, none without one', () => {
    expect(missing(doc(grow, endpoint(['no-op'], ACR)))).toEqual([
      "azurerm_container_registry.acr: geo-replica in swedencentral added while private endpoint azurerm_private_endpoint.acr already connects to registry acrprod01: the endpoint gets no DNS record for the new replica's data endpoint, so private pulls served from swedencentral fail. Add its record to the zone by hand, or recreate the endpoint",
    ]);
    expect(missing(doc(grow))).toEqual([]);
    expect(missing(doc(grow, endpoint(['no-op'], OTHER)))).toEqual([]);
    // An endpoint created in the same change is not an existing one.
    expect(missing(doc(grow, endpoint(['create'], ACR)))).toEqual([]);
  });

  it('is a danger in a Pulumi preview when a Replication is created for the registry', () => {
    const state = pulumiState;
    const ENDPOINT = 'azure-native:network:PrivateEndpoint';
    const REPLICATION = 'azure-native:containerregistry:Replication';
    const registryState = PULUMI_REGISTRY;
    const endpointState = state(ENDPOINT, 'pe', {
      privateEndpointName: 'pe-acr',
      resourceGroupName: 'rg-acr-prod',
      subnet: { id: SUBNET },
      privateLinkServiceConnections: [{ name: 'c', privateLinkServiceId: ACR, groupIds: ['registry'] }],
    });
    const replication = pulumiReplication('swe', 'swedencentral');
    const preview = {
      steps: [
        sameStep(registryState),
        sameStep(endpointState),
        { op: 'create', urn: replication.urn, newState: replication },
      ],
      changeSummary: { same: 2, create: 1 },
    };
    expect(missing(preview, parsePulumiPreview)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^${REPLICATION}::swe: geo-replica in swedencentral added while private endpoint ${ENDPOINT}::pe already connects to registry acrprod01`,
        ),
      ),
    ]);
  });
});
