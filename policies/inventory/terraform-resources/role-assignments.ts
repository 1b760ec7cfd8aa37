/**
 * Role assignments of a Terraform input: which role (a built-in role of the directory by name or ID, a
 * custom role by its permissions, or unknown), at which scope (a registry, its resource group, a
 * subscription, a management group), with which ABAC condition.
 */
import { builtInRoleById, builtInRoleByName } from '../../../constructs/model/role-directory';
import { PermissionsCollector, builtInRoleRef, customRoleRef, mayPush, unknownRoleRef } from '../role-refs';
import type { AttachedLists } from './attached-lists';
import type { RegistryTarget, ResourceIndex } from './links';
import type { Detached } from './registry-links';
import type { RawResource } from './raw';
import { blocks, literal, parseReference, sourceOf, stringSetting } from './raw';
import type { PrincipalRef, RoleAssignment, RoleRef, ScopeKind, Setting } from '../types';
import { UNKNOWN } from '../types';

/** A list attribute of string literals, or undefined when any element is an expression. */
function literalList(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) return undefined;
  const out: string[] = [];
  for (const item of value) {
    const text = literal(item);
    if (text === undefined) return undefined;
    out.push(text);
  }
  return out;
}

/** A custom role of the input (`azurerm_role_definition`) from its permission blocks. */
function definitionRoleRef(definition: RawResource): RoleRef {
  const collector = new PermissionsCollector();
  for (const block of blocks(definition.values.permissions))
    collector.add(
      literalList(block.actions),
      literalList(block.not_actions),
      literalList(block.data_actions),
      literalList(block.not_data_actions),
    );
  return customRoleRef(stringSetting(definition.values.name, ''), collector.permissions);
}

/** The GUID at the end of a role definition ID, when that part is literal (`${...}/roleDefinitions/<guid>`). */
function trailingRoleGuid(value: string): string | undefined {
  const match = /\/roleDefinitions\/([0-9a-fA-F-]{36})$/.exec(value);
  return match && !match[1].includes('${') ? match[1] : undefined;
}

/** Roles already resolved by name within one input: thousands of assignments name the same few roles. */
type RolesByName = Map<string, RoleRef>;

function roleByName(index: ResourceIndex, name: string, roles: RolesByName): RoleRef {
  // Written out rather than through entryOf: a closure per role assignment adds up.
  let role = roles.get(name);
  if (role === undefined) {
    role = roleOfName(index, name);
    roles.set(name, role);
  }
  return role;
}

function roleOfName(index: ResourceIndex, name: string): RoleRef {
  const builtIn = builtInRoleByName(name);
  if (builtIn) return builtInRoleRef(builtIn);
  const custom = index
    .ofType('azurerm_role_definition')
    .find((d) => literal(d.values.name)?.toLowerCase() === name.toLowerCase());
  return custom ? definitionRoleRef(custom) : unknownRoleRef(name, UNKNOWN);
}

/**
 * The last reference of a role definition ID written as a scope then a definition, all references:
 * `${data.azurerm_subscription.primary.id}${data.azurerm_role_definition.contributor.id}` (azurerm's
 * older role assignment examples: the data source's unscoped ID after the subscription's). The role is
 * the definition's; undefined for anything else.
 */
function definitionAfterScope(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^(?:\$\{[^{}]+\})+?(\$\{data\.azurerm_role_definition\.[^{}]+\})$/.exec(value);
  return match?.[1];
}

/** The role of an `azurerm_role_assignment` (`roles`: those resolved by name so far, shared). */
function terraformRoleOf(index: ResourceIndex, r: RawResource, roles: RolesByName): RoleRef {
  const nameValue = r.values.role_definition_name;
  const name = literal(nameValue);
  if (name) return roleByName(index, name, roles);
  const namedBy = index.referenced(nameValue);
  if (namedBy?.type === 'azurerm_role_definition') {
    const referencedName = literal(namedBy.values.name);
    if (namedBy.mode === 'data' && referencedName) return roleByName(index, referencedName, roles);
    if (namedBy.mode === 'managed') return definitionRoleRef(namedBy);
  }
  const idValue = r.values.role_definition_id;
  const definition = index.referenced(idValue) ?? index.referenced(definitionAfterScope(idValue));
  if (definition?.type === 'azurerm_role_definition') {
    if (definition.mode === 'managed') return definitionRoleRef(definition);
    // A data source names a role by name or by its ID.
    const byName = literal(definition.values.name);
    if (byName) return roleByName(index, byName, roles);
    const byId = literal(definition.values.role_definition_id);
    const builtIn = byId ? builtInRoleById(byId) : undefined;
    if (builtIn) return builtInRoleRef(builtIn, UNKNOWN);
  }
  const id = typeof idValue === 'string' ? idValue : undefined;
  const guid = id === undefined ? undefined : (literal(id) ?? trailingRoleGuid(id));
  const builtIn = guid === undefined ? undefined : builtInRoleById(guid);
  if (builtIn) return builtInRoleRef(builtIn, stringSetting(idValue, ''));
  // The name's UNKNOWN keeps its reason (a variable without a value) for the messages.
  if (name === undefined && nameValue !== undefined)
    return unknownRoleRef(stringSetting(nameValue, ''), UNKNOWN);
  return unknownRoleRef(UNKNOWN, idValue === undefined ? UNKNOWN : stringSetting(idValue, ''));
}

