/**
 * Attaches the resources that point at a registry (endpoints, grants, tokens, webhooks, tasks,
 * diagnostics, locks) to it, resolving references within the input.
 */
import { DIAGNOSTIC_LOG_CATEGORIES } from '../../../constructs/model/provider-defaults';
import { SYSTEM_SCOPE_MAP_ACTIONS } from '../../../constructs/model/names';
import {
  GENERAL_ROLE_ABILITIES,
  ROLE_ABILITIES,
  abilitiesFromActions,
  builtInRoleById,
  isBuiltInRole,
} from '../../../constructs/model/roles';
import { ownValue } from '../../lookup';
import type { RegistryTarget, ResourceIndex } from './links';
import { pushTo, zoneNameFromId } from './links';
import { indexLinks, privateEndpointOf } from './private-network';
import type { RawResource } from './raw';
import {
  blocks,
  boolSetting,
  compareCodeUnits,
  literal,
  sortIfNeeded,
  sourceOf,
  stringListSetting,
  stringSetting,
} from './raw';
import type {
  Diagnostic,
  Lock,
  PrincipalRef,
  RoleAssignment,
  RoleRef,
  ScopeMap,
  Setting,
  SourceLocation,
  Task,
  Token,
  TokenPassword,
  Webhook,
} from '../types';
import { UNKNOWN, emptyAttachments, isUnknown } from '../types';
import type { AttachResult, Attachments } from '../types';
import type { Detached } from './registry-links';

function roleOf(index: ResourceIndex, r: RawResource): RoleRef {
  const name = literal(r.values.role_definition_name);
  if (name) {
    const abilities = isBuiltInRole(name) ? ROLE_ABILITIES[name] : ownValue(GENERAL_ROLE_ABILITIES, name);
    return { name, actions: [], abilities: abilities ?? abilitiesFromActions([]) };
  }
  const idValue = r.values.role_definition_id;
  const definition = index.referenced(idValue);
  if (definition?.type === 'azurerm_role_definition') {
    const actions = blocks(definition.values.permissions).flatMap((p) => {
      const list = [
        ...(Array.isArray(p.actions) ? p.actions : []),
        ...(Array.isArray(p.data_actions) ? p.data_actions : []),
      ];
      return list.filter((a): a is string => typeof a === 'string');
    });
    return {
      name: stringSetting(definition.values.name, ''),
      definitionId: UNKNOWN,
      actions,
      abilities: abilitiesFromActions(actions),
    };
  }
  const id = literal(idValue);
  const builtIn = id ? builtInRoleById(id) : undefined;
  if (builtIn) return { name: builtIn, definitionId: id, actions: [], abilities: ROLE_ABILITIES[builtIn] };
  return { name: UNKNOWN, definitionId: id ?? UNKNOWN, actions: [], abilities: UNKNOWN };
}

function principalOf(index: ResourceIndex, r: RawResource): PrincipalRef {
  const value = r.values.principal_id;
  const type = stringSetting(r.values.principal_type);
  const identity = index.referenced(value);
  // Literals rather than spreads (one principal per role assignment); `type` comes first when set.
  if (identity && identity.type === 'azurerm_user_assigned_identity') {
    const identityName = literal(identity.values.name);
    const principal: { -readonly [K in keyof PrincipalRef]: PrincipalRef[K] } =
      type === undefined ? { id: UNKNOWN } : { type, id: UNKNOWN };
    if (identityName) principal.identityName = identityName;
    return principal;
  }
  const id = stringSetting(value, '');
  return type === undefined ? { id } : { type, id };
}

function registryNameOf(index: ResourceIndex, target: RegistryTarget, address: string): Setting<string> {
  if (target.kind === 'external') return target.name;
  return stringSetting(index.byAddress.get(address)?.values.name, '');
}

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

