/**
 * Attaches the Pulumi resources that point at a registry (endpoints, grants, tokens, webhooks, tasks,
 * diagnostics, locks) to it: the azure-native twin of attachments.ts.
 */
import { DIAGNOSTIC_LOG_CATEGORIES } from '../../../constructs/model/provider-defaults';
import { SYSTEM_SCOPE_MAP_ACTIONS } from '../../../constructs/model/names';
import { ownValue } from '../../lookup';
import {
  GENERAL_ROLE_ABILITIES,
  ROLE_ABILITIES,
  abilitiesFromActions,
  builtInRoleById,
} from '../../../constructs/model/roles';
import type { PulumiResourceRecord } from './build';
import type { PulumiIndex, PulumiTarget } from './values';
import {
  PULUMI_TYPES as T,
  lastSegment,
  listOf,
  literal,
  plain,
  pulumiSourceOf,
  recordOf,
  stringListOf,
  stringOf,
} from './values';
import { privateEndpointOf } from './private-network';
import type { Diagnostic, PrincipalRef, RoleAssignment, RoleRef, Setting, Task, Token } from '../types';
import { UNKNOWN, emptyAttachments, isUnknown } from '../types';
import type { AttachResult, Attachments } from '../types';

function roleOf(index: PulumiIndex, r: PulumiResourceRecord): RoleRef {
  const definition = index.dependencies(r, 'roleDefinitionId', T.roleDefinition)[0];
  if (definition) {
    const actions = (listOf(definition.inputs.permissions) ?? []).flatMap((p) => {
      const permission = recordOf(p);
      const list = [...(listOf(permission?.actions) ?? []), ...(listOf(permission?.dataActions) ?? [])].map(
        plain,
      );
      return list.filter((a): a is string => typeof a === 'string');
    });
    return {
      name: stringOf(definition.inputs.roleName, ''),
      definitionId: UNKNOWN,
      actions,
      abilities: abilitiesFromActions(actions),
    };
  }
  const id = literal(r.inputs.roleDefinitionId);
  const builtIn = id ? builtInRoleById(id) : undefined;
  if (builtIn) return { name: builtIn, definitionId: id, actions: [], abilities: ROLE_ABILITIES[builtIn] };
  const general = id
    ? Object.keys(GENERAL_ROLE_ABILITIES).find((name) => id.endsWith(`/${name}`))
    : undefined;
  if (general)
    return { name: general, definitionId: id, actions: [], abilities: GENERAL_ROLE_ABILITIES[general] };
  return { name: UNKNOWN, definitionId: id ?? UNKNOWN, actions: [], abilities: UNKNOWN };
}

function principalOf(index: PulumiIndex, r: PulumiResourceRecord): PrincipalRef {
  const type = r.inputs.principalType === undefined ? {} : { type: stringOf(r.inputs.principalType) };
  const id = literal(r.inputs.principalId);
  if (id) return { ...type, id };
  const identity = index.dependencies(r, 'principalId', T.identity)[0];
  const identityName = identity ? literal(identity.inputs.resourceName) : undefined;
  return { ...type, id: UNKNOWN, ...(identityName && { identityName }) };
}

function tokenOf(index: PulumiIndex, file: string, r: PulumiResourceRecord): Token {
  const map = index.dependencies(r, 'scopeMapId', T.scopeMap)[0];
  const id = literal(r.inputs.scopeMapId);
  const mapName = map ? literal(map.inputs.scopeMapName) : id ? lastSegment(id) : undefined;
  const named = mapName
    ? index.ofType(T.scopeMap).find((m) => literal(m.inputs.scopeMapName) === mapName)
    : undefined;
  const actions: Setting<readonly string[]> =
    (map ?? named)
      ? stringListOf((map ?? named)?.inputs.actions)
      : (mapName && ownValue(SYSTEM_SCOPE_MAP_ACTIONS, mapName)) || UNKNOWN;
  const credentials = r.inputs.credentials;
  const passwords = (listOf(recordOf(credentials)?.passwords) ?? []).map((p) => {
    const expiry = recordOf(p)?.expiry;
    const source = pulumiSourceOf(index, r, file);
    if (isUnknown(plain(expiry))) return { source, expires: UNKNOWN };
    const text = literal(expiry);
    return text ? { source, expires: true, expiry: text } : { source, expires: false };
  });
  return {
    source: pulumiSourceOf(index, r, file),
    name: stringOf(r.inputs.tokenName),
    enabled: isUnknown(plain(r.inputs.status)) ? UNKNOWN : literal(r.inputs.status) !== 'disabled',
    scopeMapName: mapName ?? UNKNOWN,
    actions,
    passwords,
  };
}

function taskKind(r: PulumiResourceRecord): Task['kind'] {
  const step = recordOf(r.inputs.step);
  const type = literal(step?.type);
  if (type === 'Docker' || type === 'FileTask') return 'build';
  const encoded = literal(step?.encodedTaskContent);
  if (
    type === 'EncodedTask' &&
    encoded &&
    /\bacr purge\b/.test(Buffer.from(encoded, 'base64').toString('utf8'))
  )
    return 'purge';
  return 'other';
}

