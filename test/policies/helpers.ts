/**
 * Shared helpers of the policy tests: fixtures, tampering, evaluation.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { EvaluationResult, Finding, Inventory, PolicyConfigInput } from '../../policies';
import {
  checkInventories,
  evaluate,
  inventoryFromCdktfJson,
  inventoryFromPlanJson,
  loadInventories,
  resolvePolicyConfig,
} from '../../policies';
import { planFromCdktf } from '../support/plan-from-cdktf';

/** Folder of the policy fixtures. */
export const FIXTURES = path.join(__dirname, '..', 'fixtures', 'policies');

/** A JSON value that tests may change freely. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Doc = any;

/** A fresh copy of a JSON fixture. */
export function fixture(name: string): Doc {
  return JSON.parse(readFileSync(path.join(FIXTURES, name), 'utf8'));
}

/** Evaluates one cdk.tf.json document as environment `env`. */
export function evaluateDoc(doc: Doc, env = 'prod', config: PolicyConfigInput = {}): EvaluationResult {
  const inventory = inventoryFromCdktfJson(doc, env, `stacks/${env}/cdk.tf.json`);
  return evaluate(
    [inventory],
    resolvePolicyConfig({
      order: [env],
      allowedRegions: ['westeurope', 'northeurope', 'swedencentral'],
      ...config,
    }),
  );
}

/** Findings of one rule with one result. */
export function results(result: EvaluationResult, ruleId: string, outcome: Finding['result']): Finding[] {
  return result.findings.filter((f) => f.ruleId === ruleId && f.result === outcome);
}

/** Rule IDs that failed. */
export function failedRules(result: EvaluationResult): string[] {
  return [...new Set(result.findings.filter((f) => f.result === 'fail').map((f) => f.ruleId))].sort();
}

/**
 * `rule result: message` of the findings of `rules` (at `address` when given) on the input at `input`
 * (a root module folder or a plan file) judged as `environment` (prod unless given) of dev -> staging
 * -> prod, with no replica regions.
 */
export function findingsOn(
  input: string,
  rules: readonly string[],
  address?: string,
  environment = 'prod',
): string[] {
  const [inventory] = loadInventories([input], { cwd: path.dirname(input), environment });
  const config = { order: ['dev', 'staging', 'prod'], replicaRegions: { prod: [] } };
  return checkInventories([inventory], { config })
    .findings.filter(
      (f) => rules.includes(f.ruleId) && (address === undefined || f.location.address === address),
    )
    .map((f) => `${f.ruleId} ${f.result}: ${f.message}`);
}

/**
 * A fresh temporary folder for each test of the enclosing `describe`, removed after the test: call
 * the returned function inside a test for its path.
 */
export function folderPerTest(prefix: string): () => string {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), prefix));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  return () => dir;
}

/**
 * `doc` (a cdk.tf.json) with a pull-through cache of Docker Hub on its registry `registry`, signed
 * in with a credential set: what ACR-054 and ACR-055 judge. The prod fixture has none, since a cache
 * rule lets images into its registry past promotion (ACR-024, ACR-105).
 */
export function withCache(doc: Doc): Doc {
  doc.resource.azurerm_container_registry_credential_set = {
    hub: {
      name: 'dockerhub',
      container_registry_id: '${azurerm_container_registry.registry.id}',
      login_server: 'docker.io',
      identity: { type: 'SystemAssigned' },
      authentication_credentials: {
        username_secret_id: 'https://kv-platform.vault.azure.net/secrets/hub-user',
        password_secret_id: 'https://kv-platform.vault.azure.net/secrets/hub-token',
      },
    },
  };
  doc.resource.azurerm_container_registry_cache_rule = {
    nginx: {
      name: 'hub-nginx',
      container_registry_id: '${azurerm_container_registry.registry.id}',
      source_repo: 'docker.io/library/nginx',
      target_repo: 'hub/nginx',
      credential_set_id: '${azurerm_container_registry_credential_set.hub.id}',
    },
  };
  return doc;
}

/**
 * `doc` (a cdk.tf.json) with imports into its first registry, written as azapi writes them: an ACR
 * Transfer import pipeline, a run of it, and an `importImage` action from docker.io.
 */
