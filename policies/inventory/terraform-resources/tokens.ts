/**
 * Repository-scoped tokens of a Terraform input and the actions of their scope maps: a scope map of the
 * input, the registry's built-in system scope maps (`_repositories_push`, ...) by name, by ID or through
 * a data source; a scope map the checker cannot read makes the token's actions UNKNOWN. Tokens on
 * registries outside the input (by name, or by the registry ID in their scope map ID) are external.
 */
import { SYSTEM_SCOPE_MAP_ACTIONS } from '../../../constructs/model/names';
import type { AttachedLists } from './attached-lists';
import type { RegistryTarget, ResourceIndex } from './links';
import type { Detached } from './registry-links';
import { pushTo } from '../map-entry';
import type { RawResource } from './raw';
import {
  blocks,
  boolSetting,
  literal,
  parseReference,
  sourceOf,
  stringListSetting,
  stringSetting,
} from './raw';
import type { ExternalToken, Setting, Token, TokenPassword } from '../types';
import { UNKNOWN, isUnknown } from '../types';
import type { NamedScopeMap } from '../scope-maps';
import { scopeMapActions } from '../scope-maps';

const SCOPE_MAP = 'azurerm_container_registry_scope_map';

const PASSWORD_KEYS = ['password1', 'password2'] as const;

/** Appends the passwords of a token password resource to `out` (a loop: no array per resource). */
function addPasswords(file: string, r: RawResource, out: TokenPassword[]): void {
  for (const key of PASSWORD_KEYS) {
    for (const block of blocks(r.values[key])) {
      const expiry = block.expiry;
      const source = sourceOf(r, file);
      if (expiry === undefined || expiry === null || expiry === '') out.push({ source, expires: false });
      else if (isUnknown(expiry)) out.push({ source, expires: UNKNOWN });
      else
        out.push(
          typeof expiry === 'string' && !expiry.includes('${')
            ? { source, expires: true, expiry }
            : { source, expires: true },
        );
    }
  }
}

/** The scope map name at the end of a scope map ID (`.../scopeMaps/<name>`), when that part is literal. */
function scopeMapNameInId(value: string): string | undefined {
  const match = /\/scopeMaps\/([^/${}]+)$/i.exec(value);
  return match?.[1];
}

/** The registry name in a scope map ID (`.../registries/<name>/scopeMaps/...`), when that part is literal. */
function registryNameInId(value: string): string | undefined {
  return /\/registries\/([^/${}]+)\/scopeMaps\//i.exec(value)?.[1];
}

/**
 * The scope map `value` points at: a managed scope map by reference; else, by name (from a data
 * source or an ID), a system scope map or the input's map of that name in the token's registry
 * (`tokenRegistry`, the token's literal registry name; the ID's wins).
 */
function scopeMapOf(
  index: ResourceIndex,
  value: unknown,
  tokenRegistry: string | undefined,
): { name: Setting<string>; actions: Setting<readonly string[]> } {
  const ref = parseReference(value);
  const referenced = ref ? index.lookup(ref) : undefined;
  if (referenced?.type === SCOPE_MAP && referenced.mode === 'managed')
    return {
      name: stringSetting(referenced.values.name, ''),
      actions: stringListSetting(referenced.values.actions),
    };
  let name: string | undefined;
  let registryName = tokenRegistry;
  if (referenced?.type === SCOPE_MAP) {
    name = literal(referenced.values.name);
    registryName = literal(referenced.values.container_registry_name) ?? tokenRegistry;
  } else if (typeof value === 'string') {
    name = scopeMapNameInId(value);
    registryName = registryNameInId(value) ?? tokenRegistry;
  }
  if (!name) return { name: UNKNOWN, actions: UNKNOWN };
  const system = SYSTEM_SCOPE_MAP_ACTIONS[name];
  if (system) return { name, actions: system };
  const maps: NamedScopeMap[] = [];
  for (const m of index.ofType(SCOPE_MAP))
    if (m.mode === 'managed' && m.values.name === name)
      maps.push({
        registryName: literal(m.values.container_registry_name),
        actions: stringListSetting(m.values.actions),
      });
  return { name, actions: scopeMapActions(name, maps, registryName) ?? UNKNOWN };
}

