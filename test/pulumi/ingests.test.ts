/**
 * ACR Transfer in a Pulumi stack registered under mocks: azure-native's `containerregistry.ImportPipeline`
 * and `PipelineRun`. An import pipeline imports the artifact blobs of a storage container into its
 * registry (with its source trigger on, `Enabled` by default in the REST spec and the SDK,
 * every blob as it arrives), and a run of one imports a blob through it: storage is no registry of
 * the chain, so both let images into production past promotion (DESIGN.md: images enter environment N
 * only by import from N-1). A run of an export pipeline exports, and lets nothing in.
 */
import { ExportPipeline } from '@pulumi/azure-native/containerregistry/exportPipeline';
import { ImportPipeline } from '@pulumi/azure-native/containerregistry/importPipeline';
import { PipelineRun } from '@pulumi/azure-native/containerregistry/pipelineRun';
import { Registry } from '@pulumi/azure-native/containerregistry/registry';
import type { Inventory } from '../../policies';
import { checkInventories } from '../../policies';
import { inventoryFromPulumiResources } from '../../policies/inventory/pulumi-resources/build';
import { runUnderMocks } from '../../policies/inventory/pulumi-program/mocks';
import { inventoryFromPulumiPreviewJson } from '../../policies/inventory/pulumi-preview/read';
import { previewFromMockRun } from '../support/pulumi-preview-fixture';

const ON_PROD = { registryName: 'contosoacrprod', resourceGroupName: 'rg-acr-prod' };
const KEY_VAULT_SECRET = 'https://contosokv.vault.azure.net/secrets/acrtransfersas';

/** The inventory of what `program` registers as stack `env`, beside the production registry when prod. */
async function inventoryOf(env: string, program: () => void): Promise<Inventory> {
  const { resources } = await runUnderMocks(
    () => {
      if (env === 'prod')
        new Registry('contosoacrprod', {
          ...ON_PROD,
          location: 'westeurope',
          sku: { name: 'Premium' },
          adminUserEnabled: false,
          publicNetworkAccess: 'Disabled',
        });
      program();
    },
    { stack: env },
  );
  return inventoryFromPulumiResources(resources, { environment: env, file: `Pulumi.${env}.yaml` });
}

/** `rule result @ resource: message` of `rules`, of `prod` as the prod stack and `dev` as the dev stack. */
async function findings(rules: readonly string[], prod: () => void, dev?: () => void): Promise<string[]> {
  const inventories = [await inventoryOf('prod', prod), ...(dev ? [await inventoryOf('dev', dev)] : [])];
  const { findings: all } = checkInventories(inventories, { config: { order: ['dev', 'staging', 'prod'] } });
  return all
    .filter((f) => rules.includes(f.ruleId) && f.result !== 'not-applicable')
    .map((f) => `${f.ruleId} ${f.result} @ ${f.location.address.split('::').pop()}: ${f.message}`);
}

function inbox(trigger?: { sourceTrigger: { status: string } }): ImportPipeline {
  return new ImportPipeline('inbox', {
    ...ON_PROD,
    importPipelineName: 'inboxpipeline',
    identity: { type: 'SystemAssigned' },
    source: { uri: 'https://contosotransfer.blob.core.windows.net/inbox', keyVaultUri: KEY_VAULT_SECRET },
    ...(trigger ? { trigger } : {}),
  });
}