function scopeMapActions(index: ResourceIndex, value: unknown): Setting<readonly string[]> {
  const map = index.referenced(value);
  if (map?.type === 'azurerm_container_registry_scope_map') return stringListSetting(map.values.actions);
  const id = literal(value);
  if (!id) return UNKNOWN;
  const name = zoneNameFromId(id);
  const system = ownValue(SYSTEM_SCOPE_MAP_ACTIONS, name);
  if (system) return system;
  const match = index.ofType('azurerm_container_registry_scope_map').find((m) => m.values.name === name);
  return match ? stringListSetting(match.values.actions) : UNKNOWN;
}

function taskKind(r: RawResource): Task['kind'] {
  if (blocks(r.values.docker_step).length > 0 || blocks(r.values.file_step).length > 0) return 'build';
  const encoded = blocks(r.values.encoded_step)[0]?.task_content;
  if (typeof encoded === 'string') {
    const decoded = /^[A-Za-z0-9+/=\s]+$/.test(encoded)
      ? Buffer.from(encoded, 'base64').toString('utf8')
      : encoded;
    if (/\bacr purge\b/.test(decoded) || /\bacr purge\b/.test(encoded)) return 'purge';
  }
  return 'other';
}

const DESTINATIONS = [
  'log_analytics_workspace_id',
  'storage_account_id',
  'eventhub_authorization_rule_id',
  'partner_solution_id',
] as const;

/** Adds the log categories of one log block to `categories`; true when the block's are unknown. */
function addCategories(block: Readonly<Record<string, unknown>>, categories: Set<string>): boolean {
  const group = block.category_group;
  if (group === 'allLogs' || group === 'audit') {
    for (const c of DIAGNOSTIC_LOG_CATEGORIES) categories.add(c);
  } else if (typeof block.category === 'string' && !block.category.includes('${')) {
    categories.add(block.category);
  } else if (block.category !== undefined || group !== undefined) return true;
  return false;
}

/** True when a destination is set, UNKNOWN when none is but one is unknown, else false. */
function hasDestination(v: Readonly<Record<string, unknown>>): Setting<boolean> {
  let unknown: Setting<boolean> | undefined;
  for (const key of DESTINATIONS) {
    const x = v[key];
    if (typeof x === 'string' && x.length > 0) return true;
    if (isUnknown(x)) unknown ??= x;
  }
  return unknown ?? false;
}

function diagnosticOf(file: string, r: RawResource): Diagnostic {
  const v = r.values;
  const categories = new Set<string>();
  let unknown = false;
  for (const block of blocks(v.enabled_log)) unknown = addCategories(block, categories) || unknown;
  for (const block of blocks(v.log)) {
    if (block.enabled !== false) unknown = addCategories(block, categories) || unknown;
  }
  return {
    source: sourceOf(r, file),
    name: stringSetting(v.name, ''),
    logCategories:
      unknown && categories.size === 0 ? UNKNOWN : sortIfNeeded([...categories], compareCodeUnits),
    hasDestination: hasDestination(v),
  };
}

/**
 * One grant: a literal with its keys in report order (spreads are slow for thousands of grants), built
 * by a function rather than a closure per role assignment.
 */
function grantOf(
  source: SourceLocation,
  role: RoleRef,
  principal: PrincipalRef,
  description: string | undefined,
  registryName: Setting<string>,
): RoleAssignment {
  return description
    ? { source, role, principal, description, registryName }
    : { source, role, principal, registryName };
}

/**
 * Resolves every attachment of the input to its registry. Attachments not attached to a managed
 * registry are returned as `detached` with what their target was; `registry-links.ts` decides them.
 */
