/**
 * Attaches the Pulumi resources that point at a registry (endpoints, grants, tokens, webhooks, tasks,
 * diagnostics, locks) to it: the azure-native twin of attachments.ts.
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
  stringOf,
} from './values';
import { privateEndpointOf } from './private-network';
import { attachPulumiDeployResources } from './deploy-attachments';
import { attachPulumiRoleAssignments } from './role-assignments';
import { attachPulumiTokens } from './tokens';
import { attachPulumiTasks } from './tasks';
import type { Diagnostic, ExternalTask, ExternalToken, RoleAssignment } from '../types';
import { UNKNOWN, emptyAttachments, isUnknown } from '../types';
import type { AttachResult, Attachments } from '../types';

function diagnosticOf(index: PulumiIndex, file: string, r: PulumiResourceRecord): Diagnostic {
  const v = r.inputs;
  const categories = new Set<string>();
  const groups = new Set<string>();
  for (const log of (listOf(v.logs) ?? []).map(recordOf)) {
    if (!log || log.enabled === false) continue;
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
    logCategories: [...categories].sort(),
    hasDestination,
    categoryGroups: [...groups].sort(),
  };
}

function lockTarget(index: PulumiIndex, r: PulumiResourceRecord): PulumiTarget | undefined {
  if (r.type === T.lockByScope) return index.registriesInScope(r, 'scope');
  if (r.type === T.lockAtGroup) {
    const group = index.groupOf(r);
    return index.inGroup(group.name, group.via);
  }
  const isRegistry =
    literal(r.inputs.resourceProviderNamespace)?.toLowerCase() === 'microsoft.containerregistry' &&
    literal(r.inputs.resourceType)?.toLowerCase() === 'registries';
  return isRegistry ? index.registryFromName(r, 'resourceName') : undefined;
}

/** Resolves every attachment of the stack to its registry. */
export function attachPulumi(index: PulumiIndex, file: string): AttachResult {
  const attached = new Map(index.registries.map((r) => [r.urn, emptyAttachments()]));
  const externalRoleAssignments: RoleAssignment[] = [];
  const externalTokens: ExternalToken[] = [];
  const externalTasks: ExternalTask[] = [];
  const add = <K extends keyof Attachments>(
    target: PulumiTarget | undefined,
    key: K,
    item: Attachments[K][number],
  ): void => {
    if (target?.kind !== 'managed') return;
    for (const urn of target.urns)
      (attached.get(urn)?.[key] as Attachments[K][number][] | undefined)?.push(item);
  };
  const source = (r: PulumiResourceRecord) => pulumiSourceOf(index, r, file);

  attachPulumiRoleAssignments(index, file, attached, externalRoleAssignments);
  for (const r of index.ofType(T.privateEndpoint)) {
    const [target, endpoint] = privateEndpointOf(index, file, r);
    add(target, 'privateEndpoints', endpoint);
  }
  for (const r of index.ofType(T.scopeMap)) {
    add(index.registryFromName(r, 'registryName'), 'scopeMaps', {
      source: source(r),
      name: stringOf(r.inputs.scopeMapName),
      actions: stringListOf(r.inputs.actions),
    });
  }
  attachPulumiTokens(index, file, attached, externalTokens);
  for (const r of index.ofType(T.webhook)) {
    add(index.registryFromName(r, 'registryName'), 'webhooks', {
      source: source(r),
      name: stringOf(r.inputs.webhookName),
      location: stringOf(r.inputs.location, ''),
      serviceUri: stringOf(r.inputs.serviceUri, ''),
      actions: stringListOf(r.inputs.actions),
      scope: stringOf(r.inputs.scope, ''),
      enabled: isUnknown(plain(r.inputs.status)) ? UNKNOWN : literal(r.inputs.status) !== 'disabled',
    });
  }
  attachPulumiTasks(index, file, attached, externalTasks);
  for (const r of index.ofType(T.diagnosticSetting))
    add(index.registryFromId(r, 'resourceUri'), 'diagnostics', diagnosticOf(index, file, r));
  for (const r of [
    ...index.ofType(T.lockAtResource),
    ...index.ofType(T.lockByScope),
    ...index.ofType(T.lockAtGroup),
  ]) {
    add(lockTarget(index, r), 'locks', {
      source: source(r),
      name: stringOf(r.inputs.lockName),
      level: stringOf(r.inputs.level, ''),
    });
  }
  attachPulumiDeployResources(index, file, attached);
  return { attached, externalRoleAssignments, externalTokens, externalTasks };
}
