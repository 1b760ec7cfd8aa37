/**
 * Validation of what surrounds the registries: environment names and resource groups, enforcement,
 * tags, the allowed-regions list and the Terraform state backend.
 */
import type { AzureBackendDeclaration, EnvironmentDeclaration, EstateDeclaration } from './declaration';
import type { ProblemList } from './problems';
import { ENFORCEMENTS } from './enums';
import { TAG_LIMITS, checkEnum, checkName, checkRegion, checkTags, quoted } from './validators';

/** Checks the environment's own settings; `label` is its path prefix (`prod`). */
export function validateEnvironmentSettings(
  env: EnvironmentDeclaration,
  index: number,
  label: string,
  problems: ProblemList,
): void {
  checkName('environment', env.name, `environments[${index}].name`, problems);
  checkName('resourceGroup', env.resourceGroupName, `${label}.resourceGroupName`, problems);
  if (env.enforcement !== undefined)
    checkEnum(ENFORCEMENTS, env.enforcement, 'enforcement', `${label}.enforcement`, problems);
  validateTags(env, label, problems);
}

/**
 * Checks the tags of the environment and its registry, each map on its own and merged as every
 * resource of the stack carries them: at most 50 (49 when a purge task adds its own tag, 15 when the
 * stack creates the private DNS zone), and no two names that differ only in case.
 */
function validateTags(env: EnvironmentDeclaration, label: string, problems: ProblemList): void {
  const at = `${label}.registry`;
  const envOk = checkTags(env.tags ?? {}, `${label}.tags`, problems);
  const registryOk = checkTags(env.registry.tags ?? {}, `${at}.tags`, problems);
  if (!envOk || !registryOk) return;
  const merged = { ...env.tags, ...env.registry.tags };
  const createsZone =
    (env.registry.privateEndpoints ?? []).length > 0 && env.registry.privateDns?.existingZoneId === undefined;
  const purges = (env.registry.purges ?? []).length > 0;
  const [max, what] = createsZone
    ? [TAG_LIMITS.maxTagsPrivateDnsZone, 'the private DNS zone the stack creates']
    : purges
      ? [TAG_LIMITS.maxTags - 1, 'purge tasks, which add the acr-iac-purge tag']
      : [TAG_LIMITS.maxTags, 'every resource of the environment'];
  if (!checkTags(merged, `${at}.tags`, problems, { maxTags: max, what })) return;
  (env.registry.replicas ?? []).forEach((replica, i) => {
    const path = `${at}.replicas[${i}].tags`;
    if (checkTags(replica.tags ?? {}, path, problems))
      checkTags({ ...merged, ...replica.tags }, path, problems, { what: 'the replica' });
  });
}

/**
 * A state key prefix: path segments of letters, digits, `.`, `_` and `-`, separated by single `/`
 * (Azure Storage blob names take any URL characters; this keeps to the plain ones).
 */
const KEY_PREFIX = /^(?:[A-Za-z0-9._-]+\/)*[A-Za-z0-9._-]*$/;

/** Checks the estate-wide settings: allowed regions and the state backend. */
export function validateEstateSettings(estate: EstateDeclaration, problems: ProblemList): void {
  (estate.allowedRegions ?? []).forEach((region, i) => checkRegion(region, `allowedRegions[${i}]`, problems));
  if (estate.backend) validateBackend(estate.backend, problems);
}

function validateBackend(backend: AzureBackendDeclaration, problems: ProblemList): void {
  checkName('resourceGroup', backend.resourceGroupName, 'backend.resourceGroupName', problems);
  checkName('storageAccount', backend.storageAccountName, 'backend.storageAccountName', problems);
  checkName('storageContainer', backend.containerName, 'backend.containerName', problems);
  const prefix = backend.keyPrefix;
  if (
    prefix !== undefined &&
    (!KEY_PREFIX.test(prefix) || prefix.split('/').some((s) => s === '..') || prefix.length > 200)
  )
    problems.add(
      'backend.keyPrefix',
      `${quoted(prefix)} is not a usable state key prefix`,
      'use up to 200 letters, digits, ".", "_" or "-", in segments separated by "/", e.g. "acr-iac/"',
    );
}
