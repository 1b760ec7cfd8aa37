/**
 * The managed identity block of a registry, decided once for both engines: the declared identities
 * plus the user-assigned identity that reads a customer-managed key (attached once, whoever made it).
 */
import type { ResolvedRegistry } from './resolve';

/** The identity type ARM and azurerm spell. */
export type RegistryIdentityType = 'SystemAssigned' | 'UserAssigned' | 'SystemAssigned, UserAssigned';

/** The registry's identities; undefined when it has none. */
export function registryIdentity(
  r: ResolvedRegistry,
  keyIdentityId: string | undefined,
): { readonly type: RegistryIdentityType; readonly userAssignedIdentityIds: readonly string[] } | undefined {
  const ids = [...r.identity.userAssignedIdentityIds];
  if (keyIdentityId && !ids.some((id) => id.toLowerCase() === keyIdentityId.toLowerCase()))
    ids.push(keyIdentityId);
  const system = r.identity.systemAssigned;
  if (!system && ids.length === 0) return undefined;
  const type: RegistryIdentityType =
    system && ids.length > 0 ? 'SystemAssigned, UserAssigned' : system ? 'SystemAssigned' : 'UserAssigned';
  return { type, userAssignedIdentityIds: ids };
}
