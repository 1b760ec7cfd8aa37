/**
 * Repository-scoped tokens of a Pulumi stack and the actions of their scope maps (a scope map of the
 * stack, a system scope map by name or ID; UNKNOWN when unreadable). Tokens on registries outside the
 * stack are external. The azure-native twin of terraform-resources/tokens.ts.
 */
import { SYSTEM_SCOPE_MAP_ACTIONS } from '../../../constructs/model/names';
import type { PulumiResourceRecord } from './build';
import { rotatesPassword } from './deploy-attachments';
import type { PulumiIndex, PulumiTarget } from './values';
import type { PulumiUnattached } from './unattached';
import {
  PULUMI_TYPES as T,
  lastSegment,
  listOf,
  literal,
  plain,
  pulumiSourceOf,
  recordOf,
  stringListOf,
  statusOn,
  stringOf,
} from './values';
import type { Attachments, ExternalToken, Setting, SourceLocation, Token, TokenPassword } from '../types';
import { UNKNOWN, isUnknown, unknownBecause } from '../types';
import { pushTo } from '../map-entry';
import type { NamedScopeMap } from '../scope-maps';
import { scopeMapActions } from '../scope-maps';

function tokenOf(
  index: PulumiIndex,
  file: string,
  r: PulumiResourceRecord,
  passwordResources: readonly PulumiResourceRecord[],
): Token {
  const map = index.dependencies(r, 'scopeMapId', T.scopeMap)[0];
  const id = literal(r.inputs.scopeMapId);
  const mapName = map ? literal(map.inputs.scopeMapName) : id ? lastSegment(id) : undefined;
  const actions: Setting<readonly string[]> = map
    ? stringListOf(map.inputs.actions)
    : mapName
      ? namedActions(
          index,
          mapName,
          (id ? registryNameInId(id) : undefined) ?? literal(r.inputs.registryName),
        )
      : UNKNOWN;
  const source = pulumiSourceOf(index, r, file);
  // The token's own `credentials.passwords` (a foreign program's, or one written by `pulumi import`).
  const passwords: TokenPassword[] = (listOf(recordOf(r.inputs.credentials)?.passwords) ?? []).map((p) => {
    const password = passwordOf(source, recordOf(p)?.expiry, rotatesPassword(index, r, 'credentials'));
    const slot = literal(recordOf(p)?.name);
    return slot === 'password1' || slot === 'password2' ? { ...password, slot } : password;
  });
  for (const p of passwordResources) passwords.push(...passwordsOf(index, file, p));
  return {
    source,
    name: stringOf(r.inputs.tokenName),
    enabled: statusOn(r.inputs.status),
    scopeMapName: mapName ?? UNKNOWN,
    actions,
    passwords,
  };
}

/** The two password slots of a token password resource. */
const PASSWORD_KEYS = ['password1', 'password2'] as const;

/** The passwords of a token password resource (its slots that are set), located at it. */
function passwordsOf(index: PulumiIndex, file: string, p: PulumiResourceRecord): TokenPassword[] {
  const at = pulumiSourceOf(index, p, file);
  const out: TokenPassword[] = [];
  for (const key of PASSWORD_KEYS) {
    const block = plain(p.inputs[key]);
    if (block === undefined || block === null) continue;
    if (isUnknown(block)) out.push({ source: at, slot: key, expires: UNKNOWN });
    else out.push({ ...passwordOf(at, recordOf(block)?.expiry, rotatesPassword(index, p, key)), slot: key });
  }
  return out;
}

/**
 * One password from its `expiry` input. An expiry taken from a rotating timestamp is unknown until apply
 * but always set (cdktf: time_rotating); no expiry means the password never expires.
 */
function passwordOf(source: SourceLocation, expiry: unknown, rotates: boolean): TokenPassword {
  if (isUnknown(plain(expiry))) return { source, expires: rotates ? true : UNKNOWN };
  const text = literal(expiry);
  return text ? { source, expires: true, expiry: text } : { source, expires: false };
}

/** A token ID (`.../registries/<registry>/tokens/<token>`); names compared as Azure does, in any case. */
const TOKEN_ID = /\/registries\/([^/]+)\/tokens\/([^/]+)$/i;

/**
 * The token resource a token password belongs to: the token its `containerRegistryTokenId` depends on,
 * else the token a literal ID names (its name and its registry's).
 */
