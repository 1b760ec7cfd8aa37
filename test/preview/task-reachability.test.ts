/**
 * The preview's danger entry for tasks that the change leaves unable to reach their registry.
 */
import { findDangers, parseTerraformPlan } from '../../preview';

function plan(taskAfter: Record<string, unknown>, extra: Record<string, unknown>[] = []): unknown {
  const change = (address: string, type: string, after: Record<string, unknown>) => ({
    address,
    mode: 'managed',
    type,
    name: address.split('.')[1],
    change: { actions: ['update'], before: after, after, after_unknown: {} },
  });
  return {
    format_version: '1.2',
    resource_changes: [
      change('azurerm_container_registry.registry', 'azurerm_container_registry', {
        name: 'contosoacrprod',
        sku: 'Premium',
        public_network_access_enabled: false,
      }),
      change('azurerm_container_registry_task.purge', 'azurerm_container_registry_task', {
        name: 'purge-prod',
        ...taskAfter,
      }),
      ...extra.map((e) => change(String(e.address), String(e.type), e.after as Record<string, unknown>)),
    ],
  };
}

const dangers = (doc: unknown) =>
  findDangers([parseTerraformPlan(doc, 'prod')]).filter((d) => d.kind === 'task-unreachable');

describe('task reachability in the preview', () => {
  it('flags a task on the shared pool of a private registry, with the fix', () => {
    expect(dangers(plan({}))).toEqual([
      {
        stack: 'prod',
        kind: 'task-unreachable',
        address: 'azurerm_container_registry_task.purge',
        message: expect.stringMatching(
          /^task purge-prod cannot reach contosoacrprod, whose network keeps the shared task pool out: every run is denied \(403\)\. Fix: run it on a dedicated agent pool/,
        ),
      },
    ]);
  });

  it('accepts an agent pool, or the bypass with the task identity', () => {
    expect(dangers(plan({ agent_pool_name: 'tasks-prod' }))).toEqual([]);
    const bypass = {
      address: 'azapi_update_resource.registry',
      type: 'azapi_update_resource',
      after: { body: { properties: { networkRuleBypassAllowedForTasks: true } } },
    };
    expect(dangers(plan({ identity: [{ type: 'SystemAssigned' }] }, [bypass]))).toEqual([]);
    expect(dangers(plan({}, [bypass]))).toHaveLength(1);
  });
});
