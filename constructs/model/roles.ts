/**
 * Which role each intent-level grant gets, by the registry's permission mode, and the ABAC condition
 * that limits a grant to repositories. Both engines render what these functions decide.
 *
 * Sources: Microsoft Learn "Azure Container Registry Entra permissions and role assignments overview"
 * (recommended roles per scenario and mode) and "Microsoft Entra ABAC for repository permissions"
 * (condition format, `condition_version` 2.0), MicrosoftDocs/azure-management-docs commit 064a6550;
 * ../shared/FACTS.md section 3. The roles themselves are in role-directory.ts.
 */
import { createHash } from 'node:crypto';
import { isScopeMapRepository } from './names';
import type { BuiltInRoleName, RoleAssignmentMode } from './role-directory';
import { ROLE_DIRECTORY } from './role-directory';

export type { BuiltInRoleName } from './role-directory';

/** A built-in role a declaration or a grant method may assign (any role of the directory). */
export type BuiltInRole = BuiltInRoleName;

/**
 * The kinds of principal a declaration may assign a role to (the ARM `principalType`): the three azurerm
 * v4 accepts (`role_assignment_resource.go`: User, Group, ServicePrincipal). ARM also knows
 * ForeignGroup and Device, which the cdktf synth of the same declaration could not deploy.
 */
export const PRINCIPAL_TYPES = ['ServicePrincipal', 'User', 'Group'] as const;

/** A principal type. */
export type PrincipalType = (typeof PRINCIPAL_TYPES)[number];

/** The intent-level grants every registry offers. */
export const GRANT_INTENTS = ['pull', 'push', 'delete', 'sign', 'quarantineRead', 'quarantineWrite'] as const;

/** An intent-level grant. */
export type Grant = (typeof GRANT_INTENTS)[number];

/** What decides the role of a grant on a registry. */
export interface RegistryAccessSettings {
  /** The registry's role assignment permissions mode. */
  readonly mode: RoleAssignmentMode;
  /** True while Docker Content Trust (the trust policy) is on. */
  readonly trustPolicy: boolean;
}

/**
 * The least role for each intent, by mode. In the ABAC mode there is no delete-only role: Repository
 * Contributor (read, write, delete) is the least one that deletes. Signing: AcrImageSigner serves
 * Docker Content Trust only; Notation signatures are pushed OCI referrers, which need AcrPush (legacy)
 * or Repository Writer (ABAC) per Microsoft's overview.
 */
const INTENT_ROLES: Readonly<Record<RoleAssignmentMode, Readonly<Record<Grant, BuiltInRoleName>>>> = {
  LegacyRegistryPermissions: {
    pull: 'AcrPull',
    push: 'AcrPush',
    delete: 'AcrDelete',
    sign: 'AcrPush',
    quarantineRead: 'AcrQuarantineReader',
    quarantineWrite: 'AcrQuarantineWriter',
  },
  AbacRepositoryPermissions: {
    pull: 'Container Registry Repository Reader',
    push: 'Container Registry Repository Writer',
    delete: 'Container Registry Repository Contributor',
    sign: 'Container Registry Repository Writer',
    quarantineRead: 'AcrQuarantineReader',
    quarantineWrite: 'AcrQuarantineWriter',
  },
};

/**
 * The roles an ACR task's own identity gets on its registry when it signs in with it (the network
 * bypass for tasks): a build pushes (and pulls); `acr purge` lists the repositories its filters match,
 * reads and deletes tags. In the ABAC mode AcrPull, AcrPush and AcrDelete are not honored (Microsoft
 * Learn, "Azure attribute-based access control for repository permissions"), so a build gets
 * Repository Writer and a purge Repository Contributor (the least role that deletes) with the
 * Catalog Lister, which lists repositories there.
 */
export function taskIdentityRoles(
  task: 'build' | 'purge',
  mode: RoleAssignmentMode,
): readonly BuiltInRoleName[] {
  if (task === 'build') return [INTENT_ROLES[mode].push];
  return mode === 'AbacRepositoryPermissions'
    ? [INTENT_ROLES[mode].delete, 'Container Registry Repository Catalog Lister']
    : [INTENT_ROLES[mode].pull, INTENT_ROLES[mode].delete];
}

