/**
 * Role assignments of a Pulumi stack (azure-native `authorization.RoleAssignment`): the role (a
 * built-in role of the directory by definition ID, a custom `RoleDefinition` by its permissions, or
 * unknown), the scope (registry, resource group, subscription, management group) and the condition.
 * The azure-native twin of terraform-resources/role-assignments.ts.
 */
import { builtInRoleById, builtInRoleByName } from '../../../constructs/model/role-directory';
import { PermissionsCollector, builtInRoleRef, customRoleRef, mayPush, unknownRoleRef } from '../role-refs';
import type { PulumiResourceRecord } from './build';
import type { PulumiIndex, PulumiTarget } from './values';
import type { PulumiUnattached } from './unattached';
import { PULUMI_TYPES as T, listOf, literal, plain, pulumiSourceOf, recordOf, stringOf } from './values';
import type { Attachments, PrincipalRef, RoleAssignment, RoleRef, ScopeKind, Setting } from '../types';
import { UNKNOWN } from '../types';

function literalList(value: unknown): string[] | undefined {
  const list = listOf(value);
  if (list === undefined) return plain(value) === undefined ? [] : undefined;
  const out: string[] = [];
  for (const item of list) {
    const text = literal(item);
    if (text === undefined) return undefined;
    out.push(text);
  }
  return out;
}

/** A custom role of the stack (`authorization.RoleDefinition`) from its permissions. */
function definitionRoleRef(definition: PulumiResourceRecord): RoleRef {
  const collector = new PermissionsCollector();
  for (const p of listOf(definition.inputs.permissions) ?? []) {
    const permission = recordOf(p);
    collector.add(
      literalList(permission?.actions),
      literalList(permission?.notActions),
      literalList(permission?.dataActions),
      literalList(permission?.notDataActions),
    );
  }
  return customRoleRef(stringOf(definition.inputs.roleName, ''), collector.permissions);
}

/**
 * The role a classic assignment names by `roleDefinitionName` (azurerm's `role_definition_name`,
 * which excludes `roleDefinitionId`): a built-in role of the directory, else a custom role of the
 * stack of that name (or the one the name is taken from); unknown, with the name, for any other.
 */
function roleByName(index: PulumiIndex, r: PulumiResourceRecord): RoleRef {
  const definition = index.dependencies(r, 'roleDefinitionName', T.roleDefinition)[0];
  if (definition) return definitionRoleRef(definition);
  const name = literal(r.inputs.roleDefinitionName);
  if (name === undefined) return unknownRoleRef(stringOf(r.inputs.roleDefinitionName), UNKNOWN);
  const builtIn = builtInRoleByName(name);
  if (builtIn) return builtInRoleRef(builtIn);
  const custom = index
    .ofType(T.roleDefinition)
    .find((d) => literal(d.inputs.roleName)?.toLowerCase() === name.toLowerCase());
  return custom ? definitionRoleRef(custom) : unknownRoleRef(name, UNKNOWN);
}

