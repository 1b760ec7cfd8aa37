/**
 * A cache rule lets images into its registry past promotion (constructs/model/artifact-cache.ts): the
 * first pull of a tag through its target repository brings the image in from the upstream, with no
 * push and no import. Expectations follow the promotion model (DESIGN.md: images enter environment N
 * only by import from N-1): a cache rule on a promotion target fails, from its own stack (ACR-024 in
 * production, ACR-105 in staging) or from another one by the registry's ID (ACR-105); one whose
 * registry the input does not decide may be on a target (ACR-124); one on the first environment
 * judges nothing of the chain. Inputs are hand-written Terraform JSON (azurerm and azapi), a plan of
 * it, and azure-native resources as a Pulumi program registers them.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Inventory } from '../../policies';
import { checkInventories, inventoryFromCdktfJson, inventoryFromPlanJson } from '../../policies';
import { inventoryFromPulumiResources } from '../../policies/inventory/pulumi-resources/build';
import { planFromCdktf } from '../support/plan-from-cdktf';
import { pulumiRecord } from '../support/pulumi-records';
import { REGISTRY, azapi, registry } from '../support/azapi';
import { findingsOn, folderPerTest } from './helpers';

const SUB = '/subscriptions/00000000-0000-0000-0000-000000000000';
const registryId = (env: string): string =>
  `${SUB}/resourceGroups/rg-acr-${env}/providers/Microsoft.ContainerRegistry/registries/contosoacr${env}`;
const ORDER = { order: ['dev', 'staging', 'prod'] };

/** An azurerm registry of `env`, locked down. */
const acr = (env: string): Record<string, unknown> => ({
  name: `contosoacr${env}`,
  resource_group_name: `rg-acr-${env}`,
  location: 'westeurope',
  sku: 'Premium',
  public_network_access_enabled: false,
});

/** An azurerm cache rule of Docker Hub's nginx on `registryIdText`. */
const cacheRule = (registryIdText: string): Record<string, unknown> => ({
  name: 'hub-nginx',
  container_registry_id: registryIdText,
  source_repo: 'docker.io/library/nginx',
  target_repo: 'hub/nginx',
});

const NGINX = 'cache rule hub-nginx pulls docker.io/library/nginx into repository hub/nginx';
const NO_STEP = 'it caches what clients pull through it, with no promotion step';

describe('a cache rule of the registry, in a Terraform root module', () => {
  const dir = folderPerTest('acr-cache-push-');

  function check(resources: Record<string, unknown>, rules: readonly string[], env = 'prod'): string[] {
    const module = { variable: { target: { type: 'string' } }, resource: resources };
    writeFileSync(path.join(dir(), 'main.tf.json'), JSON.stringify(module));
    return findingsOn(dir(), rules, undefined, env);
  }

  it('fails ACR-024 in production: Docker Hub images enter prod with no promotion', () => {
    const resources = {
      azurerm_container_registry: { acr: acr('prod') },
      azurerm_container_registry_cache_rule: { nginx: cacheRule('${azurerm_container_registry.acr.id}') },
    };
    expect(check(resources, ['ACR-024', 'ACR-124'])).toEqual([
      `ACR-024 fail: ${NGINX}: ${NO_STEP} (into contosoacrprod, past promotion)`,
      'ACR-124 pass: every cache rule aimed at prod can be judged',
    ]);
  });

  it('fails ACR-105 in staging, a promotion target, in its own stack', () => {
    const resources = {
      azurerm_container_registry: { acr: acr('staging') },
      azurerm_container_registry_cache_rule: { nginx: cacheRule('${azurerm_container_registry.acr.id}') },
    };
    expect(check(resources, ['ACR-024', 'ACR-105'], 'staging')).toEqual([
      'ACR-024 not-applicable: not required in the hardened posture of staging',
      `ACR-105 fail: staging lets an image into staging past promotion: ${NGINX}: ${NO_STEP}`,
    ]);
  });

  it('reads an azapi cache rule (registries/cacheRules) the same way', () => {
    const resources = {
      azapi_resource: {
        acr: registry(),
        cache: azapi('Microsoft.ContainerRegistry/registries/cacheRules', {
          name: 'mcr',
          parent_id: REGISTRY,
          body: {
            properties: { sourceRepository: 'mcr.microsoft.com/dotnet/*', targetRepository: 'dotnet/*' },
          },
        }),
      },
    };
    expect(check(resources, ['ACR-024'])).toEqual([
      `ACR-024 fail: cache rule mcr pulls mcr.microsoft.com/dotnet/* into repository dotnet/*: ${NO_STEP} (into contosoacrprod, past promotion)`,
    ]);
  });

  it('whose registry the input does not decide may be prod’s: ACR-024 is unknown, ACR-124 fails it', () => {
    const resources = {
      azurerm_container_registry: { acr: acr('prod') },
      azurerm_container_registry_cache_rule: { nginx: cacheRule('${var.target}') },
    };
    expect(check(resources, ['ACR-024', 'ACR-124'])).toEqual([
      expect.stringMatching(
        /^ACR-024 unknown: the grants, tokens, tasks, imports and cache rules of contosoacrprod are not all visible: azurerm_container_registry_cache_rule\.nginx may be attached to it: container_registry_id is unknown: var\.target has no value/,
      ),
      `ACR-124 fail: cannot prove this cache rule of prod cannot push into prod: its registry cannot be told (it may be this one); ${NGINX}: ${NO_STEP}`,
    ]);
  });

  it('that may not exist (`count` of a variable without a value) is unknown, and ACR-124 fails it', () => {
    const resources = {
      azurerm_container_registry: { acr: acr('prod') },
      azurerm_container_registry_cache_rule: {
        nginx: { ...cacheRule('${azurerm_container_registry.acr.id}'), count: '${var.cached ? 1 : 0}' },
      },
    };
    const module = { variable: { cached: { type: 'bool' } }, resource: resources };
    writeFileSync(path.join(dir(), 'main.tf.json'), JSON.stringify(module));
    expect(findingsOn(dir(), ['ACR-024', 'ACR-124'])).toEqual([
      expect.stringMatching(
        /^ACR-024 unknown: cache rule hub-nginx pulls docker\.io\/library\/nginx into repository hub\/nginx: it caches what clients pull through it, with no promotion step, if it exists, which is not known \(.*var\.cached.*\) \(contosoacrprod\)$/,
      ),
      expect.stringMatching(
        /^ACR-124 fail: cannot prove this cache rule of prod cannot push into prod: cache rule hub-nginx .*if it exists/,
      ),
    ]);
  });

  it('in dev, the first environment, is the pull-through cache the chain allows', () => {
    const resources = {
      azurerm_container_registry: { acr: acr('dev') },
      azurerm_container_registry_cache_rule: { nginx: cacheRule('${azurerm_container_registry.acr.id}') },
    };
    expect(check(resources, ['ACR-024', 'ACR-054'], 'dev')).toEqual([
      'ACR-024 not-applicable: not required in the baseline posture of dev',
      'ACR-054 pass: cache rule hub-nginx pulls from docker.io, an allowed upstream',
    ]);
  });
});

