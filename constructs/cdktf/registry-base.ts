/**
 * What every registry offers callers, whether this stack creates it or it lives elsewhere: its
 * identifiers and least-privilege `grant*` methods (in the spirit of aws-cdk's `repository.grantPull`).
 */
import { Construct } from 'constructs';
import { Fn, Token } from 'cdktf';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { RoleDefinition } from '@cdktf/provider-azurerm/lib/role-definition';
import type { BuiltInRole, ImportGrant as ModelImportGrant, RegistryGrants } from '../model/roles';
import { GRANT_ROLES, IMPORTER_ROLE, IMPORT_IMAGE_ACTION, importerRoleName } from '../model/roles';
import { RESOURCE_GROUP_ID_TERRAFORM_PATTERN } from '../model/azure-ids';
import type { Principal } from './principal';
import { principalSlug } from './principal';

/** A registry that can be referenced and granted to (the grant methods are the model's RegistryGrants). */
export interface IRegistry extends RegistryGrants<Principal, RoleAssignment, IRegistry> {
  /** ARM resource ID (a Terraform reference when created in this stack). */
  readonly registryId: string;
  /** Registry name. */
  readonly registryName: string;
  /** Resource group of the registry. */
  readonly resourceGroupName: string;
  /** Login server, e.g. `contosoacrprod.azurecr.io`. */
  readonly loginServer: string;
}

/** The two role assignments behind an import grant. */
export type ImportGrant = ModelImportGrant<RoleAssignment>;

/** Shared implementation of the grant methods. */
export abstract class RegistryBase extends Construct implements IRegistry {
  abstract readonly registryId: string;
  abstract readonly registryName: string;
  abstract readonly resourceGroupName: string;
  abstract readonly loginServer: string;

  grantPull(principal: Principal): RoleAssignment {
    return this.grantRole(GRANT_ROLES.pull, principal);
  }

  grantPush(principal: Principal): RoleAssignment {
    return this.grantRole(GRANT_ROLES.push, principal);
  }

  grantDelete(principal: Principal): RoleAssignment {
    return this.grantRole(GRANT_ROLES.delete, principal);
  }

  grantSign(principal: Principal): RoleAssignment {
    return this.grantRole(GRANT_ROLES.sign, principal);
  }

  grantQuarantineRead(principal: Principal): RoleAssignment {
    return this.grantRole(GRANT_ROLES.quarantineRead, principal);
  }

  grantQuarantineWrite(principal: Principal): RoleAssignment {
    return this.grantRole(GRANT_ROLES.quarantineWrite, principal);
  }

  grantImport(principal: Principal, source: IRegistry): ImportGrant {
    const pull = source.grantPull(principal);
    const id = `${IMPORTER_ROLE}-${principalSlug(principal)}`;
    const existing = this.node.tryFindChild(id);
    const importer =
      existing instanceof RoleAssignment
        ? existing
        : new RoleAssignment(this, id, {
            scope: this.registryId,
            roleDefinitionId: this.importerRole().roleDefinitionResourceId,
            principalId: principal.principalId,
            principalType: principal.principalType ?? 'ServicePrincipal',
            ...(principal.description !== undefined && { description: principal.description }),
          });
    return { pull, importer };
  }

  /** The custom role that may import into this registry, created on first use. */
  private importerRole(): RoleDefinition {
    const existing = this.node.tryFindChild('importer-role');
    if (existing instanceof RoleDefinition) return existing;
    // Assignable only in the registry's resource group (the narrowest scope Azure allows for a custom
    // role); each assignment of it is scoped to the registry.
    const resourceGroupId = Token.asString(Fn.regex(RESOURCE_GROUP_ID_TERRAFORM_PATTERN, this.registryId));
    return new RoleDefinition(this, 'importer-role', {
      name: importerRoleName(this.registryName),
      scope: resourceGroupId,
      description: `Import images into ${this.registryName} (az acr import); acr-iac promotion`,
      permissions: [{ actions: [IMPORT_IMAGE_ACTION] }],
      assignableScopes: [resourceGroupId],
    });
  }

  grantRole(role: BuiltInRole, principal: Principal): RoleAssignment {
    const id = `${role}-${principalSlug(principal)}`;
    const existing = this.node.tryFindChild(id);
    if (existing instanceof RoleAssignment) return existing;
    return new RoleAssignment(this, id, {
      scope: this.registryId,
      roleDefinitionName: role,
      principalId: principal.principalId,
      principalType: principal.principalType ?? 'ServicePrincipal',
      ...(principal.description !== undefined && { description: principal.description }),
    });
  }
}