/** The role of a role assignment. */
export function pulumiRoleOf(index: PulumiIndex, r: PulumiResourceRecord): RoleRef {
  if (r.inputs.roleDefinitionName !== undefined) return roleByName(index, r);
  const definition = index.dependencies(r, 'roleDefinitionId', T.roleDefinition)[0];
  if (definition) return definitionRoleRef(definition);
  const id = literal(r.inputs.roleDefinitionId);
  const builtIn = id ? builtInRoleById(id) : undefined;
  if (builtIn) return builtInRoleRef(builtIn, id);
  // A custom role of this stack addressed by its literal ID.
  const custom = id
    ? index.ofType(T.roleDefinition).find((d) => {
        const guid = literal(d.inputs.roleDefinitionId);
        return guid !== undefined && id.toLowerCase().endsWith(`/${guid.toLowerCase()}`);
      })
    : undefined;
  if (custom) return definitionRoleRef(custom);
  // Some programs spell a built-in role by name at the end of the ID; Azure rejects that, but the role is clear.
  const byName = id ? builtInRoleByName(id.split('/').pop() ?? '') : undefined;
  if (byName) return builtInRoleRef(byName, id);
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

const SUBSCRIPTION = /^\/subscriptions\/[^/]+\/?$/i;
const RESOURCE_GROUP = /^\/subscriptions\/[^/]+\/resourceGroups\/([^/]+)\/?$/i;
const MANAGEMENT_GROUP = /^\/providers\/Microsoft\.Management\/managementGroups\/[^/]+\/?$/i;

/** The scope of an assignment; undefined for a scope that is clearly another kind of resource. */
function scopeOf(
  index: PulumiIndex,
  r: PulumiResourceRecord,
):
  | { kind?: ScopeKind; registries?: PulumiTarget | undefined; resourceGroup?: Setting<string> | undefined }
  | undefined {
  const registry = index.registryFromId(r, 'scope');
  if (registry) return { kind: 'registry', registries: registry };
  const covered = index.registriesInScope(r, 'scope');
  const scope = literal(r.inputs.scope);
  if (scope !== undefined) {
    if (SUBSCRIPTION.test(scope)) return { kind: 'subscription', registries: covered };
    const group = RESOURCE_GROUP.exec(scope);
    if (group) return { kind: 'resourceGroup', registries: covered, resourceGroup: group[1] };
    // The management group hierarchy is not in the stack: taken to hold every registry, as a
    // subscription. The root scope `/` is above every management group.
    const above = MANAGEMENT_GROUP.test(scope) ? 'managementGroup' : scope === '/' ? 'root' : undefined;
    if (above)
      return {
        kind: above,
        registries:
          index.registries.length > 0
            ? { kind: 'managed', urns: index.registries.map((x) => x.urn) }
            : undefined,
      };
    return undefined;
  }
  const group = index.dependencies(r, 'scope', 'azure-native:resources:ResourceGroup')[0];
  if (group) {
    const name = literal(group.inputs.resourceGroupName);
    return {
      kind: 'resourceGroup',
      registries: index.inGroup({ name: name?.toLowerCase(), via: [group] }),
      resourceGroup: name ?? UNKNOWN,
    };
  }
  // An unknown scope that depends on another resource of the stack (a key vault): not a registry.
  return index.dependencies(r, 'scope').length > 0 ? undefined : {};
}

/** Attaches every role assignment to the registries it covers; the rest (see the Terraform twin) to `external`. */
export function attachPulumiRoleAssignments(
  index: PulumiIndex,
  file: string,
  attached: ReadonlyMap<string, Attachments>,
  external: RoleAssignment[],
  unattached: PulumiUnattached,
): void {
  for (const r of index.ofType(T.roleAssignment)) {
    const scope = scopeOf(index, r);
    if (!scope) continue;
    const description = literal(r.inputs.description);
    const condition = plain(r.inputs.condition);
    const base = {
      source: pulumiSourceOf(index, r, file),
      role: pulumiRoleOf(index, r),
      principal: principalOf(index, r),
      ...(description && { description }),
      ...(scope.kind && { scopeKind: scope.kind }),
      ...(scope.resourceGroup !== undefined && { scopeResourceGroup: scope.resourceGroup }),
      ...(condition !== undefined &&
        condition !== null &&
        condition !== '' && { condition: stringOf(condition) }),
    };
    const target = scope.registries;
    if (target?.kind === 'managed') {
      for (const urn of target.urns)
        attached.get(urn)?.roleAssignments.push({
          ...base,
          registryName: stringOf(index.byUrn.get(urn)?.inputs.registryName),
        });
      if (scope.kind === 'registry') continue;
    }
    // A scope known only after apply that depends on nothing of the stack: it may be any registry.
    if (scope.kind === undefined)
      unattached.note('roleAssignments', { ...base, registryName: UNKNOWN }, r, 'scope', 'id', target);
    if (target?.kind === 'external') external.push({ ...base, registryName: target.name });
    else if (scope.kind !== 'registry' && (scope.kind !== undefined || mayPush(base.role)))
      external.push({ ...base, registryName: UNKNOWN });
  }
}
