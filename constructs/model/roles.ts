/**
 * Azure RBAC roles for ACR and the custom importer role used by promotion.
 *
 * Source: ../shared/FACTS.md section 3 (Microsoft Learn "Azure built-in roles - Containers" and
 * "Container registry roles and permissions"). There is no built-in import role.
 */

/** Built-in ACR roles by name, with their role definition IDs. */
export const BUILT_IN_ROLES = {
  AcrPull: '7f951dda-4ed3-4680-a7ca-43fe172d538d',
  AcrPush: '8311e382-0749-4cb8-b61a-304f252e45ec',
  AcrDelete: 'c2f4ef07-c644-48eb-af81-4b1b4947fb11',
  AcrImageSigner: '6cef56e8-d556-48e5-a04f-b8e64114680f',
  AcrQuarantineReader: 'cdda3590-29a3-44f6-95f2-9f980659eb04',
  AcrQuarantineWriter: 'c8d4ff99-41c3-41a8-9f60-21dfdad59608',
} as const;

/** A built-in ACR role name. */
export type BuiltInRole = keyof typeof BUILT_IN_ROLES;

/** The name of the custom importer role of this toolkit (one per target registry). */
export const IMPORTER_ROLE = 'AcrImporter';

/** A role this toolkit assigns: a built-in one or the custom importer. */
export type AcrRole = BuiltInRole | typeof IMPORTER_ROLE;

/**
 * Name of the custom importer role of one target registry (one per registry). Custom roles can only be
 * made assignable at a management group, subscription or resource group, not at a single resource
 * (Microsoft Learn "Azure role definitions", AssignableScopes), so the role is defined at the registry's
 * resource group and every assignment of it is scoped to the registry itself.
 */
export function importerRoleName(registryName: string): string {
  return `${IMPORTER_ROLE}-${registryName}`;
}

/** The ARM action that importing an image into a registry needs on the target registry. */
export const IMPORT_IMAGE_ACTION = 'Microsoft.ContainerRegistry/registries/importImage/action';

/** The data-plane abilities a role gives, for least-privilege checks. */
export interface RoleAbilities {
  readonly pull: boolean;
  readonly push: boolean;
  readonly delete: boolean;
  readonly sign: boolean;
  readonly import: boolean;
}

/** What each role lets a principal do. AcrPush includes pull; AcrDelete does not (FACTS.md s3). */
export const ROLE_ABILITIES: Readonly<Record<AcrRole, RoleAbilities>> = {
  AcrPull: { pull: true, push: false, delete: false, sign: false, import: false },
  AcrPush: { pull: true, push: true, delete: false, sign: false, import: false },
  AcrDelete: { pull: false, push: false, delete: true, sign: false, import: false },
  AcrImageSigner: { pull: false, push: false, delete: false, sign: true, import: false },
  AcrQuarantineReader: { pull: true, push: false, delete: false, sign: false, import: false },
  AcrQuarantineWriter: { pull: true, push: false, delete: false, sign: false, import: false },
  AcrImporter: { pull: false, push: false, delete: false, sign: false, import: true },
};

/** The kinds of principal a role can be assigned to (the ARM `principalType`). */
export const PRINCIPAL_TYPES = ['ServicePrincipal', 'User', 'Group', 'ForeignGroup', 'Device'] as const;

/** A principal type. */
export type PrincipalType = (typeof PRINCIPAL_TYPES)[number];

/** The role definition ID path of a built-in role at subscription scope, as ARM spells it. */
export function builtInRoleDefinitionId(role: BuiltInRole): string {
  return `/providers/Microsoft.Authorization/roleDefinitions/${BUILT_IN_ROLES[role]}`;
}

/** The built-in role whose definition ID ends in `id` (any scope prefix), if any. */
export function builtInRoleById(id: string): BuiltInRole | undefined {
  const guid = id.split('/').pop()?.toLowerCase();
  const entry = Object.entries(BUILT_IN_ROLES).find(([, value]) => value === guid);
  return entry?.[0] as BuiltInRole | undefined;
}

/** True when `name` is a built-in ACR role name. */
export function isBuiltInRole(name: string): name is BuiltInRole {
  return Object.prototype.hasOwnProperty.call(BUILT_IN_ROLES, name);
}