/**
 * Principals already built within one input, by type (undefined: none given) and literal ID: the
 * grants of one principal (an application's pull on each of a thousand registries) share one.
 */
type PrincipalsById = Map<string | undefined, Map<string, PrincipalRef>>;

function principalOf(index: ResourceIndex, r: RawResource, principals: PrincipalsById): PrincipalRef {
  const value = r.values.principal_id;
  const type = stringSetting(r.values.principal_type);
  if (
    typeof value === 'string' &&
    !value.includes('${') &&
    (type === undefined || typeof type === 'string')
  ) {
    // Written out rather than through entryOf: two closures per role assignment add up.
    let byId = principals.get(type);
    if (byId === undefined) {
      byId = new Map();
      principals.set(type, byId);
    }
    let principal = byId.get(value);
    if (principal === undefined) {
      principal = type === undefined ? { id: value } : { type, id: value };
      byId.set(value, principal);
    }
    return principal;
  }
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

/** Where an assignment's scope points. */
interface ScopeTarget {
  readonly kind?: ScopeKind;
  readonly registries?: RegistryTarget | undefined;
  readonly resourceGroup?: Setting<string> | undefined;
}

const SUBSCRIPTION = /^\/subscriptions\/[^/]+\/?$/i;
const RESOURCE_GROUP = /^\/subscriptions\/[^/]+\/resourceGroups\/([^/]+)\/?$/i;
const MANAGEMENT_GROUP = /^\/providers\/Microsoft\.Management\/managementGroups\/[^/]+\/?$/i;
/** The tenant root scope (Microsoft Learn, "Elevate access to manage all Azure subscriptions"). */
const ROOT_SCOPE = '/';
const SUBSCRIPTION_TYPES = new Set(['azurerm_subscription', 'azurerm_client_config']);

/**
 * The scope of an assignment: the kind, the managed registries it covers, the resource group name.
 * Undefined for a scope that is clearly something else (a storage account, a key vault).
 */
function scopeOf(index: ResourceIndex, value: unknown): ScopeTarget | undefined {
  const registry = index.registryFromId(value);
  if (registry) return { kind: 'registry', registries: registry };
  const covered = index.registriesInScope(value);
  const ref = parseReference(value);
  if (ref) {
    const target = index.lookup(ref);
    if (target?.type === 'azurerm_resource_group')
      return {
        kind: 'resourceGroup',
        registries: covered,
        resourceGroup: stringSetting(target.values.name, ''),
      };
    if (target && SUBSCRIPTION_TYPES.has(target.type)) return { kind: 'subscription', registries: covered };
    if (target?.type === 'azurerm_management_group')
      return { kind: 'managementGroup', registries: index.allRegistries() };
    // Another resource of the input (a key vault, a storage account): not a registry scope.
    if (target) return undefined;
    return {};
  }
  if (typeof value !== 'string') return value === undefined ? undefined : {};
  if (value.includes('${'))
    return /\/providers\/(?!Microsoft\.ContainerRegistry)/i.test(value) ? undefined : {};
  if (SUBSCRIPTION.test(value)) return { kind: 'subscription', registries: covered };
  // The root scope `/` is above every management group: it covers every registry of the tenant.
  if (value === ROOT_SCOPE) return { kind: 'root', registries: index.allRegistries() };
  const group = RESOURCE_GROUP.exec(value);
  if (group) return { kind: 'resourceGroup', registries: covered, resourceGroup: group[1] };
  // The management group hierarchy is not in the input: a management group is taken to hold the
  // subscription of every registry, as a subscription scope is.
  if (MANAGEMENT_GROUP.test(value)) return { kind: 'managementGroup', registries: index.allRegistries() };
  return undefined;
}

/**
 * Scopes already worked out within one input, by their text (null: clearly not a registry scope):
 * thousands of assignments share the scope of each registry.
 */
type ScopesByText = Map<string, ScopeTarget | null>;

/** `scopeOf` once per scope text. */
function scopeFor(index: ResourceIndex, value: unknown, scopes: ScopesByText): ScopeTarget | undefined {
  if (typeof value !== 'string') return scopeOf(index, value);
  let scope = scopes.get(value);
  if (scope === undefined) {
    scope = scopeOf(index, value) ?? null;
    scopes.set(value, scope);
  }
  return scope ?? undefined;
}

/**
 * One grant: a literal with its keys in report order (spreads are slow for thousands of grants), built
 * by a function rather than a closure per role assignment.
 */
function grantOf(
  r: RawResource,
  file: string,
  role: RoleRef,
  principal: PrincipalRef,
  registryName: Setting<string>,
  scope: ScopeTarget,
): RoleAssignment {
  const description = literal(r.values.description);
  // The usual grant (a scope kind, no description) in one literal: a key added to a literal later
  // goes to a second, out-of-object store, one more object per grant.
  const out: { -readonly [K in keyof RoleAssignment]: RoleAssignment[K] } =
    scope.kind && !description
      ? { source: sourceOf(r, file), role, principal, registryName, scopeKind: scope.kind }
      : { source: sourceOf(r, file), role, principal, registryName };
  if (description) out.description = description;
  if (scope.kind && description) out.scopeKind = scope.kind;
  if (scope.resourceGroup !== undefined) out.scopeResourceGroup = scope.resourceGroup;
  const condition = r.values.condition;
  if (condition !== undefined && condition !== null && condition !== '')
    out.condition = stringSetting(condition, '');
  return out;
}

/** Where an input's grants go: the lists of its registries, the external ones, the detached ones. */
interface GrantLists {
  readonly attached: AttachedLists;
  readonly external: RoleAssignment[];
  readonly detached: Detached[] | undefined;
  readonly roles: RolesByName;
  readonly principals: PrincipalsById;
  readonly scopes: ScopesByText;
}

/** Attaches one role assignment (a function of its own: it runs thousands of times per input). */
function attachRoleAssignment(index: ResourceIndex, file: string, r: RawResource, to: GrantLists): void {
  const scope = scopeFor(index, r.values.scope, to.scopes);
  const role = terraformRoleOf(index, r, to.roles);
  const principal = principalOf(index, r, to.principals);
  const target = scope?.registries;
  // Not attached here: registry-links.ts decides whether it is undecided (a copy, so the external
  // list below keeps its own entry for the push gate).
  if (!target)
    to.detached?.push({
      kind: 'roleAssignments',
      item: grantOf(r, file, role, principal, UNKNOWN, scope ?? {}),
      target: undefined,
    });
  if (!scope) return;
  if (target?.kind === 'managed') {
    for (const { registry, lists } of to.attached.of(target)) {
      const name = stringSetting(registry?.values.name, '');
      lists.roleAssignments.push(grantOf(r, file, role, principal, name, scope));
    }
    // A scope above registries may also cover registries of other inputs.
    if (scope.kind === 'registry') return;
  }
  if (target?.kind === 'external') to.external.push(grantOf(r, file, role, principal, target.name, scope));
  else if (scope.kind !== 'registry' && (scope.kind !== undefined || mayPush(role)))
    to.external.push(grantOf(r, file, role, principal, UNKNOWN, scope));
}

/**
 * Attaches every `azurerm_role_assignment` to the managed registries its scope covers; grants on other
 * registries (by name or ID), at scopes above registries outside the input, or at an unresolvable
 * scope (only when they may push) go to `external`.
 */
export function attachRoleAssignments(
  index: ResourceIndex,
  file: string,
  attached: AttachedLists,
  external: RoleAssignment[],
  detached?: Detached[],
): void {
  const to: GrantLists = {
    attached,
    external,
    detached,
    roles: new Map(),
    principals: new Map(),
    scopes: new Map(),
  };
  const assignments = index.ofType('azurerm_role_assignment');
  // Indexed: this loop runs once per input, unoptimized, where a for...of makes an iterator result per grant.
  for (let i = 0; i < assignments.length; i += 1) attachRoleAssignment(index, file, assignments[i], to);
}
