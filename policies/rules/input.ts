/**
 * What the input itself holds besides registries: syntax azurerm v4 rejects, module calls whose
 * resources are not read, attachments whose registry the input does not decide, and registries whose
 * number `count`/`for_each` (or a generic resource whose type is not decided) leaves open. Judged once per input, so a file that holds only module calls
 * gets findings rather than silence.
 */
import { INGEST_LABELS } from '../../constructs/model/ingest';
import { isUnknown } from '../inventory/types';
import type { Inventory } from '../inventory/types';
import type { UnattachedItem } from '../inventory/input-notes';
import type { EstateOutcome, EstateRule } from './types';

/** Every inventory of the estate, in a stable order. */
function inventoriesOf(estate: Parameters<EstateRule['check']>[0]): Inventory[] {
  return [...estate.inventories.values()];
}

/** ACR-030: no syntax azurerm v4 removed. */
export const noRemovedSyntax: EstateRule = {
  id: 'ACR-030',
  title: 'No azurerm syntax that v4 removed',
  severity: 'high',
  posture: 'baseline',
  rationale:
    'azurerm v4 rejects a configuration that still uses attributes and blocks it removed (`retention_policy { enabled = true }`, `trust_policy { enabled = true }`, `georeplication_locations`, diagnostic `log` blocks): the plan fails, and the setting they were meant to make is neither the old meaning nor the new default. A configuration whose `required_providers` accept no azurerm 4.x release runs on v3, where that syntax still works: its settings are read as v3 reads them, and each use is still named, since the move to v4 will reject it.',
  remediation:
    'Replace each with its v4 form, named in the finding (`retention_policy_in_days`, `trust_policy_enabled`, `georeplications` blocks, `enabled_log` blocks); see the azurerm 3.0 and 4.0 upgrade guides.',
  references: {},
  check: (estate) =>
    inventoriesOf(estate).flatMap((inventory): EstateOutcome[] => {
      // Nothing to say of an input without removed syntax: only uses are findings.
      const removed = inventory.removedSyntax ?? [];
      const environment = inventory.environment;
      return removed.map((r) => ({
        result: 'fail',
        environment,
        source: r.source,
        message:
          r.azurermV3 === undefined
            ? `\`${r.path}\` on ${r.source.address} was removed in azurerm ${r.removedIn} (azurerm v4 rejects it at plan time): use ${r.replacement}`
            : `\`${r.path}\` on ${r.source.address} was removed in azurerm ${r.removedIn}: it works on the azurerm v3 this configuration requires (${r.azurermV3}), and azurerm v4 rejects it at plan time; use ${r.replacement}`,
      }));
    }),
};

/** ACR-110: module calls are judged in the plan. */
export const moduleCallsInPlan: EstateRule = {
  id: 'ACR-110',
  title: 'Module calls are judged in their plan',
  severity: 'medium',
  posture: 'baseline',
  rationale:
    "A module's resources are not in the calling configuration: registries it creates, and endpoints, grants or locks it attaches, can only be judged in a plan (`terraform show -json`), which lists them with their module address.",
  remediation:
    'Check the plan of this configuration (`terraform plan -out plan && terraform show -json plan > plan.json`, then `acr-iac check plan.json`).',
  references: {},
  check: (estate) =>
    inventoriesOf(estate).flatMap((inventory) =>
      (inventory.moduleCalls ?? []).map((call): EstateOutcome => {
        const source = typeof call.moduleSource === 'string' ? ` (${call.moduleSource})` : '';
        const given =
          call.registries.length > 0
            ? `; it is given ${call.registries.join(', ')} and may attach resources to it`
            : '';
        const why = call.notRead === undefined ? '' : ` (${call.notRead})`;
        const what = call.registryModule
          ? `${call.source.address}${source} creates container registries, whose settings are not read here${why}${given}`
          : `${call.source.address}${source} may create registries or attach to them; its resources are not read here${why}${given}`;
        return {
          result: 'unknown',
          environment: inventory.environment,
          source: call.source,
          message: `${what}: check the plan`,
        };
      }),
    ),
};

