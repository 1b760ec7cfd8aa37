/**
 * Environment, role and scope-map names that are JavaScript object built-ins are plain names: they
 * never find an inherited member of a lookup table, so no rule turns not-applicable because of them.
 */
import { evaluate, inventoryFromCdktfJson, resolvePolicyConfig } from '../../policies';
import { fixture } from './helpers';

const BUILT_INS = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'];

describe.each(BUILT_INS)('an environment named %s', (env) => {
  const doc = fixture('prod.cdk.tf.json');
  doc.resource.azurerm_container_registry.registry.admin_enabled = true;
  doc.resource.azurerm_container_registry.registry.anonymous_pull_enabled = true;
  const inventory = inventoryFromCdktfJson(doc, env, `stacks/${env}/cdk.tf.json`);

  it('is judged like any environment outside the chain', () => {
    const result = evaluate([inventory], resolvePolicyConfig({ order: ['dev', 'staging', 'prod'] }));
    const failed = result.findings.filter((f) => f.result === 'fail').map((f) => f.ruleId);
    expect(failed).toEqual(expect.arrayContaining(['ACR-001', 'ACR-002']));
    expect(result.mandatoryFailures).toBeGreaterThan(0);
  });

  it('takes the posture and enforcement configured for it, and only those', () => {
    const config = resolvePolicyConfig({
      order: ['dev', env],
      enforcement: JSON.parse(`{"${env}": "advisory"}`),
      postures: JSON.parse(`{"${env}": "production"}`),
    });
    const result = evaluate([inventory], config);
    expect(result.environments[0]).toMatchObject({ enforcement: 'advisory', posture: 'production' });
    expect(result.findings.some((f) => f.ruleId === 'ACR-008' && f.result !== 'not-applicable')).toBe(true);
  });
});

it('a scope map or role named after a built-in resolves to nothing, not to an inherited function', () => {
  const doc = fixture('prod.cdk.tf.json');
  const token = Object.values(doc.resource.azurerm_container_registry_token)[0] as Record<string, unknown>;
  token.scope_map_id =
    '/subscriptions/0/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/r/scopeMaps/constructor';
  const grant = Object.values(doc.resource.azurerm_role_assignment)[0] as Record<string, unknown>;
  grant.role_definition_name = 'toString';
  const inventory = inventoryFromCdktfJson(doc, 'prod', 'stacks/prod/cdk.tf.json');
  const registry = inventory.registries[0];
  expect(registry.tokens[0].actions).toEqual({ unknown: true });
  const abilities = registry.roleAssignments.find((g) => g.role.name === 'toString')?.role.abilities;
  expect(typeof abilities).toBe('object');
});
