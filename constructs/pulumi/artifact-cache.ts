/**
 * Artifact cache: credential sets (Key Vault secret IDs only; the set's identity reads each secret) and
 * cache rules: the twin of constructs/cdktf/artifact-cache.ts.
 */
import * as pulumi from '@pulumi/pulumi';
import { CacheRule } from '@pulumi/azure-native/containerregistry/cacheRule';
import { CredentialSet } from '@pulumi/azure-native/containerregistry/credentialSet';
import type { RoleAssignment } from '@pulumi/azure-native/authorization/roleAssignment';
import type { ResolvedCacheRule, ResolvedCredentialSet } from '../model/resolve';
import type { IRegistry } from './access';
import { childOf } from './access';
import { keyVaultRole } from './key-vault-roles';

/** Arguments of ArtifactCache. */
export interface ArtifactCacheArgs {
  readonly registry: IRegistry;
  readonly credentialSets: readonly ResolvedCredentialSet[];
  readonly cacheRules: readonly ResolvedCacheRule[];
  /** Subscription of the role definitions. */
  readonly subscriptionId: pulumi.Input<string>;
}

/** Credential sets and cache rules of one registry (type `acr-iac:index:ArtifactCache`). */
export class ArtifactCache extends pulumi.ComponentResource {
  /** Credential sets by name. */
  readonly credentialSets: ReadonlyMap<string, CredentialSet>;

  constructor(name: string, args: ArtifactCacheArgs, opts?: pulumi.ComponentResourceOptions) {
    super('acr-iac:index:ArtifactCache', name, {}, opts);
    const { registry } = args;
    const sets = new Map<string, CredentialSet>();
    const readers = new Map<string, RoleAssignment[]>();
    for (const set of args.credentialSets) {
      const resource = new CredentialSet(
        `${name}-credential-set-${set.name}`,
        {
          credentialSetName: set.name,
          registryName: registry.registryName,
          resourceGroupName: registry.resourceGroupName,
          loginServer: set.loginServer,
          identity: { type: 'SystemAssigned' },
          authCredentials: [
            {
              name: 'Credential1',
              usernameSecretIdentifier: set.usernameSecretId,
              passwordSecretIdentifier: set.passwordSecretId,
            },
          ],
        },
        childOf(this, registry),
      );
      const principalId = resource.identity.apply((identity) => identity?.principalId ?? '');
      readers.set(
        set.name,
        set.secretNames.map((secret) =>
          keyVaultRole(
            `${name}-secrets-user-${set.name}-${secret}`,
            {
              role: 'secretsUser',
              keyVaultId: set.keyVaultId,
              kind: 'secrets',
              objectName: secret,
              principalId,
              subscriptionId: args.subscriptionId,
              description: `credential set ${set.name} of ${registry.registryName} reads its upstream credentials`,
            },
            { parent: this },
          ),
        ),
      );
      sets.set(set.name, resource);
    }
    this.credentialSets = sets;
    for (const rule of args.cacheRules) {
      const set = rule.credentialSet === undefined ? undefined : sets.get(rule.credentialSet);
      const waitFor = rule.credentialSet === undefined ? [] : (readers.get(rule.credentialSet) ?? []);
      new CacheRule(
        `${name}-cache-rule-${rule.name}`,
        {
          cacheRuleName: rule.name,
          registryName: registry.registryName,
          resourceGroupName: registry.resourceGroupName,
          sourceRepository: rule.source,
          targetRepository: rule.targetRepository,
          credentialSetResourceId: set?.id,
        },
        { parent: this, dependsOn: [...(registry.anchor ? [registry.anchor] : []), ...waitFor] },
      );
    }
    this.registerOutputs({});
  }
}