function diagnosticOf(index: PulumiIndex, file: string, r: PulumiResourceRecord): Diagnostic {
  const v = r.inputs;
  const categories = new Set<string>();
  for (const log of (listOf(v.logs) ?? []).map(recordOf)) {
    if (!log || log.enabled === false) continue;
    const group = literal(log.categoryGroup);
    if (group === 'allLogs' || group === 'audit') DIAGNOSTIC_LOG_CATEGORIES.forEach((c) => categories.add(c));
    else if (literal(log.category)) categories.add(literal(log.category) as string);
  }
  const values = [
    'workspaceId',
    'storageAccountId',
    'eventHubAuthorizationRuleId',
    'marketplacePartnerId',
  ].map((k) => plain(v[k]));
  const hasDestination = values.some((x) => typeof x === 'string' && x.length > 0)
    ? true
    : values.some(isUnknown)
      ? UNKNOWN
      : false;
  return {
    source: pulumiSourceOf(index, r, file),
    name: stringOf(v.name),
    logCategories: [...categories].sort(),
    hasDestination,
  };
}

function lockTarget(index: PulumiIndex, r: PulumiResourceRecord): PulumiTarget | undefined {
  if (r.type === T.lockByScope) return index.registriesInScope(r, 'scope');
  if (r.type === T.lockAtGroup) return index.inGroup(literal(r.inputs.resourceGroupName));
  const isRegistry =
    literal(r.inputs.resourceProviderNamespace)?.toLowerCase() === 'microsoft.containerregistry' &&
    literal(r.inputs.resourceType)?.toLowerCase() === 'registries';
  return isRegistry ? index.registryFromName(r, 'resourceName') : undefined;
}

/** Resolves every attachment of the stack to its registry. */
export function attachPulumi(index: PulumiIndex, file: string): AttachResult {
  const attached = new Map(index.registries.map((r) => [r.urn, emptyAttachments()]));
  const externalRoleAssignments: RoleAssignment[] = [];
  const add = <K extends keyof Attachments>(
    target: PulumiTarget | undefined,
    key: K,
    item: Attachments[K][number],
  ): void => {
    if (target?.kind !== 'managed') return;
    for (const urn of target.urns)
      (attached.get(urn)?.[key] as Attachments[K][number][] | undefined)?.push(item);
  };
  const source = (r: PulumiResourceRecord) => pulumiSourceOf(index, r, file);

  for (const r of index.ofType(T.roleAssignment)) {
    const target = index.registriesInScope(r, 'scope');
    if (!target) continue;
    const description = literal(r.inputs.description);
    const base = {
      source: source(r),
      role: roleOf(index, r),
      principal: principalOf(index, r),
      ...(description && { description }),
    };
    if (target.kind === 'external') {
      externalRoleAssignments.push({ ...base, registryName: target.name });
      continue;
    }
    for (const urn of target.urns) {
      attached.get(urn)?.roleAssignments.push({
        ...base,
        registryName: stringOf(index.byUrn.get(urn)?.inputs.registryName),
      });
    }
  }
  for (const r of index.ofType(T.privateEndpoint)) {
    const [target, endpoint] = privateEndpointOf(index, file, r);
    add(target, 'privateEndpoints', endpoint);
  }
  for (const r of index.ofType(T.scopeMap)) {
    add(index.registryFromName(r, 'registryName'), 'scopeMaps', {
      source: source(r),
      name: stringOf(r.inputs.scopeMapName),
      actions: stringListOf(r.inputs.actions),
    });
  }
  for (const r of index.ofType(T.token))
    add(index.registryFromName(r, 'registryName'), 'tokens', tokenOf(index, file, r));
  for (const r of index.ofType(T.webhook)) {
    add(index.registryFromName(r, 'registryName'), 'webhooks', {
      source: source(r),
      name: stringOf(r.inputs.webhookName),
      serviceUri: stringOf(r.inputs.serviceUri, ''),
      actions: stringListOf(r.inputs.actions),
      scope: stringOf(r.inputs.scope, ''),
      enabled: isUnknown(plain(r.inputs.status)) ? UNKNOWN : literal(r.inputs.status) !== 'disabled',
    });
  }
  for (const r of index.ofType(T.task)) {
    const status = plain(r.inputs.status);
    const enabled = isUnknown(status) ? UNKNOWN : literal(status) !== 'Disabled';
    add(index.registryFromName(r, 'registryName'), 'tasks', {
      source: source(r),
      name: stringOf(r.inputs.taskName),
      kind: taskKind(r),
      enabled,
    });
  }
  for (const r of index.ofType(T.diagnosticSetting))
    add(index.registryFromId(r, 'resourceUri'), 'diagnostics', diagnosticOf(index, file, r));
  for (const r of [
    ...index.ofType(T.lockAtResource),
    ...index.ofType(T.lockByScope),
    ...index.ofType(T.lockAtGroup),
  ]) {
    add(lockTarget(index, r), 'locks', {
      source: source(r),
      name: stringOf(r.inputs.lockName),
      level: stringOf(r.inputs.level, ''),
    });
  }
  return { attached, externalRoleAssignments };
}
