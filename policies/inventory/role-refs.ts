/**
 * Role references both adapter families build the same way: a built-in role of the directory, a custom
 * role from its permissions, a role nobody can identify.
 */
import type {
  BuiltInRoleDefinition,
  RoleAbilities,
  RoleAssignmentMode,
  RolePermissions,
} from '../../constructs/model/role-directory';
import {
  abilitiesFromPermissionSets,
  abilitiesFromPermissions,
  isRoleAssignmentMode,
  pushPathsOf,
} from '../../constructs/model/role-directory';
import type { RoleRef, Setting } from './types';
import { UNKNOWN, isUnknown } from './types';

/** What permissions allow in each mode. */
function byMode(permissions: RolePermissions): Record<RoleAssignmentMode, RoleAbilities> {
  return {
    LegacyRegistryPermissions: abilitiesFromPermissions(permissions, 'LegacyRegistryPermissions'),
    AbacRepositoryPermissions: abilitiesFromPermissions(permissions, 'AbacRepositoryPermissions'),
  };
}

const BUILT_IN_MODES = new Map<string, Record<RoleAssignmentMode, RoleAbilities>>();

/** A built-in role as a RoleRef (canonical name, its GUID, its abilities in any mode and per mode). */
export function builtInRoleRef(role: BuiltInRoleDefinition, definitionId?: Setting<string>): RoleRef {
  let modeAbilities = BUILT_IN_MODES.get(role.id);
  if (!modeAbilities) {
    modeAbilities = byMode(role.permissions);
    BUILT_IN_MODES.set(role.id, modeAbilities);
  }
  return definitionId === undefined
    ? { name: role.name, builtInId: role.id, actions: [], abilities: role.abilities, modeAbilities }
    : {
        name: role.name,
        definitionId,
        builtInId: role.id,
        actions: [],
        abilities: role.abilities,
        modeAbilities,
      };
}

/**
 * What a role lets its principal do on a registry in `mode`: the mode's abilities when both are known,
 * else what any mode allows (UNKNOWN for an unknown role).
 */
export function effectiveAbilities(role: RoleRef, mode: Setting<string>): Setting<RoleAbilities> {
  if (isUnknown(role.abilities)) return UNKNOWN;
  return !isUnknown(mode) && isRoleAssignmentMode(mode) && role.modeAbilities
    ? role.modeAbilities[mode]
    : role.abilities;
}

/** A role the checker cannot identify: its abilities are unknown. */
export function unknownRoleRef(name: Setting<string>, definitionId: Setting<string>): RoleRef {
  return { name, definitionId, actions: [], abilities: UNKNOWN };
}

/**
 * A custom role of the input from its permission objects, each evaluated on its own; `permissions`
 * undefined when some of them are not literals.
 */
export function customRoleRef(
  name: Setting<string>,
  permissions: readonly RolePermissions[] | undefined,
): RoleRef {
  if (!permissions) return unknownRoleRef(name, UNKNOWN);
  return {
    name,
    definitionId: UNKNOWN,
    actions: permissions.flatMap((p) => [...p.actions, ...(p.dataActions ?? [])]),
    abilities: abilitiesFromPermissionSets(permissions),
    modeAbilities: {
      LegacyRegistryPermissions: abilitiesFromPermissionSets(permissions, 'LegacyRegistryPermissions'),
      AbacRepositoryPermissions: abilitiesFromPermissionSets(permissions, 'AbacRepositoryPermissions'),
    },
  };
}

/**
 * Collects permission objects; a part that is not a list of literals makes the whole undefined. The
 * objects stay apart: one object's NotActions never subtract from another's Actions.
 */
export class PermissionsCollector {
  private readonly blocks: RolePermissions[] = [];
  private readable = true;

  /** Adds one permissions block (each part: literals, or undefined when unreadable). */
  add(
    actions: string[] | undefined,
    notActions: string[] | undefined,
    dataActions: string[] | undefined,
    notDataActions: string[] | undefined,
  ): void {
    if (!actions || !notActions || !dataActions || !notDataActions) {
      this.readable = false;
      return;
    }
    this.blocks.push({ actions, notActions, dataActions, notDataActions });
  }

  /** The permission objects, or undefined when one could not be read. */
  get permissions(): readonly RolePermissions[] | undefined {
    return this.readable ? this.blocks : undefined;
  }
}

/** True when a grant may open a way to push (or nobody can tell what it allows). */
export function mayPush(role: RoleRef): boolean {
  return isUnknown(role.abilities) || pushPathsOf(role.abilities).length > 0;
}