export function attachAll(index: ResourceIndex, file: string): AttachResult & { detached: Detached[] } {
  const attached = new Map(index.registries.map((r) => [r.address, emptyAttachments()]));
  const externalRoleAssignments: RoleAssignment[] = [];
  const detached: Detached[] = [];
  const add = <K extends keyof Attachments>(
    target: RegistryTarget | undefined,
    key: K,
    item: Attachments[K][number],
  ): void => {
    if (target?.kind !== 'managed') {
      detached.push({ kind: key, item, target } as Detached);
      return;
    }
    for (const address of target.addresses)
      (attached.get(address)?.[key] as Attachments[K][number][] | undefined)?.push(item);
  };

  for (const r of index.ofType('azurerm_role_assignment')) {
    const target = index.registriesInScope(r.values.scope);
    const source = sourceOf(r, file);
    const role = roleOf(index, r);
    const principal = principalOf(index, r);
    const description = literal(r.values.description);
    if (!target) {
      detached.push({
        kind: 'roleAssignments',
        item: grantOf(source, role, principal, description, UNKNOWN),
        target,
      });
      continue;
    }
    if (target.kind === 'external') {
      externalRoleAssignments.push(grantOf(source, role, principal, description, target.name));
      continue;
    }
    for (const address of target.addresses) {
      const registryName = registryNameOf(index, target, address);
      attached
        .get(address)
        ?.roleAssignments.push(grantOf(source, role, principal, description, registryName));
    }
  }
  const links = indexLinks(index, file);
  for (const r of index.ofType('azurerm_private_endpoint')) {
    const [target, endpoint] = privateEndpointOf(index, links, file, r);
    add(target, 'privateEndpoints', endpoint);
  }
  for (const r of index.ofType('azurerm_container_registry_scope_map')) {
    const map: ScopeMap = {
      source: sourceOf(r, file),
      name: stringSetting(r.values.name, ''),
      actions: stringListSetting(r.values.actions),
    };
    add(index.registryFromName(r.values.container_registry_name), 'scopeMaps', map);
  }
  const passwords = new Map<string, RawResource[]>();
  for (const p of index.ofType('azurerm_container_registry_token_password')) {
    const token = index.referenced(p.values.container_registry_token_id)?.address;
    if (token) pushTo(passwords, token, p);
  }
  for (const r of index.ofType('azurerm_container_registry_token')) {
    const tokenPasswords: TokenPassword[] = [];
    for (const p of passwords.get(r.address) ?? []) addPasswords(file, p, tokenPasswords);
    const token: Token = {
      source: sourceOf(r, file),
      name: stringSetting(r.values.name, ''),
      enabled: boolSetting(r.values.enabled, true),
      scopeMapName: stringSetting(
        index.referenced(r.values.scope_map_id)?.values.name ??
          zoneNameFromId(String(r.values.scope_map_id ?? '')),
        '',
      ),
      actions: scopeMapActions(index, r.values.scope_map_id),
      passwords: tokenPasswords,
    };
    add(index.registryFromName(r.values.container_registry_name), 'tokens', token);
  }
  for (const r of index.ofType('azurerm_container_registry_webhook')) {
    const webhook: Webhook = {
      source: sourceOf(r, file),
      name: stringSetting(r.values.name, ''),
      serviceUri: stringSetting(r.values.service_uri, ''),
      actions: stringListSetting(r.values.actions),
      scope: stringSetting(r.values.scope, ''),
      enabled: isUnknown(r.values.status) ? UNKNOWN : r.values.status !== 'disabled',
    };
    add(index.registryFromName(r.values.registry_name), 'webhooks', webhook);
  }
  for (const r of index.ofType('azurerm_container_registry_task')) {
    const task: Task = {
      source: sourceOf(r, file),
      name: stringSetting(r.values.name, ''),
      kind: taskKind(r),
      enabled: boolSetting(r.values.enabled, true),
    };
    add(index.registryFromId(r.values.container_registry_id), 'tasks', task);
  }
  for (const r of index.ofType('azurerm_monitor_diagnostic_setting')) {
    add(index.registryFromId(r.values.target_resource_id), 'diagnostics', diagnosticOf(file, r));
  }
  for (const r of index.ofType('azurerm_management_lock')) {
    const lock: Lock = {
      source: sourceOf(r, file),
      name: stringSetting(r.values.name, ''),
      level: stringSetting(r.values.lock_level, ''),
    };
    add(index.registriesInScope(r.values.scope), 'locks', lock);
  }
  return { attached, externalRoleAssignments, detached };
}