/** The Docker Content Trust signer, used only while the trust policy is on (legacy mode). */
export const DCT_SIGNER_ROLE: BuiltInRoleName = 'AcrImageSigner';

/** The version of the condition language every ABAC condition here is written in. */
export const ABAC_CONDITION_VERSION = '2.0';

/** Options of a grant method. */
export interface GrantOptions {
  /**
   * Repositories the grant is limited to: names (`apps/web`), prefixes (`apps/*`) or `*`. Only in the
   * `AbacRepositoryPermissions` mode. @default every repository
   */
  readonly repositories?: readonly string[];
}

/** A grant as both engines render it: the role and, when limited to repositories, its condition. */
export interface RoleGrant {
  readonly role: BuiltInRoleName;
  /** ABAC condition (with `ABAC_CONDITION_VERSION`); absent for a registry-wide grant. */
  readonly condition?: string;
}

/**
 * A short, stable identifier fragment for a role (construct IDs, Pulumi names): the name without the
 * "Container Registry " prefix and without spaces, e.g. `RepositoryReader`, `AcrPull`.
 */
export function roleSlug(role: string): string {
  return role.replace(/^Container Registry /, '').replace(/[^A-Za-z0-9]+/g, '');
}

/**
 * The identifier fragment of a grant's role assignment (construct IDs, Pulumi names): the role slug,
 * whatever the condition. Azure holds one assignment per principal, role and scope, so new
 * repositories are a change of that assignment, not another one: keyed by the condition, the engines
 * would create the new assignment beside the old one, which Azure refuses (409 RoleAssignmentExists).
 */
export function grantKey(grant: RoleGrant): string {
  return roleSlug(grant.role);
}

/**
 * The identifier fragment a grant was keyed by before `grantKey`: the role slug, and a short digest of
 * the condition when the grant has one. The engines name an existing assignment of a limited grant by
 * it (a Pulumi alias, a Terraform `moved` block) so that upgrading does not replace it.
 */
export function grantSlug(grant: RoleGrant): string {
  if (grant.condition === undefined) return roleSlug(grant.role);
  return `${roleSlug(grant.role)}-${createHash('sha256').update(grant.condition).digest('hex').slice(0, 8)}`;
}

/** A grant that cannot be made; the message says why and how to fix it. */
export class GrantError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GrantError';
  }
}

/**
 * Why `wanted` cannot be granted to a principal that already has `existing` (a grant of the same role)
 * on the same registry, or undefined when it is the same grant again (the existing assignment serves
 * both). Azure holds one assignment per principal, role and scope, whatever its condition.
 */
export function sameRoleGrantProblem(
  existing: RoleGrant,
  wanted: RoleGrant,
  principal: string,
  registryName: string,
): string | undefined {
  if (existing.condition === wanted.condition) return undefined;
  const held = existing.condition === undefined ? 'on every repository' : 'limited to other repositories';
  return (
    `"${principal}" already has ${existing.role} on ${registryName} (${held}): Azure keeps one ` +
    'assignment per principal, role and registry, whatever its repositories. Fix: grant the role once, ' +
    'listing every repository the principal needs (or none for the whole registry)'
  );
}

const REPOSITORY_NAME_ATTRIBUTE = '@Request[Microsoft.ContainerRegistry/registries/repositories:name]';
const REPOSITORY_DATA_ACTIONS = 'Microsoft.ContainerRegistry/registries/repositories/';

/** Why a repository list cannot scope a grant of `role` in `mode`, or undefined when it can. */
export function repositoryScopeProblem(
  role: BuiltInRoleName,
  mode: RoleAssignmentMode,
  repositories: readonly string[],
): { message: string; fix: string } | undefined {
  if (mode !== 'AbacRepositoryPermissions')
    return {
      message: `repository-scoped grants need the AbacRepositoryPermissions mode (the registry is in ${mode}, which honors no conditions)`,
      fix: 'set roleAssignmentMode: "AbacRepositoryPermissions" on the registry, or remove repositories',
    };
  if (!ROLE_DIRECTORY[role].takesCondition)
    return {
      message: `${role} takes no repository condition (only the Container Registry Repository roles do)`,
      fix: 'use a Container Registry Repository role, or remove repositories',
    };
  const bad = repositories.find((r) => !isScopeMapRepository(r));
  if (bad !== undefined)
    return {
      message: `"${bad}" is not a repository, a "prefix/*" wildcard or "*"`,
      fix: 'use a repository name such as "apps/web", a prefix such as "apps/*", or "*"',
    };
  if (repositories.length === 0)
    return {
      message: 'an empty repository list grants nothing',
      fix: 'list repositories or omit the option',
    };
  return undefined;
}

