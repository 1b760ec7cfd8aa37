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