/** Intent-level grants, each mapped to the least role that fits (aws-cdk's `grant*` spirit). */
export const GRANT_ROLES = {
  pull: 'AcrPull',
  push: 'AcrPush',
  delete: 'AcrDelete',
  sign: 'AcrImageSigner',
  quarantineRead: 'AcrQuarantineReader',
  quarantineWrite: 'AcrQuarantineWriter',
} as const satisfies Record<string, BuiltInRole>;

/** An intent-level grant. */
export type Grant = keyof typeof GRANT_ROLES;

/**
 * General Azure built-in roles that also grant registry rights, so policy can see an escape hatch
 * (`role_definition_name = "Contributor"` on a registry). Source: Microsoft Learn "Azure Container
 * Registry Entra permissions and role assignments overview" (Owner and Contributor can pull, push,
 * delete and import; Reader can pull).
 */
export const GENERAL_ROLE_ABILITIES: Readonly<Record<string, RoleAbilities>> = {
  Owner: { pull: true, push: true, delete: true, sign: false, import: true },
  Contributor: { pull: true, push: true, delete: true, sign: false, import: true },
  Reader: { pull: true, push: false, delete: false, sign: false, import: false },
};

/**
 * The ARM actions and data actions behind each ability, for judging custom role definitions. Source:
 * the permissions of the built-in roles (AcrPull: `registries/pull/read`; AcrPush: `registries/push/write`;
 * AcrDelete: `registries/artifacts/delete`; AcrImageSigner: `registries/sign/write`) and the ABAC
 * repository data actions.
 */
export const ABILITY_ACTIONS: Readonly<Record<keyof RoleAbilities, readonly string[]>> = {
  pull: [
    'Microsoft.ContainerRegistry/registries/pull/read',
    'Microsoft.ContainerRegistry/registries/repositories/content/read',
  ],
  push: [
    'Microsoft.ContainerRegistry/registries/push/write',
    'Microsoft.ContainerRegistry/registries/repositories/content/write',
  ],
  delete: [
    'Microsoft.ContainerRegistry/registries/artifacts/delete',
    'Microsoft.ContainerRegistry/registries/repositories/content/delete',
  ],
  sign: ['Microsoft.ContainerRegistry/registries/sign/write'],
  import: [IMPORT_IMAGE_ACTION],
};

function actionMatches(pattern: string, action: string): boolean {
  const regex = new RegExp(
    `^${pattern
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\/]/g, '\\$&'))
      .join('.*')}$`,
    'i',
  );
  return regex.test(action);
}

/** What a custom role with these actions and data actions (wildcards allowed) lets its principal do. */
export function abilitiesFromActions(actions: readonly string[]): RoleAbilities {
  const has = (ability: keyof RoleAbilities): boolean =>
    ABILITY_ACTIONS[ability].some((needed) => actions.some((granted) => actionMatches(granted, needed)));
  return {
    pull: has('pull'),
    push: has('push'),
    delete: has('delete'),
    sign: has('sign'),
    import: has('import'),
  };
}

/** The two role assignments behind an import grant (`A`: the engine's role assignment). */
export interface ImportGrant<A> {
  /** AcrPull on the source registry. */
  readonly pull: A;
  /** The custom importer role on the target registry. */
  readonly importer: A;
}

/**
 * The intent-level grant methods every registry offers in either engine, each one role assignment
 * with the least role that fits (`P`: principal, `A`: role assignment, `R`: registry).
 */
export interface RegistryGrants<P, A, R> {
  /** Lets `principal` pull images (AcrPull). */
  grantPull(principal: P): A;
  /** Lets `principal` push (and pull) images (AcrPush). */
  grantPush(principal: P): A;
  /** Lets `principal` delete images (AcrDelete). */
  grantDelete(principal: P): A;
  /** Lets `principal` sign images (AcrImageSigner). */
  grantSign(principal: P): A;
  /** Lets `principal` read quarantined images (AcrQuarantineReader). */
  grantQuarantineRead(principal: P): A;
  /** Lets `principal` release quarantined images (AcrQuarantineWriter). */
  grantQuarantineWrite(principal: P): A;
  /** Assigns a built-in ACR role on this registry. */
  grantRole(role: BuiltInRole, principal: P): A;
  /**
   * Lets `principal` import images from `source` into this registry (`az acr import`): pull on the
   * source and a custom role on this registry holding only the import action (there is no built-in one).
   */
  grantImport(principal: P, source: R): ImportGrant<A>;
}
