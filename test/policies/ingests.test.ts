/**
 * Imports into a registry in Terraform inputs (constructs/model/ingest.ts): azapi's ACR Transfer
 * import pipelines and pipeline runs, and the registry's `importImage` action posted by
 * `azapi_resource_action` (resource or data source). Expectations follow the promotion model
 * (DESIGN.md: images enter environment N only by import from N-1) and the REST spec
 * (Azure/azure-rest-api-specs, `Microsoft.ContainerRegistry/Registry/*.tsp`): an import pipeline
 * imports the blobs of a storage container, with its source trigger on (`Enabled` by default) every
 * blob as it arrives; a run of an export pipeline exports and lets nothing in; an image import's
 * `source.resourceId` or `source.registryUri` names the registry it copies from.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Inventory } from '../../policies';
import { checkInventories, inventoryFromCdktfJson, inventoryFromPlanJson } from '../../policies';
import { planFromCdktf } from '../support/plan-from-cdktf';
import { findingsOn, folderPerTest } from './helpers';

const SUB = '/subscriptions/00000000-0000-0000-0000-000000000000';
const registryId = (name: string, group = `rg-${name}`): string =>
  `${SUB}/resourceGroups/${group}/providers/Microsoft.ContainerRegistry/registries/${name}`;
const REGISTRY = {
  name: 'contosoacrprod',
  resource_group_name: 'rg-acr-prod',
  location: 'westeurope',
  sku: 'Premium',
  public_network_access_enabled: false,
};
const ACR = '${azurerm_container_registry.acr.id}';
const STORAGE = 'https://contosotransfer.blob.core.windows.net/inbox';

/** An import pipeline of the prod registry with `trigger` (none when undefined). */
function pipeline(trigger?: unknown): Record<string, unknown> {
  return {
    type: 'Microsoft.ContainerRegistry/registries/importPipelines@2023-01-01-preview',
    name: 'inboxpipeline',
    parent_id: ACR,
    body: {
      properties: {
        source: { uri: STORAGE, keyVaultUri: 'https://kv.vault.azure.net/secrets/sas' },
        ...(trigger === undefined ? {} : { trigger }),
      },
    },
  };
}

/** A pipeline run of the prod registry running `pipelineResourceId`. */
function run(pipelineResourceId: unknown): Record<string, unknown> {
  return {
    type: 'Microsoft.ContainerRegistry/registries/pipelineRuns@2023-01-01-preview',
    name: 'inboxrun',
    parent_id: ACR,
    body: { properties: { request: { pipelineResourceId, source: { name: 'release.tar.gz' } } } },
  };
}

/** An `importImage` action into `resourceId` (the prod registry by default) from `source`. */
function importImage(source: Record<string, unknown>, resourceId = ACR): Record<string, unknown> {
  return {
    type: 'Microsoft.ContainerRegistry/registries@2023-07-01',
    resource_id: resourceId,
    action: 'importImage',
    body: { source: { sourceImage: 'payments/api:1.4.2', ...source }, mode: 'NoForce' },
  };
}

