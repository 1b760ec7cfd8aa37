/**
 * Connected registries as a way into their registry (constructs/model/ingest.ts). Microsoft Learn,
 * "What is a connected registry?": in ReadWrite mode ("the default mode") clients push to the
 * connected registry and what they push "will be synchronized with the cloud registry"; in ReadOnly
 * mode they can only pull. azurerm's `mode` defaults to ReadWrite. So a ReadWrite connected registry
 * of a promotion target lets images in that no promotion chose (ACR-024 in production, ACR-105 from
 * any stack), a ReadOnly one lets nothing in, and one whose mode the input does not decide is unknown
 * (ACR-123 fails it closed). Inputs: hand-written azurerm and azapi Terraform JSON, a plan, and
 * azure-native resources as a Pulumi program registers them.
 */
import { checkInventories } from '../../policies';
import { inventoryFromPulumiResources } from '../../policies/inventory/pulumi-resources/build';
import { NATIVE_PROD_REGISTRY, pulumiRecord } from '../support/pulumi-records';
import { checkDevEstate, lockedDownAcr as acr, registryIdOf, rootModuleCheck } from './helpers';

/** An azurerm connected registry of `registry` (a reference or an ID) with `extra` attributes. */
const connected = (registry: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  name: 'factory1',
  container_registry_id: registry,
  sync_token_id: '${azurerm_container_registry_token.sync.id}',
  ...extra,
});

const ACR = '${azurerm_container_registry.acr.id}';

describe('a connected registry of the registry', () => {
  const check = rootModuleCheck('acr-connected-', { mode: { type: 'string' } });

  it('in ReadWrite mode, azurerm’s default, fails ACR-024: what is pushed on premises syncs into prod', () => {
    for (const extra of [{}, { mode: 'ReadWrite' }])
      expect(
        check(
          {
            azurerm_container_registry: { acr: acr('prod') },
            azurerm_container_connected_registry: { edge: connected(ACR, extra) },
          },
          ['ACR-024', 'ACR-123'],
        ),
      ).toEqual([
        'ACR-024 fail: connected registry factory1 syncs into the registry what clients push to it on premises (ReadWrite mode) (into contosoacrprod, past promotion)',
        'ACR-123 pass: every import aimed at prod can be judged',
      ]);
  });

  it('in ReadOnly mode lets nothing in', () => {
    expect(
      check(
        {
          azurerm_container_registry: { acr: acr('prod') },
          azurerm_container_connected_registry: { edge: connected(ACR, { mode: 'ReadOnly' }) },
        },
        ['ACR-024'],
      ),
    ).toEqual(['ACR-024 pass: nothing but promotion can push into contosoacrprod']);
  });

  it('whose mode the input does not decide, or is an older name, is unknown, and ACR-123 fails it', () => {
    for (const [mode, why] of [
      ['${var.mode}', /var\.mode has no value/],
      [
        'Registry',
        /azurerm_container_connected_registry\.edge\.mode is Registry, a mode Microsoft Learn does not describe/,
      ],
    ] as const)
      expect(
        check(
          {
            azurerm_container_registry: { acr: acr('prod') },
            azurerm_container_connected_registry: { edge: connected(ACR, { mode }) },
          },
          ['ACR-024', 'ACR-123'],
        ),
      ).toEqual([
        expect.stringMatching(
          new RegExp(`^ACR-024 unknown: connected registry factory1 may import: .*${why.source}`),
        ),
        expect.stringMatching(
          new RegExp(
            `^ACR-123 fail: cannot prove this import of prod cannot push into prod: connected registry factory1 may import: .*${why.source}`,
          ),
        ),
      ]);
  });

  it('reads an azapi registries/connectedRegistries by its body’s mode', () => {
    const edge = (mode: string): Record<string, unknown> => ({
      type: 'Microsoft.ContainerRegistry/registries/connectedRegistries@2024-11-01-preview',
      name: 'factory2',
      parent_id: ACR,
      body: { properties: { mode, parent: { syncProperties: { tokenId: 'x', messageTtl: 'P1D' } } } },
    });
    expect(
      check(
        { azurerm_container_registry: { acr: acr('prod') }, azapi_resource: { edge: edge('ReadWrite') } },
        ['ACR-024'],
      ),
    ).toEqual([
      'ACR-024 fail: connected registry factory2 syncs into the registry what clients push to it on premises (ReadWrite mode) (into contosoacrprod, past promotion)',
    ]);
    expect(
      check(
        { azurerm_container_registry: { acr: acr('prod') }, azapi_resource: { edge: edge('ReadOnly') } },
        ['ACR-024'],
      ),
    ).toEqual(['ACR-024 pass: nothing but promotion can push into contosoacrprod']);
  });
});