export function withImports(doc: Doc): Doc {
  const key = Object.keys(doc.resource.azurerm_container_registry)[0];
  const registry = `\${azurerm_container_registry.${key}.id}`;
  doc.resource.azapi_resource = {
    ...(doc.resource.azapi_resource ?? {}),
    inbox: {
      type: 'Microsoft.ContainerRegistry/registries/importPipelines@2023-01-01-preview',
      name: 'inboxpipeline',
      parent_id: registry,
      body: {
        properties: {
          source: {
            type: 'AzureStorageBlobContainer',
            uri: 'https://contosotransfer.blob.core.windows.net/inbox',
            keyVaultUri: 'https://contosokv.vault.azure.net/secrets/acrimportsas',
          },
          trigger: { sourceTrigger: { status: 'Enabled' } },
        },
      },
    },
    inbox_run: {
      type: 'Microsoft.ContainerRegistry/registries/pipelineRuns@2023-01-01-preview',
      name: 'inboxrun',
      parent_id: registry,
      body: { properties: { request: { pipelineResourceId: '${azapi_resource.inbox.id}' } } },
    },
  };
  doc.resource.azapi_resource_action = {
    ...(doc.resource.azapi_resource_action ?? {}),
    nginx: {
      type: 'Microsoft.ContainerRegistry/registries@2023-07-01',
      resource_id: registry,
      action: 'importImage',
      body: { source: { registryUri: 'docker.io', sourceImage: 'library/nginx:1.27' } },
    },
  };
  return doc;
}

/** The resource ID of the registry `contosoacr<env>` that {@link lockedDownAcr} declares. */
export const registryIdOf = (env: string): string =>
  `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-acr-${env}/providers/Microsoft.ContainerRegistry/registries/contosoacr${env}`;

/** The attributes of an azurerm registry `contosoacr<env>` in `rg-acr-<env>`: Premium, public access off. */
export const lockedDownAcr = (env: string): Record<string, unknown> => ({
  name: `contosoacr${env}`,
  resource_group_name: `rg-acr-${env}`,
  location: 'westeurope',
  sku: 'Premium',
  public_network_access_enabled: false,
});

/**
 * For each test of the enclosing `describe`, a check of a hand-written root module (`main.tf.json`
 * with `variables`, none of them given a value, `resources` and data sources `data`) by {@link findingsOn}.
 */
export function rootModuleCheck(
  prefix: string,
  variables: Readonly<Record<string, { readonly type: string }>>,
): (
  resources: Record<string, unknown>,
  rules: readonly string[],
  env?: string,
  data?: Record<string, unknown>,
) => string[] {
  const dir = folderPerTest(prefix);
  return (resources, rules, env = 'prod', data) => {
    const module = { variable: variables, resource: resources, ...(data ? { data } : {}) };
    writeFileSync(path.join(dir(), 'main.tf.json'), JSON.stringify(module));
    return findingsOn(dir(), rules, undefined, env);
  };
}

/**
 * The result of checking dev -> staging -> prod, each a stack with its {@link lockedDownAcr} registry
 * and dev also `devResources`, read as cdktf JSON or as a plan of it.
 */
export function checkDevEstate(
  format: 'cdktf' | 'plan',
  devResources: Record<string, unknown>,
): EvaluationResult {
  const stack = (env: string, resources: Record<string, unknown> = {}): Record<string, unknown> => ({
    resource: { azurerm_container_registry: { acr: lockedDownAcr(env) }, ...resources },
  });
  const read = (env: string, doc: Record<string, unknown>): Inventory =>
    format === 'cdktf'
      ? inventoryFromCdktfJson(doc, env, `stacks/${env}/cdk.tf.json`)
      : inventoryFromPlanJson(planFromCdktf(doc), env, `${env}.json`);
  const inventories = [
    read('dev', stack('dev', devResources)),
    read('staging', stack('staging')),
    read('prod', stack('prod')),
  ];
  return checkInventories(inventories, { config: { order: ['dev', 'staging', 'prod'] } });
}
