/**
 * Hand-written Terraform naming a registry by a literal resource ID: Azure resource IDs are
 * case-insensitive, and the ID of a registry's child resource (a webhook, a replication) is not the
 * registry's. Outcomes follow Azure semantics (Microsoft Learn, cited per case).
 */
import type { Finding } from '../../policies';
import { evaluate, inventoryFromTerraformJson, resolvePolicyConfig } from '../../policies';

const SUB = '/subscriptions/00000000-0000-0000-0000-000000000000';
const ACR_ID = `${SUB}/resourceGroups/rg-a/providers/Microsoft.ContainerRegistry/registries/contosoacrprod`;

type Json = Record<string, unknown>;

function findings(resource: Json, variable: Json = {}): readonly Finding[] {
  const inventory = inventoryFromTerraformJson({ variable, resource }, 'prod', 'prod/main.tf.json');
  return evaluate([inventory], resolvePolicyConfig({ order: ['prod'] })).findings;
}

function outcomes(all: readonly Finding[], ruleId: string): string[] {
  return all.filter((f) => f.ruleId === ruleId).map((f) => `${f.result}: ${f.message}`);
}

function registry(extra: Json = {}): Json {
  return {
    name: 'contosoacrprod',
    resource_group_name: 'rg-a',
    location: 'westeurope',
    sku: 'Premium',
    public_network_access_enabled: false,
    ...extra,
  };
}

const lockAt = (scope: string): Json => ({
  azurerm_container_registry: { acr: registry() },
  azurerm_management_lock: { lock: { name: 'lock', scope, lock_level: 'CanNotDelete' } },
});

describe('a lock named by a literal ID', () => {
  it("protects the registry at the registry's ID, in any case", () => {
    expect(outcomes(findings(lockAt(ACR_ID.toUpperCase())), 'ACR-018')).toEqual([
      'pass: contosoacrprod has a delete lock',
    ]);
  });

  it("does not protect the registry at a child resource's ID", () => {
    // A lock is inherited by the resources below its scope, not above it ("When you apply a lock at a
    // parent scope, all child resources inherit the same lock", Microsoft Learn, ManagementLocks): a
    // lock on a webhook or a replication leaves the registry deletable.
    expect(outcomes(findings(lockAt(`${ACR_ID}/webhooks/hook`)), 'ACR-018')).toEqual([
      'fail: contosoacrprod has no CanNotDelete lock',
    ]);
    expect(outcomes(findings(lockAt(`${ACR_ID}/replications/northeurope`)), 'ACR-018')).toEqual([
      'fail: contosoacrprod has no CanNotDelete lock',
    ]);
  });
});

describe('a literal registry ID, and a registry whose name is not decided', () => {
  // A registry's ID ends in its name, and the name is the registry's alone ("be globally unique",
  // Microsoft Learn, Registries - Check Name Availability). With name = var.name (no value) the registry may be
  // contosoacrprod: what the input aims at contosoacrprod may be its own.
  const judge = (name: string): Finding[] =>
    findings(
      {
        azurerm_container_registry: { acr: registry({ name }) },
        azurerm_management_lock: { lock: { name: 'lock', scope: ACR_ID, lock_level: 'CanNotDelete' } },
        azurerm_role_assignment: {
          push: {
            scope: ACR_ID,
            role_definition_name: 'AcrPush',
            principal_id: '00000000-0000-0000-0000-000000000001',
          },
        },
      },
      { name: { type: 'string' } },
    ) as Finding[];

  it('neither fails ACR-018 nor passes ACR-024', () => {
    const maybe = judge('${var.name}');
    expect(outcomes(maybe, 'ACR-018')).toEqual([
      expect.stringMatching(
        /^unknown: whether a lock protects azurerm_container_registry\.acr is not known: azurerm_management_lock\.lock names registry contosoacrprod, which may be it, whose name is not decided: var\.name has no value/,
      ),
    ]);
    expect(outcomes(maybe, 'ACR-024')).toEqual([
      expect.stringMatching(
        /^unknown: .*azurerm_role_assignment\.push names registry contosoacrprod, which may be it/,
      ),
    ]);
  });

  it('rules the name out when the literal parts around its references cannot make it', () => {
    // `acr${...}` with a variable or a generated suffix: contosoacrprod cannot begin with `acr`.
    for (const name of ['acr${var.name}', 'acr${random_string.suffix.result}']) {
      const other = judge(name);
      expect(outcomes(other, 'ACR-018')).toEqual([
        expect.stringMatching(/^fail: .* has no CanNotDelete lock/),
      ]);
      expect(outcomes(other, 'ACR-024')).toEqual([
        expect.stringMatching(/^pass: nothing but promotion can push/),
      ]);
    }
    // `contoso${...}prod` may be contosoacrprod.
    const maybe = judge('contoso${var.name}prod');
    expect(outcomes(maybe, 'ACR-024')).toEqual([
      expect.stringMatching(
        /^unknown: .*azurerm_role_assignment\.push names registry contosoacrprod, which may be it/,
      ),
    ]);
  });

  it('decides on a literal name', () => {
    const same = judge('contosoacrprod');
    expect(outcomes(same, 'ACR-018')).toEqual(['pass: contosoacrprod has a delete lock']);
    expect(outcomes(same, 'ACR-024')).toEqual([
      expect.stringMatching(/^fail: 00000000-0000-0000-0000-000000000001 can push/),
    ]);
    const other = judge('contosoacrother');
    expect(outcomes(other, 'ACR-018')).toEqual(['fail: contosoacrother has no CanNotDelete lock']);
    expect(outcomes(other, 'ACR-024')).toEqual(['pass: nothing but promotion can push into contosoacrother']);
  });
});

describe("a module given a registry's child resource ID", () => {
  it('may attach resources to the registry: its lists are not all visible', () => {
    const inventory = inventoryFromTerraformJson(
      {
        resource: { azurerm_container_registry: { acr: registry() } },
        module: { tokens: { source: './modules/tokens', scope_map_id: `${ACR_ID}/scopeMaps/pull` } },
      },
      'prod',
      'prod/main.tf.json',
    );
    expect(inventory.moduleCalls?.map((c) => c.registries)).toEqual([['azurerm_container_registry.acr']]);
    expect(
      outcomes(evaluate([inventory], resolvePolicyConfig({ order: ['prod'] })).findings, 'ACR-018'),
    ).toEqual([expect.stringMatching(/^unknown: .*module\.tokens is given this registry/)]);
  });
});