const KIND_LABELS: Readonly<Record<UnattachedItem['kind'], string>> = {
  privateEndpoints: 'private endpoint',
  roleAssignments: 'role assignment',
  scopeMaps: 'scope map',
  tokens: 'token',
  webhooks: 'webhook',
  tasks: 'task',
  diagnostics: 'diagnostic setting',
  locks: 'lock',
  agentPools: 'agent pool',
  credentialSets: 'credential set',
  cacheRules: 'cache rule',
  ingests: 'import',
};

/**
 * How ACR-111 names an unattached item: `webhook hook`, `token password` for a password-only item, or
 * an import by its kind (`import pipeline transfer`).
 */
function itemLabel(u: UnattachedItem): string {
  if (u.kind === 'tokens' && u.item.passwordOnly) return 'token password';
  if (u.kind === 'ingests') {
    const name = u.item.name;
    const kind = INGEST_LABELS[u.item.kind] ?? KIND_LABELS.ingests;
    return isUnknown(name) || name === '' ? kind : `${kind} ${name}`;
  }
  const label = 'name' in u.item ? u.item.name : undefined;
  return label === undefined || isUnknown(label) ? KIND_LABELS[u.kind] : `${KIND_LABELS[u.kind]} ${label}`;
}

/** ACR-111: every attachment's registry is decided by the input. */
export const attachmentsResolve: EstateRule = {
  id: 'ACR-111',
  title: "Every attachment's registry is decided by the input",
  severity: 'medium',
  posture: 'baseline',
  rationale:
    'An endpoint, grant, token, webhook, task, import, diagnostic setting or lock that names its registry by a variable without a value, a module output or a registry the input does not declare cannot be counted for or against any registry: the rules about that registry do not see it.',
  remediation:
    'Give the variable a value (`-var`, `--var-file`), reference the registry resource (`${azurerm_container_registry.x.id}`), or check the plan.',
  references: {},
  check: (estate) =>
    inventoriesOf(estate).flatMap((inventory) =>
      (inventory.unattached ?? []).flatMap((u): EstateOutcome[] => {
        if (u.registry.decided) return [];
        const reason = (u.registry.reason as { reason?: string }).reason ?? 'it is known only after apply';
        return [
          {
            result: 'unknown',
            environment: inventory.environment,
            source: u.item.source,
            message: `the registry of ${itemLabel(u)} (${u.item.source.address}) is not decided: ${reason}`,
          },
        ];
      }),
    ),
};

/** ACR-112: the number of registries is decided by the configuration. */
export const registryCountKnown: EstateRule = {
  id: 'ACR-112',
  title: 'The number of registries is decided by the configuration',
  severity: 'low',
  posture: 'baseline',
  rationale:
    'A registry with `count` or `for_each` over an unknown collection may exist zero, one or many times: its settings are judged once, for every instance, but whether any exists (and what is attached to each) only the plan shows. An `azapi_resource` whose `type` is not a literal, in a resource group or under a parent the input does not decide, may be one more registry, whose settings are not read at all.',
  remediation:
    'Give the collection (or the type) a value (`-var`, `--var-file`), write the `type` of a generic resource literally, or check the plan.',
  references: {},
  check: (estate) =>
    inventoriesOf(estate).flatMap((inventory) => [
      ...inventory.registries.flatMap((registry): EstateOutcome[] => {
        if (!registry.presence) return [];
        const reason = registry.presence.reason ?? 'its instances are known only after apply';
        return [
          {
            result: 'unknown',
            environment: inventory.environment,
            source: registry.source,
            message: `${registry.source.address} is judged as one registry standing for all its instances: ${reason}`,
          },
        ];
      }),
      // Generic resources whose type is not decided: each may be one more registry.
      ...(inventory.untypedResources ?? []).map((u): EstateOutcome => ({
        result: 'unknown',
        environment: inventory.environment,
        source: u.source,
        message: u.reason.reason ?? `${u.source.address} may be a container registry (check the plan)`,
      })),
    ]),
};

/** Rules of this file. */
export const INPUT_RULES: readonly EstateRule[] = [
  noRemovedSyntax,
  moduleCallsInPlan,
  attachmentsResolve,
  registryCountKnown,
];
