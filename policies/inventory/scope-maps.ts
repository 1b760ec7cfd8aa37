/**
 * Which scope map of the input a token names by name. A scope map is a child resource of its registry
 * (Microsoft.ContainerRegistry/registries/scopeMaps): its name is unique only within the registry, and
 * a token's scope map is in the token's registry (azurerm `azurerm_container_registry_token` and
 * azure-native `Token` take both the registry and the scope map ID). So two registries may each have a
 * map of one name with different actions, and a map is the token's only when its registry is known to
 * be the token's.
 */
import type { Setting } from './types';
import { unknownBecause } from './types';

/** A scope map of the input of a given name: its registry's name (when literal) and its actions. */
export interface NamedScopeMap {
  readonly registryName: string | undefined;
  readonly actions: Setting<readonly string[]>;
}

/**
 * The actions of the scope map `name` in registry `registryName` (undefined when not known), among
 * the input's maps of that name: undefined when none could be it (the map is outside the input);
 * UNKNOWN with the reason when a map could be it but its registry, or the token's, is not decided.
 * Registry names compare lowercased, as Azure's do.
 */
export function scopeMapActions(
  name: string,
  maps: readonly NamedScopeMap[],
  registryName: string | undefined,
): Setting<readonly string[]> | undefined {
  const wanted = registryName?.toLowerCase();
  const candidates = maps.filter(
    (m) => wanted === undefined || m.registryName === undefined || m.registryName.toLowerCase() === wanted,
  );
  if (candidates.length === 0) return undefined;
  const [only] = candidates;
  if (candidates.length === 1 && wanted !== undefined && only.registryName !== undefined) return only.actions;
  return unknownBecause(
    `the input has ${candidates.length === 1 ? 'a scope map' : `${candidates.length} scope maps`} named "${name}", and which registry ${candidates.length === 1 ? 'it is in' : 'each is in'}, or the token's, is not decided`,
  );
}
