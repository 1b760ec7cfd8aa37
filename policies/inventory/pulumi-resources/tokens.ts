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
import type { Attachments, ExternalToken, Setting, Token } from '../types';
import { UNKNOWN, isUnknown } from '../types';
import type { NamedScopeMap } from '../scope-maps';
import { scopeMapActions } from '../scope-maps';

function tokenOf(index: PulumiIndex, file: string, r: PulumiResourceRecord): Token {
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
  const credentials = r.inputs.credentials;
  const passwords = (listOf(recordOf(credentials)?.passwords) ?? []).map((p) => {
    const expiry = recordOf(p)?.expiry;
    const source = pulumiSourceOf(index, r, file);
    // An expiry taken from a rotating timestamp is unknown until apply but always set (cdktf: time_rotating).
    if (isUnknown(plain(expiry))) return { source, expires: rotatesPassword(index, r) ? true : UNKNOWN };
    const text = literal(expiry);
    return text ? { source, expires: true, expiry: text } : { source, expires: false };
  });
  return {
    source: pulumiSourceOf(index, r, file),
    name: stringOf(r.inputs.tokenName),
    enabled: statusOn(r.inputs.status),
    scopeMapName: mapName ?? UNKNOWN,
    actions,
    passwords,
  };
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
  for (const r of index.ofType(T.token)) {
    const token = tokenOf(index, file, r);
    const target = tokenRegistry(index, r);
    if (target?.kind === 'managed') {
      for (const urn of target.urns) attached.get(urn)?.tokens.push(token);
    } else {
      unattached.note('tokens', token, r, 'registryName', 'name', target);
      external.push({ ...token, registryName: target?.kind === 'external' ? target.name : UNKNOWN });
    }
  }
}
