/**
 * What a customer-managed key needs besides the key: a user-assigned identity on the registry and its
 * "Key Vault Crypto Service Encryption User" role on the key, assigned before the registry is created
 * (Azure reads the key at creation).
 */
import { Construct } from 'constructs';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { KEY_VAULT_ROLES, keyVaultObjectScope } from '../model/key-vault';
import type { ResolvedEncryption } from '../model/resolve';

/** Properties of EncryptionIdentity. */
export interface EncryptionIdentityProps {
  readonly encryption: ResolvedEncryption;
  readonly registryName: string;
  readonly resourceGroupName: string;
  readonly location: string;
  readonly tags: Readonly<Record<string, string>>;
}

/** The identity that reads the key, and its role on the key. */
export class EncryptionIdentity extends Construct {
  /** Resource ID of the identity (attach it to the registry). */
  readonly identityId: string;
  /** Client ID of the identity (the registry's `encryption.identity_client_id`). */
  readonly clientId: string;
  /** The role assignment the registry must wait for. */
  readonly keyReader: RoleAssignment;

  constructor(scope: Construct, id: string, props: EncryptionIdentityProps) {
    super(scope, id);
    const e = props.encryption;
    let principalId: string;
    if (e.existingIdentity) {
      this.identityId = e.existingIdentity.id;
      this.clientId = e.existingIdentity.clientId;
      principalId = e.existingIdentity.principalId;
    } else {
      const identity = new UserAssignedIdentity(this, 'identity', {
        name: e.createdIdentityName,
        resourceGroupName: props.resourceGroupName,
        location: props.location,
        tags: { ...props.tags },
      });
      this.identityId = identity.id;
      this.clientId = identity.clientId;
      principalId = identity.principalId;
    }
    this.keyReader = new RoleAssignment(this, 'key-reader', {
      scope: keyVaultObjectScope(e.keyVaultId, 'keys', e.keyName),
      roleDefinitionName: KEY_VAULT_ROLES.cryptoServiceEncryptionUser.name,
      principalId,
      principalType: 'ServicePrincipal',
      description: `${props.registryName} reads its customer-managed key`,
    });
  }
}
