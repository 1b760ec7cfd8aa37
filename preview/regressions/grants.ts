/**
 * Role assignments and role definitions: the quarantine release grant removed, a promotion hop
 * removed (its import grant or importer role deleted), a push-capable grant added to a promotion
 * target. Roles are read from the role directory, custom roles by their actions.
 */
import type { RoleAbilities, RolePermissions } from '../../constructs/model/role-directory';
import {
  abilitiesFromPermissionSets,
  abilitiesFromPermissions,
  builtInRoleById,
  builtInRoleByName,
  pushPathsOf,
} from '../../constructs/model/role-directory';
import {
  CUSTOM_IMPORTER_ACTIONS,
  CUSTOM_IMPORTER_ROLE,
  IMPORT_IMAGE_ACTION,
} from '../../constructs/model/roles';
import type { JsonObject, ResourceChange } from '../changes';
import { isObject } from '../changes';
import { classicInputOf } from '../../constructs/model/pulumi-classic-types';
import { GENERIC_ARM_TYPES } from '../../constructs/model/removal-kinds';
import { REDACTED } from '../../policies/redact';
import { isUnder } from '../paths';
import { kindOf, propertiesOf } from '../resource-kinds';
import type { Context } from './context';
import { existsAfter, existsBefore } from './context';
import type { Regression } from './types';

/** What a role assignment's role lets its principal do, or undefined when it cannot be read. */
function abilitiesOf(
  values: JsonObject | undefined,
  context: Context,
  references?: ResourceChange['references'],
): RoleAbilities | undefined {
  const role = roleName(values);
  if (role !== undefined) {
    const builtIn = builtInRoleByName(role);
    if (builtIn) return builtIn.abilities;
    // The toolkit's custom importer role is named per registry (`importerRoleName`).
    if (role.startsWith(`${CUSTOM_IMPORTER_ROLE}-`))
      return abilitiesFromPermissions({ actions: CUSTOM_IMPORTER_ACTIONS });
  }
  const definition = referencedDefinition(values, context, references);
  const permissions = definition ? definitionPermissions(definition) : undefined;
  return permissions ? abilitiesFromPermissionSets(permissions) : undefined;
}

/**
 * The values of a role assignment or definition as azurerm and azure-native write them: an azapi
 * resource's `body.properties` (Microsoft.Authorization/roleAssignments, roleDefinitions); undefined
 * when that body cannot be read.
 */
function authorizationValues(type: string, values: JsonObject | undefined): JsonObject | undefined {
  const properties = propertiesOf(type, values);
  return properties === 'unknown' ? undefined : (properties as JsonObject | undefined);
}

/** The attributes that name a role assignment's role: azurerm's, the classic provider's, ARM's. */
const ROLE_NAME_KEYS = ['role_definition_name', classicInputOf('role_definition_name')];
const ROLE_ID_KEYS = ['role_definition_id', 'roleDefinitionId'];

function roleName(values: JsonObject | undefined): string | undefined {
  const byName = values?.role_definition_name ?? values?.[classicInputOf('role_definition_name')];
  if (typeof byName === 'string') return byName;
  const byId = values?.role_definition_id ?? values?.roleDefinitionId;
  return typeof byId === 'string' ? builtInRoleById(byId)?.name : undefined;
}