describe('a cache rule on another stack’s registry', () => {
  const stack = (env: string, resources: Record<string, unknown> = {}): Record<string, unknown> => ({
    resource: { azurerm_container_registry: { acr: acr(env) }, ...resources },
  });

  it.each(['cdktf', 'plan'])('is judged by ACR-105 on the registry its ID names (%s)', (format) => {
    const read = (env: string, doc: Record<string, unknown>): Inventory =>
      format === 'cdktf'
        ? inventoryFromCdktfJson(doc, env, `stacks/${env}/cdk.tf.json`)
        : inventoryFromPlanJson(planFromCdktf(doc), env, `${env}.json`);
    const dev = stack('dev', {
      azurerm_container_registry_cache_rule: {
        local: cacheRule('${azurerm_container_registry.acr.id}'),
        into_staging: cacheRule(registryId('staging')),
      },
    });
    const result = checkInventories(
      [read('dev', dev), read('staging', stack('staging')), read('prod', stack('prod'))],
      {
        config: ORDER,
      },
    );
    const on = (rule: string): string[] =>
      result.findings
        .filter((f) => f.ruleId === rule)
        .map((f) => `${f.environment} ${f.result} ${f.location.address}: ${f.message}`);
    expect(on('ACR-105')).toEqual([
      `staging fail azurerm_container_registry_cache_rule.into_staging: dev lets an image into staging past promotion: ${NGINX}: ${NO_STEP}`,
      'prod pass azurerm_container_registry.acr: nothing but promotion can push into prod from another stack (its own grants, tokens, tasks, imports and cache rules: ACR-024)',
    ]);
    expect(on('ACR-124').map((line) => line.split(' ').slice(0, 2).join(' '))).toEqual([
      'staging pass',
      'prod pass',
    ]);
  });
});

describe('an azure-native cache rule', () => {
  it('fails ACR-024 on the production registry it names', () => {
    const inventory = inventoryFromPulumiResources(
      [
        pulumiRecord('azure-native:containerregistry:Registry', 'acr', {
          registryName: 'contosoacrprod',
          resourceGroupName: 'rg-acr-prod',
          location: 'westeurope',
          sku: { name: 'Premium' },
        }),
        pulumiRecord('azure-native:containerregistry:CacheRule', 'nginx', {
          registryName: 'contosoacrprod',
          resourceGroupName: 'rg-acr-prod',
          cacheRuleName: 'hub-nginx',
          sourceRepository: 'docker.io/library/nginx',
          targetRepository: 'hub/nginx',
        }),
      ],
      { environment: 'prod', file: 'Pulumi.prod.yaml' },
    );
    const findings = checkInventories([inventory], { config: { order: ['prod'] } }).findings;
    expect(findings.filter((f) => f.ruleId === 'ACR-024').map((f) => `${f.result}: ${f.message}`)).toEqual([
      `fail: ${NGINX}: ${NO_STEP} (into contosoacrprod, past promotion)`,
    ]);
  });
});