describe('imports into a registry in Terraform inputs', () => {
  const dir = folderPerTest('acr-ingests-');

  /** `rule result: message` of `rules` at `address` of a prod root module of the registry and `module`. */
  function check(
    module: Record<string, Record<string, unknown>>,
    rules: readonly string[],
    address?: string,
  ): string[] {
    const resource = { azurerm_container_registry: { acr: REGISTRY }, ...(module.resource ?? {}) };
    writeFileSync(path.join(dir(), 'main.tf.json'), JSON.stringify({ ...module, resource }));
    return findingsOn(dir(), rules, address);
  }

  describe('an import pipeline', () => {
    it('imports every blob as it arrives with its source trigger on, Enabled when the trigger has no status', () => {
      const triggered = [
        'ACR-024 fail: import pipeline inboxpipeline imports the artifact blobs of https://contosotransfer.blob.core.windows.net/inbox, every blob as it arrives there (its source trigger is on), with no run (into contosoacrprod, past promotion)',
      ];
      for (const trigger of [{ sourceTrigger: { status: 'Enabled' } }, { sourceTrigger: {} }])
        expect(check({ resource: { azapi_resource: { p: pipeline(trigger) } } }, ['ACR-024'])).toEqual(
          triggered,
        );
    });

    it('still lets images in past promotion on each run with its source trigger off, or no trigger at all', () => {
      const off = { sourceTrigger: { status: 'Disabled' } };
      expect(check({ resource: { azapi_resource: { p: pipeline(off) } } }, ['ACR-024'])).toEqual([
        `ACR-024 fail: import pipeline inboxpipeline imports the artifact blobs of ${STORAGE} on each pipeline run (into contosoacrprod, past promotion)`,
      ]);
      expect(check({ resource: { azapi_resource: { p: pipeline() } } }, ['ACR-024'])).toEqual([
        `ACR-024 fail: import pipeline inboxpipeline imports the artifact blobs of ${STORAGE} (into contosoacrprod, past promotion)`,
      ]);
    });

    it('is no task: the task rules do not judge it', () => {
      const module = { resource: { azapi_resource: { p: pipeline({ sourceTrigger: {} }) } } };
      expect(check(module, ['ACR-050', 'ACR-122'])).toEqual([
        'ACR-050 not-applicable: contosoacrprod has no tasks',
        'ACR-122 pass: every task aimed at prod can be judged',
      ]);
    });
  });

  describe('a pipeline run', () => {
    it('of an import pipeline imports, by reference or by literal ID', () => {
      const byId = `${registryId('contosoacrprod', 'rg-acr-prod')}/importPipelines/inboxpipeline`;
      for (const id of ['${azapi_resource.p.id}', byId]) {
        const module = { resource: { azapi_resource: { p: pipeline(), r: run(id) } } };
        expect(check(module, ['ACR-024'], 'azapi_resource.r')).toEqual([
          'ACR-024 fail: pipeline run inboxrun imports artifact blobs from storage through import pipeline inboxpipeline (into contosoacrprod, past promotion)',
        ]);
      }
    });

    it('of an export pipeline exports, and lets nothing in', () => {
      const exportId = `${registryId('contosoacrprod', 'rg-acr-prod')}/exportPipelines/outbox`;
      expect(check({ resource: { azapi_resource: { r: run(exportId) } } }, ['ACR-024', 'ACR-123'])).toEqual([
        'ACR-024 pass: nothing but promotion can push into contosoacrprod',
        'ACR-123 pass: every import aimed at prod can be judged',
      ]);
    });

    it('of a pipeline the input does not decide is unknown, and ACR-123 fails it', () => {
      const module = {
        variable: { pipeline_id: { type: 'string' } },
        resource: { azapi_resource: { r: run('${var.pipeline_id}') } },
      };
      expect(check(module, ['ACR-024', 'ACR-123'], 'azapi_resource.r')).toEqual([
        'ACR-024 unknown: pipeline run inboxrun may import: it runs a pipeline the input does not decide, import or export: azapi_resource.r properties.request.pipelineResourceId is unknown: var.pipeline_id has no value (pass -var pipeline_id=... or a variables file with --var-file, or check the plan) (contosoacrprod)',
        expect.stringMatching(
          /^ACR-123 fail: cannot prove this import of prod cannot push into prod: pipeline run inboxrun may import/,
        ),
      ]);
    });
  });

  describe('an importImage action', () => {
    it('from docker.io, or any registry that is no Azure container registry, lets an image in past promotion', () => {
      for (const registryUri of ['docker.io', 'https://mcr.microsoft.com/', 'ghcr.io:443']) {
        const module = { resource: { azapi_resource_action: { i: importImage({ registryUri }) } } };
        expect(check(module, ['ACR-024'])).toEqual([
          expect.stringMatching(
            /^ACR-024 fail: image import azapi_resource_action\.i imports payments\/api:1\.4\.2 from (docker\.io|mcr\.microsoft\.com|ghcr\.io), which is no Azure container registry of the chain/,
          ),
        ]);
      }
    });

    it('from a registry of the chain cannot be told from promotion when prod is checked alone', () => {
      for (const source of [
        { resourceId: registryId('contosoacrstaging') },
        { registryUri: 'contosoacrstaging.azurecr.io' },
        // A login server with a domain name label hash (RegistryNameStatus.availableLoginServerName).
        { registryUri: 'contosoacrstaging-b5fhd3cxgzc7hah8.azurecr.io' },
      ]) {
        const module = { resource: { azapi_resource_action: { i: importImage(source) } } };
        expect(check(module, ['ACR-024', 'ACR-123'])).toEqual([
          "ACR-024 unknown: image import azapi_resource_action.i imports payments/api:1.4.2 from contosoacrstaging: whether that is the previous environment's registry is not known: staging, the environment promoted into prod, is not among the inputs (check them together) (contosoacrprod)",
          expect.stringMatching(/^ACR-123 fail: cannot prove this import of prod cannot push into prod: /),
        ]);
      }
    });

    it('reads a data source too (it posts the action on every plan), and a source by a data source reference', () => {
      const module = {
        data: {
          azurerm_container_registry: { dev: { name: 'contosoacrdev', resource_group_name: 'rg-acr-dev' } },
          azapi_resource_action: {
            i: importImage({ resourceId: '${data.azurerm_container_registry.dev.id}' }),
          },
        },
      };
      expect(check(module, ['ACR-024'])).toEqual([
        expect.stringMatching(
          /^ACR-024 unknown: image import data\.azapi_resource_action\.i imports payments\/api:1\.4\.2 from contosoacrdev: /,
        ),
      ]);
    });

    it('whose source the input does not decide is unknown, never a pass', () => {
      const module = {
        variable: { source: { type: 'string' } },
        resource: { azapi_resource_action: { i: importImage({ registryUri: '${var.source}' }) } },
      };
      expect(check(module, ['ACR-024'])).toEqual([
        'ACR-024 unknown: image import azapi_resource_action.i imports payments/api:1.4.2 from a registry the input does not decide (source.registryUri is unknown: var.source has no value (pass -var source=... or a variables file with --var-file, or check the plan)) (contosoacrprod)',
      ]);
      // A host of Azure Container Registry that is no login server (a data endpoint) may be any registry.
      const endpoint = {
        resource: {
          azapi_resource_action: {
            i: importImage({ registryUri: 'contosoacrstaging.westeurope.data.azurecr.io' }),
          },
        },
      };
      expect(check(endpoint, ['ACR-024'])).toEqual([
        expect.stringMatching(
          /^ACR-024 unknown: .*is a host of Azure Container Registry that is no login server read here/,
        ),
      ]);
    });

    it('copying within the registry itself lets no image in', () => {
      const module = {
        resource: { azapi_resource_action: { i: importImage({ resourceId: ACR }) } },
      };
      expect(check(module, ['ACR-024', 'ACR-123'])).toEqual([
        'ACR-024 pass: nothing but promotion can push into contosoacrprod',
        'ACR-123 pass: every import aimed at prod can be judged',
      ]);
    });

    it('other actions of the registry are no imports', () => {
      const module = {
        resource: {
          azapi_resource_action: {
            i: { ...importImage({ registryUri: 'docker.io' }), action: 'listCredentials' },
          },
        },
      };
      expect(check(module, ['ACR-024'])).toEqual([
        'ACR-024 pass: nothing but promotion can push into contosoacrprod',
      ]);
    });
  });

  it('an import whose registry the input does not decide may be prod’s: ACR-024 and ACR-111 say so', () => {
    const module = {
      variable: { target: { type: 'string' } },
      resource: {
        azapi_resource_action: { i: importImage({ registryUri: 'docker.io' }, '${var.target}') },
      },
    };
    expect(check(module, ['ACR-024', 'ACR-111'])).toEqual([
      expect.stringMatching(
        /^ACR-024 unknown: the grants, tokens, tasks, imports and cache rules of contosoacrprod are not all visible: azapi_resource_action\.i may be attached to it: resource_id is unknown: var\.target has no value/,
      ),
      expect.stringMatching(
        /^ACR-111 unknown: the registry of image import \(azapi_resource_action\.i\) is not decided: /,
      ),
    ]);
  });
});

