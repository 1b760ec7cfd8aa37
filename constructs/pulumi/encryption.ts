/**
 * The identity that reads a customer-managed key and its role on the key: the twin of
 * constructs/cdktf/encryption.ts. The registry waits for the role (Azure reads the key at creation).
 */
import * as pulumi from '@pulumi/pulumi';
import { UserAssignedIdentity } from '@pulumi/azure-native/managedidentity/userAssignedIdentity';
import type { RoleAssignment } from '@pulumi/azure-native/authorization/roleAssignment';
import type { ResolvedEncryption } from '../model/resolve';
import { keyVaultRole } from './key-vault-roles';

/** Arguments of EncryptionIdentity. */
export interface EncryptionIdentityArgs {
  readonly encryption: ResolvedEncryption;
  readonly registryName: string;
  readonly resourceGroupName: string;
  readonly location: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly subscriptionId: pulumi.Input<string>;
  /** What the identity waits for (the resource group). @default [] */
  readonly dependsOn?: pulumi.Resource[];
}

/** The key reader (type `acr-iac:index:EncryptionIdentity`). */
export class EncryptionIdentity extends pulumi.ComponentResource {
  /** Resource ID of the identity (attached to the registry). */
  readonly identityId: pulumi.Input<string>;
  /** Client ID of the identity. */
  readonly clientId: pulumi.Input<string>;
  /** The role assignment the registry waits for. */
  readonly keyReader: RoleAssignment;

  constructor(name: string, args: EncryptionIdentityArgs, opts?: pulumi.ComponentResourceOptions) {
    super('acr-iac:index:EncryptionIdentity', name, {}, opts);
    const e = args.encryption;
    let principalId: pulumi.Input<string>;
    if (e.existingIdentity) {
      this.identityId = e.existingIdentity.id;
      this.clientId = e.existingIdentity.clientId;
      principalId = e.existingIdentity.principalId;
    } else {
      const identity = new UserAssignedIdentity(
        e.createdIdentityName,
        {
          resourceName: e.createdIdentityName,
          resourceGroupName: args.resourceGroupName,
          location: args.location,
          tags: { ...args.tags },
        },
        { parent: this, dependsOn: args.dependsOn ?? [] },
      );
      this.identityId = identity.id;
      this.clientId = identity.clientId;
      principalId = identity.principalId;
    }
    this.keyReader = keyVaultRole(
      `${name}-key-reader`,
      {
        role: 'cryptoServiceEncryptionUser',
        keyVaultId: e.keyVaultId,
        kind: 'keys',
        objectName: e.keyName,
        principalId,
        subscriptionId: args.subscriptionId,
        description: `${args.registryName} reads its customer-managed key`,
      },
      { parent: this },
    );
    this.registerOutputs({});
  }
}
