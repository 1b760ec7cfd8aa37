/**
 * The entry point of the model: validate a whole estate declaration and resolve its defaults.
 */
import type { EstateDeclaration } from './declaration';
import { ProblemList } from './problems';
import { resolveEstate } from './resolve';
import type { ResolvedEstate } from './resolve';
import { validateRegistrySettings, validateTier } from './validate-registry';
import { validateEnvironmentSettings, validateEstateSettings } from './validate-environment';
import { checkEstateShape, environmentLabel } from './declaration-shape';
import { quoted } from './validators';
import {
  validateDiagnostics,
  validatePrivateNetwork,
  validateRoleAssignments,
  validateTasks,
  validateTokens,
  validateWebhooks,
} from './validate-attachments';
import {
  validateArmProperties,
  validateArtifactCache,
  validateEncryption,
  validateResourceLogs,
  validateTaskNetwork,
  validateWebhookFanOut,
} from './deploy-checks';
import { validateAccess } from './validate-access';
import type { Problem } from './problems';

/**
 * Every problem of an estate declaration, in declaration order (empty when valid). Takes any value: a
 * JavaScript `--estate` module can export anything, and what is not an estate gets problems, never an
 * exception.
 */
export function validateEstate(estate: EstateDeclaration): ProblemList {
  return checkEstate(estate).problems;
}

/**
 * The problems of `input`, and the plain copy of it the rules judged when its shape is right. A
 * property with a shape or text problem gets no further problem from the rules.
 */
function checkEstate(input: unknown): { problems: ProblemList; resolved?: ResolvedEstate } {
  const problems = new ProblemList();
  const shape = checkEstateShape(input);
  for (const p of [...shape.shapeProblems, ...shape.textProblems]) problems.add(p.path, p.message, p.fix);
  const estate = shape.estate;
  if (!estate) return { problems };
  const resolved = resolveEstate(estate);
  const rules = checkRules(estate, resolved);
  const flagged = shape.textProblems.map((p) => p.path);
  for (const p of rules.all)
    if (
      !flagged.some(
        (path) => p.path === path || p.path.startsWith(`${path}.`) || p.path.startsWith(`${path}[`),
      )
    )
      problems.add(p.path, p.message, p.fix);
  for (const w of rules.warnings) problems.warn(w.path, w.message, w.fix);
  return { problems, resolved };
}