function passwordToken(index: PulumiIndex, p: PulumiResourceRecord): PulumiResourceRecord | undefined {
  const [byReference] = index.dependencies(p, 'containerRegistryTokenId', T.token);
  if (byReference) return byReference;
  const match = TOKEN_ID.exec(literal(p.inputs.containerRegistryTokenId) ?? '');
  if (!match) return undefined;
  const [, registry, name] = match;
  return index
    .ofType(T.token)
    .find(
      (t) =>
        literal(t.inputs.tokenName)?.toLowerCase() === name.toLowerCase() &&
        literal(t.inputs.registryName)?.toLowerCase() === registry.toLowerCase(),
    );
}

/** The registry name in a scope map ID (`.../registries/<name>/scopeMaps/...`). */
function registryNameInId(id: string): string | undefined {
  return /\/registries\/([^/]+)\/scopeMaps\//i.exec(id)?.[1];
}

/** The actions of a scope map named `name`: a system map, or the stack's map of that name in `registryName`. */
function namedActions(
  index: PulumiIndex,
  name: string,
  registryName: string | undefined,
): Setting<readonly string[]> {
  const system = SYSTEM_SCOPE_MAP_ACTIONS[name];
  if (system) return system;
  const maps: NamedScopeMap[] = [];
  for (const m of index.ofType(T.scopeMap))
    if (literal(m.inputs.scopeMapName) === name)
      maps.push({ registryName: literal(m.inputs.registryName), actions: stringListOf(m.inputs.actions) });
  return scopeMapActions(name, maps, registryName) ?? UNKNOWN;
}

/** The registry of a token: its `registryName`, else the registry in its literal scope map ID. */
function tokenRegistry(index: PulumiIndex, r: PulumiResourceRecord): PulumiTarget | undefined {
  const byName = index.registryFromName(r, 'registryName');
  if (byName) return byName;
  const id = literal(r.inputs.scopeMapId);
  return id ? index.registryFromId(r, 'scopeMapId', id.replace(/\/scopeMaps\/[^/]+$/i, '')) : undefined;
}

/** Attaches every token to its registry; tokens on other (or unnamed) registries go to `external`. */
export function attachPulumiTokens(
  index: PulumiIndex,
  file: string,
  attached: ReadonlyMap<string, Attachments>,
  external: ExternalToken[],
  unattached: PulumiUnattached,
): void {
  const passwords = new Map<string, PulumiResourceRecord[]>();
  const orphans: PulumiResourceRecord[] = [];
  for (const p of index.ofType(T.tokenPassword)) {
    const token = passwordToken(index, p);
    if (token) pushTo(passwords, token.urn, p);
    else orphans.push(p);
  }
  for (const r of index.ofType(T.token)) {
    const token = tokenOf(index, file, r, passwords.get(r.urn) ?? []);
    const target = tokenRegistry(index, r);
    if (target?.kind === 'managed') {
      for (const urn of target.urns) attached.get(urn)?.tokens.push(token);
    } else {
      unattached.note('tokens', token, r, 'registryName', 'name', target);
      external.push({ ...token, registryName: target?.kind === 'external' ? target.name : UNKNOWN });
    }
  }
  // After the declared tokens, so each registry lists those first.
  for (const p of orphans) {
    const item = passwordOnlyOf(index, file, p);
    const id = literal(p.inputs.containerRegistryTokenId);
    const target = index.registryFromId(p, 'containerRegistryTokenId', id?.replace(/\/tokens\/[^/]+$/i, ''));
    if (target?.kind === 'managed') for (const urn of target.urns) attached.get(urn)?.tokens.push(item);
    else unattached.note('tokens', item, p, 'containerRegistryTokenId', 'id', target);
  }
}

/** What a password-only item does not know: everything about its token but the passwords. */
const NOT_DECLARED = unknownBecause('the token is not declared in the stack, only its password');

/**
 * The passwords of a token password whose token is not in the stack (a literal ID of a token made
 * elsewhere, an output of another stack) as a password-only item (`Token.passwordOnly`): judged by
 * the password rule only, never dropped; the twin of the Terraform adapter's.
 */
function passwordOnlyOf(index: PulumiIndex, file: string, p: PulumiResourceRecord): Token {
  const id = literal(p.inputs.containerRegistryTokenId);
  const name = id ? TOKEN_ID.exec(id)?.[2] : undefined;
  return {
    source: pulumiSourceOf(index, p, file),
    name: name ?? UNKNOWN,
    enabled: NOT_DECLARED,
    scopeMapName: NOT_DECLARED,
    actions: NOT_DECLARED,
    passwords: passwordsOf(index, file, p),
    passwordOnly: { label: name ?? p.urn },
  };
}
