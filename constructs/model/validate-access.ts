/**
 * Validation of who gets in: the permission mode, grants that the mode does not honor, repository
 * scoping, the Notation signing identity, and the Docker Content Trust retirement warning.
 */
import type { EnvironmentDeclaration } from './declaration';
import type { ProblemList } from './problems';
import type { ResolvedRegistry } from './resolve';
import { isResourceId } from './azure-ids';
import type { BuiltInRoleName, RoleAssignmentMode } from './role-directory';
import {
  ROLE_ASSIGNMENT_MODES,
  ROLE_DIRECTORY,
  isBuiltInRoleName,
  isRoleAssignmentMode,
} from './role-directory';
import { GRANT_INTENTS, intentRole, notationSignGrant, repositoryScopeProblem } from './roles';
import { DCT_REMOVAL_DATE, KEY_VAULT_OBJECT_NAME } from './signing';

const IMPORTER_ROLE_KINDS = ['builtIn', 'custom'] as const;

/** The role that does in `mode` what `role` does in the other mode, if there is one. */
function counterpart(role: BuiltInRoleName, mode: RoleAssignmentMode): BuiltInRoleName | undefined {
  const other =
    mode === 'LegacyRegistryPermissions' ? 'AbacRepositoryPermissions' : 'LegacyRegistryPermissions';
  if (role === 'AcrImageSigner') return intentRole('sign', mode);
  if (role === 'Container Registry Repository Catalog Lister') return intentRole('pull', mode);
  const intent = GRANT_INTENTS.find((i) => intentRole(i, other) === role);
  return intent && intentRole(intent, mode);
}

function validateGrants(
  env: EnvironmentDeclaration,
  mode: RoleAssignmentMode,
  at: string,
  problems: ProblemList,
): void {
  (env.registry.roleAssignments ?? []).forEach((ra, i) => {
    const path = `${at}.roleAssignments[${i}]`;
    if (!isBuiltInRoleName(ra.role)) return; // reported by validateRoleAssignments
    if (!ROLE_DIRECTORY[ra.role].modes.includes(mode)) {
      const instead = counterpart(ra.role, mode);
      problems.add(
        `${path}.role`,
        `${ra.role} is not honored in the ${mode} mode, so the grant would give nothing`,
        instead ? `use "${instead}" instead` : `use a role of the ${mode} mode`,
      );
    }
    if (ra.repositories !== undefined) {
      const problem = repositoryScopeProblem(ra.role, mode, ra.repositories);
      if (problem) problems.add(`${path}.repositories`, problem.message, problem.fix);
    }
  });
}

function validateSigning(
  env: EnvironmentDeclaration,
  mode: RoleAssignmentMode,
  at: string,
  problems: ProblemList,
): void {
  const signing = env.registry.signing;
  if (!signing) return;
  const path = `${at}.signing`;
  if (!isResourceId(signing.keyVaultId, 'keyVault'))
    problems.add(
      `${path}.keyVaultId`,
      `"${signing.keyVaultId}" is not a Key Vault ID`,
      'use /subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.KeyVault/vaults/<name>',
    );
  if (!KEY_VAULT_OBJECT_NAME.pattern.test(signing.certificateName))
    problems.add(
      `${path}.certificateName`,
      `"${signing.certificateName}" is not a Key Vault certificate name`,
      `use ${KEY_VAULT_OBJECT_NAME.description}`,
    );
  if (signing.repositories !== undefined) {
    const problem = repositoryScopeProblem(
      notationSignGrant({ mode, trustPolicy: false }).role,
      mode,
      signing.repositories,
    );
    if (problem) problems.add(`${path}.repositories`, problem.message, problem.fix);
  }
}

/**
 * Checks the permission mode, every grant against it, repository scoping and signing. Warns (without
 * failing) when Docker Content Trust is enabled, and when tasks lose their data access in the ABAC mode.
 */
export function validateAccess(
  env: EnvironmentDeclaration,
  resolved: ResolvedRegistry,
  at: string,
  problems: ProblemList,
): void {
  const declared = env.registry.roleAssignmentMode;
  if (declared !== undefined && !isRoleAssignmentMode(declared)) {
    problems.add(
      `${at}.roleAssignmentMode`,
      `unknown role assignment mode "${String(declared)}"`,
      `use one of ${ROLE_ASSIGNMENT_MODES.join(', ')}`,
    );
    return;
  }
  const importer = env.registry.importerRole;
  if (importer !== undefined && !(IMPORTER_ROLE_KINDS as readonly string[]).includes(importer))
    problems.add(
      `${at}.importerRole`,
      `unknown importer role "${String(importer)}"`,
      'use "builtIn" or "custom"',
    );
  const mode = resolved.roleAssignmentMode;
  validateGrants(env, mode, at, problems);
  validateSigning(env, mode, at, problems);
  if (env.registry.trustPolicy === true) {
    if (mode === 'AbacRepositoryPermissions')
      problems.add(
        `${at}.trustPolicy`,
        'Docker Content Trust is not supported in the AbacRepositoryPermissions mode',
        'turn trustPolicy off and sign with Notation (signing: { keyVaultId, certificateName })',
      );
    else
      problems.warn(
        `${at}.trustPolicy`,
        `Docker Content Trust is deprecated and Microsoft removes it on ${DCT_REMOVAL_DATE}`,
        'sign with Notation instead (signing: { keyVaultId, certificateName }) and leave trustPolicy off',
      );
  }
  if (mode === 'AbacRepositoryPermissions' && (resolved.tasks.length > 0 || resolved.purges.length > 0))
    problems.warn(
      `${at}.roleAssignmentMode`,
      'in the AbacRepositoryPermissions mode ACR tasks (builds and purges) have no default access to the registry',
      "give each task's identity a Container Registry Repository role before switching the mode",
    );
}
