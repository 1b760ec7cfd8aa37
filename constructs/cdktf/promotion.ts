/**
 * One hop of the promotion chain: an identity that may pull from the previous environment's registry
 * and import into this one (`target.grantImport`).
 */
import { Construct } from 'constructs';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import type { ResolvedPromotion } from '../model/resolve';
import type { ImporterRoleKind } from '../model/roles';
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
  /** The importer role on the target: the built-in one or a custom role. @default 'builtIn' */
  readonly importerRole?: ImporterRoleKind;
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
      roleAssignmentMode: promotion.sourceAccess.mode,
      trustPolicy: promotion.sourceAccess.trustPolicy,
    });
    target.grantImport(
      {
        principalId: this.identity.principalId,
        principalType: 'ServicePrincipal',
        name: promotion.principalName,
        description: promotion.grantDescription,
      },
      this.source,
      { importerRole: props.importerRole ?? 'builtIn' },
    );
  }
}
