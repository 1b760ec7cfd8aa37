/**
 * What a principal can do with a registry: the role assignment permissions modes, the abilities
 * (pull, push, import, configure, ...), the permissions behind each ability in each mode, and the
 * abilities that a set of permissions gives. Built-in roles (role-directory.ts) and custom roles are
 * judged by the same function.
 *
 * Sources: see role-directory.ts (Microsoft Learn "Azure permissions for Containers", "Azure Container
 * Registry roles directory reference", "Microsoft Entra ABAC for repository permissions").
 */
/** The registry's role assignment permissions mode (ARM `properties.roleAssignmentMode`). */
export const ROLE_ASSIGNMENT_MODES = ['LegacyRegistryPermissions', 'AbacRepositoryPermissions'] as const;

/** A role assignment permissions mode. */
export type RoleAssignmentMode = (typeof ROLE_ASSIGNMENT_MODES)[number];

/**
 * The mode of a registry that does not set one: "RBAC Registry Permissions". Microsoft Learn (ABAC
 * repository permissions) says ABAC "will become the default ... in the future"; until then a
 * registry created without the property is in the legacy mode.
 */
export const DEFAULT_ROLE_ASSIGNMENT_MODE: RoleAssignmentMode = 'LegacyRegistryPermissions';

/** True when `value` is a role assignment mode. */
export function isRoleAssignmentMode(value: unknown): value is RoleAssignmentMode {
  return typeof value === 'string' && (ROLE_ASSIGNMENT_MODES as readonly string[]).includes(value);
}

/** What a principal can do with a registry. */
export const ABILITIES = [
  /** Pull images. */
  'pull',
  /** Push images (and Notation signatures, which are pushed OCI referrers). */
  'push',
  /** Delete images and tags. */
  'delete',
  /** Run `az acr import` into the registry (the import action). */
  'import',
  /** Read the registry's control plane (`registries/read`), which `az acr import` needs first. */
  'readRegistry',
  /** Sign with Docker Content Trust. */
  'sign',
  /** Read quarantined images. */
  'quarantineRead',
  /** Change the quarantine state (release images). */
  'quarantineWrite',
  /** Create tasks or start runs; a task runs with push rights on its registry. */
  'runTasks',
  /** Change the registry and its data access: admin user, tokens, scope maps, the permission mode. */
  'configure',
  /** Bring content in past promotion: import pipelines, artifact cache rules, connected registries. */
  'ingest',
  /** Assign roles (and so grant itself any of the above). */
  'assignRoles',
  /** List the repositories of the registry. */
  'listCatalog',
] as const;

/** One ability. */
export type Ability = (typeof ABILITIES)[number];

/** What a role lets its principal do, ability by ability. */
export type RoleAbilities = Readonly<Record<Ability, boolean>>;

/** One permission object of a role definition (ARM `permissions[]` holds one or more). */
export interface RolePermissions {
  readonly actions: readonly string[];
  readonly notActions?: readonly string[];
  readonly dataActions?: readonly string[];
  readonly notDataActions?: readonly string[];
}

/**
 * The namespace of a registry's operations (Microsoft Learn "Azure permissions for Containers"):
 * `Microsoft.ContainerRegistry/registries/pull/read`, `.../repositories/content/write`, ...
 */
export const REGISTRY_OPERATIONS = 'Microsoft.ContainerRegistry/registries';

const ACR = REGISTRY_OPERATIONS;

/** The permission that gives an ability, and the mode that honors it (both when absent). */
interface AbilityPermission {
  readonly permission: string;
  readonly plane: 'action' | 'data';
  readonly only?: RoleAssignmentMode;
}

const legacy = (permission: string): AbilityPermission => ({
  permission,
  plane: 'action',
  only: 'LegacyRegistryPermissions',
});
const abac = (permission: string): AbilityPermission => ({
  permission,
  plane: 'data',
  only: 'AbacRepositoryPermissions',
});
const action = (permission: string): AbilityPermission => ({ permission, plane: 'action' });
const data = (permission: string): AbilityPermission => ({ permission, plane: 'data' });

/**
 * The permissions behind each ability (the operations of Microsoft.ContainerRegistry, Microsoft Learn
 * "Azure permissions for Containers"). The legacy data-plane actions (`pull/read`, `push/write`, ...)
 * count only in the legacy mode, the repository data actions only in the ABAC mode.
 * `listCredentials/action` is left out of `configure`: it only reveals the admin password, which is
 * useless while the admin user is off (ACR-001); turning it on needs `registries/write`, which counts.
 */