describe('a connected registry of another stack’s registry', () => {
  it.each(['cdktf', 'plan'] as const)('is judged by ACR-105 on the registry its ID names (%s)', (format) => {
    const result = checkDevEstate(format, {
      azurerm_container_connected_registry: { staging_edge: connected(registryIdOf('staging')) },
    });
    expect(
      result.findings
        .filter((f) => f.ruleId === 'ACR-105' && f.result === 'fail')
        .map((f) => `${f.environment} ${f.location.address}: ${f.message}`),
    ).toEqual([
      'staging azurerm_container_connected_registry.staging_edge: dev lets an image into staging past promotion: connected registry factory1 syncs into the registry what clients push to it on premises (ReadWrite mode)',
    ]);
  });
});

describe('an azure-native connected registry', () => {
  it.each([
    [
      'ReadWrite',
      'fail: connected registry factory3 syncs into the registry what clients push to it on premises (ReadWrite mode) (into contosoacrprod, past promotion)',
    ],
    ['ReadOnly', 'pass: nothing but promotion can push into contosoacrprod'],
  ])('in %s mode', (mode, expected) => {
    const inventory = inventoryFromPulumiResources(
      [
        NATIVE_PROD_REGISTRY,
        pulumiRecord('azure-native:containerregistry:ConnectedRegistry', 'edge', {
          registryName: 'contosoacrprod',
          resourceGroupName: 'rg-acr-prod',
          connectedRegistryName: 'factory3',
          mode,
          parent: { syncProperties: { tokenId: 'sync', messageTtl: 'P2D' } },
        }),
      ],
      { environment: 'prod', file: 'Pulumi.prod.yaml' },
    );
    const findings = checkInventories([inventory], { config: { order: ['prod'] } }).findings;
    expect(findings.filter((f) => f.ruleId === 'ACR-024').map((f) => `${f.result}: ${f.message}`)).toEqual([
      expected,
    ]);
  });
});

describe('a connected registry of the classic Pulumi provider', () => {
  it.each([
    [
      'no mode (azurerm’s default)',
      {},
      'fail: connected registry factory4 syncs into the registry what clients push to it on premises (ReadWrite mode) (into contosoacrprod, past promotion)',
    ],
    ['ReadOnly', { mode: 'ReadOnly' }, 'pass: nothing but promotion can push into contosoacrprod'],
  ])('with %s, on the registry its ID names', (_, extra, expected) => {
    const inventory = inventoryFromPulumiResources(
      [
        NATIVE_PROD_REGISTRY,
        pulumiRecord('azure:containerservice/connectedRegistry:ConnectedRegistry', 'edge', {
          name: 'factory4',
          containerRegistryId: registryIdOf('prod'),
          syncTokenId: 'sync',
          ...extra,
        }),
      ],
      { environment: 'prod', file: 'Pulumi.prod.yaml' },
    );
    const findings = checkInventories([inventory], { config: { order: ['prod'] } }).findings;
    expect(findings.filter((f) => f.ruleId === 'ACR-024').map((f) => `${f.result}: ${f.message}`)).toEqual([
      expected,
    ]);
  });
});

describe('a connected registry mode of the wrong JSON type', () => {
  it.each([
    ['azure-native:containerregistry:ConnectedRegistry', { registryName: 'contosoacrprod', mode: 5 }],
    ['azure:containerservice/connectedRegistry:ConnectedRegistry', { containerRegistryId: 'x', mode: 5 }],
  ])('is refused (%s), not read as unknown', (type, inputs) => {
    expect(() =>
      inventoryFromPulumiResources([NATIVE_PROD_REGISTRY, pulumiRecord(type, 'edge', inputs)], {
        environment: 'prod',
        file: 'Pulumi.prod.yaml',
      }),
    ).toThrow(/Pulumi\.prod\.yaml: .*edge inputs\.mode: expected a string, got a number/);
  });
});
