/**
 * What every registry offers callers, whether this stack creates it or it lives elsewhere: its
 * identifiers and least-privilege `grant*` methods (in the spirit of aws-cdk's `repository.grantPull`).
 * Which role (and ABAC condition) each grant gets is decided by the model (roles.ts) from the
 * registry's permission mode; this file only renders it.
 */
import { Construct } from 'constructs';
import { Fn, TerraformStack, Token } from 'cdktf';
import { makeUniqueId } from 'cdktf/lib/private/unique';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { RoleDefinition } from '@cdktf/provider-azurerm/lib/role-definition';
import type {
  BuiltInRole,
  GrantOptions,
  ImportOptions,
  ImportGrant as ModelImportGrant,
  RegistryAccessSettings,
  RegistryGrants,
  RoleGrant,
} from '../model/roles';
import {
  ABAC_CONDITION_VERSION,
  CUSTOM_IMPORTER_ACTIONS,
  CUSTOM_IMPORTER_ROLE,
  GrantError,
  IMPORTER_ROLE,
  grantFor,
  grantKey,
  grantSlug,
  importerRoleName,
  notationSignGrant,
  roleGrant,
  sameRoleGrantProblem,
} from '../model/roles';
import { RESOURCE_GROUP_ID_TERRAFORM_PATTERN } from '../model/azure-ids';
import type { Principal } from './principal';
import { principalSlug } from './principal';

/** A registry that can be referenced and granted to (the grant methods are the model's RegistryGrants). */
export interface IRegistry extends RegistryGrants<Principal, RoleAssignment, IRegistry> {
  /** ARM resource ID (a Terraform reference when created in this stack). */
  readonly registryId: string;
  /** Registry name, as written (for names and descriptions derived from it). */
  readonly registryName: string;
  /**
   * Registry name for resources that attach to the registry by name (scope maps, tokens, webhooks,
   * agent pools): a Terraform reference when the registry is created in this stack, so Terraform
   * creates them after it. A literal name carries no dependency, and the first apply would create them
   * side by side with the registry and fail with 404 (Terraform orders only by references and
   * `depends_on`).
   */
  readonly registryNameReference: string;
  /** Resource group of the registry. */
  readonly resourceGroupName: string;
  /** Login server, e.g. `contosoacrprod.azurecr.io`. */
  readonly loginServer: string;
  /** The permission mode and trust policy that decide the role of each grant. */
  readonly access: RegistryAccessSettings;
}

/** The two role assignments behind an import grant. */
export type ImportGrant = ModelImportGrant<RoleAssignment>;

/** Shared implementation of the grant methods. */
export abstract class RegistryBase extends Construct implements IRegistry {
  abstract readonly registryId: string;
  abstract readonly registryName: string;
  abstract readonly registryNameReference: string;
  abstract readonly resourceGroupName: string;
  abstract readonly loginServer: string;
  abstract readonly access: RegistryAccessSettings;

  grantPull(principal: Principal, options?: GrantOptions): RoleAssignment {
    return this.assign(grantFor('pull', this.access, options), principal);
  }

  grantPush(principal: Principal, options?: GrantOptions): RoleAssignment {
    return this.assign(grantFor('push', this.access, options), principal);
  }

  grantDelete(principal: Principal, options?: GrantOptions): RoleAssignment {
    return this.assign(grantFor('delete', this.access, options), principal);
  }

  grantSign(principal: Principal, options?: GrantOptions): RoleAssignment {
    return this.assign(grantFor('sign', this.access, options), principal);
  }

  grantNotationSign(principal: Principal, options?: GrantOptions): RoleAssignment {
    return this.assign(notationSignGrant(this.access, options), principal);
  }

  grantQuarantineRead(principal: Principal): RoleAssignment {
    return this.assign(grantFor('quarantineRead', this.access), principal);
  }

  grantQuarantineWrite(principal: Principal): RoleAssignment {
    return this.assign(grantFor('quarantineWrite', this.access), principal);
  }

