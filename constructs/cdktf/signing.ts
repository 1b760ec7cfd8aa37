/**
 * The Notation signing identity of a registry: a user-assigned identity the release pipeline signs as,
 * with push rights for its signatures on the registry and the Key Vault roles to sign with the key.
 */
import { Construct } from 'constructs';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { KEY_VAULT_SIGNING_ROLES } from '../model/role-directory';
import type { ResolvedSigning } from '../model/signing';
import type { IRegistry } from './registry-base';

/** Properties of SigningIdentity. */
export interface SigningIdentityProps {
  /** The registry whose images the identity signs. */
  readonly registry: IRegistry;
  /** The signing declaration, resolved. */
  readonly signing: ResolvedSigning;
  /** Region, resource group and tags of the identity. */
  readonly location: string;
  readonly resourceGroupName: string;
  readonly tags: Readonly<Record<string, string>>;
}

/** A Notation signing identity and its grants. */
export class SigningIdentity extends Construct {
  /** The identity the pipeline federates with and signs as. */
  readonly identity: UserAssignedIdentity;

  constructor(scope: Construct, id: string, props: SigningIdentityProps) {
    super(scope, id);
    const { signing } = props;
    this.identity = new UserAssignedIdentity(this, 'identity', {
      name: signing.identityName,
      location: props.location,
      resourceGroupName: props.resourceGroupName,
      tags: { ...props.tags },
    });
    const principal = {
      principalId: this.identity.principalId,
      principalType: 'ServicePrincipal' as const,
      name: signing.principalName,
      description: signing.description,
    };
    props.registry.grantNotationSign(
      principal,
      signing.repositories === undefined ? {} : { repositories: signing.repositories },
    );
    const keyVaultGrants = [
      ['key-vault-crypto-user', KEY_VAULT_SIGNING_ROLES.cryptoUser.name, signing.keyScope],
      ['key-vault-certificate-user', KEY_VAULT_SIGNING_ROLES.certificateUser.name, signing.certificateScope],
    ] as const;
    for (const [grantId, role, grantScope] of keyVaultGrants) {
      new RoleAssignment(this, grantId, {
        scope: grantScope,
        roleDefinitionName: role,
        principalId: principal.principalId,
        principalType: principal.principalType,
        description: signing.description,
      });
    }
  }
}
