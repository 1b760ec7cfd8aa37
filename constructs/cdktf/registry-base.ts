/**
 * What every registry offers callers, whether this stack creates it or it lives elsewhere: its
 * identifiers and least-privilege `grant*` methods (in the spirit of aws-cdk's `repository.grantPull`).
 */
import { Construct } from 'constructs';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import type { BuiltInRole } from '../model/roles';
import { GRANT_ROLES } from '../model/roles';
import type { Principal } from './principal';
import { principalSlug } from './principal';

/** A registry that can be referenced and granted to. */
export interface IRegistry {
  /** ARM resource ID (a Terraform reference when created in this stack). */
  readonly registryId: string;
  /** Registry name. */
  readonly registryName: string;
  /** Resource group of the registry. */
  readonly resourceGroupName: string;
  /** Login server, e.g. `contosoacrprod.azurecr.io`. */
  readonly loginServer: string;
  /** Lets `principal` pull images (AcrPull). */
  grantPull(principal: Principal): RoleAssignment;
  /** Lets `principal` push (and pull) images (AcrPush). */
  grantPush(principal: Principal): RoleAssignment;
  /** Lets `principal` delete images (AcrDelete). */
  grantDelete(principal: Principal): RoleAssignment;
  /** Lets `principal` sign images (AcrImageSigner). */
  grantSign(principal: Principal): RoleAssignment;
  /** Lets `principal` read quarantined images (AcrQuarantineReader). */
  grantQuarantineRead(principal: Principal): RoleAssignment;
  /** Lets `principal` release quarantined images (AcrQuarantineWriter). */
  grantQuarantineWrite(principal: Principal): RoleAssignment;
  /** Assigns a built-in ACR role on this registry. */
  grantRole(role: BuiltInRole, principal: Principal): RoleAssignment;
}

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

  grantRole(role: BuiltInRole, principal: Principal): RoleAssignment {
    const id = `${role}-${principalSlug(principal)}`;
    const existing = this.node.tryFindChild(id);
    if (existing instanceof RoleAssignment) return existing;
    return new RoleAssignment(this, id, {
      scope: this.registryId,
      roleDefinitionName: role,
      principalId: principal.principalId,
      principalType: principal.principalType ?? 'ServicePrincipal',
      description: principal.description,
    });
  }
}