  grantRole(role: BuiltInRole, principal: Principal, options?: GrantOptions): RoleAssignment {
    return this.assign(roleGrant(role, this.access.mode, options), principal);
  }

  grantImport(principal: Principal, source: IRegistry, options: ImportOptions = {}): ImportGrant {
    const pull = source.grantPull(
      principal,
      options.repositories === undefined ? {} : { repositories: options.repositories },
    );
    if (options.importerRole !== 'custom')
      return { pull, importer: this.assign({ role: IMPORTER_ROLE }, principal) };
    const id = `${CUSTOM_IMPORTER_ROLE}-${principalSlug(principal)}`;
    const existing = this.node.tryFindChild(id);
    const importer =
      existing instanceof RoleAssignment
        ? existing
        : new RoleAssignment(this, id, {
            scope: this.registryId,
            roleDefinitionId: this.customImporterRole().roleDefinitionResourceId,
            principalId: principal.principalId,
            principalType: principal.principalType ?? 'ServicePrincipal',
            ...(principal.description !== undefined && { description: principal.description }),
          });
    return { pull, importer };
  }

  /** The custom role that may import into this registry, created on first use. */
  private customImporterRole(): RoleDefinition {
    const existing = this.node.tryFindChild('importer-role');
    if (existing instanceof RoleDefinition) return existing;
    // Assignable only in the registry's resource group (the narrowest scope Azure allows for a custom
    // role); each assignment of it is scoped to the registry.
    const resourceGroupId = Token.asString(Fn.regex(RESOURCE_GROUP_ID_TERRAFORM_PATTERN, this.registryId));
    return new RoleDefinition(this, 'importer-role', {
      name: importerRoleName(this.registryName),
      scope: resourceGroupId,
      description: `Import images into ${this.registryName} (az acr import); acr-iac promotion`,
      permissions: [{ actions: [...CUSTOM_IMPORTER_ACTIONS] }],
      assignableScopes: [resourceGroupId],
    });
  }

  /**
   * The role assignment of a grant the model decided: one per role and principal, as Azure holds one
   * per principal, role and scope. Its construct ID leaves the condition out, so new repositories
   * change the assignment in place; the same role again with other repositories is a GrantError.
   */
  private assign(grant: RoleGrant, principal: Principal): RoleAssignment {
    const slug = principalSlug(principal);
    const id = `${grantKey(grant)}-${slug}`;
    const existing = this.node.tryFindChild(id);
    if (existing instanceof RoleAssignment) {
      const problem = sameRoleGrantProblem(
        {
          role: grant.role,
          ...(existing.conditionInput !== undefined && { condition: existing.conditionInput }),
        },
        grant,
        slug,
        this.registryName,
      );
      if (problem) throw new GrantError(problem);
      return existing;
    }
    const assignment = new RoleAssignment(this, id, {
      scope: this.registryId,
      roleDefinitionName: grant.role,
      principalId: principal.principalId,
      principalType: principal.principalType ?? 'ServicePrincipal',
      ...(principal.description !== undefined && { description: principal.description }),
      ...(grant.condition !== undefined && {
        condition: grant.condition,
        conditionVersion: ABAC_CONDITION_VERSION,
      }),
    });
    // A limited grant used to be keyed by a digest of its condition: move that address here, so
    // upgrading keeps the assignment (Terraform ignores a move from an address it has no state for).
    if (grant.condition !== undefined)
      assignment.moveFromId(
        `azurerm_role_assignment.${this.siblingLogicalId(`${grantSlug(grant)}-${slug}`)}`,
      );
    return assignment;
  }

  /** The logical ID cdktf gives a child of this construct with construct ID `id` (its default scheme). */
  private siblingLogicalId(id: string): string {
    const scopes = this.node.scopes;
    const below = scopes.slice(scopes.indexOf(TerraformStack.of(this)) + 1);
    return makeUniqueId([...below.map((c) => c.node.id), id]);
  }
}
