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
import { checkInventories } from '../../policies';
import { inventoryFromPulumiResources } from '../../policies/inventory/pulumi-resources/build';
import { NATIVE_PROD_REGISTRY, pulumiRecord } from '../support/pulumi-records';
import { REGISTRY, azapi, registry } from '../support/azapi';
import { checkDevEstate, lockedDownAcr as acr, registryIdOf, rootModuleCheck } from './helpers';

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
  const check = rootModuleCheck('acr-cache-push-', { target: { type: 'string' }, cached: { type: 'bool' } });

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
    expect(check(resources, ['ACR-024', 'ACR-124'])).toEqual([
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
  it.each(['cdktf', 'plan'] as const)('is judged by ACR-105 on the registry its ID names (%s)', (format) => {
    const result = checkDevEstate(format, {
      azurerm_container_registry_cache_rule: {
        local: cacheRule('${azurerm_container_registry.acr.id}'),
        into_staging: cacheRule(registryIdOf('staging')),
      },
    });
    const on = (rule: string): string[] =>
      result.findings
        .filter((f) => f.ruleId === rule)
        .map((f) => `${f.environment} ${f.result} ${f.location.address}: ${f.message}`);
    expect(on('ACR-105')).toEqual([
      `staging fail azurerm_container_registry_cache_rule.into_staging: dev lets an image into staging past promotion: ${NGINX}: ${NO_STEP}`,
      'prod pass azurerm_container_registry.acr: nothing but promotion can push into prod from another stack (its own admin user, grants, tokens, tasks, imports and cache rules: ACR-024)',
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
        NATIVE_PROD_REGISTRY,
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
