/**
 * Attaches the Pulumi resources that point at a registry (endpoints, grants, tokens, webhooks, tasks,
 * diagnostics, locks, imports) to it: the azure-native twin of attachments.ts.
 */
import { DIAGNOSTIC_LOG_CATEGORIES } from '../../../constructs/model/provider-defaults';
import type { PulumiResourceRecord } from './build';
import type { PulumiIndex, PulumiTarget } from './values';
import {
  PULUMI_TYPES as T,
  listOf,
  literal,
  plain,
  pulumiSourceOf,
  recordOf,
  stringListOf,
  statusOn,
  stringOf,
} from './values';
import { privateEndpointOf } from './private-network';
import { attachPulumiDeployResources } from './deploy-attachments';
import { attachPulumiRoleAssignments } from './role-assignments';
import { attachPulumiTokens } from './tokens';
import { attachPulumiTasks } from './tasks';
import { attachPulumiIngests } from './ingests';
import type { RegistryInput } from './unattached';
import { PulumiUnattached } from './unattached';
import type { Diagnostic, ExternalIngest, ExternalTask, ExternalToken, RoleAssignment } from '../types';
import { UNKNOWN, emptyAttachments, isUnknown, unknownBecause } from '../types';
import type { AttachResult, Attachments } from '../types';

function diagnosticOf(index: PulumiIndex, file: string, r: PulumiResourceRecord): Diagnostic {
  const v = r.inputs;
  const categories = new Set<string>();
  const groups = new Set<string>();
  // A list, an element, a flag or a category known only after apply (`logs: x.apply(...)`).
  let later = isUnknown(plain(v.logs));
  for (const entry of listOf(v.logs) ?? []) {
    const log = recordOf(entry);
    const enabled = plain(log?.enabled);
    if (!log || enabled === false) {
      later ||= isUnknown(plain(entry));
      continue;
    }
    if (isUnknown(enabled) || isUnknown(plain(log.categoryGroup)) || isUnknown(plain(log.category))) {
      later = true;
      continue;
    }
    const group = literal(log.categoryGroup);
    if (group === 'allLogs' || group === 'audit') groups.add(group);
    if (group === 'allLogs' || group === 'audit') DIAGNOSTIC_LOG_CATEGORIES.forEach((c) => categories.add(c));
    else if (literal(log.category)) categories.add(literal(log.category) as string);
  }
  const values = [
    'workspaceId',
    'storageAccountId',
    'eventHubAuthorizationRuleId',
    'marketplacePartnerId',
  ].map((k) => plain(v[k]));
  const hasDestination = values.some((x) => typeof x === 'string' && x.length > 0)
    ? true
    : values.some(isUnknown)
      ? UNKNOWN
      : false;
  return {
    source: pulumiSourceOf(index, r, file),
    name: stringOf(v.name),
    logCategories: later
      ? unknownBecause(`the logs of ${r.urn} are known only after apply`)
      : [...categories].sort(),
    hasDestination,
    categoryGroups: later ? UNKNOWN : [...groups].sort(),
  };
}

/** How a lock names what it locks: its input and the registries it covers; undefined for a lock at another type of resource. */
function lockTarget(
  index: PulumiIndex,
  r: PulumiResourceRecord,
):
  | { readonly input: string; readonly by: RegistryInput; readonly target: PulumiTarget | undefined }
  | undefined {
  if (r.type === T.lockByScope)
    return { input: 'scope', by: 'id', target: index.registriesInScope(r, 'scope') };
  // It names no registry (no input to decide): every registry of the stack, or none to attach to.
  if (r.type === T.lockAtSubscription)
    return {
      input: 'lockName',
      by: 'id',
      target:
        index.registries.length > 0
          ? { kind: 'managed', urns: index.registries.map((x) => x.urn) }
          : undefined,
    };
  if (r.type === T.lockAtGroup) {
    return { input: 'resourceGroupName', by: 'id', target: index.inGroup(index.groupOf(r)) };
  }
  const isRegistry =
    literal(r.inputs.resourceProviderNamespace)?.toLowerCase() === 'microsoft.containerregistry' &&
    literal(r.inputs.resourceType)?.toLowerCase() === 'registries';
  return isRegistry
    ? { input: 'resourceName', by: 'name', target: index.registryFromName(r, 'resourceName') }
    : undefined;
}

