/**
 * Attaches agent pools, credential sets and cache rules to their registries, and reads how each task
 * reaches its registry (agent pool, identity). Kept out of attachments.ts: these are the deploy-time
 * resources of issue 11.
 */
import type { AgentPool, CacheRule, CredentialSet, Task } from '../types';
import { UNKNOWN, isUnknown } from '../types';
import type { AttachedLists } from './attached-lists';
import type { ResourceIndex } from './links';
import type { RawResource } from './raw';
import type { Detached } from './registry-links';
import { firstBlock, numberSetting, sourceOf, stringSetting } from './raw';

/** Where a task runs and whether it has a system-assigned identity (`azurerm_container_registry_task`). */
export function taskRouteOf(r: RawResource): Pick<Task, 'agentPool' | 'systemIdentity'> {
  const identity = r.values.identity;
  const type = isUnknown(identity) ? UNKNOWN : stringSetting(firstBlock(identity)?.type, '');
  return {
    agentPool: stringSetting(r.values.agent_pool_name, ''),
    systemIdentity: isUnknown(type) ? UNKNOWN : /SystemAssigned/.test(type),
  };
}

/**
 * Adds the agent pools, credential sets and cache rules of the input to `attached`; those not aimed at
 * a managed registry go to `detached`.
 */
export function attachDeployResources(
  index: ResourceIndex,
  file: string,
  attached: AttachedLists,
  detached: Detached[],
): void {
  for (const r of index.ofType('azurerm_container_registry_agent_pool')) {
    const pool: AgentPool = {
      source: sourceOf(r, file),
      name: stringSetting(r.values.name, ''),
      subnetId: stringSetting(r.values.virtual_network_subnet_id, ''),
      tier: stringSetting(r.values.tier, 'S1'),
      count: numberSetting(r.values.instance_count, 1),
    };
    attached.add(detached, index.registryFromName(r.values.container_registry_name), 'agentPools', pool);
  }
  for (const r of index.ofType('azurerm_container_registry_credential_set')) {
    const credentials = firstBlock(r.values.authentication_credentials);
    const set: CredentialSet = {
      source: sourceOf(r, file),
      name: stringSetting(r.values.name, ''),
      loginServer: stringSetting(r.values.login_server, ''),
      usernameSecretId: stringSetting(credentials?.username_secret_id, ''),
      passwordSecretId: stringSetting(credentials?.password_secret_id, ''),
    };
    attached.add(detached, index.registryFromId(r.values.container_registry_id), 'credentialSets', set);
  }
  for (const r of index.ofType('azurerm_container_registry_cache_rule')) {
    const setRef = r.values.credential_set_id;
    const referenced = index.referenced(setRef);
    const credentialSet =
      setRef === undefined || setRef === null
        ? ''
        : referenced?.type === 'azurerm_container_registry_credential_set'
          ? stringSetting(referenced.values.name, '')
          : typeof setRef === 'string' && !setRef.includes('${')
            ? (setRef.split('/').pop() ?? '')
            : UNKNOWN;
    const rule: CacheRule = {
      source: sourceOf(r, file),
      name: stringSetting(r.values.name, ''),
      upstream: stringSetting(r.values.source_repo, ''),
      targetRepository: stringSetting(r.values.target_repo, ''),
      credentialSet,
    };
    attached.add(detached, index.registryFromId(r.values.container_registry_id), 'cacheRules', rule);
  }
}
