/**
 * Image signing without Docker Content Trust: a Notation (Notary Project) signing identity with a key in
 * Azure Key Vault. The identity pushes signatures (OCI referrers) into the registry and signs with the
 * key; policy recognises it across stacks by its name.
 *
 * Sources: ../shared/FACTS.md sections 1 and 3 (DCT deprecated 2025-03-31, removed 2028-03-31);
 * Microsoft Learn "Sign container images with Notation and Azure Key Vault" (Key Vault Crypto User for
 * signing, Key Vault Certificates User to read the certificate; AcrPush or Repository Writer to push the
 * signature, by mode).
 */

/** The day Microsoft removes Docker Content Trust from ACR. */
export const DCT_REMOVAL_DATE = '2028-03-31';

/** A Notation signing identity and its Key Vault key. */
export interface SigningDeclaration {
  /**
   * Resource ID of the Key Vault holding the signing certificate. The vault must use the Azure RBAC
   * permission model (the identity gets Key Vault roles, not an access policy).
   */
  readonly keyVaultId: string;
  /** Name of the Key Vault certificate whose key signs (a certificate and its key share the name). */
  readonly certificateName: string;
  /**
   * Repositories whose images the identity signs: names, `prefix/*` or `*`. In the
   * `AbacRepositoryPermissions` mode its push right is limited to them; the legacy mode cannot limit it.
   * @default every repository
   */
  readonly repositories?: readonly string[];
}

/**
 * Key Vault object (certificate, key) names: 1-127 characters, letters, digits and hyphens (Microsoft
 * Learn "About keys, secrets, and certificates", object identifiers).
 */
export const KEY_VAULT_OBJECT_NAME = {
  pattern: /^[0-9a-zA-Z-]{1,127}$/,
  description: '1-127 letters, digits or hyphens',
} as const;

/** Prefix of every signing identity's name; policy exempts it from the no-push gate by this name. */
export const SIGNING_IDENTITY_PREFIX = 'id-sign-';

/** Name of the user-assigned identity that signs the images of `environment`. */
export function signingIdentityName(environment: string): string {
  return `${SIGNING_IDENTITY_PREFIX}${environment}`;
}

/** A signing declaration with its defaults applied and its Key Vault scopes computed. */
export interface ResolvedSigning {
  /** Name of the user-assigned identity the stack creates for the release pipeline. */
  readonly identityName: string;
  /** Stable name of that identity as a grant principal (construct IDs, URNs). */
  readonly principalName: string;
  /** Why the identity holds its grants; the role assignments' description. */
  readonly description: string;
  readonly keyVaultId: string;
  readonly certificateName: string;
  /** Scope of the Key Vault Crypto User assignment: the key only. */
  readonly keyScope: string;
  /** Scope of the Key Vault Certificate User assignment: the certificate only. */
  readonly certificateScope: string;
  /** Signed repositories; undefined means every repository. */
  readonly repositories?: readonly string[];
}

/** Applies the defaults of a signing declaration for `environment`. */
export function resolveSigning(environment: string, signing: SigningDeclaration): ResolvedSigning {
  const vault = signing.keyVaultId.replace(/\/+$/, '');
  return {
    identityName: signingIdentityName(environment),
    principalName: 'signing-identity',
    description: `Notation signing of ${environment} images with Key Vault certificate ${signing.certificateName}`,
    keyVaultId: vault,
    certificateName: signing.certificateName,
    keyScope: `${vault}/keys/${signing.certificateName}`,
    certificateScope: `${vault}/certificates/${signing.certificateName}`,
    ...(signing.repositories !== undefined && { repositories: [...signing.repositories] }),
  };
}
