/**
 * The exported catalogue's `check` (a registry rule's outcomes as a list) says what the evaluator's
 * findings say: rules report into a collector, and the list form is an adapter over the same judgement.
 */
import type { Doc } from './helpers';
import { fixture, withImports } from './helpers';
import { REGISTRY_RULES, evaluate, inventoryFromCdktfJson, resolvePolicyConfig } from '../../policies';

function tampered(): Doc {
  const doc = fixture('prod.cdk.tf.json');
  const registry = doc.resource.azurerm_container_registry.registry;
  registry.admin_enabled = true;
  registry.sku = 'Basic';
  delete doc.resource.azurerm_private_endpoint;
  return doc;
}

describe('REGISTRY_RULES check', () => {
  it.each([
    ['the clean fixture', fixture('prod.cdk.tf.json')],
    ['a tampered one', tampered()],
    [
      'one with imports (an import pipeline, its run, an image import from docker.io)',
      withImports(fixture('prod.cdk.tf.json')),
    ],
  ])('returns the outcomes the evaluator turns into findings, on %s', (_name, doc: Doc) => {
    const inventory = inventoryFromCdktfJson(doc, 'prod', 'stacks/prod/cdk.tf.json');
    const config = resolvePolicyConfig({ order: ['prod'], allowedRegions: ['westeurope', 'northeurope'] });
    const result = evaluate([inventory], config);
    const context = {
      environment: 'prod',
      inventory,
      allowedRegions: config.allowedRegions,
      replicaRegions: [],
      allowedCacheSources: config.allowedCacheSources,
    };
    let compared = 0;
    for (const rule of REGISTRY_RULES) {
      const findings = result.findings.filter((f) => f.ruleId === rule.id);
      // Rules above the posture of prod have no per-registry findings to compare with.
      if (findings.length === 1 && findings[0].message.startsWith('not required in the')) continue;
      const listed = inventory.registries
        .flatMap((registry) =>
          rule
            .check(registry, context)
            .map((o) => [o.result, o.message, (o.source ?? registry.source).address]),
        )
        .map((row) => row.join(' | '))
        .sort();
      const found = findings.map((f) => [f.result, f.message, f.location.address].join(' | ')).sort();
      expect(listed).toEqual(found);
      compared += 1;
    }
    expect(compared).toBe(REGISTRY_RULES.length);
  });
});