/**
 * The ABAC condition that limits `role` to `repositories`, in Microsoft's documented form: every
 * repository data action of the role is allowed only when the requested repository name equals a
 * listed name or starts with a listed prefix (`apps/*` becomes `StringStartsWithIgnoreCase 'apps/'`,
 * trailing slash included, as Microsoft requires). Undefined when a `*` makes the grant registry-wide.
 */
export function repositoryCondition(
  role: BuiltInRoleName,
  repositories: readonly string[],
): string | undefined {
  if (repositories.includes('*')) return undefined;
  const actions = (ROLE_DIRECTORY[role].permissions.dataActions ?? []).filter((a) =>
    a.startsWith(REPOSITORY_DATA_ACTIONS),
  );
  const tests = [...new Set(repositories)]
    .sort()
    .map((repository) =>
      repository.endsWith('/*')
        ? `${REPOSITORY_NAME_ATTRIBUTE} StringStartsWithIgnoreCase '${repository.slice(0, -1)}'`
        : `${REPOSITORY_NAME_ATTRIBUTE} StringEqualsIgnoreCase '${repository}'`,
    );
  const denied = actions.map((a) => `!(ActionMatches{'${a}'})`).join(' AND ');
  return `((${denied}) OR (${tests.join(' OR ')}))`;
}

/**
 * The role (and condition) of an intent-level grant on a registry with `settings`. Throws GrantError
 * for a grant the registry cannot hold (repositories in the legacy mode, DCT signing in ABAC mode).
 */
export function grantFor(
  intent: Grant,
  settings: RegistryAccessSettings,
  options: GrantOptions = {},
): RoleGrant {
  if (intent === 'sign' && settings.trustPolicy) {
    if (settings.mode === 'AbacRepositoryPermissions')
      throw new GrantError(
        'Docker Content Trust signing is not supported in the AbacRepositoryPermissions mode: turn the trust policy off and sign with Notation',
      );
    if (options.repositories !== undefined)
      throw new GrantError('AcrImageSigner (Docker Content Trust) cannot be limited to repositories');
    return { role: DCT_SIGNER_ROLE };
  }
  const role = INTENT_ROLES[settings.mode][intent];
  return roleGrant(role, settings.mode, options);
}

/**
 * The grant of a Notation signing identity: push rights for its signatures (AcrPush in the legacy
 * mode, where they cannot be limited; Repository Writer on the signed repositories in the ABAC mode),
 * whatever the trust policy.
 */
export function notationSignGrant(settings: RegistryAccessSettings, options: GrantOptions = {}): RoleGrant {
  return roleGrant(INTENT_ROLES[settings.mode].sign, settings.mode, options);
}

/** The role of an intent in a mode (what the grant methods assign, before any condition). */
export function intentRole(intent: Grant, mode: RoleAssignmentMode): BuiltInRoleName {
  return INTENT_ROLES[mode][intent];
}

/** A grant of a named built-in role, limited to repositories when asked (throws GrantError when it cannot be). */
export function roleGrant(
  role: BuiltInRoleName,
  mode: RoleAssignmentMode,
  options: GrantOptions = {},
): RoleGrant {
  const repositories = options.repositories;
  if (repositories === undefined) return { role };
  const problem = repositoryScopeProblem(role, mode, repositories);
  if (problem) throw new GrantError(`${problem.message}. Fix: ${problem.fix}`);
  const condition = repositoryCondition(role, repositories);
  return condition === undefined ? { role } : { role, condition };
}

