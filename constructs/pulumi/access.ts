/**
 * Who may do what on a registry: the least-privilege `grant*` methods shared by a registry this stack
 * creates and one that lives elsewhere (aws-cdk's `repository.grantPull` in Pulumi form). Each grant is
 * one `authorization.RoleAssignment` with the least built-in role that fits (roles.ts decides which).
 */
import { createHash } from 'node:crypto';
import * as pulumi from '@pulumi/pulumi';
import { RoleAssignment } from '@pulumi/azure-native/authorization/roleAssignment';
import { RoleDefinition } from '@pulumi/azure-native/authorization/roleDefinition';
import type {
  BuiltInRole,
  GrantOptions,
  ImportOptions,
  ImportGrant as ModelImportGrant,
  PrincipalType,
  RegistryAccessSettings,
  RegistryGrants,
  RoleGrant,
} from '../model/roles';
import { resourceGroupIdOf } from '../model/azure-ids';
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
import { ROLE_DIRECTORY } from '../model/role-directory';

/** A principal that can be granted access: an identity, a group, a user. */
export interface Principal {
  /** Entra object ID, or an output of one (e.g. an identity's `principalId`). */
  readonly principalId: pulumi.Input<string>;
  /** Kind of principal. @default 'ServicePrincipal' */
  readonly principalType?: PrincipalType | undefined;
  /** Why the principal has access; becomes the role assignment's description. @default undefined */
  readonly description?: string | undefined;
  /**
   * A stable name for the principal, used in resource names (and so in URNs).
   * Required when `principalId` is an output. @default the object ID
   */
  readonly name?: string;
}

/** A registry that can be referenced and granted to (the grant methods are the model's RegistryGrants). */
export interface IRegistry extends RegistryGrants<Principal, RoleAssignment, IRegistry> {
  /** ARM resource ID. */
  readonly registryId: pulumi.Output<string>;
  /** Registry name. */
  readonly registryName: string;
  /** Resource group of the registry. */
  readonly resourceGroupName: string;
  /** Login server, e.g. `contosoacrprod.azurecr.io`. */
  readonly loginServer: string;
  /** The permission mode and trust policy that decide the role of each grant. */
  readonly access: RegistryAccessSettings;
  /**
   * The resource children must wait for when they address the registry by name (scope maps, tasks,
   * webhooks, locks); undefined for a registry managed elsewhere.
   */
  readonly anchor?: pulumi.Resource;
}

/** The two role assignments behind an import grant. */
export type ImportGrant = ModelImportGrant<RoleAssignment>;

