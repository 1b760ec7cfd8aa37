/**
 * The Notation signing identity of a registry (type `acr-iac:index:SigningIdentity`): a user-assigned
 * identity the release pipeline signs as, with push rights for its signatures on the registry and the
 * Key Vault roles to sign with the key. The twin of constructs/cdktf/signing.ts.
 */
import * as pulumi from '@pulumi/pulumi';
import { RoleAssignment } from '@pulumi/azure-native/authorization/roleAssignment';
import { UserAssignedIdentity } from '@pulumi/azure-native/managedidentity/userAssignedIdentity';
import { KEY_VAULT_SIGNING_ROLES } from '../model/role-directory';
import type { ResolvedSigning } from '../model/signing';
import type { IRegistry } from './access';
import { roleDefinitionId } from './access';

/** Arguments of SigningIdentity. */
export interface SigningIdentityArgs {
  /** The registry whose images the identity signs. */
  readonly registry: IRegistry;
  /** The signing declaration, resolved. */
  readonly signing: ResolvedSigning;
  /** Region, resource group and tags of the identity. */
  readonly location: string;
  readonly resourceGroupName: string;
  readonly tags: Readonly<Record<string, string>>;
  /** Subscription of the role definitions. */
  readonly subscriptionId: pulumi.Input<string>;
}

/** A Notation signing identity and its grants. */
export class SigningIdentity extends pulumi.ComponentResource {
  /** The identity the pipeline federates with and signs as. */
  readonly identity: UserAssignedIdentity;

  constructor(name: string, args: SigningIdentityArgs, opts?: pulumi.ComponentResourceOptions) {
    super('acr-iac:index:SigningIdentity', name, {}, opts);
    const { signing } = args;
    this.identity = new UserAssignedIdentity(
      signing.identityName,
      {
        resourceName: signing.identityName,
        location: args.location,
        resourceGroupName: args.resourceGroupName,
        tags: { ...args.tags },
      },
      { parent: this },
    );
    const principal = {
      principalId: this.identity.principalId,
      principalType: 'ServicePrincipal' as const,
      name: signing.principalName,
      description: signing.description,
    };
    args.registry.grantNotationSign(
      principal,
      signing.repositories === undefined ? {} : { repositories: signing.repositories },
    );
    const keyVaultGrants = [
      ['key-vault-crypto-user', KEY_VAULT_SIGNING_ROLES.cryptoUser.id, signing.keyScope],
      ['key-vault-certificate-user', KEY_VAULT_SIGNING_ROLES.certificateUser.id, signing.certificateScope],
    ] as const;
    for (const [suffix, roleGuid, scope] of keyVaultGrants) {
      new RoleAssignment(
        `${name}-${suffix}`,
        {
          scope,
          roleDefinitionId: roleDefinitionId(args.subscriptionId, roleGuid),
          principalId: principal.principalId,
          principalType: principal.principalType,
          description: signing.description,
        },
        { parent: this },
      );
    }
    this.registerOutputs({ identityPrincipalId: this.identity.principalId });
  }
}
