/**
 * Who a grant is for.
 */
import { Token } from 'cdktf';
import type { PrincipalType } from '../model/roles';

/** A principal that can be granted access: an identity, a group, a user. */
export interface Principal {
  /** Entra object ID (or a reference to one, e.g. an identity's `principalId`). */
  readonly principalId: string;
  /** Kind of principal. @default 'ServicePrincipal' */
  readonly principalType?: PrincipalType;
  /** Why the principal has access; becomes the role assignment's description. @default undefined */
  readonly description?: string | undefined;
  /**
   * A stable name for the principal, used in construct IDs (and so in Terraform addresses).
   * Required when `principalId` is a reference. @default derived from the object ID
   */
  readonly name?: string;
}

/**
 * A short, stable construct ID fragment for a principal. A reference (an unresolved token) has no
 * stable text, so it needs an explicit `name`.
 */
export function principalSlug(principal: Principal): string {
  if (principal.name !== undefined) return principal.name;
  if (Token.isUnresolved(principal.principalId)) {
    throw new Error(
      `principal ${principal.description ?? ''} is a reference: give it a stable "name" so its role assignments keep their Terraform addresses`,
    );
  }
  return principal.principalId.replace(/[^a-zA-Z0-9-]+/g, '-');
}
