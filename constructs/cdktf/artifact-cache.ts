/**
 * Artifact cache: credential sets whose username and password stay in Key Vault (the set holds secret
 * IDs; its system-assigned identity gets "Key Vault Secrets User" on each secret), and cache rules that
 * fill a repository of this registry from an upstream.
 */
import { Construct } from 'constructs';
import { ContainerRegistryCacheRule } from '@cdktf/provider-azurerm/lib/container-registry-cache-rule';
import { ContainerRegistryCredentialSet } from '@cdktf/provider-azurerm/lib/container-registry-credential-set';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { KEY_VAULT_ROLES, keyVaultObjectScope } from '../model/key-vault';
import type { ResolvedCacheRule, ResolvedCredentialSet } from '../model/resolve';
import type { IRegistry } from './registry-base';

/** Properties of ArtifactCache. */
export interface ArtifactCacheProps {
  readonly registry: IRegistry;
  readonly credentialSets: readonly ResolvedCredentialSet[];
  readonly cacheRules: readonly ResolvedCacheRule[];
}

/** Credential sets and cache rules of one registry. */
export class ArtifactCache extends Construct {
  /** Credential sets by name. */
  readonly credentialSets: ReadonlyMap<string, ContainerRegistryCredentialSet>;

  constructor(scope: Construct, id: string, props: ArtifactCacheProps) {
    super(scope, id);
    const { registry } = props;
    const sets = new Map<string, ContainerRegistryCredentialSet>();
    const readers = new Map<string, RoleAssignment[]>();
    for (const set of props.credentialSets) {
      const resource = new ContainerRegistryCredentialSet(this, `credential-set-${set.name}`, {
        name: set.name,
        containerRegistryId: registry.registryId,
        loginServer: set.loginServer,
        identity: { type: 'SystemAssigned' },
        authenticationCredentials: {
          usernameSecretId: set.usernameSecretId,
          passwordSecretId: set.passwordSecretId,
        },
      });
      const grants = set.secretNames.map(
        (secret) =>
          new RoleAssignment(this, `secrets-user-${set.name}-${secret}`, {
            scope: keyVaultObjectScope(set.keyVaultId, 'secrets', secret),
            roleDefinitionName: KEY_VAULT_ROLES.secretsUser.name,
            principalId: resource.identity.principalId,
            principalType: 'ServicePrincipal',
            description: `credential set ${set.name} of ${registry.registryName} reads its upstream credentials`,
          }),
      );
      sets.set(set.name, resource);
      readers.set(set.name, grants);
    }
    this.credentialSets = sets;
    for (const rule of props.cacheRules) {
      const set = rule.credentialSet === undefined ? undefined : sets.get(rule.credentialSet);
      const readersOfSet = rule.credentialSet === undefined ? undefined : readers.get(rule.credentialSet);
      new ContainerRegistryCacheRule(this, `cache-rule-${rule.name}`, {
        name: rule.name,
        containerRegistryId: registry.registryId,
        sourceRepo: rule.source,
        targetRepo: rule.targetRepository,
        ...(set && { credentialSetId: set.id }),
        // A rule that uses a set pulls only once the set's identity can read the secrets.
        ...(readersOfSet && { dependsOn: readersOfSet }),
      });
    }
  }
}