export const ABILITY_PERMISSIONS: Readonly<Record<Ability, readonly AbilityPermission[]>> = {
  pull: [legacy(`${ACR}/pull/read`), abac(`${ACR}/repositories/content/read`)],
  push: [legacy(`${ACR}/push/write`), abac(`${ACR}/repositories/content/write`)],
  delete: [legacy(`${ACR}/artifacts/delete`), abac(`${ACR}/repositories/content/delete`)],
  import: [action(`${ACR}/importImage/action`)],
  readRegistry: [action(`${ACR}/read`)],
  sign: [
    legacy(`${ACR}/sign/write`),
    { ...data(`${ACR}/trustedCollections/write`), only: 'LegacyRegistryPermissions' },
  ],
  // ABAC mode: Owner and Contributor keep no data plane, quarantine included; the AcrQuarantine roles
  // carry the data actions too, which is why they are honored there.
  quarantineRead: [legacy(`${ACR}/quarantine/read`), data(`${ACR}/quarantinedArtifacts/read`)],
  quarantineWrite: [legacy(`${ACR}/quarantine/write`), data(`${ACR}/quarantinedArtifacts/write`)],
  runTasks: [
    action(`${ACR}/tasks/write`),
    action(`${ACR}/scheduleRun/action`),
    action(`${ACR}/taskruns/write`),
  ],
  configure: [
    action(`${ACR}/write`),
    action(`${ACR}/tokens/write`),
    action(`${ACR}/scopeMaps/write`),
    action(`${ACR}/generateCredentials/action`),
  ],
  ingest: [
    action(`${ACR}/importPipelines/write`),
    action(`${ACR}/pipelineRuns/write`),
    action(`${ACR}/cacheRules/write`),
    // A connected registry in ReadWrite mode syncs what clients push to it into its registry (ingest.ts).
    action(`${ACR}/connectedRegistries/write`),
  ],
  assignRoles: [action('Microsoft.Authorization/roleAssignments/write')],
  listCatalog: [legacy(`${ACR}/pull/read`), data(`${ACR}/catalog/read`)],
};

/** The abilities through which a principal can put an image into a registry without promotion. */
export const PUSH_PATHS = [
  'push',
  'runTasks',
  'configure',
  'ingest',
  'assignRoles',
] as const satisfies readonly Ability[];

/** One push path. */
export type PushPath = (typeof PUSH_PATHS)[number];

/** Why each push path lets an image in, for messages. */
export const PUSH_PATH_REASONS: Readonly<Record<PushPath, string>> = {
  push: 'can push',
  runTasks: 'can create or run ACR tasks, which push',
  configure: 'can enable the admin user or create push tokens',
  ingest: 'can bring content in through import pipelines, cache rules or connected registries',
  assignRoles: 'can assign itself a push role',
};

/** The push paths a role opens (empty: it cannot push). */
export function pushPathsOf(abilities: RoleAbilities): PushPath[] {
  return PUSH_PATHS.filter((ability) => abilities[ability]);
}

const matchers = new Map<string, RegExp>();

/** True when an ARM permission pattern (wildcards `*`, case-insensitive) matches an operation. */
export function permissionMatches(pattern: string, operation: string): boolean {
  let regex = matchers.get(pattern);
  if (!regex) {
    const body = pattern
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\/]/g, '\\$&'))
      .join('.*');
    regex = new RegExp(`^${body}$`, 'i');
    matchers.set(pattern, regex);
  }
  return regex.test(operation);
}

function granted(
  allowed: readonly string[] | undefined,
  denied: readonly string[] | undefined,
  operation: string,
): boolean {
  return (
    (allowed ?? []).some((p) => permissionMatches(p, operation)) &&
    !(denied ?? []).some((p) => permissionMatches(p, operation))
  );
}

/**
 * What a role with these permissions lets its principal do (wildcards allowed, NotActions and
 * NotDataActions subtracted, actions and data actions kept apart as ARM does). With `mode`, only what
 * that mode honors; without, what any mode honors (a grant dormant in one mode wakes when it changes).
 */
export function abilitiesFromPermissions(
  permissions: RolePermissions,
  mode?: RoleAssignmentMode,
): RoleAbilities {
  const has = (ability: Ability): boolean =>
    ABILITY_PERMISSIONS[ability].some(
      (p) =>
        (mode === undefined || p.only === undefined || p.only === mode) &&
        (p.plane === 'action'
          ? granted(permissions.actions, permissions.notActions, p.permission)
          : granted(permissions.dataActions, permissions.notDataActions, p.permission)),
    );
  return Object.fromEntries(ABILITIES.map((ability) => [ability, has(ability)])) as Record<Ability, boolean>;
}

/**
 * What a role with several permission objects lets its principal do: each object is evaluated on its
 * own, its NotActions and NotDataActions subtracted from its own Actions and DataActions only (Learn,
 * "Understand Azure role definitions": NotActions exclude operations from the allowed Actions of the
 * same permission), so the role allows what any one object allows.
 */
export function abilitiesFromPermissionSets(
  permissions: readonly RolePermissions[],
  mode?: RoleAssignmentMode,
): RoleAbilities {
  const each = permissions.map((p) => abilitiesFromPermissions(p, mode));
  return Object.fromEntries(ABILITIES.map((ability) => [ability, each.some((a) => a[ability])])) as Record<
    Ability,
    boolean
  >;
}
