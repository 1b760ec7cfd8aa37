/**
 * One hop of the promotion chain: an identity that may pull from the previous environment's registry
 * and import into this one, through a custom role holding only the import action.
 */
import { Construct } from 'constructs';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { RoleDefinition } from '@cdktf/provider-azurerm/lib/role-definition';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { IMPORT_IMAGE_ACTION } from '../model/roles';
import type { ResolvedPromotion } from '../model/resolve';
import type { IRegistry } from './registry-base';
import { RegistryReference } from './registry-reference';

/** Properties of PromotionHop. */
export interface PromotionHopProps {
  /** The registry images are imported into. */
  readonly target: IRegistry;
  /** The hop, as the model resolved it. */
  readonly promotion: ResolvedPromotion;
  /** Region and resource group of the identity. */
  readonly location: string;
  readonly resourceGroupName: string;
  readonly tags: Readonly<Record<string, string>>;
}

/** The promotion identity of one hop with pull on the source and import on the target. */
export class PromotionHop extends Construct {
  /** The identity that runs `az acr import`. */
  readonly identity: UserAssignedIdentity;
  /** The previous environment's registry. */
  readonly source: IRegistry;

  constructor(scope: Construct, id: string, props: PromotionHopProps) {
    super(scope, id);
    const { promotion, target } = props;
    this.identity = new UserAssignedIdentity(this, 'identity', {
      name: promotion.identityName,
      location: props.location,
      resourceGroupName: props.resourceGroupName,
      tags: { ...props.tags },
    });
    this.source = new RegistryReference(this, 'source', {
      name: promotion.sourceRegistryName,
      resourceGroupName: promotion.sourceResourceGroupName,
    });
    const principal = {
      principalId: this.identity.principalId,
      principalType: 'ServicePrincipal' as const,
      name: 'promotion-identity',
      description: `promotion ${promotion.fromEnvironment} -> ${target.registryName}: pull from the source`,
    };
    this.source.grantPull(principal);
    const importer = new RoleDefinition(this, 'importer-role', {
      name: promotion.importerRoleName,
      scope: target.registryId,
      description: `Import images into ${target.registryName} (promotion from ${promotion.fromEnvironment})`,
      permissions: [{ actions: [IMPORT_IMAGE_ACTION] }],
      assignableScopes: [target.registryId],
    });
    new RoleAssignment(this, 'importer', {
      scope: target.registryId,
      roleDefinitionId: importer.roleDefinitionResourceId,
      principalId: this.identity.principalId,
      principalType: 'ServicePrincipal',
      description: `promotion ${promotion.fromEnvironment} -> ${target.registryName}: import into the target`,
    });
  }
}