/** The role definition change a role assignment refers to (`${azurerm_role_definition.x.…}`). */
function referencedDefinition(
  values: JsonObject | undefined,
  context: Context,
  references?: ResourceChange['references'],
): JsonObject | undefined {
  const id = values?.role_definition_id ?? values?.roleDefinitionId;
  // Known only after apply: the role definition the configuration references, when the plan says.
  const followed = references?.role_definition_id ?? references?.roleDefinitionId;
  const reference =
    typeof id === 'string' ? /\$\{(azurerm_role_definition\.[A-Za-z0-9_-]+)\./.exec(id)?.[1] : followed;
  const change = reference ? context.byAddress.get(reference) : undefined;
  if (change && kindOf(change.type, change.after ?? change.before) !== 'role-definition') return undefined;
  return change?.after ?? change?.before;
}

/**
 * The permission objects of a role definition's values (azurerm `permissions` blocks, azure-native and
 * ARM `permissions`), each kept apart: ARM subtracts an object's NotActions from its own Actions only.
 */
function definitionPermissions(values: JsonObject): RolePermissions[] | undefined {
  const permissions = values.permissions;
  const blocks = (
    Array.isArray(permissions) ? permissions : isObject(permissions) ? [permissions] : []
  ).filter(isObject);
  if (blocks.length === 0) return undefined;
  return blocks.map((block) => {
    const list = (...keys: string[]): string[] =>
      keys.flatMap((key) => {
        const value = block[key];
        return Array.isArray(value) ? value.filter((a): a is string => typeof a === 'string') : [];
      });
    return {
      actions: list('actions'),
      notActions: list('not_actions', 'notActions'),
      dataActions: list('data_actions', 'dataActions'),
      notDataActions: list('not_data_actions', 'notDataActions'),
    };
  });
}

/**
 * True when the role a role assignment grants after the change cannot be read: its azapi body is
 * unreadable, or its role name or ID is known only after apply, redacted, or a reference the change
 * set does not resolve.
 */
function roleUnreadable(resource: ResourceChange, values: JsonObject | undefined): boolean {
  if (values === undefined) return true;
  const prefix = GENERIC_ARM_TYPES.has(resource.type) ? 'body.properties' : '';
  const keys = [...ROLE_NAME_KEYS, ...ROLE_ID_KEYS];
  const unknown = keys.some((key) => {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    return resource.unknownAfter.some((u) => isUnder(path, u) || isUnder(u, path));
  });
  if (unknown) return true;
  const given = keys.map((key) => values[key]).filter((v) => v !== undefined && v !== null);
  return given.some((v) => typeof v !== 'string' || v === REDACTED || v.includes('${'));
}

export function grantRegressions(resource: ResourceChange, context: Context): Regression[] {
  if (kindOf(resource.type, resource.after ?? resource.before) !== 'role-assignment') return [];
  const out: Regression[] = [];
  const was = authorizationValues(resource.type, resource.before);
  const is = authorizationValues(resource.type, resource.after);
  const before = existsBefore(resource) ? abilitiesOf(was, context) : undefined;
  const after = existsAfter(resource) ? abilitiesOf(is, context, resource.references) : undefined;
  const role = (values: JsonObject | undefined): string =>
    roleName(values) ?? (typeof values?.role_definition_id === 'string' ? 'custom role' : 'role');
  if (resource.action === 'delete' && roleName(was) === 'AcrQuarantineWriter') {
    out.push({
      kind: 'quarantine-weakened',
      severity: 'high',
      message: 'release grant removed (AcrQuarantineWriter)',
      before: 'AcrQuarantineWriter',
      after: '(removed)',
      why: 'the scanner can no longer release quarantined images: new images stay unpullable or quarantine gets turned off',
    });
  }
  if (resource.action === 'delete' && before?.import) {
    out.push({
      kind: 'promotion-weakened',
      severity: 'high',
      message: 'promotion hop removed (import grant deleted)',
      before: role(was),
      after: '(removed)',
      why: 'images can no longer be promoted into this environment by import from the one before it',
    });
  }
  const pushes = (abilities: RoleAbilities | undefined): boolean =>
    abilities !== undefined && pushPathsOf(abilities).length > 0;
  const grants =
    resource.action === 'create' || resource.action === 'replace' || resource.action === 'update';
  if (
    context.target &&
    grants &&
    existsAfter(resource) &&
    after === undefined &&
    !pushes(before) &&
    roleUnreadable(resource, is)
  ) {
    out.push({
      kind: 'promotion-weakened',
      severity: 'critical',
      message: 'grant added to a promotion target whose role cannot be read: it may be push-capable',
      ...(before ? { before: role(was) } : {}),
      after: 'unknown role',
      why: 'if its role can push, images can be pushed straight into this environment, skipping promotion and its checks',
    });
  }
  if (context.target && pushes(after) && !pushes(before)) {
    out.push({
      kind: 'promotion-weakened',
      severity: 'critical',
      message: 'push-capable grant added to a promotion target',
      ...(before ? { before: role(was) } : {}),
      after: role(is),
      why: 'images can be pushed straight into this environment, skipping promotion and its checks',
    });
  }
  return out;
}

export function roleDefinitionRegressions(resource: ResourceChange): Regression[] {
  if (kindOf(resource.type, resource.before) !== 'role-definition' || resource.action !== 'delete') return [];
  const was = authorizationValues(resource.type, resource.before);
  const permissions = was ? definitionPermissions(was) : undefined;
  const imports = (p: RolePermissions): boolean =>
    p.actions.some((a) => a.toLowerCase() === IMPORT_IMAGE_ACTION.toLowerCase());
  if (!permissions?.some(imports)) return [];
  const name = was?.name ?? was?.roleName;
  return [
    {
      kind: 'promotion-weakened',
      severity: 'high',
      message: 'promotion hop removed (importer role deleted)',
      before: typeof name === 'string' ? name : 'importer role',
      after: '(removed)',
      why: 'the promotion identity can no longer import images into this environment',
    },
  ];
}
