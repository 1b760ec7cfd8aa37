/**
 * A task naming its agent pool in another case than the pool's own name. An agent pool is a child
 * resource of its registry (Microsoft.ContainerRegistry/registries/agentPools), and resource names
 * are case-insensitive (Microsoft Learn, "Naming rules and restrictions for Azure resources"), so
 * `agent_pool_name = "Tasks-Prod"` runs on the pool `tasks-prod`: ACR-050 passes, not fails.
 */
import type { Doc } from './helpers';
import { evaluateDoc, fixture } from './helpers';

function acr050(poolName: string): string[] {
  const doc: Doc = fixture('prod.cdk.tf.json');
  doc.resource.azurerm_container_registry_task.purge.agent_pool_name = poolName;
  return evaluateDoc(doc)
    .findings.filter((f) => f.ruleId === 'ACR-050')
    .map((f) => `${f.result}: ${f.message}`);
}

describe('the agent pool a task names', () => {
  it('is the pool of that name in any case', () => {
    expect(acr050('Tasks-Prod')).toEqual([
      expect.stringMatching(/^pass: task .* runs on agent pool Tasks-Prod inside the VNet$/),
    ]);
  });

  it('is no pool of another name (ACR-050 fails)', () => {
    expect(acr050('tasks-staging')).toEqual([
      expect.stringMatching(/^fail: task .* names agent pool tasks-staging, which .* does not have$/),
    ]);
  });
});