/**
 * Resolves every attachment of the stack to its registry; those no registry of the stack gets are
 * `unattached` (unattached.ts).
 */
export function attachPulumi(
  index: PulumiIndex,
  file: string,
): AttachResult & { readonly unattached: PulumiUnattached } {
  const attached = new Map(index.registries.map((r) => [r.urn, emptyAttachments()]));
  const externalRoleAssignments: RoleAssignment[] = [];
  const externalTokens: ExternalToken[] = [];
  const externalTasks: ExternalTask[] = [];
  const externalIngests: ExternalIngest[] = [];
  const unattached = new PulumiUnattached(index);
  /** Adds `item` of `r` to the registries `target` names; `input` and `by` say how `r` names them. */
  const add = <K extends keyof Attachments>(
    target: PulumiTarget | undefined,
    key: K,
    item: Attachments[K][number],
    r: PulumiResourceRecord,
    input: string,
    by: RegistryInput,
    value?: unknown,
  ): void => {
    if (target?.kind !== 'managed') return unattached.note(key, item, r, input, by, target, value);
    for (const urn of target.urns)
      (attached.get(urn)?.[key] as Attachments[K][number][] | undefined)?.push(item);
  };
  const source = (r: PulumiResourceRecord) => pulumiSourceOf(index, r, file);

  attachPulumiRoleAssignments(index, file, attached, externalRoleAssignments, unattached);
  for (const r of index.ofType(T.privateEndpoint)) {
    const [target, endpoint, input, value] = privateEndpointOf(index, file, r);
    add(target, 'privateEndpoints', endpoint, r, input, 'id', value);
  }
  for (const r of index.ofType(T.scopeMap)) {
    add(
      index.registryFromName(r, 'registryName'),
      'scopeMaps',
      {
        source: source(r),
        name: stringOf(r.inputs.scopeMapName),
        actions: stringListOf(r.inputs.actions),
      },
      r,
      'registryName',
      'name',
    );
  }
  attachPulumiTokens(index, file, attached, externalTokens, unattached);
  for (const r of index.ofType(T.webhook)) {
    add(
      index.registryFromName(r, 'registryName'),
      'webhooks',
      {
        source: source(r),
        name: stringOf(r.inputs.webhookName),
        location: stringOf(r.inputs.location, ''),
        serviceUri: stringOf(r.inputs.serviceUri, ''),
        actions: stringListOf(r.inputs.actions),
        scope: stringOf(r.inputs.scope, ''),
        enabled: statusOn(r.inputs.status),
      },
      r,
      'registryName',
      'name',
    );
  }
  attachPulumiTasks(index, file, attached, externalTasks, unattached);
  for (const r of index.ofType(T.diagnosticSetting))
    add(
      index.registryFromId(r, 'resourceUri'),
      'diagnostics',
      diagnosticOf(index, file, r),
      r,
      'resourceUri',
      'id',
    );
  for (const r of [
    ...index.ofType(T.lockAtResource),
    ...index.ofType(T.lockByScope),
    ...index.ofType(T.lockAtGroup),
    ...index.ofType(T.lockAtSubscription),
  ]) {
    const locked = lockTarget(index, r);
    if (!locked) continue;
    const lock = {
      source: source(r),
      name: stringOf(r.inputs.lockName),
      level: stringOf(r.inputs.level, ''),
    };
    add(locked.target, 'locks', lock, r, locked.input, locked.by);
  }
  attachPulumiDeployResources(index, file, attached, unattached);
  attachPulumiIngests(index, file, attached, externalIngests, unattached);
  return { attached, externalRoleAssignments, externalTokens, externalTasks, externalIngests, unattached };
}