/** The registry a token belongs to: its `container_registry_name`, else the registry in its scope map ID. */
function tokenRegistry(index: ResourceIndex, r: RawResource): RegistryTarget | undefined {
  const byName = index.registryFromName(r.values.container_registry_name);
  if (byName) return byName;
  const mapId = r.values.scope_map_id;
  const map = index.referenced(mapId);
  if (map?.type === SCOPE_MAP && map.mode === 'managed')
    return index.registryFromName(map.values.container_registry_name);
  if (typeof mapId !== 'string') return undefined;
  // `${azurerm_container_registry.x.id}/scopeMaps/_repositories_push` or a literal scope map ID.
  const registryPart = mapId.replace(/\/scopeMaps\/[^/]+$/i, '');
  return index.registryFromId(registryPart);
}

function tokenOf(
  index: ResourceIndex,
  file: string,
  r: RawResource,
  passwords: readonly RawResource[],
): Token {
  const tokenPasswords: TokenPassword[] = [];
  for (const p of passwords) addPasswords(file, p, tokenPasswords);
  const map = scopeMapOf(index, r.values.scope_map_id, literal(r.values.container_registry_name));
  return {
    source: sourceOf(r, file),
    name: stringSetting(r.values.name, ''),
    enabled: boolSetting(r.values.enabled, true),
    scopeMapName: map.name,
    actions: map.actions,
    passwords: tokenPasswords,
  };
}

/** A token ID (`.../registries/<registry>/tokens/<token>`), names compared as Azure does: in any case. */
const TOKEN_ID = /\/registries\/([^/]+)\/tokens\/([^/]+)$/i;

/** A token's key among tokens named by ID: its managed registry's address and its name, lowercased. */
function tokenKey(registryAddress: string, name: string): string {
  return `${registryAddress}/${name.toLowerCase()}`;
}

/** The token resources of managed registries by `tokenKey`, for literal token IDs. */
function tokensByKey(index: ResourceIndex, tokens: readonly RawResource[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const t of tokens) {
    const name = literal(t.values.name);
    const target = tokenRegistry(index, t);
    if (name === undefined || target?.kind !== 'managed') continue;
    for (const address of target.addresses)
      if (!out.has(tokenKey(address, name))) out.set(tokenKey(address, name), t.address);
  }
  return out;
}

/**
 * The address of the token resource a literal token ID names (a plan writes the ID of a token that
 * already exists): the token of that name on the managed registry of that name. `byKey` is made on
 * the first such ID (most inputs have none).
 */
function tokenById(
  index: ResourceIndex,
  id: unknown,
  byKey: () => ReadonlyMap<string, string>,
): string | undefined {
  const match = typeof id === 'string' ? TOKEN_ID.exec(id) : null;
  if (!match) return undefined;
  const registry = index.registryFromName(match[1]);
  if (registry?.kind !== 'managed') return undefined;
  for (const address of registry.addresses) {
    const token = byKey().get(tokenKey(address, match[2]));
    if (token) return token;
  }
  return undefined;
}

/**
 * Attaches every token to its managed registry; tokens on other registries, or on a registry the
 * input does not say, go to `external`.
 */
export function attachTokens(
  index: ResourceIndex,
  file: string,
  attached: AttachedLists,
  external: ExternalToken[],
  detached?: Detached[],
): void {
  const passwords = new Map<string, RawResource[]>();
  const tokens = index.ofType('azurerm_container_registry_token');
  let byKey: Map<string, string> | undefined;
  const keyed = (): Map<string, string> => (byKey ??= tokensByKey(index, tokens));
  for (const p of index.ofType('azurerm_container_registry_token_password')) {
    const id = p.values.container_registry_token_id;
    const token = index.referenced(id)?.address ?? tokenById(index, id, keyed);
    if (token) pushTo(passwords, token, p);
  }
  for (const r of tokens) {
    const token = tokenOf(index, file, r, passwords.get(r.address) ?? []);
    const target = tokenRegistry(index, r);
    if (target?.kind === 'managed') {
      for (const { lists } of attached.of(target)) lists.tokens.push(token);
    } else {
      external.push({ ...token, registryName: target?.kind === 'external' ? target.name : UNKNOWN });
      detached?.push({ kind: 'tokens', item: token, target });
    }
  }
}
