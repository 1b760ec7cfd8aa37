/**
 * The entry point of the model: validate a whole estate declaration and resolve its defaults.
 */
import type { EstateDeclaration } from './declaration';
import { ProblemList } from './problems';
import { resolveEstate } from './resolve';
import type { ResolvedEstate } from './resolve';
import { validateRegistrySettings, validateTier } from './validate-registry';
import {
  validateDiagnostics,
  validatePrivateNetwork,
  validateRoleAssignments,
  validateTasks,
  validateTokens,
  validateWebhooks,
} from './validate-attachments';
import { validateAccess } from './validate-access';
import type { Problem } from './problems';

const ENVIRONMENT_NAME = /^[a-z][a-z0-9-]{1,19}$/;

/** Every problem of an estate declaration, in declaration order (empty when valid). */
export function validateEstate(estate: EstateDeclaration): ProblemList {
  const problems = new ProblemList();
  if (estate.environments.length === 0) {
    problems.add('environments', 'no environment is declared', 'declare at least one environment');
    return problems;
  }
  const resolved = resolveEstate(estate);
  const names = new Set<string>();
  const registries = new Set<string>();
  estate.environments.forEach((env, index) => {
    if (!ENVIRONMENT_NAME.test(env.name)) {
      problems.add(
        `environments[${index}].name`,
        `environment name "${env.name}" is invalid`,
        'use 2-20 lowercase letters, digits or hyphens, starting with a letter',
      );
    }
    if (names.has(env.name))
      problems.add(
        `environments[${index}].name`,
        `environment "${env.name}" is declared twice`,
        'give each environment its own name',
      );
    names.add(env.name);
    const registryKey = env.registry.name.toLowerCase();
    if (registries.has(registryKey))
      problems.add(
        `${env.name}.registry.name`,
        `registry name "${env.registry.name}" is used by two environments`,
        'registry names are globally unique: give each environment its own',
      );
    registries.add(registryKey);

    const at = `${env.name}.registry`;
    const registry = resolved.environments[index].registry;
    validateTier(env, registry, at, problems);
    validateRegistrySettings(env, registry, resolved.allowedRegions, at, problems);
    validatePrivateNetwork(env, registry, at, problems);
    validateRoleAssignments(env, at, problems);
    validateAccess(env, registry, at, problems);
    validateTokens(env, registry, index === 0, at, problems);
    validateTasks(env, at, problems);
    validateWebhooks(env, at, problems);
    validateDiagnostics(env, at, problems);
  });
  return problems;
}

/** Warnings about a valid estate declaration (synth prints them; they fail nothing). */
export function estateWarnings(estate: EstateDeclaration): readonly Problem[] {
  return validateEstate(estate).warnings;
}

/**
 * Validates an estate declaration and applies its defaults. Throws a DeclarationError that lists every
 * problem (path, what is wrong, how to fix it) when the declaration is invalid.
 */
export function defineEstate(estate: EstateDeclaration): ResolvedEstate {
  const problems = validateEstate(estate);
  problems.throwIfAny();
  const resolved = resolveEstate(estate);
  return problems.warnings.length > 0 ? { ...resolved, warnings: problems.warnings } : resolved;
}