/** The problems the rules find in a declaration of the right shape (`resolved` is its resolution). */
function checkRules(estate: EstateDeclaration, resolved: ResolvedEstate): ProblemList {
  const problems = new ProblemList();
  if (estate.environments.length === 0) {
    problems.add('environments', 'no environment is declared', 'declare at least one environment');
    return problems;
  }
  validateEstateSettings(estate, problems);
  const names = new Set<string>();
  const registries = new Set<string>();
  const groups = new Map<string, string>();
  estate.environments.forEach((env, index) => {
    const label = environmentLabel(estate, index);
    validateEnvironmentSettings(env, index, label, problems);
    if (names.has(env.name))
      problems.add(
        `environments[${index}].name`,
        `environment ${quoted(env.name)} is declared twice`,
        'give each environment its own name',
      );
    names.add(env.name);
    const registryKey = env.registry.name.toLowerCase();
    if (registries.has(registryKey))
      problems.add(
        `${label}.registry.name`,
        `registry name ${quoted(env.registry.name)} is used by two environments`,
        'registry names are globally unique: give each environment its own',
      );
    registries.add(registryKey);
    // Each environment's stack creates its resource group: a second stack cannot create it again, and
    // destroying one stack would delete the other's registry with the group.
    const groupKey = env.resourceGroupName.toLowerCase();
    const owner = groups.get(groupKey);
    if (owner !== undefined)
      problems.add(
        `${label}.resourceGroupName`,
        `resource group ${quoted(env.resourceGroupName)} is also environment ${quoted(owner)}'s`,
        'give each environment its own resource group (its stack creates it)',
      );
    else groups.set(groupKey, env.name);

    const at = `${label}.registry`;
    const registry = resolved.environments[index].registry;
    validateTier(env, registry, at, problems);
    validateRegistrySettings(env, registry, resolved.allowedRegions, label, at, problems);
    const next = estate.environments[index + 1];
    // Learn, "Import container images": "Import to or from a network-restricted Azure container registry
    // requires the restricted registry to allow access by trusted services ... If the setting isn't
    // enabled in a newly created registry with a private endpoint or with registry firewall rules,
    // import will fail." Every registry of a chain is an import source, target or both.
    if (estate.environments.length > 1 && registry.taskNetwork.restricted && !registry.bypassAzureServices)
      problems.add(
        `${at}.bypassAzureServices`,
        `the registry is network-restricted without trusted services, so promotion cannot import ${index === 0 ? 'from' : next ? 'into or from' : 'into'} it`,
        'set bypassAzureServices to true (trusted Azure services, which import uses, pass the network rules)',
      );
    // Learn, "Disable export of artifacts": with exports disabled, ACR refuses to import the registry's
    // artifacts into another registry, which is how the next environment receives images.
    if (next && !registry.exportEnabled)
      problems.add(
        `${at}.exportEnabled`,
        `exports are disabled, and ${quoted(next.name)} imports its images from this registry: ACR refuses every such import`,
        'keep exportEnabled true in every environment a later one imports from (disable it only in the last)',
      );
    validatePrivateNetwork(env, registry, at, problems);
    validateRoleAssignments(env, at, problems);
    validateAccess(env, registry, at, problems);
    validateTokens(env, registry, index === 0, at, problems);
    validateTasks(env, at, problems);
    validateWebhooks(env, at, problems);
    validateDiagnostics(env, at, problems);
    validateTaskNetwork(env, registry, at, problems);
    validateArmProperties(env, registry, at, problems);
    validateArtifactCache(env, resolved.allowedCacheSources, at, problems);
    // A cache rule fills its repository from its upstream as clients pull (artifact-cache.ts): in a
    // promotion target that is a way in past promotion, which the policy gate fails (ACR-105).
    const previous = estate.environments[index - 1];
    if (previous && (env.registry.cacheRules ?? []).length > 0)
      problems.warn(
        `${at}.cacheRules`,
        `a cache rule lets images into ${quoted(env.name)} past promotion: it fills its repository from its upstream as clients pull (acr-iac check fails it, ACR-105)`,
        `keep the pull-through cache in ${quoted(estate.environments[0].name)} and import what ${quoted(env.name)} needs from ${quoted(previous.name)}`,
      );
    // The admin user's shared credentials have full permissions to the registry (Learn,
    // "Authenticate with an Azure container registry"): in a promotion target, a way in past promotion.
    if (previous && registry.adminEnabled)
      problems.warn(
        `${at}.adminEnabled`,
        `the admin user lets images into ${quoted(env.name)} past promotion: its shared credentials can push (acr-iac check fails it, ACR-001 and ${index === estate.environments.length - 1 ? 'ACR-024' : 'ACR-105'})`,
        `leave adminEnabled off and import what ${quoted(env.name)} needs from ${quoted(previous.name)}`,
      );
    validateEncryption(env, at, problems);
    validateResourceLogs(env, at, problems);
    validateWebhookFanOut(env, registry, at, problems);
  });
  return problems;
}

/** Warnings about a valid estate declaration (synth prints them; they fail nothing). */
export function estateWarnings(estate: EstateDeclaration): readonly Problem[] {
  return validateEstate(estate).warnings;
}

/**
 * Validates an estate declaration and applies its defaults. Throws a DeclarationError that lists every
 * problem (path, what is wrong, how to fix it) when the declaration is invalid; the estate it returns
 * is built from a plain copy of what was validated, so later changes to the input cannot reach it.
 */
export function defineEstate(estate: EstateDeclaration): ResolvedEstate {
  const checked = checkEstate(estate);
  checked.problems.throwIfAny();
  const resolved = checked.resolved!;
  const warnings = checked.problems.warnings;
  return warnings.length > 0 ? { ...resolved, warnings } : resolved;
}
