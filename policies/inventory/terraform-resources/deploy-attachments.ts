/**
 * Attaches agent pools, credential sets and cache rules to their registries, and reads how each task
 * reaches its registry (agent pool, identity). Kept out of attachments.ts: these are the deploy-time
 * resources of issue 11.
 */
import type { AgentPool, CacheRule, CredentialSet, SecretId, Task } from '../types';
import { UNKNOWN, isUnknown, unknownBecause } from '../types';
import type { AttachedLists } from './attached-lists';
import type { ResourceIndex } from './links';
import type { RawResource } from './raw';
import type { Detached } from './registry-links';
import { firstBlock, numberSetting, parseReference, sourceOf, stringSetting } from './raw';

/**
 * A credential set's secret ID (`username_secret_id`, `password_secret_id`): a literal; or a reference
 * to the `versionless_id` of an `azurerm_key_vault_secret` (resource or data source), which azurerm
 * documents as "The Base ID of the Key Vault Secret" (`https://<vault>.vault.azure.net/secrets/<name>`,
 * the versionless form a credential set takes): a Key Vault secret ID whatever its text at apply;
 * any other reference is UNKNOWN, naming it.
 */
function secretIdOf(value: unknown): SecretId {
  const ref = parseReference(value);
  if (ref === undefined) return stringSetting(value, '');
  const text = (value as string).slice(2, -1);
  if (ref.type === 'azurerm_key_vault_secret' && ref.attribute === 'versionless_id')
    return { keyVaultSecret: text };
  return unknownBecause(`it is ${text}, known only when Terraform plans or applies`);
}

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
      usernameSecretId: secretIdOf(credentials?.username_secret_id),
      passwordSecretId: secretIdOf(credentials?.password_secret_id),
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
