/**
 * The danger of a change that leaves ACR Tasks unable to reach their registry: after the change the
 * registry's network keeps the shared task pool out, and a task neither runs on a dedicated agent pool
 * nor passes the task network bypass with its identity, so every run is denied (403). The condition is
 * the model's (`taskRoute`); this file only reads it out of a change set, in either engine's spelling.
 */
import { BLOCKED_TASK_FIX, isNetworkRestricted, taskRoute } from '../constructs/model/task-network';
import type { ChangeSet, JsonObject, ResourceChange } from './changes';
import { isObject } from './changes';
import { registryName } from './resource-kinds';

const REGISTRY_TYPES = new Set(['azurerm_container_registry', 'azure-native:containerregistry:Registry']);
const TASK_TYPES = new Set(['azurerm_container_registry_task', 'azure-native:containerregistry:Task']);

/** One blocked task: which resource, and the message. */
export interface BlockedTask {
  readonly address: string;
  readonly message: string;
}

function restrictedAfter(after: JsonObject): boolean {
  const open = after.public_network_access_enabled ?? after.publicNetworkAccess;
  const publicAccess = open === undefined || open === true || open === 'Enabled';
  const rules = after.network_rule_set ?? after.networkRuleSet;
  const first = Array.isArray(rules) ? rules[0] : rules;
  const action = isObject(first) ? (first.default_action ?? first.defaultAction) : undefined;
  return isNetworkRestricted(publicAccess, typeof action === 'string' ? action : undefined);
}

function bypassAllowed(set: ChangeSet): boolean {
  return set.resources.some((r) => {
    const body = r.after?.body;
    const properties = isObject(body) ? body.properties : undefined;
    return (
      (r.type === 'azapi_update_resource' &&
        isObject(properties) &&
        properties.networkRuleBypassAllowedForTasks === true) ||
      r.after?.networkRuleBypassAllowedForTasks === true
    );
  });
}

function systemIdentity(after: JsonObject): boolean {
  const identity = Array.isArray(after.identity) ? after.identity[0] : after.identity;
  return isObject(identity) && typeof identity.type === 'string' && identity.type.includes('SystemAssigned');
}

function agentPool(after: JsonObject): boolean {
  const name = after.agent_pool_name ?? after.agentPoolName;
  return typeof name === 'string' && name !== '';
}

const changed = (r: ResourceChange): boolean => !['no-op', 'read', 'delete', 'forget'].includes(r.action);

/** The tasks of a change set that cannot reach their (single, or same-named) registry after the change. */
export function blockedTasks(set: ChangeSet): BlockedTask[] {
  const registries = set.resources.filter((r) => REGISTRY_TYPES.has(r.type) && r.after);
  const tasks = set.resources.filter((r) => TASK_TYPES.has(r.type) && r.after);
  if (registries.length === 0 || tasks.length === 0) return [];
  if (![...registries, ...tasks].some(changed)) return [];
  const bypass = bypassAllowed(set);
  const out: BlockedTask[] = [];
  for (const task of tasks) {
    const after = task.after as JsonObject;
    const owner =
      registries.length === 1
        ? registries[0]
        : registries.find((r) => {
            const name = registryName(r.after);
            const ref = String(after.registryName ?? after.container_registry_id ?? '');
            return name !== undefined && ref.toLowerCase().endsWith(name.toLowerCase());
          });
    if (!owner?.after) continue;
    const route = taskRoute({
      restricted: restrictedAfter(owner.after),
      agentPool: agentPool(after),
      bypassAllowed: bypass,
      systemIdentity: systemIdentity(after),
    });
    if (route !== 'blocked') continue;
    const name = typeof after.name === 'string' ? after.name : (after.taskName ?? task.name);
    out.push({
      address: task.address,
      message: `task ${String(name)} cannot reach ${registryName(owner.after) ?? 'its registry'}, whose network keeps the shared task pool out: every run is denied (403). Fix: ${BLOCKED_TASK_FIX}`,
    });
  }
  return out;
}
