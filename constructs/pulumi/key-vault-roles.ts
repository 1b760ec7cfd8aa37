/**
 * Role assignments on Key Vault keys and secrets (customer-managed keys, cache credential sets).
 */
import * as pulumi from '@pulumi/pulumi';
import { RoleAssignment } from '@pulumi/azure-native/authorization/roleAssignment';
import { KEY_VAULT_ROLES, keyVaultObjectScope } from '../model/key-vault';

/** What to assign. */
export interface KeyVaultRoleArgs {
  readonly role: keyof typeof KEY_VAULT_ROLES;
  readonly keyVaultId: string;
  readonly kind: 'keys' | 'secrets';
  readonly objectName: string;
  readonly principalId: pulumi.Input<string>;
  readonly subscriptionId: pulumi.Input<string>;
  readonly description: string;
}

/** One role assignment scoped to a single key or secret. */
export function keyVaultRole(
  name: string,
  args: KeyVaultRoleArgs,
  opts: pulumi.CustomResourceOptions,
): RoleAssignment {
  return new RoleAssignment(
    name,
    {
      scope: keyVaultObjectScope(args.keyVaultId, args.kind, args.objectName),
      roleDefinitionId: pulumi.interpolate`/subscriptions/${args.subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${KEY_VAULT_ROLES[args.role].id}`,
      principalId: args.principalId,
      principalType: 'ServicePrincipal',
      description: args.description,
    },
    opts,
  );
}
