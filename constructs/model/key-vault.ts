/**
 * Key Vault facts for customer-managed keys and cache credential sets. Source: Microsoft Learn "Azure
 * built-in roles" (Key Vault Secrets User 4633458b-17de-408a-b874-0445c86b69e6: read secret contents;
 * Key Vault Crypto Service Encryption User e147488a-f6f5-4113-8e2d-b22465e65bf6: read keys and wrap/unwrap
 * for encryption at rest), "Encrypt registry using a customer-managed key" (a user-assigned identity with
 * that role on the key) and "Artifact cache with authentication" (the credential set's system-assigned
 * identity reads the username and password secrets). Roles are scoped to the one key or secret, the
 * narrowest scope RBAC-authorized vaults allow.
 */

/** Key Vault roles the registry's identities need. */
export const KEY_VAULT_ROLES = {
  secretsUser: { name: 'Key Vault Secrets User', id: '4633458b-17de-408a-b874-0445c86b69e6' },
  cryptoServiceEncryptionUser: {
    name: 'Key Vault Crypto Service Encryption User',
    id: 'e147488a-f6f5-4113-8e2d-b22465e65bf6',
  },
} as const;

/**
 * A Key Vault key or secret ID: `https://<vault>.vault.azure.net/<keys|secrets>/<name>[/<version>]`.
 * Vault names are 3-24 letters, digits and hyphens, starting with a letter, ending with a letter or
 * digit, without two hyphens in a row; object names 1-127 letters, digits and hyphens; versions 32 hex
 * digits (Microsoft Learn naming rules for Microsoft.KeyVault and "About keys, secrets and
 * certificates"; azurerm validates `key_vault_key_id` as a nested item ID with an optional version).
 */
const OBJECT_URI =
  /^https:\/\/([a-zA-Z](?:[a-zA-Z0-9]|-(?!-)){1,22}[a-zA-Z0-9])\.vault\.azure\.(?:net|cn|us)\/(keys|secrets)\/([a-zA-Z0-9-]{1,127})(?:\/([0-9a-fA-F]{32}))?\/?$/;

/** The parts of a Key Vault key or secret ID, or undefined when `uri` is not one. */
export function parseKeyVaultObjectId(uri: string):
  | {
      readonly vault: string;
      readonly kind: 'keys' | 'secrets';
      readonly name: string;
      /** The version, when the ID names one. */
      readonly version?: string;
    }
  | undefined {
  const match = OBJECT_URI.exec(uri);
  if (!match) return undefined;
  const parts = { vault: match[1], kind: match[2] as 'keys' | 'secrets', name: match[3] };
  return match[4] === undefined ? parts : { ...parts, version: match[4] };
}

/** The RBAC scope of one key or secret: `<vault resource ID>/<keys|secrets>/<name>`. */
export function keyVaultObjectScope(vaultId: string, kind: 'keys' | 'secrets', name: string): string {
  return `${vaultId.replace(/\/$/, '')}/${kind}/${name}`;
}