/** A stable GUID for a name (so a custom role keeps its ID across runs). */
export function stableGuid(name: string): string {
  const hex = createHash('sha256').update(name).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The name (a GUID) of the assignment of role `roleGuid` to a principal on a registry, derived from
 * what Azure keeps one assignment for (scope, role, principal) and from the project and stack (a
 * principal's stable name is only unique within a stack), instead of the random GUID azure-native
 * would pick: every run, and a retry after a failed create, names the same assignment.
 */
function roleAssignmentGuid(registryName: string, roleGuid: string, principalName: string): string {
  return stableGuid(
    [
      'role-assignment',
      pulumi.getProject(),
      pulumi.getStack(),
      registryName.toLowerCase(),
      roleGuid.toLowerCase(),
      principalName,
    ].join('/'),
  );
}

/**
 * Options of a role assignment. `roleAssignmentName` keeps the value in the state: an assignment made
 * before names were derived has the random GUID azure-native chose, and a new name would replace it,
 * creating the new assignment first, which Azure refuses (409 RoleAssignmentExists). A replacement (a
 * new principal or scope) keeps the name too, so it deletes the old assignment before it creates.
 */
function assignmentOptions(
  parent: pulumi.Resource,
  aliases: readonly pulumi.Input<pulumi.Alias>[] = [],
): pulumi.CustomResourceOptions {
  return {
    parent,
    ignoreChanges: ['roleAssignmentName'],
    deleteBeforeReplace: true,
    ...(aliases.length > 0 && { aliases: [...aliases] }),
  };
}

/** The full role definition ID of a role (by its GUID), as azure-native needs it. */
export function roleDefinitionId(
  subscriptionId: pulumi.Input<string>,
  roleGuid: string,
): pulumi.Output<string> {
  return pulumi.interpolate`/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${roleGuid}`;
}

/**
 * Resource options of a child of `parent` that addresses `registry` by name: a plain name gives Pulumi
 * no edge, so the child depends on the registry (and on `also`, such as the replica it needs).
 */
export function childOf(
  parent: pulumi.Resource,
  registry: IRegistry,
  ...also: readonly (pulumi.Resource | undefined)[]
): pulumi.CustomResourceOptions {
  const extra = also.filter((r): r is pulumi.Resource => r !== undefined);
  return { parent, dependsOn: [...(registry.anchor ? [registry.anchor] : []), ...extra] };
}

/** A stable resource-name fragment for a principal. */
export function principalSlug(principal: Principal): string {
  if (principal.name !== undefined) return principal.name;
  if (typeof principal.principalId !== 'string') {
    throw new Error(
      `principal ${principal.description ?? ''} is an output: give it a stable "name" so its role assignments keep their URNs`,
    );
  }
  return principal.principalId.replace(/[^a-zA-Z0-9-]+/g, '-');
}

/** Shared implementation of the grant methods; subclasses say where the registry is. */
export abstract class RegistryBase extends pulumi.ComponentResource implements IRegistry {
  abstract readonly registryId: pulumi.Output<string>;
  abstract readonly registryName: string;
  abstract readonly resourceGroupName: string;
  abstract readonly loginServer: string;
  readonly anchor?: pulumi.Resource;
  /** Subscription of the role definitions. */
  protected abstract readonly subscriptionId: pulumi.Input<string>;
  /** The role assignments made so far, by key (role and principal), with the grant each one holds. */
  private readonly grants = new Map<string, { assignment: RoleAssignment; grant: RoleGrant }>();
  private importer?: RoleDefinition;

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
    const slug = principalSlug(principal);
    const key = `${CUSTOM_IMPORTER_ROLE}-${slug}`;
    const existing = this.grants.get(key);
    if (existing) return { pull, importer: existing.assignment };
    const importer = new RoleAssignment(
      `${this.registryName}-${key}`,
      {
        scope: this.registryId,
        roleDefinitionId: this.customImporterRole().id,
        roleAssignmentName: roleAssignmentGuid(this.registryName, this.customImporterRoleGuid(), slug),
        principalId: principal.principalId,
        principalType: principal.principalType ?? 'ServicePrincipal',
        description: principal.description,
      },
      assignmentOptions(this),
    );
    this.grants.set(key, { assignment: importer, grant: { role: IMPORTER_ROLE } });
    return { pull, importer };
  }

  /** The custom role that may import into this registry, created on first use. */
  private customImporterRole(): RoleDefinition {
    const roleName = importerRoleName(this.registryName);
    // Assignable only in the registry's resource group (the narrowest scope Azure allows for a custom
    // role); each assignment of it is scoped to the registry.
    const resourceGroupId = this.registryId.apply(resourceGroupIdOf);
    this.importer ??= new RoleDefinition(
      `${this.registryName}-importer-role`,
      {
        roleDefinitionId: this.customImporterRoleGuid(),
        roleName,
        scope: resourceGroupId,
        description: `Import images into ${this.registryName} (az acr import); acr-iac promotion`,
        permissions: [{ actions: [...CUSTOM_IMPORTER_ACTIONS] }],
        assignableScopes: [resourceGroupId],
      },
      { parent: this },
    );
    return this.importer;
  }

  /** The GUID of this registry's custom importer role (stable, so the role keeps its ID across runs). */
  private customImporterRoleGuid(): string {
    return stableGuid(`${importerRoleName(this.registryName)}/${this.registryName}`);
  }

  /**
   * The role assignment of a grant the model decided: one per role and principal, as Azure holds one
   * per principal, role and scope. Its name leaves the condition out, so new repositories update the
   * assignment in place; the same role again with other repositories is a GrantError.
   */
  private assign(grant: RoleGrant, principal: Principal): RoleAssignment {
    const slug = principalSlug(principal);
    const key = `${grantKey(grant)}-${slug}`;
    const existing = this.grants.get(key);
    if (existing) {
      const problem = sameRoleGrantProblem(existing.grant, grant, slug, this.registryName);
      if (problem) throw new GrantError(problem);
      return existing.assignment;
    }
    const roleGuid = ROLE_DIRECTORY[grant.role].id;
    // A limited grant used to be named after a digest of its condition: the alias keeps that
    // assignment when the condition is the same as when it was made.
    const previousName = `${this.registryName}-${grantSlug(grant)}-${slug}`;
    const name = `${this.registryName}-${key}`;
    const assignment = new RoleAssignment(
      name,
      {
        scope: this.registryId,
        roleDefinitionId: roleDefinitionId(this.subscriptionId, roleGuid),
        roleAssignmentName: roleAssignmentGuid(this.registryName, roleGuid, slug),
        principalId: principal.principalId,
        principalType: principal.principalType ?? 'ServicePrincipal',
        description: principal.description,
        ...(grant.condition !== undefined && {
          condition: grant.condition,
          conditionVersion: ABAC_CONDITION_VERSION,
        }),
      },
      assignmentOptions(this, previousName === name ? [] : [{ name: previousName }]),
    );
    this.grants.set(key, { assignment, grant });
    return assignment;
  }
}
