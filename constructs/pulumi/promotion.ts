/**
 * One hop of the promotion chain: an identity that may pull from the previous environment's registry
 * and import into this one (`target.grantImport`).
 */
import * as pulumi from '@pulumi/pulumi';
import { UserAssignedIdentity } from '@pulumi/azure-native/managedidentity/userAssignedIdentity';
import type { ResolvedPromotion } from '../model/resolve';
import type { ImporterRoleKind } from '../model/roles';
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
  /** The importer role on the target: the built-in one or a custom role. @default 'builtIn' */
  readonly importerRole?: ImporterRoleKind;
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
        roleAssignmentMode: promotion.sourceAccess.mode,
        trustPolicy: promotion.sourceAccess.trustPolicy,
      },
      { parent: this },
    );
    target.grantImport(
      {
        principalId: this.identity.principalId,
        principalType: 'ServicePrincipal',
        name: promotion.principalName,
        description: promotion.grantDescription,
      },
      this.source,
      { importerRole: args.importerRole ?? 'builtIn' },
    );
    this.registerOutputs({ identityPrincipalId: this.identity.principalId });
  }
}