describe('azure-native ACR Transfer', () => {
  it('an import pipeline and a run of it let images into prod past promotion (ACR-024 fails both)', async () => {
    const prod = (): void => {
      const pipeline = inbox({ sourceTrigger: { status: 'Enabled' } });
      new PipelineRun('once', {
        ...ON_PROD,
        pipelineRunName: 'inboxrun202601',
        request: {
          pipelineResourceId: pipeline.id,
          source: { type: 'AzureStorageBlob', name: 'release-2026-01.tar.gz' },
        },
      });
    };
    expect(await findings(['ACR-024', 'ACR-050', 'ACR-123'], prod)).toEqual([
      'ACR-024 fail @ inbox: import pipeline inboxpipeline imports the artifact blobs of https://contosotransfer.blob.core.windows.net/inbox, every blob as it arrives there (its source trigger is on), with no run (into contosoacrprod, past promotion)',
      'ACR-024 fail @ once: pipeline run inboxrun202601 imports artifact blobs from storage through import pipeline inboxpipeline (into contosoacrprod, past promotion)',
      'ACR-123 pass @ contosoacrprod: every import aimed at prod can be judged',
    ]);
  });

  it('reads them from `pulumi preview --json` too', async () => {
    const run = await runUnderMocks(
      () => {
        new Registry('contosoacrprod', { ...ON_PROD, sku: { name: 'Premium' } });
        const pipeline = inbox({ sourceTrigger: { status: 'Enabled' } });
        new PipelineRun('once', { ...ON_PROD, request: { pipelineResourceId: pipeline.id } });
      },
      { stack: 'prod' },
    );
    const preview = previewFromMockRun(run, { project: 'acr-iac', stack: 'prod', providerVersion: '3.28.0' });
    const inventory = inventoryFromPulumiPreviewJson(preview, 'prod', 'prod-preview.json');
    const { findings: all } = checkInventories([inventory], {
      config: { order: ['dev', 'staging', 'prod'] },
    });
    expect(
      all
        .filter((f) => f.ruleId === 'ACR-024')
        .map((f) => `${f.result} @ ${f.location.address.split('::').pop()}`),
    ).toEqual(['fail @ inbox', 'fail @ once']);
  });

  it('a pipeline whose source trigger is off still imports on each run', async () => {
    expect(await findings(['ACR-024'], () => inbox({ sourceTrigger: { status: 'Disabled' } }))).toEqual([
      'ACR-024 fail @ inbox: import pipeline inboxpipeline imports the artifact blobs of https://contosotransfer.blob.core.windows.net/inbox on each pipeline run (into contosoacrprod, past promotion)',
    ]);
  });

  it('a run of an export pipeline exports, and lets nothing in', async () => {
    const prod = (): void => {
      const pipeline = new ExportPipeline('outbox', {
        ...ON_PROD,
        exportPipelineName: 'outboxpipeline',
        identity: { type: 'SystemAssigned' },
        target: {
          uri: 'https://contosotransfer.blob.core.windows.net/outbox',
          keyVaultUri: KEY_VAULT_SECRET,
        },
      });
      new PipelineRun('export', {
        ...ON_PROD,
        request: { pipelineResourceId: pipeline.id, artifacts: ['payments/api:1.4.2'] },
      });
    };
    expect(await findings(['ACR-024', 'ACR-123'], prod)).toEqual([
      'ACR-024 pass @ contosoacrprod: nothing but promotion can push into contosoacrprod',
      'ACR-123 pass @ contosoacrprod: every import aimed at prod can be judged',
    ]);
  });

  it('a run whose pipeline ID is computed from a pipeline of the stack is a run of it', async () => {
    const prod = (): void => {
      new PipelineRun('later', { ...ON_PROD, request: { pipelineResourceId: inbox().id.apply((id) => id) } });
    };
    expect(await findings(['ACR-024'], prod)).toContainEqual(
      expect.stringMatching(/^ACR-024 fail @ later: .*through import pipeline inboxpipeline/),
    );
  });

  it('a run whose pipeline the stack does not decide may import: unknown, and ACR-123 fails it', async () => {
    const prod = (): void => {
      new PipelineRun('later', {
        ...ON_PROD,
        request: {
          pipelineResourceId:
            '/subscriptions/0/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/contosoacrprod/tokens/x',
        },
      });
    };
    expect(await findings(['ACR-024', 'ACR-123'], prod)).toEqual([
      expect.stringMatching(
        /^ACR-024 unknown @ later: pipeline run later may import: it runs a pipeline the stack does not decide, import or export: request\.pipelineResourceId ".*" is no pipeline ID \(contosoacrprod\)$/,
      ),
      expect.stringMatching(
        /^ACR-123 fail @ later: cannot prove this import of prod cannot push into prod: /,
      ),
    ]);
  });

  it('an import pipeline on prod registered by the dev stack fails ACR-105', async () => {
    const dev = (): void => {
      new ImportPipeline('into-prod', {
        ...ON_PROD,
        importPipelineName: 'devinbox',
        source: { uri: 'https://devstorage.blob.core.windows.net/drop', keyVaultUri: KEY_VAULT_SECRET },
        trigger: { sourceTrigger: { status: 'Enabled' } },
      });
    };
    expect(await findings(['ACR-105'], () => undefined, dev)).toEqual([
      'ACR-105 fail @ into-prod: dev lets an image into prod past promotion: import pipeline devinbox imports the artifact blobs of https://devstorage.blob.core.windows.net/drop, every blob as it arrives there (its source trigger is on), with no run',
    ]);
  });
});
