/**
 * Repository-scoped tokens of a Terraform input and the actions of their scope maps: a scope map of the
 * input, the registry's built-in system scope maps (`_repositories_push`, ...) by name, by ID or through
 * a data source; a scope map the checker cannot read makes the token's actions UNKNOWN. Tokens on
 * registries outside the input (by name, or by the registry ID in their scope map ID) are external.
 * A token password whose token the input does not declare becomes a password-only item
 * (`Token.passwordOnly`) on the registry its token ID names, or unattached when that is another
 * registry or undecided: its passwords are judged, never dropped.
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
import type { ExternalToken, Setting, SourceLocation, Token, TokenPassword } from '../types';
import { UNKNOWN, isUnknown, partialText, unknownBecause } from '../types';
import type { NamedScopeMap } from '../scope-maps';
import { scopeMapActions } from '../scope-maps';

const SCOPE_MAP = 'azurerm_container_registry_scope_map';
const TOKEN = 'azurerm_container_registry_token';
const TOKEN_PASSWORD = 'azurerm_container_registry_token_password';

const PASSWORD_KEYS = ['password1', 'password2'] as const;

/**
 * Appends the passwords of a token password resource to `out` (a loop: no array per resource), each
 * located at `source`, the resource's.
 */
function addPasswords(source: SourceLocation, r: RawResource, out: TokenPassword[]): void {
  for (const key of PASSWORD_KEYS) {
    for (const block of blocks(r.values[key])) {
      const expiry = block.expiry;
      const slot = key;
      if (expiry === undefined || expiry === null || expiry === '')
        out.push({ source, slot, expires: false });
      // The UNKNOWN itself, so the finding says why (`var.expiry has no value`) when the input does.
      else if (isUnknown(expiry)) out.push({ source, slot, expires: expiry });
      else
        out.push(
          typeof expiry === 'string' && !expiry.includes('${')
            ? { source, slot, expires: true, expiry }
            : { source, slot, expires: true },
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
  for (const p of passwords) addPasswords(sourceOf(p, file), p, tokenPasswords);
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

/**
 * A token ID: its registry part (a literal registry ID, or `${azurerm_container_registry.x.id}`) and
 * the token's name, literal. Names compare as Azure compares them: in any case.
 */
const TOKEN_ID = /^(.+)\/tokens\/([^/${}]+)$/i;

/** The registry name at the end of a registry part that is not a full registry ID (`.../registries/<name>`). */
const REGISTRY_NAME_AT_END = /\/registries\/([^/${}]+)$/i;

/** What a token ID value names: the registry it is on and the token's name, as far as the value says. */
interface NamedToken {
  readonly registry: RegistryTarget | undefined;
  readonly name: string | undefined;
}

/**
 * The registry and token name a token ID value gives: a literal ID or a template with a literal token
 * name; an UNKNOWN with literal parts gives the registry only (`/registries/acr/tokens/${...}`).
 */
function namedByTokenId(index: ResourceIndex, id: unknown): NamedToken | undefined {
  const text = typeof id === 'string' ? id : partialText(id);
  if (text === undefined) return undefined;
  const match = TOKEN_ID.exec(text);
  const registryPart = match ? match[1] : /^(.+)\/tokens\/[^/]*$/i.exec(text)?.[1];
  if (registryPart === undefined) return undefined;
  const byName = REGISTRY_NAME_AT_END.exec(registryPart)?.[1];
  const registry =
    (typeof id === 'string' ? index.registryFromId(registryPart) : undefined) ??
    (byName === undefined ? undefined : index.registryFromName(byName));
  return { registry, name: match?.[2] };
}

/** A token's key among tokens named by ID: its managed registry's address and its name, lowercased. */
function tokenKey(registryAddress: string, name: string): string {
  return `${registryAddress}/${name.toLowerCase()}`;
}

/** The token resources of managed registries by `tokenKey`, for token IDs. */
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
 * The address of the token resource a token ID names by its parts (a plan writes the ID of a token
 * that already exists): the token of that name on the managed registry the ID names. `byKey` is made
 * on the first such ID (most inputs have none).
 */
function tokenById(
  named: NamedToken | undefined,
  byKey: () => ReadonlyMap<string, string>,
): string | undefined {
  if (named?.registry?.kind !== 'managed' || named.name === undefined) return undefined;
  for (const address of named.registry.addresses) {
    const token = byKey().get(tokenKey(address, named.name));
    if (token) return token;
  }
  return undefined;
}

/** A password-only item and the registry its token ID names (undefined: none the value decides). */
interface PasswordOnly {
  readonly item: Token;
  readonly target: RegistryTarget | undefined;
}

/** What a password-only item does not know: everything about its token but the passwords. */
const NOT_DECLARED = unknownBecause('the token is not declared in the input, only its password');

/**
 * The passwords of a token the input does not declare, as a password-only item, with the registry
 * its token ID names: a data source's registry, the registry part of an ID, or none (undecided).
 */
function passwordOnlyOf(
  index: ResourceIndex,
  file: string,
  r: RawResource,
  referenced: RawResource | undefined,
  named: NamedToken | undefined,
): PasswordOnly {
  const source = sourceOf(r, file);
  const passwords: TokenPassword[] = [];
  addPasswords(source, r, passwords);
  let name = named?.name;
  let target = named?.registry;
  let label = name ?? parseReference(r.values.container_registry_token_id)?.address ?? r.address;
  if (referenced?.type === TOKEN && referenced.mode === 'data') {
    // `data.azurerm_container_registry_token.x.id`: the token exists, on the registry the data source names.
    const registry = referenced.values.container_registry_name;
    name = literal(referenced.values.name);
    label = name ?? referenced.address;
    target =
      index.registryFromName(registry) ??
      (isUnknown(registry) ? { kind: 'external', name: registry } : undefined);
  }
  const item: Token = {
    source,
    name: name ?? UNKNOWN,
    enabled: NOT_DECLARED,
    scopeMapName: NOT_DECLARED,
    actions: NOT_DECLARED,
    passwords,
    passwordOnly: { label },
  };
  return { item, target };
}

/**
 * Attaches every token to its managed registry; tokens on other registries, or on a registry the
 * input does not say, go to `external`. Passwords of a token the input does not declare are a
 * password-only item, attached to the managed registry their token ID names or detached (never in
 * `external`: the push rules judge tokens there, and its token is judged where it is declared).
 */
export function attachTokens(
  index: ResourceIndex,
  file: string,
  attached: AttachedLists,
  external: ExternalToken[],
  detached: Detached[],
): void {
  const passwords = new Map<string, RawResource[]>();
  const tokens = index.ofType(TOKEN);
  let byKey: Map<string, string> | undefined;
  const keyed = (): Map<string, string> => (byKey ??= tokensByKey(index, tokens));
  const passwordOnly: PasswordOnly[] = [];
  for (const p of index.ofType(TOKEN_PASSWORD)) {
    const id = p.values.container_registry_token_id;
    const referenced = index.referenced(id);
    const named = referenced ? undefined : namedByTokenId(index, id);
    const token =
      referenced?.type === TOKEN && referenced.mode === 'managed'
        ? referenced.address
        : tokenById(named, keyed);
    if (token) {
      pushTo(passwords, token, p);
      continue;
    }
    passwordOnly.push(passwordOnlyOf(index, file, p, referenced, named));
  }
  for (const r of tokens) {
    const token = tokenOf(index, file, r, passwords.get(r.address) ?? []);
    const target = tokenRegistry(index, r);
    if (target?.kind === 'managed') {
      for (const { lists } of attached.of(target)) lists.tokens.push(token);
    } else {
      external.push({ ...token, registryName: target?.kind === 'external' ? target.name : UNKNOWN });
      detached.push({ kind: 'tokens', item: token, target });
    }
  }
  // After the declared tokens, so each registry lists those first.
  for (const { item, target } of passwordOnly) attached.add(detached, target, 'tokens', item);
}
