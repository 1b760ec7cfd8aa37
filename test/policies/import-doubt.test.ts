/**
 * ACR-104 on a promotion target whose registry name is not known (a variable without a value, as in
 * the Azure Verified Module's examples): the name matters only when some grant of the estate is on a
 * registry the estate does not place, which may be this one. With no such grant, every grant is seen
 * and the rule passes; with one, who can import is unknown, naming the variable.
 */
import type { Finding } from '../../policies';
import { evaluate, inventoryFromTerraformJson, resolvePolicyConfig } from '../../policies';

type Json = Record<string, unknown>;

const SUB = '/subscriptions/00000000-0000-0000-0000-000000000000';

function prodModule(extra: Json = {}): Json {
  return {
    variable: { name: { type: 'string' } },
    resource: {
      azurerm_container_registry: {
        acr: {
          name: '${var.name}',
          resource_group_name: 'rg-acr-prod',
          location: 'westeurope',
          sku: 'Premium',
        },
      },
      ...extra,
    },
  };
}

function acr104(doc: Json): string[] {
  const inventory = inventoryFromTerraformJson(doc, 'prod', 'prod/main.tf.json');
  const result = evaluate([inventory], resolvePolicyConfig({ order: ['dev', 'staging', 'prod'] }));
  return result.findings
    .filter((f: Finding) => f.ruleId === 'ACR-104')
    .map((f: Finding) => `${f.result}: ${f.message}`);
}

describe('ACR-104 on a prod registry whose name is a variable without a value', () => {
  it('passes when the input holds no grant that could be on it unseen', () => {
    expect(acr104(prodModule())).toEqual([
      expect.stringMatching(/^pass: only \S+ can import into prod, from staging$/),
    ]);
  });

  it('is unknown, naming the variable, when a grant is on a registry named by a literal ID', () => {
    const grant = {
      azurerm_role_assignment: {
        push: {
          scope: `${SUB}/resourceGroups/rg-acr-prod/providers/Microsoft.ContainerRegistry/registries/contosoacrprod`,
          role_definition_name: 'AcrPush',
          principal_id: '11111111-1111-1111-1111-111111111111',
        },
      },
    };
    expect(acr104(prodModule(grant))).toEqual([
      expect.stringMatching(/^unknown: who can import into prod is not fully known: .*var\.name/),
    ]);
  });
});