describe('imports into another stack’s registry', () => {
  const stack = (env: string, resources: Record<string, unknown>): Record<string, unknown> => ({
    resource: {
      azurerm_container_registry: {
        acr: { ...REGISTRY, name: `contosoacr${env}`, resource_group_name: `rg-acr-${env}` },
      },
      ...resources,
    },
  });

  it.each(['cdktf', 'plan'])('are judged by ACR-105 on the registry they reach (%s)', (format) => {
    const read = (env: string, doc: Record<string, unknown>): Inventory =>
      format === 'cdktf'
        ? inventoryFromCdktfJson(doc, env, `stacks/${env}/cdk.tf.json`)
        : inventoryFromPlanJson(planFromCdktf(doc), env, `${env}.json`);
    const dev = stack('dev', {
      azapi_resource_action: {
        into_prod: importImage({ registryUri: 'docker.io' }, registryId('contosoacrprod', 'rg-acr-prod')),
      },
    });
    const inventories = [
      read('dev', dev),
      read('staging', stack('staging', {})),
      read('prod', stack('prod', {})),
    ];
    const result = checkInventories(inventories, { config: { order: ['dev', 'staging', 'prod'] } });
    expect(
      result.findings
        .filter((f) => f.ruleId === 'ACR-105' && f.result === 'fail')
        .map((f) => `${f.environment} ${f.location.address}: ${f.message}`),
    ).toEqual([
      'prod azapi_resource_action.into_prod: dev lets an image into prod past promotion: image import azapi_resource_action.into_prod imports payments/api:1.4.2 from docker.io, which is no Azure container registry of the chain',
    ]);
  });
});