/**
 * The built-in role promotion assigns on the target registry: "To import an image ... your identity
 * must have permissions to trigger imports on the target registry (Container Registry Data Importer
 * and Data Reader role)" (Microsoft Learn, import images; FACTS.md section 3). It reads the registry,
 * triggers the import and pulls; it cannot push.
 */
export const IMPORTER_ROLE: BuiltInRoleName = 'Container Registry Data Importer and Data Reader';

/** Prefix of the name of the optional custom importer role (one per target registry). */
export const CUSTOM_IMPORTER_ROLE = 'AcrImporter';

/**
 * Name of the custom importer role of one target registry. Custom roles can only be made assignable at
 * a management group, subscription or resource group (Microsoft Learn "Azure role definitions",
 * AssignableScopes), so the role is defined at the registry's resource group and every assignment of
 * it is scoped to the registry itself.
 */
export function importerRoleName(registryName: string): string {
  return `${CUSTOM_IMPORTER_ROLE}-${registryName}`;
}

/** The ARM action that triggers an import into a registry. */
export const IMPORT_IMAGE_ACTION = 'Microsoft.ContainerRegistry/registries/importImage/action';

/**
 * The actions of the custom importer role: the control-plane actions of the built-in importer role
 * that `az acr import` uses on the target. `registries/read` is needed because the CLI reads the
 * registry first; a role with only the import action fails (FACTS.md section 3).
 */
export const CUSTOM_IMPORTER_ACTIONS: readonly string[] = [
  'Microsoft.ContainerRegistry/registries/read',
  IMPORT_IMAGE_ACTION,
];

/** Which importer role a promotion hop or `grantImport` uses on the target. */
export type ImporterRoleKind = 'builtIn' | 'custom';

/** The two role assignments behind an import grant (`A`: the engine's role assignment). */
export interface ImportGrant<A> {
  /** Pull on the source registry (AcrPull, or Repository Reader in the ABAC mode). */
  readonly pull: A;
  /** The importer role on the target registry. */
  readonly importer: A;
}

/** Options of `grantImport`. */
export interface ImportOptions extends GrantOptions {
  /**
   * The importer role on the target: Microsoft's built-in one, or a custom role holding only
   * `CUSTOM_IMPORTER_ACTIONS`. @default 'builtIn'
   */
  readonly importerRole?: ImporterRoleKind;
}

/**
 * The intent-level grant methods every registry offers in either engine, each one role assignment
 * with the least role that fits the registry's mode (`P`: principal, `A`: role assignment, `R`:
 * registry). `options.repositories` limits a grant to repositories (ABAC mode only).
 */
export interface RegistryGrants<P, A, R> {
  /** Lets `principal` pull images (AcrPull / Repository Reader). */
  grantPull(principal: P, options?: GrantOptions): A;
  /** Lets `principal` push (and pull) images (AcrPush / Repository Writer). */
  grantPush(principal: P, options?: GrantOptions): A;
  /** Lets `principal` delete images (AcrDelete / Repository Contributor). */
  grantDelete(principal: P, options?: GrantOptions): A;
  /**
   * Lets `principal` sign images: AcrImageSigner while Docker Content Trust is on, else push rights
   * for Notation signatures (AcrPush / Repository Writer on the signed repositories).
   */
  grantSign(principal: P, options?: GrantOptions): A;
  /**
   * Lets a Notation signing identity push its signatures, whatever the trust policy (AcrPush, or
   * Repository Writer on `options.repositories` in the ABAC mode).
   */
  grantNotationSign(principal: P, options?: GrantOptions): A;
  /** Lets `principal` read quarantined images (AcrQuarantineReader). */
  grantQuarantineRead(principal: P): A;
  /** Lets `principal` release quarantined images (AcrQuarantineWriter). */
  grantQuarantineWrite(principal: P): A;
  /** Assigns a built-in role of the directory on this registry. */
  grantRole(role: BuiltInRole, principal: P, options?: GrantOptions): A;
  /**
   * Lets `principal` import images from `source` into this registry (`az acr import`): pull on the
   * source (limited to `options.repositories` when the source is in the ABAC mode) and the importer
   * role on this registry.
   */
  grantImport(principal: P, source: R, options?: ImportOptions): ImportGrant<A>;
}
