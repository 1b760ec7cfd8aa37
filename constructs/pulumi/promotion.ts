/**
 * One hop of the promotion chain: an identity that may pull from the previous environment's registry
 * and import into this one, through a custom role holding only the import action.
 */
import { createHash } from 'node:crypto';
import * as pulumi from '@pulumi/pulumi';
import { RoleAssignment } from '@pulumi/azure-native/authorization/roleAssignment';
import { RoleDefinition } from '@pulumi/azure-native/authorization/roleDefinition';
import { UserAssignedIdentity } from '@pulumi/azure-native/managedidentity/userAssignedIdentity';
import { IMPORT_IMAGE_ACTION } from '../model/roles';
import type { ResolvedPromotion } from '../model/resolve';
import type { IRegistry } from './access';
import { RegistryReference } from './registry-reference';

/** Arguments of PromotionHop. */
export interface PromotionHopArgs {
  /** The registry images are imported into. */
  readonly target: IRegistry;
  /** The hop, as the model resolved it. */
  readonly promotion: ResolvedPromotion;
  /** Region and resource group of the identity. */
  readonly location: string;
  readonly resourceGroupName: string;
  readonly tags: Readonly<Record<string, string>>;
  /** Subscription of the built-in role definitions. */
  readonly subscriptionId: pulumi.Input<string>;
}

/** A stable GUID for a name (so the custom role keeps its ID across runs). */
export function stableGuid(name: string): string {
  const hex = createHash('sha256').update(name).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The promotion identity of one hop (type `acr-iac:index:PromotionHop`). */
export class PromotionHop extends pulumi.ComponentResource {
  /** The identity that runs `az acr import`. */
  readonly identity: UserAssignedIdentity;
  /** The previous environment's registry. */
  readonly source: RegistryReference;

  constructor(name: string, args: PromotionHopArgs, opts?: pulumi.ComponentResourceOptions) {
    super('acr-iac:index:PromotionHop', name, {}, opts);
    const { promotion, target } = args;
    this.identity = new UserAssignedIdentity(
      promotion.identityName,
      {
        resourceName: promotion.identityName,
        location: args.location,
        resourceGroupName: args.resourceGroupName,
        tags: { ...args.tags },
      },
      { parent: this },
    );
    this.source = new RegistryReference(
      `${name}-source`,
      {
        name: promotion.sourceRegistryName,
        resourceGroupName: promotion.sourceResourceGroupName,
        subscriptionId: args.subscriptionId,
      },
      { parent: this },
    );
    this.source.grantPull({
      principalId: this.identity.principalId,
      principalType: 'ServicePrincipal',
      name: 'promotion-identity',
      description: `promotion ${promotion.fromEnvironment} -> ${target.registryName}: pull from the source`,
    });
    const importer = new RoleDefinition(
      `${name}-importer-role`,
      {
        roleDefinitionId: stableGuid(`${promotion.importerRoleName}/${target.registryName}`),
        roleName: promotion.importerRoleName,
        scope: target.registryId,
        description: `Import images into ${target.registryName} (promotion from ${promotion.fromEnvironment})`,
        permissions: [{ actions: [IMPORT_IMAGE_ACTION] }],
        assignableScopes: [target.registryId],
      },
      { parent: this },
    );
    new RoleAssignment(
      `${name}-importer`,
      {
        scope: target.registryId,
        roleDefinitionId: importer.id,
        principalId: this.identity.principalId,
        principalType: 'ServicePrincipal',
        description: `promotion ${promotion.fromEnvironment} -> ${target.registryName}: import into the target`,
      },
      { parent: this },
    );
    this.registerOutputs({ identityPrincipalId: this.identity.principalId });
  }
}
